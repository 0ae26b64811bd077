export { type AuditRecord, auditRecordsStatement, insertAuditRecords } from "./audit.repository.js";
