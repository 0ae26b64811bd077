export { type AdvanceState, advanceStateOf } from "./advance.js";
export { type BillingPeriod, billingPeriodOf } from "./billing-period.js";
export {
  type BillingRun,
  type Claimed,
  claimDue,
  completeBillingRuns,
  countSettled,
  interruptBillingRuns,
  interruptStaleRuns,
  openBillingRun,
  recordSettlementFailure,
  SETTLEMENT_ATTEMPTS,
  type SettledCounts,
  settledCounts,
  tenantsDue,
} from "./billing-runs.js";
export { contractHasDocuments } from "./contract-records.repository.js";
export { createDownloadLink, createDownloadLinks } from "./document-links.js";
export {
  type CreditNoteInput,
  createCreditNote,
  documentPdf,
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
export { issuedTotalsBetween, issuedTotalsByMonth } from "./documents.repository.js";
export { issuePreviewInvoice } from "./gift-invoices.js";
export {
  countDocumentsByKind,
  findInvoice,
  latestDocuments,
  reassignDocuments,
} from "./invoicing.repository.js";
export {
  BusinessEntityInput,
  BusinessEntityPatch,
  ChargeInvoiceBody,
  ChargeLineBody,
  PreviewSchema,
  TaxPolicyBody,
} from "./invoicing.schemas.js";
export { createChargeInvoice } from "./one-off-charges.js";
export { type BillingPreview, previewSettlement } from "./preview.js";
export { type QuoteDocumentInput, quotePdf } from "./quote-document.js";
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
export { existingSigningKey, signingKey } from "./signing-keys.repository.js";
export { countDraftDocuments, invoiceParties } from "./transfer-facts.repository.js";
