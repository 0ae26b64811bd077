/**
 * A 3-D Secure payment past the tenant's `authentication_expiry_hours`, on both back ends,
 * over HTTP against the local stand-in of Stripe's API (test/fakes/stripe-server.ts), with the
 * worker's jobs run by hand on the tenant's test clock:
 *
 * - the customer's browser comes back from the bank's page after the window: the return page
 *   expires the payment there, as the worker and the portal's confirmation would (one
 *   cancellation at Stripe under the worker's key), and says "Payment expired"; the worker
 *   after finds nothing to do;
 * - Stripe no longer knows the intent (404 `resource_missing`): the payment fails
 *   (`authentication_expired`) and the cancellation is not asked again;
 * - Stripe refuses the cancellation as an invalid request while the intent still waits: the
 *   payment fails all the same, the refusal is logged, and it is not asked again; an intent
 *   that succeeded meanwhile is read back and recorded paid.
 */

import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectionJob } from "../../src/jobs/collection.js";
import { paymentExpiryJob } from "../../src/jobs/payment-expiry.js";
import { FakeStripe } from "../fakes/stripe-server.js";
import { BACKENDS } from "../harness.js";
import {
  type Api,
  comeBack as backAt,
  connectAccount,
  cookieOf,
  type GatewayAccount,
  gatewayReferenceOf,
  monthlyTenant,
  portalCustomers,
  sendStripeEvent,
} from "../payments/gateway-tenant.js";
import { startTestServer, type TestServer } from "../server.js";

const NAMES = ["ann", "ben", "cai", "dan"] as const;

for (const backend of BACKENDS) {
  describe(`expired payments Stripe will not cancel, and the return after the window [${backend}]`, () => {
    const stripe = new FakeStripe();
    let server: TestServer;
    let api: Api;
    const customers = portalCustomers(() => server);
    const { ids, tokens, portal } = customers;
    /** What the worker logged at warn and above, as JSON lines. */
    const logged: Record<string, unknown>[] = [];
    const log = pino(
      { level: "warn" },
      new Writable({
        write(line, _encoding, done) {
          logged.push(JSON.parse(String(line)));
          done();
        },
      }),
    );
    const expire = () => paymentExpiryJob().run({ db: server.db, log });
    const collect = () => collectionJob().run({ db: server.db, log });
    const intents: Record<string, string> = {};
    let account: GatewayAccount;
    const cancels = (name: string) =>
      stripe.sent(`POST /v1/payment_intents/${intents[name]}/cancel`);
    const reads = (name: string) => stripe.sent(`GET /v1/payment_intents/${intents[name]}`);
    const failedEvents = async (paymentId: string) =>
      (await api.get("/v1/events?limit=100")).data.filter(
        (e: any) => e.type === "payment.failed" && e.data.id === paymentId,
      );

    beforeAll(async () => {
      const stripeBase = await stripe.start();
      server = await startTestServer(backend, { secretKey: "s".repeat(40) });
      const tenant = await monthlyTenant(server, "Expiry refusals via Stripe");
      api = tenant.api;
      account = await connectAccount(api, "stripe", {
        secret_key: "sk_test_51AccrueRefusals",
        webhook_secret: "whsec_AccrueRefusalsWebhook01",
        api_base: stripeBase,
      });
      for (const name of NAMES) {
        stripe.addCard(
          `pm_card_${name}`,
          { brand: "visa", last4: "3184", exp_month: 12, exp_year: 2030 },
          "authentication",
        );
        await customers.add(api, tenant.variant, name, {
          source: { type: "provider_token", provider_token: `pm_card_${name}` },
          validityMinutes: 10_080,
        });
      }
      await api.run();
      expect(await collect()).toBe(NAMES.length);
      for (const name of NAMES) {
        const [payment] = (await api.get(`/v1/payments?customer_id=${ids[name]}&limit=10`)).data;
        expect(payment).toMatchObject({ status: "requires_action", amount: "30.00" });
        ids[`${name}Payment`] = payment.id;
        intents[name] = await gatewayReferenceOf(server, payment.id);
      }
    });
    afterAll(async () => {
      await server?.close();
      await stripe.stop();
    });

    it("the return page after the window expires the payment there, once, under the worker's key", async () => {
      const payment = ids.caiPayment!;
      const confirmed = await portal("cai", "POST", `/payments/${payment}/confirm`, "c_cai");
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      expect(confirmed.body.redirect_url).toEqual(expect.any(String));
      const cookie = cookieOf(confirmed.headers.get("set-cookie"));
      const returnUrl = stripe.sent(`POST /v1/payment_intents/${intents.cai}/confirm`)[0]!.params
        .return_url!;

      // back a minute before the window ends: Stripe is asked, the payment still waits
      await api.advance("2026-03-01T23:59:00Z");
      const early = await backAt(server, returnUrl, cookie);
      expect(early.status).toBe(200);
      expect(early.body).toContain("Payment not confirmed yet");
      expect(reads("cai")).toHaveLength(1);
      expect(cancels("cai")).toHaveLength(0);

      // the customer left the bank's page open past the window; the worker has not run yet
      await api.advance("2026-03-02T00:00:00Z");
      const back = await backAt(server, returnUrl, cookie);
      expect(back.status).toBe(200);
      expect(back.body).toContain("Payment expired");
      expect(back.body).toContain(
        "Your payment of 30.00 EUR waited too long for your bank&#39;s confirmation and was cancelled; nothing was taken.",
      );
      expect(back.body).toContain(
        `<a id="portal-link" href="/portal/${tokens.cai}">Back to your subscription</a>`,
      );
      const [cancel] = cancels("cai");
      expect(cancel!.params).toEqual({ cancellation_reason: "abandoned" });
      expect(cancel!.headers["idempotency-key"]).toBe(`expire_${payment}_${payment}`);
      expect(stripe.intent(intents.cai!).status).toBe("canceled");
      // expired, not read: the intent was not asked how it went
      expect(reads("cai")).toHaveLength(1);
      expect(await api.get(`/v1/payments/${payment}`)).toMatchObject({
        status: "failed",
        failure: {
          code: "authentication_expired",
          message:
            "the customer did not authenticate the payment within 24 hours; it was cancelled",
        },
        allocations: [],
      });
      expect(await failedEvents(payment)).toHaveLength(1);

      // reloaded: the same page, nothing asked of Stripe again
      const again = await backAt(server, returnUrl, cookie);
      expect(again.body).toContain("Payment expired");
      expect(cancels("cai")).toHaveLength(1);
      expect(reads("cai")).toHaveLength(1);
      // the portal's confirmation after: refused as expired, nothing more at Stripe
      const late = await portal("cai", "POST", `/payments/${payment}/confirm`, "c_cai_late");
      expect([late.status, late.body.error?.code]).toEqual([422, "payment_authentication_expired"]);
      expect(cancels("cai")).toHaveLength(1);
      expect(await failedEvents(payment)).toHaveLength(1);
    });

    it("an intent Stripe does not know, or will not cancel, fails the payment once; not asked again", async () => {
      // ann's intent is gone at Stripe; ben's and dan's cancellations are refused as invalid
      // requests; dan authenticated at the last moment, and Stripe's event has not arrived
      stripe.forget(intents.ann!);
      const refusal = {
        code: "parameter_unknown",
        message: "Received unknown parameter: cancellation_reason",
      };
      stripe.cancelRefusals.set(intents.ben!, refusal);
      stripe.cancelRefusals.set(intents.dan!, refusal);
      stripe.settle(intents.dan!, "succeeded");

      // cai's payment was expired by its return page already
      expect(await expire()).toBe(3);
      expect(cancels("cai")).toHaveLength(1);

      expect(cancels("ann").map((c) => c.answer!.status)).toEqual([404]);
      expect(await api.get(`/v1/payments/${ids.annPayment}`)).toMatchObject({
        status: "failed",
        failure: {
          code: "authentication_expired",
          message: `the customer did not authenticate the payment within 24 hours; Stripe has no payment intent ${intents.ann}; nothing can be taken`,
        },
        allocations: [],
      });

      expect(cancels("ben").map((c) => c.answer!.status)).toEqual([400]);
      // read back after the refusal: still waiting at Stripe
      expect(reads("ben")).toHaveLength(1);
      expect(stripe.intent(intents.ben!).status).not.toBe("canceled");
      expect(await api.get(`/v1/payments/${ids.benPayment}`)).toMatchObject({
        status: "failed",
        failure: {
          code: "authentication_expired",
          message:
            "the customer did not authenticate the payment within 24 hours; the gateway refused to cancel it (parameter_unknown: Received unknown parameter: cancellation_reason)",
        },
      });
      const warnings = logged.filter((l) => l.payment_id === ids.benPayment);
      expect(warnings).toEqual([
        expect.objectContaining({
          level: 40,
          gateway_reference: intents.ben,
          code: "parameter_unknown",
          err: "Received unknown parameter: cancellation_reason",
        }),
      ]);
      // nothing else was logged: no refusal left to be tried again
      expect(logged.filter((l) => l.payment_id !== ids.benPayment)).toEqual([]);

      // dan's intent succeeded first: read back after the refusal and recorded paid
      expect(cancels("dan").map((c) => c.answer!.status)).toEqual([400]);
      expect(await api.get(`/v1/payments/${ids.danPayment}`)).toMatchObject({
        status: "succeeded",
        allocations: [{ amount: "30.00" }],
      });

      // the worker again, a minute later: nothing is asked of Stripe again
      await api.advance("2026-03-02T00:01:00Z");
      expect(await expire()).toBe(0);
      for (const name of NAMES) expect(cancels(name)).toHaveLength(1);
      for (const name of ["ann", "ben"]) {
        expect(await failedEvents(ids[`${name}Payment`]!)).toHaveLength(1);
      }
      expect(logged.filter((l) => l.payment_id === ids.benPayment)).toHaveLength(1);
      // collection settles the attempts as any failed charge: retries scheduled, dan paid
      expect(await collect()).toBe(NAMES.length);
      for (const name of ["ann", "ben", "cai"]) {
        const [invoice] = await api.invoices(customers.contracts[name]!);
        expect(await api.get(`/v1/invoices/${invoice.id}/collection`)).toMatchObject({
          status: "retrying",
          attempts: [{ attempt: 1, status: "failed" }],
        });
      }
    });

    it("a payment recorded failed that Stripe says succeeded after all is recorded paid", async () => {
      // ben's cancellation was refused and the intent kept waiting: ben authenticates after all
      stripe.settle(intents.ben!, "succeeded");
      const late = await sendStripeEvent(server, account, {
        id: "evt_ben_late_success",
        type: "payment_intent.succeeded",
        object: stripe.intent(intents.ben!),
      });
      expect(late.status, JSON.stringify(late.body)).toBe(200);
      expect(late.body).toMatchObject({ status: "applied", payment_id: ids.benPayment });
      const [invoice] = await api.invoices(customers.contracts.ben!);
      expect(await api.get(`/v1/payments/${ids.benPayment}`)).toMatchObject({
        status: "succeeded",
        failure: null,
        allocations: [{ invoice_id: invoice.id, amount: "30.00" }],
      });
      const succeeded = (await api.get("/v1/events?limit=100")).data.filter(
        (e: any) => e.type === "payment.succeeded" && e.data.id === ids.benPayment,
      );
      expect(succeeded).toHaveLength(1);
      // the same event again changes nothing
      const again = await sendStripeEvent(server, account, {
        id: "evt_ben_late_success",
        type: "payment_intent.succeeded",
        object: stripe.intent(intents.ben!),
      });
      expect(again.status).toBe(200);
      expect(await api.get(`/v1/payments/${ids.benPayment}`)).toMatchObject({
        status: "succeeded",
        allocations: [{ amount: "30.00" }],
      });
      // collection finds the invoice paid: no retry charges it again
      await api.advance("2026-03-05T00:00:00Z");
      await collect();
      expect(stripe.sent("POST /v1/payment_intents").length).toBe(NAMES.length);
    });
  });
}
