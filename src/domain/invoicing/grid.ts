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
  daysIn,
  type Period,
  periodStrategies,
} from "../time/index.js";

export type Grid = {
  readonly anchor: Temporal.PlainDate;
  readonly period: Period;
  readonly alignment: Alignment;
  /**
   * Days from which an anniversary grid restarts (a moved term end), in order: the cell
   * holding one is cut there, and cells repeat from it on.
   */
  readonly restarts?: readonly Temporal.PlainDate[];
};

/**
 * A cell; `whole` is set on a cell cut short by a restart: the days of the uncut cell, by
 * which the cut one is prorated.
 */
export type Cell = DateSpan & { readonly whole?: number };

/** The days a cell's price is for: the uncut cell's. */
export const wholeDays = (cell: Cell): number => cell.whole ?? daysIn(cell);

/** The grid cell holding `date`. */
export function cellAt(grid: Grid, date: Temporal.PlainDate): Cell {
  const restarts = grid.restarts ?? [];
  if (restarts.length === 0 || grid.alignment === "calendar") return plainCellAt(grid, date);
  let anchor = grid.anchor;
  let next: Temporal.PlainDate | null = null;
  for (const r of restarts) {
    if (compareDates(r, date) <= 0) {
      anchor = r;
    } else {
      next = r;
      break;
    }
  }
  const cell = plainCellAt({ ...grid, anchor }, date);
  if (next !== null && compareDates(cell.end, next) > 0) {
    return { start: cell.start, end: next, whole: daysIn(cell) };
  }
  return cell;
}

function plainCellAt(grid: Grid, date: Temporal.PlainDate): DateSpan {
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
): Cell[] {
  const cells: Cell[] = [];
  if (compareDates(to, from) <= 0) return cells;
  let cell = cellAt(grid, from);
  for (;;) {
    cells.push(cell);
    if (compareDates(cell.end, to) >= 0) return cells;
    cell = cellAt(grid, cell.end);
  }
}
