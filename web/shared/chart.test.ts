import { describe, expect, it } from "vitest";
import { axisLabel, LABEL_PX, labelEvery, tickLabel } from "./chart.js";

describe("chart axes", () => {
  it("writes months short and leaves other labels alone", () => {
    expect(axisLabel("2026-03")).toBe("Mar 26");
    expect(axisLabel("2025-12")).toBe("Dec 25");
    expect(axisLabel("Q1")).toBe("Q1");
  });

  it("writes ticks compactly", () => {
    expect(tickLabel(0)).toBe("0");
    expect(tickLabel(2.5)).toBe("2.5");
    expect(tickLabel(1250)).toBe("1,250");
    expect(tickLabel(25000)).toBe("25k");
    expect(tickLabel(12500)).toBe("12.5k");
    expect(tickLabel(1_500_000)).toBe("1.5M");
  });

  it("thins labels out so that none overlap", () => {
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
    // "Mar 26": 6 glyphs of at most 0.62 × 12 px, and 8 px apart: 52.64 px a label
    expect(labelEvery(months, 60)).toBe(1);
    expect(labelEvery(months, 52)).toBe(2);
    expect(labelEvery(months, 24)).toBe(3);
    expect(labelEvery(months, 0)).toBeGreaterThan(12);
    expect(LABEL_PX).toBeGreaterThanOrEqual(11);
  });
});
