/**
 * Setting up a bank debit mandate on GoCardless's hosted Billing Request Flow from the customer
 * portal, through a GoCardless account (a local stand-in of GoCardless's API,
 * test/fakes/gocardless-server.ts, reached by the official client), on both back ends, over
 * HTTP:
 *
 * - the portal creates a Billing Request with a `mandate_request` in the contract's currency
 *   (GoCardless picks the scheme) for the customer's GoCardless customer — the one GoCardless
 *   creates with the request, claimed for the customer, or the one already known — then a
 *   Billing Request Flow whose `redirect_uri` is the signed return link and `exit_uri` the
 *   cancel link, and sends the browser to its `authorisation_url`;
 * - back from the flow, the Billing Request is read: fulfilled, its mandate
 *   (`links.mandate_request_mandate`) is kept as the customer's bank account, once;
 * - the return and GoCardless's `billing_requests` `fulfilled` event, in either order and
 *   repeated, keep the mandate once;
 * - a cancelled return writes nothing; an event of a Billing Request Accrue did not open, or
 *   naming another setup, keeps nothing.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGoCardless } from "../fakes/gocardless-server.js";
import type { Json } from "../fakes/provider-server.js";
import { BACKENDS } from "../harness.js";
import * as world from "../payments/gateway-tenant.js";
import { startTestServer, type TestServer } from "../server.js";

const GC_TOKEN = "sandbox_AccrueSetupToken";
const GC_SECRET = "gc_setup_webhook_secret";
const REQUESTS = "POST /billing_requests";
const FLOWS = "POST /billing_request_flows";

for (const backend of BACKENDS) {
  describe(`setting up a mandate on GoCardless's Billing Request Flow [${backend}]`, () => {
    const gc = new FakeGoCardless(GC_TOKEN);
    let server: TestServer;
    let api: world.Api;
    let account: world.GatewayAccount;
    let seq = 0;
    const customers = world.portalCustomers(() => server);
    const { ids, portal } = customers;
    const sendEvents = (events: Json[]) => world.sendGoCardlessEvents(server, account, events);
    const fulfilledEvent = (id: string, billingRequest: string, metadata?: Json) => ({
      id,
      created_at: "2026-03-01T00:00:00.000Z",
      resource_type: "billing_requests",
      action: "fulfilled",
      details: {
        origin: "payer",
        cause: "billing_request_fulfilled",
        description:
          "This billing request has been fulfilled, and the resources have been created.",
      },
      metadata: {},
      ...(metadata ? { resource_metadata: metadata } : {}),
      links: { billing_request: billingRequest },
    });
    /** The portal opens GoCardless's flow: the setup, its Billing Request and flow as sent. */
    const openSetup = async (name: string) => {
      const before = gc.sent(REQUESTS).length;
      const opened = await portal(name, "POST", "/payment_sources/setup", `setup_${name}_${++seq}`);
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      const request = gc.sent(REQUESTS)[before]!;
      const flow = gc.sent(FLOWS)[before]!;
      const brq = request.answer!.body.billing_requests as Json;
      const brf = flow.answer!.body.billing_request_flows as Json;
      expect(opened.body).toEqual({
        setup_id: expect.stringMatching(/^pss_/),
        redirect_url: brf.authorisation_url,
      });
      return { setupId: opened.body.setup_id as string, request, flow, brq, brf };
    };
    const readBacks = (brq: string) => gc.sent(`GET /billing_requests/${brq}`);

    beforeAll(async () => {
      const apiBase = await gc.start();
      server = await startTestServer(backend, { secretKey: "s".repeat(40) });
      const tenant = await world.monthlyTenant(server, "Setup via GoCardless");
      api = tenant.api;
      for (const name of ["ada", "bob"]) await customers.add(api, tenant.variant, name);
      account = await world.connectAccount(api, "gocardless", {
        access_token: GC_TOKEN,
        webhook_secret: GC_SECRET,
        api_base: apiBase,
      });
    });
    afterAll(async () => {
      await server?.close();
      await gc.stop();
    });

    it("the customer sets up a mandate on GoCardless's flow and comes back: kept once, as the primary", async () => {
      expect((await portal("ada", "GET", "/payments")).body.source_entry).toBe("hosted_page");
      const { setupId, request, flow, brq, brf } = await openSetup("ada");
      // a Billing Request in the contract's currency, no customer: GoCardless creates one
      expect(request.body).toEqual({
        billing_requests: {
          mandate_request: { currency: "EUR" },
          metadata: { accrue_customer_id: ids.ada, accrue_setup_id: setupId },
        },
      });
      expect(request.headers["idempotency-key"]).toMatch(
        new RegExp(`^idem_[\\w-]{43}_${setupId}$`),
      );
      const customer = brq.links.customer as string;
      // the new GoCardless customer is claimed for the Accrue customer
      expect(gc.sent(`GET /customers/${customer}`)).toHaveLength(1);
      const [claimed] = gc.sent(`PUT /customers/${customer}`);
      expect(claimed!.body).toEqual({ customers: { metadata: { accrue_customer_id: ids.ada } } });
      expect(flow.body).toEqual({
        billing_request_flows: {
          links: { billing_request: brq.id },
          redirect_uri: expect.stringMatching(world.METHOD_RETURN_LINK),
          exit_uri: `${flow.body!.billing_request_flows.redirect_uri}?cancelled=true`,
        },
      });
      expect(flow.headers["idempotency-key"]).toBe(`${request.headers["idempotency-key"]}_flow`);
      expect(await world.sourcesOf(api, ids.ada!)).toEqual([]);

      // the browser opens GoCardless's page, sets up the Direct Debit and is sent back
      const page = await fetch(brf.authorisation_url);
      expect(await page.text()).toContain("Set up Direct Debit");
      const done = await fetch(`${brf.authorisation_url}/complete`, {
        method: "POST",
        redirect: "manual",
      });
      expect(done.status).toBe(303);
      expect(done.headers.get("location")).toBe(brf.redirect_uri);

      const returned = await world.comeBack(server, done.headers.get("location")!);
      expect(returned.status).toBe(200);
      expect(returned.body).toContain("Payment method added");
      expect(returned.body).toContain(
        "Your bank account ending 00 was added. It is your primary payment method.",
      );
      expect(readBacks(brq.id)).toHaveLength(1);
      const mandate = gc.billingRequest(brq.id).links.mandate_request_mandate as string;
      expect(gc.sent(`GET /mandates/${mandate}`)).toHaveLength(1);
      const sources = await world.sourcesOf(api, ids.ada!);
      expect(sources).toEqual([
        expect.objectContaining({
          type: "bank_account",
          gateway: "gocardless",
          gateway_account_id: account.id,
          role: "primary",
          status: "valid",
          bank_account: { country: "DE", last4: "00", account_holder_name: "PAT PAYER" },
        }),
      ]);
      expect(await world.keptReferences(server, sources[0].id)).toEqual({
        gateway_reference: mandate,
        gateway_customer_reference: customer,
      });

      // the browser reloads the page, GoCardless's event arrives after: nothing more
      expect((await world.comeBack(server, brf.redirect_uri)).body).toContain(
        "Payment method added",
      );
      const [late] = await sendEvents([
        fulfilledEvent("EVADA01", brq.id, {
          accrue_customer_id: ids.ada,
          accrue_setup_id: setupId,
        }),
      ]);
      expect(late).toMatchObject({
        ...world.setupKeptAlready(setupId, sources[0].id),
        provider_type: "billing_requests.fulfilled",
      });
      expect(readBacks(brq.id)).toHaveLength(1);
      expect(await world.sourceCounts(api, ids.ada!)).toEqual({ sources: 1, added: 1 });
      expect((await portal("ada", "GET", "/payments")).body.payment_sources).toEqual([
        {
          id: sources[0].id,
          type: "bank_account",
          role: "primary",
          status: "valid",
          card: null,
          bank_account: { country: "DE", last4: "00", account_holder_name: "PAT PAYER" },
        },
      ]);
    });

    it("GoCardless's event arrives before the return: a second mandate kept once, with no role", async () => {
      const customer = (await world.sourcesOf(api, ids.ada!))[0].id;
      const { setupId, request, brq, brf } = await openSetup("ada");
      // the GoCardless customer of the first mandate is used again, not claimed again
      const known = gc.sent(REQUESTS)[0]!.answer!.body.billing_requests.links.customer;
      expect(request.body!.billing_requests.links).toEqual({ customer: known });
      expect(gc.sent(`PUT /customers/${known}`)).toHaveLength(1);
      const mandate = gc.fulfil(brq.id, { country: "FR", ending: "89", holder: "ADA LOVELACE" });
      // an event without the request's metadata: the Billing Request is read for it
      const first = await sendEvents([fulfilledEvent("EVADA02", brq.id)]);
      const sources = await world.sourcesOf(api, ids.ada!);
      expect(sources).toHaveLength(2);
      const added = sources.find((s) => s.id !== customer)!;
      expect(first).toEqual([expect.objectContaining(world.setupApplied(setupId, added.id))]);
      expect(added).toMatchObject({
        role: "none",
        bank_account: { country: "FR", last4: "89", account_holder_name: "ADA LOVELACE" },
      });
      expect(readBacks(brq.id)).toHaveLength(2);
      expect(gc.sent(`GET /mandates/${mandate}`)).toHaveLength(1);
      // the same event delivered again (read again to be verified, recorded once) and the
      // return (the setup completed: GoCardless is not asked): nothing more
      const again = await sendEvents([fulfilledEvent("EVADA02", brq.id)]);
      expect(again[0].id).toBe(first[0].id);
      expect(readBacks(brq.id)).toHaveLength(3);
      const returned = await world.comeBack(server, brf.redirect_uri);
      expect(returned.body).toContain("Your bank account ending 89 was added.");
      expect(readBacks(brq.id)).toHaveLength(3);
      expect(await world.sourceCounts(api, ids.ada!)).toEqual({ sources: 2, added: 2 });
    });

    it("a cancelled return writes nothing; a return before GoCardless fulfilled neither", async () => {
      const { brq, brf } = await openSetup("bob");
      const page = await fetch(brf.authorisation_url);
      const back = /<a href="([^"]+)">Back<\/a>/.exec(await page.text())![1]!;
      expect(back).toBe(brf.exit_uri);
      const cancelled = await world.comeBack(server, back);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toContain("No payment method added");
      expect(readBacks(brq.id)).toHaveLength(0);
      // the success link while the request is still pending: GoCardless asked, nothing kept
      const early = await world.comeBack(server, brf.redirect_uri);
      expect(early.status).toBe(200);
      expect(early.body).toContain("Payment method not added yet");
      expect(readBacks(brq.id)).toHaveLength(1);
      expect(await world.sourceCounts(api, ids.bob!)).toEqual({ sources: 0, added: 0 });
      expect((await portal("bob", "GET", "/payments")).body.payment_sources).toEqual([]);
      // fulfilled, but the mandate is cancelled by the time the customer is back: the link was
      // good, the mandate cannot be kept, and the page says so
      const mandate = gc.fulfil(brq.id);
      gc.mandates.get(mandate)!.status = "cancelled";
      const unusable = await world.comeBack(server, brf.redirect_uri);
      expect(unusable.status).toBe(422);
      expect(unusable.body).toContain("Payment method not added");
      expect(await world.sourcesOf(api, ids.bob!)).toEqual([]);
    });

    it("keeps nothing of a Billing Request Accrue did not open, or one naming another setup", async () => {
      const { setupId, brq } = await openSetup("bob");
      const events = await sendEvents([
        // a request made elsewhere (its metadata names no setup)
        fulfilledEvent("EVOTHER1", brq.id.replace(/\d$/, "9"), { order: "42" }),
        // bob's setup named with ada's Billing Request
        fulfilledEvent("EVOTHER2", gc.sent(REQUESTS)[0]!.answer!.body.billing_requests.id, {
          accrue_setup_id: setupId,
        }),
      ]);
      expect(events.map((e) => [e.type, e.status])).toEqual([
        ["unknown", "ignored"],
        ["setup.succeeded", "ignored"],
      ]);
      expect(events[1].detail).toBe(
        `no payment source setup ${setupId} through this gateway account`,
      );
      expect(readBacks(brq.id)).toHaveLength(0);
      expect(await world.sourcesOf(api, ids.bob!)).toEqual([]);
    });
  });
}
