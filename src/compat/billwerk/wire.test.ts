import { describe, expect, it } from "vitest";
import { bwTimestamp, decimalFromNumber } from "./wire.js";

describe("Billwerk wire formats", () => {
  it("timestamps have seven fractional digits, whatever precision they come with", () => {
    expect(bwTimestamp("2025-01-01T09:00:00Z")).toBe("2025-01-01T09:00:00.0000000Z");
    expect(bwTimestamp("2025-01-01T09:00:00.123Z")).toBe("2025-01-01T09:00:00.1230000Z");
    expect(bwTimestamp("2025-01-01T09:00:00.123456789Z")).toBe("2025-01-01T09:00:00.1234567Z");
    expect(bwTimestamp(null)).toBeNull();
  });

  it("JSON numbers become decimal text without exponents", () => {
    expect(decimalFromNumber(12.5)).toBe("12.5");
    expect(decimalFromNumber(1e-7)).toBe("0.0000001");
    expect(decimalFromNumber(450.1)).toBe("450.1");
    expect(decimalFromNumber(1e21)).toBe("1000000000000000000000");
  });
});
