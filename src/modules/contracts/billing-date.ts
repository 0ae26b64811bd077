/**
 * Re-anchoring a contract on a customer's billing date (Chargebee: change billing date). The
 * new billing day takes effect at the end of the current billing period: a restart of the
 * billing periods (as a moved term end records one) on the first day on or after that end that
 * falls on the new day. The days from the period's end to it are a short period, prorated
 * against the whole period it cuts; whole periods repeat from it. Billing bills it through
 * the diff engine, so every amount follows from the contract's recorded restarts.
 *
 * Refused (409 `billing_date_not_changeable`) for a contract with a fixed end (its term is
 * fixed), one not in a paid (normal) phase now, a calendar-aligned one (its periods follow the
 * calendar), and one billed in days or weeks (a day of the month does not apply).
 */
import { Temporal } from "temporal-polyfill";
import { phaseAt, type Timeline } from "../../domain/contracts/phases.js";
import { conflict } from "../../domain/errors.js";
import type { Period } from "../../domain/time/index.js";
import { type Ctx, dateOf } from "../context.js";
import { type ContractRow, loadTimeline, setTermRestarts } from "./contracts.repository.js";
import { loadContract, toContract } from "./contracts.service.js";

const cmp = Temporal.Instant.compare;

/** What a contract's re-anchoring is planned on: its billing period as billing sees it. */
export type AnchorPeriod = {
  start: Temporal.PlainDate;
  end: Temporal.PlainDate;
  alignment: "anniversary" | "calendar";
  timeZone: string;
  length: Period;
};

export type BillingDateChange = {
  contract_id: string;
  /** The current billing period (the customer's days, end exclusive). */
  current_period_start: string;
  current_period_end: string;
  /** The first billing date on the new day; null when the contract renews on it already. */
  anchor: string | null;
  after: Timeline;
};

/**
 * A contract of the customer, unless it has ended (nothing left to re-anchor: null). Locked
 * and checked against the transfer rules.
 */
export async function loadBillingDateContract(
  ctx: Ctx,
  id: string,
): Promise<{ row: ContractRow; timeline: Timeline } | null> {
  const row = await loadContract(ctx, id, true);
  const timeline = await loadTimeline(ctx.db, row);
  if (timeline.end !== null && cmp(timeline.end, ctx.clock.now()) <= 0) return null;
  return { row, timeline };
}

/** The timeline without restarts still ahead: the periods as they run before any pending change. */
export function settledRestarts(ctx: Ctx, timeline: Timeline): Timeline {
  const now = ctx.clock.now();
  return { ...timeline, restarts: (timeline.restarts ?? []).filter((r) => cmp(r, now) <= 0) };
}

function refuse(id: string, reason: string, message: string): never {
  throw conflict("billing_date_not_changeable", `contract ${id}: ${message}`, {
    contract_id: id,
    reason,
  });
}

/**
 * The contract re-anchored on `day` (1–28) from the end of `period` (the billing period
 * holding today on `settled`, the timeline without pending restarts). Nothing is written.
 */
export function plannedBillingDate(
  ctx: Ctx,
  row: ContractRow,
  settled: Timeline,
  period: AnchorPeriod,
  next: AnchorPeriod,
  day: number,
): BillingDateChange {
  const now = ctx.clock.now();
  if (settled.end !== null) {
    refuse(row.id, "fixed_term", `it ends at ${settled.end}; its term is fixed`);
  }
  const current = phaseAt(settled, now);
  if (current?.type !== "normal") {
    refuse(
      row.id,
      "not_in_paid_phase",
      `it is not in a paid (normal) phase now${current ? ` but ${current.type}` : ""}`,
    );
  }
  if (period.alignment === "calendar") {
    refuse(row.id, "calendar_aligned", "its billing periods follow the calendar");
  }
  if (period.length.unit !== "month" && period.length.unit !== "year") {
    refuse(row.id, "period_not_monthly", `it is billed every ${period.length.unit}`);
  }
  const base = {
    contract_id: row.id,
    current_period_start: period.start.toString(),
    current_period_end: period.end.toString(),
  };
  // renews on the day already: the period after the current one starts and ends on it
  if (period.end.day === day && next.end.day === day) {
    return { ...base, anchor: null, after: settled };
  }
  const end = period.end;
  const anchor = end.day <= day ? end.with({ day }) : end.add({ months: 1 }).with({ day });
  const at = anchor.toZonedDateTime({ timeZone: period.timeZone }).toInstant();
  return {
    ...base,
    anchor: anchor.toString(),
    after: { ...settled, restarts: [...(settled.restarts ?? []), at] },
  };
}

/**
 * The first day after `paidStart` (the customer's day) that falls on the billing date, as the
 * instant its periods restart from; null when the paid term starts on that day. A new contract
 * of a customer with a billing date renews on it: the days up to it are a short first period.
 */
export function firstBillingDate(
  paidStart: Temporal.Instant,
  day: number,
  timeZone: string,
): Temporal.Instant | null {
  const start = paidStart.toZonedDateTimeISO(timeZone).toPlainDate();
  if (start.day === day) return null;
  const anchor = start.day < day ? start.with({ day }) : start.add({ months: 1 }).with({ day });
  return anchor.toZonedDateTime({ timeZone }).toInstant();
}

/**
 * Saves a re-anchored contract's restarts (replacing any still ahead); billing looks at it at
 * once. Audited on the contract.
 */
export async function saveBillingDate(
  ctx: Ctx,
  row: ContractRow,
  before: Timeline,
  change: BillingDateChange,
): Promise<void> {
  const now = dateOf(ctx.clock.now());
  await setTermRestarts(ctx.db, ctx.tenantId, row.id, change.after.restarts ?? [], now);
  ctx.audit({
    targetType: "contract",
    targetId: row.id,
    before: { ...(await toContract(ctx, row, before)), restarts: restartsOf(before) },
    after: {
      ...(await toContract(ctx, await loadContract(ctx, row.id), change.after)),
      restarts: restartsOf(change.after),
    },
  });
}

const restartsOf = (t: Timeline) => (t.restarts ?? []).map((r) => r.toString());
