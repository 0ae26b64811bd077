/**
 * A contract is an ordered list of phases, each with only a start; a phase lasts until the
 * next one starts. `trial` lies before the paid term, `normal` bills a plan variant, and
 * `inactive` is a pause or the end. The lifecycle status is never stored: it is derived from
 * the phase that covers the tenant's "now" (see README.md).
 */
import { Temporal } from "temporal-polyfill";
import { invalid, unprocessable } from "../errors.js";

export type PhaseType = "trial" | "normal" | "inactive";

export type Phase = {
  readonly type: PhaseType;
  readonly start: Temporal.Instant;
  /** The billed plan variant; null for inactive phases. */
  readonly planVariantId: string | null;
  /** Plan quantity, a decimal string. */
  readonly quantity: string;
};

export type Timeline = {
  readonly start: Temporal.Instant;
  /** Set once the contract is ended: the start of its final inactive phase. */
  readonly end: Temporal.Instant | null;
  readonly phases: readonly Phase[];
  /**
   * Moved term ends, in order: billing periods restart from each (the current period is cut
   * there). Absent: as stored with the contract.
   */
  readonly restarts?: readonly Temporal.Instant[];
};

export type LifecycleStatus =
  | "future" // committed, starts later
  | "in_trial"
  | "trial_expired"
  | "active"
  | "temporarily_inactive"
  | "ended";

/** Which phase may follow which. Anything else is refused. */
export const PHASE_TRANSITIONS: Readonly<Record<PhaseType, readonly PhaseType[]>> = {
  trial: ["normal", "inactive"],
  normal: ["normal", "inactive"],
  inactive: ["normal"],
};

const cmp = Temporal.Instant.compare;

function assertPhase(phase: Phase, index: number): void {
  const needsVariant = phase.type !== "inactive";
  if (needsVariant !== (phase.planVariantId !== null)) {
    throw invalid(
      "invalid_phase",
      needsVariant
        ? `a ${phase.type} phase names a plan variant`
        : "an inactive phase names no plan variant",
      { phase: index },
    );
  }
}

/** Checks order and transitions; the first phase starts with the contract. */
export function assertTimeline(t: Timeline): void {
  if (t.phases.length === 0) throw invalid("invalid_timeline", "a contract has at least one phase");
  if (cmp(t.phases[0]!.start, t.start) !== 0) {
    throw invalid("invalid_timeline", "the first phase starts when the contract starts");
  }
  if (t.phases[0]!.type === "inactive") {
    throw invalid("invalid_timeline", "a contract cannot start inactive");
  }
  t.phases.forEach((phase, i) => {
    assertPhase(phase, i);
    if (i === 0) return;
    const prev = t.phases[i - 1]!;
    if (cmp(prev.start, phase.start) >= 0) {
      throw invalid("invalid_timeline", "phases start in strictly increasing order", { phase: i });
    }
    if (!PHASE_TRANSITIONS[prev.type].includes(phase.type)) {
      throw invalid(
        "invalid_phase_transition",
        `a ${phase.type} phase cannot follow a ${prev.type} phase`,
        {
          phase: i,
        },
      );
    }
  });
  if (t.end !== null) {
    const last = t.phases.at(-1)!;
    // usually the inactive phase starts at the end; a contract ended while paused keeps its pause
    if (last.type !== "inactive" || cmp(last.start, t.end) > 0) {
      throw invalid(
        "invalid_timeline",
        "an ended contract finishes with an inactive phase by its end",
      );
    }
  }
}

/** The phase covering `at`, or null before the contract starts. */
export function phaseAt(t: Timeline, at: Temporal.Instant): Phase | null {
  let current: Phase | null = null;
  for (const phase of t.phases) {
    if (cmp(phase.start, at) <= 0) current = phase;
    else break;
  }
  return current;
}

export function lifecycleStatus(t: Timeline, now: Temporal.Instant): LifecycleStatus {
  const phase = phaseAt(t, now);
  if (phase === null) return "future";
  switch (phase.type) {
    case "trial":
      return "in_trial";
    case "normal":
      return "active";
    case "inactive": {
      if (t.end !== null && cmp(now, t.end) >= 0) return "ended";
      const index = t.phases.indexOf(phase);
      return index > 0 && t.phases[index - 1]!.type === "trial"
        ? "trial_expired"
        : "temporarily_inactive";
    }
  }
}

/**
 * A change from `at` on (an up- or downgrade, a pause, a resumption): the new phase starts at
 * `at` and supersedes every phase scheduled from `at` on (a trial's follow-up, an earlier
 * scheduled change), except the contract's end. An ended contract cannot change at or after
 * its end.
 */
export function changeAt(t: Timeline, phase: Phase): Timeline {
  if (cmp(phase.start, t.start) < 0) {
    throw unprocessable(
      "change_before_start",
      "a change cannot take effect before the contract starts",
    );
  }
  if (t.end !== null && cmp(phase.start, t.end) >= 0) {
    throw unprocessable("contract_ended", "the contract has ended by then");
  }
  const isEnd = (p: Phase) => t.end !== null && p.type === "inactive" && cmp(p.start, t.end) === 0;
  const phases = [...t.phases.filter((p) => cmp(p.start, phase.start) < 0 || isEnd(p)), phase].sort(
    (a, b) => cmp(a.start, b.start),
  );
  const next: Timeline = { ...t, phases };
  try {
    assertTimeline(next);
  } catch (error) {
    throw unprocessable("invalid_change", (error as Error).message);
  }
  return next;
}

/**
 * Ends the contract at `end` (after its start): phases from `end` on are dropped and an
 * inactive phase starts there, unless the contract is paused by then, in which case the pause
 * runs into the end. Ending again at another date moves the end.
 */
export function endAt(t: Timeline, end: Temporal.Instant): Timeline {
  if (cmp(end, t.start) <= 0) {
    throw unprocessable("end_before_start", "the end date must be after the start date", {
      field: "end_date",
    });
  }
  const previousEnd = t.end;
  const kept = t.phases.filter(
    (p) =>
      cmp(p.start, end) < 0 &&
      // the inactive phase an earlier end put in is not a pause
      !(previousEnd !== null && p.type === "inactive" && cmp(p.start, previousEnd) === 0),
  );
  const phases: Phase[] =
    kept.at(-1)?.type === "inactive"
      ? kept
      : [...kept, { type: "inactive", start: end, planVariantId: null, quantity: "0" }];
  const next: Timeline = {
    start: t.start,
    end,
    phases,
    ...(t.restarts ? { restarts: t.restarts } : {}),
  };
  assertTimeline(next);
  return next;
}

/**
 * A new plan quantity from `at` on, on the plan variant that is billed then: a normal phase
 * of the same variant with the new quantity, superseding what is scheduled from `at` on as
 * {@link changeAt} does. Only a paid (normal) phase has a quantity to change: a trial's or a
 * pause's is refused.
 */
export function changeQuantityAt(t: Timeline, at: Temporal.Instant, quantity: string): Timeline {
  if (cmp(at, t.start) < 0) {
    throw unprocessable(
      "change_before_start",
      "a change cannot take effect before the contract starts",
    );
  }
  if (t.end !== null && cmp(at, t.end) >= 0) {
    throw unprocessable("contract_ended", "the contract has ended by then");
  }
  const current = phaseAt(t, at);
  if (current === null || current.type !== "normal" || current.planVariantId === null) {
    throw unprocessable(
      "quantity_change_outside_paid_phase",
      "a quantity-only change takes effect in a normal (paid) phase; change the plan variant instead",
      { field: "quantity", phase_type: current?.type ?? null },
    );
  }
  return changeAt(t, { type: "normal", start: at, planVariantId: current.planVariantId, quantity });
}
