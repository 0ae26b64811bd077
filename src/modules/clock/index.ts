export { clockFor, tenantClock } from "./clock.service.js";
