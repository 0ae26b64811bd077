export { collectableInvoiceIds, lockInvoiceToCollect } from "./collection.repository.js";
export {
  attemptsOf,
  collectionSources,
  type InvoiceToCollect,
  makeCollectionAttempt,
  settlePendingAttempt,
} from "./collection.service.js";
export {
  countFailedPayments,
  dunnableInvoiceIds,
  insertDunningNotice,
  invoiceDue,
  lockInvoiceToDun,
  noticedLevels,
} from "./dunning.repository.js";
export {
  accountsSealedUnderOtherKeys,
  storeResealedCredentials,
} from "./gateway-accounts.repository.js";
export { resealedCredentials } from "./gateway-accounts.service.js";
export { dueOf, openInvoice } from "./invoice-payments.service.js";
export { expiredOpenSetups } from "./payment-source-setups.repository.js";
export {
  completeSourceSetup,
  expireSourceSetup,
  SETUP_EXPIRY_HOURS,
  type SetupOutcome,
  type SetupUrlsOf,
  type SourceEntry,
  sourceEntry,
  sourceSetupState,
  startSourceSetup,
} from "./payment-source-setups.service.js";
export { reassignPaymentSources } from "./payment-sources.repository.js";
export { UpdatePaymentMethodInput } from "./payment-sources.schemas.js";
export {
  addPaymentSource,
  assignPaymentRole,
  collectCustomerPayment,
  collectInvoicePayment,
  completePaymentAction,
  confirmPaymentAction,
  deletePaymentSource,
  expireWaitingPayment,
  listPaymentSources,
  type OnCancelRefused,
  type PaymentSource,
  paymentExpiryRequestId,
  paymentsToConfirm,
  type ReturnUrlOf,
  updatePaymentMethod,
} from "./payment-sources.service.js";
export {
  amountApplied,
  collectedByMonth,
  countPayments,
  creditAllocatedWith,
  expiredActionPayments,
  failedPaymentsBetween,
  INVOICE_DUE,
  openInvoiceCount,
  reassignPayments,
  refundedOnCreditNote,
} from "./payments.repository.js";
export {
  amountOwed,
  customerBalance,
  getPayment,
  invoiceDues,
  listPayments,
  type Payment,
} from "./payments.service.js";
export { allocatedInvoiceIds } from "./transfer-facts.repository.js";
