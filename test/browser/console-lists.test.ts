/**
 * The console's lists for a finance operator, in chromium: the payments, how many there are,
 * then filtered by status, by the days received and by customer (by name), each filter kept in
 * the page's address and each count the API's; the contracts filtered by customer. At 1280 px
 * and 390 px (no sideways scrolling) with axe, screenshots under test-results/.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formatMoney } from "../../web/shared/format.js";
import { BACKENDS } from "../harness.js";
import {
  apiClient,
  closePageWorld,
  expectBothWidths,
  openPageWorld,
  type PageWorld,
  signInToConsole,
} from "./browser.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

const eur = (amount: string) => formatMoney(amount, "EUR");

for (const backend of BACKENDS) {
  describe(`console lists in chromium [${backend}]`, () => {
    let world: PageWorld | undefined;
    let base: string;
    let key: string;
    let page: Page;
    let errors: string[];
    const api = apiClient(
      () => base,
      () => key,
    );
    const ids = { alpha: "", beta: "" };
    const count = () => page.locator("p.count").textContent();
    const rows = () => page.getByRole("region", { name: "Payments, refunds and write-offs" });

    // Alpha: 10.00 (1 Feb), 30.00 (2 Feb, last millisecond), a declined card (60.00, now);
    // Beta: 20.00 (2 Feb), 40.00 (3 Feb)
    beforeAll(async () => {
      world = await openPageWorld(backend, "Receivables Ltd");
      ({ base, key, page, errors } = world);
      await api("POST", "/v1/test_clock", { frozen_time: "2026-02-05T10:00:00Z" });
      ids.alpha = (await api("POST", "/v1/customers", { company_name: "Alpha GmbH" })).id;
      ids.beta = (await api("POST", "/v1/customers", { company_name: "Beta Ltd" })).id;
      const offline = (customer: string, amount: string, received_at: string) =>
        api("POST", "/v1/payments", {
          customer_id: customer,
          amount,
          currency: "EUR",
          method: "offline",
          received_at,
        });
      await offline(ids.alpha, "10.00", "2026-02-01T09:00:00Z");
      await offline(ids.beta, "20.00", "2026-02-02T00:00:00Z");
      await offline(ids.alpha, "30.00", "2026-02-02T23:59:59.999Z");
      await offline(ids.beta, "40.00", "2026-02-03T00:00:00Z");
      // a declined card: refused, and kept as a failed payment
      await fetch(`${base}/v1/payments`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({
          customer_id: ids.alpha,
          amount: "60.00",
          currency: "EUR",
          method: "card",
          card_number: "4000000000000002",
        }),
      });
      const failed = (await api("GET", "/v1/payments?status=failed")).data;
      expect(failed).toHaveLength(1);
      // a contract for each customer
      const group = await api("POST", "/v1/plan_groups", {
        name: "Cloud",
        currency: "EUR",
        price_type: "net",
      });
      const plan = await api("POST", "/v1/plans", { plan_group_id: group.id, name: "Basic" });
      const variant = await api("POST", "/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "Basic monthly",
        recurring_fee: "10",
        fee_period: { unit: "month", count: 1 },
      });
      for (const customer of [ids.alpha, ids.beta]) {
        await api("POST", "/v1/orders", {
          customer_id: customer,
          plan_variant_id: variant.id,
          commit: true,
        });
      }
      await signInToConsole(page, base, key);
    });

    afterAll(async () => {
      await closePageWorld(world);
    });

    it("filters the payments by status, days received and customer, with the total count", async () => {
      await page.getByRole("navigation").getByRole("link", { name: "Payments" }).click();
      await page.getByRole("heading", { level: 1, name: "Payments" }).waitFor();
      await expect.poll(count).toBe("5 payments");
      await rows().getByRole("link", { name: "Beta Ltd" }).first().waitFor();

      await page.getByLabel("Status", { exact: true }).selectOption("failed");
      await expect.poll(count).toBe("1 payment");
      await rows()
        .getByRole("cell", { name: eur("60.00"), exact: true })
        .waitFor();
      await rows().getByText("failed", { exact: true }).waitFor();

      await page.getByLabel("Status", { exact: true }).selectOption("succeeded");
      await expect.poll(count).toBe("4 payments");
      const dates = page.getByRole("form", {
        name: "Filter payments by the day received (UTC)",
      });
      await dates.getByLabel("Received from").fill("2026-02-02");
      await dates.getByLabel("Received to").fill("2026-02-02");
      await dates.getByRole("button", { name: "Filter by date" }).click();
      await expect.poll(count).toBe("2 payments");
      await rows()
        .getByRole("cell", { name: eur("20.00"), exact: true })
        .waitFor();
      await rows()
        .getByRole("cell", { name: eur("30.00"), exact: true })
        .waitFor();

      const customer = page.getByRole("form", { name: "Filter payments by customer" });
      await customer.getByLabel("Customer (name or id)").fill("Alpha");
      await customer.getByRole("button", { name: "Filter" }).click();
      await expect.poll(count).toBe("1 payment");
      await rows()
        .getByRole("cell", { name: eur("30.00"), exact: true })
        .waitFor();
      const url = decodeURIComponent(page.url());
      for (const part of [
        "status=succeeded",
        "from=2026-02-02",
        "to=2026-02-02",
        `customer=${ids.alpha}`,
      ]) {
        expect(url).toContain(part);
      }

      // the same list from the API
      const listed = await api(
        "GET",
        `/v1/payments?status=succeeded&received_from=2026-02-02&received_to=2026-02-02&customer_id=${ids.alpha}&include_total=true`,
      );
      expect(listed.total_count).toBe(1);
      expect(listed.data[0]).toMatchObject({ amount: "30.00", customer_id: ids.alpha });

      await expectBothWidths(page, `${backend}-console-payments-filtered`);

      // nothing matches: the list says so, and counts none
      await page.goto(`${base}/console#/payments?status=pending`);
      await expect.poll(count).toBe("0 payments");
      await page.getByText("No payments match.").waitFor();
    });

    it("filters the contracts by customer", async () => {
      await page.getByRole("navigation").getByRole("link", { name: "Contracts" }).click();
      await page.getByRole("heading", { level: 1, name: "Contracts" }).waitFor();
      const contracts = page.getByRole("region", { name: "Contracts" });
      await expect.poll(() => contracts.locator("tbody tr").count()).toBe(2);
      const customer = page.getByRole("form", { name: "Filter contracts by customer" });
      await customer.getByLabel("Customer (name or id)").fill("Beta");
      await customer.getByRole("button", { name: "Filter" }).click();
      await expect.poll(() => contracts.locator("tbody tr").count()).toBe(1);
      await contracts.getByRole("link", { name: "Beta Ltd" }).waitFor();
      expect(decodeURIComponent(page.url())).toContain(`#/contracts?customer=${ids.beta}`);
      const [contract] = (await api("GET", `/v1/contracts?customer_id=${ids.beta}`)).data;
      await contracts.getByRole("link", { name: contract.id }).waitFor();

      await expectBothWidths(page, `${backend}-console-contracts-filtered`);
      await page.getByRole("link", { name: "Show every customer's" }).click();
      await expect.poll(() => contracts.locator("tbody tr").count()).toBe(2);
      expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    });
  });
}
