export { deleteUsage, getUsage, listUsage, postUsage, type UsageRecord } from "./usage.service.js";
