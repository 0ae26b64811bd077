/**
 * Regular cancellation: when a contract would end if cancelled now, honouring its plan
 * variant's terms and notice periods. Nothing is written here; the cancellation preview
 * (src/workflows/orders.ts) asks billing what the ending leaves to bill.
 */
import { Temporal } from "temporal-polyfill";
import { endAt, phaseAt, type Timeline } from "../../domain/contracts/phases.js";
import { notFound, unprocessable } from "../../domain/errors.js";
import { nextPossibleEndDate } from "../../domain/time/index.js";
import { findInTenant } from "../catalog/index.js";
import type { Ctx } from "../context.js";
import { findCustomer } from "../customers/index.js";
import { loadTimeline } from "./contracts.repository.js";
import { type Contract, loadContract, toContract } from "./contracts.service.js";

/** What cancelling a contract now would do (the invoice it leaves is billing's to tell). */
export type CancellationPlan = {
  /** The last day (customer's calendar) on which a cancellation still reaches `end_date`. */
  last_notice_date: string;
  /** When the contract would end if cancelled now, honouring terms and notice. */
  end_date: string;
  /** The contract already ends at `end_date` (set earlier, or after its first term). */
  already_ending: boolean;
  contract_after: Contract;
  /** The contract's timeline after the cancellation, and when it ends. */
  final: { at: Temporal.Instant; timeline: Timeline };
};

/**
 * Regular cancellation per the plan variant's terms: the paid term starts after the trial;
 * the contract ends at the first term end that the notice period still reaches from today
 * (in the customer's time zone), renewing by the later contract period (see
 * src/domain/time/terms.ts). Nothing is written.
 */
export async function planCancellation(ctx: Ctx, id: string): Promise<CancellationPlan> {
  const row = await loadContract(ctx, id);
  const timeline = await loadTimeline(ctx.db, row);
  const now = ctx.clock.now();
  if (timeline.end && Temporal.Instant.compare(timeline.end, now) <= 0) {
    throw unprocessable("contract_already_ended", `contract ${id} ended at ${timeline.end}`, {
      id,
      end_date: timeline.end.toString(),
    });
  }
  const current = phaseAt(timeline, now) ?? timeline.phases[0]!;
  const variantId =
    current.planVariantId ?? timeline.phases.findLast((p) => p.planVariantId)?.planVariantId;
  const paid = timeline.phases.find((p) => p.type === "normal");
  if (!variantId || !paid) {
    throw unprocessable("no_paid_term", "the contract has no paid phase to cancel", { id });
  }
  const variant = await findInTenant(ctx.db, "plan_variants", ctx.tenantId, variantId);
  const customer = await findCustomer(ctx.db, ctx.tenantId, row.customer_id);
  if (!variant || !customer) throw notFound("contract_not_found", `no contract ${id}`, { id });
  const tz = customer.time_zone;
  const startLocal = paid.start.toZonedDateTimeISO(tz);
  const today = now.toZonedDateTimeISO(tz).toPlainDate();
  const { endDate, lastNoticeDate } = nextPossibleEndDate({
    start: startLocal.toPlainDate(),
    ...(variant.contract_period ? { contractPeriod: variant.contract_period } : {}),
    ...(variant.later_contract_period
      ? { laterContractPeriod: variant.later_contract_period }
      : {}),
    ...(variant.notice_period ? { noticePeriod: variant.notice_period } : {}),
    ...(variant.later_notice_period ? { laterNoticePeriod: variant.later_notice_period } : {}),
    requestDate:
      Temporal.PlainDate.compare(today, startLocal.toPlainDate()) < 0
        ? startLocal.toPlainDate()
        : today,
  });
  // term boundaries keep the time of day the paid term started at
  const end = endDate
    .toZonedDateTime({ timeZone: tz, plainTime: startLocal.toPlainTime() })
    .toInstant();
  if (timeline.end && Temporal.Instant.compare(timeline.end, end) <= 0) {
    // already ending no later than a cancellation would reach: that end stands, and a
    // cancellation until its last day changes nothing
    const lastDay = timeline.end.subtract({ milliseconds: 1 }).toZonedDateTimeISO(tz);
    return {
      last_notice_date: lastDay.toPlainDate().toString(),
      end_date: timeline.end.toString(),
      already_ending: true,
      contract_after: await toContract(ctx, row, timeline),
      final: { at: timeline.end, timeline },
    };
  }
  const after = endAt(timeline, end);
  return {
    last_notice_date: lastNoticeDate.toString(),
    end_date: end.toString(),
    already_ending: false,
    contract_after: await toContract(ctx, row, after),
    final: { at: end, timeline: after },
  };
}
