/**
 * Moving a contract's current term end (Chargebee: change term end). The current term is the
 * billing period holding today; for a contract with an end, the term runs to that end. Moving
 * it:
 * - a contract with an end: the end moves (as `POST /contracts/{id}/end` would);
 * - a renewing contract: a restart at the new term end: the current billing period is cut (or
 *   stretched by a partial period) there, and billing periods repeat from it.
 * Billing bills or credits the difference through the diff engine (the cut period is prorated
 * against its whole length). The workflow (src/workflows/term-end.ts) asks billing for the
 * current period and, for the estimate, what the changed timeline would bill.
 */
import { Temporal } from "temporal-polyfill";
import { endAt, phaseAt, type Timeline } from "../../domain/contracts/phases.js";
import { conflict, unprocessable } from "../../domain/errors.js";
import { localDate, parseTimestamp } from "../../domain/time/index.js";
import { type Ctx, dateOf } from "../context.js";
import { setNextBillingAt } from "./billing-facts.repository.js";
import {
  type ContractRow,
  loadTimeline,
  saveTimeline,
  setTermRestarts,
} from "./contracts.repository.js";
import { type Contract, loadContract, toContract } from "./contracts.service.js";

const cmp = Temporal.Instant.compare;

/** A contract whose term end can move: not ended, in a paid (normal) phase now. */
export async function loadTermContract(
  ctx: Ctx,
  id: string,
  forUpdate: boolean,
): Promise<{ row: ContractRow; timeline: Timeline }> {
  const row = await loadContract(ctx, id, forUpdate);
  const timeline = await loadTimeline(ctx.db, row);
  const now = ctx.clock.now();
  if (timeline.end !== null && cmp(timeline.end, now) <= 0) {
    throw conflict("term_end_not_changeable", `contract ${id} ended at ${timeline.end}`, {
      id,
      end_date: timeline.end.toString(),
    });
  }
  const current = phaseAt(timeline, now);
  if (current?.type !== "normal") {
    throw conflict(
      "term_end_not_changeable",
      `contract ${id} is not in a paid (normal) phase now${current ? ` but ${current.type}` : ""}`,
      { id, phase_type: current?.type ?? null },
    );
  }
  return { row, timeline };
}

export type TermEndChange = {
  /** The current term: its start, its end before and after the change. */
  term_start: string;
  previous_term_end: string;
  term_end: string;
  after: Timeline;
};

/**
 * The timeline with the current term ending at `term_end` (ISO 8601). `period` is the billing
 * period holding today (from billing). Refused before today or not after the period's start
 * (422), for a calendar-aligned renewing contract (422). Nothing is written.
 */
export function plannedTermEnd(
  ctx: Ctx,
  timeline: Timeline,
  input: { term_end: string },
  period: {
    start: Temporal.PlainDate;
    end: Temporal.PlainDate;
    alignment: "anniversary" | "calendar";
    timeZone: string;
  },
): TermEndChange {
  const termEnd = parseTimestamp(input.term_end, "term_end");
  const tz = period.timeZone;
  const now = ctx.clock.now();
  const day = localDate(termEnd, tz);
  if (Temporal.PlainDate.compare(day, localDate(now, tz)) < 0) {
    throw unprocessable("term_end_in_past", `the term end ${day} is before today`, {
      field: "term_end",
    });
  }
  if (Temporal.PlainDate.compare(day, period.start) <= 0) {
    throw unprocessable(
      "term_end_before_period_start",
      `the term end ${day} is not after the current billing period's start ${period.start}`,
      { field: "term_end", period_start: period.start.toString() },
    );
  }
  const startOf = (d: Temporal.PlainDate) =>
    d.toZonedDateTime({ timeZone: tz }).toInstant().toString();
  if (timeline.end !== null) {
    return {
      term_start: startOf(period.start),
      previous_term_end: timeline.end.toString(),
      term_end: termEnd.toString(),
      after: endAt(timeline, termEnd),
    };
  }
  if (period.alignment === "calendar") {
    throw unprocessable(
      "calendar_aligned_term",
      "the contract's billing periods follow the calendar; its renewals cannot move",
      { field: "term_end" },
    );
  }
  // restarts already in effect stay; one still ahead (an earlier change) is replaced
  const kept = (timeline.restarts ?? []).filter((r) => cmp(r, now) <= 0);
  return {
    term_start: startOf(period.start),
    previous_term_end: startOf(period.end),
    term_end: termEnd.toString(),
    after: { ...timeline, restarts: [...kept, termEnd] },
  };
}

/**
 * Saves the moved term end: the contract's end, or its restarts; billing looks at the
 * contract at once. Audited, and announced as `contract.term_end_changed`.
 */
export async function saveTermEnd(
  ctx: Ctx,
  row: ContractRow,
  before: Timeline,
  change: TermEndChange,
): Promise<Contract & { term_start: string; previous_term_end: string; term_end: string }> {
  const now = dateOf(ctx.clock.now());
  if (before.end !== null) {
    await saveTimeline(ctx.db, row.id, change.after, now);
    await setNextBillingAt(ctx.db, ctx.tenantId, row.id, now);
  } else {
    await setTermRestarts(ctx.db, ctx.tenantId, row.id, change.after.restarts ?? [], now);
  }
  const contract = await toContract(ctx, await loadContract(ctx, row.id), change.after);
  ctx.audit({
    targetType: "contract",
    targetId: row.id,
    before: { ...(await toContract(ctx, row, before)), term_end: change.previous_term_end },
    after: { ...contract, term_end: change.term_end },
  });
  const answer = {
    ...contract,
    term_start: change.term_start,
    previous_term_end: change.previous_term_end,
    term_end: change.term_end,
  };
  await ctx.emit({
    type: "contract.term_end_changed",
    subjectType: "contract",
    subjectId: row.id,
    payload: answer,
  });
  return answer;
}
