export {
  findActionIdByNumber,
  findDistributorIdBy,
  findInstalledSerialBy,
} from "./actions.repository.js";
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
export { claimDueAction } from "./scheduled.js";
