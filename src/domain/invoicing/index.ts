export type { AdvanceGrant } from "./advance.js";
export {
  advanceAt,
  billingPeriodAt,
  type ChargeKind,
  type ExpectedItem,
  expectedItems,
  expectedItemsStepwise,
  nextBillingDate,
  STEPS,
} from "./charges.js";
export { type BilledItem, diffItems, type NewItem } from "./diff.js";
export { type Cell, cellAt, cellsOverlapping, type Grid, wholeDays } from "./grid.js";
export type * from "./history.js";
