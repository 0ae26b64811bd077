/**
 * Waiting that ends, on both back ends, over HTTP, with the worker's jobs run by hand on the
 * tenants' test clocks:
 *
 * - a payment the bank asks the customer to authenticate (3-D Secure) that the customer leaves
 *   waiting past the tenant's `authentication_expiry_hours` (24 by default, set with the
 *   dunning policy) is cancelled at Stripe (a local stand-in, test/fakes/stripe-server.ts) and
 *   recorded failed (`authentication_expired`, `payment.failed`); collection then schedules its
 *   retry and dunning counts it. Run twice, or with Stripe's verdict arriving first, it is
 *   settled once; an intent the customer authenticated at the last moment is recorded paid;
 * - the portal refuses to confirm a payment past its window (422
 *   `payment_authentication_expired`): one the worker has not reached yet is expired there,
 *   under the worker's cancellation key, once — the worker, a replay and another confirmation
 *   after change nothing;
 * - the built-in test gateway's card that needs authentication waits and expires the same way;
 * - a payment method setup left unfinished on Stripe's Checkout page or GoCardless's Billing
 *   Request Flow expires after 24 hours on the tenant's clock (the session expired, the Billing
 *   Request cancelled); a return to it after is refused with the expired-link page; a setup the
 *   customer finished at the last moment is kept instead;
 * - the return pages lead back into the portal through the portal link the browser came from
 *   (a cookie only the return pages receive), while it is live; else they say how to get one.
 */

import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectionJob } from "../../src/jobs/collection.js";
import { paymentExpiryJob } from "../../src/jobs/payment-expiry.js";
import { FakeGoCardless } from "../fakes/gocardless-server.js";
import { FakeStripe } from "../fakes/stripe-server.js";
import { BACKENDS } from "../harness.js";
import {
  type Api,
  comeBack as backAt,
  connectAccount,
  cookieOf,
  failedPaymentsOf,
  type GatewayAccount,
  gatewayReferenceOf,
  monthlyTenant,
  portalCustomers,
  sendStripeEvent,
} from "../payments/gateway-tenant.js";
import { startTestServer, type TestServer } from "../server.js";

const STRIPE_KEY = "sk_test_51AccrueExpiry";
const WEBHOOK_SECRET = "whsec_AccrueExpiryWebhook0123";
const GC_TOKEN = "sandbox_AccrueExpiryToken";
const GC_SECRET = "gc_expiry_webhook_secret";

for (const backend of BACKENDS) {
  describe(`payments and payment method setups that wait too long [${backend}]`, () => {
    const stripe = new FakeStripe();
    const gc = new FakeGoCardless(GC_TOKEN);
    let server: TestServer;
    /** A tenant with a Stripe account; one on the test gateway; one with a GoCardless account. */
    let viaStripe: Api;
    let viaTest: Api;
    let viaGc: Api;
    let stripeAccount: GatewayAccount;
    let variant: Record<string, string>;
    const customers = portalCustomers(() => server);
    const { ids, tokens, contracts, portal } = customers;
    const log = pino({ enabled: false });
    const expire = () => paymentExpiryJob().run({ db: server.db, log });
    const collect = () => collectionJob().run({ db: server.db, log });
    /** The browser at a return page, with the cookie the portal set (if any). */
    const comeBack = (url: string | URL, cookie?: string) => backAt(server, url, cookie);
    const intentOf = (paymentId: string) => gatewayReferenceOf(server, paymentId);
    const setupRow = (id: string) =>
      server.db
        .selectFrom("payment_source_setups")
        .select(["status", "expires_at", "expired_at", "created_at"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    const eventsOf = async (api: Api, type: string, id: string) =>
      (await api.get("/v1/events?limit=100")).data.filter(
        (e: any) => e.type === type && e.data.id === id,
      );
    const sendStripe = (id: string, type: string, object: unknown) =>
      sendStripeEvent(server, stripeAccount, { id, type, object });
    /** A customer of `api` signed up, with a source when given, and a portal link for a week. */
    const customer = (api: Api, name: string, source?: Record<string, unknown>) =>
      customers.add(api, variant[api.key]!, name, {
        ...(source ? { source } : {}),
        validityMinutes: 10_080,
      });
    /** The customer's only payment and its invoice, after billing and one collection run. */
    const waitingPayment = async (api: Api, name: string) => {
      ids[`${name}Invoice`] = (await api.invoices(contracts[name]!))[0].id;
      const [payment] = (await api.get(`/v1/payments?customer_id=${ids[name]}&limit=10`)).data;
      expect(payment).toMatchObject({ status: "requires_action", amount: "30.00" });
      ids[`${name}Payment`] = payment.id;
      return payment;
    };

    beforeAll(async () => {
      const stripeBase = await stripe.start();
      const gcBase = await gc.start();
      server = await startTestServer(backend, { secretKey: "s".repeat(40) });
      variant = {};
      const tenants: Api[] = [];
      for (const name of [
        "Expiry via Stripe",
        "Expiry via the test gateway",
        "Expiry via GoCardless",
      ]) {
        const tenant = await monthlyTenant(server, name);
        variant[tenant.api.key] = tenant.variant;
        tenants.push(tenant.api);
      }
      [viaStripe, viaTest, viaGc] = tenants as [Api, Api, Api];
      stripeAccount = await connectAccount(viaStripe, "stripe", {
        secret_key: STRIPE_KEY,
        webhook_secret: WEBHOOK_SECRET,
        api_base: stripeBase,
      });
      await connectAccount(viaGc, "gocardless", {
        access_token: GC_TOKEN,
        webhook_secret: GC_SECRET,
        api_base: gcBase,
      });
      for (const name of ["ada", "bob", "cleo"]) {
        stripe.addCard(
          `pm_card_${name}`,
          { brand: "visa", last4: "3184", exp_month: 12, exp_year: 2030 },
          "authentication",
        );
        await customer(viaStripe, name, {
          type: "provider_token",
          provider_token: `pm_card_${name}`,
        });
      }
      await customer(viaStripe, "dora");
      await customer(viaStripe, "emil");
      await customer(viaTest, "finn", {
        type: "card",
        card: { number: "4000002760003184", exp_month: 12, exp_year: 2030 },
      });
      await customer(viaGc, "gus");
    });
    afterAll(async () => {
      await server?.close();
      await stripe.stop();
      await gc.stop();
    });

    it("a 3-D Secure payment left waiting past 24 hours is cancelled at Stripe and failed once", async () => {
      await viaStripe.run();
      expect(await collect()).toBe(3);
      for (const name of ["ada", "bob", "cleo"]) await waitingPayment(viaStripe, name);
      const intent = await intentOf(ids.adaPayment!);

      // a minute short of 24 hours: nothing expires
      await viaStripe.advance("2026-03-01T23:59:00Z");
      expect(await expire()).toBe(0);
      expect(stripe.sent(`POST /v1/payment_intents/${intent}/cancel`)).toHaveLength(0);

      // bob authenticated at the bank at the last moment; Stripe's event has not arrived
      const confirmed = await portal("bob", "POST", `/payments/${ids.bobPayment}/confirm`, "c_bob");
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      const bank = await fetch(confirmed.body.redirect_url, { redirect: "manual" });
      expect(bank.status).toBe(302);
      const bobBack = new URL(bank.headers.get("location")!);
      // cleo's payment is settled failed by Stripe's verdict first (her bank refused)
      const cleoIntent = await intentOf(ids.cleoPayment!);
      stripe.authenticationOutcome = "fail";
      const cleoConfirm = await portal(
        "cleo",
        "POST",
        `/payments/${ids.cleoPayment}/confirm`,
        "c_cleo",
      );
      await fetch(cleoConfirm.body.redirect_url, { redirect: "manual" });
      stripe.authenticationOutcome = "succeed";
      const verdict = await sendStripe(
        "evt_cleo_failed",
        "payment_intent.payment_failed",
        stripe.intent(cleoIntent),
      );
      expect(verdict.body).toMatchObject({ status: "applied", payment_id: ids.cleoPayment });

      await viaStripe.advance("2026-03-02T00:00:00Z");
      expect(await expire()).toBe(2);
      const [cancel] = stripe.sent(`POST /v1/payment_intents/${intent}/cancel`);
      expect(cancel!.params).toEqual({ cancellation_reason: "abandoned" });
      expect(cancel!.headers["idempotency-key"]).toBe(`expire_${ids.adaPayment}_${ids.adaPayment}`);
      expect(stripe.intent(intent).status).toBe("canceled");
      const ada = await viaStripe.get(`/v1/payments/${ids.adaPayment}`);
      expect(ada).toMatchObject({
        status: "failed",
        failure: {
          code: "authentication_expired",
          message:
            "the customer did not authenticate the payment within 24 hours; it was cancelled",
        },
        allocations: [],
      });
      expect(await eventsOf(viaStripe, "payment.failed", ids.adaPayment!)).toHaveLength(1);
      // bob's intent had succeeded: Stripe refuses the cancellation, the intent is read and paid
      const bobIntent = await intentOf(ids.bobPayment!);
      expect(stripe.sent(`POST /v1/payment_intents/${bobIntent}/cancel`)[0]!.answer!.status).toBe(
        400,
      );
      expect(await viaStripe.get(`/v1/payments/${ids.bobPayment}`)).toMatchObject({
        status: "succeeded",
        allocations: [{ invoice_id: ids.bobInvoice, amount: "30.00" }],
      });
      // bob's browser comes back from the bank after: paid, nothing asked of Stripe again
      const bobReturn = await comeBack(bobBack);
      expect(bobReturn.body).toContain("Payment confirmed");
      expect(stripe.sent(`GET /v1/payment_intents/${bobIntent}`)).toHaveLength(1);
      // cleo's was settled by Stripe's verdict: not cancelled, not failed again
      expect(stripe.sent(`POST /v1/payment_intents/${cleoIntent}/cancel`)).toHaveLength(0);
      expect(await viaStripe.get(`/v1/payments/${ids.cleoPayment}`)).toMatchObject({
        failure: { code: "payment_intent_authentication_failure" },
      });

      // the worker again, Stripe's own events after: nothing more
      expect(await expire()).toBe(0);
      expect(stripe.sent(`POST /v1/payment_intents/${intent}/cancel`)).toHaveLength(1);
      const late = await sendStripe(
        "evt_ada_late",
        "payment_intent.payment_failed",
        stripe.intent(intent),
      );
      expect(late.body).toMatchObject({ status: "ignored", payment_id: ids.adaPayment });
      const bobLate = await sendStripe(
        "evt_bob_late",
        "payment_intent.succeeded",
        stripe.intent(bobIntent),
      );
      expect(bobLate.body).toMatchObject({ status: "ignored", payment_id: ids.bobPayment });
      expect(await eventsOf(viaStripe, "payment.failed", ids.adaPayment!)).toHaveLength(1);
      expect(await eventsOf(viaStripe, "payment.succeeded", ids.bobPayment!)).toHaveLength(1);

      // collection settles the attempts and schedules ada's retry; dunning counts the failure
      expect(await collect()).toBe(3);
      expect(await viaStripe.get(`/v1/invoices/${ids.adaInvoice}/collection`)).toMatchObject({
        status: "retrying",
        next_attempt_at: "2026-03-05T00:00:00.000Z",
        attempts: [{ attempt: 1, status: "failed", settled_at: "2026-03-02T00:00:00.000Z" }],
      });
      expect(await viaStripe.get(`/v1/invoices/${ids.bobInvoice}/collection`)).toMatchObject({
        status: "succeeded",
      });
      expect(await failedPaymentsOf(server, ids.ada!)).toBe(1);
      // no payment waits any more: Pay now charges again (and waits for the customer again)
      const pay = await portal("ada", "POST", "/pay", "pay_ada");
      expect(pay.status, JSON.stringify(pay.body)).toBe(201);
      expect(pay.body.status).toBe("requires_action");
    });

    it("the return page after expiry says so, and leads back into the portal", async () => {
      // ada confirms the new payment; the bank's page is left, the link comes back too late
      const [, waiting] = (
        await viaStripe.get(`/v1/payments?customer_id=${ids.ada}&limit=10`)
      ).data.sort((a: any, b: any) => a.id.localeCompare(b.id));
      const confirmed = await portal("ada", "POST", `/payments/${waiting.id}/confirm`, "c_ada_2");
      expect(confirmed.status).toBe(200);
      const setCookie = confirmed.headers.get("set-cookie");
      expect(setCookie).toBe(
        `accrue_portal=${tokens.ada}; Path=/portal/payment_return/; Max-Age=86400; HttpOnly; SameSite=Lax`,
      );
      const returnUrl = stripe.sent(
        `POST /v1/payment_intents/${await intentOf(waiting.id)}/confirm`,
      )[0]!.params.return_url!;
      await viaStripe.advance("2026-03-03T00:00:00Z");
      expect(await expire()).toBe(1);
      const back = await comeBack(returnUrl, cookieOf(setCookie));
      expect(back.status).toBe(200);
      expect(back.body).toContain("Payment expired");
      expect(back.body).toContain(
        "Your payment of 30.00 EUR waited too long for your bank&#39;s confirmation and was cancelled; nothing was taken.",
      );
      expect(back.body).toContain(
        `<a id="portal-link" href="/portal/${tokens.ada}">Back to your subscription</a>`,
      );
      // the link it leads to opens the portal
      expect((await server.request("GET", `/portal/${tokens.ada}`, { key: null })).status).toBe(
        200,
      );
      // in another browser (no cookie): how to find the way back
      const elsewhere = await comeBack(returnUrl);
      expect(elsewhere.body).toContain("Payment expired");
      expect(elsewhere.body).not.toContain("portal-link");
      expect(elsewhere.body).toContain("open the link to it your provider sent you again");
      // the portal link revoked since: the page says to ask for a new one
      await viaStripe.post(`/v1/contracts/${contracts.ada}/portal_links/revoke`, {});
      const revoked = await comeBack(returnUrl, cookieOf(setCookie));
      expect(revoked.body).not.toContain("portal-link");
      expect(revoked.body).toContain(
        "Your link to your subscription has expired. Ask your provider for a new link",
      );
      // a forged return link with the cookie of a live link: refused, and the way back offered
      const forged = await comeBack(
        `http://127.0.0.1/portal/payment_return/not.a.token`,
        `accrue_portal=${tokens.bob}`,
      );
      expect(forged.status).toBe(404);
      expect(forged.body).toContain("This link has expired or is not valid");
      expect(forged.body).toContain(`href="/portal/${tokens.bob}"`);
    });

    it("the tenant's expiry is set with the dunning policy; the test gateway's payments expire too", async () => {
      const steps = [{ name: "reminder", after_days: 3 }];
      for (const bad of [0, 721, 1.5]) {
        const res = await viaTest.request("PUT", "/v1/dunning_policy", {
          steps,
          authentication_expiry_hours: bad,
        });
        expect([res.status, res.body.error.code]).toEqual([400, "validation_failed"]);
      }
      const set = await viaTest.request("PUT", "/v1/dunning_policy", {
        steps,
        authentication_expiry_hours: 2,
      });
      expect(set.body).toMatchObject({ authentication_expiry_hours: 2 });
      expect((await viaTest.get("/v1/dunning_policy")).authentication_expiry_hours).toBe(2);

      await viaTest.run();
      expect(await collect()).toBeGreaterThanOrEqual(1);
      await waitingPayment(viaTest, "finn");
      await viaTest.advance("2026-03-01T01:59:00Z");
      expect(await expire()).toBe(0);
      await viaTest.advance("2026-03-01T02:00:00Z");
      expect(await expire()).toBe(1);
      expect(await viaTest.get(`/v1/payments/${ids.finnPayment}`)).toMatchObject({
        status: "failed",
        failure: {
          code: "authentication_expired",
          message: "the customer did not authenticate the payment within 2 hours; it was cancelled",
        },
      });
      expect(await expire()).toBe(0);
      // a new charge waits again; the test gateway's "bank" authenticates it when confirmed
      const pay = await portal("finn", "POST", "/pay", "pay_finn");
      expect(pay.body.status).toBe("requires_action");
      const confirmed = await portal("finn", "POST", `/payments/${pay.body.id}/confirm`, "c_finn");
      expect(confirmed.body).toMatchObject({
        payment: { status: "succeeded" },
        redirect_url: null,
      });
    });

    it("a Checkout setup left unfinished expires after 24 hours; its return is refused", async () => {
      const opened = await portal("dora", "POST", "/payment_sources/setup", "setup_dora");
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      expect(opened.headers.get("set-cookie")).toBe(
        `accrue_portal=${tokens.dora}; Path=/portal/payment_method_return/; Max-Age=86400; HttpOnly; SameSite=Lax`,
      );
      const cookie = cookieOf(opened.headers.get("set-cookie"));
      const setupId = opened.body.setup_id as string;
      const sent = stripe.sent("POST /v1/checkout/sessions").at(-1)!;
      const session = (sent.answer!.body as { id: string }).id;
      const opening = await setupRow(setupId);
      expect(opening.status).toBe("open");
      expect(opening.expires_at.getTime() - opening.created_at.getTime()).toBe(24 * 3_600_000);

      // emil opens one too and finishes it on Stripe's page at the last moment, unannounced
      const emil = await portal("emil", "POST", "/payment_sources/setup", "setup_emil");
      const emilSession = (
        stripe.sent("POST /v1/checkout/sessions").at(-1)!.answer!.body as { id: string }
      ).id;
      stripe.completeCheckout(emilSession);

      // opened at 2026-03-03T00:00:00Z on the tenant's clock
      await viaStripe.advance("2026-03-03T23:59:00Z");
      expect(await expire()).toBe(0);
      await viaStripe.advance("2026-03-04T00:00:00Z");
      expect(await expire()).toBe(2);
      expect(stripe.sent(`POST /v1/checkout/sessions/${session}/expire`)).toHaveLength(1);
      expect(stripe.session(session).status).toBe("expired");
      const expired = await setupRow(setupId);
      expect(expired.status).toBe("expired");
      expect(expired.expired_at).toEqual(expired.expires_at);
      // emil's was complete: Stripe refused to expire it, and the card was kept
      expect(
        stripe.sent(`POST /v1/checkout/sessions/${emilSession}/expire`)[0]!.answer!.status,
      ).toBe(400);
      expect((await setupRow(emil.body.setup_id)).status).toBe("completed");
      const [kept] = (await viaStripe.get(`/v1/customers/${ids.emil}/payment_sources`)).data;
      expect(kept).toMatchObject({ role: "primary", card: { last4: "4242" } });
      expect(await expire()).toBe(0);

      // the customer comes back (saved, or cancelled) after: the expired-link page, and the way back
      for (const url of [sent.params.success_url!, sent.params.cancel_url!]) {
        const back = await comeBack(url, cookie);
        expect(back.status).toBe(410);
        expect(back.body).toContain("This link has expired or is not valid");
        expect(back.body).toContain(`href="/portal/${tokens.dora}"`);
      }
      expect(stripe.sent(`GET /v1/checkout/sessions/${session}`)).toHaveLength(0);
      // Stripe's event of a session completed anyway keeps nothing
      stripe.session(session).status = "complete";
      const event = await sendStripe(
        "evt_dora_late",
        "checkout.session.completed",
        stripe.session(session),
      );
      expect(event.body).toMatchObject({
        type: "setup.succeeded",
        status: "ignored",
        detail: `payment source setup ${setupId} is expired at the gateway`,
      });
      expect((await viaStripe.get(`/v1/customers/${ids.dora}/payment_sources`)).data).toEqual([]);
    });

    it("a return past the expiry before the worker ran expires the setup there", async () => {
      const opened = await portal("dora", "POST", "/payment_sources/setup", "setup_dora_2");
      const sent = stripe.sent("POST /v1/checkout/sessions").at(-1)!;
      const session = (sent.answer!.body as { id: string }).id;
      await viaStripe.advance("2026-03-05T01:00:00Z");
      const back = await comeBack(sent.params.success_url!);
      expect(back.status).toBe(410);
      expect(back.body).toContain("This link has expired or is not valid");
      expect(back.body).toContain("open the link to it your provider sent you again");
      expect(stripe.sent(`POST /v1/checkout/sessions/${session}/expire`)).toHaveLength(1);
      expect((await setupRow(opened.body.setup_id)).status).toBe("expired");
      expect(await expire()).toBe(0);
    });

    it("a Billing Request Flow left unfinished is cancelled at GoCardless and expired", async () => {
      const opened = await portal("gus", "POST", "/payment_sources/setup", "setup_gus");
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      const brq = gc.sent("POST /billing_requests").at(-1)!.answer!.body.billing_requests
        .id as string;
      const flow = gc.sent("POST /billing_request_flows").at(-1)!.answer!
        .body.billing_request_flows;
      await viaGc.advance("2026-03-02T00:00:00Z");
      expect(await expire()).toBe(1);
      expect(gc.sent(`POST /billing_requests/${brq}/actions/cancel`)).toHaveLength(1);
      expect(gc.billingRequest(brq).status).toBe("cancelled");
      expect((await setupRow(opened.body.setup_id)).status).toBe("expired");
      const back = await comeBack(flow.redirect_uri, cookieOf(opened.headers.get("set-cookie")));
      expect(back.status).toBe(410);
      expect(back.body).toContain(`href="/portal/${tokens.gus}"`);
      expect((await viaGc.get(`/v1/customers/${ids.gus}/payment_sources`)).data).toEqual([]);
    });

    it("the portal refuses to confirm a payment past its window: expired there, once, as the worker would", async () => {
      stripe.addCard(
        "pm_card_hana",
        { brand: "visa", last4: "3184", exp_month: 12, exp_year: 2030 },
        "authentication",
      );
      await customer(viaStripe, "hana", { type: "provider_token", provider_token: "pm_card_hana" });
      await viaStripe.run();
      const pay = await portal("hana", "POST", "/pay", "pay_hana");
      expect(pay.body).toMatchObject({ status: "requires_action", amount: "30.00" });
      ids.hanaPayment = pay.body.id;
      const intent = await intentOf(ids.hanaPayment!);
      const listed = async () =>
        (await portal("hana", "GET", "/payments")).body.payments_to_confirm;
      expect((await listed()).map((p: any) => p.id)).toEqual([ids.hanaPayment]);

      // charged at 2026-03-05T01:00:00Z: 24 hours later the worker has not run yet
      await viaStripe.advance("2026-03-06T01:00:00Z");
      const refused = await portal(
        "hana",
        "POST",
        `/payments/${ids.hanaPayment}/confirm`,
        "c_hana",
      );
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body.error).toMatchObject({
        code: "payment_authentication_expired",
        message:
          "the payment waited too long for the bank's confirmation and was cancelled; nothing was taken",
        details: {
          payment_id: ids.hanaPayment,
          failure: { code: "authentication_expired" },
        },
      });
      // Stripe was asked to cancel it, under the worker's key, and not to confirm it
      const cancels = () => stripe.sent(`POST /v1/payment_intents/${intent}/cancel`);
      expect(cancels()).toHaveLength(1);
      expect(cancels()[0]!.params).toEqual({ cancellation_reason: "abandoned" });
      expect(cancels()[0]!.headers["idempotency-key"]).toBe(
        `expire_${ids.hanaPayment}_${ids.hanaPayment}`,
      );
      expect(stripe.sent(`POST /v1/payment_intents/${intent}/confirm`)).toHaveLength(0);
      expect(stripe.intent(intent).status).toBe("canceled");
      expect(await viaStripe.get(`/v1/payments/${ids.hanaPayment}`)).toMatchObject({
        status: "failed",
        failure: {
          code: "authentication_expired",
          message:
            "the customer did not authenticate the payment within 24 hours; it was cancelled",
        },
        allocations: [],
      });
      expect(await listed()).toEqual([]);

      // the worker, the same request again and another confirmation: nothing more
      expect(await expire()).toBe(0);
      const replayed = await portal(
        "hana",
        "POST",
        `/payments/${ids.hanaPayment}/confirm`,
        "c_hana",
      );
      expect(replayed.status).toBe(422);
      expect(replayed.headers.get("idempotent-replayed")).toBe("true");
      expect(replayed.body.error.code).toBe("payment_authentication_expired");
      const again = await portal("hana", "POST", `/payments/${ids.hanaPayment}/confirm`, "c_h2");
      expect([again.status, again.body.error.code]).toEqual([
        422,
        "payment_authentication_expired",
      ]);
      expect(cancels()).toHaveLength(1);
      expect(await eventsOf(viaStripe, "payment.failed", ids.hanaPayment!)).toHaveLength(1);
      // nothing waits any more: Pay now charges again
      const payAgain = await portal("hana", "POST", "/pay", "pay_hana_2");
      expect([payAgain.status, payAgain.body.status]).toEqual([201, "requires_action"]);
    });

    it("the test gateway's payment past its window is refused in the portal and expired once", async () => {
      await customer(viaTest, "ida", {
        type: "card",
        card: { number: "4000002760003184", exp_month: 12, exp_year: 2030 },
      });
      await viaTest.run();
      const pay = await portal("ida", "POST", "/pay", "pay_ida");
      expect(pay.body).toMatchObject({ status: "requires_action" });
      // charged at 2026-03-01T02:00:00Z; the tenant allows 2 hours
      await viaTest.advance("2026-03-01T04:00:00Z");
      const refused = await portal("ida", "POST", `/payments/${pay.body.id}/confirm`, "c_ida");
      expect([refused.status, refused.body.error.code]).toEqual([
        422,
        "payment_authentication_expired",
      ]);
      expect(await viaTest.get(`/v1/payments/${pay.body.id}`)).toMatchObject({
        status: "failed",
        failure: {
          code: "authentication_expired",
          message: "the customer did not authenticate the payment within 2 hours; it was cancelled",
        },
      });
      expect(await eventsOf(viaTest, "payment.failed", pay.body.id)).toHaveLength(1);
      expect(await expire()).toBe(0);
      expect(await eventsOf(viaTest, "payment.failed", pay.body.id)).toHaveLength(1);
      // one the worker expired before the customer came is refused the same way
      const stale = await portal(
        "finn",
        "POST",
        `/payments/${ids.finnPayment}/confirm`,
        "c_finn_2",
      );
      expect([stale.status, stale.body.error.code]).toEqual([
        422,
        "payment_authentication_expired",
      ]);
    });
  });
}
