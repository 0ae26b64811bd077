import { expect, it } from "vitest";
import { isRfReference, newRfReference, rfCheckDigits } from "./voucher.js";

it("computes ISO 11649 check digits", () => {
  // 539007547034 + "RF00" → 539007547034271500; mod 97 = 80; 98 − 80 = 18
  expect(rfCheckDigits("539007547034")).toBe("18");
  // 2348231 + "RF00" → 2348231271500; mod 97 = 27; 98 − 27 = 71
  expect(rfCheckDigits("2348231")).toBe("71");
  expect(isRfReference("RF18 5390 0754 7034")).toBe(true);
  expect(isRfReference("RF18539007547035")).toBe(false);
  expect(isRfReference("RF712348231")).toBe(true);
});

it("makes valid references with 12-character bodies", () => {
  for (let i = 0; i < 50; i++) {
    const r = newRfReference();
    expect(r).toMatch(/^RF\d{2}[A-Z2-9]{12}$/);
    expect(isRfReference(r)).toBe(true);
  }
});
