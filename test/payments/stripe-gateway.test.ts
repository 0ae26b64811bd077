/**
 * The Stripe adapter against a local stand-in of Stripe's API (test/fakes/stripe-server.ts):
 * the exact requests the official client sends (form-encoded minor units, lower-case
 * currency, Idempotency-Key, off-session confirmation), how Stripe's answers become verdicts,
 * and that an answer Stripe did not give is never a failed charge.
 */
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkCredentials,
  gatewayAdapter,
  hasAdapter,
  type PaymentGateway,
} from "../../src/domain/payments/gateway.js";
import { checkStripeCredentials } from "../../src/domain/payments/stripe-gateway.js";
import { FakeStripe } from "../fakes/stripe-server.js";
import { refusal, refusalOf } from "./refusals.js";

const KEY = "sk_test_51AccrueUnitTest";

describe("Stripe credentials", () => {
  it("takes a secret key, a signing secret and a loopback api_base with a test key only", () => {
    expect(
      checkStripeCredentials({ secret_key: "sk_live_abc", webhook_secret: "whsec_x1" }),
    ).toEqual({
      secretKey: "sk_live_abc",
      webhookSecret: "whsec_x1",
      apiBase: null,
    });
    expect(
      checkStripeCredentials({ secret_key: KEY, api_base: "http://127.0.0.1:12111" }).apiBase?.port,
    ).toBe("12111");
    const refused = (credentials: Record<string, string>) =>
      refusalOf(() => checkCredentials("stripe", credentials));
    expect(refused({ secret_key: "pk_test_abc" })).toMatchObject({
      kind: "unprocessable",
      code: "invalid_gateway_credentials",
      details: { field: "credentials.secret_key" },
    });
    expect(refused({ api_key: KEY })).toMatchObject({ details: { field: "credentials.api_key" } });
    expect(refused({ secret_key: KEY, webhook_secret: "secret" })).toMatchObject({
      details: { field: "credentials.webhook_secret" },
    });
    // a live key never goes anywhere but Stripe; a test key only to this machine
    for (const api_base of [
      "https://evil.example:443",
      "http://10.0.0.5:12111",
      "ftp://127.0.0.1",
      "http://127.0.0.1:12111/v1",
      "not a url",
    ]) {
      expect(refused({ secret_key: KEY, api_base })).toMatchObject({
        code: "invalid_gateway_credentials",
        details: { field: "credentials.api_base" },
      });
    }
    expect(refused({ secret_key: "sk_live_abc", api_base: "http://127.0.0.1:1" })).toMatchObject({
      details: { field: "credentials.api_base" },
    });
    expect(hasAdapter("stripe")).toBe(true);
    expect(gatewayAdapter("stripe", { secret_key: KEY })?.kind).toBe("stripe");
  });
});

describe("the Stripe adapter", () => {
  const stripe = new FakeStripe();
  let gateway: PaymentGateway;

  beforeAll(async () => {
    const apiBase = await stripe.start();
    gateway = gatewayAdapter("stripe", { secret_key: KEY, api_base: apiBase })!;
    stripe.addCard("pm_card_visa", { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2030 });
    stripe.addCard(
      "pm_card_chargeDeclinedInsufficientFunds",
      { brand: "visa", last4: "9995", exp_month: 12, exp_year: 2030 },
      "decline",
    );
    stripe.addCard(
      "pm_card_authenticationRequired",
      { brand: "visa", last4: "3184", exp_month: 12, exp_year: 2030 },
      "authentication",
    );
    stripe.addCard("pm_card_old", { brand: "jcb", last4: "0000", exp_month: 1, exp_year: 2026 });
    stripe.addSepaDebit("pm_sepa_debit", { country: "DE", last4: "3000", name: "Ada Lovelace" });
    stripe.addOther("pm_us_bank", "us_bank_account");
  });
  afterAll(() => stripe.stop());

  it("creates the Stripe customer on the first source, attaches the payment method and reads the card", async () => {
    const card = await gateway.createSource({
      customerId: "cus_01ADA",
      token: { type: "provider_token", token: "pm_card_visa" },
      today: "2027-03-01",
      nonce: "N1",
    });
    expect(card).toEqual({
      customerReference: expect.stringMatching(/^cus_Fake/),
      reference: "pm_card_visa",
      type: "card",
      card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2030 },
    });
    const [created] = stripe.sent("POST /v1/customers");
    expect(created!.params).toEqual({ "metadata[accrue_customer_id]": "cus_01ADA" });
    expect(created!.headers["idempotency-key"]).toBe("accrue_customer_cus_01ADA_N1");
    expect(created!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(created!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const [attach] = stripe.sent("POST /v1/payment_methods/pm_card_visa/attach");
    expect(attach!.params).toEqual({ customer: card.customerReference });

    // the same customer's next source goes under the Stripe customer it has
    const bank = await gateway.createSource({
      customerId: "cus_01ADA",
      customerReference: card.customerReference,
      token: { type: "provider_token", token: "pm_sepa_debit" },
      today: "2027-03-01",
      nonce: "N2",
    });
    expect(bank).toEqual({
      customerReference: card.customerReference,
      reference: "pm_sepa_debit",
      type: "bank_account",
      bankAccount: { country: "DE", last4: "3000", holderName: "Ada Lovelace" },
    });
    expect(stripe.sent("POST /v1/customers")).toHaveLength(1);
  });

  it("refuses card numbers, unknown or foreign tokens, other types and expired cards", async () => {
    const source = (token: Parameters<PaymentGateway["createSource"]>[0]["token"]) =>
      gateway.createSource({ customerId: "cus_01BOB", token, today: "2027-03-01", nonce: "N" });
    expect(
      await refusal(
        source({
          type: "card",
          card: { number: "4242424242424242", exp_month: 1, exp_year: 2030 },
        }),
      ),
    ).toMatchObject({ kind: "unprocessable", code: "provider_token_required" });
    expect(await refusal(source({ type: "provider_token", token: "tok_visa" }))).toMatchObject({
      code: "invalid_provider_token",
    });
    expect(await refusal(source({ type: "provider_token", token: "pm_none" }))).toMatchObject({
      code: "invalid_provider_token",
    });
    expect(await refusal(source({ type: "provider_token", token: "pm_us_bank" }))).toMatchObject({
      code: "payment_method_type_not_supported",
    });
    expect(await refusal(source({ type: "provider_token", token: "pm_card_old" }))).toMatchObject({
      code: "card_expired",
    });
    // attached to Ada's Stripe customer already: not Bob's
    expect(await refusal(source({ type: "provider_token", token: "pm_card_visa" }))).toMatchObject({
      code: "provider_token_other_customer",
    });
  });

  it("charges off-session in minor units with the idempotency key; a retry charges once", async () => {
    const customer = stripe.sent("POST /v1/payment_methods/pm_card_visa/attach")[0]!.params
      .customer!;
    const ok = await gateway.charge({
      reference: "pm_card_visa",
      customerReference: customer,
      amount: 123_456n,
      currency: "EUR",
      idempotencyKey: "req_1_pms_1",
    });
    expect(ok).toEqual({ status: "succeeded", reference: expect.stringMatching(/^pi_Fake/) });
    const [sent] = stripe.sent("POST /v1/payment_intents");
    expect(sent!.params).toEqual({
      amount: "123456",
      currency: "eur",
      customer,
      payment_method: "pm_card_visa",
      confirm: "true",
      off_session: "true",
      "automatic_payment_methods[enabled]": "true",
      "automatic_payment_methods[allow_redirects]": "never",
    });
    expect(sent!.headers["idempotency-key"]).toBe("req_1_pms_1");
    const again = await gateway.charge({
      reference: "pm_card_visa",
      customerReference: customer,
      amount: 123_456n,
      currency: "EUR",
      idempotencyKey: "req_1_pms_1",
    });
    expect(again).toEqual(ok);
    expect(await gateway.fetchStatus({ chargeReference: ok.reference })).toBe("succeeded");
    const refund = await gateway.refund({
      chargeReference: ok.reference,
      amount: 23_456n,
      currency: "EUR",
      idempotencyKey: "req_2_pay_1",
    });
    expect(refund.reference).toMatch(/^re_Fake/);
    const [refundSent] = stripe.sent("POST /v1/refunds");
    expect(refundSent!.params).toEqual({ payment_intent: ok.reference, amount: "23456" });
    expect(refundSent!.headers["idempotency-key"]).toBe("req_2_pay_1");
    expect(
      await refusal(
        gateway.refund({
          chargeReference: ok.reference,
          amount: 100_001n,
          currency: "EUR",
          idempotencyKey: "req_3_pay_1",
        }),
      ),
    ).toMatchObject({
      code: "gateway_refund_refused",
      details: { stripe_code: "amount_too_large" },
    });
  });

  it("maps a decline, authentication and a SEPA debit processing to failed, requires_action and pending", async () => {
    const ada = await gateway.createSource({
      customerId: "cus_01CAT",
      token: { type: "provider_token", token: "pm_card_chargeDeclinedInsufficientFunds" },
      today: "2027-03-01",
      nonce: "N3",
    });
    const declined = await gateway.charge({
      reference: ada.reference,
      customerReference: ada.customerReference,
      amount: 500n,
      currency: "USD",
      idempotencyKey: "k_decline",
    });
    expect(declined).toEqual({
      status: "failed",
      reference: expect.stringMatching(/^pi_Fake/),
      code: "insufficient_funds",
      message: "Your card has insufficient funds.",
    });
    expect(await gateway.fetchStatus({ chargeReference: declined.reference })).toBe("failed");

    const sca = await gateway.createSource({
      customerId: "cus_01CAT",
      customerReference: ada.customerReference,
      token: { type: "provider_token", token: "pm_card_authenticationRequired" },
      today: "2027-03-01",
      nonce: "N4",
    });
    const charge = (idempotencyKey: string) =>
      gateway.charge({
        reference: sca.reference,
        customerReference: sca.customerReference,
        amount: 500n,
        currency: "USD",
        idempotencyKey,
      });
    // off-session, Stripe refuses it with the card error authentication_required
    const refused = await charge("k_sca");
    expect(refused).toEqual({
      status: "requires_action",
      reference: expect.stringMatching(/^pi_Fake/),
      code: "authentication_required",
      message: "the customer's bank asks the customer to authenticate this payment",
    });
    expect(stripe.sent("POST /v1/payment_intents").at(-1)!.answer!.status).toBe(402);
    expect(await gateway.actionOutcome!({ chargeReference: refused.reference })).toMatchObject({
      status: "requires_action",
    });
    // or answers the intent requires_action
    stripe.authenticationAnswer = "requires_action";
    const answered = await charge("k_sca_2");
    stripe.authenticationAnswer = "error";
    expect(answered).toMatchObject({ status: "requires_action", code: "authentication_required" });
    expect(stripe.intent(answered.reference).status).toBe("requires_action");

    const bankCustomer = stripe.sent("POST /v1/payment_methods/pm_sepa_debit/attach")[0]!.params
      .customer!;
    const pending = await gateway.charge({
      reference: "pm_sepa_debit",
      customerReference: bankCustomer,
      amount: 4_200n,
      currency: "EUR",
      idempotencyKey: "k_sepa",
    });
    expect(pending).toEqual({ status: "pending", reference: expect.stringMatching(/^pi_Fake/) });
    expect(await gateway.fetchStatus({ chargeReference: pending.reference })).toBe("pending");
    stripe.settle(pending.reference, "succeeded");
    expect(await gateway.fetchStatus({ chargeReference: pending.reference })).toBe("succeeded");
  });

  it("holds with manual capture, captures and releases by the intent", async () => {
    const customer = stripe.sent("POST /v1/payment_methods/pm_card_visa/attach")[0]!.params
      .customer!;
    const held = await gateway.authorize({
      reference: "pm_card_visa",
      customerReference: customer,
      amount: 9_900n,
      currency: "EUR",
      idempotencyKey: "k_hold",
    });
    expect(held.status).toBe("succeeded");
    expect(stripe.sent("POST /v1/payment_intents").at(-1)!.params).toMatchObject({
      capture_method: "manual",
      amount: "9900",
      confirm: "true",
    });
    expect(
      await gateway.capture({
        chargeReference: held.reference,
        amount: 9_900n,
        idempotencyKey: "k_cap",
      }),
    ).toEqual({ status: "succeeded", reference: held.reference });
    expect(stripe.sent(`POST /v1/payment_intents/${held.reference}/capture`)[0]!.params).toEqual({
      amount_to_capture: "9900",
    });
    const other = await gateway.authorize({
      reference: "pm_card_visa",
      customerReference: customer,
      amount: 100n,
      currency: "EUR",
      idempotencyKey: "k_hold2",
    });
    await gateway.release({ chargeReference: other.reference, idempotencyKey: "k_rel" });
    expect(stripe.sent(`POST /v1/payment_intents/${other.reference}/cancel`)).toHaveLength(1);
    expect(await gateway.fetchStatus({ chargeReference: other.reference })).toBe("failed");
  });

  it("never copies a card", async () => {
    expect(gateway.canCopyCardTo("stripe")).toBe(false);
    expect(gateway.canCopyCardTo("test")).toBe(false);
    expect(
      await refusal(gateway.copyCard({ reference: "pm_card_visa", nonce: "N" })),
    ).toMatchObject({
      code: "card_copy_not_supported",
    });
  });

  it("a 5xx Stripe keeps giving is gateway_unreachable, retried with the same key, never a failed charge", async () => {
    const customer = stripe.sent("POST /v1/payment_methods/pm_card_visa/attach")[0]!.params
      .customer!;
    const before = stripe.requests.length;
    stripe.failNext = 3;
    expect(
      await refusal(
        gateway.charge({
          reference: "pm_card_visa",
          customerReference: customer,
          amount: 700n,
          currency: "EUR",
          idempotencyKey: "k_outage",
        }),
      ),
    ).toMatchObject({ kind: "unavailable", code: "gateway_unreachable" });
    const tries = stripe.requests.slice(before);
    expect(tries.map((r) => r.headers["idempotency-key"])).toEqual([
      "k_outage",
      "k_outage",
      "k_outage",
    ]);
    // one failure, then Stripe answers: the client's retry with the same key charges once
    stripe.failNext = 1;
    const ok = await gateway.charge({
      reference: "pm_card_visa",
      customerReference: customer,
      amount: 700n,
      currency: "EUR",
      idempotencyKey: "k_outage2",
    });
    expect(ok.status).toBe("succeeded");
  });

  it("no answer at all (nothing listening) is gateway_unreachable; a refused key is gateway_credentials_rejected", async () => {
    const closed = new FakeStripe();
    const base = await closed.start();
    await closed.stop();
    const offline = gatewayAdapter("stripe", { secret_key: KEY, api_base: base })!;
    expect(await refusal(offline.fetchStatus({ chargeReference: "pi_1" }))).toMatchObject({
      kind: "unavailable",
      code: "gateway_unreachable",
    });
    const apiBase = `http://127.0.0.1:${
      new URL(`http://${stripe.requests[0]!.headers.host}`).port
    }`;
    const wrongKey = gatewayAdapter("stripe", { secret_key: "rk_test_wrong", api_base: apiBase })!;
    expect(await refusal(wrongKey.fetchStatus({ chargeReference: "pi_1" }))).toMatchObject({
      kind: "unprocessable",
      code: "gateway_credentials_rejected",
    });
  });
});

describe("Stripe events", () => {
  const SECRET = "whsec_AccrueUnitTestSigningSecret";
  const adapter = gatewayAdapter("stripe", { secret_key: KEY, webhook_secret: SECRET })!;
  const now = Date.now();
  const event = (type: string, object: Record<string, unknown>, id = "evt_1Unit") =>
    JSON.stringify({ id, object: "event", type, created: 1_700_000_000, data: { object } });
  /** The event as Stripe would deliver it: the body and its Stripe-Signature header. */
  const delivered = (body: string, secret = SECRET, timestamp?: number) => ({
    rawBody: Buffer.from(body),
    headers: {
      "stripe-signature": Stripe.webhooks.generateTestHeaderString({
        payload: body,
        secret,
        ...(timestamp ? { timestamp } : {}),
      }),
    },
    receivedAt: now,
  });

  it("verifies with the client's own verifier and reads the four kinds Accrue applies", async () => {
    const intent = {
      id: "pi_1",
      object: "payment_intent",
      amount: 3000,
      amount_received: 3000,
      currency: "eur",
      status: "succeeded",
    };
    const succeeded = await adapter.parseWebhook(
      delivered(event("payment_intent.succeeded", intent)),
    );
    expect(succeeded).toMatchObject({
      id: "evt_1Unit",
      type: "charge.succeeded",
      providerType: "payment_intent.succeeded",
      chargeReference: "pi_1",
      amount: 3000n,
      currency: "EUR",
    });
    expect(((succeeded as { raw: unknown }).raw as { data: unknown }).data).toEqual({
      object: intent,
    });
    expect(
      await adapter.parseWebhook(
        delivered(
          event("payment_intent.payment_failed", {
            ...intent,
            status: "requires_payment_method",
            amount_received: 0,
            last_payment_error: {
              code: "card_declined",
              decline_code: "insufficient_funds",
              message: "Your card has insufficient funds.",
            },
          }),
        ),
      ),
    ).toMatchObject({
      type: "charge.failed",
      chargeReference: "pi_1",
      failure: { code: "insufficient_funds", message: "Your card has insufficient funds." },
    });
    expect(
      await adapter.parseWebhook(
        delivered(
          event("charge.refunded", {
            id: "ch_1",
            object: "charge",
            amount: 3000,
            amount_refunded: 1500,
            currency: "eur",
            payment_intent: "pi_1",
            refunds: { object: "list", data: [{ id: "re_2", amount: 500 }, { id: "re_1" }] },
          }),
        ),
      ),
    ).toMatchObject({
      type: "charge.refunded",
      chargeReference: "pi_1",
      amount: 1500n,
      reference: "re_2",
    });
    expect(
      await adapter.parseWebhook(
        delivered(
          event("charge.dispute.created", {
            id: "dp_1",
            object: "dispute",
            amount: 2000,
            currency: "eur",
            charge: "ch_1",
            payment_intent: "pi_1",
          }),
        ),
      ),
    ).toMatchObject({
      type: "charge.disputed",
      chargeReference: "pi_1",
      amount: 2000n,
      currency: "EUR",
      reference: "dp_1",
    });
    expect(
      await adapter.parseWebhook(delivered(event("customer.created", { id: "cus_1" }))),
    ).toMatchObject({ type: "unknown", providerType: "customer.created", chargeReference: null });
  });

  it("refuses what the verifier refuses: another secret, a changed body, an old or missing signature", async () => {
    const body = event("payment_intent.succeeded", { id: "pi_1", amount_received: 1 });
    const invalidSignature = { kind: "invalid", code: "invalid_signature" };
    expect(await refusal(adapter.parseWebhook(delivered(body, "whsec_SomeoneElse")))).toMatchObject(
      invalidSignature,
    );
    const changed = delivered(body);
    expect(
      await refusal(
        adapter.parseWebhook({
          ...changed,
          rawBody: Buffer.from(body.replace('"amount_received":1', '"amount_received":9')),
        }),
      ),
    ).toMatchObject(invalidSignature);
    const old = Math.floor(now / 1000) - 301;
    expect(await refusal(adapter.parseWebhook(delivered(body, SECRET, old)))).toMatchObject(
      invalidSignature,
    );
    expect(
      await refusal(
        adapter.parseWebhook({ rawBody: Buffer.from(body), headers: {}, receivedAt: now }),
      ),
    ).toMatchObject(invalidSignature);
    expect(await refusal(adapter.parseWebhook(delivered("not json")))).toMatchObject({
      code: "malformed_gateway_event",
    });
    const secretless = gatewayAdapter("stripe", { secret_key: KEY })!;
    expect(await refusal(secretless.parseWebhook(delivered(body)))).toMatchObject({
      kind: "unprocessable",
      code: "webhook_secret_not_configured",
    });
  });
});
