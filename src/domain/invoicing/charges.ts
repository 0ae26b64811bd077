/**
 * What SHOULD have been billed: from a contract's history, every charge with a stable key,
 * its service period, amount and due date. An ordered list of named pure steps; each step
 * reads the history (and, for discounts, the charges before it) and adds items.
 *
 * Days are the customer's calendar days. The paid term's first day is the billing anchor:
 * anniversary grids repeat from it (trial days fall in the cells before it), calendar grids
 * are absolute.
 * - fee periods (the plan variant's or the component's) give each charge's period and price;
 *   a partly covered fee period is charged pro rata by days (components: when they prorate);
 * - billing periods give due dates: prepaid charges are due when the billing period holding
 *   their fee period's start begins; postpaid charges and usage when the billing period
 *   holding their last day ends, or when the contract ends, if earlier.
 */
import { Temporal } from "temporal-polyfill";
import type { Phase } from "../contracts/phases.js";
import { Dec, type Money, money, proratedAmount, toDecimalString } from "../money/index.js";
import { billableQuantity, type PriceModel, rate } from "../pricing/index.js";
import { compareDates, type DateSpan, daysIn, localDate, maxDate, minDate } from "../time/index.js";
import {
  type AdvanceGrant,
  advancedDue,
  advanceGrants,
  chargedThrough,
  type GridAt,
  nextScheduledDay,
  periodsFrom,
  renewalAfter,
} from "./advance.js";
import { type Cell, cellAt, cellsOverlapping, type Grid, wholeDays } from "./grid.js";
import type { ContractHistory, VariantTerms } from "./history.js";

export type ChargeKind =
  | "setup_fee"
  | "recurring_fee"
  | "component_fee"
  | "usage"
  | "rated_item"
  | "discount";

export type ExpectedItem = {
  /** Stable identity of the charge: the same charge has the same key in every run. */
  readonly key: string;
  readonly kind: ChargeKind;
  readonly description: string;
  /** The days the charge is for (end exclusive); null for a one-off without a period. */
  readonly period: DateSpan | null;
  /** Decimal strings, as printed on the line. */
  readonly quantity: string;
  readonly unitPrice: string;
  readonly amount: Money;
  readonly due: Temporal.PlainDate;
  /** What the charge bills, so the records can be marked billed. */
  readonly source?:
    | { readonly usage: { readonly componentId: string; readonly span: DateSpan } }
    | { readonly ratedItemId: string };
  /** The fee period a recurring or component charge is priced for (cut short by a restart). */
  readonly feePeriod?: Cell;
};

/** A phase as days: [start, end) in the customer's calendar, end null while open. */
type Segment = {
  readonly phase: Phase;
  readonly start: Temporal.PlainDate;
  readonly end: Temporal.PlainDate | null;
};

type Basis = {
  readonly history: ContractHistory;
  readonly segments: readonly Segment[];
  readonly anchor: Temporal.PlainDate;
  /** Days from which anniversary grids restart (moved term ends), in order. */
  readonly restarts: readonly Temporal.PlainDate[];
  readonly contractStart: Temporal.PlainDate;
  readonly contractEnd: Temporal.PlainDate | null;
  /** Charges starting at or after this day cannot be due by the target date. */
  readonly horizon: Temporal.PlainDate;
  /** Renewals invoiced in advance by the target date (./advance.ts). */
  readonly grants: readonly AdvanceGrant[];
  /** An imported contract: the first day not billed by the other system; null: none. */
  readonly billedFrom: Temporal.PlainDate | null;
};

const day = (i: Temporal.Instant, tz: string) => localDate(i, tz);
const before = (a: Temporal.PlainDate, b: Temporal.PlainDate) => compareDates(a, b) < 0;
const dec = (s: string) => new Dec(s);
const plain = (d: Dec) => d.toFixed();

function segmentsOf(history: ContractHistory): Segment[] {
  const { phases } = history.timeline;
  const tz = history.timeZone;
  const segments = phases.map((phase, i) => ({
    phase,
    start: day(phase.start, tz),
    end: i + 1 < phases.length ? day(phases[i + 1]!.start, tz) : null,
  }));
  // a phase superseded on the day it started covers no day
  return segments.filter((s) => s.end === null || before(s.start, s.end));
}

/** The span a segment covers within [from, to); null when none. */
function clip(s: { start: Temporal.PlainDate; end: Temporal.PlainDate | null }, span: DateSpan) {
  const end = s.end === null ? span.end : minDate(s.end, span.end);
  const start = maxDate(s.start, span.start);
  return before(start, end) ? { start, end } : null;
}

function variantOf(b: Basis, id: string): VariantTerms {
  const v = b.history.variants.get(id);
  if (!v) throw new Error(`plan variant ${id} is missing from the contract history`);
  return v;
}

/** The plan variant in effect on `date`: the covering phase's, else the last one before. */
function variantAt(b: Basis, date: Temporal.PlainDate): VariantTerms {
  let found: string | null = null;
  for (const s of b.segments) {
    if (s.phase.planVariantId !== null && (found === null || !before(date, s.start))) {
      found = s.phase.planVariantId;
    }
    if (before(date, s.start)) break;
  }
  if (found === null) throw new Error("a contract history without a plan variant");
  return variantOf(b, found);
}

const billingGrid = (b: Basis, v: VariantTerms): Grid => ({
  anchor: b.anchor,
  period: v.billingPeriod,
  alignment: v.alignment,
  restarts: b.restarts,
});

/** Due date of a charge for `coverage`, priced for fee period `fee`. */
function dueDate(
  b: Basis,
  mode: "prepaid" | "postpaid",
  fee: DateSpan,
  coverage: DateSpan,
): Temporal.PlainDate {
  if (mode === "prepaid") {
    const start = maxDate(fee.start, b.contractStart);
    // never before the paid term for what it covers (a calendar period may begin in the
    // trial), nor before the contract for what is billed in trial
    const floor = before(coverage.start, b.anchor) ? b.contractStart : b.anchor;
    const due = maxDate(cellAt(billingGrid(b, variantAt(b, start)), start).start, floor);
    return advancedDue(b.grants, fee.start, due);
  }
  const last = coverage.end.subtract({ days: 1 });
  const end = cellAt(billingGrid(b, variantAt(b, last)), last).end;
  return advancedDue(
    b.grants,
    fee.start,
    b.contractEnd !== null ? minDate(end, b.contractEnd) : end,
  );
}

/**
 * The part of `span` an imported contract's other system did not bill (from its billed-until
 * day on); null when it billed all of it.
 */
function unbilledPart(b: Basis, span: DateSpan): DateSpan | null {
  if (b.billedFrom === null) return span;
  const start = maxDate(span.start, b.billedFrom);
  return before(start, span.end) ? { start, end: span.end } : null;
}

function prorationNote(covered: number, whole: number): string {
  return covered === whole ? "" : ` (${covered} of ${whole} days)`;
}

// ---- steps -------------------------------------------------------------------------------

/** A step's items, lazily where a long history makes many (one per billing period). */
type Step = (b: Basis, items: readonly ExpectedItem[]) => Iterable<ExpectedItem>;

/** The first plan variant's setup fee, once, when the contract starts. */
const setupFee: Step = (b) => {
  const first = b.segments[0];
  if (!first?.phase.planVariantId) return [];
  const v = variantOf(b, first.phase.planVariantId);
  // an imported contract started in the other system, which charged its setup
  if (dec(v.setupFee).isZero() || b.billedFrom !== null) return [];
  return [
    {
      key: `setup:${b.history.contractId}`,
      kind: "setup_fee",
      description: `Setup fee — ${v.name}`,
      period: null,
      quantity: "1",
      unitPrice: plain(dec(v.setupFee)),
      amount: proratedAmount(v.setupFee, 1n, 1n, b.history.currency),
      due: b.contractStart,
    },
  ];
};

/**
 * The recurring fee of every paid (normal) phase, per fee period of its plan variant and
 * plan quantity; a fee period covered only in part is charged for the days covered.
 */
const recurringFees: Step = function* (b) {
  const groups = new Map<string, { variant: VariantTerms; quantity: string; segs: Segment[] }>();
  for (const s of b.segments) {
    if (s.phase.type !== "normal" || s.phase.planVariantId === null) continue;
    const quantity = plain(dec(s.phase.quantity));
    const id = `${s.phase.planVariantId}:${quantity}`;
    const group = groups.get(id) ?? {
      variant: variantOf(b, s.phase.planVariantId),
      quantity,
      segs: [],
    };
    group.segs.push(s);
    groups.set(id, group);
  }
  for (const { variant: v, quantity, segs } of groups.values()) {
    const grid: Grid = {
      anchor: b.anchor,
      period: v.feePeriod,
      alignment: v.alignment,
      restarts: b.restarts,
    };
    const value = dec(v.recurringFee).times(dec(quantity));
    if (value.isZero()) continue;
    const seen = new Set<string>();
    for (const s of segs) {
      const to = s.end === null ? b.horizon : minDate(s.end, b.horizon);
      for (const fee of cellsOverlapping(grid, s.start, to)) {
        if (seen.has(fee.start.toString())) continue;
        seen.add(fee.start.toString());
        // an imported contract: only the days from its billed-until day on
        const open = unbilledPart(b, fee);
        if (!open) continue;
        const parts = segs.map((x) => clip(x, open)).filter((p): p is DateSpan => p !== null);
        if (parts.length === 0) continue;
        const covered = parts.reduce((n, p) => n + daysIn(p), 0);
        const whole = wholeDays(fee);
        const coverage = { start: parts[0]!.start, end: parts.at(-1)!.end };
        yield {
          key: `fee:${v.id}:${quantity}:${fee.start}`,
          kind: "recurring_fee",
          description: `${v.name}${prorationNote(covered, whole)}`,
          period: coverage,
          quantity,
          unitPrice: plain(dec(v.recurringFee)),
          amount: proratedAmount(value, BigInt(covered), BigInt(whole), b.history.currency),
          due: dueDate(b, v.paymentMode, fee, coverage),
          feePeriod: fee,
        };
      }
    }
  }
};

/**
 * Quantity-based and on/off components, per fee period of the component, while the contract
 * is in a paid phase (or in trial, for components billed in trial).
 */
const componentFees: Step = function* (b) {
  const tz = b.history.timeZone;
  for (const sub of b.history.componentSubscriptions) {
    const c = b.history.components.get(sub.componentId);
    if (!c || c.type === "metered") continue;
    const span = { start: day(sub.start, tz), end: sub.end === null ? null : day(sub.end, tz) };
    if (span.end !== null && !before(span.start, span.end)) continue;
    const billable = b.segments.filter(
      (s) => s.phase.type === "normal" || (s.phase.type === "trial" && c.billInTrial),
    );
    const value = dec(rate(c.price, sub.quantity).total);
    if (value.isZero() || billable.length === 0) continue;
    const v = variantAt(b, span.start);
    const grid: Grid = {
      anchor: b.anchor,
      period: c.feePeriod,
      alignment: v.alignment,
      restarts: b.restarts,
    };
    const to = span.end === null ? b.horizon : minDate(span.end, b.horizon);
    for (const fee of cellsOverlapping(grid, span.start, to)) {
      // an imported contract: a fee period the other system began is billed from the
      // billed-until day when it prorates, and was billed in full there when it does not
      if (!c.prorate && b.billedFrom !== null && before(fee.start, b.billedFrom)) continue;
      const open = unbilledPart(b, fee);
      const within = open && clip(span, open);
      if (!within) continue;
      const parts = billable.map((s) => clip(s, within)).filter((p): p is DateSpan => p !== null);
      if (parts.length === 0) continue;
      const covered = parts.reduce((n, p) => n + daysIn(p), 0);
      const whole = wholeDays(fee);
      const coverage = { start: parts[0]!.start, end: parts.at(-1)!.end };
      const [num, den] = c.prorate ? [covered, whole] : [1, 1];
      yield {
        key: `component:${sub.id}:${fee.start}`,
        kind: "component_fee",
        description: `${c.name}${c.prorate ? prorationNote(covered, whole) : ""}`,
        period: c.prorate ? coverage : fee,
        quantity: plain(dec(sub.quantity)),
        unitPrice: unitPriceOf(c.price, sub.quantity, value),
        amount: proratedAmount(value, BigInt(num), BigInt(den), b.history.currency),
        due: dueDate(b, variantAt(b, coverage.start).paymentMode, fee, coverage),
        feePeriod: fee,
      };
    }
  }
};

/** The price per unit to print: exact for flat prices, else the average (total ÷ quantity). */
function unitPriceOf(price: PriceModel, quantity: string, total: Dec): string {
  if (price.model === "per_unit") return plain(dec(price.unitPrice));
  const q = dec(quantity);
  if (q.isZero()) return "0";
  const avg = total.dividedBy(q);
  // an average that does not terminate is printed to 6 places; the amount stays exact
  return avg.decimalPlaces() > 6 ? avg.toDecimalPlaces(6).toFixed() : plain(avg);
}

/**
 * Metered usage per billing period and component: the period's total less the plan
 * variant's free quota, rated with the component's price model; due when the period ends.
 */
const usageCharges: Step = (b) => {
  const cells = new Map<
    string,
    { componentId: string; cell: DateSpan; total: Dec; variant: VariantTerms }
  >();
  for (const u of b.history.usage) {
    const c = b.history.components.get(u.componentId);
    if (!c) continue;
    const d = u.date;
    // usage before an imported contract's billed-until day was billed by the other system
    if (b.billedFrom !== null && before(d, b.billedFrom)) continue;
    if (!c.billInTrial) {
      const seg = b.segments.findLast((s) => !before(d, s.start));
      if (seg?.phase.type === "trial") continue;
    }
    const v = variantAt(b, d);
    const cell = cellAt(billingGrid(b, v), d);
    const id = `${u.componentId}:${cell.start}`;
    const entry = cells.get(id) ?? {
      componentId: u.componentId,
      cell,
      total: dec("0"),
      variant: v,
    };
    entry.total = entry.total.plus(dec(u.quantity));
    cells.set(id, entry);
  }
  const items: ExpectedItem[] = [];
  for (const { componentId, cell, total, variant } of cells.values()) {
    const c = b.history.components.get(componentId)!;
    const quota = variant.quotas.find((q) => q.componentId === componentId)?.quantity ?? null;
    const billable = billableQuantity(plain(total), quota);
    const value = dec(rate(c.price, billable).total);
    const due = b.contractEnd !== null ? minDate(cell.end, b.contractEnd) : cell.end;
    // the period printed ends with the contract, if that is earlier
    const period = { start: cell.start, end: maxDate(minDate(cell.end, due), cell.start) };
    const free = quota !== null && !dec(quota).isZero() ? `, ${plain(dec(quota))} free` : "";
    items.push({
      key: `usage:${componentId}:${cell.start}`,
      kind: "usage",
      description: `${c.name} — usage ${plain(total)}${free}`,
      period,
      quantity: billable,
      unitPrice: unitPriceOf(c.price, billable, value),
      amount: proratedAmount(value, 1n, 1n, b.history.currency),
      due: maxDate(due, b.contractStart),
      source: { usage: { componentId, span: cell } },
    });
  }
  return items;
};

/** One-off charges, billed with the first settlement from the day they were recorded. */
const ratedItems: Step = (b) =>
  b.history.ratedItems.map((r) => {
    const tz = b.history.timeZone;
    const start = day(r.periodStart, tz);
    const end = maxDate(day(r.periodEnd, tz), start);
    return {
      key: `rated:${r.id}`,
      kind: "rated_item" as const,
      description: r.description,
      period: { start, end },
      quantity: plain(dec(r.quantity)),
      unitPrice: plain(dec(r.unitPrice)),
      amount: proratedAmount(dec(r.unitPrice).times(dec(r.quantity)), 1n, 1n, b.history.currency),
      due: day(r.dueAt ?? r.createdAt, tz),
      source: { ratedItemId: r.id },
    };
  });

/**
 * Discounts reduce the recurring fees and/or component fees they overlap, in proportion to
 * the days they overlap: a percentage of the charge, or a fixed amount per fee period
 * (recurring fees only), never more than the charge.
 */
const discounts: Step = (b, charges) => {
  const items: ExpectedItem[] = [];
  const tz = b.history.timeZone;
  const currency = b.history.currency;
  for (const d of b.history.discounts) {
    const span = { start: day(d.start, tz), end: d.end === null ? null : day(d.end, tz) };
    for (const c of charges) {
      if (c.amount.amount <= 0n || !c.period || !c.feePeriod) continue;
      const applies =
        (c.kind === "recurring_fee" && d.appliesTo !== "components") ||
        (c.kind === "component_fee" && d.appliesTo !== "recurring_fee" && d.percent !== null);
      if (!applies) continue;
      const shared = clip(span, c.period);
      if (!shared) continue;
      const days = BigInt(daysIn(shared));
      let amount: Money;
      if (d.percent !== null) {
        const value = dec(toDecimalString(c.amount)).times(dec(d.percent)).dividedBy(100);
        amount = proratedAmount(value, days, BigInt(daysIn(c.period)), currency);
      } else {
        const fixed = proratedAmount(
          d.amount ?? "0",
          days,
          BigInt(wholeDays(c.feePeriod)),
          currency,
        );
        amount = fixed.amount > c.amount.amount ? c.amount : fixed;
      }
      if (amount.amount === 0n) continue;
      items.push({
        key: `discount:${d.id}:${c.key}`,
        kind: "discount",
        description: `${d.description} — ${c.description}`,
        period: shared,
        quantity: "1",
        unitPrice: toDecimalString(money(-amount.amount, currency)),
        amount: money(-amount.amount, currency),
        due: c.due,
      });
    }
  }
  return items;
};

/** The steps, in order. */
export const STEPS: readonly { name: string; run: Step }[] = [
  { name: "setup fee", run: setupFee },
  { name: "recurring fees", run: recurringFees },
  { name: "component fees", run: componentFees },
  { name: "usage", run: usageCharges },
  { name: "rated items", run: ratedItems },
  { name: "discounts", run: discounts },
];

function basisOf(history: ContractHistory, target: Temporal.PlainDate): Basis {
  const tz = history.timeZone;
  const segments = segmentsOf(history);
  const contractStart = day(history.timeline.start, tz);
  const paid = segments.find((s) => s.phase.type === "normal");
  const anchor = paid ? paid.start : contractStart;
  const restarts = [...new Set((history.timeline.restarts ?? []).map((r) => day(r, tz).toString()))]
    .map((d) => Temporal.PlainDate.from(d))
    .sort(compareDates);
  const partial: Basis = {
    history,
    segments,
    anchor,
    restarts,
    contractStart,
    contractEnd: history.timeline.end ? day(history.timeline.end, tz) : null,
    horizon: target,
    grants: [],
    billedFrom: history.billedUntil ? day(history.billedUntil, tz) : null,
  };
  const grants = advanceGrants(history.advance, tz, gridAtOf(partial), target);
  // a prepaid charge is due by `target` only if its fee period starts before the end of the
  // billing period holding `target`, under any of the contract's plan variants
  let horizon = target.add({ days: 1 });
  for (const v of history.variants.values()) {
    const end = cellAt(billingGrid(partial, v), target).end;
    if (before(horizon, end)) horizon = end;
  }
  // the periods invoiced in advance are charged, so that the diff sees them
  const through = chargedThrough(grants);
  if (through !== null && before(horizon, through)) horizon = through;
  return { ...partial, horizon, grants };
}

/** The billing grid in effect on a day. */
const gridAtOf =
  (b: Basis): GridAt =>
  (date) =>
    billingGrid(b, variantAt(b, date));

/**
 * Every charge due by `target` (the customer's calendar day), in step order, and some due
 * later (those priced for a fee period starting before the end of the billing period holding
 * `target`). Charges are computed over the contract's entire history, so a change in the
 * past shows up as a different amount for the same key.
 */
export function expectedItems(
  history: ContractHistory,
  target: Temporal.PlainDate,
): ExpectedItem[] {
  const steps = expectedItemsStepwise(history, target);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Items made between two pauses of {@link expectedItemsStepwise}. */
export const ITEMS_PER_PAUSE = 16;

/**
 * {@link expectedItems} in steps: pauses (yields) after every ITEMS_PER_PAUSE items and
 * returns the items, so a caller billing a long history can let other work run between
 * steps (the computation stays pure; the caller decides when to go on).
 */
export function* expectedItemsStepwise(
  history: ContractHistory,
  target: Temporal.PlainDate,
): Generator<void, ExpectedItem[]> {
  if (history.timeline.phases.length === 0) return [];
  const b = basisOf(history, target);
  const items: ExpectedItem[] = [];
  // a loop, not push(...spread): a long history makes more items than a call's arguments
  // may hold
  for (const step of STEPS) {
    for (const item of step.run(b, items)) {
      items.push(item);
      if (items.length % ITEMS_PER_PAUSE === 0) yield;
    }
  }
  return items;
}

/**
 * The next day on which something may fall due after `after`: the next billing period
 * boundary of the plan variant in effect, the contract's start or its end; null once the
 * contract has ended by then.
 */
export function nextBillingDate(
  history: ContractHistory,
  after: Temporal.PlainDate,
): Temporal.PlainDate | null {
  if (history.timeline.phases.length === 0) return null;
  const b = basisOf(history, after);
  if (before(after, b.contractStart)) return b.contractStart;
  if (b.contractEnd !== null && !before(after, b.contractEnd)) return null;
  const v = variantAt(b, after);
  let boundary = before(after, b.anchor) ? b.anchor : cellAt(billingGrid(b, v), after).end;
  const scheduled = nextScheduledDay(history.advance, history.timeZone, gridAtOf(b), after);
  if (scheduled !== null && before(scheduled, boundary)) boundary = scheduled;
  return b.contractEnd !== null ? minDate(boundary, b.contractEnd) : boundary;
}

/**
 * Renewals invoiced in advance as of `date`: the next renewal (the end of the billing period
 * holding it), where the advance charges made by then run through (null: none), and, for `n`,
 * the end of the `n` periods after both (what charging the next `n` renewals runs through).
 */
export function advanceAt(
  history: ContractHistory,
  date: Temporal.PlainDate,
  n = 0,
): {
  renewal: Temporal.PlainDate;
  chargedThrough: Temporal.PlainDate | null;
  through: Temporal.PlainDate;
  grants: readonly AdvanceGrant[];
} {
  const b = basisOf(history, date);
  const gridAt = gridAtOf(b);
  const renewal = renewalAfter(gridAt, date);
  const charged = chargedThrough(b.grants);
  const from = charged !== null && before(renewal, charged) ? charged : renewal;
  return {
    renewal,
    chargedThrough: charged,
    through: periodsFrom(gridAt, from, n),
    grants: b.grants,
  };
}

/**
 * The billing period holding `date` (the contract's current term when `date` is today) under
 * the plan variant in effect then, with that variant's alignment.
 */
export function billingPeriodAt(
  history: ContractHistory,
  date: Temporal.PlainDate,
): { period: Cell; alignment: VariantTerms["alignment"]; length: VariantTerms["billingPeriod"] } {
  const b = basisOf(history, date);
  const v = variantAt(b, date);
  return {
    period: cellAt(billingGrid(b, v), date),
    alignment: v.alignment,
    length: v.billingPeriod,
  };
}
