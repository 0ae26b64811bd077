/**
 * Payments the customer's bank asks the customer to authenticate (Strong Customer
 * Authentication, 3-D Secure), through a Stripe account (a local stand-in of Stripe's API,
 * test/fakes/stripe-server.ts), on both back ends, over HTTP:
 *
 * - automatic collection's off-session PaymentIntent is refused by Stripe with
 *   `authentication_required`: the payment and the attempt wait for the customer
 *   (`requires_action`, `payment.action_required`), count as no failed payment, and no other
 *   attempt is made while they wait;
 * - in the portal the customer confirms the payment: Accrue confirms the intent again with the
 *   card and a `return_url`, the browser follows Stripe's `next_action.redirect_to_url` to the
 *   bank's page and comes back to the return route, where the intent is read and the payment
 *   recorded: succeeded (the invoice paid), or failed (the retry scheduled, dunning goes on);
 * - Stripe's `payment_intent.succeeded` arriving before or after the customer's return settles
 *   the payment once;
 * - Stripe's won disputes (`charge.dispute.closed` won, `charge.dispute.funds_reinstated`)
 *   reverse the chargeback once; a lost one leaves it.
 */

import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectionJob } from "../../src/jobs/collection.js";
import { billingTenant } from "../billing-tenant.js";
import { FakeStripe, signedStripeEvent } from "../fakes/stripe-server.js";
import { BACKENDS } from "../harness.js";
import { failedPaymentsOf, gatewayReferenceOf } from "../payments/gateway-tenant.js";
import { startTestServer, type TestServer } from "../server.js";

const STRIPE_KEY = "sk_test_51AccrueAuthentication";
const WEBHOOK_SECRET = "whsec_AccrueAuthenticationWebhook0123";
const INTENTS = "POST /v1/payment_intents";
const PUBLIC_URL = "http://127.0.0.1";

const unix = () => Math.floor(Date.now() / 1000);

for (const backend of BACKENDS) {
  describe(`payments the bank asks the customer to authenticate, through Stripe [${backend}]`, () => {
    const stripe = new FakeStripe();
    let server: TestServer;
    let api: Awaited<ReturnType<typeof billingTenant>>;
    let account: string;
    let variant: string;
    const ids: Record<string, string> = {};
    const tokens: Record<string, string> = {};
    const log = pino({ enabled: false });
    const collect = () => collectionJob().run({ db: server.db, log });
    const paymentsOf = async (customer: string) =>
      ((await api.get(`/v1/payments?customer_id=${customer}&limit=100`)).data as any[]).sort(
        (a, b) => a.id.localeCompare(b.id),
      );
    const collection = (invoice: string) => api.get(`/v1/invoices/${invoice}/collection`);
    const due = async (customer: string) =>
      (await api.get(`/v1/customers/${customer}/balance`)).open_invoices.map((i: any) => i.due);
    const eventsOf = async (type: string) =>
      (await api.get("/v1/events?limit=100")).data.filter((e: any) => e.type === type);
    const portal = (name: string, method: string, path: string, key?: string) =>
      server.request(method, `/portal/api${path}`, {
        key: tokens[name]!,
        ...(key ? { headers: { "idempotency-key": key } } : {}),
      });
    /** The PaymentIntent of a customer's payment (kept, not answered). */
    const intentOf = (paymentId: string) => gatewayReferenceOf(server, paymentId);
    /** The failed payments dunning counts for a customer (in EUR, since the tenant began). */
    const failedPayments = (customer: string) => failedPaymentsOf(server, customer);
    /** A Stripe event of `object`, signed by Stripe's client with the endpoint's secret. */
    const sendStripe = (id: string, type: string, object: unknown) => {
      const { body, signature } = signedStripeEvent({ id, type, object }, WEBHOOK_SECRET);
      return server.request("POST", `/v1/gateways/${account}/events`, {
        raw: body,
        key: null,
        headers: { "stripe-signature": signature },
      });
    };
    /** A customer with a card that needs authentication, signed up, billed, with a portal link. */
    const billedCustomer = async (name: string) => {
      stripe.addCard(
        `pm_card_${name}`,
        { brand: "visa", last4: "3184", exp_month: 12, exp_year: 2030 },
        "authentication",
      );
      ids[name] = await api.customer({ email: `${name}@x.example` });
      ids[`${name}Source`] = (
        await api.post(`/v1/customers/${ids[name]}/payment_sources`, {
          type: "provider_token",
          provider_token: `pm_card_${name}`,
        })
      ).id;
      const contract = await api.signup(ids[name]!, variant);
      await api.run();
      ids[`${name}Invoice`] = (await api.invoices(contract))[0].id;
      tokens[name] = (await api.post(`/v1/contracts/${contract}/self_service_token`, {})).token;
    };
    /**
     * The customer confirms its payment in the portal and its browser follows Stripe's
     * redirect to the bank's page: answers where the bank sends the browser back to.
     */
    const confirmAtBank = async (name: string, paymentId: string) => {
      const confirmed = await portal(name, "POST", `/payments/${paymentId}/confirm`, `c_${name}`);
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      const bank = await fetch(confirmed.body.redirect_url, { redirect: "manual" });
      expect(bank.status).toBe(302);
      return { confirmed: confirmed.body, back: new URL(bank.headers.get("location")!) };
    };
    /** The browser back at Accrue's return route (the public URL is the server's). */
    const comeBack = (back: URL) =>
      server.request("GET", `${back.pathname}${back.search}`, { key: null });

    beforeAll(async () => {
      const apiBase = await stripe.start();
      server = await startTestServer(backend, { secretKey: "s".repeat(40) });
      api = await billingTenant(server, "Authentication via Stripe", "2026-03-01T00:00:00Z");
      account = (
        await api.post("/v1/gateway_accounts", {
          gateway: "stripe",
          name: "Stripe (test mode)",
          default: true,
          credentials: {
            secret_key: STRIPE_KEY,
            webhook_secret: WEBHOOK_SECRET,
            api_base: apiBase,
          },
        })
      ).id;
      const { plan } = await api.plan();
      variant = await api.variant(plan, {
        internal_name: "Monthly",
        recurring_fee: "30",
        fee_period: { unit: "month", count: 1 },
      });
      // the customers here confirm days after the charge: the tenant lets a payment wait for
      // its authentication 30 days (a confirmation past that is refused: payment-expiry.test.ts)
      const { steps } = await api.get("/v1/dunning_policy");
      const policy = await api.request("PUT", "/v1/dunning_policy", {
        steps,
        authentication_expiry_hours: 720,
      });
      expect(policy.status, JSON.stringify(policy.body)).toBe(200);
      for (const name of ["ada", "bob", "cleo"]) await billedCustomer(name);
    });
    afterAll(async () => {
      await server?.close();
      await stripe.stop();
    });

    it("an off-session charge the bank wants authenticated waits for the customer", async () => {
      expect(await collect()).toBe(3);
      const intents = stripe.sent(INTENTS);
      expect(intents.map((r) => r.headers["idempotency-key"]).sort()).toEqual(
        ["ada", "bob", "cleo"]
          .map((n) => `collect_${ids[`${n}Invoice`]}_1_${ids[`${n}Source`]}`)
          .sort(),
      );
      for (const sent of intents) {
        expect(sent.params).toMatchObject({
          amount: "3000",
          currency: "eur",
          confirm: "true",
          off_session: "true",
        });
        expect(sent.answer).toMatchObject({
          status: 402,
          body: { error: { type: "card_error", code: "authentication_required" } },
        });
      }
      for (const name of ["ada", "bob", "cleo"]) {
        const [payment] = await paymentsOf(ids[name]!);
        expect(payment).toMatchObject({
          status: "requires_action",
          method: "card",
          amount: "30.00",
          failure: null,
          allocations: [],
        });
        ids[`${name}Payment`] = payment.id;
        expect(await collection(ids[`${name}Invoice`]!)).toMatchObject({
          status: "requires_action",
          next_attempt_at: null,
          attempts: [{ attempt: 1, status: "requires_action", payment_id: payment.id }],
        });
        expect(await due(ids[name]!)).toEqual(["30.00"]);
        const listed = await portal(name, "GET", "/payments");
        expect(listed.body.payments_to_confirm).toEqual([
          {
            id: payment.id,
            amount: "30.00",
            currency: "EUR",
            received_at: payment.received_at,
            card_last4: "3184",
          },
        ]);
      }
      expect((await eventsOf("payment.action_required")).map((e: any) => e.data.id).sort()).toEqual(
        ["ada", "bob", "cleo"].map((n) => ids[`${n}Payment`]).sort(),
      );
      // no failed payment for dunning to count
      expect(await failedPayments(ids.ada!)).toBe(0);

      // Stripe reports the off-session failure: the payment still waits for the customer
      const intent = await intentOf(ids.adaPayment!);
      const reported = await sendStripe("evt_ada_offsession", "payment_intent.payment_failed", {
        ...stripe.intent(intent),
      });
      expect(reported.body).toMatchObject({
        status: "ignored",
        payment_id: ids.adaPayment,
        detail: `payment ${ids.adaPayment} waits for the customer to authenticate it`,
      });
      expect((await api.get(`/v1/payments/${ids.adaPayment}`)).status).toBe("requires_action");

      // days pass: no other attempt while the customer has not answered
      await api.advance("2026-03-05T00:00:00Z");
      expect(await collect()).toBe(0);
      expect(stripe.sent(INTENTS)).toHaveLength(3);
      // nor a charge by hand: confirmed later, the waiting payment would take the money again
      for (const path of [
        `/v1/customers/${ids.cleo}/collect_payment`,
        `/v1/invoices/${ids.cleoInvoice}/collect_payment`,
      ]) {
        const byHand = await api.request("POST", path, {});
        expect(byHand.status, JSON.stringify(byHand.body)).toBe(422);
        expect(byHand.body.error.code).toBe("payment_pending");
      }
      expect(stripe.sent(INTENTS)).toHaveLength(3);
    });

    it("the customer confirms in the portal, authenticates at the bank and comes back: paid once", async () => {
      const page = await server.request("GET", `/portal/${tokens.ada}`, { key: null });
      expect(page.status).toBe(200);
      const intent = await intentOf(ids.adaPayment!);
      const { confirmed, back } = await confirmAtBank("ada", ids.adaPayment!);
      expect(confirmed).toMatchObject({
        payment: { id: ids.adaPayment, status: "requires_action" },
        redirect_url: expect.stringMatching(new RegExp(`/authenticate/${intent}$`)),
      });
      const [sent] = stripe.sent(`POST /v1/payment_intents/${intent}/confirm`);
      expect(sent!.params).toEqual({
        payment_method: "pm_card_ada",
        return_url: expect.stringMatching(
          /^http:\/\/127\.0\.0\.1\/portal\/payment_return\/[\w-]+\.[\w-]+\.[\w-]+$/,
        ),
      });
      expect(sent!.headers["idempotency-key"]).toMatch(
        new RegExp(`^idem_[\\w-]{43}_${ids.adaPayment}$`),
      );
      // the bank sends the browser back to the return URL, with the intent named
      expect(`${back.origin}${back.pathname}`).toBe(sent!.params.return_url);
      expect(back.origin).toBe(PUBLIC_URL);
      expect(back.searchParams.get("payment_intent")).toBe(intent);

      const returned = await comeBack(back);
      expect(returned.status).toBe(200);
      expect(returned.body).toContain("Payment confirmed");
      expect(stripe.sent(`GET /v1/payment_intents/${intent}`)).toHaveLength(1);
      expect(await api.get(`/v1/payments/${ids.adaPayment}`)).toMatchObject({
        status: "succeeded",
        allocations: [{ invoice_id: ids.adaInvoice, amount: "30.00" }],
      });
      expect(await due(ids.ada!)).toEqual([]);
      expect((await portal("ada", "GET", "/payments")).body.payments_to_confirm).toEqual([]);

      // Stripe's event comes after: nothing more
      const late = await sendStripe(
        "evt_ada_succeeded",
        "payment_intent.succeeded",
        stripe.intent(intent),
      );
      expect(late.body).toMatchObject({ status: "ignored", payment_id: ids.adaPayment });
      // the browser reloads the return page: nothing more either
      expect((await comeBack(back)).body).toContain("Payment confirmed");
      expect(
        (await eventsOf("payment.succeeded")).filter((e: any) => e.data.id === ids.adaPayment),
      ).toHaveLength(1);

      // the worker records the attempt succeeded
      expect(await collect()).toBe(1);
      expect(await collection(ids.adaInvoice!)).toMatchObject({
        status: "succeeded",
        attempts: [
          {
            attempt: 1,
            status: "succeeded",
            payment_id: ids.adaPayment,
            settled_at: "2026-03-05T00:00:00.000Z",
          },
        ],
      });
      expect(stripe.sent(INTENTS)).toHaveLength(3);
    });

    it("Stripe's event arrives before the customer's return: the payment is settled once", async () => {
      const intent = await intentOf(ids.bobPayment!);
      const { back } = await confirmAtBank("bob", ids.bobPayment!);
      const first = await sendStripe(
        "evt_bob_succeeded",
        "payment_intent.succeeded",
        stripe.intent(intent),
      );
      expect(first.body).toMatchObject({
        status: "applied",
        payment_id: ids.bobPayment,
        detail: `payment ${ids.bobPayment} succeeded`,
      });
      const returned = await comeBack(back);
      expect(returned.body).toContain("Payment confirmed");
      // settled already: the return reads nothing from Stripe
      expect(stripe.sent(`GET /v1/payment_intents/${intent}`)).toHaveLength(0);
      expect(
        (await eventsOf("payment.succeeded")).filter((e: any) => e.data.id === ids.bobPayment),
      ).toHaveLength(1);
      expect(
        (await eventsOf("invoice.paid")).filter((e: any) => e.data.invoice_id === ids.bobInvoice),
      ).toHaveLength(1);
      expect(await due(ids.bob!)).toEqual([]);
      expect(await paymentsOf(ids.bob!)).toHaveLength(1);
      expect(await collect()).toBe(1);
      expect(await collection(ids.bobInvoice!)).toMatchObject({
        status: "succeeded",
        attempts: [{ attempt: 1, status: "succeeded", payment_id: ids.bobPayment }],
      });
    });

    it("authentication fails at the bank: the payment fails and the retry is scheduled", async () => {
      stripe.authenticationOutcome = "fail";
      const intent = await intentOf(ids.cleoPayment!);
      const { back } = await confirmAtBank("cleo", ids.cleoPayment!);
      expect(back.searchParams.get("redirect_status")).toBe("failed");
      const returned = await comeBack(back);
      expect(returned.body).toContain("Payment not confirmed");
      expect(await api.get(`/v1/payments/${ids.cleoPayment}`)).toMatchObject({
        status: "failed",
        failure: { code: "payment_intent_authentication_failure" },
      });
      expect(await failedPayments(ids.cleo!)).toBe(1);
      // Stripe's own event of the failure changes nothing more
      const late = await sendStripe(
        "evt_cleo_failed",
        "payment_intent.payment_failed",
        stripe.intent(intent),
      );
      expect(late.body).toMatchObject({ status: "ignored", payment_id: ids.cleoPayment });
      expect(await collect()).toBe(1);
      expect(await collection(ids.cleoInvoice!)).toMatchObject({
        status: "retrying",
        next_attempt_at: "2026-03-08T00:00:00.000Z",
        attempts: [{ attempt: 1, status: "failed", settled_at: "2026-03-05T00:00:00.000Z" }],
      });
      expect(await due(ids.cleo!)).toEqual(["30.00"]);
      // a payment that no longer waits is not confirmed again
      const again = await portal("cleo", "POST", `/payments/${ids.cleoPayment}/confirm`, "c_again");
      expect(again.body).toMatchObject({ payment: { status: "failed" }, redirect_url: null });
      expect(stripe.sent(`POST /v1/payment_intents/${intent}/confirm`)).toHaveLength(1);
      stripe.authenticationOutcome = "succeed";
    });

    it("refuses another customer's payment and a forged return link", async () => {
      const other = await portal("bob", "POST", `/payments/${ids.adaPayment}/confirm`, "c_other");
      expect([other.status, other.body.error.code]).toEqual([404, "payment_not_found"]);
      const forged = await server.request("GET", "/portal/payment_return/not.a.token", {
        key: null,
      });
      expect(forged.status).toBe(404);
      expect(forged.body).toContain("This link has expired or is not valid");
      // a link naming a tenant that never signed one: not valid, and no key is made for it
      const { tenant_id } = await server.createTenant("Never signed");
      const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
      const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part({ tid: tenant_id, sub: "pay_x" })}.c2ln`;
      const named = await server.request("GET", `/portal/payment_return/${unsigned}`, {
        key: null,
      });
      expect(named.status).toBe(404);
      const keys = await server.db
        .selectFrom("signing_keys")
        .select("purpose")
        .where("tenant_id", "=", tenant_id)
        .execute();
      expect(keys).toEqual([]);
    });

    it("a dispute Stripe reports won reverses the chargeback once; a lost one leaves it", async () => {
      const dispute = (id: string, paymentId: string, intent: string, status: string) => ({
        id,
        object: "dispute",
        amount: 3000,
        currency: "eur",
        charge: stripe.intent(intent).latest_charge,
        payment_intent: intent,
        reason: "fraudulent",
        status,
        created: unix(),
        livemode: false,
        metadata: { accrue_payment: paymentId },
      });
      const adaIntent = await intentOf(ids.adaPayment!);
      const bobIntent = await intentOf(ids.bobPayment!);
      for (const [name, intent, du] of [
        ["ada", adaIntent, "du_ada"],
        ["bob", bobIntent, "du_bob"],
      ] as const) {
        const opened = await sendStripe(
          `evt_${du}_created`,
          "charge.dispute.created",
          dispute(du, ids[`${name}Payment`]!, intent, "needs_response"),
        );
        expect(opened.body.status).toBe("applied");
        expect(await due(ids[name]!)).toEqual(["30.00"]);
      }

      const won = await sendStripe(
        "evt_du_ada_won",
        "charge.dispute.closed",
        dispute("du_ada", ids.adaPayment!, adaIntent, "won"),
      );
      expect(won.body).toMatchObject({
        type: "charge.dispute_reversed",
        provider_type: "charge.dispute.closed",
        status: "applied",
        payment_id: ids.adaPayment,
      });
      expect(await due(ids.ada!)).toEqual([]);
      const chargeback = (await paymentsOf(ids.ada!)).find((p) => p.kind === "refund");
      expect(chargeback).toMatchObject({ payment_method: "chargeback", status: "voided" });
      // the same event again, and Stripe's funds_reinstated of the same dispute: nothing more
      const repeated = await sendStripe(
        "evt_du_ada_won",
        "charge.dispute.closed",
        dispute("du_ada", ids.adaPayment!, adaIntent, "won"),
      );
      expect(repeated.body.id).toBe(won.body.id);
      const reinstated = await sendStripe(
        "evt_du_ada_reinstated",
        "charge.dispute.funds_reinstated",
        dispute("du_ada", ids.adaPayment!, adaIntent, "won"),
      );
      expect(reinstated.body).toMatchObject({
        type: "charge.dispute_reversed",
        status: "ignored",
        detail: "the chargeback du_ada is reversed already",
      });
      expect((await eventsOf("payment.dispute_reversed")).map((e: any) => e.data.id)).toEqual([
        chargeback.id,
      ]);
      expect(await due(ids.ada!)).toEqual([]);

      const lost = await sendStripe(
        "evt_du_bob_lost",
        "charge.dispute.closed",
        dispute("du_bob", ids.bobPayment!, bobIntent, "lost"),
      );
      expect(lost.body).toMatchObject({
        type: "unknown",
        provider_type: "charge.dispute.closed",
        status: "ignored",
        detail: "the dispute closed lost: the chargeback stays",
      });
      expect(await due(ids.bob!)).toEqual(["30.00"]);
      expect((await paymentsOf(ids.bob!)).find((p) => p.kind === "refund")).toMatchObject({
        payment_method: "chargeback",
        status: "succeeded",
      });
    });

    it("a hold the bank wants authenticated is refused, not left to read as paid later", async () => {
      stripe.addCard(
        "pm_card_dora",
        { brand: "visa", last4: "3184", exp_month: 12, exp_year: 2030 },
        "authentication",
      );
      const dora = await api.customer({ email: "dora@x.example" });
      await api.post(`/v1/customers/${dora}/payment_sources`, {
        type: "provider_token",
        provider_token: "pm_card_dora",
      });
      const held = await api.request("POST", `/v1/customers/${dora}/authorize_payment`, {
        amount: "12.00",
        currency: "EUR",
      });
      expect(held.status, JSON.stringify(held.body)).toBeLessThan(300);
      expect(held.body).toMatchObject({
        status: "failed",
        amount: "12.00",
        failure: { code: "authentication_required" },
      });
      const [payment] = await paymentsOf(dora);
      expect(payment).toMatchObject({ id: held.body.id, status: "failed" });
      const listed = await api.get("/v1/events?limit=100");
      expect(
        listed.data.filter(
          (e: any) => e.type === "payment.action_required" && e.data.id === held.body.id,
        ),
      ).toEqual([]);
    });
  });
}
