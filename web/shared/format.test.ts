import { describe, expect, it } from "vitest";
import { addDecimals, formatMoney } from "./format.js";

describe("formatMoney", () => {
  it("groups digits and keeps the string's own digits", () => {
    expect(formatMoney("1234567.50", "EUR")).toBe("1,234,567.50 EUR");
    expect(formatMoney("1500", "ISK")).toBe("1,500 ISK");
    expect(formatMoney("-0.01", "EUR")).toBe("−0.01 EUR");
    expect(formatMoney("1000", "JPY")).toBe("1,000 JPY");
    expect(formatMoney("0.1234", "EUR")).toBe("0.1234 EUR");
  });
});

describe("addDecimals", () => {
  it("sums exactly where floats would not", () => {
    expect(addDecimals(["0.1", "0.2"])).toBe("0.3");
    expect(addDecimals(["1.5", "2.25", "-4"])).toBe("-0.25");
    expect(addDecimals([])).toBe("0");
  });
});
