import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AccrueError } from "../errors.js";
import { gatewayAdapter } from "./gateway.js";
import {
  cardBrand,
  chargeReference,
  ibanValid,
  readTestEvent,
  signTestEvent,
  TEST_IBANS_PENDING,
  TEST_SIGNATURE_HEADER,
  testGateway,
  tokenizeBankAccount,
  tokenizeCard,
  verifyTestSignature,
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

  it("is the adapter of the test kind", () => {
    expect(gateway).toBe(testGateway);
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

describe("the test gateway's direct debits decided later", () => {
  it("leaves a debit of a pending IBAN pending; its status reads pending until an event", async () => {
    const [iban] = [...TEST_IBANS_PENDING];
    expect(ibanValid(iban!)).toBe(true);
    const source = tokenizeBankAccount(iban!, "P");
    expect(source.reference).toBe("tok_test_pending_P");
    expect(chargeReference(source.reference)).toEqual({ ok: true, pending: true });
    const charged = await testGateway.charge({
      reference: source.reference,
      amount: 3000n,
      currency: "EUR",
      idempotencyKey: "k9",
    });
    expect(charged).toEqual({ status: "pending", reference: "ch_test_pending_k9" });
    expect(await testGateway.fetchStatus({ chargeReference: charged.reference })).toBe("pending");
    expect(
      await testGateway.authorize({
        reference: source.reference,
        amount: 3000n,
        currency: "EUR",
        idempotencyKey: "k10",
      }),
    ).toMatchObject({ status: "failed", code: "authorization_not_supported" });
  });
});

describe("the test gateway's events", () => {
  const SECRET = "whsec_TestGatewayUnitSecret";
  const body = JSON.stringify({
    id: "evt_1",
    type: "charge.refunded",
    data: { charge: "ch_test_ok_k1", amount: 1500, currency: "eur", refund: "re_1" },
  });
  const now = 1_767_225_600;

  it("signs as documented: t=<seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>", () => {
    const expected = createHmac("sha256", SECRET).update(`${now}.${body}`).digest("hex");
    expect(signTestEvent(body, SECRET, now)).toBe(`t=${now},v1=${expected}`);
    expect(TEST_SIGNATURE_HEADER).toBe("accrue-test-signature");
  });

  it("takes a signature of the body by the secret within five minutes, and nothing else", () => {
    const signature = signTestEvent(body, SECRET, now);
    const raw = Buffer.from(body);
    expect(() => verifyTestSignature(raw, signature, SECRET, now + 300)).not.toThrow();
    // several v1 values (a secret being rotated): one matching is enough
    expect(() =>
      verifyTestSignature(raw, `t=${now},v1=00ff,${signature.split(",")[1]}`, SECRET, now),
    ).not.toThrow();
    const refused = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        if (e instanceof AccrueError) return [e.kind, e.code, e.message];
        throw e;
      }
      return null;
    };
    expect(refused(() => verifyTestSignature(raw, signature, "whsec_other", now))).toEqual([
      "invalid",
      "invalid_signature",
      "no signature of the event matches its body",
    ]);
    expect(
      refused(() => verifyTestSignature(Buffer.from(`${body} `), signature, SECRET, now)),
    ).toEqual(["invalid", "invalid_signature", "no signature of the event matches its body"]);
    expect(refused(() => verifyTestSignature(raw, signature, SECRET, now + 301))).toEqual([
      "invalid",
      "invalid_signature",
      "the signature's timestamp is more than 300 seconds from now",
    ]);
    expect(refused(() => verifyTestSignature(raw, undefined, SECRET, now))).toEqual([
      "invalid",
      "invalid_signature",
      "the event carries no accrue-test-signature header",
    ]);
    expect(refused(() => verifyTestSignature(raw, "v1=abc", SECRET, now))).toEqual([
      "invalid",
      "invalid_signature",
      "the accrue-test-signature header is not t=…,v1=…",
    ]);
  });

  it("reads its events; types it does not know are unknown", () => {
    expect(readTestEvent(Buffer.from(body))).toEqual({
      id: "evt_1",
      type: "charge.refunded",
      providerType: "charge.refunded",
      chargeReference: "ch_test_ok_k1",
      amount: 1500n,
      currency: "EUR",
      reference: "re_1",
      raw: JSON.parse(body),
    });
    expect(
      readTestEvent(
        Buffer.from(
          JSON.stringify({
            id: "evt_2",
            type: "charge.failed",
            data: { charge: "ch_test_pending_k", failure: { code: "insufficient_funds" } },
          }),
        ),
      ),
    ).toMatchObject({
      type: "charge.failed",
      failure: {
        code: "insufficient_funds",
        message: "the test gateway reports the charge failed",
      },
    });
    expect(
      readTestEvent(Buffer.from(JSON.stringify({ id: "evt_3", type: "mandate.updated" }))),
    ).toMatchObject({ type: "unknown", providerType: "mandate.updated", chargeReference: null });
    for (const bad of ["[]", "nope", JSON.stringify({ type: "charge.failed" })]) {
      expect(() => readTestEvent(Buffer.from(bad)), bad).toThrow(
        expect.objectContaining({ code: "malformed_gateway_event" }),
      );
    }
  });

  it("an account's adapter verifies with its webhook_secret; without one it refuses events", async () => {
    const adapter = gatewayAdapter("test", { webhook_secret: SECRET })!;
    const event = await adapter.parseWebhook({
      rawBody: Buffer.from(body),
      headers: { [TEST_SIGNATURE_HEADER]: signTestEvent(body, SECRET, now) },
      receivedAt: now * 1000,
    });
    expect(event).toMatchObject({ id: "evt_1", type: "charge.refunded", amount: 1500n });
    await expect(
      testGateway.parseWebhook({ rawBody: Buffer.from(body), headers: {}, receivedAt: 0 }),
    ).rejects.toMatchObject({ code: "webhook_secret_not_configured" });
  });
});
