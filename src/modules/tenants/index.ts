export {
  anyTenantLocked,
  findCollectionRetryDays,
  findDunningSteps,
  findTenant,
  findTestClockNow,
  insertTenant,
  lockTenant,
  lockTestClock,
  setCollectionRetryDays,
  setDunningSteps,
  setTestClockNow,
  tenantSettings,
  testClockNowOf,
} from "./tenants.repository.js";
export { tenantName } from "./tenants.service.js";
