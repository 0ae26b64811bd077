/**
 * Moving a contract's current term end, and its estimate (Chargebee: change term end, change
 * term end estimate). The contract is loaded (locked for the change) and checked; billing
 * tells its current billing period; the contracts module plans the changed timeline and, for
 * the change, saves it. The estimate answers what billing would invoice up to and including
 * the new term end on the changed timeline (the billing preview; nothing is written). A term
 * extended by billing periods (a hosted extend page) asks for the end they reach.
 *
 * Modules: contracts (the timeline and its rules), invoicing (the period, the preview).
 */
import { Temporal } from "temporal-polyfill";
import { conflict } from "../domain/errors.js";
import { addPeriods } from "../domain/time/index.js";
import type { Ctx } from "../modules/context.js";
import {
  type Contract,
  loadTermContract,
  plannedTermEnd,
  saveTermEnd,
  type TermEndChange,
} from "../modules/contracts/index.js";
import {
  type BillingPreview,
  billingPeriodOf,
  previewSettlement,
} from "../modules/invoicing/index.js";

export type TermEndInput = { term_end: string };

async function plan(ctx: Ctx, id: string, input: TermEndInput, forUpdate: boolean) {
  const { row, timeline } = await loadTermContract(ctx, id, forUpdate);
  const period = await billingPeriodOf(ctx, row, ctx.clock.now());
  return { row, timeline, change: plannedTermEnd(ctx, timeline, input, period) };
}

export async function changeTermEnd(
  ctx: Ctx,
  id: string,
  input: TermEndInput,
): Promise<Contract & { term_start: string; previous_term_end: string; term_end: string }> {
  const { row, timeline, change } = await plan(ctx, id, input, true);
  return saveTermEnd(ctx, row, timeline, change);
}

/**
 * The end of a contract that ends, `cycles` billing periods of its plan variant later (same
 * time of day, in the customer's time zone): what extending it by `cycles` asks for. A
 * contract that renews has no end to extend (409 `contract_renews`): its renewal is moved
 * with a term end instead.
 */
export async function termEndAfterCycles(ctx: Ctx, id: string, cycles: number): Promise<string> {
  const { row, timeline } = await loadTermContract(ctx, id, false);
  if (timeline.end === null) {
    throw conflict("contract_renews", `contract ${id} renews; it has no end to extend`, { id });
  }
  const period = await billingPeriodOf(ctx, row, ctx.clock.now());
  const end = timeline.end.toZonedDateTimeISO(period.timeZone);
  return addPeriods(end.toPlainDate(), period.length, cycles)
    .toZonedDateTime({ timeZone: period.timeZone, plainTime: end.toPlainTime() })
    .toInstant()
    .toString();
}

export type CurrentTerm = {
  contract_id: string;
  term_start: string;
  term_end: string;
  billing_period: { unit: "day" | "week" | "month" | "year"; count: number };
};

/**
 * The contract's current term: the billing period holding now, as billing sees it (a moved
 * term end included), from and to the start of the customer's day. Only a contract in a paid
 * phase has one (409 `term_end_not_changeable` otherwise).
 */
export async function currentTerm(ctx: Ctx, id: string): Promise<CurrentTerm> {
  const { row } = await loadTermContract(ctx, id, false);
  const period = await billingPeriodOf(ctx, row, ctx.clock.now());
  const startOf = (d: Temporal.PlainDate) =>
    d.toZonedDateTime({ timeZone: period.timeZone }).toInstant().toString();
  return {
    contract_id: row.id,
    term_start: startOf(period.start),
    term_end: startOf(period.end),
    billing_period: { unit: period.length.unit, count: period.length.count },
  };
}

export type TermEndPreview = Omit<TermEndChange, "after"> & {
  /** What billing would invoice up to and including the new term end, on the changed timeline. */
  invoice: BillingPreview;
};

export async function termEndPreview(
  ctx: Ctx,
  id: string,
  input: TermEndInput,
): Promise<TermEndPreview> {
  const { change } = await plan(ctx, id, input, false);
  const { after, ...rest } = change;
  const termEnd = Temporal.Instant.from(change.term_end);
  const now = ctx.clock.now();
  const at = Temporal.Instant.compare(termEnd, now) > 0 ? termEnd : now;
  return { ...rest, invoice: await previewSettlement(ctx, id, { at, timeline: after }) };
}
