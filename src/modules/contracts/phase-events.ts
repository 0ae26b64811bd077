/**
 * Time-driven contract events. When a tenant's clock (its test clock included) passes the
 * start of a contract phase, `contract.phase_started` is emitted once, and
 * `contract.trial_ended` too when the phase follows a trial; `contract.trial_end_approaching`
 * is emitted once when the clock comes within `trialEndNoticeDays` of a trial's end.
 *
 * A phase that starts by the moment it is written is announced by that write's own event
 * (contract.created, contract.changed…): saveTimeline marks it. One written for the future is
 * announced here. Rows are claimed with FOR UPDATE SKIP LOCKED and marked in the same
 * transaction as the events, so a re-run (or a second worker) emits nothing twice; an
 * advisory lock keeps one worker at a time, so a contract's events are emitted in order.
 */
import type { Kysely } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { Clock } from "../../domain/clock.js";
import { type Yielder, yielder } from "../../lib/yield.js";
import type { DB } from "../../storage/schema.js";
import { clockFor } from "../clock/index.js";
import type { Ctx } from "../context.js";
import {
  claimPhaseStarts,
  claimTrialEndsApproaching,
  findPreviousPhase,
  markPhaseAnnounced,
  markTrialEndApproachAnnounced,
  tryLockPhaseEvents,
} from "./phase-events.repository.js";

export type PhaseEventOptions = {
  /** The system clock's now (tenants on a test clock use theirs). */
  now: () => Date;
  limit: number;
  /** Days before a trial's end to emit contract.trial_end_approaching. */
  trialEndNoticeDays: number;
};

export const DEFAULT_TRIAL_END_NOTICE_DAYS = 3;

const iso = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime()).toString();

/** A context of the tenant's, in the caller's unit of work, for the events it announces. */
export type TenantContexts = (tenantId: string, clock: Clock) => Promise<Ctx>;

/** Announces what is due, in the caller's transaction `trx`. */
export async function announcePhaseEvents(
  trx: Kysely<DB>,
  options: PhaseEventOptions,
  contextOf: TenantContexts,
): Promise<number> {
  if (!(await tryLockPhaseEvents(trx))) return 0;
  const now = options.now();
  // a batch is hundreds of statements, which an embedded database answers without letting go
  // of the event loop: it runs between items (src/lib/yield.ts)
  const yields = yielder();
  return (
    (await phaseStarts(trx, now, options.limit, contextOf, yields)) +
    (await trialEndsApproaching(trx, now, options, contextOf, yields))
  );
}

/** Phase starts the tenant's clock has passed, not yet announced. */
async function phaseStarts(
  trx: Kysely<DB>,
  now: Date,
  limit: number,
  contextOf: TenantContexts,
  yields: Yielder,
): Promise<number> {
  const due = await claimPhaseStarts(trx, now, limit);
  for (const phase of due) {
    await yields.pause();
    const clock = clockFor(phase.test_clock_now ?? now);
    const previous = await findPreviousPhase(trx, phase.contract_id, phase.start_at);
    const started = {
      contract_id: phase.contract_id,
      phase: {
        type: phase.type,
        start_date: iso(phase.start_at),
        plan_variant_id: phase.plan_variant_id,
        quantity: phase.quantity,
      },
      previous_phase_type: previous?.type ?? null,
    };
    await (await contextOf(phase.tenant_id, clock)).emit({
      type: "contract.phase_started",
      subjectType: "contract",
      subjectId: phase.contract_id,
      payload: started,
    });
    if (previous?.type === "trial" && phase.type !== "trial") {
      await (await contextOf(phase.tenant_id, clock)).emit({
        type: "contract.trial_ended",
        subjectType: "contract",
        subjectId: phase.contract_id,
        payload: {
          contract_id: phase.contract_id,
          trial_start_date: iso(previous.start_at),
          trial_end_date: iso(phase.start_at),
          next_phase_type: phase.type,
        },
      });
    }
    await markPhaseAnnounced(
      trx,
      phase.contract_id,
      phase.start_at,
      new Date(clock.now().epochMilliseconds),
    );
  }
  return due.length;
}

/**
 * Trials whose end is at most `trialEndNoticeDays` away on the tenant's clock, not yet
 * announced. One the clock has already passed the end of is marked without an event:
 * contract.trial_ended says more.
 */
async function trialEndsApproaching(
  trx: Kysely<DB>,
  now: Date,
  options: PhaseEventOptions,
  contextOf: TenantContexts,
  yields: Yielder,
): Promise<number> {
  const due = await claimTrialEndsApproaching(trx, now, options.trialEndNoticeDays, options.limit);
  for (const trial of due) {
    await yields.pause();
    const clock = clockFor(trial.test_clock_now ?? now);
    const tenantNow = new Date(clock.now().epochMilliseconds);
    const end = new Date(trial.trial_end);
    if (tenantNow < end) {
      await (await contextOf(trial.tenant_id, clock)).emit({
        type: "contract.trial_end_approaching",
        subjectType: "contract",
        subjectId: trial.contract_id,
        payload: {
          contract_id: trial.contract_id,
          trial_start_date: iso(trial.start_at),
          trial_end_date: iso(end),
          notice_days: options.trialEndNoticeDays,
        },
      });
    }
    await markTrialEndApproachAnnounced(trx, trial.contract_id, trial.start_at, tenantNow);
  }
  return due.length;
}
