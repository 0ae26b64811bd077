export { anyTenantLocked, insertTenant, tenantName } from "./tenants.service.js";
