/**
 * The console's partner pages in chromium: a reseller added through the Partners page (its
 * partner chosen by name) and its page opened; a customer registered under it; a budget set
 * for a customer who has been invoiced this month (its currency filled in from the invoice,
 * another's from the catalog), with what it used; the month's bill
 * summary; a customer frozen and unfrozen after confirming, and a refused freeze showing the
 * API's reason. Each result is read back through the API; each page is checked at 1280 px
 * and 390 px with axe, and screenshots kept under test-results/.
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
  screenshot,
  signInToConsole,
} from "./browser.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

const eur = (amount: string) => formatMoney(amount, "EUR");

for (const backend of BACKENDS) {
  describe(`console partners in chromium [${backend}]`, () => {
    let world: PageWorld | undefined;
    let base: string;
    let key: string;
    let page: Page;
    let errors: string[];
    const api = apiClient(
      () => base,
      () => key,
    );
    const ids = { channel: "", reseller: "", acme: "", globex: "" };
    /** The gross total of Acme's March invoice. */
    let invoiced = "";
    const _shot = (name: string) => screenshot(page, `${backend}-console-${name}`);

    /** Axe and a screenshot at 1280 px, then at 390 px with no sideways scrolling. */
    const checkBothWidths = (name: string) => expectBothWidths(page, `${backend}-console-${name}`);

    const customerOf = (customer: string) =>
      api("GET", `/v1/partners/${ids.reseller}/customers/${customer}`);

    beforeAll(async () => {
      world = await openPageWorld(backend, "Channel Sales Ltd");
      ({ base, key, page, errors } = world);
      await api("POST", "/v1/test_clock", { frozen_time: "2026-03-10T10:00:00Z" });
      ids.channel = (await api("POST", "/v1/partners", { name: "Contoso Channel" })).id;
      await signInToConsole(page, base, key);
    });

    afterAll(async () => {
      await closePageWorld(world);
    });

    it("adds a reseller through the Partners page and opens its page", async () => {
      await page.getByRole("navigation").getByRole("link", { name: "Partners" }).click();
      await page.getByRole("heading", { level: 1, name: "Partners" }).waitFor();
      await page.getByText("1 partner", { exact: true }).waitFor();

      const form = page.getByRole("form", { name: "Add a partner" });
      await form.getByLabel("Name", { exact: true }).fill("Northwind Resale");
      await form.getByLabel("E-mail (optional)").fill("sales@northwind.example");
      await form.getByLabel("Mobile (optional)").fill("0049-1701234567");
      await form.getByLabel("Account manager (optional)").fill("Dana Scully");
      await form.getByLabel("Reseller of").selectOption({ label: "Contoso Channel" });
      await form.getByRole("button", { name: "Add partner" }).click();
      await page.getByRole("heading", { level: 1, name: "Northwind Resale" }).waitFor();

      const partners = (await api("GET", "/v1/partners")).data;
      const reseller = partners.find((p: { name: string }) => p.name === "Northwind Resale");
      expect(reseller).toMatchObject({
        parent_id: ids.channel,
        email: "sales@northwind.example",
        mobile: "0049-1701234567",
        account_manager: "Dana Scully",
      });
      ids.reseller = reseller.id;
      expect(page.url()).toContain(`#/partners/${ids.reseller}`);
      const facts = page.locator("dl.facts");
      await facts.getByText(ids.reseller, { exact: true }).waitFor();
      await facts.getByRole("link", { name: "Contoso Channel" }).waitFor();

      // the list names the reseller's partner; its page lists the reseller
      await page.getByRole("navigation").getByRole("link", { name: "Partners" }).click();
      await page.getByText("2 partners", { exact: true }).waitFor();
      const row = page.getByRole("row").filter({ hasText: "Northwind Resale" });
      await row.getByRole("link", { name: "Contoso Channel" }).waitFor();
      await row.getByText(ids.reseller, { exact: true }).waitFor();
      await checkBothWidths("partners");

      await row.getByRole("link", { name: "Contoso Channel" }).click();
      await page.getByRole("heading", { level: 1, name: "Contoso Channel" }).waitFor();
      const resellers = page.getByRole("region", { name: "Resellers", exact: true });
      await resellers.getByText("1 reseller", { exact: true }).waitFor();
      await resellers.getByRole("link", { name: "Northwind Resale" }).click();
      await page.getByRole("heading", { level: 1, name: "Northwind Resale" }).waitFor();
      // a reseller has no resellers of its own
      await expect(
        page.getByRole("region", { name: "Resellers", exact: true }).count(),
      ).resolves.toBe(0);
    });

    it("registers a customer under the partner", async () => {
      const form = page.getByRole("form", { name: "Register a customer" });
      await form.getByLabel("Company name (optional)").fill("Acme GmbH");
      await form.getByLabel("Account name (optional)").fill("acme_shop");
      await form.getByLabel("Country (optional)").fill("de");
      await form.getByRole("button", { name: "Register customer" }).click();
      await form
        .getByRole("status")
        .filter({ hasText: /^Registered Acme GmbH \(cus_/ })
        .waitFor();

      const [acme] = (await api("GET", `/v1/partners/${ids.reseller}/customers`)).data;
      expect(acme).toMatchObject({
        account_name: "acme_shop",
        company_name: "Acme GmbH",
        country: "DE",
        frozen: false,
      });
      ids.acme = acme.id;
      const customers = page.getByRole("region", { name: "Customers of Northwind Resale" });
      await customers.getByRole("link", { name: "Acme GmbH" }).waitFor();
      expect(await customers.getByRole("link", { name: "Acme GmbH" }).getAttribute("href")).toBe(
        `#/customers/${ids.acme}`,
      );

      // a second customer, and an invoice for Acme this month, from the API
      ids.globex = (
        await api("POST", `/v1/partners/${ids.reseller}/customers`, {
          company_name: "Globex Ltd",
          account_name: "globex_hq",
        })
      ).id;
      invoiced = (
        await api("POST", "/v1/invoices", {
          customer_id: ids.acme,
          currency: "EUR",
          lines: [{ description: "Consulting", unit_price: "30.00" }],
        })
      ).total_gross;
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Northwind Resale" }).waitFor();
      await page.getByText("2 customers", { exact: true }).waitFor();
    });

    it("sets a customer's budget and shows what it used, and the month's bill summary", async () => {
      const budgets = page.getByRole("region", { name: "Budgets" });
      await budgets.getByLabel("Budget of").selectOption({ label: "Acme GmbH (acme_shop)" });
      await budgets.getByText("No budget: this customer may order without a limit.").waitFor();

      const form = budgets.getByRole("form", { name: "Set a budget" });
      // Acme was invoiced in EUR: its first budget starts in that currency
      await form
        .getByText("ISO 4217; only documents in it count. EUR: the currency of its newest invoice")
        .waitFor();
      await expect(form.getByLabel("Currency").inputValue()).resolves.toBe("EUR");
      await form.getByLabel("Amount").fill("100.00");
      await form.getByLabel("Type").selectOption("monthly");
      await form.getByLabel("Alert at (% used)").fill("75");
      await form.getByRole("button", { name: "Save budget" }).click();
      // saved, the form changes the budget it shows
      const changed = budgets.getByRole("form", { name: "Change the budget" });
      await changed
        .getByRole("status")
        .filter({ hasText: "The budget is 100.00 EUR (monthly)." })
        .waitFor();

      const budget = await api("GET", `/v1/partners/${ids.reseller}/customers/${ids.acme}/budget`);
      expect(budget).toMatchObject({
        customer_id: ids.acme,
        type: "monthly",
        currency: "EUR",
        amount: "100.00",
        used_amount: invoiced,
        alert_threshold_percent: 75,
        period: "2026-03",
      });
      const facts = budgets.getByRole("definition");
      await facts.filter({ hasText: `${eur("100.00")} a month (now 2026-03)` }).waitFor();
      await facts
        .filter({ hasText: eur(budget.used_amount) })
        .first()
        .waitFor();
      await facts
        .filter({ hasText: eur(budget.remaining_amount) })
        .first()
        .waitFor();
      await expect(changed.getByLabel("Alert at (% used)").inputValue()).resolves.toBe("75");

      // Globex has none, nor an invoice: its form starts with the tenant's catalog currency
      await api("POST", "/v1/plan_groups", { name: "Swiss", currency: "CHF", price_type: "net" });
      await budgets.getByLabel("Budget of").selectOption({ label: "Globex Ltd (globex_hq)" });
      await budgets.getByText("No budget: this customer may order without a limit.").waitFor();
      const globexForm = budgets.getByRole("form", { name: "Set a budget" });
      await globexForm
        .getByText(
          "ISO 4217; only documents in it count. CHF: the currency of the catalog's plan groups",
        )
        .waitFor();
      await expect(globexForm.getByLabel("Currency").inputValue()).resolves.toBe("CHF");
      await checkBothWidths("partner-budget");
      await expect(
        api("GET", `/v1/partners/${ids.reseller}/customers/${ids.globex}/budget`),
      ).rejects.toThrow(/budget_not_set/);

      const summary = await api("GET", `/v1/partners/${ids.reseller}/bill_summary?period=2026-03`);
      expect(summary.currencies).toEqual([
        expect.objectContaining({
          currency: "EUR",
          invoiced_amount: invoiced,
          invoice_count: 1,
          customer_count: 1,
        }),
      ]);
      const table = page.getByRole("region", { name: "Bill summary for 2026-03" });
      await table
        .getByRole("cell", { name: eur(invoiced), exact: true })
        .first()
        .waitFor();
      const month = page.getByRole("form", { name: "Month of the bill summary" });
      await month.getByLabel("Month").fill("2026-02");
      await month.getByRole("button", { name: "Show month" }).click();
      await page
        .getByText("Nothing was invoiced to this partner's customers in 2026-02.")
        .waitFor();

      // the orders of its customers (none: Acme's invoice was no order's), counted as the
      // API counts them
      const orders = await api("GET", `/v1/partners/${ids.reseller}/orders?include_total=true`);
      expect([orders.total_count, orders.data.length]).toEqual([0, 0]);
      await page.getByText("No orders yet.").waitFor();
      await page.getByText("0 orders", { exact: true }).waitFor();
    });

    it("freezes and unfreezes a customer after confirming, and shows a refused freeze", async () => {
      const customers = page.getByRole("region", { name: "Customers of Northwind Resale" });
      const acmeRow = customers.getByRole("row").filter({ hasText: "Acme GmbH" });

      // cancelling changes nothing
      await acmeRow.getByRole("button", { name: "Freeze: Acme GmbH" }).click();
      const freeze = acmeRow.getByRole("form", { name: "Freeze: Acme GmbH" });
      await freeze.getByText(/^Freeze Acme GmbH\? Its contracts are not billed/).waitFor();
      await freeze.getByRole("button", { name: "Cancel" }).click();
      expect((await customerOf(ids.acme)).frozen).toBe(false);

      await acmeRow.getByRole("button", { name: "Freeze: Acme GmbH" }).click();
      await freeze.getByLabel("Reason").fill("Payment overdue");
      await freeze.getByRole("button", { name: "Freeze customer" }).click();
      await acmeRow.getByRole("status").filter({ hasText: "Acme GmbH is frozen." }).waitFor();
      expect(await customerOf(ids.acme)).toMatchObject({
        frozen: true,
        frozen_reason: "Payment overdue",
      });
      await acmeRow.getByText("frozen", { exact: true }).waitFor();
      await acmeRow.getByText(/Payment overdue$/).waitFor();

      await acmeRow.getByRole("button", { name: "Unfreeze: Acme GmbH" }).click();
      const unfreeze = acmeRow.getByRole("form", { name: "Unfreeze: Acme GmbH" });
      await unfreeze.getByText(/^Unfreeze Acme GmbH\? Its contracts are billed again/).waitFor();
      await unfreeze.getByLabel("Reason").fill("Paid in full");
      await unfreeze.getByRole("button", { name: "Unfreeze customer" }).click();
      await acmeRow.getByRole("status").filter({ hasText: "Acme GmbH is unfrozen." }).waitFor();
      expect(await customerOf(ids.acme)).toMatchObject({ frozen: false, frozen_at: null });
      await acmeRow.getByRole("button", { name: "Freeze: Acme GmbH" }).waitFor();

      // Globex was frozen elsewhere since the page loaded: the API refuses, the page says why
      await api("POST", `/v1/partners/${ids.reseller}/customers/${ids.globex}/freeze`, {
        reason: "Frozen by the partner",
      });
      const globexRow = customers.getByRole("row").filter({ hasText: "Globex Ltd" });
      await globexRow.getByRole("button", { name: "Freeze: Globex Ltd" }).click();
      const refused = globexRow.getByRole("form", { name: "Freeze: Globex Ltd" });
      await refused.getByLabel("Reason").fill("Chargeback");
      await refused.getByRole("button", { name: "Freeze customer" }).click();
      await globexRow
        .getByRole("alert")
        .filter({ hasText: /is already frozen \(customer_already_frozen\)$/ })
        .waitFor();
      expect(await customerOf(ids.globex)).toMatchObject({
        frozen: true,
        frozen_reason: "Frozen by the partner",
      });
      await checkBothWidths("partner");
      expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    });
  });
}
