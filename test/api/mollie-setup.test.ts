/**
 * Setting up a card or bank account on Mollie's checkout from the customer portal, through a
 * Mollie account (a local stand-in of Mollie's API, test/fakes/mollie-server.ts, reached by
 * the official client over HTTPS), on both back ends, over HTTP:
 *
 * - the portal creates the customer's Mollie customer when it has none (claimed in its
 *   metadata), then a first payment (`sequenceType: first`) of 0.01 in the contract's
 *   currency with the signed return link as `redirectUrl`, the cancel link as `cancelUrl`, the
 *   account's `webhookUrl` and the setup in its metadata, and sends the browser to its
 *   checkout;
 * - back from the checkout, the payment is read: paid, its mandate (`mandateId`) is read and
 *   kept as the customer's card or bank account, once; a second return adds nothing;
 * - Mollie's notice (`id=tr_…`, read back from Mollie) keeps it instead when it arrives first;
 * - a setup left unfinished expires: its payment is cancelled where Mollie allows it, else left
 *   as it stands; one paid at the last moment keeps its mandate;
 * - a cancelled return writes nothing; a payment cancelled on the checkout expires the setup;
 *   a first payment Accrue did not open keeps nothing.
 */
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentExpiryJob } from "../../src/jobs/payment-expiry.js";
import { trustLoopbackTls } from "../fakes/loopback-tls.js";
import { FakeMollie } from "../fakes/mollie-server.js";
import type { Json } from "../fakes/provider-server.js";
import { BACKENDS } from "../harness.js";
import {
  type Api,
  addedEvents as addedEventsOf,
  comeBack as backAt,
  connectMollie,
  keptReferences,
  type MollieAccount,
  monthlyTenant,
  portalCustomers,
  METHOD_RETURN_LINK as RETURN_LINK,
  sendMollieNotice,
  sourcesOf as sourcesOfCustomer,
} from "../payments/gateway-tenant.js";
import { startTestServer, type TestServer } from "../server.js";

const MOLLIE_KEY = "test_AccrueMollieSetupKey0123456789";
const PUBLIC_URL = "https://billing.example.com";
const PAYMENTS = "POST /v2/payments";
const CUSTOMERS = "POST /v2/customers";

for (const backend of BACKENDS) {
  describe(`setting up a payment method on Mollie's checkout [${backend}]`, () => {
    const mollie = new FakeMollie(MOLLIE_KEY);
    let untrust = () => {};
    let server: TestServer;
    let api: Api;
    let account: MollieAccount;
    let apiBase: string;
    /** A setup whose first payment failed at Mollie, still open here. */
    let failedSetup = "";
    let seq = 0;
    const customers = portalCustomers(() => server);
    const { ids, portal } = customers;
    const log = pino({ enabled: false });
    const expire = () => paymentExpiryJob().run({ db: server.db, log });

    /** The browser back at Accrue's return page. */
    const comeBack = (url: string) => backAt(server, url);
    /** Mollie's notice of a payment: the records Accrue made of what it read back. */
    const sendNotice = (paymentId: string): Promise<any[]> =>
      sendMollieNotice(server, account, paymentId);
    const sourcesOf = (name: string): Promise<any[]> => sourcesOfCustomer(api, ids[name]!);
    const addedEvents = (name: string): Promise<any[]> => addedEventsOf(api, ids[name]!);
    const kept = (sourceId: string) => keptReferences(server, sourceId);
    const setupRow = (id: string) =>
      server.db
        .selectFrom("payment_source_setups")
        .select(["status", "expires_at", "expired_at", "payment_source_id"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    const readBacks = (payment: string) => mollie.sent(`GET /v2/payments/${payment}`);

    /** The portal opens Mollie's checkout: the setup, the first payment as sent and answered. */
    const openSetup = async (name: string) => {
      const before = mollie.sent(PAYMENTS).length;
      const opened = await portal(name, "POST", "/payment_sources/setup", `setup_${name}_${++seq}`);
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      const sent = mollie.sent(PAYMENTS)[before]!;
      expect(sent.answer!.status).toBe(201);
      const payment = sent.answer!.body as Json;
      expect(opened.body).toEqual({
        setup_id: expect.stringMatching(/^pss_/),
        redirect_url: payment._links.checkout.href,
      });
      return { setupId: opened.body.setup_id as string, sent, payment };
    };

    beforeAll(async () => {
      untrust = trustLoopbackTls();
      apiBase = await mollie.start();
      server = await startTestServer(backend, { secretKey: "s".repeat(40) });
      const tenant = await monthlyTenant(server, "Setup via Mollie");
      api = tenant.api;
      for (const name of ["ada", "bob", "cleo", "dora"]) {
        await customers.add(api, tenant.variant, name, { validityMinutes: 10_080 });
      }
      expect((await portal("ada", "GET", "/payments")).body.source_entry).toBe("form");
      account = await connectMollie(api, {
        api_key: MOLLIE_KEY,
        public_url: PUBLIC_URL,
        api_base: apiBase,
      });
    });
    afterAll(async () => {
      await server?.close();
      await mollie.stop();
      untrust();
    });

    it("the customer pays Mollie's first payment by card and comes back: the mandate kept once, as the primary", async () => {
      expect((await portal("ada", "GET", "/payments")).body.source_entry).toBe("hosted_page");
      const { setupId, sent, payment } = await openSetup("ada");
      // no Mollie customer yet: one is made for the Accrue customer, keyed by the setup
      const [created] = mollie.sent(CUSTOMERS);
      expect(created!.body).toEqual({ metadata: { accrue_customer_id: ids.ada } });
      const key = sent.headers["idempotency-key"]!;
      expect(key).toMatch(new RegExp(`^idem_[\\w-]{43}_${setupId}$`));
      expect(created!.headers["idempotency-key"]).toBe(`${key}_customer`);
      const customer = created!.answer!.body.id as string;
      // the first payment: the smallest amount in the contract's currency, Mollie's checkout
      // coming back to the return link (or its cancel link), the account's webhook
      expect(sent.body).toEqual({
        amount: { currency: "EUR", value: "0.01" },
        description: `Payment method verification ${setupId}`,
        sequenceType: "first",
        customerId: customer,
        redirectUrl: expect.stringMatching(RETURN_LINK),
        cancelUrl: `${sent.body!.redirectUrl}?cancelled=true`,
        webhookUrl: `${PUBLIC_URL}/v1/gateways/${account.id}/events`,
        metadata: { accrue_customer_id: ids.ada, accrue_setup_id: setupId },
      });
      expect(await sourcesOf("ada")).toEqual([]);

      // the browser opens Mollie's checkout, pays by card and is sent back
      const page = await fetch(payment._links.checkout.href);
      expect(await page.text()).toContain("Pay EUR 0.01");
      const paid = await fetch(`${payment._links.checkout.href}/creditcard`, {
        method: "POST",
        redirect: "manual",
      });
      expect(paid.status).toBe(303);
      expect(paid.headers.get("location")).toBe(sent.body!.redirectUrl);

      const returned = await comeBack(paid.headers.get("location")!);
      expect(returned.status).toBe(200);
      expect(returned.body).toContain("Payment method added");
      expect(returned.body).toContain(
        "Your mastercard card ending 6787 was added. It is your primary payment method.",
      );
      expect(readBacks(payment.id)).toHaveLength(1);
      const mandate = mollie.payments.get(payment.id)!.mandateId as string;
      expect(mollie.sent(`GET /v2/customers/${customer}/mandates/${mandate}`)).toHaveLength(1);
      const sources = await sourcesOf("ada");
      expect(sources).toEqual([
        expect.objectContaining({
          type: "card",
          gateway: "mollie",
          gateway_account_id: account.id,
          role: "primary",
          status: "valid",
          card: expect.objectContaining({
            brand: "mastercard",
            last4: "6787",
            exp_month: 12,
            exp_year: 2030,
          }),
        }),
      ]);
      expect(await kept(sources[0].id)).toEqual({
        gateway_reference: mandate,
        gateway_customer_reference: customer,
      });
      expect((await setupRow(setupId)).payment_source_id).toBe(sources[0].id);
      // the verification payment is not refunded
      expect(mollie.requests.filter((r) => r.path.endsWith("/refunds"))).toEqual([]);

      // the browser reloads the page, Mollie's notice arrives after: nothing more
      const again = await comeBack(sent.body!.redirectUrl);
      expect(again.body).toContain("Your mastercard card ending 6787 was added.");
      expect(readBacks(payment.id)).toHaveLength(1);
      const [late] = await sendNotice(payment.id);
      expect(late).toMatchObject({
        type: "setup.succeeded",
        provider_type: "payment.paid",
        provider_event_id: `${payment.id}.paid`,
        status: "ignored",
        detail: `payment source setup ${setupId} added payment source ${sources[0].id} already`,
      });
      // read once to verify the notice, not again to complete the setup
      expect(readBacks(payment.id)).toHaveLength(2);
      expect(await sourcesOf("ada")).toHaveLength(1);
      expect(await addedEvents("ada")).toHaveLength(1);
    });

    it("Mollie's notice arrives before the return: an iDEAL bank account kept once, with no role", async () => {
      const primary = (await sourcesOf("ada"))[0].id;
      const customer = mollie.sent(CUSTOMERS)[0]!.answer!.body.id as string;
      const { setupId, sent, payment } = await openSetup("ada");
      // the Mollie customer of the first card is used again: none is created
      expect(mollie.sent(CUSTOMERS)).toHaveLength(1);
      expect(sent.body!.customerId).toBe(customer);
      const mandate = mollie.pay(payment.id, "ideal");
      const first = await sendNotice(payment.id);
      const sources = await sourcesOf("ada");
      expect(sources).toHaveLength(2);
      const added = sources.find((s) => s.id !== primary)!;
      expect(first).toEqual([
        expect.objectContaining({
          type: "setup.succeeded",
          status: "applied",
          payment_id: null,
          detail: `payment source ${added.id} added (setup ${setupId})`,
        }),
      ]);
      expect(added).toMatchObject({
        type: "bank_account",
        role: "none",
        bank_account: { country: "NL", last4: "0000", account_holder_name: "Pat Payer" },
      });
      expect((await kept(added.id)).gateway_reference).toBe(mandate);
      // verified, then read again to complete the setup
      expect(readBacks(payment.id)).toHaveLength(2);
      // the same notice again (read again to be verified, recorded once), then the return
      // (the setup completed: Mollie is not asked): nothing more
      const repeated = await sendNotice(payment.id);
      expect(repeated[0].id).toBe(first[0].id);
      expect(readBacks(payment.id)).toHaveLength(3);
      const returned = await comeBack(sent.body!.redirectUrl);
      expect(returned.body).toContain("Your bank account ending 0000 was added.");
      expect(readBacks(payment.id)).toHaveLength(3);
      expect(await sourcesOf("ada")).toHaveLength(2);
      expect(await addedEvents("ada")).toHaveLength(2);
    });

    it("a cancelled return writes nothing; an open payment keeps nothing; one cancelled on the checkout expires the setup", async () => {
      const { setupId, sent, payment } = await openSetup("bob");
      const page = await (await fetch(payment._links.checkout.href)).text();
      const cancelLink = /<a href="([^"]+)">Cancel<\/a>/.exec(page)![1]!;
      // the success link while the payment is still open: Mollie asked, nothing kept
      const early = await comeBack(sent.body!.redirectUrl);
      expect(early.status).toBe(200);
      expect(early.body).toContain("Payment method not added yet");
      expect(readBacks(payment.id)).toHaveLength(1);
      // the customer cancels on Mollie's checkout: back at the cancel link, nothing asked
      const cancelled = await fetch(new URL(cancelLink, payment._links.checkout.href), {
        redirect: "manual",
      });
      expect(cancelled.headers.get("location")).toBe(sent.body!.cancelUrl);
      const back = await comeBack(sent.body!.cancelUrl);
      expect(back.status).toBe(200);
      expect(back.body).toContain("No payment method added");
      expect(readBacks(payment.id)).toHaveLength(1);
      // the success link after: Mollie says canceled, the payment can no longer be paid
      const after = await comeBack(sent.body!.redirectUrl);
      expect(after.status).toBe(410);
      expect((await setupRow(setupId)).status).toBe("expired");
      expect(await sourcesOf("bob")).toEqual([]);
    });

    it("keeps nothing of a first payment Accrue did not open", async () => {
      const { setupId, payment } = await openSetup("bob");
      // a first payment made elsewhere for the same Mollie customer, paid
      const created = await fetch(`${apiBase}/v2/payments`, {
        method: "POST",
        headers: { authorization: `Bearer ${MOLLIE_KEY}`, "content-type": "application/json" },
        body: JSON.stringify({
          ...mollie.sent(PAYMENTS).at(-1)!.body,
          description: "Order 42",
          metadata: { order: "42" },
        }),
      });
      expect(created.status).toBe(201);
      const elsewhere = (await created.json()) as Json;
      mollie.pay(elsewhere.id);
      // read as a charge, which no payment of Accrue's is: nothing kept
      const [record] = await sendNotice(elsewhere.id);
      expect(record).toMatchObject({
        type: "charge.succeeded",
        status: "ignored",
        detail: `no payment through this gateway has the charge ${elsewhere.id}`,
      });
      // a failed first payment of a setup: recorded, nothing kept
      mollie.settle(payment.id, "failed");
      const [failed] = await sendNotice(payment.id);
      expect(failed).toMatchObject({
        type: "unknown",
        provider_type: "payment.failed",
        status: "ignored",
      });
      expect(failed.detail).toContain(setupId);
      expect(await sourcesOf("bob")).toEqual([]);
      failedSetup = setupId;
    });

    it("a setup left unfinished expires: its payment cancelled where Mollie allows it, kept open otherwise", async () => {
      const cancelable = await openSetup("cleo");
      const stuck = await openSetup("dora");
      // Mollie will not cancel dora's payment (as for an open card payment)
      mollie.payments.get(stuck.payment.id)!.isCancelable = false;
      // and cleo's second setup is paid at the last moment, unannounced
      const late = await openSetup("cleo");
      const mandate = mollie.pay(late.payment.id);

      await api.advance("2026-03-01T23:59:00Z");
      expect(await expire()).toBe(0);
      await api.advance("2026-03-02T00:00:00Z");
      // cleo's, dora's, cleo's paid one, and bob's whose first payment failed
      expect(await expire()).toBe(4);
      expect((await setupRow(failedSetup)).status).toBe("expired");
      // the cancelable one is cancelled, under the setup's key
      const [cancel] = mollie.sent(`DELETE /v2/payments/${cancelable.payment.id}`);
      expect(cancel!.headers["idempotency-key"]).toBe(`expire_${cancelable.setupId}`);
      expect(cancel!.answer!.status).toBe(200);
      expect(mollie.payments.get(cancelable.payment.id)!.status).toBe("canceled");
      expect((await setupRow(cancelable.setupId)).status).toBe("expired");
      // the other is left to Mollie: not cancelled, and since it may still be paid (taking the
      // verification amount and making a mandate) the setup stays open, tried again each run
      expect(mollie.sent(`DELETE /v2/payments/${stuck.payment.id}`)).toHaveLength(0);
      expect(mollie.payments.get(stuck.payment.id)!.status).toBe("open");
      expect((await setupRow(stuck.setupId)).status).toBe("open");
      // the paid one keeps its mandate
      expect(mollie.sent(`DELETE /v2/payments/${late.payment.id}`)).toHaveLength(0);
      expect((await setupRow(late.setupId)).status).toBe("completed");
      const [source] = await sourcesOf("cleo");
      expect(source).toMatchObject({
        role: "primary",
        card: expect.objectContaining({ last4: "6787" }),
      });
      expect((await kept(source.id)).gateway_reference).toBe(mandate);
      // only the one Mollie would not cancel is tried again
      expect(await expire()).toBe(1);
      expect((await setupRow(stuck.setupId)).status).toBe("open");

      // an expired setup keeps nothing: its return is refused
      expect((await comeBack(cancelable.sent.body!.redirectUrl)).status).toBe(410);
      // the one kept open is paid after all: its mandate is kept, once
      const paidLate = mollie.pay(stuck.payment.id);
      const [applied] = await sendNotice(stuck.payment.id);
      expect(applied).toMatchObject({ type: "setup.succeeded" });
      expect((await setupRow(stuck.setupId)).status).toBe("completed");
      const [doras] = await sourcesOf("dora");
      expect((await kept(doras.id)).gateway_reference).toBe(paidLate);
      expect(await expire()).toBe(0);
    });
  });
}
