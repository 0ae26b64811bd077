export {
  admitOrder,
  assertNotFrozen,
  billSummary,
  getBudget,
  setBudget,
} from "./budgets.js";
export {
  findPartner,
  type PartnerRow,
  partnerCustomerIds,
  partnerOfCustomer,
} from "./partners.repository.js";
export { PartnerOrderSchema } from "./partners.schemas.js";
export {
  actingPartner,
  checkIdentity,
  createVerificationCode,
  freezePartnerCustomer,
  listCustomersOf,
  listResellers,
  type PartnerCustomer,
  registerCustomer,
  unfreezePartnerCustomer,
  type VerificationCodeSent,
} from "./partners.service.js";
