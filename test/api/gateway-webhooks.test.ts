/**
 * Gateway events (webhooks) over HTTP, on both back ends: `POST /v1/gateways/{account}/events`
 * with no API key, authenticated by the gateway's signature alone — the test gateway's own
 * scheme (HMAC-SHA256 in `Accrue-Test-Signature`) and Stripe's (payloads signed with the
 * official client's `generateTestHeaderString`, verified by its `constructEventAsync`, against
 * charges made through a local stand-in of Stripe's API). A pending direct debit is settled or
 * failed by its event, a refund made at the gateway is recorded (one Accrue made is not
 * recorded twice), a chargeback reopens the invoice, a bad signature is refused and recorded,
 * a repeated event is applied once, an unknown one ignored. And a client retrying a collection
 * with its Idempotency-Key after `503 gateway_unreachable` sends Stripe the same key: charged
 * once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signTestEvent, TEST_SIGNATURE_HEADER } from "../../src/domain/payments/test-gateway.js";
import { countFailedPayments } from "../../src/modules/payments/index.js";
import { billingTenant } from "../billing-tenant.js";
import { FakeStripe, signedStripeEvent } from "../fakes/stripe-server.js";
import { BACKENDS } from "../harness.js";
import { startTestServer, type TestServer } from "../server.js";

const SECRET_KEY = "s".repeat(40);
const STRIPE_KEY = "sk_test_51AccrueWebhookTest";
const STRIPE_WEBHOOK_SECRET = "whsec_AccrueStripeWebhookTest0123";
const TEST_WEBHOOK_SECRET = "whsec_AccrueTestGatewayWebhook0123";
/** A direct debit of this IBAN stays pending at the test gateway until its event. */
const PENDING_IBAN = "DE35370400440532013002";

type Api = Awaited<ReturnType<typeof billingTenant>>;

const unix = () => Math.floor(Date.now() / 1000);

for (const backend of BACKENDS) {
  describe(`gateway events [${backend}]`, () => {
    const stripe = new FakeStripe();
    let server: TestServer;
    let test: Api;
    let live: Api;
    const ids: Record<string, string> = {};
    const invoices: Record<string, string> = {};
    const payments: Record<string, string> = {};

    const send = (account: string, body: string, headers: Record<string, string> = {}) =>
      server.request("POST", `/v1/gateways/${account}/events`, { raw: body, key: null, headers });
    /** A test gateway event, signed with `secret` (the account's by default) at `t`. */
    const testEvent = (
      id: string,
      type: string,
      data: Record<string, unknown>,
      options: { secret?: string; t?: number } = {},
    ) => {
      const body = JSON.stringify({ id, type, created: unix(), data });
      const signature = signTestEvent(
        body,
        options.secret ?? TEST_WEBHOOK_SECRET,
        options.t ?? unix(),
      );
      return { body, headers: { [TEST_SIGNATURE_HEADER]: signature } };
    };
    const sendTest = (...args: Parameters<typeof testEvent>) => {
      const { body, headers } = testEvent(...args);
      return send(ids.testAccount!, body, headers);
    };
    /** A Stripe event of `object`, signed by Stripe's client with `secret`. */
    const stripeEvent = (
      id: string,
      type: string,
      object: unknown,
      secret = STRIPE_WEBHOOK_SECRET,
    ) => {
      const { body, signature } = signedStripeEvent({ id, type, object }, secret);
      return { body, headers: { "stripe-signature": signature } };
    };
    const sendStripe = (...args: Parameters<typeof stripeEvent>) => {
      const { body, headers } = stripeEvent(...args);
      return send(ids.stripeAccount!, body, headers);
    };

    const due = async (api: Api, customer: string) =>
      (await api.get(`/v1/customers/${customer}/balance`)).open_invoices.map((i: any) => i.due);
    const paymentsOf = async (api: Api, customer: string) =>
      (await api.get(`/v1/payments?customer_id=${customer}&limit=100`)).data as any[];
    const eventsOf = async (api: Api, type: string) =>
      (await api.get("/v1/events?limit=100")).data.filter((e: any) => e.type === type);
    const recorded = async (api: Api, account: string, query = "") =>
      (await api.get(`/v1/gateways/${account}/events?limit=100${query}`)).data as any[];
    /** The gateway's reference of a payment's charge (kept, not answered). */
    const chargeOf = async (paymentId: string) =>
      (
        await server.db
          .selectFrom("payments")
          .select("gateway_reference")
          .where("id", "=", paymentId)
          .executeTakeFirstOrThrow()
      ).gateway_reference!;
    /** The PaymentIntent Stripe created for a payment method. */
    const intentOf = (paymentMethod: string) => {
      const sent = stripe
        .sent("POST /v1/payment_intents")
        .filter((r) => r.params.payment_method === paymentMethod);
      const body = sent.at(-1)!.answer!.body as { id?: string };
      return body.id ?? (sent.at(-1)!.carriedOut!.body.id as string);
    };

    /** A tenant billing 30.00 EUR a month from March 1 to each customer named. */
    async function tenant(name: string, customers: string[]): Promise<Api> {
      const api = await billingTenant(server, name, "2026-03-01T00:00:00Z");
      const { plan } = await api.plan();
      const variant = await api.variant(plan, {
        internal_name: "M",
        recurring_fee: "30",
        fee_period: { unit: "month", count: 1 },
      });
      for (const c of customers) {
        ids[c] = await api.customer();
        ids[`${c}Contract`] = await api.signup(ids[c]!, variant);
      }
      await api.run();
      for (const c of customers) invoices[c] = (await api.invoices(ids[`${c}Contract`]!))[0].id;
      return api;
    }

    beforeAll(async () => {
      ids.apiBase = await stripe.start();
      for (const pm of ["pm_card_tom", "pm_card_uma", "pm_card_vic"]) {
        stripe.addCard(pm, { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2030 });
      }
      stripe.addSepaDebit("pm_sepa_sam", { country: "DE", last4: "3000", name: "Sam Debit" });
      stripe.addSepaDebit("pm_sepa_sue", { country: "DE", last4: "3001", name: "Sue Debit" });
      server = await startTestServer(backend, { secretKey: SECRET_KEY });

      // the test gateway: direct debits left pending, cards charged at once
      test = await tenant("Test gateway events", ["ada", "bob", "cleo", "dan", "eve"]);
      ids.testAccount = (
        await test.post("/v1/gateway_accounts", {
          gateway: "test",
          name: "Test gateway",
          default: true,
          credentials: { webhook_secret: TEST_WEBHOOK_SECRET },
        })
      ).id;
      for (const c of ["ada", "bob", "eve"]) {
        await test.post(`/v1/customers/${ids[c]}/payment_sources`, {
          type: "bank_account",
          bank_account: { iban: PENDING_IBAN, account_holder_name: c },
        });
      }
      for (const c of ["cleo", "dan"]) {
        await test.post(`/v1/customers/${ids[c]}/payment_sources`, {
          type: "card",
          card: { number: "4242424242424242", exp_month: 12, exp_year: 2030 },
        });
      }
      for (const c of ["ada", "bob", "cleo", "dan", "eve"]) {
        payments[c] = (await test.post(`/v1/invoices/${invoices[c]}/collect_payment`, {})).id;
      }

      // Stripe: SEPA debits processing, cards succeeded
      live = await tenant("Stripe events", ["sam", "sue", "tom", "uma", "vic"]);
      ids.stripeAccount = (
        await live.post("/v1/gateway_accounts", {
          gateway: "stripe",
          name: "Stripe (test mode)",
          default: true,
          credentials: {
            secret_key: STRIPE_KEY,
            webhook_secret: STRIPE_WEBHOOK_SECRET,
            api_base: ids.apiBase,
          },
        })
      ).id;
      const tokens: Record<string, string> = {
        sam: "pm_sepa_sam",
        sue: "pm_sepa_sue",
        tom: "pm_card_tom",
        uma: "pm_card_uma",
        vic: "pm_card_vic",
      };
      for (const [c, token] of Object.entries(tokens)) {
        await live.post(`/v1/customers/${ids[c]}/payment_sources`, {
          type: "provider_token",
          provider_token: token,
        });
      }
      for (const c of ["sam", "sue", "tom", "uma"]) {
        payments[c] = (await live.post(`/v1/invoices/${invoices[c]}/collect_payment`, {})).id;
      }
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await stripe.stop();
    });

    describe("the test gateway", () => {
      it("settles a pending direct debit on its signed charge.succeeded, once however often it arrives", async () => {
        expect((await test.get(`/v1/payments/${payments.ada}`)).status).toBe("pending");
        const charge = await chargeOf(payments.ada!);
        expect(charge).toMatch(/^ch_test_pending_/);
        const event = testEvent("evt_test_ada_1", "charge.succeeded", {
          charge,
          amount: 3000,
          currency: "EUR",
        });
        const res = await send(ids.testAccount!, event.body, event.headers);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          gateway_account_id: ids.testAccount,
          provider_event_id: "evt_test_ada_1",
          type: "charge.succeeded",
          provider_type: "charge.succeeded",
          status: "applied",
          error_code: null,
          charge_reference: charge,
          payment_id: payments.ada,
          payload: { id: "evt_test_ada_1", type: "charge.succeeded" },
        });
        expect(res.body.id).toMatch(/^gev_/);
        expect(await test.get(`/v1/payments/${payments.ada}`)).toMatchObject({
          status: "succeeded",
          amount: "30.00",
          allocations: [{ invoice_id: invoices.ada, amount: "30.00" }],
          unapplied: "0.00",
        });
        expect(await due(test, ids.ada!)).toEqual([]);

        // delivered again (the gateway did not hear the answer): the record, nothing more
        const again = await send(ids.testAccount!, event.body, event.headers);
        expect(again.status).toBe(200);
        expect(again.body).toMatchObject({ id: res.body.id, status: "applied" });
        const resigned = testEvent("evt_test_ada_1", "charge.succeeded", {
          charge,
          amount: 3000,
          currency: "EUR",
        });
        expect((await send(ids.testAccount!, resigned.body, resigned.headers)).body.id).toBe(
          res.body.id,
        );
        const succeeded = (await eventsOf(test, "payment.succeeded")).filter(
          (e: any) => e.data.id === payments.ada,
        );
        expect(succeeded).toHaveLength(1);
        expect(
          (await eventsOf(test, "invoice.paid")).filter(
            (e: any) => e.data.invoice_id === invoices.ada,
          ),
        ).toHaveLength(1);
        expect((await paymentsOf(test, ids.ada!)).map((p) => [p.kind, p.status])).toEqual([
          ["payment", "succeeded"],
        ]);
        const rows = (await recorded(test, ids.testAccount!)).filter(
          (e) => e.provider_event_id === "evt_test_ada_1",
        );
        expect(rows).toHaveLength(1);
        // applied by the system, audited with the event and the payment
        const audit = (await test.get(`/v1/audit_events?target_id=${res.body.id}`)).data;
        expect(audit).toHaveLength(1);
        expect(audit[0]).toMatchObject({
          actor: { type: "system", id: "gateway-events" },
          operation: "gateway_events.apply",
          target: { type: "gateway_event", id: res.body.id },
        });
        const paymentAudit = (await test.get(`/v1/audit_events?target_id=${payments.ada}`)).data;
        expect(paymentAudit.map((a: any) => a.operation)).toContain("gateway_events.apply");
      });

      it("fails a pending direct debit with the gateway's reason; dunning counts it", async () => {
        const charge = await chargeOf(payments.bob!);
        const res = await sendTest("evt_test_bob_1", "charge.failed", {
          charge,
          failure: { code: "insufficient_funds", message: "the account has insufficient funds" },
        });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: "applied", payment_id: payments.bob });
        expect(await test.get(`/v1/payments/${payments.bob}`)).toMatchObject({
          status: "failed",
          amount: "30.00",
          allocations: [],
          failure: { code: "insufficient_funds", message: "the account has insufficient funds" },
        });
        expect(await due(test, ids.bob!)).toEqual(["30.00"]);
        expect((await eventsOf(test, "payment.failed")).map((e: any) => e.data.id)).toEqual([
          payments.bob,
        ]);
        const { tenant_id } = await server.db
          .selectFrom("payments")
          .select("tenant_id")
          .where("id", "=", payments.bob!)
          .executeTakeFirstOrThrow();
        expect(
          await countFailedPayments(
            server.db,
            tenant_id,
            ids.bob!,
            "EUR",
            new Date("2026-03-01T00:00:00Z"),
          ),
        ).toBe(1);
        // the payment is failed now: its success arriving late changes nothing
        const late = await sendTest("evt_test_bob_2", "charge.succeeded", { charge, amount: 3000 });
        expect(late.body).toMatchObject({ status: "ignored", payment_id: payments.bob });
        expect(late.body.detail).toBe(`payment ${payments.bob} is failed already`);
        expect(await due(test, ids.bob!)).toEqual(["30.00"]);
      });

      it("records refunds made at the gateway; one Accrue made through it is not recorded twice", async () => {
        const charge = await chargeOf(payments.cleo!);
        expect(charge).toMatch(/^ch_test_ok_/);
        const first = await sendTest("evt_test_cleo_1", "charge.refunded", {
          charge,
          amount: 1000,
          currency: "EUR",
          refund: "re_dashboard_1",
        });
        expect(first.body).toMatchObject({ status: "applied", payment_id: payments.cleo });
        const refunds = () =>
          paymentsOf(test, ids.cleo!).then((all) => all.filter((p) => p.kind === "refund"));
        expect(await refunds()).toEqual([
          expect.objectContaining({
            kind: "refund",
            status: "succeeded",
            amount: "10.00",
            reference: "re_dashboard_1",
            payment_method: null,
            refunds_payment_id: payments.cleo,
            allocations: [{ invoice_id: invoices.cleo, amount: "-10.00" }],
          }),
        ]);
        expect(await due(test, ids.cleo!)).toEqual(["10.00"]);
        const [refund] = await refunds();
        expect(
          (await eventsOf(test, "invoice.reopened")).filter(
            (e: any) => e.data.invoice_id === invoices.cleo,
          ),
        ).toEqual([
          expect.objectContaining({ data: expect.objectContaining({ payment_id: refund.id }) }),
        ]);
        expect((await eventsOf(test, "payment.refunded")).map((e: any) => e.data.id)).toContain(
          refund.id,
        );

        // Accrue refunds 5.00 through the gateway; the gateway then reports 15.00 refunded
        await test.post(`/v1/invoices/${invoices.cleo}/refund`, { amount: "5.00" });
        expect(await due(test, ids.cleo!)).toEqual(["15.00"]);
        const [accrueRefund] = await server.db
          .selectFrom("payments")
          .select("gateway_reference")
          .where("refunds_payment_id", "=", payments.cleo!)
          .where("gateway_reference", "like", "re_test_%")
          .execute();
        const second = await sendTest("evt_test_cleo_2", "charge.refunded", {
          charge,
          amount: 1500,
          currency: "EUR",
          refund: accrueRefund!.gateway_reference,
        });
        expect(second.body).toMatchObject({ status: "ignored", payment_id: payments.cleo });
        expect(second.body.detail).toBe(
          `the gateway refunded 15.00 EUR of payment ${payments.cleo}, all recorded`,
        );
        expect(await due(test, ids.cleo!)).toEqual(["15.00"]);

        // another 5.00 refunded at the gateway: only what is missing is recorded
        const third = await sendTest("evt_test_cleo_3", "charge.refunded", {
          charge,
          amount: 2000,
          currency: "EUR",
          refund: "re_dashboard_2",
        });
        expect(third.body).toMatchObject({ status: "applied" });
        expect((await refunds()).map((r) => [r.amount, r.reference])).toEqual([
          ["10.00", "re_dashboard_1"],
          ["5.00", null],
          ["5.00", "re_dashboard_2"],
        ]);
        expect(await due(test, ids.cleo!)).toEqual(["20.00"]);
      });

      it("a chargeback takes the payment's money back and reopens the invoice", async () => {
        const charge = await chargeOf(payments.dan!);
        expect(await due(test, ids.dan!)).toEqual([]);
        const res = await sendTest("evt_test_dan_1", "charge.disputed", {
          charge,
          amount: 3000,
          currency: "EUR",
          dispute: "dp_test_1",
        });
        expect(res.body).toMatchObject({ status: "applied", type: "charge.disputed" });
        const [reversal] = (await paymentsOf(test, ids.dan!)).filter((p) => p.kind === "refund");
        expect(reversal).toMatchObject({
          kind: "refund",
          status: "succeeded",
          method: "test_card",
          amount: "30.00",
          payment_method: "chargeback",
          reference: "dp_test_1",
          refunds_payment_id: payments.dan,
          allocations: [{ invoice_id: invoices.dan, amount: "-30.00" }],
        });
        expect(await due(test, ids.dan!)).toEqual(["30.00"]);
        expect((await test.get(`/v1/customers/${ids.dan}/balance`)).balances).toEqual([
          expect.objectContaining({
            currency: "EUR",
            invoiced: "30.00",
            paid: "30.00",
            refunded: "30.00",
            balance: "30.00",
          }),
        ]);
        const disputed = await eventsOf(test, "payment.disputed");
        expect(disputed).toHaveLength(1);
        expect(disputed[0].data).toMatchObject({
          id: reversal.id,
          reason: "chargeback",
          amount: "30.00",
          refunds_payment_id: payments.dan,
        });
        expect(
          (await eventsOf(test, "invoice.reopened")).filter(
            (e: any) => e.data.invoice_id === invoices.dan,
          ),
        ).toHaveLength(1);
        // the same dispute under another event id is not taken back twice
        const again = await sendTest("evt_test_dan_2", "charge.disputed", {
          charge,
          amount: 3000,
          dispute: "dp_test_1",
        });
        expect(again.body).toMatchObject({ status: "ignored" });
        expect(await due(test, ids.dan!)).toEqual(["30.00"]);
      });

      it("refuses a bad signature and records it, using nothing of the event", async () => {
        const charge = await chargeOf(payments.eve!);
        const forged = testEvent(
          "evt_forged_1",
          "charge.succeeded",
          { charge, amount: 3000 },
          { secret: "whsec_SomebodyElse0000000000" },
        );
        const valid = testEvent("evt_tampered_1", "charge.succeeded", { charge, amount: 1 });
        const attempts = [
          forged,
          { body: forged.body, headers: {} },
          testEvent("evt_stale_1", "charge.succeeded", { charge }, { t: unix() - 600 }),
          { body: valid.body.replace('"amount":1', '"amount":3000'), headers: valid.headers },
        ];
        const before = (await recorded(test, ids.testAccount!, "&status=rejected")).length;
        for (const { body, headers } of attempts) {
          const res = await send(ids.testAccount!, body, headers);
          expect([res.status, res.body.error.code]).toEqual([400, "invalid_signature"]);
        }
        const rejected = await recorded(test, ids.testAccount!, "&status=rejected");
        expect(rejected).toHaveLength(before + 4);
        expect(rejected[0]).toMatchObject({
          status: "rejected",
          error_code: "invalid_signature",
          provider_event_id: null,
          type: null,
          provider_type: null,
          charge_reference: null,
          payment_id: null,
          payload: null,
        });
        expect(rejected[0].detail).toBe("no signature of the event matches its body");
        expect((await test.get(`/v1/payments/${payments.eve}`)).status).toBe("pending");
        expect(await due(test, ids.eve!)).toEqual(["30.00"]);

        // signed, but not an event
        const junk = "not json";
        const res = await send(ids.testAccount!, junk, {
          [TEST_SIGNATURE_HEADER]: signTestEvent(junk, TEST_WEBHOOK_SECRET, unix()),
        });
        expect([res.status, res.body.error.code]).toEqual([400, "malformed_gateway_event"]);
        expect((await recorded(test, ids.testAccount!))[0]).toMatchObject({
          status: "rejected",
          error_code: "malformed_gateway_event",
        });
      });

      it("records an unknown event type, or one for a charge it does not know, as ignored", async () => {
        const unknown = await sendTest("evt_test_other_1", "charge.pending_review", {
          charge: await chargeOf(payments.eve!),
        });
        expect(unknown.status).toBe(200);
        expect(unknown.body).toMatchObject({
          status: "ignored",
          type: "unknown",
          provider_type: "charge.pending_review",
          charge_reference: null,
          payment_id: null,
          detail: "Accrue does not apply charge.pending_review events",
        });
        const stranger = await sendTest("evt_test_other_2", "charge.succeeded", {
          charge: "ch_test_ok_elsewhere",
        });
        expect(stranger.body).toMatchObject({
          status: "ignored",
          type: "charge.succeeded",
          detail: "no payment through this gateway has the charge ch_test_ok_elsewhere",
        });
        expect((await test.get(`/v1/payments/${payments.eve}`)).status).toBe("pending");
      });

      it("refuses events of an account it does not know, or of one without a webhook secret", async () => {
        const { body, headers } = testEvent("evt_x", "charge.succeeded", {});
        const missing = await send("gwa_01JNOSUCHACCOUNT000000000", body, headers);
        expect([missing.status, missing.body.error.code]).toEqual([
          404,
          "gateway_account_not_found",
        ]);
        const bare = (await test.post("/v1/gateway_accounts", { gateway: "test", name: "Bare" }))
          .id;
        const res = await send(bare, body, headers);
        expect([res.status, res.body.error.code]).toEqual([422, "webhook_secret_not_configured"]);
        expect(await recorded(test, bare)).toEqual([
          expect.objectContaining({
            status: "rejected",
            error_code: "webhook_secret_not_configured",
          }),
        ]);
      });

      it("lists an account's events for operators, newest first, paged; to its tenant only", async () => {
        const all = await recorded(test, ids.testAccount!);
        expect(all.length).toBeGreaterThan(10);
        expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort().reverse());
        const page = await test.get(`/v1/gateways/${ids.testAccount}/events?limit=2`);
        expect(page.data.map((e: any) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id));
        expect(page.has_more).toBe(true);
        const next = await test.get(
          `/v1/gateways/${ids.testAccount}/events?limit=2&cursor=${page.next_cursor}`,
        );
        expect(next.data.map((e: any) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id));
        const applied = await recorded(test, ids.testAccount!, "&status=applied");
        expect(applied.map((e) => e.provider_event_id).sort()).toEqual([
          "evt_test_ada_1",
          "evt_test_bob_1",
          "evt_test_cleo_1",
          "evt_test_cleo_3",
          "evt_test_dan_1",
        ]);
        const reader = (await test.post("/v1/api_keys", { name: "reader", roles: ["read_only"] }))
          .secret;
        const read = await server.request("GET", `/v1/gateways/${ids.testAccount}/events`, {
          key: reader,
        });
        expect(read.status).toBe(200);
        const other = await server.request("GET", `/v1/gateways/${ids.testAccount}/events`);
        expect([other.status, other.body.error.code]).toEqual([404, "gateway_account_not_found"]);
        const anonymous = await server.request("GET", `/v1/gateways/${ids.testAccount}/events`, {
          key: null,
        });
        expect(anonymous.status).toBe(401);
      });
    });

    describe("Stripe", () => {
      it("settles a processing SEPA debit on a signed payment_intent.succeeded, once", async () => {
        expect((await live.get(`/v1/payments/${payments.sam}`)).status).toBe("pending");
        const intent = intentOf("pm_sepa_sam");
        expect(await chargeOf(payments.sam!)).toBe(intent);
        stripe.settle(intent, "succeeded");
        const event = stripeEvent(
          "evt_1SamSucceeded",
          "payment_intent.succeeded",
          stripe.intent(intent),
        );
        const res = await send(ids.stripeAccount!, event.body, event.headers);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          provider_event_id: "evt_1SamSucceeded",
          type: "charge.succeeded",
          provider_type: "payment_intent.succeeded",
          status: "applied",
          charge_reference: intent,
          payment_id: payments.sam,
        });
        expect(await live.get(`/v1/payments/${payments.sam}`)).toMatchObject({
          status: "succeeded",
          method: "direct_debit",
          allocations: [{ invoice_id: invoices.sam, amount: "30.00" }],
        });
        expect(await due(live, ids.sam!)).toEqual([]);
        const again = await send(ids.stripeAccount!, event.body, event.headers);
        expect(again.body).toMatchObject({ id: res.body.id, status: "applied" });
        expect(
          (await eventsOf(live, "payment.succeeded")).filter(
            (e: any) => e.data.id === payments.sam,
          ),
        ).toHaveLength(1);
      });

      it("fails a SEPA debit the bank returned on payment_intent.payment_failed", async () => {
        const intent = intentOf("pm_sepa_sue");
        stripe.settle(intent, "requires_payment_method");
        const res = await sendStripe(
          "evt_1SueFailed",
          "payment_intent.payment_failed",
          stripe.intent(intent),
        );
        expect(res.body).toMatchObject({ status: "applied", type: "charge.failed" });
        expect(await live.get(`/v1/payments/${payments.sue}`)).toMatchObject({
          status: "failed",
          allocations: [],
          failure: {
            code: "payment_intent_payment_attempt_failed",
            message: "The SEPA debit was returned by the bank.",
          },
        });
        expect(await due(live, ids.sue!)).toEqual(["30.00"]);
      });

      it("a dispute (charge.dispute.created) is a chargeback: the invoice owes again", async () => {
        const intent = intentOf("pm_card_tom");
        const charged = stripe.intent(intent);
        expect(charged).toMatchObject({ status: "succeeded", amount: 3000 });
        expect(await due(live, ids.tom!)).toEqual([]);
        const res = await sendStripe("evt_1TomDisputed", "charge.dispute.created", {
          id: "dp_1TomFake",
          object: "dispute",
          amount: 3000,
          currency: "eur",
          charge: charged.latest_charge,
          payment_intent: intent,
          reason: "fraudulent",
          status: "needs_response",
          is_charge_refundable: false,
          created: unix(),
          livemode: false,
          metadata: {},
        });
        expect(res.body).toMatchObject({
          status: "applied",
          type: "charge.disputed",
          provider_type: "charge.dispute.created",
          charge_reference: intent,
          payment_id: payments.tom,
        });
        const [reversal] = (await paymentsOf(live, ids.tom!)).filter((p) => p.kind === "refund");
        expect(reversal).toMatchObject({
          method: "card",
          amount: "30.00",
          payment_method: "chargeback",
          reference: "dp_1TomFake",
          allocations: [{ invoice_id: invoices.tom, amount: "-30.00" }],
        });
        expect(await due(live, ids.tom!)).toEqual(["30.00"]);
        expect((await eventsOf(live, "payment.disputed")).map((e: any) => e.data.id)).toEqual([
          reversal.id,
        ]);
        // nothing was asked of Stripe: the money is gone already
        expect(stripe.sent("POST /v1/refunds")).toHaveLength(0);
      });

      it("records a refund made in Stripe's Dashboard; Accrue's own refund is not recorded twice", async () => {
        const intent = intentOf("pm_card_uma");
        const dashboard = stripe.refundInDashboard(intent, 1000);
        const first = await sendStripe(
          "evt_1UmaRefunded",
          "charge.refunded",
          stripe.charge(intent),
        );
        expect(first.body).toMatchObject({
          status: "applied",
          type: "charge.refunded",
          charge_reference: intent,
        });
        const refunds = () =>
          paymentsOf(live, ids.uma!).then((all) => all.filter((p) => p.kind === "refund"));
        expect(await refunds()).toEqual([
          expect.objectContaining({
            amount: "10.00",
            reference: dashboard.id,
            allocations: [{ invoice_id: invoices.uma, amount: "-10.00" }],
          }),
        ]);
        expect(await due(live, ids.uma!)).toEqual(["10.00"]);

        await live.post(`/v1/invoices/${invoices.uma}/refund`, { amount: "5.00" });
        expect(stripe.sent("POST /v1/refunds").at(-1)!.params).toEqual({
          payment_intent: intent,
          amount: "500",
        });
        const second = await sendStripe(
          "evt_2UmaRefunded",
          "charge.refunded",
          stripe.charge(intent),
        );
        expect(second.body).toMatchObject({ status: "ignored" });
        expect(second.body.detail).toBe(
          `the gateway refunded 15.00 EUR of payment ${payments.uma}, all recorded`,
        );
        expect((await refunds()).map((r) => r.amount)).toEqual(["10.00", "5.00"]);
        expect(await due(live, ids.uma!)).toEqual(["15.00"]);
      });

      it("refuses an event not signed with the account's secret, and records it", async () => {
        const intent = intentOf("pm_card_tom");
        const forged = stripeEvent(
          "evt_1Forged",
          "charge.dispute.created",
          {
            id: "dp_forged",
            object: "dispute",
            amount: 3000,
            currency: "eur",
            payment_intent: intent,
          },
          "whsec_NotTheAccountsSecret",
        );
        const res = await send(ids.stripeAccount!, forged.body, forged.headers);
        expect([res.status, res.body.error.code]).toEqual([400, "invalid_signature"]);
        expect(res.body.error.message).toMatch(/^Stripe's verifier refused the event: /);
        const [latest] = await recorded(live, ids.stripeAccount!);
        expect(latest).toMatchObject({
          status: "rejected",
          error_code: "invalid_signature",
          provider_event_id: null,
          payload: null,
        });
        expect((await paymentsOf(live, ids.tom!)).filter((p) => p.kind === "refund")).toHaveLength(
          1,
        );
      });

      it("records an event type it does not apply as ignored", async () => {
        const res = await sendStripe("evt_1Customer", "customer.created", {
          id: "cus_Fake",
          object: "customer",
        });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          status: "ignored",
          type: "unknown",
          provider_type: "customer.created",
        });
      });

      it("a client retrying after 503 with its Idempotency-Key sends Stripe the same key: charged once", async () => {
        const collect = () =>
          server.request("POST", `/v1/invoices/${invoices.vic}/collect_payment`, {
            key: live.key,
            body: {},
            headers: { "idempotency-key": "collect-vic-1" },
          });
        // Stripe charges, but its answers never arrive (nor those of the client's own retries)
        stripe.loseAnswers = 3;
        const lost = await collect();
        expect([lost.status, lost.body.error.code]).toEqual([503, "gateway_unreachable"]);
        expect(await paymentsOf(live, ids.vic!)).toEqual([]);
        const paid = await collect();
        expect(paid.status).toBe(201);
        expect(paid.body).toMatchObject({ status: "succeeded", amount: "30.00", method: "card" });
        const sent = stripe
          .sent("POST /v1/payment_intents")
          .filter((r) => r.params.payment_method === "pm_card_vic");
        expect(sent).toHaveLength(4);
        const keys = new Set(sent.map((r) => r.headers["idempotency-key"]));
        expect(keys.size).toBe(1);
        expect([...keys][0]).toMatch(/^idem_[A-Za-z0-9_-]{43}_pms_/);
        const intents = new Set(sent.map((r) => (r.carriedOut ?? r.answer)!.body.id as string));
        expect(intents.size).toBe(1);
        expect(await paymentsOf(live, ids.vic!)).toEqual([
          expect.objectContaining({ status: "succeeded", amount: "30.00" }),
        ]);
        expect(await due(live, ids.vic!)).toEqual([]);
        // a replay of the request answers as before, asking Stripe nothing
        const replay = await collect();
        expect(replay.body.id).toBe(paid.body.id);
        expect(
          stripe
            .sent("POST /v1/payment_intents")
            .filter((r) => r.params.payment_method === "pm_card_vic"),
        ).toHaveLength(4);
      });
    });
  });
}
