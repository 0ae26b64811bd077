export { claimDueAction, findAction, findActionIdByNumber } from "./actions.repository.js";
export { udfFields } from "./actions.schemas.js";
export {
  type ActionInput,
  cancelAction,
  executeScheduledAction,
  listActions,
  rejectScheduledAction,
  type SubscriptionAction,
  submitAction,
  subscriptionStateOf,
} from "./actions.service.js";
export { deleteContractActionRows } from "./contract-records.repository.js";
export { findDistributorIdBy, findInstalledSerialBy } from "./provisioning.repository.js";
