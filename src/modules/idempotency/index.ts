export {
  claimKey,
  deleteExpiredKeys,
  storeResponse,
  storeResponseStatement,
} from "./idempotency.repository.js";
