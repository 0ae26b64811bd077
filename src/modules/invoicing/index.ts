export {
  type BillingRun,
  type Claimed,
  claimDue,
  completeBillingRuns,
  countSettled,
  interruptStaleRuns,
  openBillingRun,
  recordSettlementFailure,
} from "./billing-runs.js";
export { createDownloadLink, createDownloadLinks } from "./document-links.js";
export {
  dunnedInvoice,
  finalizeInvoice,
  getInvoice,
  type Invoice,
  listInvoices,
  type Party,
  stopInvoiceDunning,
  voidableDocument,
  voidDocument,
} from "./documents.js";
export { issuedTotalsByMonth } from "./documents.repository.js";
export {
  countDocumentsByKind,
  findInvoice,
  latestDocuments,
  reassignDocuments,
} from "./invoicing.repository.js";
export {
  BusinessEntityInput,
  BusinessEntityPatch,
  PreviewSchema,
  TaxPolicyBody,
} from "./invoicing.schemas.js";
export { type BillingPreview, previewSettlement } from "./preview.js";
export {
  type CreditNoteFacts,
  creditNoteFacts,
  creditNoteIdsOf,
  creditNotesTotal,
  finalizedTotal,
  finalizedTotals,
  invoicesAsI,
} from "./receivables.repository.js";
export { type Settlement, settleContract, settleLocked } from "./settle.js";
export { countDraftDocuments, invoiceParties } from "./transfer-facts.repository.js";
