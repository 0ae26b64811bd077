export {
  countFailedPayments,
  dunnableInvoiceIds,
  insertDunningNotice,
  invoiceDue,
  lockInvoiceToDun,
  noticedLevels,
} from "./dunning.repository.js";
export {
  amountApplied,
  collectedByMonth,
  countPayments,
  creditAllocatedWith,
  INVOICE_DUE,
  openInvoiceCount,
  refundedOnCreditNote,
} from "./payments.repository.js";
export { amountOwed, customerBalance } from "./payments.service.js";
export { allocatedInvoiceIds } from "./transfer-facts.repository.js";
