export { markUsageBilled, unbillUsage, usagePerDay } from "./billing-facts.repository.js";
export { deleteContractUsageRows } from "./contract-records.repository.js";
export { deleteUsage, getUsage, listUsage, postUsage, type UsageRecord } from "./usage.service.js";
