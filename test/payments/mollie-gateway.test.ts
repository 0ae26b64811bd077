/**
 * The Mollie adapter against a local stand-in of Mollie's API (test/fakes/mollie-server.ts),
 * through the official client: the exact requests it sends (recurring payments on a mandate,
 * amounts as Mollie's decimal strings with the currency's decimals, the Idempotency-Key, the
 * account's webhook URL), how Mollie's answers become verdicts, that a repeated key charges
 * once, that an answer Mollie did not give is never a failed charge, and how an unsigned
 * webhook notice is verified by reading the payment back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkCredentials,
  gatewayAdapter,
  hasAdapter,
  type PaymentGateway,
} from "../../src/domain/payments/gateway.js";
import {
  checkMollieCredentials,
  mollieAmount,
  mollieGateway,
} from "../../src/domain/payments/mollie-gateway.js";
import { trustLoopbackTls } from "../fakes/loopback-tls.js";
import { FakeMollie, notice } from "../fakes/mollie-server.js";
import { refusal, refusalOf } from "./refusals.js";

const KEY = "test_AccrueUnitTestKey0123456789";

describe("Mollie credentials and amounts", () => {
  it("takes an API key, a public URL and an HTTPS loopback api_base with a test key only", () => {
    expect(checkMollieCredentials({ api_key: "live_abcdefghijklmnopqrstuvwxyz12" })).toEqual({
      apiKey: "live_abcdefghijklmnopqrstuvwxyz12",
      publicUrl: null,
      apiBase: null,
    });
    expect(
      checkMollieCredentials({ api_key: KEY, public_url: "https://billing.example.com" }).publicUrl
        ?.href,
    ).toBe("https://billing.example.com/");
    const refused = (credentials: Record<string, string>) =>
      refusalOf(() => checkCredentials("mollie", credentials));
    expect(refused({ api_key: "test_short" })).toMatchObject({
      code: "invalid_gateway_credentials",
      details: { field: "credentials.api_key" },
    });
    expect(refused({ api_key: KEY, webhook_secret: "x" })).toMatchObject({
      details: { field: "credentials.webhook_secret" },
    });
    expect(refused({ api_key: KEY, public_url: "ftp://x" })).toMatchObject({
      details: { field: "credentials.public_url" },
    });
    for (const api_base of [
      "http://127.0.0.1:1",
      "https://api.mollie.com",
      "https://127.0.0.1:1/v2",
    ]) {
      expect(refused({ api_key: KEY, api_base })).toMatchObject({
        details: { field: "credentials.api_base" },
      });
    }
    expect(
      refused({ api_key: "live_abcdefghijklmnopqrstuvwxyz12", api_base: "https://127.0.0.1:1" }),
    ).toMatchObject({ details: { field: "credentials.api_base" } });
    expect(hasAdapter("mollie")).toBe(true);
    expect(gatewayAdapter("mollie", { api_key: KEY })?.kind).toBe("mollie");
  });

  it("writes amounts with the currency's decimals", () => {
    expect(mollieAmount(1000n, "EUR")).toEqual({ currency: "EUR", value: "10.00" });
    expect(mollieAmount(5n, "EUR")).toEqual({ currency: "EUR", value: "0.05" });
    expect(mollieAmount(1000n, "JPY")).toEqual({ currency: "JPY", value: "1000" });
    expect(() => mollieAmount(0n, "EUR")).toThrow(RangeError);
  });
});

describe("the Mollie adapter", () => {
  const mollie = new FakeMollie(KEY);
  let base: string;
  let adapter: PaymentGateway;
  let untrust: () => void;
  const make = (credentials: Record<string, string> = {}, timeoutMs?: number) =>
    mollieGateway(
      checkMollieCredentials({
        api_key: KEY,
        api_base: base,
        public_url: "https://billing.example.com/",
        ...credentials,
      }),
      { accountId: "gwa_mollie1", ...(timeoutMs ? { timeoutMs } : {}) },
    );
  const charge = (key: string, mandate = "mdt_debit", amount = 1500n, currency = "EUR") =>
    adapter.charge({
      reference: mandate,
      customerReference: "cst_ada",
      amount,
      currency,
      idempotencyKey: key,
    });

  beforeAll(async () => {
    untrust = trustLoopbackTls();
    base = await mollie.start();
    adapter = make();
    mollie.addMandate({ customer: "cst_ada", mandate: "mdt_debit", method: "directdebit" });
    mollie.addMandate({
      customer: "cst_ada",
      mandate: "mdt_card",
      method: "creditcard",
      createdAt: "2026-02-01T00:00:00+00:00",
    });
    mollie.addMandate({
      customer: "cst_ada",
      mandate: "mdt_declines",
      method: "creditcard",
      decline: true,
      createdAt: "2025-01-01T00:00:00+00:00",
    });
    mollie.addMandate({
      customer: "cst_eve",
      mandate: "mdt_eve",
      method: "directdebit",
      metadata: { accrue_customer_id: "cus_someone_else" },
    });
    mollie.addMandate({
      customer: "cst_old",
      mandate: "mdt_old",
      method: "creditcard",
      expiry: "2025-01-31",
    });
    mollie.addMandate({ customer: "cst_pp", mandate: "mdt_pp", method: "paypal" });
    mollie.addMandate({
      customer: "cst_gone",
      mandate: "mdt_gone",
      method: "directdebit",
      status: "invalid",
    });
  });
  afterAll(async () => {
    await mollie.stop();
    untrust();
  });

  it("keeps a customer's newest valid mandate, claiming the Mollie customer", async () => {
    const source = await adapter.createSource({
      customerId: "cus_ada",
      token: { type: "provider_token", token: "cst_ada" },
      today: "2026-03-01",
      nonce: "n1",
    });
    expect(source).toEqual({
      customerReference: "cst_ada",
      reference: "mdt_card",
      type: "card",
      card: { brand: "mastercard", last4: "6787", exp_month: 12, exp_year: 2030 },
    });
    expect(mollie.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /v2/customers/cst_ada/mandates",
      "GET /v2/customers/cst_ada",
      "PATCH /v2/customers/cst_ada",
    ]);
    expect(mollie.requests[0]!.query).toEqual({ limit: "250" });
    expect(mollie.requests[2]!.body).toEqual({ metadata: { accrue_customer_id: "cus_ada" } });
    expect(mollie.requests[2]!.headers.authorization).toBe(`Bearer ${KEY}`);

    // a mandate of the customer already known: read by id, the customer not read again
    mollie.requests.length = 0;
    const debit = await adapter.createSource({
      customerId: "cus_ada",
      customerReference: "cst_ada",
      token: { type: "provider_token", token: "mdt_debit" },
      today: "2026-03-01",
      nonce: "n2",
    });
    expect(debit).toEqual({
      customerReference: "cst_ada",
      reference: "mdt_debit",
      type: "bank_account",
      bankAccount: { country: "NL", last4: "0000", holderName: "Pat Payer" },
    });
    expect(mollie.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /v2/customers/cst_ada/mandates/mdt_debit",
    ]);
  });

  it("refuses tokens that are no usable mandate of this customer", async () => {
    const create = (token: string, customerReference?: string) =>
      refusal(
        adapter.createSource({
          customerId: "cus_ada",
          customerReference,
          token: { type: "provider_token", token },
          today: "2026-03-01",
          nonce: "n",
        }),
      );
    expect(await create("cst_nobody")).toMatchObject({ code: "invalid_provider_token" });
    expect(await create("mdt_debit")).toMatchObject({ code: "invalid_provider_token" });
    expect(await create("mdt_nope", "cst_ada")).toMatchObject({ code: "invalid_provider_token" });
    expect(await create("cst_eve")).toMatchObject({ code: "provider_token_other_customer" });
    expect(await create("cst_ada", "cst_other")).toMatchObject({
      code: "provider_token_other_customer",
    });
    expect(await create("cst_old")).toMatchObject({ code: "card_expired" });
    expect(await create("cst_pp")).toMatchObject({ code: "payment_method_type_not_supported" });
    expect(await create("cst_gone")).toMatchObject({ code: "mandate_not_usable" });
  });

  it("charges a recurring payment on the mandate under the idempotency key: pending, once", async () => {
    mollie.requests.length = 0;
    const first = await charge("collect_inv_1_1_src_1");
    expect(first).toEqual({ status: "pending", reference: expect.stringMatching(/^tr_/) });
    const [sent] = mollie.sent("POST /v2/payments");
    expect(sent!.body).toEqual({
      amount: { currency: "EUR", value: "15.00" },
      description: "Accrue collect_inv_1_1_src_1",
      sequenceType: "recurring",
      customerId: "cst_ada",
      mandateId: "mdt_debit",
      webhookUrl: "https://billing.example.com/v1/gateways/gwa_mollie1/events",
      metadata: { accrue_idempotency_key: "collect_inv_1_1_src_1" },
    });
    expect(sent!.headers["idempotency-key"]).toBe("collect_inv_1_1_src_1");
    const payments = mollie.payments.size;
    expect(await charge("collect_inv_1_1_src_1")).toEqual(first);
    expect(mollie.payments.size).toBe(payments);

    // a card is paid at once; a declined one failed with Mollie's reason
    expect(await charge("k_card", "mdt_card")).toMatchObject({ status: "succeeded" });
    expect(await charge("k_decline", "mdt_declines")).toMatchObject({
      status: "failed",
      code: "insufficient_funds",
      message: "The card was declined",
    });
    // what the charge pays, as the payment's description Mollie requires
    await adapter.charge({
      reference: "mdt_card",
      customerReference: "cst_ada",
      amount: 2000n,
      currency: "EUR",
      idempotencyKey: "k_described",
      description: "Acme GmbH, invoice INV-0007",
    });
    expect(mollie.sent("POST /v2/payments").at(-1)!.body!.description).toBe(
      "Acme GmbH, invoice INV-0007",
    );
    // a currency without decimals
    await charge("k_yen", "mdt_card", 1000n, "JPY");
    expect(mollie.sent("POST /v2/payments").at(-1)!.body!.amount).toEqual({
      currency: "JPY",
      value: "1000",
    });

    mollie.settle(first.reference, "paid");
    expect(await adapter.fetchStatus({ chargeReference: first.reference })).toBe("succeeded");
    expect(
      await refusal(
        adapter.authorize({
          reference: "mdt_card",
          customerReference: "cst_ada",
          amount: 1n,
          currency: "EUR",
          idempotencyKey: "a",
        }),
      ),
    ).toMatchObject({
      code: "authorization_not_supported",
    });
  });

  it("no answer to rely on is gateway_unreachable; the retry under the same key charges once", async () => {
    // the client retries a 5xx twice under the same key; three in a row leave no answer
    mollie.failNext = 3;
    mollie.requests.length = 0;
    expect(await refusal(charge("k_500"))).toMatchObject({
      kind: "unavailable",
      code: "gateway_unreachable",
    });
    expect(mollie.requests.map((r) => r.headers["idempotency-key"])).toEqual([
      "k_500",
      "k_500",
      "k_500",
    ]);
    // one 5xx: the client's retry carries the payment out
    mollie.failNext = 1;
    expect((await charge("k_flaky")).status).toBe("pending");
    // carried out, every answer lost: the caller's retry gets the payment made, not a second
    mollie.loseAnswers = 3;
    const before = mollie.payments.size;
    expect(await refusal(charge("k_lost"))).toMatchObject({ code: "gateway_unreachable" });
    expect(mollie.payments.size).toBe(before + 1);
    const retried = await charge("k_lost");
    expect(mollie.payments.size).toBe(before + 1);
    expect([...mollie.payments.keys()].at(-1)).toBe(retried.reference);
    mollie.hangNext = 1;
    expect(
      await refusal(
        make({}, 300).charge({
          reference: "mdt_debit",
          customerReference: "cst_ada",
          amount: 100n,
          currency: "EUR",
          idempotencyKey: "k_hang",
        }),
      ),
    ).toMatchObject({ code: "gateway_unreachable" });
    expect(
      await refusal(
        make({ api_key: "test_RevokedKey0123456789abc" }).charge({
          reference: "mdt_debit",
          customerReference: "cst_ada",
          amount: 100n,
          currency: "EUR",
          idempotencyKey: "k_401",
        }),
      ),
    ).toMatchObject({ code: "gateway_credentials_rejected" });
  });

  it("refunds through the payment's refunds", async () => {
    const paid = await charge("k_refund", "mdt_card", 3000n);
    mollie.requests.length = 0;
    const refund = await adapter.refund({
      chargeReference: paid.reference,
      amount: 1250n,
      currency: "EUR",
      idempotencyKey: "refund_1",
    });
    expect(refund.reference).toMatch(/^re_/);
    const [sent] = mollie.requests;
    expect(`${sent!.method} ${sent!.path}`).toBe(`POST /v2/payments/${paid.reference}/refunds`);
    expect(sent!.body).toEqual({ amount: { currency: "EUR", value: "12.50" } });
    expect(sent!.headers["idempotency-key"]).toBe("refund_1");
    expect(
      await refusal(
        adapter.refund({
          chargeReference: paid.reference,
          amount: 2000n,
          currency: "EUR",
          idempotencyKey: "refund_2",
        }),
      ),
    ).toMatchObject({
      code: "gateway_refund_refused",
      details: { gateway: "mollie", provider_code: 422 },
    });
  });

  it("verifies a webhook notice by reading the payment back, and reads what it stands for", async () => {
    const delivered = (body: string) =>
      adapter.parseWebhook({
        rawBody: Buffer.from(body),
        headers: { "content-type": "application/x-www-form-urlencoded" },
        receivedAt: Date.now(),
      });
    const debit = await charge("k_hook");
    expect(await delivered(notice(debit.reference))).toEqual([
      expect.objectContaining({
        id: `${debit.reference}.pending`,
        type: "unknown",
        chargeReference: null,
      }),
    ]);
    expect(mollie.requests.at(-1)!.query).toEqual({ embed: "refunds,chargebacks" });
    mollie.settle(debit.reference, "paid");
    mollie.refundInDashboard(debit.reference, 400);
    const second = mollie.refundInDashboard(debit.reference, 100);
    const chargeback = mollie.chargeback(debit.reference, 1000);
    expect(await delivered(notice(debit.reference))).toEqual([
      expect.objectContaining({
        id: `${debit.reference}.paid`,
        type: "charge.succeeded",
        providerType: "payment.paid",
        chargeReference: debit.reference,
        amount: 1500n,
        currency: "EUR",
      }),
      expect.objectContaining({
        id: `${debit.reference}.refunded.500`,
        type: "charge.refunded",
        amount: 500n,
        reference: second.id,
      }),
      expect.objectContaining({
        id: `${debit.reference}.${chargeback.id}`,
        type: "charge.disputed",
        amount: 1000n,
        reference: chargeback.id,
      }),
    ]);
    // the bank reverses the chargeback: the dispute as before, then its reversal
    mollie.reverseChargeback(debit.reference, chargeback.id);
    const reversed = await delivered(notice(debit.reference));
    expect((reversed as unknown[]).slice(2)).toEqual([
      expect.objectContaining({
        id: `${debit.reference}.${chargeback.id}`,
        type: "charge.disputed",
        reference: chargeback.id,
      }),
      expect.objectContaining({
        id: `${debit.reference}.${chargeback.id}.reversed`,
        type: "charge.dispute_reversed",
        providerType: "payment.chargeback_reversed",
        chargeReference: debit.reference,
        amount: 1000n,
        currency: "EUR",
        reference: chargeback.id,
      }),
    ]);
    const failing = await charge("k_hook_fail");
    mollie.settle(failing.reference, "failed");
    expect(await delivered(notice(failing.reference))).toEqual([
      expect.objectContaining({
        type: "charge.failed",
        failure: { code: "AM04", message: "Insufficient funds" },
      }),
    ]);
    // nothing Mollie holds for this key: not Mollie's notice
    expect(await refusal(delivered(notice("tr_forged")))).toMatchObject({
      code: "invalid_signature",
    });
    expect(await refusal(delivered("payment=tr_x"))).toMatchObject({
      code: "malformed_gateway_event",
    });
    mollie.failNext = 3;
    expect(await refusal(delivered(notice(failing.reference)))).toMatchObject({
      code: "gateway_unreachable",
    });
  });
});
