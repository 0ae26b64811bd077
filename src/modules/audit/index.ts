export { type AuditRecord, insertAuditRecords } from "./audit.repository.js";
