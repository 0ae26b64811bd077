export {
  anyTenantLocked,
  findDunningSteps,
  findTenant,
  findTestClockNow,
  insertTenant,
  lockTenant,
  lockTestClock,
  setDunningSteps,
  setTestClockNow,
  tenantSettings,
  testClockNowOf,
} from "./tenants.repository.js";
export { tenantName } from "./tenants.service.js";
