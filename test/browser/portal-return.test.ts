/**
 * The way back into the portal, in a real browser (Debian's chromium via playwright-core)
 * against a listening server whose customer's payment methods go to a Stripe account (a local
 * stand-in of Stripe's API): the customer pays an open invoice with "Pay now", the bank asks
 * to confirm it, "Confirm your payment" sends the browser to the bank's page, which sends it
 * back to the payment's return page; and "Add a card" sends it to Stripe's page, which saves
 * the card and sends it back to the payment method's return page. Each return page's "Back to
 * your subscription" leads into the portal the customer came from. Axe and screenshots at 1280
 * and 390 px (nothing scrolls sideways) under test-results/screenshots/.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FakeStripe } from "../fakes/stripe-server.js";
import { BACKENDS } from "../harness.js";
import {
  apiClient,
  closePageWorld,
  expectBothWidths,
  freeSignup,
  openPageWorld,
  type PageWorld,
} from "./browser.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

for (const backend of BACKENDS) {
  describe(`the way back from the bank and the provider into the portal [${backend}]`, () => {
    let world: PageWorld | undefined;
    let base: string;
    let key: string;
    let page: Page;
    let errors: string[];
    const api = apiClient(
      () => base,
      () => key,
    );
    const stripe = new FakeStripe();
    const notice = () => page.locator("p.notice").textContent();
    /** The portal link the customer opens. */
    let link: { token: string; url: string };
    let customer: string;
    let invoice: { id: string; number: string };

    const checkBothWidths = (name: string) => expectBothWidths(page, `${backend}-${name}`);

    /** Follows "Back to your subscription" and waits for the portal it leads to. */
    const backToThePortal = async () => {
      const back = page.getByRole("link", { name: "Back to your subscription" });
      expect(await back.getAttribute("href")).toBe(`/portal/${link.token}`);
      await back.click();
      await page.getByRole("heading", { level: 1, name: "Your subscription" }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/portal/${link.token}`);
    };

    beforeAll(async () => {
      world = await openPageWorld(backend, "Portal way back", { secretKey: "s".repeat(40) });
      ({ base, key, page, errors } = world);
      await api("POST", "/v1/gateway_accounts", {
        gateway: "stripe",
        name: "Stripe (test mode)",
        default: true,
        credentials: { secret_key: "sk_test_51AccrueWayBack", api_base: await stripe.start() },
      });
      // a card the bank asks the customer to authenticate each charge of
      stripe.addCard(
        "pm_card_way_back",
        { brand: "visa", last4: "3184", exp_month: 12, exp_year: 2030 },
        "authentication",
      );
      const signedUp = await freeSignup(api, "G", {
        email: "back@x.example",
        company_name: "Zurück AG",
      });
      customer = signedUp.customer;
      await api("POST", `/v1/customers/${customer}/payment_sources`, {
        type: "provider_token",
        provider_token: "pm_card_way_back",
      });
      invoice = await api("POST", "/v1/invoices", {
        customer_id: customer,
        currency: "EUR",
        lines: [{ description: "Workshop", unit_price: "29.75" }],
      });
      link = await api("POST", `/v1/contracts/${signedUp.contract}/self_service_token`, {});
    });

    afterAll(async () => {
      await closePageWorld(world);
      await stripe.stop();
    });

    it("Pay now, confirmed at the bank: the return page leads back into the portal", async () => {
      await page.goto(link.url);
      await page.getByRole("heading", { level: 1, name: "Your subscription" }).waitFor();
      await page.getByRole("button", { name: `Pay now: ${invoice.number}` }).click();
      await expect
        .poll(notice)
        .toBe(
          'Your bank asks you to confirm the payment of 29.75 EUR: choose "Confirm your payment".',
        );
      await page.getByRole("heading", { name: "Confirm your payment" }).waitFor();

      // off to the bank's page, which sends the browser back to the payment's return page
      await page.getByRole("button", { name: "Confirm your payment: 29.75 EUR" }).click();
      await page.getByRole("heading", { level: 1, name: "Payment confirmed" }).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/portal\/payment_return\//);
      await page.getByText("Your bank confirmed your payment of 29.75 EUR. Thank you.").waitFor();
      await checkBothWidths("payment-return");

      await backToThePortal();
      await page.getByText("Nothing to pay.").waitFor();
      expect(await page.getByRole("heading", { name: "Confirm your payment" }).count()).toBe(0);
      const paid = await api("GET", `/v1/invoices/${invoice.id}/payments`);
      expect(paid.due).toBe("0.00");
      expect(paid.payments.map((p: any) => p.status)).toEqual(["succeeded"]);
      expect(errors).toEqual([]);
    });

    it("Add a card, saved on Stripe's page: the return page leads back into the portal", async () => {
      await page.getByRole("button", { name: "Add a card" }).click();
      await page.getByRole("button", { name: "Save card" }).click();
      await page.getByRole("heading", { level: 1, name: "Payment method added" }).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/portal\/payment_method_return\//);
      await page.getByText("Your visa card ending 4242 was added.").waitFor();
      await checkBothWidths("payment-method-return");

      await backToThePortal();
      const methods = page.getByRole("table", { name: "Your payment methods" });
      await methods.getByRole("cell", { name: "visa card ending 4242", exact: true }).waitFor();
      await methods.getByRole("cell", { name: "visa card ending 3184", exact: true }).waitFor();
      await checkBothWidths("portal-after-return");
      const sources = await api("GET", `/v1/customers/${customer}/payment_sources`);
      expect(sources.data.map((s: any) => [s.role, s.card.last4]).sort()).toEqual([
        ["none", "4242"],
        ["primary", "3184"],
      ]);
      expect(errors).toEqual([]);
    });
  });
}
