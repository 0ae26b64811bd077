export { reassignFulfilmentOrders } from "./fulfilment.repository.js";
export { FulfilmentOrderSchema } from "./fulfilment.schemas.js";
export {
  assertAction,
  assertRefundable,
  assignOrderNumber,
  createFulfilmentOrder,
  creditOf,
  deleteFulfilmentOrder,
  type FulfilmentOrder,
  getFulfilmentOrder,
  importFulfilmentOrder,
  listFulfilmentOrders,
  lockFulfilmentOrder,
  recordCancellation,
  recordRefund,
  reopenFulfilmentOrder,
  resendFulfilmentOrder,
  updateFulfilmentOrder,
} from "./fulfilment.service.js";
