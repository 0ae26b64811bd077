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
} from "./documents.js";
export { defaultEntity, type EntityRow } from "./invoicing.repository.js";
export { BusinessEntityInput, BusinessEntityPatch, PreviewSchema } from "./invoicing.schemas.js";
export {
  assertEntityInput,
  assertTaxPolicy,
  type BusinessEntity,
  type EntityUpdate,
  listBusinessEntities,
  toEntity,
  updateBusinessEntity,
} from "./settings.js";
