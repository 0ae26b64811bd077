/**
 * Renewals invoiced in advance (Chargebee: charge future renewals, advance invoice schedules).
 * An advance charge is a day `on` and a billing-period boundary `through`: every recurring or
 * component fee of a fee period starting before `through` is due on `on` at the latest, so the
 * settlement of that day bills those periods and later settlements find them billed (the same
 * charge keys): nothing is billed twice, and a change inside an advance-billed period is billed
 * or credited by the diff like any other. A schedule makes such charges on its days: fixed
 * intervals (from a renewal, every `terms` periods invoice the next `terms`) or specific dates
 * (each invoices the `terms` periods after the one holding it).
 */
import type { Temporal } from "temporal-polyfill";
import { compareDates, localDate } from "../time/index.js";
import { cellAt, type Grid } from "./grid.js";
import type { AdvanceBilling } from "./history.js";

/** Every fee period starting before `through` is due on `on` at the latest. */
export type AdvanceGrant = {
  readonly on: Temporal.PlainDate;
  readonly through: Temporal.PlainDate;
};

/** The billing grid in effect on a day (the plan variant's then). */
export type GridAt = (date: Temporal.PlainDate) => Grid;

const before = (a: Temporal.PlainDate, b: Temporal.PlainDate) => compareDates(a, b) < 0;

/** The end of the `n` billing periods from `from` (a boundary) on. */
export function periodsFrom(
  gridAt: GridAt,
  from: Temporal.PlainDate,
  n: number,
): Temporal.PlainDate {
  let d = from;
  for (let i = 0; i < n; i++) d = cellAt(gridAt(d), d).end;
  return d;
}

/** The end of the billing period holding `date`: its next renewal. */
export const renewalAfter = (gridAt: GridAt, date: Temporal.PlainDate): Temporal.PlainDate =>
  cellAt(gridAt(date), date).end;

/** The advance charges made by `until` (the customer's day): the stored ones and the schedule's. */
export function advanceGrants(
  advance: AdvanceBilling | undefined,
  timeZone: string,
  gridAt: GridAt,
  until: Temporal.PlainDate,
): AdvanceGrant[] {
  if (!advance) return [];
  const day = (i: Temporal.Instant) => localDate(i, timeZone);
  const grants: AdvanceGrant[] = [];
  for (const c of advance.charges) {
    const on = day(c.on);
    if (!before(until, on)) grants.push({ on, through: day(c.through) });
  }
  const s = advance.schedule;
  if (s?.type === "specific_dates") {
    for (const d of s.dates) {
      const on = day(d.on);
      if (before(until, on)) continue;
      grants.push({ on, through: periodsFrom(gridAt, renewalAfter(gridAt, on), d.terms) });
    }
  } else if (s?.type === "fixed_intervals") {
    let on = day(s.from);
    for (let j = 0; (s.occurrences === null || j < s.occurrences) && !before(until, on); j++) {
      const through = periodsFrom(gridAt, on, s.terms);
      grants.push({ on, through });
      on = through;
    }
  }
  return grants;
}

/** The first day after `after` on which the schedule invoices; null: none. */
export function nextScheduledDay(
  advance: AdvanceBilling | undefined,
  timeZone: string,
  gridAt: GridAt,
  after: Temporal.PlainDate,
): Temporal.PlainDate | null {
  const s = advance?.schedule;
  if (!s) return null;
  const day = (i: Temporal.Instant) => localDate(i, timeZone);
  if (s.type === "specific_dates") {
    const later = s.dates.map((d) => day(d.on)).filter((d) => before(after, d));
    return later.sort(compareDates)[0] ?? null;
  }
  let on = day(s.from);
  for (let j = 0; s.occurrences === null || j < s.occurrences; j++) {
    if (before(after, on)) return on;
    on = periodsFrom(gridAt, on, s.terms);
  }
  return null;
}

/** The day a fee period starting on `feeStart` falls due at the latest under the grants. */
export function advancedDue(
  grants: readonly AdvanceGrant[],
  feeStart: Temporal.PlainDate,
  due: Temporal.PlainDate,
): Temporal.PlainDate {
  let out = due;
  for (const g of grants) {
    if (before(feeStart, g.through) && before(g.on, out)) out = g.on;
  }
  return out;
}

/** Where the grants run through: the latest `through`; null: none. */
export function chargedThrough(grants: readonly AdvanceGrant[]): Temporal.PlainDate | null {
  let out: Temporal.PlainDate | null = null;
  for (const g of grants) if (out === null || before(out, g.through)) out = g.through;
  return out;
}
