/**
 * Chargebee's official Node client against the `/api/v2` transactions of payments a real
 * gateway took: a tenant's Stripe account (a local stand-in of Stripe's API,
 * test/fakes/stripe-server.ts) charges a card, declines one and debits a SEPA account, which
 * stays in progress until a sync reads it succeeded; each transaction names its payment method
 * (`card`, `direct_debit`), its status and the gateway and gateway account that took the money.
 * A refund recorded by hand reports the refund's own payment method. Whole transactions are
 * compared.
 */
import type Chargebee from "chargebee";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { FakeStripe } from "../fakes/stripe-server.js";
import { BACKENDS } from "../harness.js";
import { startTestServer, type TestServer } from "../server.js";
import { chargebeeClient } from "./chargebee-client.js";
import { syncTransaction } from "./chargebee-unlisted-calls.js";

const SECRET_KEY = "s".repeat(40);
const STRIPE_KEY = "sk_test_51AccrueChargebee";
/** The tenant's clock: 2026-03-01T00:00:00Z, as Chargebee's Unix seconds. */
const NOW = Date.UTC(2026, 2, 1) / 1000;

for (const backend of BACKENDS) {
  describe(`chargebee client: transactions of gateway payments [${backend}]`, () => {
    const stripe = new FakeStripe();
    let server: TestServer;
    let api: Awaited<ReturnType<typeof billingTenant>>;
    let cb: Chargebee;
    let account: string;

    /** A customer with a payment source of the Stripe account, and an open invoice of 30.00. */
    async function payer(token: string) {
      const customer = await api.customer();
      const source = await api.post(`/v1/customers/${customer}/payment_sources`, {
        type: "provider_token",
        provider_token: token,
      });
      const invoice = await api.post("/v1/invoices", {
        customer_id: customer,
        currency: "EUR",
        lines: [{ description: "Consulting", unit_price: "30.00" }],
      });
      expect(invoice.total_gross).toBe("30.00");
      return { customer, source: source.id as string, invoice: invoice.id as string };
    }

    beforeAll(async () => {
      const apiBase = await stripe.start();
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
      api = await billingTenant(server, "Chargebee Stripe", "2026-03-01T00:00:00Z");
      cb = chargebeeClient(server, api.key);
      account = (
        await api.post("/v1/gateway_accounts", {
          gateway: "stripe",
          name: "Stripe (test mode)",
          default: true,
          credentials: { secret_key: STRIPE_KEY, api_base: apiBase },
        })
      ).id;
    });
    afterAll(async () => {
      await server?.close();
      await stripe.stop();
    });

    it("a card charged through Stripe: payment_method card, gateway stripe, its account; refunds too", async () => {
      const ada = await payer("pm_card_visa");
      const { transaction: paid } = await cb.invoice.collectPayment(ada.invoice);
      const payment = {
        id: expect.stringMatching(/^pay_/),
        customer_id: ada.customer,
        payment_source_id: ada.source,
        payment_method: "card",
        gateway: "stripe",
        gateway_account_id: account,
        type: "payment",
        date: NOW,
        amount: 3000,
        currency_code: "EUR",
        amount_unused: 0,
        status: "success",
        masked_card_number: "************4242",
        linked_invoices: [{ invoice_id: ada.invoice, applied_amount: 3000, applied_at: NOW }],
        deleted: false,
        object: "transaction",
        created_at: NOW,
        updated_at: NOW,
      };
      expect(paid).toEqual(payment);
      expect((await cb.transaction.retrieve(paid!.id)).transaction).toEqual(paid);

      // given back through Stripe: the refund names the card and the account that took it
      const { transaction: refund } = await cb.invoice.refund(ada.invoice, {
        refund_amount: 1000,
      });
      const refunded = {
        id: expect.stringMatching(/^pay_/),
        customer_id: ada.customer,
        payment_source_id: ada.source,
        payment_method: "card",
        gateway: "stripe",
        gateway_account_id: account,
        type: "refund",
        date: NOW,
        amount: 1000,
        currency_code: "EUR",
        status: "success",
        masked_card_number: "************4242",
        refunded_txn_id: paid!.id,
        deleted: false,
        object: "transaction",
        created_at: NOW,
        updated_at: NOW,
      };
      expect(refund).toEqual(refunded);
      expect(stripe.sent("POST /v1/refunds")).toHaveLength(1);

      // a refund recorded by hand: the money went back by bank transfer, through no gateway
      const { transaction: recorded } = await cb.transaction.recordRefund(paid!.id, {
        amount: 500,
        payment_method: "bank_transfer",
        date: NOW,
        reference_number: "RF-1",
      });
      expect(recorded).toEqual({
        id: expect.stringMatching(/^pay_/),
        customer_id: ada.customer,
        payment_method: "bank_transfer",
        reference_number: "RF-1",
        gateway: "not_applicable",
        type: "refund",
        date: NOW,
        amount: 500,
        currency_code: "EUR",
        status: "success",
        refunded_txn_id: paid!.id,
        deleted: false,
        object: "transaction",
        created_at: NOW,
        updated_at: NOW,
      });
      expect(stripe.sent("POST /v1/refunds")).toHaveLength(1);

      const listed = await cb.transaction.transactionsForCustomer(ada.customer);
      expect(listed.list.map((e) => e.transaction)).toEqual([payment, refunded, recorded]);
    });

    it("a declined card: status failure with Stripe's decline code, payment_method card", async () => {
      const bob = await payer("pm_card_chargeDeclinedInsufficientFunds");
      const collected = await cb.invoice.collectPayment(bob.invoice);
      expect(collected.transaction).toEqual({
        id: expect.stringMatching(/^pay_/),
        customer_id: bob.customer,
        payment_source_id: bob.source,
        payment_method: "card",
        gateway: "stripe",
        gateway_account_id: account,
        type: "payment",
        date: NOW,
        amount: 3000,
        currency_code: "EUR",
        amount_unused: 0,
        status: "failure",
        masked_card_number: "************9995",
        error_code: "insufficient_funds",
        error_text: "Your card has insufficient funds.",
        linked_invoices: [],
        deleted: false,
        object: "transaction",
        created_at: NOW,
        updated_at: NOW,
      });
      // nothing paid: the invoice, not yet due, owes it all
      expect(collected.invoice).toMatchObject({
        status: "posted",
        amount_paid: 0,
        amount_due: 3000,
      });
    });

    it("a SEPA direct debit: in_progress, payment_method direct_debit, until a sync reads it succeeded", async () => {
      const cleo = await payer("pm_sepa_debit_DE");
      const { transaction: pending } = await cb.invoice.collectPayment(cleo.invoice);
      const inProgress = {
        id: expect.stringMatching(/^pay_/),
        customer_id: cleo.customer,
        payment_source_id: cleo.source,
        payment_method: "direct_debit",
        gateway: "stripe",
        gateway_account_id: account,
        type: "payment",
        date: NOW,
        amount: 3000,
        currency_code: "EUR",
        amount_unused: 0,
        status: "in_progress",
        linked_invoices: [],
        deleted: false,
        object: "transaction",
        created_at: NOW,
        updated_at: NOW,
      };
      expect(pending).toEqual(inProgress);
      expect((await cb.transaction.list({ customer_id: { is: cleo.customer } })).list).toEqual([
        { transaction: inProgress },
      ]);

      const intent = stripe.sent("POST /v1/payment_intents").at(-1)!.answer!.body.id as string;
      stripe.settle(intent, "succeeded");
      expect((await syncTransaction(cb, pending!.id)).transaction).toEqual({
        ...inProgress,
        id: pending!.id,
        status: "success",
        linked_invoices: [{ invoice_id: cleo.invoice, applied_amount: 3000, applied_at: NOW }],
      });
    });
  });
}
