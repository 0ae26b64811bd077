/**
 * The console and the customer portal in a real browser (Debian's chromium via
 * playwright-core) against a listening server holding the demo's four months of data: sign
 * in, navigate, each operator action, each portal action, an axe check of the main pages and
 * screenshots under test-results/screenshots/.
 */
import fs from "node:fs";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type DemoResult, runDemo } from "../../src/cli/demo.js";
import { type App, buildApp } from "../../src/http/app.js";
import { createTenant } from "../../src/workflows/tenants.js";
import { addDecimals, formatMoney } from "../../web/shared/format.js";
import { BACKENDS, createTestDatabase, type TestDatabase } from "../harness.js";
import {
  expectAccessible,
  expectNoSidewaysScroll,
  freePort,
  launch,
  screenshot,
  watchErrors,
} from "./browser.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

for (const backend of BACKENDS) {
  describe(`console and portal in chromium [${backend}]`, () => {
    let database: TestDatabase;
    let app: App;
    let base: string;
    let demo: DemoResult;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let errors: string[];
    const api = async (
      method: string,
      path: string,
      body?: unknown,
      key = demo.api_key,
    ): Promise<{ status: number; body: any }> => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: await res.json() };
    };
    const shot = (name: string) => screenshot(page, `${backend}-${name}`);
    /**
     * Runs `check` with the page 390 px wide (a phone), after making sure nothing but a wide
     * table's own region scrolls sideways.
     */
    const atPhoneWidth = async (check: () => Promise<void>) => {
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        await expect
          .poll(() =>
            page.evaluate(
              "document.documentElement.scrollWidth - document.documentElement.clientWidth",
            ),
          )
          .toBe(0);
        await check();
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    };
    /** Finds a customer with the console's search and opens its page; answers its id. */
    const openCustomer = async (q: string, name: string): Promise<string> => {
      await page.getByRole("searchbox", { name: "Search customers" }).fill(q);
      await page.getByRole("button", { name: "Search", exact: true }).click();
      // the results, not the page searched from (which may name the customer too)
      await page.getByText(`Search results for “${q}”.`).waitFor();
      await page
        .getByRole("region", { name: "Customers" })
        .getByRole("link", { name, exact: true })
        .click();
      await page.getByRole("heading", { level: 1, name }).waitFor();
      return decodeURIComponent(page.url().split("/").pop()!);
    };

    beforeAll(async () => {
      database = await createTestDatabase(backend);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const config = { bodyLimit: 1_048_576, logLevel: "silent" as const, publicUrl: base };
      [browser, demo] = await Promise.all([
        launch(),
        runDemo(database.db, database.backend, config, () => undefined),
      ]);
      app = await buildApp({ db: database.db, backend: database.backend, config });
      await app.listen({ host: "127.0.0.1", port });
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      page.setDefaultTimeout(10_000);
      errors = watchErrors(page);
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await database?.close();
    });

    it("signs in with an e-mail address and password, or with an API key; refuses wrong ones", async () => {
      const user = await api("POST", "/v1/console_users", {
        email: "Finance@Demo.example",
        name: "Fiona Finance",
        password: "a long enough password",
        roles: ["finance"],
      });
      expect(user.status).toBe(201);
      await page.goto(`${base}/console`);
      await expect.poll(() => page.title()).toBe("Sign in · Accrue console");
      await expectAccessible(page, "the sign-in page");
      await page.getByLabel("E-mail", { exact: true }).fill("finance@demo.example");
      await page.getByLabel("Password", { exact: true }).fill("not the password");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toContain("wrong e-mail address or password");
      await page.getByLabel("Password", { exact: true }).fill("a long enough password");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
      await shot("console-signed-in-user");
      // the session is the user's: the audit log names it
      const audit = await api("GET", "/v1/audit_events?operation=console_sessions.create");
      expect(audit.body.data[0].actor).toEqual({ type: "console_user", id: user.body.id });
      await page.getByRole("button", { name: "Sign out" }).click();

      await page.getByLabel("API key", { exact: true }).fill("ak_not_a_key");
      await page.getByRole("button", { name: "Sign in with the key" }).click();
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toContain("invalid_credentials");
      await page.getByLabel("API key", { exact: true }).fill(demo.api_key);
      await page.getByRole("button", { name: "Sign in with the key" }).click();
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    });

    it("shows the dashboard: MRR, active contracts, invoiced and collected per month", async () => {
      const dashboard = await api("GET", "/v1/reports/dashboard");
      const eur = dashboard.body.currencies[0];
      // the demo at 2026-05-01: five contracts in force (Delta rests), their plans' fees
      expect(dashboard.body.active_contracts).toBe(5);
      await expect
        .poll(() => page.locator("dl.kpis").textContent())
        .toContain(`MRR (EUR)${eur.mrr}`.replace(/\B(?=(\d{3})+(?!\d))/, ","));
      // the charts come with their own request, after the figures
      for (const chart of [/Monthly recurring revenue/, /Invoiced and collected per month/]) {
        await page.getByRole("img", { name: chart }).first().waitFor();
        await expect(page.getByRole("img", { name: chart }).count()).resolves.toBe(1);
      }
      // each chart's figures are in a table too
      const march = eur.months.find((m: { month: string }) => m.month === "2026-03");
      const row = page.locator("table", { hasText: "Invoiced and collected" }).locator("tr", {
        hasText: "2026-03",
      });
      await expect(row.textContent()).resolves.toContain(march.invoiced);
      await expect(row.textContent()).resolves.toContain(march.collected);
      await expectAccessible(page, "the dashboard");
      await shot("console-dashboard");
    });

    it("sorts the customers by name through the API, both ways", async () => {
      await page.goto(`${base}/console#/customers`);
      const customers = page.getByRole("region", { name: "Customers" });
      const header = customers.getByRole("columnheader", { name: /Name/ });
      await customers.locator("tbody tr").first().waitFor();
      await expect(header.getAttribute("aria-sort")).resolves.toBe("none");
      const ids = () =>
        customers
          .locator("tbody tr code.id")
          .evaluateAll((cells) => cells.map((c) => c.textContent ?? ""));
      const byApi = async (order: string) =>
        (await api("GET", `/v1/customers?sort=name&order=${order}&limit=25`)).body.data.map(
          (c: { id: string }) => c.id,
        );
      const ascending = await byApi("asc");
      expect(ascending.length).toBeGreaterThan(2);
      // the list by creation is not already in name order
      expect(await ids()).not.toEqual(ascending);

      await customers.getByRole("button", { name: "Name" }).click();
      await expect.poll(() => header.getAttribute("aria-sort")).toBe("ascending");
      await expect.poll(ids).toEqual(ascending);
      // the names shown, in alphabetical order whatever their case
      const names = await customers
        .locator("tbody tr a")
        .evaluateAll((links) => links.map((a) => (a.textContent ?? "").toLowerCase()));
      expect(names).toEqual([...names].sort());
      expect(names).toContain("nordlicht gmbh");
      await customers.getByRole("button", { name: "Name" }).click();
      await expect.poll(() => header.getAttribute("aria-sort")).toBe("descending");
      await expect.poll(ids).toEqual(await byApi("desc"));
      expect(decodeURIComponent(page.url())).toContain("#/customers?sort=name&order=desc");
    });

    it("searches customers and records a payment on one", async () => {
      await page.getByRole("searchbox", { name: "Search customers" }).fill("fjord");
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await page.getByRole("link", { name: "Fjord Analytics AS" }).click();
      await page.getByRole("heading", { level: 1, name: "Fjord Analytics AS" }).waitFor();
      const customerId = decodeURIComponent(page.url().split("/").pop()!);
      const before = await api("GET", `/v1/customers/${customerId}/balance`);
      const owed = before.body.balances[0].balance;
      expect(Number(owed)).toBeGreaterThan(0); // Fjord's card was declined every month
      const paymentForm = page.getByRole("form", { name: "Record a payment" });
      await paymentForm.getByLabel("Amount").fill("10.00");
      await paymentForm.getByLabel("Reference").fill("console test");
      await paymentForm.getByRole("button", { name: "Record payment" }).click();
      await expect
        .poll(() => paymentForm.getByRole("status").textContent())
        .toContain("Recorded 10.00 EUR");
      const after = await api("GET", `/v1/customers/${customerId}/balance`);
      expect(after.body.balances[0].paid).not.toBe(before.body.balances[0].paid);
      const payments = await api("GET", `/v1/payments?customer_id=${customerId}&limit=100`);
      expect(
        payments.body.data.filter(
          (p: { reference: string | null }) => p.reference === "console test",
        ),
      ).toHaveLength(1);
      await expectAccessible(page, "a customer");
      await shot("console-customer");
    });

    it("shows a contract's phases and usage, previews its cancellation and ends it", async () => {
      await page.locator("table").first().waitFor();
      const contractLink = page.getByRole("link", { name: /^con_/ }).first();
      const contractId = (await contractLink.textContent())!;
      await contractLink.click();
      await page.getByRole("heading", { level: 1, name: `Contract ${contractId}` }).waitFor();
      await expect(page.locator("ol.phases li").count()).resolves.toBeGreaterThanOrEqual(2);
      await expect(
        page.getByRole("img", { name: "Usage per component and month" }).count(),
      ).resolves.toBe(1);
      await expectAccessible(page, "a contract");
      await page.getByRole("button", { name: "Preview cancellation" }).click();
      const preview = await api("GET", `/v1/contracts/${contractId}/cancellation_preview`);
      const end = preview.body.end_date.slice(0, 10);
      await page.getByRole("button", { name: `End contract on ${end}` }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toContain(`ends on ${end}`);
      const contract = await api("GET", `/v1/contracts/${contractId}`);
      expect(contract.body.end_date).toBe(preview.body.end_date);
      await shot("console-contract");
    });

    it("approves a signup that awaits approval", async () => {
      await page.getByRole("link", { name: "Orders" }).click();
      const pending = (await api("GET", "/v1/orders?limit=100")).body.data.filter(
        (o: { status: string }) => o.status === "approval_pending",
      );
      expect(pending).toHaveLength(1);
      await expectAccessible(page, "orders");
      await page.getByRole("button", { name: `Approve ${pending[0].id}` }).click();
      await expect
        .poll(async () => (await api("GET", `/v1/orders/${pending[0].id}`)).body.status)
        .toBe("succeeded");
      await page
        .getByRole("button", { name: `Approve ${pending[0].id}` })
        .waitFor({ state: "detached" });
    });

    it("declines an order", async () => {
      const customer = (await api("GET", "/v1/customers?q=polaris")).body.data[0];
      const variant = (await api("GET", "/v1/plan_variants?limit=100")).body.data.find(
        (v: { internal_name: string }) => v.internal_name === "Enterprise yearly",
      );
      const order = (
        await api("POST", "/v1/orders", { customer_id: customer.id, plan_variant_id: variant.id })
      ).body;
      await api("POST", `/v1/orders/${order.id}/commit`, {});
      await page.reload();
      await page.getByRole("button", { name: `Decline ${order.id}` }).click();
      await expect
        .poll(async () => (await api("GET", `/v1/orders/${order.id}`)).body.status)
        .toBe("declined");
      await shot("console-orders");
    });

    /**
     * Sorts a list the API sorts by one column's header, ascending, then descending: the
     * header's `aria-sort` follows, and the rows shown are the API's first page in that order.
     */
    const sortsThroughApi = async (list: {
      path: string;
      caption: string;
      header: string;
      sort: string;
      /** What tells the rows apart, as shown and as the API answers them. */
      shown: (rows: Locator) => Promise<string[]>;
      answered: (items: any[]) => string[];
    }) => {
      await page.goto(`${base}/console#${list.path}`);
      const table = page.getByRole("region", { name: list.caption, exact: true });
      const header = table.getByRole("columnheader", { name: list.header, exact: true });
      await table.locator("tbody tr").first().waitFor();
      await expect(header.getAttribute("aria-sort")).resolves.toBe("none");
      const shown = () => list.shown(table.locator("tbody tr"));
      const byApi = async (order: string) =>
        list.answered(
          (await api("GET", `/v1${list.path}?sort=${list.sort}&order=${order}&limit=25`)).body.data,
        );
      const ascending = await byApi("asc");
      expect(ascending.length).toBeGreaterThan(2);
      // the list by creation is not already in this order
      expect(await shown()).not.toEqual(ascending);

      await table.getByRole("button", { name: list.header, exact: true }).click();
      await expect.poll(() => header.getAttribute("aria-sort")).toBe("ascending");
      await expect.poll(shown).toEqual(ascending);
      await table.getByRole("button", { name: list.header, exact: true }).click();
      await expect.poll(() => header.getAttribute("aria-sort")).toBe("descending");
      await expect.poll(shown).toEqual(await byApi("desc"));
      expect(decodeURIComponent(page.url())).toContain(
        `#${list.path}?sort=${list.sort}&order=desc`,
      );
    };

    it("sorts the payments by amount through the API, both ways", async () => {
      await sortsThroughApi({
        path: "/payments",
        caption: "Payments, refunds and write-offs",
        header: "Amount",
        sort: "amount",
        // a payment by its customer and its amount (the list shows no payment id)
        shown: (rows) =>
          rows.evaluateAll((trs) =>
            trs.map(
              (tr) =>
                `${tr.querySelector("a")?.getAttribute("href")} ${tr.querySelector("td.num")?.textContent}`,
            ),
          ),
        answered: (payments: { customer_id: string; amount: string; currency: string }[]) =>
          payments.map(
            (p) =>
              `#/customers/${encodeURIComponent(p.customer_id)} ${formatMoney(p.amount, p.currency)}`,
          ),
      });
    });

    it("opens an invoice and downloads its PDF; lists credit notes", async () => {
      await page.getByRole("link", { name: "Invoices", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Invoices" }).waitFor();
      await expectAccessible(page, "invoices");
      await page.locator("tbody tr").first().getByRole("link").first().click();
      await page.getByRole("heading", { level: 1, name: /^Invoice / }).waitFor();
      // one click: the signed link is made and followed, the browser downloads the PDF
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download PDF" }).click(),
      ]);
      const pdf = fs.readFileSync((await download.path())!);
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      await shot("console-invoice");
      await page.getByRole("link", { name: "Credit notes" }).click();
      await page.getByRole("heading", { level: 1, name: "Credit notes" }).waitFor();
      // the demo's credit note for Nordlicht's February invoice (the list loads after the heading)
      await page.getByRole("cell", { name: "credit note" }).first().waitFor();
    });

    it("retries a webhook delivery", async () => {
      // the demo paused its endpoint when its receiver stopped: an operator turns it back on
      const endpoint = (await api("GET", "/v1/webhook_endpoints")).body.data[0];
      await api("PATCH", `/v1/webhook_endpoints/${endpoint.id}`, { enabled: true });
      await page.getByRole("link", { name: "Webhooks" }).click();
      await page.getByRole("heading", { level: 1, name: "Webhooks" }).waitFor();
      // "Retry: invoice.issued delivery whd_…": the button's accessible name ends with the id
      const retry = page.getByRole("button", { name: /^Retry( now)?: / }).first();
      const label = (await retry.getAttribute("aria-label"))!;
      const id = label.split(" ").pop()!;
      await retry.click();
      await expect
        .poll(async () => {
          const audit = await api("GET", `/v1/audit_events?operation=webhook_deliveries.redeliver`);
          return audit.body.data.length;
        })
        .toBeGreaterThanOrEqual(1);
      expect((await api("GET", `/v1/webhook_deliveries/${id}`)).status).toBe(200);
      await expectAccessible(page, "webhook deliveries");
      await shot("console-webhooks");
    });

    it("lists subscription actions and the audit log of what the console did", async () => {
      await page.getByRole("link", { name: "Subscription actions" }).click();
      await page.getByRole("cell", { name: "rest", exact: true }).first().waitFor();
      await page.getByRole("link", { name: "Audit log" }).click();
      await page.getByRole("cell", { name: "payments.create" }).first().waitFor();
      await page.getByRole("cell", { name: "contracts.end" }).first().waitFor();
      await expectAccessible(page, "the audit log");
      await shot("console-audit");
    });

    it("advances the test clock", async () => {
      await page.getByRole("link", { name: "Clock" }).click();
      await page.getByText("a test clock").waitFor();
      await page.getByRole("button", { name: "Advance one day" }).click();
      await expect
        .poll(() => page.getByRole("status").textContent())
        .toContain("2026-05-02 06:00 UTC");
      expect((await api("GET", "/v1/test_clock")).body.now).toBe("2026-05-02T06:00:00Z");
      await shot("console-clock");
    });

    it("adds and deletes a contact, adds and deducts promotional credits on a customer", async () => {
      await page.getByRole("searchbox", { name: "Search customers" }).fill("fjord");
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await page.getByRole("link", { name: "Fjord Analytics AS" }).click();
      await page.getByRole("heading", { level: 1, name: "Fjord Analytics AS" }).waitFor();
      const customerId = decodeURIComponent(page.url().split("/").pop()!);

      const contactForm = page.getByRole("form", { name: "Add a contact" });
      await contactForm.getByLabel("First name").fill("Ada");
      await contactForm.getByLabel("Last name").fill("Lovelace");
      await contactForm.getByLabel("E-mail", { exact: true }).fill("ada@fjord.example");
      await contactForm.getByLabel("Phone").fill("+47 22 00 00 00");
      await contactForm.getByLabel("Label", { exact: true }).fill("accounting");
      await contactForm.getByRole("button", { name: "Add contact" }).click();
      await expect
        .poll(() => contactForm.getByRole("status").textContent())
        .toBe("Added contact ada@fjord.example.");
      const contactRow = page.getByRole("region", { name: "Contacts", exact: true }).locator("tr", {
        hasText: "ada@fjord.example",
      });
      await expect
        .poll(() => contactRow.textContent())
        .toBe(
          "Ada Lovelaceada@fjord.example+47 22 00 00 00accountingbilling e-mailsDelete contact ada@fjord.example",
        );
      const contacts = await api("GET", `/v1/customers/${customerId}/contacts`);
      expect(contacts.body.data).toMatchObject([
        {
          email: "ada@fjord.example",
          first_name: "Ada",
          label: "accounting",
          send_billing_email: true,
          send_account_email: false,
          enabled: true,
        },
      ]);

      const creditForm = page.getByRole("form", { name: "Add or deduct credits" });
      await expect(creditForm.getByLabel("Credit currency").inputValue()).resolves.toBe("EUR");
      await creditForm.getByLabel("Credits", { exact: true }).fill("25.00");
      await creditForm.getByLabel("Description").fill("Goodwill for the May outage");
      await creditForm.getByRole("button", { name: "Add credits" }).click();
      await expect
        .poll(() => creditForm.getByRole("status").textContent())
        .toBe("Added 25.00 EUR; the balance is 25.00 EUR.");
      const balances = page.getByRole("region", {
        name: "Promotional credit balance per currency",
      });
      await expect.poll(() => balances.locator("tbody").textContent()).toBe("EUR25.00 EUR");
      const ledger = page.getByRole("table", { name: "Promotional credit ledger" });
      await expect
        .poll(() => ledger.locator("tbody tr").first().textContent())
        .toMatch(
          /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTCadd25\.00 EUR25\.00 EURGoodwill for the May outage$/,
        );

      await creditForm.getByLabel("Credits", { exact: true }).fill("5.00");
      await creditForm.getByLabel("Description").fill("Part of the goodwill taken back");
      await creditForm.getByRole("button", { name: "Deduct credits" }).click();
      await expect
        .poll(() => creditForm.getByRole("status").textContent())
        .toBe("Deducted 5.00 EUR; the balance is 20.00 EUR.");
      await expect.poll(() => balances.locator("tbody").textContent()).toBe("EUR20.00 EUR");
      await expect
        .poll(() => ledger.locator("tbody tr").first().textContent())
        .toContain("deduct−5.00 EUR20.00 EURPart of the goodwill taken back");
      const credits = await api("GET", `/v1/customers/${customerId}/promotional_credits`);
      expect(credits.body.balances).toEqual([{ currency: "EUR", balance: "20.00" }]);
      expect(credits.body.data.map((e: { kind: string }) => e.kind)).toEqual(["deduct", "add"]);
      await expectAccessible(page, "a customer's contacts and credits");
      await shot("console-customer-contacts-credits");

      await page.getByRole("button", { name: "Delete contact ada@fjord.example" }).click();
      await expect.poll(() => contactRow.count()).toBe(0);
      expect((await api("GET", `/v1/customers/${customerId}/contacts`)).body.data).toEqual([]);
    });

    it("adds a card and a bank account, switches the primary source and deletes one", async () => {
      const customerId = await openCustomer("fjord", "Fjord Analytics AS");
      const sources = page.getByRole("region", { name: "Payment sources", exact: true });
      const row = (name: string) => sources.locator("tbody tr", { hasText: name });
      const roleOf = (name: string) => row(name).locator("td").nth(1).textContent();

      const cardForm = page.getByRole("form", { name: "Add a card" });
      await cardForm.getByLabel("Card number").fill("4000 0000 0000 0002");
      await cardForm.getByLabel("Expiry month").fill("12");
      await cardForm.getByLabel("Expiry year").fill("2030");
      await cardForm.getByRole("button", { name: "Add card" }).click();
      await expect
        .poll(() => cardForm.getByRole("status").textContent())
        .toBe("Added Visa ending 0002 (role: primary).");
      await expect
        .poll(() => row("Visa ending 0002").textContent())
        .toBe("Visa ending 0002card, expires 12/2030primaryvalidMake backupDelete");

      const bankForm = page.getByRole("form", { name: "Add a bank account" });
      await bankForm.getByLabel("IBAN").fill("DE89 3704 0044 0532 0130 00");
      await bankForm.getByLabel("Account holder").fill("Fjord Analytics AS");
      await bankForm.getByRole("button", { name: "Add bank account" }).click();
      await expect
        .poll(() => bankForm.getByRole("status").textContent())
        .toBe("Added DE bank account ending 3000 (role: none).");
      await expect
        .poll(() => row("DE bank account ending 3000").textContent())
        .toContain("DE bank account ending 3000bank account, held by Fjord Analytics ASnonevalid");

      // a second card, given the backup role as it is added
      await cardForm.getByLabel("Card number").fill("4242424242424242");
      await cardForm.getByLabel("Expiry month").fill("1");
      await cardForm.getByLabel("Expiry year").fill("2031");
      await cardForm.getByLabel("Card role").selectOption("backup");
      await cardForm.getByRole("button", { name: "Add card" }).click();
      await expect
        .poll(() => cardForm.getByRole("status").textContent())
        .toBe("Added Visa ending 4242 (role: backup).");
      await expect.poll(() => roleOf("Visa ending 4242")).toBe("backup");
      // a refusal shows the API's message
      await cardForm.getByLabel("Card number").fill("4242424242424241");
      await cardForm.getByLabel("Expiry month").fill("1");
      await cardForm.getByLabel("Expiry year").fill("2031");
      await cardForm.getByRole("button", { name: "Add card" }).click();
      await expect
        .poll(() => cardForm.getByRole("alert").textContent())
        .toBe("the card number is not a valid card number (invalid_card_number)");
      // chromium logs the refused request; it was meant
      await expect.poll(() => errors.findIndex((e) => e.includes("status of 400"))).not.toBe(-1);
      errors.splice(
        errors.findIndex((e) => e.includes("status of 400")),
        1,
      );

      // switch the primary to the bank account, and back to the first card by keyboard
      await page.getByRole("button", { name: "Make primary: DE bank account ending 3000" }).click();
      await expect.poll(() => roleOf("DE bank account ending 3000")).toBe("primary");
      await expect.poll(() => roleOf("Visa ending 0002")).toBe("none");
      const rolesByLast4 = async () =>
        Object.fromEntries(
          (await api("GET", `/v1/customers/${customerId}/payment_sources`)).body.data.map(
            (s: { role: string; card: { last4: string } | null; bank_account: any }) => [
              (s.card ?? s.bank_account).last4,
              s.role,
            ],
          ),
        );
      expect(await rolesByLast4()).toEqual({ "0002": "none", "3000": "primary", "4242": "backup" });
      await page.getByRole("button", { name: "Make primary: Visa ending 0002" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => roleOf("Visa ending 0002")).toBe("primary");
      expect(await rolesByLast4()).toEqual({ "0002": "primary", "3000": "none", "4242": "backup" });

      await expectAccessible(page, "a customer's payment sources");
      await shot("console-customer-payment-sources");

      await page.getByRole("button", { name: "Delete: DE bank account ending 3000" }).click();
      await expect.poll(() => row("DE bank account ending 3000").count()).toBe(0);
      const all = await api(
        "GET",
        `/v1/customers/${customerId}/payment_sources?include_deleted=true`,
      );
      expect(
        all.body.data.map((s: { type: string; status: string }) => [s.type, s.status]).sort(),
      ).toEqual([
        ["bank_account", "deleted"],
        ["card", "valid"],
        ["card", "valid"],
      ]);
    });

    it("collects an invoice and then all the customer owes: the declined primary fails, the backup pays", async () => {
      const customerId = decodeURIComponent(page.url().split("/").pop()!);
      const balance = (await api("GET", `/v1/customers/${customerId}/balance`)).body;
      const open = balance.open_invoices as { invoice_id: string; number: string; due: string }[];
      expect(open.length).toBeGreaterThanOrEqual(2);
      const [first, ...rest] = open as [(typeof open)[0], ...typeof open];

      // one invoice, from its page
      await page.getByRole("link", { name: first.number, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: `Invoice ${first.number}` }).waitFor();
      const amounts = page.locator("dl.account");
      await expect
        .poll(() => amounts.textContent())
        .toContain(`Amount due${formatMoney(first.due, "EUR")}`);
      await page.getByRole("button", { name: "Collect now" }).click();
      await expect
        .poll(() => page.getByRole("status").textContent())
        .toBe(`Payment succeeded: ${formatMoney(first.due, "EUR")} charged to Visa ending 4242.`);
      await page.getByRole("button", { name: "Collect now" }).waitFor({ state: "detached" });
      await expect
        .poll(() => amounts.textContent())
        .toContain(`Amount due${formatMoney("0.00", "EUR")}`);
      await shot("console-invoice-collected");
      // each attempt is a payment naming its source: the declined primary, then the backup
      const attempts = async () =>
        (
          (await api("GET", `/v1/payments?customer_id=${customerId}&limit=100`)).body.data as {
            status: string;
            amount: string;
            payment_source_id: string | null;
            failure: { message: string } | null;
            allocations: { invoice_id: string }[];
          }[]
        ).filter((p) => p.payment_source_id !== null);
      expect(await attempts()).toMatchObject([
        { status: "failed", amount: first.due, failure: { message: "the card was declined" } },
        { status: "succeeded", amount: first.due, allocations: [{ invoice_id: first.invoice_id }] },
      ]);

      // the rest, from the customer's page
      await page.goBack();
      await page.getByRole("heading", { level: 1, name: "Fjord Analytics AS" }).waitFor();
      const owed = addDecimals(rest.map((i) => i.due));
      const collect = page.getByRole("form", { name: "Collect what the customer owes" });
      await expect
        .poll(() => collect.textContent())
        .toContain(`Open invoices owe ${formatMoney(owed, "EUR")}.`);
      await collect.getByRole("button", { name: "Collect now" }).click();
      await expect
        .poll(() => collect.getByRole("status").textContent())
        .toBe(`Payment succeeded: ${formatMoney(owed, "EUR")} charged to Visa ending 4242.`);
      await expect
        .poll(() => collect.textContent())
        .toContain("The customer owes nothing on issued invoices.");
      // both attempts are in the customer's payments (oldest first), the declined one with its reason
      const payments = page.getByRole("region", { name: "Payments", exact: true });
      await expect
        .poll(async () => (await payments.locator("tbody tr").allTextContents()).slice(-2))
        .toEqual([
          expect.stringContaining(`failed${formatMoney(owed, "EUR")}the card was declined`),
          expect.stringContaining(`succeeded${formatMoney(owed, "EUR")}—`),
        ]);
      expect((await attempts()).map((p) => [p.status, p.amount])).toEqual([
        ["failed", first.due],
        ["succeeded", first.due],
        ["failed", owed],
        ["succeeded", owed],
      ]);
      const after = (await api("GET", `/v1/customers/${customerId}/balance`)).body;
      expect(after.open_invoices).toEqual([]);
    });

    it("records an excess payment as the customer's credit", async () => {
      const customerId = decodeURIComponent(page.url().split("/").pop()!);
      const excess = page.getByRole("form", { name: "Record an excess payment" });
      await excess.getByLabel("Excess amount").fill("15.00");
      await excess.getByLabel("Payment method").selectOption("bank_transfer");
      await excess.getByLabel("Excess reference").fill("prepayment June");
      await excess.getByRole("button", { name: "Record excess payment" }).click();
      await expect
        .poll(() => excess.getByRole("status").textContent())
        .toBe("Recorded an excess payment of 15.00 EUR; it stays as the customer's credit.");
      const payment = (
        await api("GET", `/v1/payments?customer_id=${customerId}&limit=100`)
      ).body.data.find((p: { reference: string | null }) => p.reference === "prepayment June");
      expect(payment).toMatchObject({
        amount: "15.00",
        currency: "EUR",
        payment_method: "bank_transfer",
        reference: "prepayment June",
        allocations: [],
        unapplied: "15.00",
      });
    });

    it("fits the customer page into a 390 px wide screen without scrolling sideways", async () => {
      await atPhoneWidth(async () => {
        await expectAccessible(page, "a customer on a phone");
        await shot("console-customer-390px");
      });
    });

    it("links a child to a parent, shows it on both customers, changes who pays and unlinks", async () => {
      const create = async (company_name: string, email: string) =>
        (await api("POST", "/v1/customers", { company_name, email })).body as { id: string };
      const parent = await create("Konzern Holding AG", "holding@konzern.example");
      const child = await create("Konzern Tochter GmbH", "tochter@konzern.example");
      expect(await openCustomer("Konzern Tochter", "Konzern Tochter GmbH")).toBe(child.id);

      const facts = page.locator("dl.facts").nth(1);
      await expect
        .poll(() => facts.textContent())
        .toBe("ParentNone: this customer is at the top of its hierarchy");
      const linkForm = page.getByRole("form", { name: "Link to a parent" });
      await linkForm.getByLabel("Find the parent").fill("Konzern");
      await linkForm
        .getByLabel("After linking")
        .selectOption({ label: "This customer receives its invoices; the parent pays them" });
      await linkForm.getByRole("button", { name: "Find customers" }).click();
      // the customer itself is not offered as its own parent
      await linkForm.getByRole("button", { name: "Link under Konzern Holding AG" }).waitFor();
      await expect(
        linkForm.getByRole("button", { name: "Link under Konzern Tochter GmbH" }).count(),
      ).resolves.toBe(0);
      await linkForm.getByRole("button", { name: "Link under Konzern Holding AG" }).click();
      await expect
        .poll(() => page.getByRole("status").textContent())
        .toBe("Linked under Konzern Holding AG.");
      await expect
        .poll(() => facts.textContent())
        .toBe(
          "ParentKonzern Holding AGReceives its invoicesthis customerPays its invoicesthe parent",
        );
      expect((await api("GET", `/v1/customers/${child.id}/hierarchy`)).body.link).toMatchObject({
        parent_id: parent.id,
        invoice_owner: "self",
        payment_owner: "parent",
      });

      const settings = page.getByRole("form", { name: "Who receives and pays the invoices" });
      await settings.getByLabel("Invoices and payment").selectOption("parent/parent");
      await settings.getByRole("button", { name: "Save hierarchy settings" }).click();
      await expect
        .poll(() => page.getByRole("status").textContent())
        .toBe("Saved: The parent receives and pays the invoices.");
      await expect.poll(() => facts.textContent()).toContain("Receives its invoicesthe parent");
      expect((await api("GET", `/v1/customers/${child.id}/hierarchy`)).body.link).toMatchObject({
        invoice_owner: "parent",
        payment_owner: "parent",
      });
      await expectAccessible(page, "a child customer's hierarchy");
      await shot("console-customer-hierarchy-child");
      await atPhoneWidth(() => shot("console-customer-hierarchy-child-390px"));

      // the parent's page lists the child, by name
      await facts.getByRole("link", { name: "Konzern Holding AG" }).click();
      await page.getByRole("heading", { level: 1, name: "Konzern Holding AG" }).waitFor();
      const children = page.getByRole("region", { name: "Child customers" });
      await expect
        .poll(() => children.locator("tbody tr").textContent())
        .toBe("Konzern Tochter GmbHthis customerthis customer—Unlink Konzern Tochter GmbH");
      await expectAccessible(page, "a parent customer's hierarchy");
      await shot("console-customer-hierarchy-parent");
      await children.getByRole("link", { name: "Konzern Tochter GmbH" }).waitFor();

      await page.getByRole("button", { name: "Unlink Konzern Tochter GmbH" }).click();
      await expect
        .poll(() => page.getByRole("status").textContent())
        .toBe("Unlinked Konzern Tochter GmbH.");
      await page.getByText("No child customers.").waitFor();
      expect((await api("GET", `/v1/customers/${child.id}/hierarchy`)).body.link).toBeNull();
    });

    it("fits every page of the navigation, and a contract and an invoice, into 390 px; axe finds nothing serious", async () => {
      const nav = page.getByRole("navigation");
      const titles = await nav.getByRole("link").allTextContents();
      expect(titles.length).toBeGreaterThanOrEqual(17);
      const check = async (title: string) => {
        await expect
          .poll(() => page.title(), { timeout: 10_000 })
          .toBe(`${title} · Accrue console`);
        await page.locator("main h1").first().waitFor();
        await page.getByText("Loading…").first().waitFor({ state: "detached" });
        await page.setViewportSize({ width: 390, height: 844 });
        try {
          await expectNoSidewaysScroll(page, `${title} at 390 px`);
          await expectAccessible(page, `${title} at 390 px`);
          await shot(`console-page-${title.toLowerCase().replace(/[^a-z]+/g, "-")}-390px`);
        } finally {
          await page.setViewportSize({ width: 1280, height: 900 });
        }
      };
      for (const title of titles) {
        await nav.getByRole("link", { name: title, exact: true }).click();
        await check(title);
      }
      await nav.getByRole("link", { name: "Contracts", exact: true }).click();
      await page.locator("main tbody a[href^='#/contracts/']").first().click();
      await check("Contract");
      await nav.getByRole("link", { name: "Invoices", exact: true }).click();
      await page.locator("main tbody a[href^='#/invoices/']").first().click();
      await check("Invoice");
    });

    it("at 390 px keeps the navigation behind a Menu button that opens, navigates, closes and answers Escape", async () => {
      const nav = page.getByRole("navigation", { name: "Console" });
      const menu = page.getByRole("button", { name: "Menu" });
      // wide: the navigation shows and the button does not
      await nav.getByRole("link", { name: "Dashboard", exact: true }).waitFor();
      expect(await menu.isVisible()).toBe(false);
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        await expect.poll(() => nav.isVisible()).toBe(false);
        expect(await menu.getAttribute("aria-expanded")).toBe("false");
        expect(await menu.getAttribute("aria-controls")).toBe("console-nav");
        // by keyboard: the button opens the menu, Escape closes it and returns to the button
        await menu.focus();
        await page.keyboard.press("Enter");
        await nav.getByRole("link", { name: "Payments", exact: true }).waitFor();
        expect(await menu.getAttribute("aria-expanded")).toBe("true");
        await expectNoSidewaysScroll(page, "the opened menu at 390 px");
        await expectAccessible(page, "the opened menu at 390 px");
        await shot("console-menu-open-390px");
        await nav.getByRole("link", { name: "Payments", exact: true }).focus();
        await page.keyboard.press("Escape");
        await expect.poll(() => nav.isVisible()).toBe(false);
        await expect.poll(() => page.evaluate("document.activeElement?.textContent")).toBe("Menu");
        // a link followed closes the menu and opens its page
        await menu.click();
        await nav.getByRole("link", { name: "Payments", exact: true }).click();
        await expect.poll(() => page.title()).toBe("Payments · Accrue console");
        await expect.poll(() => nav.isVisible()).toBe(false);
        expect(await menu.getAttribute("aria-expanded")).toBe("false");
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
      await nav.getByRole("link", { name: "Dashboard", exact: true }).click();
      await expect.poll(() => page.title()).toBe("Dashboard · Accrue console");
    });

    it("shows the API's refusal to a read-only key", async () => {
      const key = (await api("POST", "/v1/api_keys", { name: "viewer", roles: ["read_only"] })).body
        .secret;
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByLabel("API key", { exact: true }).fill(key);
      await page.getByRole("button", { name: "Sign in with the key" }).click();
      await page.getByRole("link", { name: "Clock" }).click();
      await page.getByRole("button", { name: "Advance one day" }).click();
      await expect.poll(() => page.getByRole("alert").textContent()).toContain("permission_denied");
      expect((await api("GET", "/v1/test_clock")).body.now).toBe("2026-05-02T06:00:00Z");
    });

    describe("portal", () => {
      let portal: Page;
      const portalErrors: string[] = [];
      beforeAll(async () => {
        portal = await (await browser.newContext()).newPage();
        portal.setDefaultTimeout(10_000);
        portalErrors.push(...watchErrors(portal));
      });

      it("shows the contract, the next invoice and the documents with PDFs", async () => {
        await portal.goto(demo.portal_url);
        await portal.getByRole("heading", { level: 1, name: "Your subscription" }).waitFor();
        await portal.getByText("Nordlicht GmbH").first().waitFor();
        await portal.getByRole("heading", { name: "Next invoice" }).waitFor();
        const download = portal.getByRole("link", { name: /^Download .* \(PDF\)$/ }).first();
        const pdf = await fetch((await download.getAttribute("href"))!);
        expect(pdf.headers.get("content-type")).toBe("application/pdf");
        await expectAccessible(portal, "the portal");
        await screenshot(portal, `${backend}-portal`);
      });

      it("updates the billing address and contact", async () => {
        await portal.getByLabel("City").fill("Lübeck");
        await portal.getByLabel("E-mail").fill("rechnung@nordlicht.example");
        await portal.getByRole("button", { name: "Save address and contact" }).click();
        await expect.poll(() => portal.locator("p.notice").textContent()).toBe("Saved.");
        const overview = await api("GET", "/v1/customers?q=nordlicht");
        expect(overview.body.data[0]).toMatchObject({
          email: "rechnung@nordlicht.example",
          address: { street: "Hauptstraße 1", city: "Lübeck", country: "DE" },
        });
      });

      it("changes the plan after a preview", async () => {
        await portal.getByLabel(/^Starter \(Starter monthly\)/).check();
        await portal.getByRole("button", { name: "Preview the change" }).click();
        await portal.getByRole("table", { name: "What the change bills" }).waitFor();
        await portal.getByRole("button", { name: "Confirm plan change" }).click();
        await expect
          .poll(() => portal.locator("p.notice").textContent())
          .toBe("Your plan has been changed.");
        const overview = await fetch(`${base}/portal/api/overview`, {
          headers: { authorization: `Bearer ${demo.self_service_token}` },
        });
        const { plan } = (await overview.json()) as { plan: { variant_name: string } };
        expect(plan.variant_name).toBe("Starter monthly");
        const orders = (await api("GET", "/v1/orders?limit=100")).body.data.filter(
          (o: { type: string; status: string }) => o.type === "change" && o.status === "succeeded",
        );
        expect(orders.length).toBeGreaterThanOrEqual(2); // the demo's upgrade and this one
      });

      it("commits only plan changes the portal proposed; a new proposal replaces the last", async () => {
        const portalApi = async (
          method: string,
          path: string,
          body?: unknown,
        ): Promise<{ status: number; body: any }> => {
          const res = await fetch(`${base}/portal/api${path}`, {
            method,
            headers: {
              authorization: `Bearer ${demo.self_service_token}`,
              ...(body === undefined ? {} : { "content-type": "application/json" }),
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          return { status: res.status, body: await res.json() };
        };
        const overview = (await portalApi("GET", "/overview")).body;
        const pro = overview.plan_options.find(
          (p: { variant_name: string }) => p.variant_name === "Pro monthly",
        );
        // an order an operator drafted through the API is not the portal's to commit
        const drafted = await api("POST", "/v1/orders", {
          contract_id: overview.contract.id,
          plan_variant_id: pro.plan_variant_id,
        });
        const foreign = await portalApi("POST", `/plan_changes/${drafted.body.id}/commit`);
        expect(foreign.status).toBe(404);
        expect((await api("GET", `/v1/orders/${drafted.body.id}`)).body.status).toBe("in_progress");
        const first = await portalApi("POST", "/plan_changes", {
          plan_variant_id: pro.plan_variant_id,
        });
        const second = await portalApi("POST", "/plan_changes", {
          plan_variant_id: pro.plan_variant_id,
        });
        expect(first.status).toBe(201);
        expect(second.status).toBe(201);
        expect((await api("GET", `/v1/orders/${first.body.order.id}`)).body.status).toBe(
          "declined",
        );
        expect((await api("GET", `/v1/orders/${second.body.order.id}`)).body.status).toBe(
          "in_progress",
        );
        // the operator's draft is left alone
        expect((await api("GET", `/v1/orders/${drafted.body.id}`)).body.status).toBe("in_progress");
      });

      it("cancels after showing the notice-period end and the final invoice", async () => {
        await portal.getByRole("button", { name: "When would my contract end?" }).click();
        await portal.getByRole("table", { name: "Your final invoice" }).waitFor();
        await portal.getByRole("button", { name: "Confirm cancellation" }).click();
        await expect
          .poll(() => portal.locator("p.notice").textContent())
          .toMatch(/^Cancelled\. Your contract ends on \d{4}-\d{2}-\d{2}\.$/);
        await screenshot(portal, `${backend}-portal-cancelled`);
      });

      it("shows a clear page for an unknown, expired or foreign link and reveals nothing", async () => {
        const page404 = await portal.goto(`${base}/portal/sst_unknown`);
        expect(page404?.status()).toBe(404);
        await portal
          .getByRole("heading", { name: "This link has expired or is not valid" })
          .waitFor();
        await expectAccessible(portal, "the expired-link page");
        // expired: a real token whose time is up
        await database.db
          .updateTable("self_service_tokens")
          .set({ expires_at: new Date(Date.now() - 1000) })
          .execute();
        const expired = await portal.goto(demo.portal_url);
        expect(expired?.status()).toBe(404);
        expect(await portal.content()).not.toContain("Nordlicht");
        // the portal API refuses it too, and another tenant's key is no portal token
        const other = await createTenant(database.db, { name: "Other" });
        for (const token of [demo.self_service_token, other.api_key]) {
          const res = await fetch(`${base}/portal/api/overview`, {
            headers: { authorization: `Bearer ${token}` },
          });
          expect(res.status).toBe(401);
          expect(await res.text()).not.toContain("Nordlicht");
        }
        await screenshot(portal, `${backend}-portal-expired`);
        expect(portalErrors.filter((e) => !e.includes("404"))).toEqual([]);
      });
    });

    it("sorts the orders by last update through the API, both ways", async () => {
      // an order updated after one created later: drafted, then committed a minute on
      const customer = (await api("GET", "/v1/customers?q=polaris")).body.data[0];
      const variant = (await api("GET", "/v1/plan_variants?limit=100")).body.data.find(
        (v: { internal_name: string }) => v.internal_name === "Enterprise yearly",
      );
      const draft = () =>
        api("POST", "/v1/orders", { customer_id: customer.id, plan_variant_id: variant.id });
      const first = (await draft()).body;
      const second = (await draft()).body;
      expect(second.updated_at).toBe(first.updated_at);
      const later = new Date(Date.parse(first.updated_at) + 60_000).toISOString();
      await api("POST", "/v1/test_clock/advance", { frozen_time: later });
      const committed = (await api("POST", `/v1/orders/${first.id}/commit`, {})).body;
      expect(committed.updated_at).toBe(later);

      await sortsThroughApi({
        path: "/orders",
        caption: "Orders",
        header: "Updated",
        sort: "updated",
        shown: (rows) =>
          rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector("code")?.textContent ?? "")),
        answered: (orders: { id: string }[]) => orders.map((o) => o.id),
      });
    });

    it("logged no errors in the console's pages", () => {
      expect(errors.filter((e) => !/\b40[13]\b/.test(e))).toEqual([]);
    });
  });
}
