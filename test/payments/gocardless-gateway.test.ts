/**
 * The GoCardless adapter against a local stand-in of GoCardless's API
 * (test/fakes/gocardless-server.ts), through the official client: the exact requests it sends
 * (JSON envelopes, amounts in minor units, the Idempotency-Key and GoCardless-Version
 * headers), how GoCardless's answers become verdicts, that a repeated key charges once, that
 * an answer GoCardless did not give is never a failed charge, and how its signed event
 * batches are read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkCredentials,
  gatewayAdapter,
  hasAdapter,
  type PaymentGateway,
} from "../../src/domain/payments/gateway.js";
import {
  checkGoCardlessCredentials,
  goCardlessGateway,
} from "../../src/domain/payments/gocardless-gateway.js";
import { FakeGoCardless, signedEvents } from "../fakes/gocardless-server.js";
import { trustLoopbackTls } from "../fakes/loopback-tls.js";
import { refusal, refusalOf } from "./refusals.js";

const TOKEN = "sandbox_AccrueUnitTestToken";
const SECRET = "gc-webhook-secret-unit";

describe("GoCardless credentials", () => {
  it("takes an access token, a webhook secret and a loopback api_base with a sandbox token only", () => {
    expect(
      checkGoCardlessCredentials({ access_token: "live_abc123", webhook_secret: SECRET }),
    ).toEqual({
      accessToken: "live_abc123",
      sandbox: false,
      webhookSecret: SECRET,
      apiBase: null,
    });
    expect(
      checkGoCardlessCredentials({ access_token: TOKEN, api_base: "http://127.0.0.1:4010" }).apiBase
        ?.port,
    ).toBe("4010");
    const refused = (credentials: Record<string, string>) =>
      refusalOf(() => checkCredentials("gocardless", credentials));
    expect(refused({ access_token: "sk_test_abc" })).toMatchObject({
      kind: "unprocessable",
      code: "invalid_gateway_credentials",
      details: { field: "credentials.access_token" },
    });
    expect(refused({ access_token: TOKEN, secret_key: "x" })).toMatchObject({
      details: { field: "credentials.secret_key" },
    });
    expect(refused({ access_token: TOKEN, webhook_secret: "short" })).toMatchObject({
      details: { field: "credentials.webhook_secret" },
    });
    for (const api_base of [
      "https://api.gocardless.com",
      "http://10.0.0.5:1",
      "http://127.0.0.1:1/x",
    ]) {
      expect(refused({ access_token: TOKEN, api_base })).toMatchObject({
        details: { field: "credentials.api_base" },
      });
    }
    expect(refused({ access_token: "live_abc123", api_base: "http://127.0.0.1:1" })).toMatchObject({
      details: { field: "credentials.api_base" },
    });
    expect(hasAdapter("gocardless")).toBe(true);
    expect(gatewayAdapter("gocardless", { access_token: TOKEN })?.kind).toBe("gocardless");
  });
});

describe("a GoCardless stand-in over HTTPS", () => {
  const gc = new FakeGoCardless(TOKEN);
  let untrust = () => {};
  beforeAll(() => {
    untrust = trustLoopbackTls();
  });
  afterAll(async () => {
    await gc.stop();
    untrust();
  });

  it("is reached over TLS at its loopback origin", async () => {
    const base = await gc.start({ tls: true });
    expect(base).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    gc.addMandate({ mandate: "MD0009TLS", customer: "CU0009TLS" });
    const adapter = goCardlessGateway(
      checkGoCardlessCredentials({ access_token: TOKEN, api_base: base }),
    );
    const paid = await adapter.charge({
      reference: "MD0009TLS",
      amount: 500n,
      currency: "GBP",
      idempotencyKey: "k_tls",
    });
    expect(paid).toMatchObject({ status: "pending", reference: expect.stringMatching(/^PM/) });
    expect(gc.sent("POST /payments")[0]!.headers.host).toBe("api-sandbox.gocardless.com");
  });
});

describe("the GoCardless adapter", () => {
  const gc = new FakeGoCardless(TOKEN);
  let base: string;
  let adapter: PaymentGateway;
  const make = (credentials: Record<string, string> = {}, timeoutMs?: number) =>
    goCardlessGateway(
      checkGoCardlessCredentials({
        access_token: TOKEN,
        webhook_secret: SECRET,
        api_base: base,
        ...credentials,
      }),
      timeoutMs ? { timeoutMs } : {},
    );
  const charge = (key: string, amount = 1500n, mandate = "MD0001ADA", description?: string) =>
    adapter.charge({
      reference: mandate,
      customerReference: "CU0001ADA",
      amount,
      currency: "GBP",
      idempotencyKey: key,
      description,
    });

  beforeAll(async () => {
    base = await gc.start();
    adapter = make();
    gc.addMandate({ mandate: "MD0001ADA", customer: "CU0001ADA" });
    gc.addMandate({
      mandate: "MD0002OLD",
      customer: "CU0002BOB",
      status: "cancelled",
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    gc.addMandate({
      mandate: "MD0003NEW",
      customer: "CU0002BOB",
      account: { country: "DE", ending: "00", holder: "BOB DEBIT" },
      createdAt: "2026-02-01T00:00:00.000Z",
    });
    gc.addMandate({
      mandate: "MD0004EVE",
      customer: "CU0004EVE",
      metadata: { accrue_customer_id: "cus_someone_else" },
    });
    gc.addMandate({ mandate: "MD0005OFF", customer: "CU0005OFF", status: "cancelled" });
  });
  afterAll(() => gc.stop());

  it("keeps a mandate as a bank account, claiming its GoCardless customer for the Accrue customer", async () => {
    const source = await adapter.createSource({
      customerId: "cus_ada",
      token: { type: "provider_token", token: "MD0001ADA" },
      today: "2026-03-01",
      nonce: "n1",
    });
    expect(source).toEqual({
      customerReference: "CU0001ADA",
      reference: "MD0001ADA",
      type: "bank_account",
      bankAccount: { country: "GB", last4: "11", holderName: "PAT PAYER" },
    });
    expect(gc.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /mandates/MD0001ADA",
      "GET /customers/CU0001ADA",
      "PUT /customers/CU0001ADA",
      "GET /customer_bank_accounts/BA0001ADA",
    ]);
    const put = gc.sent("PUT /customers/CU0001ADA")[0]!;
    expect(put.body).toEqual({ customers: { metadata: { accrue_customer_id: "cus_ada" } } });
    expect(put.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(put.headers["gocardless-version"]).toBe("2015-07-06");
    // the client addressed GoCardless's sandbox; its agents carried the request here
    expect(put.headers.host).toBe("api-sandbox.gocardless.com");

    // a customer id: its newest usable mandate; the customer already known: not fetched again
    gc.requests.length = 0;
    const bob = await adapter.createSource({
      customerId: "cus_bob",
      customerReference: "CU0002BOB",
      token: { type: "provider_token", token: "CU0002BOB" },
      today: "2026-03-01",
      nonce: "n2",
    });
    expect(bob).toMatchObject({
      reference: "MD0003NEW",
      bankAccount: { country: "DE", last4: "00", holderName: "BOB DEBIT" },
    });
    expect(gc.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /mandates",
      "GET /customer_bank_accounts/BA0003NEW",
    ]);
    expect(gc.requests[0]!.query).toEqual({ customer: "CU0002BOB", limit: "100" });
  });

  it("refuses tokens that are not a usable mandate of this customer", async () => {
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
    expect(await create("MD9999NONE")).toMatchObject({ code: "invalid_provider_token" });
    expect(await create("pm_card_visa")).toMatchObject({ code: "invalid_provider_token" });
    expect(await create("MD0005OFF")).toMatchObject({
      code: "mandate_not_usable",
      details: { status: "cancelled" },
    });
    expect(await create("MD0004EVE")).toMatchObject({ code: "provider_token_other_customer" });
    expect(await create("MD0001ADA", "CU0002BOB")).toMatchObject({
      code: "provider_token_other_customer",
    });
    expect(
      await refusal(
        adapter.createSource({
          customerId: "cus_ada",
          token: { type: "bank_account", bank_account: { iban: "DE89370400440532013000" } },
          today: "2026-03-01",
          nonce: "n",
        }),
      ),
    ).toMatchObject({ code: "provider_token_required" });
  });

  it("charges a payment against the mandate in minor units under the idempotency key: pending, once", async () => {
    gc.requests.length = 0;
    const first = await charge("collect_inv_1_1_src_1");
    expect(first).toEqual({ status: "pending", reference: expect.stringMatching(/^PM\d+$/) });
    const [sent] = gc.sent("POST /payments");
    expect(sent!.body).toEqual({
      payments: {
        amount: 1500,
        currency: "GBP",
        links: { mandate: "MD0001ADA" },
        retry_if_possible: false,
      },
    });
    expect(sent!.headers["idempotency-key"]).toBe("collect_inv_1_1_src_1");
    expect(sent!.headers["gocardless-version"]).toBe("2015-07-06");

    // the same key again: GoCardless answers the conflict, the client reads the first payment
    const payments = gc.payments.size;
    expect(await charge("collect_inv_1_1_src_1")).toEqual(first);
    expect(gc.payments.size).toBe(payments);
    expect(gc.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /payments",
      "POST /payments",
      `GET /payments/${first.reference}`,
    ]);
    expect(gc.requests[1]!.answer!.status).toBe(409);

    // what the payment pays travels as its description
    gc.requests.length = 0;
    await charge("collect_inv_2_1_src_1", 900n, "MD0001ADA", " Acme Ltd: INV-0002 ");
    expect(gc.sent("POST /payments")[0]!.body).toEqual({
      payments: {
        amount: 900,
        currency: "GBP",
        links: { mandate: "MD0001ADA" },
        retry_if_possible: false,
        description: "Acme Ltd: INV-0002",
      },
    });

    // days later GoCardless reports it
    gc.settle(first.reference, "confirmed");
    expect(await adapter.fetchStatus({ chargeReference: first.reference })).toBe("succeeded");
    gc.settle(first.reference, "failed");
    expect(await adapter.fetchStatus({ chargeReference: first.reference })).toBe("failed");
    gc.settle(first.reference, "charged_back");
    expect(await adapter.fetchStatus({ chargeReference: first.reference })).toBe("refunded");
  });

  it("a refused payment is a failed charge; holds are not GoCardless's", async () => {
    expect(await charge("k_off", 1500n, "MD0005OFF")).toMatchObject({
      status: "failed",
      code: "mandate_is_inactive",
    });
    for (const attempt of [
      adapter.authorize({
        reference: "MD0001ADA",
        amount: 100n,
        currency: "GBP",
        idempotencyKey: "a",
      }),
      adapter.capture({ chargeReference: "PM1", amount: 100n, idempotencyKey: "c" }),
    ]) {
      expect(await refusal(attempt)).toMatchObject({ code: "authorization_not_supported" });
    }
    expect(adapter.canCopyCardTo("gocardless")).toBe(false);
  });

  it("no answer to rely on is gateway_unreachable; the retry under the same key charges once", async () => {
    gc.failNext = 1;
    expect(await refusal(charge("k_500"))).toMatchObject({
      kind: "unavailable",
      code: "gateway_unreachable",
    });
    // carried out, answer lost: the retry finds the payment made
    gc.loseAnswers = 1;
    const before = gc.payments.size;
    expect(await refusal(charge("k_lost"))).toMatchObject({ code: "gateway_unreachable" });
    expect(gc.payments.size).toBe(before + 1);
    const retried = await charge("k_lost");
    expect(retried.status).toBe("pending");
    expect(gc.payments.size).toBe(before + 1);
    expect([...gc.payments.keys()].at(-1)).toBe(retried.reference);
    // no answer at all
    gc.hangNext = 1;
    expect(
      await refusal(
        make({}, 300).charge({
          reference: "MD0001ADA",
          amount: 100n,
          currency: "GBP",
          idempotencyKey: "k_hang",
        }),
      ),
    ).toMatchObject({ code: "gateway_unreachable" });
    // a token GoCardless refuses
    expect(
      await refusal(
        make({ access_token: "sandbox_Revoked" }).charge({
          reference: "MD0001ADA",
          amount: 100n,
          currency: "GBP",
          idempotencyKey: "k_401",
        }),
      ),
    ).toMatchObject({ code: "gateway_credentials_rejected" });
  });

  it("refunds with the total amount GoCardless asks to confirm", async () => {
    const paid = await charge("k_refund", 3000n);
    gc.settle(paid.reference, "paid_out");
    gc.requests.length = 0;
    const first = await adapter.refund({
      chargeReference: paid.reference,
      amount: 1000n,
      currency: "GBP",
      idempotencyKey: "refund_1",
    });
    expect(first.reference).toMatch(/^RF\d+$/);
    expect(gc.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /payments/${paid.reference}`,
      "POST /refunds",
    ]);
    expect(gc.requests[1]!.body).toEqual({
      refunds: {
        amount: 1000,
        total_amount_confirmation: 1000,
        links: { payment: paid.reference },
      },
    });
    expect(gc.requests[1]!.headers["idempotency-key"]).toBe("refund_1");
    await adapter.refund({
      chargeReference: paid.reference,
      amount: 500n,
      currency: "GBP",
      idempotencyKey: "refund_2",
    });
    expect(gc.sent("POST /refunds").at(-1)!.body!.refunds.total_amount_confirmation).toBe(1500);
    expect(
      await refusal(
        adapter.refund({
          chargeReference: paid.reference,
          amount: 2000n,
          currency: "GBP",
          idempotencyKey: "refund_3",
        }),
      ),
    ).toMatchObject({
      code: "gateway_refund_refused",
      details: { gateway: "gocardless", provider_code: "total_amount_confirmation_invalid" },
    });
  });

  it("reads a signed batch of events with the client's verifier", async () => {
    const paid = await charge("k_events", 2000n);
    gc.settle(paid.reference, "confirmed");
    const refund = gc.refundInDashboard(paid.reference, 700);
    const events = [
      {
        id: "EV001",
        resource_type: "payments",
        action: "confirmed",
        links: { payment: paid.reference },
        details: {
          origin: "gocardless",
          cause: "payment_confirmed",
          description: "Payment was confirmed as collected",
        },
      },
      {
        id: "EV002",
        resource_type: "payments",
        action: "failed",
        links: { payment: "PM777" },
        details: {
          origin: "bank",
          cause: "insufficient_funds",
          description: "The customer's account had insufficient funds",
        },
      },
      {
        id: "EV003",
        resource_type: "payments",
        action: "charged_back",
        links: { payment: "PM778" },
        details: { origin: "bank", cause: "authorisation_disputed" },
      },
      {
        id: "EV004",
        resource_type: "refunds",
        action: "created",
        links: { refund: refund.id },
        details: { origin: "api" },
      },
      {
        id: "EV006",
        resource_type: "refunds",
        action: "failed",
        links: { refund: refund.id },
        details: {
          origin: "gocardless",
          cause: "refund_failed",
          description: "The refund did not reach the customer's bank account",
        },
      },
      {
        id: "EV005",
        resource_type: "mandates",
        action: "cancelled",
        links: { mandate: "MD0001ADA" },
        details: { origin: "bank" },
      },
    ];
    const { body, signature } = signedEvents(events, SECRET);
    const delivered = (b: string, headers: Record<string, string>) =>
      adapter.parseWebhook({ rawBody: Buffer.from(b), headers, receivedAt: Date.now() });
    const read = await delivered(body, { "webhook-signature": signature });
    expect(read).toEqual([
      expect.objectContaining({
        id: "EV001",
        type: "charge.succeeded",
        providerType: "payments.confirmed",
        chargeReference: paid.reference,
      }),
      expect.objectContaining({
        id: "EV002",
        type: "charge.failed",
        chargeReference: "PM777",
        failure: {
          code: "insufficient_funds",
          message: "The customer's account had insufficient funds",
        },
      }),
      expect.objectContaining({
        id: "EV003",
        type: "charge.disputed",
        chargeReference: "PM778",
        reference: "EV003",
      }),
      expect.objectContaining({
        id: "EV004",
        type: "charge.refunded",
        providerType: "refunds.created",
        chargeReference: paid.reference,
        amount: 700n,
        currency: "GBP",
        reference: refund.id,
      }),
      expect.objectContaining({
        id: "EV006",
        type: "charge.refund_failed",
        providerType: "refunds.failed",
        chargeReference: paid.reference,
        currency: "GBP",
        reference: refund.id,
        failure: {
          code: "refund_failed",
          message: "The refund did not reach the customer's bank account",
        },
      }),
      expect.objectContaining({ id: "EV005", type: "unknown", chargeReference: null }),
    ]);
    expect((read as { raw: unknown }[])[0]!.raw).toEqual(events[0]);

    expect(await refusal(delivered(body, { "webhook-signature": "00".repeat(32) }))).toMatchObject({
      kind: "invalid",
      code: "invalid_signature",
    });
    expect(await refusal(delivered(body, {}))).toMatchObject({ code: "invalid_signature" });
    expect(await refusal(delivered(`${body} `, { "webhook-signature": signature }))).toMatchObject({
      code: "invalid_signature",
    });
    const notEvents = signedEvents([], SECRET);
    expect(
      await refusal(delivered(notEvents.body, { "webhook-signature": notEvents.signature })),
    ).toMatchObject({ code: "malformed_gateway_event" });
    const unsigned = goCardlessGateway(
      checkGoCardlessCredentials({ access_token: TOKEN, api_base: base }),
    );
    expect(
      await refusal(
        unsigned.parseWebhook({
          rawBody: Buffer.from(body),
          headers: { "webhook-signature": signature },
          receivedAt: Date.now(),
        }),
      ),
    ).toMatchObject({ code: "webhook_secret_not_configured" });
  });
});
