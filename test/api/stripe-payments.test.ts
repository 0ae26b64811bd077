/**
 * Payments through a Stripe account over HTTP, on both back ends, against a local stand-in of
 * Stripe's API (test/fakes/stripe-server.ts): a tenant connects its Stripe account, adds
 * customers' cards and a SEPA account by Stripe PaymentMethod ids, and collects invoices
 * through them — succeeded, declined with Stripe's decline code, pending for the SEPA debit
 * until a sync reads it succeeded — and a refund goes back through Stripe naming the
 * PaymentIntent. A Stripe outage records nothing and is answered 503 to retry.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { FakeStripe } from "../fakes/stripe-server.js";
import { BACKENDS } from "../harness.js";
import { startTestServer, type TestServer } from "../server.js";

const SECRET_KEY = "s".repeat(40);
const STRIPE_KEY = "sk_test_51AccrueApiTest";

for (const backend of BACKENDS) {
  describe(`payments through Stripe [${backend}]`, () => {
    const stripe = new FakeStripe();
    let server: TestServer;
    let api: Awaited<ReturnType<typeof billingTenant>>;
    const ids: Record<string, string> = {};
    const invoices: Record<string, string> = {};

    const refused = async (method: string, url: string, body?: unknown) => {
      const res = await api.request(method, url, body);
      return [res.status, res.body?.error?.code];
    };
    const due = async (customer: string) =>
      (await api.get(`/v1/customers/${customer}/balance`)).open_invoices.map((i: any) => i.due);
    const paymentsOf = async (customer: string) =>
      (await api.get(`/v1/payments?customer_id=${customer}&limit=100`)).data as any[];
    const addSource = (customer: string, token: string) =>
      api.post(`/v1/customers/${customer}/payment_sources`, {
        type: "provider_token",
        provider_token: token,
      });

    beforeAll(async () => {
      const apiBase = await stripe.start();
      ids.apiBase = apiBase;
      stripe.addCard("pm_card_visa", {
        brand: "visa",
        last4: "4242",
        exp_month: 12,
        exp_year: 2030,
      });
      stripe.addCard(
        "pm_card_chargeDeclinedInsufficientFunds",
        { brand: "mastercard", last4: "9995", exp_month: 8, exp_year: 2031 },
        "decline",
      );
      stripe.addSepaDebit("pm_sepa_debit_DE", { country: "DE", last4: "3000", name: "Cleo Debit" });
      server = await startTestServer(backend, { secretKey: SECRET_KEY });
      api = await billingTenant(server, "Stripe payments", "2026-03-01T00:00:00Z");
      const { plan } = await api.plan();
      const variant = await api.variant(plan, {
        internal_name: "S",
        recurring_fee: "30",
        fee_period: { unit: "month", count: 1 },
      });
      for (const name of ["ada", "bob", "cleo", "dan"]) ids[name] = await api.customer();
      for (const name of ["ada", "bob", "cleo"])
        ids[`${name}Contract`] = await api.signup(ids[name]!, variant);
      await api.run();
      for (const name of ["ada", "bob", "cleo"]) {
        invoices[name] = (await api.invoices(ids[`${name}Contract`]!))[0].id;
      }
    });
    afterAll(async () => {
      await server?.close();
      await stripe.stop();
    });

    it("connects a Stripe account in test mode; refuses credentials it would not take", async () => {
      expect(
        await refused("POST", "/v1/gateway_accounts", {
          gateway: "stripe",
          name: "Stripe",
          credentials: { secret_key: STRIPE_KEY, api_base: "https://api.example.com" },
        }),
      ).toEqual([422, "invalid_gateway_credentials"]);
      expect(
        await refused("POST", "/v1/gateway_accounts", {
          gateway: "stripe",
          name: "Stripe",
          credentials: { secret_key: "pk_test_publishable" },
        }),
      ).toEqual([422, "invalid_gateway_credentials"]);
      const account = await api.post("/v1/gateway_accounts", {
        gateway: "stripe",
        name: "Stripe (test mode)",
        default: true,
        credentials: { secret_key: STRIPE_KEY, api_base: ids.apiBase },
      });
      expect(account).toMatchObject({ gateway: "stripe", default: true, has_credentials: true });
      ids.account = account.id;
      expect(await api.get(`/v1/customers/${ids.ada}/gateway_account`)).toMatchObject({
        gateway_account_id: ids.account,
        gateway: "stripe",
        chosen_by: "business_entity",
      });
    });

    it("adds a customer's card by its PaymentMethod id, under a Stripe customer of its own", async () => {
      const card = await addSource(ids.ada!, "pm_card_visa");
      expect(card).toMatchObject({
        customer_id: ids.ada,
        type: "card",
        gateway: "stripe",
        gateway_account_id: ids.account,
        role: "primary",
        status: "valid",
        card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2030 },
        bank_account: null,
      });
      ids.adaCard = card.id;
      const created = stripe.sent("POST /v1/customers");
      expect(created.map((r) => r.params["metadata[accrue_customer_id]"])).toEqual([ids.ada]);
      const [attach] = stripe.sent("POST /v1/payment_methods/pm_card_visa/attach");
      expect(attach!.params.customer).toMatch(/^cus_Fake/);

      ids.bobCard = (await addSource(ids.bob!, "pm_card_chargeDeclinedInsufficientFunds")).id;
      const bank = await addSource(ids.cleo!, "pm_sepa_debit_DE");
      expect(bank).toMatchObject({
        type: "bank_account",
        gateway: "stripe",
        card: null,
        bank_account: { country: "DE", last4: "3000", account_holder_name: "Cleo Debit" },
      });
      ids.cleoBank = bank.id;
    });

    it("refuses card numbers for Stripe, unknown tokens, and tokens for the test gateway", async () => {
      const path = `/v1/customers/${ids.dan}/payment_sources`;
      expect(
        await refused("POST", path, {
          type: "card",
          card: { number: "4242424242424242", exp_month: 12, exp_year: 2030 },
        }),
      ).toEqual([422, "provider_token_required"]);
      expect(
        await refused("POST", path, { type: "provider_token", provider_token: "pm_nope" }),
      ).toEqual([422, "invalid_provider_token"]);
      expect(await refused("POST", path, { type: "provider_token" })).toEqual([
        422,
        "source_details_mismatch",
      ]);
      expect(await refused("POST", path, { type: "card", provider_token: "pm_card_visa" })).toEqual(
        [422, "source_details_mismatch"],
      );
      const testAccount = await api.post("/v1/gateway_accounts", { gateway: "test", name: "Test" });
      await api.post(`/v1/customers/${ids.dan}/switch_gateway_account`, {
        gateway_account_id: testAccount.id,
      });
      expect(
        await refused("POST", path, { type: "provider_token", provider_token: "pm_card_visa" }),
      ).toEqual([422, "provider_token_not_accepted"]);
      expect((await api.get(`/v1/customers/${ids.dan}/payment_sources`)).data).toEqual([]);
    });

    it("collects an invoice through Stripe: a PaymentIntent confirmed off-session in minor units", async () => {
      const paid = await api.post(`/v1/invoices/${invoices.ada}/collect_payment`, {});
      expect(paid).toMatchObject({
        kind: "payment",
        method: "card",
        status: "succeeded",
        amount: "30.00",
        currency: "EUR",
        card_last4: "4242",
        payment_source_id: ids.adaCard,
        allocations: [{ invoice_id: invoices.ada, amount: "30.00" }],
      });
      ids.adaPayment = paid.id;
      expect(await due(ids.ada!)).toEqual([]);
      const [intent] = stripe.sent("POST /v1/payment_intents");
      const customer = stripe.sent("POST /v1/payment_methods/pm_card_visa/attach")[0]!.params
        .customer;
      expect(intent!.params).toEqual({
        amount: "3000",
        currency: "eur",
        customer,
        payment_method: "pm_card_visa",
        confirm: "true",
        off_session: "true",
        "automatic_payment_methods[enabled]": "true",
        "automatic_payment_methods[allow_redirects]": "never",
      });
      expect(intent!.headers["idempotency-key"]).toMatch(new RegExp(`_${ids.adaCard}$`));
      expect(intent!.headers.authorization).toBe(`Bearer ${STRIPE_KEY}`);
    });

    it("a declined card fails with Stripe's decline code and leaves the invoice open", async () => {
      const failed = await api.post(`/v1/invoices/${invoices.bob}/collect_payment`, {});
      expect(failed).toMatchObject({
        method: "card",
        status: "failed",
        amount: "30.00",
        card_last4: "9995",
        failure: { code: "insufficient_funds", message: "Your card has insufficient funds." },
        allocations: [],
      });
      expect(await due(ids.bob!)).toEqual(["30.00"]);
    });

    it("a SEPA debit is pending: it pays nothing, blocks a second collection, and a sync settles it", async () => {
      const pending = await api.post(`/v1/invoices/${invoices.cleo}/collect_payment`, {});
      expect(pending).toMatchObject({
        method: "direct_debit",
        status: "pending",
        amount: "30.00",
        failure: null,
        allocations: [],
        payment_source_id: ids.cleoBank,
      });
      expect(await due(ids.cleo!)).toEqual(["30.00"]);
      expect(await refused("POST", `/v1/invoices/${invoices.cleo}/collect_payment`, {})).toEqual([
        422,
        "payment_pending",
      ]);
      const events = (await api.get("/v1/events?limit=100")).data.filter(
        (e: any) => e.type === "payment.pending",
      );
      expect(events.map((e: any) => e.data.id)).toEqual([pending.id]);

      // the sync reads the PaymentIntent: still processing
      const still = await api.post(`/v1/payments/${pending.id}/sync`);
      expect(still.status).toBe("pending");
      const reads = stripe.requests.filter(
        (r) => r.method === "GET" && r.path.startsWith("/v1/payment_intents/"),
      );
      expect(reads).toHaveLength(1);
      const intentId = reads[0]!.path.split("/").at(-1)!;
      expect(intentId).toMatch(/^pi_Fake/);
      // days later the bank took the money
      stripe.settle(intentId, "succeeded");
      const settled = await api.post(`/v1/payments/${pending.id}/sync`);
      expect(settled).toMatchObject({
        status: "succeeded",
        allocations: [{ invoice_id: invoices.cleo, amount: "30.00" }],
      });
      expect(await due(ids.cleo!)).toEqual([]);
    });

    it("refunds through Stripe, naming the PaymentIntent", async () => {
      const answer = await api.post(`/v1/invoices/${invoices.ada}/refund`, { amount: "10.00" });
      const refund = answer.payments.find((p: any) => p.kind === "refund");
      expect(refund).toMatchObject({
        kind: "refund",
        method: "card",
        amount: "10.00",
        refunds_payment_id: ids.adaPayment,
      });
      const [sent] = stripe.sent("POST /v1/refunds");
      const charged = stripe.sent("POST /v1/payment_intents")[0]!.answer!.body;
      expect(charged).toMatchObject({ status: "succeeded", amount: 3000 });
      expect(sent!.params).toEqual({ payment_intent: charged.id, amount: "1000" });
      expect(sent!.headers["idempotency-key"]).toMatch(new RegExp(`_${ids.adaPayment}$`));
      expect(await due(ids.ada!)).toEqual(["10.00"]);
    });

    it("a Stripe outage records nothing and answers 503 gateway_unreachable; a retry charges", async () => {
      const before = await paymentsOf(ids.ada!);
      stripe.failNext = 3;
      const res = await api.request("POST", `/v1/customers/${ids.ada}/collect_payment`, {
        currency: "EUR",
      });
      expect([res.status, res.body.error.code]).toEqual([503, "gateway_unreachable"]);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(await paymentsOf(ids.ada!)).toEqual(before);
      expect(await due(ids.ada!)).toEqual(["10.00"]);
      const paid = await api.post(`/v1/customers/${ids.ada}/collect_payment`, { currency: "EUR" });
      expect(paid).toMatchObject({ status: "succeeded", amount: "10.00", method: "card" });
      expect(await due(ids.ada!)).toEqual([]);
    });
  });
}
