/**
 * Paying in the customer portal in a real browser (Debian's chromium via playwright-core)
 * against a listening server: the customer opens its portal link with an open invoice and no
 * payment method, is offered to add one, adds a card, and pays the invoice with "Pay now";
 * the results are read back through the API. Once the customer's payment methods go to a
 * Stripe account (a local stand-in of Stripe's API), "Add a card" sends the browser to
 * Stripe's hosted page, which saves the card and sends it back, or back without saving. An
 * axe check and screenshots under test-results/screenshots/.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FakeStripe } from "../fakes/stripe-server.js";
import { BACKENDS } from "../harness.js";
import {
  apiClient,
  closePageWorld,
  expectAccessible,
  freeSignup,
  openPageWorld,
  type PageWorld,
  screenshot,
} from "./browser.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

for (const backend of BACKENDS) {
  describe(`portal payments in chromium [${backend}]`, () => {
    let world: PageWorld | undefined;
    let base: string;
    let key: string;
    let page: Page;
    let errors: string[];
    const api = apiClient(
      () => base,
      () => key,
    );
    const notice = () => page.locator("p.notice").textContent();

    const stripe = new FakeStripe();

    beforeAll(async () => {
      world = await openPageWorld(backend, "Portal payments", { secretKey: "s".repeat(40) });
      ({ base, key, page, errors } = world);
    });

    afterAll(async () => {
      await closePageWorld(world);
      await stripe.stop();
    });

    it("adds a card and pays an open invoice with it", async () => {
      // no fee: the signup bills nothing, so the one invoice below is all that is open
      const { customer, contract } = await freeSignup(api, "G", {
        email: "p@x.example",
        company_name: "Zahlt GmbH",
      });
      const invoice = await api("POST", "/v1/invoices", {
        customer_id: customer,
        currency: "EUR",
        lines: [{ description: "Workshop", unit_price: "29.75" }],
      });
      const link = await api("POST", `/v1/contracts/${contract}/self_service_token`, {});

      await page.goto(link.url);
      await page.getByRole("heading", { level: 1, name: "Your subscription" }).waitFor();
      await page.getByRole("heading", { name: "Open invoices" }).waitFor();
      const open = page.getByRole("table", { name: "Invoices still to pay" });
      expect(await open.getByRole("row").nth(1).textContent()).toContain("29.75");
      // no payment method yet: nothing to pay with, one to add
      expect(await page.getByRole("button", { name: /^Pay now/ }).count()).toBe(0);
      await page.getByRole("link", { name: "add a payment method" }).waitFor();
      await page.getByText("No payment method yet.").waitFor();

      await page.getByLabel("Card number").fill("4242424242424242");
      await page.getByLabel("Expiry month").fill("12");
      await page.getByLabel("Expiry year").fill("2030");
      await page.getByRole("button", { name: "Add card" }).click();
      await expect.poll(notice).toBe("Your card was added.");
      const methods = page.getByRole("table", { name: "Your payment methods" });
      await methods.getByRole("cell", { name: "visa card ending 4242", exact: true }).waitFor();
      expect(await methods.getByRole("row").nth(1).textContent()).toContain("primary");
      await expectAccessible(page, "the portal with an open invoice and a card");
      await screenshot(page, `${backend}-portal-payments`);

      await page.getByRole("button", { name: `Pay now: ${invoice.number}` }).click();
      await expect.poll(notice).toBe("Paid 29.75 EUR. Thank you.");
      await page.getByText("Nothing to pay.").waitFor();
      await screenshot(page, `${backend}-portal-paid`);

      const paid = await api("GET", `/v1/invoices/${invoice.id}/payments`);
      expect(paid.due).toBe("0.00");
      expect(paid.payments.map((p: any) => [p.status, p.amount, p.card_last4])).toEqual([
        ["succeeded", "29.75", "4242"],
      ]);
      expect(errors).toEqual([]);
    });

    it("adds a card on Stripe's hosted page once the customer's methods go to Stripe", async () => {
      await api("POST", "/v1/gateway_accounts", {
        gateway: "stripe",
        name: "Stripe (test mode)",
        default: true,
        credentials: { secret_key: "sk_test_51AccruePortal", api_base: await stripe.start() },
      });
      const { customer, contract } = await freeSignup(api, "S", { email: "s@x.example" });
      const link = await api("POST", `/v1/contracts/${contract}/self_service_token`, {});

      await page.goto(link.url);
      await page.getByText("No payment method yet.").waitFor();
      // no card number is asked here
      expect(await page.getByLabel("Card number").count()).toBe(0);
      await expectAccessible(page, "the portal adding cards on Stripe's page");

      // off to Stripe's page and back without saving: nothing added
      await page.getByRole("button", { name: "Add a card" }).click();
      await page.getByRole("heading", { name: "Save a card" }).waitFor();
      await page.getByRole("link", { name: "Back" }).click();
      await page.getByRole("heading", { level: 1, name: "No payment method added" }).waitFor();

      await page.goto(link.url);
      await page.getByRole("button", { name: "Add a card" }).click();
      await page.getByRole("button", { name: "Save card" }).click();
      await page.getByRole("heading", { level: 1, name: "Payment method added" }).waitFor();
      await page.getByText("Your visa card ending 4242 was added.").waitFor();
      await screenshot(page, `${backend}-portal-card-added-at-stripe`);

      await page.goto(link.url);
      const methods = page.getByRole("table", { name: "Your payment methods" });
      await methods.getByRole("cell", { name: "visa card ending 4242", exact: true }).waitFor();
      const sources = await api("GET", `/v1/customers/${customer}/payment_sources`);
      expect(sources.data.map((s: any) => [s.gateway, s.role, s.card.last4])).toEqual([
        ["stripe", "primary", "4242"],
      ]);
      expect(stripe.sent("POST /v1/checkout/sessions")).toHaveLength(2);
      expect(errors).toEqual([]);
    });
  });
}
