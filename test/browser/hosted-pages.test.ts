/**
 * Hosted pages in a real browser (Debian's chromium via playwright-core) against a listening
 * server: the customer opens the URL the API answered, completes an update-payment-method page
 * and a checkout of one-time charges with a card, and keeps a subscription on a pre-cancel
 * page; the results are read back through the API. An axe check of each page and screenshots
 * under test-results/screenshots/.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BACKENDS } from "../harness.js";
import {
  apiClient,
  closePageWorld,
  expectAccessible,
  openPageWorld,
  type PageWorld,
  screenshot,
} from "./browser.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

for (const backend of BACKENDS) {
  describe(`hosted pages in chromium [${backend}]`, () => {
    let world: PageWorld | undefined;
    let base: string;
    let key: string;
    let page: Page;
    let errors: string[];
    const api = apiClient(
      () => base,
      () => key,
    );
    const customer = async (name: string): Promise<string> =>
      (await api("POST", "/v1/customers", { email: "k@x.example", company_name: name })).id;
    const fillCard = async () => {
      await page.getByLabel("Card number").fill("4242424242424242");
      await page.getByLabel("Expiry month").fill("12");
      await page.getByLabel("Expiry year").fill("2030");
    };
    const done = () => page.getByRole("status").filter({ hasText: "Done: thank you." }).waitFor();

    beforeAll(async () => {
      world = await openPageWorld(backend, "Hosted");
      ({ base, key, page, errors } = world);
    });

    afterAll(() => closePageWorld(world));

    it("an update-payment-method page: the card entered becomes the customer's primary source", async () => {
      const id = await customer("Karte");
      const hosted = await api("POST", "/v1/hosted_pages/update_payment_method", {
        customer_id: id,
      });
      expect(hosted.url).toMatch(new RegExp(`^${base}/portal/hpt_`));
      await page.goto(hosted.url);
      await page.getByRole("heading", { level: 1, name: "Update your payment method" }).waitFor();
      // opening the page marked it requested
      await expect
        .poll(async () => (await api("GET", `/v1/hosted_pages/${hosted.id}`)).state)
        .toBe("requested");
      await expectAccessible(page, "an update-payment-method page");
      await fillCard();
      await screenshot(page, `${backend}-hosted-update-payment-method`);
      await page.getByRole("button", { name: "Confirm", exact: true }).click();
      await done();
      const after = await api("GET", `/v1/hosted_pages/${hosted.id}`);
      expect(after.state).toBe("succeeded");
      const sources = (await api("GET", `/v1/customers/${id}/payment_sources`)).data;
      expect(sources.map((s: any) => [s.id, s.role, s.card?.last4])).toEqual([
        [after.content.payment_source_id, "primary", "4242"],
      ]);
      // the completed page offers nothing more
      expect(await page.getByRole("button", { name: "Confirm", exact: true }).count()).toBe(0);
      expect(errors).toEqual([]);
    });

    it("a checkout of one-time charges: the bill shown, the invoice issued and paid by the card", async () => {
      const id = await customer("Kauf");
      const hosted = await api("POST", "/v1/hosted_pages/checkout_one_time", {
        customer_id: id,
        currency: "EUR",
        lines: [{ description: "Setup", quantity: "2", unit_price: "12.50" }],
      });
      await page.goto(hosted.url);
      await page.getByRole("heading", { level: 1, name: "Check out your purchase" }).waitFor();
      // no tax policy: 2 × 12.50 = 25.00, the total shown
      const bill = page.getByRole("table", { name: "What you will be billed" });
      expect(await bill.getByRole("row", { name: /Total/ }).textContent()).toContain("25.00");
      await expectAccessible(page, "a checkout page");
      await fillCard();
      await page.getByRole("button", { name: "Confirm", exact: true }).click();
      await done();
      await screenshot(page, `${backend}-hosted-checkout-done`);
      const after = await api("GET", `/v1/hosted_pages/${hosted.id}`);
      expect(after.state).toBe("succeeded");
      const invoice = await api("GET", `/v1/invoices/${after.content.invoice_id}`);
      expect([invoice.customer_id, invoice.total_gross, invoice.status]).toEqual([
        id,
        "25.00",
        "finalized",
      ]);
      const [payment] = after.content.payment_ids;
      expect((await api("GET", `/v1/payments/${payment}`)).status).toBe("succeeded");
      expect(errors).toEqual([]);
    });

    it("a pre-cancel page: the customer stays, with a reason; the contract runs on", async () => {
      const group = await api("POST", "/v1/plan_groups", {
        name: "G",
        currency: "EUR",
        price_type: "net",
      });
      const plan = await api("POST", "/v1/plans", { plan_group_id: group.id, name: "Plan" });
      const variant = await api("POST", "/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "M",
        recurring_fee: "30",
        fee_period: { unit: "month", count: 1 },
        contract_period: { unit: "month", count: 1 },
      });
      const id = await customer("Bleibt");
      const order = await api("POST", "/v1/orders", {
        customer_id: id,
        plan_variant_id: variant.id,
      });
      await api("POST", `/v1/orders/${order.id}/commit`);
      const hosted = await api("POST", "/v1/hosted_pages/pre_cancel", {
        contract_id: order.contract_id,
        offer: "Stay and get next month free",
      });
      await page.goto(hosted.url);
      await page.getByRole("heading", { level: 1, name: "Before you cancel" }).waitFor();
      await page.getByText("Stay and get next month free").waitFor();
      await expectAccessible(page, "a pre-cancel page");
      await page.getByLabel("Why are you leaving? (optional)").fill("just checking");
      await page.getByRole("button", { name: "Stay", exact: true }).click();
      await done();
      const after = await api("GET", `/v1/hosted_pages/${hosted.id}`);
      expect(after.content).toEqual({
        decision: "stay",
        reason: "just checking",
        contract_id: order.contract_id,
      });
      expect((await api("GET", `/v1/contracts/${order.contract_id}`)).end_date).toBeNull();
      expect(errors).toEqual([]);
    });
  });
}
