export {
  anyTenantLocked,
  findAuthenticationExpiryHours,
  findCollectionRetryDays,
  findDunningSteps,
  findTenant,
  findTestClockNow,
  insertTenant,
  lockTenant,
  lockTestClock,
  setAuthenticationExpiryHours,
  setCollectionRetryDays,
  setDunningSteps,
  setTestClockNow,
  tenantSettings,
  testClockNowOf,
} from "./tenants.repository.js";
export { tenantName } from "./tenants.service.js";
