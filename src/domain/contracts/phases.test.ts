import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  assertTimeline,
  changeAt,
  endAt,
  lifecycleStatus,
  PHASE_TRANSITIONS,
  type Phase,
  type PhaseType,
  phaseAt,
  type Timeline,
} from "./phases.js";

const at = (s: string) => Temporal.Instant.from(s);
const trial = (start: string): Phase => ({
  type: "trial",
  start: at(start),
  planVariantId: "plv_trial",
  quantity: "1",
});
const normal = (start: string, variant = "plv_basic"): Phase => ({
  type: "normal",
  start: at(start),
  planVariantId: variant,
  quantity: "1",
});
const inactive = (start: string): Phase => ({
  type: "inactive",
  start: at(start),
  planVariantId: null,
  quantity: "0",
});

/** Signup on Jan 10 with a 14-day trial, paid from Jan 24. */
const withTrial: Timeline = {
  start: at("2025-01-10T00:00:00Z"),
  end: null,
  phases: [trial("2025-01-10T00:00:00Z"), normal("2025-01-24T00:00:00Z")],
};

describe("contract phases", () => {
  it("status follows the phase covering now", () => {
    expect(lifecycleStatus(withTrial, at("2025-01-09T23:59:59Z"))).toBe("future");
    expect(lifecycleStatus(withTrial, at("2025-01-10T00:00:00Z"))).toBe("in_trial");
    expect(lifecycleStatus(withTrial, at("2025-01-23T23:59:59Z"))).toBe("in_trial");
    expect(lifecycleStatus(withTrial, at("2025-01-24T00:00:00Z"))).toBe("active");
    expect(phaseAt(withTrial, at("2025-06-01T00:00:00Z"))?.planVariantId).toBe("plv_basic");
  });

  it("a trial that expires without a paid phase is trial_expired", () => {
    const expiring: Timeline = {
      start: at("2025-01-10T00:00:00Z"),
      end: null,
      phases: [trial("2025-01-10T00:00:00Z"), inactive("2025-01-24T00:00:00Z")],
    };
    expect(lifecycleStatus(expiring, at("2025-02-01T00:00:00Z"))).toBe("trial_expired");
  });

  it("an upgrade appends a normal phase at the change date; the same instant replaces", () => {
    const up = changeAt(withTrial, normal("2025-03-15T00:00:00Z", "plv_pro"));
    expect(up.phases.map((p) => p.planVariantId)).toEqual(["plv_trial", "plv_basic", "plv_pro"]);
    expect(phaseAt(up, at("2025-03-14T23:59:59Z"))?.planVariantId).toBe("plv_basic");
    expect(phaseAt(up, at("2025-03-15T00:00:00Z"))?.planVariantId).toBe("plv_pro");
    const again = changeAt(up, normal("2025-03-15T00:00:00Z", "plv_max"));
    expect(again.phases.map((p) => p.planVariantId)).toEqual(["plv_trial", "plv_basic", "plv_max"]);
  });

  it("a change supersedes what was scheduled after it: an upgrade in the trial replaces the trial's follow-up", () => {
    const up = changeAt(withTrial, normal("2025-01-15T00:00:00Z", "plv_pro"));
    expect(up.phases.map((p) => [p.type, p.planVariantId])).toEqual([
      ["trial", "plv_trial"],
      ["normal", "plv_pro"],
    ]);
    expect(phaseAt(up, at("2025-02-01T00:00:00Z"))?.planVariantId).toBe("plv_pro");
    // the end survives a change before it
    const ended = endAt(withTrial, at("2025-12-31T00:00:00Z"));
    const changed = changeAt(ended, normal("2025-06-01T00:00:00Z", "plv_pro"));
    expect(changed.phases.map((p) => p.type)).toEqual(["trial", "normal", "normal", "inactive"]);
    expect(lifecycleStatus(changed, at("2026-01-01T00:00:00Z"))).toBe("ended");
  });

  it("pause and resume", () => {
    const paused = changeAt(withTrial, inactive("2025-04-01T00:00:00Z"));
    expect(lifecycleStatus(paused, at("2025-04-02T00:00:00Z"))).toBe("temporarily_inactive");
    const resumed = changeAt(paused, normal("2025-05-01T00:00:00Z"));
    expect(lifecycleStatus(resumed, at("2025-05-02T00:00:00Z"))).toBe("active");
  });

  it("ending appends an inactive phase; the end can move; changes after the end are refused", () => {
    const ended = endAt(withTrial, at("2025-12-31T00:00:00Z"));
    expect(ended.end?.toString()).toBe("2025-12-31T00:00:00Z");
    expect(lifecycleStatus(ended, at("2025-12-30T00:00:00Z"))).toBe("active");
    expect(lifecycleStatus(ended, at("2025-12-31T00:00:00Z"))).toBe("ended");
    const later = endAt(ended, at("2026-03-31T00:00:00Z"));
    expect(later.phases.map((p) => p.type)).toEqual(["trial", "normal", "inactive"]);
    expect(lifecycleStatus(later, at("2026-01-15T00:00:00Z"))).toBe("active");
    expect(() => changeAt(later, normal("2026-04-01T00:00:00Z", "plv_pro"))).toThrow(/ended/);
    // an end inside the trial drops the paid phase
    const early = endAt(withTrial, at("2025-01-20T00:00:00Z"));
    expect(early.phases.map((p) => p.type)).toEqual(["trial", "inactive"]);
  });

  it("ending while paused keeps the pause up to the end", () => {
    const paused = changeAt(withTrial, inactive("2025-04-01T00:00:00Z"));
    const ended = endAt(paused, at("2025-06-30T00:00:00Z"));
    expect(ended.phases.map((p) => p.type)).toEqual(["trial", "normal", "inactive"]);
    expect(lifecycleStatus(ended, at("2025-05-01T00:00:00Z"))).toBe("temporarily_inactive");
    expect(lifecycleStatus(ended, at("2025-06-30T00:00:00Z"))).toBe("ended");
  });

  it("refuses an end not after the start, a change before the start, and illegal transitions", () => {
    expect(() => endAt(withTrial, at("2025-01-10T00:00:00Z"))).toThrow(
      expect.objectContaining({ code: "end_before_start" }),
    );
    expect(() => changeAt(withTrial, normal("2025-01-01T00:00:00Z"))).toThrow(
      expect.objectContaining({ code: "change_before_start" }),
    );
    expect(() => changeAt(withTrial, trial("2025-02-01T00:00:00Z"))).toThrow(
      expect.objectContaining({ code: "invalid_change" }),
    );
    expect(() =>
      assertTimeline({
        start: at("2025-01-01T00:00:00Z"),
        end: null,
        phases: [inactive("2025-01-01T00:00:00Z")],
      }),
    ).toThrow(/cannot start inactive/);
  });

  it("every sequence the transition table allows is a valid timeline, and no other", () => {
    const types: PhaseType[] = ["trial", "normal", "inactive"];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...types), { minLength: 1, maxLength: 8 }),
        (sequence) => {
          const phases = sequence.map((type, i) => {
            const start = `2025-0${Math.floor(i / 3) + 1}-${String((i % 3) * 9 + 1).padStart(2, "0")}T00:00:00Z`;
            return type === "inactive"
              ? inactive(start)
              : type === "trial"
                ? trial(start)
                : normal(start);
          });
          const timeline: Timeline = { start: phases[0]!.start, end: null, phases };
          const legal =
            sequence[0] !== "inactive" &&
            sequence.every(
              (type, i) => i === 0 || PHASE_TRANSITIONS[sequence[i - 1]!].includes(type),
            );
          if (legal) expect(() => assertTimeline(timeline)).not.toThrow();
          else expect(() => assertTimeline(timeline)).toThrow();
        },
      ),
    );
  });
});
