export {
  advanceBillingOf,
  loadAdvanceContract,
  NO_ADVANCE,
  saveAdvanceBilling,
} from "./advance-billing.js";
export {
  type AnchorPeriod,
  type BillingDateChange,
  loadBillingDateContract,
  plannedBillingDate,
  saveBillingDate,
  settledRestarts,
} from "./billing-date.js";
export {
  billAgain,
  clearFailedSettlement,
  componentSubscriptionsOf,
  discountGrantsOf,
  firstDueContract,
  hasSettlementFailure,
  lockDueContracts,
  markRatedItemsBilled,
  ratedItemsOf,
  recordFailedSettlement,
  setBillingDates,
  setNextBillingAt,
  unbillRatedItems,
} from "./billing-facts.repository.js";
export { type CancellationPlan, planCancellation } from "./cancellation.js";
export {
  addRatedItem,
  type ComponentSubscription,
  listComponentSubscriptions,
  type RatedItem,
  setComponentQuantity,
  subscribeComponent,
  validateCartComponents,
} from "./contract-items.js";
export { findRunningComponentSubscription } from "./contract-items.repository.js";
export {
  type ContractRow,
  type CustomerOrderFilter,
  contractsForUsage,
  countCustomerOrders,
  countOrders,
  declinePortalOrders,
  findContract,
  findContractIdsOfCustomer,
  findPortalChangeOrder,
  listCustomerOrderRows,
  loadTimeline,
  loadTimelines,
  markDue,
  markPortalOrder,
  type OrderRow,
  reassignContracts,
  saveTimeline,
  setBillingFrozen,
  setGracePeriodEnd,
  setRestingSince,
  setTermRestarts,
  startDraftContractAt,
  termRestartsOf,
} from "./contracts.repository.js";
export { CartComponentSchema, ContractSchema } from "./contracts.schemas.js";
export {
  applyChange,
  type Contract,
  createContract,
  endContract,
  getContract,
  listContracts,
  markDueLater,
} from "./contracts.service.js";
export { lockContractForDeletion, removeContract } from "./deletion.js";
export { grantDiscount, listDiscountSubscriptions } from "./discount-subscriptions.js";
export { claimGraceExpired, endGracePeriod } from "./grace.repository.js";
export { type ContractImportInput, type ImportedContract, importContract } from "./imports.js";
export {
  assertOrderingCustomer,
  assertPaymentData,
  type ChangeInput,
  createChangeOrder,
  createOrder,
  createSignupOrder,
  getOrder,
  lockOrder,
  needsApproval,
  type Order,
  orderedSettlement,
  recordPaymentMethod,
  type SignupInput,
  setOrderStatus,
} from "./orders.service.js";
export { announcePhaseEvents, DEFAULT_TRIAL_END_NOTICE_DAYS } from "./phase-events.js";
export { contractMovements, normalPhasesAt } from "./revenue-facts.repository.js";
export {
  authenticatePortal,
  createSelfServiceToken,
  portalLinkId,
  type SelfServiceToken,
  verifySelfServiceToken,
} from "./self-service.js";
export { loadTermContract, plannedTermEnd, saveTermEnd, type TermEndChange } from "./term-end.js";
export { variantWithPlan } from "./timelines.js";
export {
  type ContractMove,
  contractEntityId,
  contractsIn,
  contractTransferFacts,
  hasOpenContractIn,
  lockCustomerContracts,
  moveContracts,
} from "./transfer-facts.repository.js";
