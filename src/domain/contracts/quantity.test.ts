import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { changeQuantityAt, type Phase, type Timeline } from "./phases.js";

const at = (s: string) => Temporal.Instant.from(s);
const phase = (type: Phase["type"], start: string, quantity = "1"): Phase => ({
  type,
  start: at(start),
  planVariantId: type === "inactive" ? null : "plv_basic",
  quantity: type === "inactive" ? "0" : quantity,
});

/** A 14-day trial from Jan 10, paid from Jan 24, paused on Mar 1. */
const timeline: Timeline = {
  start: at("2025-01-10T00:00:00Z"),
  end: null,
  phases: [
    phase("trial", "2025-01-10T00:00:00Z"),
    phase("normal", "2025-01-24T00:00:00Z"),
    phase("inactive", "2025-03-01T00:00:00Z"),
  ],
};

describe("changeQuantityAt", () => {
  it("starts a normal phase of the variant billed then, superseding what was scheduled later", () => {
    const after = changeQuantityAt(timeline, at("2025-02-10T00:00:00Z"), "3");
    expect(after.phases).toEqual([
      phase("trial", "2025-01-10T00:00:00Z"),
      phase("normal", "2025-01-24T00:00:00Z"),
      phase("normal", "2025-02-10T00:00:00Z", "3"),
    ]);
  });

  it("keeps the contract's end", () => {
    const ending: Timeline = {
      start: at("2025-01-24T00:00:00Z"),
      end: at("2025-06-01T00:00:00Z"),
      phases: [phase("normal", "2025-01-24T00:00:00Z"), phase("inactive", "2025-06-01T00:00:00Z")],
    };
    const after = changeQuantityAt(ending, at("2025-02-10T00:00:00Z"), "2");
    expect(after.end).toEqual(ending.end);
    expect(after.phases.map((p) => [p.type, p.quantity])).toEqual([
      ["normal", "1"],
      ["normal", "2"],
      ["inactive", "0"],
    ]);
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as { code: string }).code;
      }
      return null;
    };
    expect(code(() => changeQuantityAt(ending, at("2025-06-01T00:00:00Z"), "2"))).toBe(
      "contract_ended",
    );
  });

  it("refuses a trial, a pause and a date before the start", () => {
    const code = (when: string) => {
      try {
        changeQuantityAt(timeline, at(when), "2");
      } catch (e) {
        return (e as { code: string }).code;
      }
      return null;
    };
    expect(code("2025-01-12T00:00:00Z")).toBe("quantity_change_outside_paid_phase");
    expect(code("2025-03-05T00:00:00Z")).toBe("quantity_change_outside_paid_phase");
    expect(code("2025-01-01T00:00:00Z")).toBe("change_before_start");
  });
});
