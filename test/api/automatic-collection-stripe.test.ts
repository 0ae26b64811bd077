/**
 * Automatic collection through a Stripe account (a local stand-in of Stripe's API,
 * test/fakes/stripe-server.ts), on a test clock, on both back ends: the PaymentIntent the
 * worker creates carries an Idempotency-Key made of the invoice, the attempt number and the
 * source; a SEPA debit stays pending and blocks further attempts until it settles (failed: the
 * retry is scheduled from then; succeeded: the attempt is recorded so); and a worker that
 * crashes after Stripe charged and before the attempt was recorded makes the same attempt
 * again under the same key, so Stripe charges once.
 */
import { sql } from "kysely";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectionJob } from "../../src/jobs/collection.js";
import { billingTenant } from "../billing-tenant.js";
import { FakeStripe } from "../fakes/stripe-server.js";
import { BACKENDS } from "../harness.js";
import { startTestServer, type TestServer } from "../server.js";

const STRIPE_KEY = "sk_test_51AccrueCollection";
const INTENTS = "POST /v1/payment_intents";

for (const backend of BACKENDS) {
  describe(`automatic collection through Stripe [${backend}]`, () => {
    const stripe = new FakeStripe();
    let server: TestServer;
    let api: Awaited<ReturnType<typeof billingTenant>>;
    let variant: string;
    const ids: Record<string, string> = {};
    const log = pino({ enabled: false });
    const collect = () => collectionJob().run({ db: server.db, log });
    const payments = async (customer: string) =>
      ((await api.get(`/v1/payments?customer_id=${customer}&limit=100`)).data as any[]).sort(
        (a, b) => a.id.localeCompare(b.id),
      );
    const collection = (invoice: string) => api.get(`/v1/invoices/${invoice}/collection`);
    /** A customer with a source from `token`, signed up and billed: its invoice. */
    const billedCustomer = async (name: string, token: string) => {
      ids[name] = await api.customer({ email: `${name}@x.example` });
      ids[`${name}Source`] = (
        await api.post(`/v1/customers/${ids[name]}/payment_sources`, {
          type: "provider_token",
          provider_token: token,
        })
      ).id;
      const contract = await api.signup(ids[name]!, variant);
      await api.run();
      ids[`${name}Invoice`] = (await api.invoices(contract))[0].id;
    };

    beforeAll(async () => {
      const apiBase = await stripe.start();
      stripe.addCard("pm_card_ada", {
        brand: "visa",
        last4: "4242",
        exp_month: 12,
        exp_year: 2030,
      });
      stripe.addCard("pm_card_bob", {
        brand: "visa",
        last4: "1881",
        exp_month: 12,
        exp_year: 2030,
      });
      stripe.addSepaDebit("pm_sepa_cleo", { country: "DE", last4: "3000", name: "Cleo Debit" });
      server = await startTestServer(backend, { secretKey: "s".repeat(40) });
      api = await billingTenant(server, "Collection via Stripe", "2026-03-01T00:00:00Z");
      await api.post("/v1/gateway_accounts", {
        gateway: "stripe",
        name: "Stripe (test mode)",
        default: true,
        credentials: { secret_key: STRIPE_KEY, api_base: apiBase },
      });
      const { plan } = await api.plan();
      variant = await api.variant(plan, {
        internal_name: "Monthly",
        recurring_fee: "30",
        fee_period: { unit: "month", count: 1 },
      });
      await billedCustomer("ada", "pm_card_ada");
      await billedCustomer("cleo", "pm_sepa_cleo");
    });
    afterAll(async () => {
      await server?.close();
      await stripe.stop();
    });

    it("charges a card off-session, in minor units, under the invoice's attempt key", async () => {
      // ada is charged; cleo's debit is accepted, pending
      expect(await collect()).toBe(2);
      const intents = stripe.sent(INTENTS);
      expect(intents.map((r) => r.headers["idempotency-key"]).sort()).toEqual(
        [
          `collect_${ids.adaInvoice}_1_${ids.adaSource}`,
          `collect_${ids.cleoInvoice}_1_${ids.cleoSource}`,
        ].sort(),
      );
      const ada = intents.find((r) => r.params.payment_method === "pm_card_ada")!;
      expect(ada.params).toMatchObject({
        amount: "3000",
        currency: "eur",
        confirm: "true",
        off_session: "true",
      });
      expect(await payments(ids.ada!)).toMatchObject([
        {
          status: "succeeded",
          method: "card",
          amount: "30.00",
          allocations: [{ invoice_id: ids.adaInvoice, amount: "30.00" }],
        },
      ]);
      expect(await collect()).toBe(0);
      expect(stripe.sent(INTENTS)).toHaveLength(2);
    });

    it("a pending SEPA debit stops further attempts until it settles; failed, the retry follows", async () => {
      const [pending] = await payments(ids.cleo!);
      expect(pending).toMatchObject({ status: "pending", method: "direct_debit", amount: "30.00" });
      expect(await collection(ids.cleoInvoice!)).toMatchObject({
        status: "pending",
        next_attempt_at: null,
        attempts: [{ attempt: 1, status: "pending", payment_id: pending.id, settled_at: null }],
      });
      // days pass: no second debit while the first is pending
      await api.advance("2026-03-05T00:00:00Z");
      expect(await collect()).toBe(0);
      expect(stripe.sent(INTENTS)).toHaveLength(2);

      // the bank returns the debit; a sync reads it
      const intentId = stripe.sent(INTENTS).find((r) => r.params.payment_method === "pm_sepa_cleo")!
        .answer!.body.id as string;
      stripe.settle(intentId, "requires_payment_method");
      expect((await api.post(`/v1/payments/${pending.id}/sync`)).status).toBe("failed");
      expect(await collect()).toBe(1);
      expect(await collection(ids.cleoInvoice!)).toMatchObject({
        status: "retrying",
        next_attempt_at: "2026-03-08T00:00:00.000Z",
        attempts: [
          {
            attempt: 1,
            status: "failed",
            settled_at: "2026-03-05T00:00:00.000Z",
            next_attempt_at: "2026-03-08T00:00:00.000Z",
          },
        ],
      });
      expect(await collect()).toBe(0);

      // three days later: attempt 2, a new debit under its own key
      await api.advance("2026-03-08T00:00:00Z");
      expect(await collect()).toBe(1);
      const second = stripe.sent(INTENTS).at(-1)!;
      expect(second.headers["idempotency-key"]).toBe(
        `collect_${ids.cleoInvoice}_2_${ids.cleoSource}`,
      );
      expect(second.params.amount).toBe("3000");
      stripe.settle(second.answer!.body.id as string, "succeeded");
      const [, debit] = await payments(ids.cleo!);
      expect((await api.post(`/v1/payments/${debit.id}/sync`)).status).toBe("succeeded");
      expect(await collect()).toBe(1);
      expect(await collection(ids.cleoInvoice!)).toMatchObject({
        status: "succeeded",
        next_attempt_at: null,
        attempts: [
          { attempt: 1, status: "failed" },
          {
            attempt: 2,
            status: "succeeded",
            attempted_at: "2026-03-08T00:00:00.000Z",
            settled_at: "2026-03-08T00:00:00.000Z",
            payment_id: debit.id,
          },
        ],
      });
      const balance = await api.get(`/v1/customers/${ids.cleo}/balance`);
      expect(balance.open_invoices).toEqual([]);
      expect(await collect()).toBe(0);
    });

    it("a crash between Stripe's charge and its record: the same attempt, the same key, one charge", async () => {
      await billedCustomer("bob", "pm_card_bob");
      // the worker dies when it records bob's attempt: its unit of work is rolled back
      for (const statement of [
        `CREATE FUNCTION crash_collection() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN RAISE EXCEPTION 'worker killed'; END $$`,
        `CREATE TRIGGER crash_collection BEFORE INSERT ON collection_attempts FOR EACH ROW
          WHEN (NEW.invoice_id = '${ids.bobInvoice}') EXECUTE FUNCTION crash_collection()`,
      ]) {
        await sql.raw(statement).execute(server.db);
      }
      await expect(collect()).rejects.toThrow(/worker killed/);
      expect(await payments(ids.bob!)).toEqual([]);
      expect((await collection(ids.bobInvoice!)).attempts).toEqual([]);
      await sql.raw("DROP TRIGGER crash_collection ON collection_attempts").execute(server.db);
      await sql.raw("DROP FUNCTION crash_collection()").execute(server.db);

      // restarted: the attempt is made again under the same key, and Stripe answers its charge
      expect(await collect()).toBe(1);
      const key = `collect_${ids.bobInvoice}_1_${ids.bobSource}`;
      const sent = stripe.sent(INTENTS).filter((r) => r.headers["idempotency-key"] === key);
      expect(sent).toHaveLength(2);
      expect(sent[1]!.answer).toEqual(sent[0]!.answer);
      const [paid] = await payments(ids.bob!);
      expect(await payments(ids.bob!)).toHaveLength(1);
      expect(paid).toMatchObject({
        status: "succeeded",
        amount: "30.00",
        allocations: [{ invoice_id: ids.bobInvoice, amount: "30.00" }],
      });
      expect(await collection(ids.bobInvoice!)).toMatchObject({
        status: "succeeded",
        attempts: [{ attempt: 1, status: "succeeded", payment_id: paid.id }],
      });
      expect(await collect()).toBe(0);
    });
  });
}
