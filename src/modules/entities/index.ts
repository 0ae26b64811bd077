export { createDefaultEntity, entityForNewRecord } from "./entities.service.js";
export { assertAllowed, contractStateFrom, guardRecord } from "./guard.js";
export { moveTransferredContracts } from "./transfers.service.js";
