export {
  type ChargeKind,
  type ExpectedItem,
  expectedItems,
  nextBillingDate,
  STEPS,
} from "./charges.js";
export { type BilledItem, diffItems, type NewItem } from "./diff.js";
export { cellAt, cellsOverlapping, type Grid } from "./grid.js";
export type * from "./history.js";
