import { describe, expect, it } from "vitest";
import {
  cardBrand,
  chargeReference,
  ibanValid,
  tokenizeBankAccount,
  tokenizeCard,
} from "./test-gateway.js";

describe("the test gateway's vault", () => {
  it("names card brands by their number ranges", () => {
    expect(cardBrand("4242424242424242")).toBe("visa");
    expect(cardBrand("5555555555554444")).toBe("mastercard");
    expect(cardBrand("2223003122003222")).toBe("mastercard");
    expect(cardBrand("378282246310005")).toBe("amex");
    expect(cardBrand("6011111111111117")).toBe("discover");
    expect(cardBrand("3056930009020004")).toBe("other");
  });

  it("keeps the last four digits and decides the charge outcome when it tokenizes", () => {
    const ok = tokenizeCard(
      { number: "4242-4242-4242-4242", exp_month: 3, exp_year: 2027 },
      "2027-03-31",
      "N1",
    );
    expect(ok).toEqual({
      brand: "visa",
      last4: "4242",
      exp_month: 3,
      exp_year: 2027,
      reference: "tok_test_ok_N1",
    });
    expect(chargeReference(ok.reference)).toEqual({ ok: true });
    const declined = tokenizeCard(
      { number: "4000000000000002", exp_month: 1, exp_year: 2030 },
      "2027-01-01",
      "N2",
    );
    expect(chargeReference(declined.reference)).toMatchObject({ ok: false, code: "card_declined" });
    const poor = tokenizeCard(
      { number: "4000000000009995", exp_month: 1, exp_year: 2030 },
      "2027-01-01",
      "N3",
    );
    expect(chargeReference(poor.reference)).toMatchObject({
      ok: false,
      code: "insufficient_funds",
    });
  });

  it("refuses invalid numbers and cards expired before this month", () => {
    expect(() =>
      tokenizeCard({ number: "4242424242424241", exp_month: 1, exp_year: 2030 }, "2027-01-01", "N"),
    ).toThrow(/not a valid card number/);
    expect(() =>
      tokenizeCard({ number: "4242424242424242", exp_month: 2, exp_year: 2027 }, "2027-03-01", "N"),
    ).toThrow(/expired/);
    expect(() =>
      tokenizeCard(
        { number: "4242424242424242", exp_month: 12, exp_year: 2026 },
        "2027-03-01",
        "N",
      ),
    ).toThrow(/expired/);
  });

  it("checks IBANs by ISO 13616 and tokenizes the account", () => {
    expect(ibanValid("DE89370400440532013000")).toBe(true);
    expect(ibanValid("GB82WEST12345698765432")).toBe(true);
    expect(ibanValid("DE89370400440532013001")).toBe(false);
    expect(ibanValid("de89370400440532013000")).toBe(false);
    expect(tokenizeBankAccount("de89 3704 0044 0532 0130 00", "N")).toEqual({
      country: "DE",
      last4: "3000",
      reference: "tok_test_ok_N",
    });
    expect(
      chargeReference(tokenizeBankAccount("DE62370400440532013001", "M").reference),
    ).toMatchObject({
      ok: false,
      code: "insufficient_funds",
    });
    expect(() => tokenizeBankAccount("DE00370400440532013000", "N")).toThrow(/not a valid IBAN/);
  });

  it("knows only its own references", () => {
    expect(() => chargeReference("tok_live_abc")).toThrow(RangeError);
  });
});
