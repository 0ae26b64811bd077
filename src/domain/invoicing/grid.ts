/**
 * Grids cut a contract's days into fee periods and billing periods. A grid is unbounded in
 * both directions: anniversary grids repeat the period from the anchor forwards and
 * backwards (trial days before the paid start fall in the cells before the anchor), calendar
 * grids are the absolute calendar cells of the period (a contract starting mid-month simply
 * covers part of its first cell, which proration accounts for).
 */
import type { Temporal } from "temporal-polyfill";
import {
  type Alignment,
  addPeriods,
  compareDates,
  type DateSpan,
  type Period,
  periodStrategies,
} from "../time/index.js";

export type Grid = {
  readonly anchor: Temporal.PlainDate;
  readonly period: Period;
  readonly alignment: Alignment;
};

/** The grid cell holding `date`. */
export function cellAt(grid: Grid, date: Temporal.PlainDate): DateSpan {
  const { period: p, anchor } = grid;
  const s = periodStrategies[p.unit];
  if (grid.alignment === "calendar") {
    const cell = s.calendarCell(date, p.count);
    return {
      start: s.calendarCellStart(cell, p.count),
      end: s.calendarCellStart(cell + 1, p.count),
    };
  }
  // the strategy's index is exact for dates after the anchor; for dates before it, the month
  // arithmetic can be off by one either way, so settle it by comparison
  let k = s.anniversaryIndex(anchor, p.count, date);
  while (compareDates(addPeriods(anchor, p, k), date) > 0) k -= 1;
  while (compareDates(addPeriods(anchor, p, k + 1), date) <= 0) k += 1;
  return { start: addPeriods(anchor, p, k), end: addPeriods(anchor, p, k + 1) };
}

/** Every cell overlapping [from, to), in order; none when to ≤ from. */
export function cellsOverlapping(
  grid: Grid,
  from: Temporal.PlainDate,
  to: Temporal.PlainDate,
): DateSpan[] {
  const cells: DateSpan[] = [];
  if (compareDates(to, from) <= 0) return cells;
  let cell = cellAt(grid, from);
  for (;;) {
    cells.push(cell);
    if (compareDates(cell.end, to) >= 0) return cells;
    cell = cellAt(grid, cell.end);
  }
}
