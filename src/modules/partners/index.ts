export {
  admitOrder,
  assertNotFrozen,
  billSummary,
  getBudget,
  getPartnerOrder,
  listPartnerOrders,
  setBudget,
} from "./budgets.js";
export {
  actingPartner,
  checkIdentity,
  freezeCustomer,
  listCustomersOf,
  listResellers,
  type PartnerCustomer,
  registerCustomer,
  sendVerificationCode,
  unfreezeCustomer,
} from "./partners.service.js";
