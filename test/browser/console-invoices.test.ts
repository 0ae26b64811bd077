/**
 * The console's invoices for a finance operator, in chromium: the list filtered by status,
 * issue date and customer (found by name) with its total count; an issued invoice's amounts
 * and payments, a payment recorded, the PDF downloaded in one click, the invoice sent again,
 * a credit note for part of a line; a draft voided, and a refused void showing the API's
 * reason. Each result is read back through the API.
 */
import fs from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formatMoney } from "../../web/shared/format.js";
import { BACKENDS } from "../harness.js";
import {
  apiClient,
  closePageWorld,
  expectAccessible,
  openPageWorld,
  type PageWorld,
  screenshot,
  signInToConsole,
} from "./browser.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

const eur = (amount: string) => formatMoney(amount, "EUR");

for (const backend of BACKENDS) {
  describe(`console invoices in chromium [${backend}]`, () => {
    let world: PageWorld | undefined;
    let base: string;
    let key: string;
    let page: Page;
    let errors: string[];
    const api = apiClient(
      () => base,
      () => key,
    );
    const ids = { alpha: "", beta: "", jan: "", feb: "", febBeta: "", mar: "", draft: "" };
    const charge = async (customer: string, price: string, draft = false) =>
      (
        await api("POST", "/v1/invoices", {
          customer_id: customer,
          currency: "EUR",
          lines: [
            { description: "Consulting", unit_price: price },
            { description: "Travel", unit_price: "1.00" },
          ],
          ...(draft ? { draft: true } : {}),
        })
      ).id as string;
    const count = () => page.locator("p.count").textContent();
    const invoices = () => page.getByRole("region", { name: "Invoices" });

    // Alpha: 11 (Jan 5), 21 (Feb 10), 31 (Mar 15, 10.00 paid) and a draft of 6; Beta: 41 (Feb 10)
    beforeAll(async () => {
      world = await openPageWorld(backend, "Ledger Ltd");
      ({ base, key, page, errors } = world);
      await api("POST", "/v1/test_clock", { frozen_time: "2026-01-05T10:00:00Z" });
      ids.alpha = (
        await api("POST", "/v1/customers", {
          company_name: "Alpha GmbH",
          email: "billing@alpha.example",
        })
      ).id;
      ids.beta = (await api("POST", "/v1/customers", { company_name: "Beta Ltd" })).id;
      ids.jan = await charge(ids.alpha, "10");
      await api("POST", "/v1/test_clock/advance", { frozen_time: "2026-02-10T10:00:00Z" });
      ids.feb = await charge(ids.alpha, "20");
      ids.febBeta = await charge(ids.beta, "40");
      await api("POST", "/v1/test_clock/advance", { frozen_time: "2026-03-15T10:00:00Z" });
      ids.mar = await charge(ids.alpha, "30");
      ids.draft = await charge(ids.alpha, "5", true);
      await api("POST", `/v1/invoices/${ids.mar}/record_payment`, {
        amount: "10.00",
        reference: "wire 0815",
      });

      await signInToConsole(page, base, key);
    });

    afterAll(async () => {
      await closePageWorld(world);
    });

    it("filters the invoices by status, issue date and customer, with the total count", async () => {
      await page
        .getByRole("navigation")
        .getByRole("link", { name: "Invoices", exact: true })
        .click();
      await page.getByRole("heading", { level: 1, name: "Invoices" }).waitFor();
      await expect.poll(count).toBe("5 invoices");
      // newest first, each with its customer's name and id
      await expect
        .poll(() => invoices().locator("tbody tr").first().textContent())
        .toContain("draft");
      await expect(invoices().getByRole("link", { name: "Beta Ltd" }).count()).resolves.toBe(1);
      await expect(invoices().getByText(ids.beta, { exact: true }).count()).resolves.toBe(1);

      await page.getByLabel("Status", { exact: true }).selectOption("finalized");
      await expect.poll(count).toBe("4 invoices");
      const dates = page.getByRole("form", { name: "Filter invoices by issue date" });
      await dates.getByLabel("Issued from").fill("2026-02-01");
      await dates.getByLabel("Issued to").fill("2026-02-28");
      await dates.getByRole("button", { name: "Filter by date" }).click();
      await expect.poll(count).toBe("2 invoices");
      const customer = page.getByRole("form", { name: "Filter invoices by customer" });
      await customer.getByLabel("Customer (name or id)").fill("Alpha");
      await customer.getByRole("button", { name: "Filter" }).click();
      await expect.poll(count).toBe("1 invoice");
      await expect
        .poll(() => invoices().locator("tbody tr").first().textContent())
        .toContain(eur("21.00"));
      const url = decodeURIComponent(page.url());
      for (const part of ["status=finalized", "from=2026-02-01", "to=2026-02-28"]) {
        expect(url).toContain(part);
      }
      expect(url).toContain(`customer=${ids.alpha}`);
      await expectAccessible(page, "invoices filtered");
      await screenshot(page, `${backend}-console-invoices-filtered`);

      // oldest first: January's invoice leads the whole list
      await page.goto(`${base}/console#/invoices?order=asc`);
      await expect.poll(count).toBe("5 invoices");
      await expect
        .poll(() => invoices().locator("tbody tr").first().textContent())
        .toContain(eur("11.00"));
    });

    it("sorts the invoices by a column header through the API, keeping the filters", async () => {
      await page.goto(`${base}/console#/invoices?status=finalized`);
      await expect.poll(count).toBe("4 invoices");
      const totals = () =>
        invoices()
          .locator("tbody tr td.num")
          .evaluateAll((cells) => cells.map((c) => c.textContent ?? ""));
      const header = (name: RegExp) => invoices().getByRole("columnheader", { name });
      // headers the API sorts by are buttons; the others are plain
      await expect(header(/Total/).getAttribute("aria-sort")).resolves.toBe("none");
      await expect(header(/Status/).getAttribute("aria-sort")).resolves.toBeNull();

      await invoices().getByRole("button", { name: "Total" }).click();
      await expect.poll(totals).toEqual(["11.00", "21.00", "31.00", "41.00"].map(eur));
      await expect(header(/Total/).getAttribute("aria-sort")).resolves.toBe("ascending");
      await expect.poll(count).toBe("4 invoices");
      // the keyboard chooses the other direction: Enter on the focused header button
      await invoices().getByRole("button", { name: "Total" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(totals).toEqual(["41.00", "31.00", "21.00", "11.00"].map(eur));
      await expect(header(/Total/).getAttribute("aria-sort")).resolves.toBe("descending");
      const url = decodeURIComponent(page.url());
      for (const part of ["status=finalized", "sort=total", "order=desc"])
        expect(url).toContain(part);
      await expect(page.getByLabel("Order", { exact: true }).inputValue()).resolves.toBe(
        "total:desc",
      );

      // by issue date, latest first: March's invoice, then February's two, then January's
      // the second click once the first has sorted the list (a click on the header the page
      // is replacing would ask for ascending again)
      await invoices().getByRole("button", { name: "Issued" }).click();
      await expect.poll(() => header(/Issued/).getAttribute("aria-sort")).toBe("ascending");
      await invoices().getByRole("button", { name: "Issued" }).click();
      await expect.poll(() => header(/Issued/).getAttribute("aria-sort")).toBe("descending");
      await expect(header(/Total/).getAttribute("aria-sort")).resolves.toBe("none");
      await expect.poll(async () => (await totals())[0]).toBe(eur("31.00"));
      await expect.poll(async () => (await totals())[3]).toBe(eur("11.00"));
      await expectAccessible(page, "invoices sorted");
    });

    it("shows an issued invoice's amounts and payments, records a payment, downloads the PDF in one click", async () => {
      const number = (await api("GET", `/v1/invoices/${ids.mar}`)).number as string;
      await page.goto(`${base}/console#/invoices/${ids.mar}`);
      await page.getByRole("heading", { level: 1, name: `Invoice ${number}` }).waitFor();
      const amounts = page.locator("dl.account");
      await expect.poll(() => amounts.textContent()).toContain(`Amount due${eur("21.00")}`);
      await expect(amounts.textContent()).resolves.toContain(`Amount paid${eur("10.00")}`);
      const payments = page.getByRole("region", { name: "Payments, refunds and write-offs" });
      await payments.getByRole("cell", { name: "wire 0815" }).waitFor();

      await page.getByRole("button", { name: "Record payment" }).click();
      const form = page.getByRole("form", { name: "Record payment" });
      await expect(form.getByLabel("Amount (EUR)").inputValue()).resolves.toBe("21.00");
      await form.getByLabel("Amount (EUR)").fill("6.50");
      await form.getByLabel("Paid by").selectOption("cash");
      await form.getByLabel("Reference (optional)").fill("till 7");
      await form.getByRole("button", { name: "Record payment" }).click();
      await page.getByRole("status").filter({ hasText: "Recorded a payment of" }).waitFor();
      await expect.poll(() => amounts.textContent()).toContain(`Amount due${eur("14.50")}`);
      await expect(amounts.textContent()).resolves.toContain(`Amount paid${eur("16.50")}`);
      await payments.getByRole("cell", { name: "till 7" }).waitFor();
      const account = await api("GET", `/v1/invoices/${ids.mar}/payments`);
      expect(account.payments.map((p: any) => [p.amount, p.payment_method, p.reference])).toEqual([
        ["10.00", null, "wire 0815"],
        ["6.50", "cash", "till 7"],
      ]);
      expect(account.due).toBe("14.50");

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download PDF" }).click(),
      ]);
      const bytes = fs.readFileSync((await download.path())!);
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      expect(download.suggestedFilename()).toBe(`${number}.pdf`);
      await expectAccessible(page, "an issued invoice");
      await screenshot(page, `${backend}-console-invoice-paid`);
    });

    it("sends the invoice again and issues a credit note for part of a line", async () => {
      const before = (await api("GET", `/v1/customers/${ids.alpha}/messages?limit=100`)).data;
      await page.getByRole("button", { name: "Send to customer" }).click();
      const send = page.getByRole("form", { name: "Send to customer" });
      await send.getByRole("button", { name: "Send" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: "Queued for billing@alpha.example." })
        .waitFor();
      const after = (await api("GET", `/v1/customers/${ids.alpha}/messages?limit=100`)).data;
      expect(after.length).toBe(before.length + 1);
      expect(after[0]).toMatchObject({ kind: "invoice_issued", attachment_document_id: ids.mar });

      await page.getByRole("button", { name: "Issue credit note" }).click();
      const credit = page.getByRole("form", { name: "Issue credit note" });
      await credit.getByLabel("amounts of chosen lines").check();
      await credit.getByLabel(/^Credit of “Consulting”/).fill("4.50");
      await credit.getByLabel("Reason (optional)").fill("late delivery");
      await credit.getByRole("button", { name: "Issue credit note" }).click();
      await page.getByRole("status").filter({ hasText: "Issued credit note" }).waitFor();
      const amounts = page.locator("dl.account");
      await expect.poll(() => amounts.textContent()).toContain(`Credited${eur("4.50")}`);
      await expect(amounts.textContent()).resolves.toContain(`Amount due${eur("10.00")}`);
      const notes = page.getByRole("region", { name: "Credit notes" });
      await notes.getByRole("cell", { name: eur("4.50") }).waitFor();
      const listed = await api("GET", `/v1/invoices?corrects_invoice_id=${ids.mar}`);
      expect(listed.data.map((n: any) => [n.kind, n.total_gross])).toEqual([
        ["credit_note", "-4.50"],
      ]);
    });

    it("voids an invoice, shows a refused void's reason, deletes a draft", async () => {
      // the March invoice has payments and a credit note: the API refuses, the page says why
      await page.getByRole("button", { name: "Void invoice" }).click();
      await page
        .getByRole("form", { name: "Void invoice" })
        .getByRole("button", { name: "Void" })
        .click();
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toMatch(/\((invoice_has_payments|invoice_has_credit_notes)\)$/);
      expect((await api("GET", `/v1/invoices/${ids.mar}`)).status).toBe("finalized");

      const beta = await api("GET", `/v1/invoices/${ids.febBeta}`);
      await page.goto(`${base}/console#/invoices/${ids.febBeta}`);
      await page.getByRole("heading", { level: 1, name: `Invoice ${beta.number}` }).waitFor();
      await page.getByRole("button", { name: "Void invoice" }).click();
      const confirm = page.getByRole("form", { name: "Void invoice" });
      await confirm.getByRole("button", { name: "Cancel" }).click();
      expect((await api("GET", `/v1/invoices/${ids.febBeta}`)).status).toBe("finalized");
      await page.getByRole("button", { name: "Void invoice" }).click();
      await confirm.getByRole("button", { name: "Void" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `${beta.number} is void.` })
        .waitFor();
      expect((await api("GET", `/v1/invoices/${ids.febBeta}`)).status).toBe("void");
      await page.locator("dl.facts").getByText("void", { exact: true }).waitFor();
      await expect(page.getByRole("button", { name: "Void invoice" }).count()).resolves.toBe(0);

      await page.goto(`${base}/console#/invoices/${ids.draft}`);
      await page.getByRole("heading", { level: 1, name: /^Invoice \(draft / }).waitFor();
      await expect(page.getByRole("button", { name: "Download PDF" }).count()).resolves.toBe(0);
      await expect(page.getByRole("button", { name: "Void invoice" }).count()).resolves.toBe(0);
      await page.getByRole("button", { name: "Delete draft" }).click();
      await page
        .getByRole("form", { name: "Delete draft" })
        .getByRole("button", { name: "Delete" })
        .click();
      await page.getByRole("heading", { level: 1, name: "Invoices" }).waitFor();
      const gone = await fetch(`${base}/v1/invoices/${ids.draft}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(gone.status).toBe(404);
      expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    });
  });
}
