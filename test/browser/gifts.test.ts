/**
 * Gift pages in a real browser (Debian's chromium via playwright-core) against a listening
 * server: the gifter opens a gift checkout page, sees the bill and pays it with a card; the
 * recipient opens a claim page and claims the gift. The results are read back through the
 * API; an axe check of each page.
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
  describe(`gift pages in chromium [${backend}]`, () => {
    let world: PageWorld | undefined;
    let base: string;
    let key: string;
    let page: Page;
    let errors: string[];
    const api = apiClient(
      () => base,
      () => key,
    );
    const done = () => page.getByRole("status").filter({ hasText: "Done: thank you." }).waitFor();

    beforeAll(async () => {
      world = await openPageWorld(backend, "Gifts");
      ({ base, key, page, errors } = world);
    });

    afterAll(() => closePageWorld(world));

    it("a gift checkout paid by card, then claimed on a claim page", async () => {
      const group = await api("POST", "/v1/plan_groups", {
        name: "G",
        currency: "EUR",
        price_type: "net",
      });
      const plan = await api("POST", "/v1/plans", { plan_group_id: group.id, name: "Plan" });
      const variant = await api("POST", "/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "Quarterly",
        recurring_fee: "45",
        fee_period: { unit: "month", count: 3 },
      });
      const gifter = (await api("POST", "/v1/customers", { email: "g@x.example" })).id;
      const checkout = await api("POST", "/v1/hosted_pages/checkout_gift_for_items", {
        gifter: { customer_id: gifter, note: "For you" },
        gift_receiver: { email: "r@x.example", first_name: "Rae" },
        subscription: { plan_variant_id: variant.id },
      });
      await page.goto(checkout.url);
      await page.getByRole("heading", { level: 1, name: "Check out your gift" }).waitFor();
      // no tax policy: one quarter, 45.00
      const bill = page.getByRole("table", { name: "What you will be billed" });
      expect(await bill.getByRole("row", { name: /Total/ }).textContent()).toContain("45.00");
      await expectAccessible(page, "a gift checkout page");
      await page.getByLabel("Card number").fill("4242424242424242");
      await page.getByLabel("Expiry month").fill("12");
      await page.getByLabel("Expiry year").fill("2030");
      await page.getByRole("button", { name: "Confirm", exact: true }).click();
      await done();
      const bought = await api("GET", `/v1/hosted_pages/${checkout.id}`);
      expect(bought.state).toBe("succeeded");
      const invoice = await api("GET", `/v1/invoices/${bought.content.invoice_id}`);
      expect([invoice.customer_id, invoice.total_gross]).toEqual([gifter, "45.00"]);

      const claim = await api("POST", "/v1/hosted_pages/claim_gift", {
        gift_id: bought.content.gift_id,
      });
      await page.goto(claim.url);
      await page.getByRole("heading", { level: 1, name: "Claim your gift" }).waitFor();
      await expectAccessible(page, "a gift claim page");
      await page.getByRole("button", { name: "Confirm", exact: true }).click();
      await done();
      await screenshot(page, `${backend}-gift-claimed`);
      const gift = await api("GET", `/v1/gifts/${bought.content.gift_id}`);
      expect(gift.status).toBe("claimed");
      const contract = await api("GET", `/v1/contracts/${gift.subscription.contract_id}`);
      expect(contract.customer_id).toBe(gift.gift_receiver.customer_id);
      expect(errors).toEqual([]);
    });
  });
}
