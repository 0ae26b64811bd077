export {
  type BillingPreview,
  type BillingRun,
  type Claimed,
  claimDue,
  completeBillingRuns,
  countSettled,
  interruptStaleRuns,
  openBillingRun,
  previewSettlement,
  recordSettlementFailure,
  type Settlement,
  settleContract,
  settleLocked,
} from "./billing.js";
export { createDownloadLink, createDownloadLinks } from "./document-links.js";
export {
  finalizeInvoice,
  getInvoice,
  type Invoice,
  listInvoices,
  type Party,
  voidableDocument,
  voidDocument,
} from "./documents.js";
export { issuedTotalsByMonth } from "./documents.repository.js";
export { countDocumentsByKind, findInvoice, latestDocuments } from "./invoicing.repository.js";
export {
  BusinessEntityInput,
  BusinessEntityPatch,
  PreviewSchema,
  TaxPolicyBody,
} from "./invoicing.schemas.js";
export {
  creditNotesTotal,
  finalizedTotal,
  finalizedTotals,
  invoicesAsI,
} from "./receivables.repository.js";
export { countDraftDocuments, invoiceParties } from "./transfer-facts.repository.js";
