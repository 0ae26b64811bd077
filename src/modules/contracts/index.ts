export {
  addRatedItem,
  type ComponentSubscription,
  listComponentSubscriptions,
  type RatedItem,
  setComponentQuantity,
  subscribeComponent,
  validateCartComponents,
} from "./contract-items.js";
export {
  type ContractRow,
  customerHasContractsOrOrders,
  findContract,
  loadTimeline,
  loadTimelines,
  markDue,
  type OrderRow,
  saveTimeline,
} from "./contracts.repository.js";
export {
  applyChange,
  assertOrderingCustomer,
  assertPaymentData,
  type CancellationPlan,
  type Contract,
  createChangeOrder,
  createContract,
  createSignupOrder,
  endContract,
  getContract,
  getOrder,
  listContracts,
  lockOrder,
  needsApproval,
  type Order,
  orderedSettlement,
  planCancellation,
  recordPaymentMethod,
  type SignupInput,
  setOrderStatus,
} from "./contracts.service.js";
export { grantDiscount, listDiscountSubscriptions } from "./discount-subscriptions.js";
export { announcePhaseEvents, DEFAULT_TRIAL_END_NOTICE_DAYS } from "./phase-events.js";
export {
  authenticatePortal,
  createSelfServiceToken,
  verifySelfServiceToken,
} from "./self-service.js";
