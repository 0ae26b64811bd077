export { claimKey, deleteExpiredKeys, storeResponse } from "./idempotency.repository.js";
