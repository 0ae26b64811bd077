/**
 * Adding a payment method on Stripe's hosted page (Checkout in setup mode) from the customer
 * portal, through a Stripe account (a local stand-in of Stripe's API,
 * test/fakes/stripe-server.ts), on both back ends, over HTTP:
 *
 * - a customer whose new sources go to the built-in test gateway keeps the card form;
 * - the portal opens a Checkout Session for the customer's Stripe Customer (created when it
 *   has none) with a signed return link; the browser saves a card on Stripe's page and comes
 *   back, and the card is kept as the customer's primary source from the session read back
 *   with its SetupIntent and PaymentMethod expanded;
 * - the return and Stripe's events (`checkout.session.completed`, `setup_intent.succeeded`),
 *   in either order and repeated, keep the payment method once;
 * - a cancelled return writes nothing; forged, expired and other links, and an event naming
 *   another customer's session, are refused.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signLinkToken } from "../../src/lib/signed-link.js";
import { signingKey } from "../../src/modules/invoicing/index.js";
import { FakeStripe } from "../fakes/stripe-server.js";
import { BACKENDS } from "../harness.js";
import * as world from "../payments/gateway-tenant.js";
import { startTestServer, type TestServer } from "../server.js";

const STRIPE_KEY = "sk_test_51AccrueSetup";
const WEBHOOK_SECRET = "whsec_AccrueSetupWebhook0123";
const SESSIONS = "POST /v1/checkout/sessions";

for (const backend of BACKENDS) {
  describe(`adding a payment method on Stripe's hosted page [${backend}]`, () => {
    const stripe = new FakeStripe();
    let server: TestServer;
    let api: world.Api;
    let account: world.GatewayAccount;
    let tenantId: string;
    let apiBase: string;
    const customers = world.portalCustomers(() => server);
    const { ids, portal } = customers;
    /** A Stripe event of `object` (the API version the client is pinned to). */
    const sendStripe = (id: string, type: string, object: unknown) =>
      world.sendStripeEvent(server, account, { id, type, object, apiVersion: "2026-11-18.endive" });
    /** The portal opens Stripe's page: the setup, its Checkout Session and what was sent. */
    const openSetup = async (name: string) => {
      const before = stripe.sent(SESSIONS).length;
      const opened = await portal(
        name,
        "POST",
        "/payment_sources/setup",
        `setup_${name}_${before}`,
      );
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      const sent = stripe.sent(SESSIONS)[before]!;
      const session = sent.answer!.body as { id: string; setup_intent: string; url: string };
      expect(opened.body).toEqual({
        setup_id: expect.stringMatching(/^pss_/),
        redirect_url: session.url,
      });
      return { setupId: opened.body.setup_id as string, session, sent };
    };
    const retrievals = (session: string) => stripe.sent(`GET /v1/checkout/sessions/${session}`);

    beforeAll(async () => {
      apiBase = await stripe.start();
      server = await startTestServer(backend, { secretKey: "s".repeat(40) });
      const tenant = await world.monthlyTenant(server, "Setup via Stripe");
      api = tenant.api;
      for (const name of ["ada", "bob", "cleo"]) await customers.add(api, tenant.variant, name);
      tenantId = (
        await server.db
          .selectFrom("customers")
          .select("tenant_id")
          .where("id", "=", ids.ada!)
          .executeTakeFirstOrThrow()
      ).tenant_id;
    });
    afterAll(async () => {
      await server?.close();
      await stripe.stop();
    });

    it("the test gateway keeps its card form; a Stripe account sends the customer to Stripe's page", async () => {
      const before = await portal("ada", "GET", "/payments");
      expect(before.body.source_entry).toBe("form");
      const refused = await portal("ada", "POST", "/payment_sources/setup", "setup_test");
      expect([refused.status, refused.body.error.code]).toEqual([
        422,
        "payment_source_setup_not_supported",
      ]);
      expect(stripe.requests).toHaveLength(0);

      account = await world.connectAccount(api, "stripe", {
        secret_key: STRIPE_KEY,
        webhook_secret: WEBHOOK_SECRET,
        api_base: apiBase,
      });
      expect((await portal("ada", "GET", "/payments")).body.source_entry).toBe("hosted_page");
    });

    it("the customer saves a card on Stripe's page and comes back: kept once, as the primary", async () => {
      const { setupId, session, sent } = await openSetup("ada");
      // the account's capabilities are read, and the customer's Stripe Customer created
      expect(stripe.sent("GET /v1/account")).toHaveLength(1);
      const [customer] = stripe.sent("POST /v1/customers");
      expect(customer!.params).toEqual({ "metadata[accrue_customer_id]": ids.ada });
      expect(customer!.headers["idempotency-key"]).toBe(`accrue_customer_${ids.ada}_${setupId}`);
      const stripeCustomer = (customer!.answer!.body as { id: string }).id;
      expect(sent.params).toEqual({
        mode: "setup",
        customer: stripeCustomer,
        "allowed_payment_method_types[0]": "card",
        success_url: expect.stringMatching(world.METHOD_RETURN_LINK),
        cancel_url: `${sent.params.success_url}?cancelled=true`,
        client_reference_id: setupId,
        "metadata[accrue_customer_id]": ids.ada,
        "metadata[accrue_setup_id]": setupId,
        "setup_intent_data[metadata][accrue_customer_id]": ids.ada,
        "setup_intent_data[metadata][accrue_setup_id]": setupId,
      });
      expect(sent.headers["idempotency-key"]).toMatch(new RegExp(`^idem_[\\w-]{43}_${setupId}$`));
      expect(await world.sourcesOf(api, ids.ada!)).toEqual([]);

      // the browser opens Stripe's page, saves the card and is sent back
      const page = await fetch(session.url);
      expect(await page.text()).toContain("Save card");
      const saved = await fetch(`${session.url}/save`, { method: "POST", redirect: "manual" });
      expect(saved.status).toBe(303);
      expect(saved.headers.get("location")).toBe(sent.params.success_url);

      const returned = await world.comeBack(server, saved.headers.get("location")!);
      expect(returned.status).toBe(200);
      expect(returned.body).toContain("Payment method added");
      expect(returned.body).toContain("Your visa card ending 4242 was added. It is your primary");
      const [retrieved] = retrievals(session.id);
      expect(retrieved!.params).toEqual({
        "expand[0]": "setup_intent",
        "expand[1]": "setup_intent.payment_method",
      });
      const pm = stripe.setupIntent(session.setup_intent).payment_method;
      const sources = await world.sourcesOf(api, ids.ada!);
      expect(sources).toEqual([
        expect.objectContaining({
          type: "card",
          gateway: "stripe",
          gateway_account_id: account.id,
          role: "primary",
          status: "valid",
          card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2031 },
        }),
      ]);
      expect(await world.keptReferences(server, sources[0].id)).toEqual({
        gateway_reference: pm,
        gateway_customer_reference: stripeCustomer,
      });

      // the browser reloads the page, Stripe's events arrive after: nothing more
      expect((await world.comeBack(server, sent.params.success_url!)).body).toContain(
        "Payment method added",
      );
      expect(retrievals(session.id)).toHaveLength(1);
      const completed = await sendStripe(
        "evt_ada_session",
        "checkout.session.completed",
        stripe.session(session.id),
      );
      expect(completed.body).toMatchObject({
        ...world.setupKeptAlready(setupId, sources[0].id),
        provider_type: "checkout.session.completed",
      });
      const succeeded = await sendStripe(
        "evt_ada_seti",
        "setup_intent.succeeded",
        stripe.setupIntent(session.setup_intent),
      );
      expect(succeeded.body).toMatchObject({ type: "setup.succeeded", status: "ignored" });
      expect(await world.sourceCounts(api, ids.ada!)).toEqual({ sources: 1, added: 1 });
      expect((await portal("ada", "GET", "/payments")).body.payment_sources).toEqual([
        {
          id: sources[0].id,
          type: "card",
          role: "primary",
          status: "valid",
          card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2031 },
          bank_account: null,
        },
      ]);

      // the card kept is charged off-session under the customer's Stripe Customer
      const charged = await api.post(`/v1/customers/${ids.ada}/authorize_payment`, {
        amount: "5.00",
        currency: "EUR",
      });
      expect(charged.status).toBe("authorized");
      const [intent] = stripe.sent("POST /v1/payment_intents");
      expect(intent!.params).toMatchObject({ customer: stripeCustomer, payment_method: pm });
    });

    it("Stripe's event arrives before the return: a second method kept once, with no role", async () => {
      stripe.sepaDebit = true;
      const { setupId, session, sent } = await openSetup("ada");
      // the Stripe Customer of the first card is used again, SEPA offered
      expect(stripe.sent("POST /v1/customers")).toHaveLength(1);
      expect(sent.params).toMatchObject({
        "allowed_payment_method_types[0]": "card",
        "allowed_payment_method_types[1]": "sepa_debit",
      });
      stripe.completeCheckout(session.id, {
        sepa_debit: { country: "DE", last4: "3000", name: "Ada Lovelace" },
      });
      const first = await sendStripe(
        "evt_ada_sepa_session",
        "checkout.session.completed",
        stripe.session(session.id),
      );
      const sources = await world.sourcesOf(api, ids.ada!);
      expect(sources).toHaveLength(2);
      const added = sources.find((s) => s.type === "bank_account")!;
      expect(first.body).toMatchObject(world.setupApplied(setupId, added.id));
      expect(added).toMatchObject({
        role: "none",
        bank_account: { country: "DE", last4: "3000", account_holder_name: "Ada Lovelace" },
      });
      // the same event delivered again, the SetupIntent's event and the return: nothing more
      const again = await sendStripe(
        "evt_ada_sepa_session",
        "checkout.session.completed",
        stripe.session(session.id),
      );
      expect(again.body.id).toBe(first.body.id);
      const intentEvent = await sendStripe(
        "evt_ada_sepa_seti",
        "setup_intent.succeeded",
        stripe.setupIntent(session.setup_intent),
      );
      expect(intentEvent.body.status).toBe("ignored");
      const returned = await world.comeBack(server, sent.params.success_url!);
      expect(returned.body).toContain("Your bank account ending 3000 was added.");
      expect(retrievals(session.id)).toHaveLength(1);
      expect(await world.sourceCounts(api, ids.ada!)).toEqual({ sources: 2, added: 2 });
      stripe.sepaDebit = false;
    });

    it("the SetupIntent's event alone keeps the method; the return then finds it kept", async () => {
      const { setupId, session, sent } = await openSetup("bob");
      stripe.completeCheckout(session.id);
      // Stripe out of reach while the session is read back: 503, nothing recorded, so Stripe
      // delivers the same event again
      stripe.failNext = 100;
      const unreachable = await sendStripe(
        "evt_bob_seti",
        "setup_intent.succeeded",
        stripe.setupIntent(session.setup_intent),
      );
      stripe.failNext = 0;
      expect(unreachable.status, JSON.stringify(unreachable.body)).toBe(503);
      expect(unreachable.body.error.code).toBe("gateway_unreachable");
      expect(await world.sourcesOf(api, ids.bob!)).toHaveLength(0);
      const applied = await sendStripe(
        "evt_bob_seti",
        "setup_intent.succeeded",
        stripe.setupIntent(session.setup_intent),
      );
      const [source] = await world.sourcesOf(api, ids.bob!);
      expect(applied.body).toMatchObject({
        ...world.setupApplied(setupId, source.id),
        provider_type: "setup_intent.succeeded",
      });
      expect(source).toMatchObject({ role: "primary", card: { last4: "4242" } });
      expect((await world.comeBack(server, sent.params.success_url!)).body).toContain(
        "Payment method added",
      );
      expect(await world.sourceCounts(api, ids.bob!)).toEqual({ sources: 1, added: 1 });
    });

    it("a cancelled return writes nothing; a return before Stripe saved anything neither", async () => {
      const { session, sent } = await openSetup("cleo");
      const page = await fetch(session.url);
      const html = await page.text();
      const cancel = /<a href="([^"]+)">Back<\/a>/.exec(html)![1]!;
      expect(cancel).toBe(sent.params.cancel_url);
      const cancelled = await world.comeBack(server, cancel);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toContain("No payment method added");
      expect(retrievals(session.id)).toHaveLength(0);
      // the success link while the session is still open: Stripe asked, nothing kept
      const early = await world.comeBack(server, sent.params.success_url!);
      expect(early.status).toBe(200);
      expect(early.body).toContain("Payment method not added yet");
      expect(retrievals(session.id)).toHaveLength(1);
      expect(await world.sourceCounts(api, ids.cleo!)).toEqual({ sources: 0, added: 0 });
      expect((await portal("cleo", "GET", "/payments")).body.payment_sources).toEqual([]);
    });

    it("refuses forged, expired and other links, and an event naming another customer's session", async () => {
      const forged = await server.request("GET", "/portal/payment_method_return/not.a.token", {
        key: null,
      });
      expect(forged.status).toBe(404);
      expect(forged.body).toContain("This link has expired or is not valid");

      const { setupId, session } = await openSetup("cleo");
      const key = await signingKey(server.db, tenantId, "payment_return");
      const link = (audience: string, expiresAt: Date, signWith = key) =>
        signLinkToken(
          signWith,
          { audience, what: "link" },
          { tenantId, subject: setupId, expiresAt },
        );
      const later = new Date(Date.now() + 3_600_000);
      // the 3-D Secure return link's audience, another key, a setup that is not there
      for (const token of [
        await link("accrue:payment-return", later),
        await link("accrue:payment-method-return", later, new Uint8Array(32).fill(7)),
        await signLinkToken(
          key,
          { audience: "accrue:payment-method-return", what: "link" },
          { tenantId, subject: "pss_unknown", expiresAt: later },
        ),
      ]) {
        const refused = await server.request("GET", `/portal/payment_method_return/${token}`, {
          key: null,
        });
        expect(refused.status).toBe(404);
      }
      const expired = await server.request(
        "GET",
        `/portal/payment_method_return/${await link("accrue:payment-method-return", new Date(Date.now() - 60_000))}`,
        { key: null },
      );
      expect(expired.status).toBe(410);

      // bob's completed session sent with cleo's setup: not cleo's, nothing kept
      stripe.completeCheckout(session.id);
      const bobSession = [...stripe.sent(SESSIONS)]
        .map((r) => r.answer!.body as any)
        .find((s) => s.metadata.accrue_customer_id === ids.bob)!;
      const foreign = await sendStripe("evt_foreign", "checkout.session.completed", {
        ...stripe.session(bobSession.id),
        metadata: { accrue_customer_id: ids.cleo, accrue_setup_id: setupId },
      });
      expect(foreign.body).toMatchObject({
        type: "setup.succeeded",
        status: "ignored",
        detail: `no payment source setup ${setupId} through this gateway account`,
      });
      expect(await world.sourcesOf(api, ids.cleo!)).toEqual([]);
      expect(retrievals(session.id)).toHaveLength(0);
    });
  });
}
