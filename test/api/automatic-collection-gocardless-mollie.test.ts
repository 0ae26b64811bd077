/**
 * Automatic collection through a GoCardless and a Mollie account (local stand-ins of their
 * APIs, test/fakes/gocardless-server.ts and mollie-server.ts, reached through the official
 * clients), end to end over HTTP on a test clock, on both back ends: the account is connected
 * with its credentials, a customer's mandate becomes its payment source, the worker charges
 * each issued invoice under the invoice's attempt key (amounts in minor units for GoCardless,
 * Mollie's "30.00"), the payment stays pending until the provider's event (GoCardless's signed
 * batch; Mollie's unsigned notice, read back from Mollie) settles it: paid, the invoice is
 * paid; failed, dunning counts it and collection retries on the schedule. A refund goes
 * through the provider (and its event records nothing twice); a chargeback reopens the
 * invoice; GoCardless's failed refund and Mollie's reversed chargeback undo them. An answer lost on the way back records nothing, and the next run's charge under
 * the same key is the one the provider made.
 */
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectionJob } from "../../src/jobs/collection.js";
import { countFailedPayments } from "../../src/modules/payments/index.js";
import { billingTenant } from "../billing-tenant.js";
import { FakeGoCardless, signedEvents } from "../fakes/gocardless-server.js";
import { trustLoopbackTls } from "../fakes/loopback-tls.js";
import { FakeMollie, notice } from "../fakes/mollie-server.js";
import { BACKENDS } from "../harness.js";
import { startTestServer, type TestServer } from "../server.js";

const GC_TOKEN = "sandbox_AccrueCollectionToken";
const GC_SECRET = "gc-collection-webhook-secret";
const MOLLIE_KEY = "test_AccrueCollectionKey012345678";

type Json = Record<string, any>;

/** What differs between the two providers, as the scenario uses it. */
type Provider = {
  kind: "gocardless" | "mollie";
  start(): Promise<Record<string, string>>;
  stop(): Promise<void>;
  /** The provider token of a customer's mandate (seeded). */
  mandate(name: string): string;
  /** The charges the client sent: [idempotency key, amount as sent, provider's id]. */
  charges(): [string, unknown, string][];
  chargeCount(): number;
  /** The description each charge was sent with (GoCardless's: none). */
  descriptions(): unknown[];
  /** The provider's id of the newest charge it made. */
  newest(): string;
  /** The provider settles a charge; the webhook it would send, as a request. */
  succeeded(charge: string): { body: string; headers: Record<string, string> };
  failed(charge: string): { body: string; headers: Record<string, string> };
  /** The webhook of the refund Accrue made of a charge. */
  refunded(charge: string): { body: string; headers: Record<string, string> };
  disputed(charge: string): { body: string; headers: Record<string, string> };
  /**
   * What undoes one of those at the provider, as its webhook: GoCardless's refund failing
   * (the refund Accrue made), Mollie's chargeback reversed by the bank.
   */
  undone(charge: string): {
    hook: { body: string; headers: Record<string, string> };
    type: "charge.refund_failed" | "charge.dispute_reversed";
    /** What the invoice owes once undone (30.00 less what comes back). */
    due: string;
  };
  /** The refund requests the client sent: [amount as sent, idempotency key]. */
  refunds(): [unknown, string][];
  /** How many times the client sends a charge that gets a 5xx (Mollie's retries twice). */
  attempts: number;
  failNext(n: number): void;
  loseAnswers(n: number): void;
};

function goCardless(): Provider {
  const gc = new FakeGoCardless(GC_TOKEN);
  let seq = 0;
  const events = (list: Json[]) => {
    const { body, signature } = signedEvents(
      list.map((e) => ({ ...e, id: `EV${String(++seq).padStart(6, "0")}` })),
      GC_SECRET,
    );
    return { body, headers: { "webhook-signature": signature } };
  };
  const payment = (charge: string, action: string, details: Json = {}) =>
    events([{ resource_type: "payments", action, links: { payment: charge }, details }]);
  return {
    kind: "gocardless",
    attempts: 1,
    async start() {
      const apiBase = await gc.start();
      for (const name of ["ADA", "BOB", "CLEO"]) {
        gc.addMandate({ mandate: `MD000${name}`, customer: `CU000${name}` });
      }
      return { access_token: GC_TOKEN, webhook_secret: GC_SECRET, api_base: apiBase };
    },
    stop: () => gc.stop(),
    mandate: (name) => `MD000${name.toUpperCase()}`,
    charges: () =>
      gc
        .sent("POST /payments")
        .filter((r) => r.answer?.status === 201)
        .map((r) => [
          r.headers["idempotency-key"]!,
          r.body!.payments.amount,
          r.answer!.body.payments.id,
        ]),
    chargeCount: () => gc.payments.size,
    descriptions: () => gc.sent("POST /payments").map((r) => r.body!.payments.description),
    newest: () => [...gc.payments.keys()].at(-1)!,
    succeeded(charge) {
      gc.settle(charge, "confirmed");
      return payment(charge, "confirmed", { cause: "payment_confirmed" });
    },
    failed(charge) {
      gc.settle(charge, "failed");
      return payment(charge, "failed", {
        origin: "bank",
        cause: "insufficient_funds",
        description: "The customer's account had insufficient funds to make this payment",
      });
    },
    refunded(charge) {
      const refund = [...gc.refunds.values()].filter((r) => r.links.payment === charge).at(-1)!;
      return events([
        { resource_type: "refunds", action: "created", links: { refund: refund.id } },
      ]);
    },
    disputed(charge) {
      gc.settle(charge, "charged_back");
      return payment(charge, "charged_back", { origin: "bank", cause: "authorisation_disputed" });
    },
    undone(charge) {
      const refund = [...gc.refunds.values()].find((r) => r.links.payment === charge)!;
      refund.status = "bounced";
      return {
        hook: events([
          {
            resource_type: "refunds",
            action: "failed",
            links: { refund: refund.id },
            details: {
              origin: "gocardless",
              cause: "refund_failed",
              description: "The refund could not be paid into the customer's bank account",
            },
          },
        ]),
        type: "charge.refund_failed",
        due: "20.00",
      };
    },
    refunds: () =>
      gc.sent("POST /refunds").map((r) => [r.body!.refunds, r.headers["idempotency-key"]!]),
    failNext: (n) => {
      gc.failNext = n;
    },
    loseAnswers: (n) => {
      gc.loseAnswers = n;
    },
  };
}

function mollie(): Provider {
  const m = new FakeMollie(MOLLIE_KEY);
  let untrust = () => {};
  const form = (charge: string) => ({
    body: notice(charge),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  return {
    kind: "mollie",
    attempts: 3,
    async start() {
      untrust = trustLoopbackTls();
      const apiBase = await m.start();
      for (const name of ["ada", "bob", "cleo"]) {
        m.addMandate({ customer: `cst_${name}`, mandate: `mdt_${name}`, method: "directdebit" });
      }
      return {
        api_key: MOLLIE_KEY,
        api_base: apiBase,
        public_url: "https://billing.example.com",
      };
    },
    async stop() {
      await m.stop();
      untrust();
    },
    mandate: (name) => `cst_${name}`,
    charges: () =>
      m
        .sent("POST /v2/payments")
        .filter((r) => r.answer?.status === 201)
        .map((r) => [r.headers["idempotency-key"]!, r.body!.amount, r.answer!.body.id]),
    chargeCount: () => m.payments.size,
    descriptions: () => m.sent("POST /v2/payments").map((r) => r.body!.description),
    newest: () => [...m.payments.keys()].at(-1)!,
    succeeded(charge) {
      m.settle(charge, "paid");
      return form(charge);
    },
    failed(charge) {
      m.settle(charge, "failed");
      return form(charge);
    },
    refunded: (charge) => form(charge),
    disputed(charge) {
      m.chargeback(charge, 3000);
      return form(charge);
    },
    undone(charge) {
      const [chargeback] = m.payments.get(charge)!._chargebacks;
      m.reverseChargeback(charge, chargeback.id);
      return { hook: form(charge), type: "charge.dispute_reversed", due: "10.00" };
    },
    refunds: () =>
      m.requests
        .filter((r) => r.method === "POST" && r.path.endsWith("/refunds"))
        .map((r) => [r.body!.amount, r.headers["idempotency-key"]!]),
    failNext: (n) => {
      m.failNext = n;
    },
    loseAnswers: (n) => {
      m.loseAnswers = n;
    },
  };
}

for (const backend of BACKENDS) {
  for (const make of [goCardless, mollie]) {
    const provider = make();
    describe(`automatic collection through ${provider.kind} [${backend}]`, () => {
      let server: TestServer;
      let api: Awaited<ReturnType<typeof billingTenant>>;
      let account: string;
      let variant: string;
      const ids: Record<string, string> = {};
      const log = pino({ enabled: false });
      const collect = () => collectionJob().run({ db: server.db, log });
      const payments = async (customer: string) =>
        ((await api.get(`/v1/payments?customer_id=${customer}&limit=100`)).data as any[]).sort(
          (a, b) => a.id.localeCompare(b.id),
        );
      const collection = (invoice: string) => api.get(`/v1/invoices/${invoice}/collection`);
      const due = async (customer: string) =>
        (await api.get(`/v1/customers/${customer}/balance`)).open_invoices.map((i: any) => i.due);
      const send = (hook: { body: string; headers: Record<string, string> }) =>
        server.request("POST", `/v1/gateways/${account}/events`, {
          raw: hook.body,
          key: null,
          headers: hook.headers,
        });
      const chargeOf = (name: string) =>
        provider.charges().find(([key]) => key.startsWith(`collect_${ids[`${name}Invoice`]}_`))![2];
      const billedCustomer = async (name: string) => {
        ids[name] = await api.customer({ email: `${name}@x.example` });
        const source = await api.post(`/v1/customers/${ids[name]}/payment_sources`, {
          type: "provider_token",
          provider_token: provider.mandate(name),
        });
        ids[`${name}Source`] = source.id;
        ids[`${name}Type`] = source.type;
        const contract = await api.signup(ids[name]!, variant);
        await api.run();
        ids[`${name}Invoice`] = (await api.invoices(contract))[0].id;
      };

      beforeAll(async () => {
        const credentials = await provider.start();
        server = await startTestServer(backend, { secretKey: "s".repeat(40) });
        api = await billingTenant(
          server,
          `Collection via ${provider.kind}`,
          "2026-03-01T00:00:00Z",
        );
        account = (
          await api.post("/v1/gateway_accounts", {
            gateway: provider.kind,
            name: `${provider.kind} (test mode)`,
            default: true,
            credentials,
          })
        ).id;
        const { plan } = await api.plan();
        variant = await api.variant(plan, {
          internal_name: "Monthly",
          recurring_fee: "30",
          fee_period: { unit: "month", count: 1 },
        });
        await billedCustomer("ada");
        await billedCustomer("bob");
      });
      afterAll(async () => {
        await server?.close();
        await provider.stop();
      });

      it("connects the account and keeps the mandate as a bank debit source", async () => {
        expect(await api.get(`/v1/gateway_accounts/${account}`)).toMatchObject({
          gateway: provider.kind,
          has_credentials: true,
          default: true,
        });
        expect(ids.adaType).toBe("bank_account");
        const refused = await server.request("POST", "/v1/gateway_accounts", {
          body: { gateway: provider.kind, name: "bad", credentials: { api_key: "nope" } },
        });
        expect(refused.status).toBe(422);
        expect(refused.body.error.code).toBe("invalid_gateway_credentials");
      });

      it("charges each invoice under its attempt key; pending until the provider's event says paid", async () => {
        expect(await collect()).toBe(2);
        const sent = provider.charges();
        expect(sent.map(([key]) => key).sort()).toEqual(
          [
            `collect_${ids.adaInvoice}_1_${ids.adaSource}`,
            `collect_${ids.bobInvoice}_1_${ids.bobSource}`,
          ].sort(),
        );
        expect(sent.map(([, amount]) => amount)).toEqual(
          provider.kind === "gocardless"
            ? [3000, 3000]
            : [
                { currency: "EUR", value: "30.00" },
                { currency: "EUR", value: "30.00" },
              ],
        );
        // the description (Mollie requires one; GoCardless shows it): the seller (the
        // tenant's business entity) and the invoice the charge pays
        const numbers = await Promise.all(
          [ids.adaInvoice, ids.bobInvoice].map(
            async (id) => (await api.get(`/v1/invoices/${id}`)).number,
          ),
        );
        const byKey = new Map(sent.map(([key], i) => [key, provider.descriptions()[i]]));
        expect([
          byKey.get(`collect_${ids.adaInvoice}_1_${ids.adaSource}`),
          byKey.get(`collect_${ids.bobInvoice}_1_${ids.bobSource}`),
        ]).toEqual(numbers.map((n) => `Collection via ${provider.kind}, invoice ${n}`));
        const [pending] = await payments(ids.ada!);
        expect(pending).toMatchObject({
          status: "pending",
          method: "direct_debit",
          amount: "30.00",
        });
        expect(await collection(ids.adaInvoice!)).toMatchObject({
          status: "pending",
          attempts: [{ attempt: 1, status: "pending", payment_id: pending.id }],
        });
        await api.advance("2026-03-04T00:00:00Z");
        expect(await collect()).toBe(0);
        expect(provider.charges()).toHaveLength(2);

        const hook = provider.succeeded(chargeOf("ada"));
        const res = await send(hook);
        expect(res.status).toBe(200);
        expect(res.body.data).toEqual([
          expect.objectContaining({
            type: "charge.succeeded",
            status: "applied",
            payment_id: pending.id,
            charge_reference: chargeOf("ada"),
          }),
        ]);
        expect(await api.get(`/v1/payments/${pending.id}`)).toMatchObject({
          status: "succeeded",
          allocations: [{ invoice_id: ids.adaInvoice, amount: "30.00" }],
        });
        expect(await due(ids.ada!)).toEqual([]);
        // delivered again: answered as recorded the first time, applied once
        const again = await send(hook);
        expect(again.status).toBe(200);
        expect(again.body.data.map((e: any) => e.id)).toEqual(res.body.data.map((e: any) => e.id));
        expect((await payments(ids.ada!)).filter((p) => p.status === "succeeded")).toHaveLength(1);
        expect(await collect()).toBe(1);
        expect(await collection(ids.adaInvoice!)).toMatchObject({
          status: "succeeded",
          attempts: [{ attempt: 1, status: "succeeded", settled_at: "2026-03-04T00:00:00.000Z" }],
        });
      });

      it("a failed debit is a failed payment dunning counts; collection retries on the schedule", async () => {
        const res = await send(provider.failed(chargeOf("bob")));
        expect(res.body.data).toEqual([
          expect.objectContaining({ type: "charge.failed", status: "applied" }),
        ]);
        const [failed] = await payments(ids.bob!);
        expect(failed).toMatchObject({
          status: "failed",
          failure: {
            code: provider.kind === "gocardless" ? "insufficient_funds" : "AM04",
          },
        });
        expect(await due(ids.bob!)).toEqual(["30.00"]);
        const { tenant_id } = await server.db
          .selectFrom("payments")
          .select("tenant_id")
          .where("id", "=", failed.id)
          .executeTakeFirstOrThrow();
        expect(
          await countFailedPayments(server.db, tenant_id, ids.bob!, "EUR", new Date("2026-03-01")),
        ).toBe(1);
        expect(await collect()).toBe(1);
        expect(await collection(ids.bobInvoice!)).toMatchObject({
          status: "retrying",
          next_attempt_at: "2026-03-07T00:00:00.000Z",
          attempts: [{ attempt: 1, status: "failed", settled_at: "2026-03-04T00:00:00.000Z" }],
        });
      });

      it("an answer lost on the way back records nothing; the next run's charge is the provider's first", async () => {
        await api.advance("2026-03-07T00:00:00Z");
        provider.failNext(provider.attempts);
        expect(await collect()).toBe(0);
        expect((await collection(ids.bobInvoice!)).attempts).toHaveLength(1);
        const before = provider.chargeCount();
        provider.loseAnswers(provider.attempts);
        expect(await collect()).toBe(0);
        expect(provider.chargeCount()).toBe(before + 1);
        expect((await collection(ids.bobInvoice!)).attempts).toHaveLength(1);
        expect(await collect()).toBe(1);
        expect(provider.chargeCount()).toBe(before + 1);
        const second = (await payments(ids.bob!)).find((p) => p.status === "pending")!;
        expect(second).toMatchObject({ amount: "30.00" });
        const { gateway_reference } = await server.db
          .selectFrom("payments")
          .select("gateway_reference")
          .where("id", "=", second.id)
          .executeTakeFirstOrThrow();
        expect(gateway_reference).toBe(provider.newest());
        expect(await collection(ids.bobInvoice!)).toMatchObject({
          status: "pending",
          attempts: [{ attempt: 1 }, { attempt: 2, status: "pending", payment_id: second.id }],
        });
      });

      it("refunds through the provider; a chargeback reopens the invoice", async () => {
        await api.post(`/v1/invoices/${ids.adaInvoice}/refund`, { amount: "10.00" });
        expect((await payments(ids.ada!)).filter((p) => p.kind === "refund")).toEqual([
          expect.objectContaining({ amount: "10.00", refunds_payment_id: expect.any(String) }),
        ]);
        const [sentRefund] = provider.refunds();
        expect(sentRefund![0]).toEqual(
          provider.kind === "gocardless"
            ? { amount: 1000, total_amount_confirmation: 1000, links: { payment: chargeOf("ada") } }
            : { currency: "EUR", value: "10.00" },
        );
        expect(sentRefund![1]).toMatch(/.+/);
        expect(await due(ids.ada!)).toEqual(["10.00"]);
        // the provider's event of that refund records nothing more
        const refunded = await send(provider.refunded(chargeOf("ada")));
        expect(refunded.status).toBe(200);
        expect(refunded.body.data.find((e: any) => e.type === "charge.refunded")).toMatchObject({
          status: "ignored",
        });
        expect((await payments(ids.ada!)).filter((p) => p.kind === "refund")).toHaveLength(1);

        const disputed = await send(provider.disputed(chargeOf("ada")));
        expect(disputed.body.data.find((e: any) => e.type === "charge.disputed")).toMatchObject({
          status: "applied",
        });
        expect(await due(ids.ada!)).toEqual(["30.00"]);
        const reversals = (await payments(ids.ada!)).filter(
          (p) => p.kind === "refund" && p.payment_method === "chargeback",
        );
        expect(reversals).toEqual([expect.objectContaining({ amount: "20.00" })]);
        const reopened = (await api.get("/v1/events?limit=100")).data.filter(
          (e: any) => e.type === "invoice.reopened" && e.data.invoice_id === ids.adaInvoice,
        );
        expect(reopened.length).toBeGreaterThanOrEqual(1);
      });

      it("a refund that failed at the provider, or a chargeback reversed, is undone once", async () => {
        const { hook, type, due: owed } = provider.undone(chargeOf("ada"));
        const res = await send(hook);
        expect(res.status).toBe(200);
        const undone = res.body.data.filter((e: any) => e.type === type);
        expect(undone).toEqual([expect.objectContaining({ status: "applied" })]);
        expect(await due(ids.ada!)).toEqual([owed]);
        const refunds = (await payments(ids.ada!)).filter((p) => p.kind === "refund");
        expect(refunds.map((r) => [r.payment_method, r.status])).toEqual(
          provider.kind === "gocardless"
            ? [
                [null, "failed"],
                ["chargeback", "succeeded"],
              ]
            : [
                [null, "succeeded"],
                ["chargeback", "voided"],
              ],
        );
        if (provider.kind === "gocardless") {
          expect(refunds[0].failure).toEqual({
            code: "refund_failed",
            message: "The refund could not be paid into the customer's bank account",
          });
        }
        // delivered again: nothing undone twice
        const again = await send(hook);
        expect(again.body.data.find((e: any) => e.type === type).id).toBe(undone[0].id);
        expect(await due(ids.ada!)).toEqual([owed]);
      });
    });
  }
}
