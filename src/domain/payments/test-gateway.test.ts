import { describe, expect, it } from "vitest";
import { gatewayAdapter } from "./gateway.js";
import {
  cardBrand,
  chargeReference,
  ibanValid,
  testGateway,
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

describe("the test gateway as a gateway adapter", () => {
  const gateway = gatewayAdapter("test", {})!;

  it("is the adapter of the test kind; providers without an adapter have none", () => {
    expect(gateway).toBe(testGateway);
    expect(gatewayAdapter("mollie", { api_key: "live_x" })).toBeUndefined();
  });

  it("creates a source under the customer's gateway customer and charges it once per key", async () => {
    const card = await gateway.createSource({
      customerId: "cus_1",
      token: { type: "card", card: { number: "4000000000000002", exp_month: 1, exp_year: 2030 } },
      today: "2026-01-01",
      nonce: "N",
    });
    expect(card).toEqual({
      customerReference: "cus_test_cus_1",
      reference: "tok_test_card_declined_N",
      type: "card",
      card: { brand: "visa", last4: "0002", exp_month: 1, exp_year: 2030 },
    });
    const failed = await gateway.charge({
      reference: card.reference,
      amount: 1000n,
      currency: "EUR",
      idempotencyKey: "k1",
    });
    expect(failed).toEqual({
      status: "failed",
      reference: "ch_test_failed_k1",
      code: "card_declined",
      message: "the card was declined",
    });
    expect(await gateway.fetchStatus({ chargeReference: failed.reference })).toBe("failed");
    const account = await gateway.createSource({
      customerId: "cus_1",
      token: { type: "bank_account", bank_account: { iban: "DE89370400440532013000" } },
      today: "2026-01-01",
      nonce: "M",
    });
    expect(account).toMatchObject({ type: "bank_account", bankAccount: { country: "DE" } });
    const ok = await gateway.charge({
      reference: account.reference,
      amount: 1000n,
      currency: "EUR",
      idempotencyKey: "k2",
    });
    expect(ok).toEqual({ status: "succeeded", reference: "ch_test_ok_k2" });
    expect(await gateway.fetchStatus({ chargeReference: ok.reference })).toBe("succeeded");
    await expect(gateway.fetchStatus({ chargeReference: "ch_live_1" })).rejects.toThrow(RangeError);
    expect(
      await gateway.refund({
        chargeReference: ok.reference,
        amount: 500n,
        currency: "EUR",
        idempotencyKey: "r1",
      }),
    ).toEqual({ reference: "re_test_r1" });
  });

  it("copies a card to another test account only, keeping its outcome", async () => {
    expect(gateway.canCopyCardTo("test")).toBe(true);
    expect(gateway.canCopyCardTo("stripe")).toBe(false);
    expect(gateway.canCopyCardTo("gocardless")).toBe(false);
    const copy = await gateway.copyCard({ reference: "tok_test_insufficient_funds_A", nonce: "B" });
    expect(copy).toEqual({ reference: "tok_test_insufficient_funds_B" });
    await expect(gateway.copyCard({ reference: "pm_live", nonce: "C" })).rejects.toThrow(
      RangeError,
    );
  });
});
