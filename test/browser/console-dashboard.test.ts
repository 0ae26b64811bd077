/**
 * The console's dashboard in a real browser (Debian's chromium via playwright-core) over a
 * known book on a test clock: the period's figures against the previous period as tiles, the
 * period switched with the keyboard and the selector (a named period and a custom range), the
 * charts' axis labels readable (at least 11 px) and apart at 1280 and 390 px, nothing
 * scrolling sideways, axe, screenshots under test-results/.
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
  signInToConsole,
} from "./browser.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

type AxisCheck = { smallestFontPx: number; overlaps: string[]; labels: number };

for (const backend of BACKENDS) {
  describe(`console dashboard in chromium [${backend}]`, () => {
    let world: PageWorld | undefined;
    let base: string;
    let key: string;
    let page: Page;
    let errors: string[];
    const api = apiClient(
      () => base,
      () => key,
    );
    const shot = (name: string) => screenshot(page, `${backend}-console-dashboard-${name}`);

    /** The tiles of the period's figures in `currency`: label → text (run in the page). */
    const tiles = (currency: string): Promise<Record<string, string>> =>
      page.evaluate(`(() => {
        const section = document.querySelector('section[aria-labelledby="period-${currency}"]');
        const out = {};
        for (const div of section ? section.querySelectorAll("dl.tiles > div") : []) {
          const dt = div.querySelector("dt").textContent;
          out[dt] = div.querySelector("dd").textContent.replace(/\\s+/g, " ").trim();
        }
        return out;
      })()`);

    const selector = () => page.getByRole("combobox", { name: "Period", exact: true });
    const range = () => page.getByTestId("period-range").textContent();
    /** The months the charts show, as the page names them. */
    const chartMonths = () => page.getByTestId("chart-months").textContent();

    /**
     * Every chart's axis labels: the smallest font as drawn (its size times the picture's
     * scale) and the x-axis labels that touch their neighbour.
     */
    const axes = (): Promise<AxisCheck> =>
      page.evaluate(`(() => {
        let smallest = Infinity;
        let labels = 0;
        const overlaps = [];
        for (const svg of document.querySelectorAll("figure.chart svg")) {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const texts = [...svg.querySelectorAll("g.axes text")];
          for (const t of texts) {
            smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
          }
          const xLabels = texts
            .filter((t) => t.getAttribute("text-anchor") === "middle")
            .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }))
            .sort((a, b) => a.box.left - b.box.left);
          labels += xLabels.length;
          for (let i = 1; i < xLabels.length; i++) {
            if (xLabels[i - 1].box.right > xLabels[i].box.left) {
              overlaps.push(xLabels[i - 1].text + " / " + xLabels[i].text);
            }
          }
        }
        return { smallestFontPx: smallest, overlaps, labels };
      })()`);

    const sidewaysScroll = () =>
      page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");

    beforeAll(async () => {
      world = await openPageWorld(backend, "Dashboard Ltd");
      ({ base, key, page, errors } = world);
      // the book: on a test clock from 1 January 2026 to 15 March 2026, noon
      await api("POST", "/v1/test_clock", { frozen_time: "2026-01-01T00:00:00Z" });
      const group = await api("POST", "/v1/plan_groups", {
        name: "Cloud",
        currency: "EUR",
        price_type: "net",
      });
      const plan = await api("POST", "/v1/plans", { plan_group_id: group.id, name: "Team" });
      const variant = async (name: string, fee: string, unit: string) =>
        (
          await api("POST", "/v1/plan_variants", {
            plan_id: plan.id,
            internal_name: name,
            recurring_fee: fee,
            fee_period: { unit, count: 1 },
          })
        ).id as string;
      const monthly = await variant("Monthly", "10.00", "month");
      const signup = async (name: string, variantId: string, quantity = "1") => {
        const customer = await api("POST", "/v1/customers", {
          company_name: name,
          email: "billing@x.example",
          time_zone: "UTC",
        });
        const order = await api("POST", "/v1/orders", {
          customer_id: customer.id,
          plan_variant_id: variantId,
          quantity,
        });
        await api("POST", `/v1/orders/${order.id}/commit`);
        return { customer: customer.id as string, contract: order.contract_id as string };
      };
      const declined = (customer_id: string, amount: string) =>
        api("POST", "/v1/payments", {
          customer_id,
          amount,
          currency: "EUR",
          method: "card",
          card_number: "4000000000000002",
        });
      // 1 January: A 10.00 a month, B 2 × 10.00, C 120.00 a year: MRR 40.00; 150.00 invoiced
      const a = await signup("Alpha", monthly);
      const b = await signup("Beta", monthly, "2");
      await signup("Gamma", await variant("Yearly", "120.00", "year"));
      await api("POST", "/v1/billing_runs");
      // 10 February: 30.00 invoiced, 4.00 credited, 15.00 declined; A ends on 1 March
      await api("POST", "/v1/test_clock/advance", { frozen_time: "2026-02-10T00:00:00Z" });
      await api("POST", "/v1/billing_runs");
      const [janInvoice] = (await api("GET", `/v1/invoices?contract_id=${a.contract}`)).data
        .filter((i: { issue_date: string }) => i.issue_date === "2026-01-01")
        .map((i: { id: string }) => i.id);
      const invoice = await api("GET", `/v1/invoices/${janInvoice}`);
      await api("POST", `/v1/invoices/${janInvoice}/credit_notes`, {
        lines: [{ line_id: invoice.lines[0].id, amount: "4.00" }],
        reason: "goodwill",
      });
      await declined(b.customer, "15.00");
      await api("POST", `/v1/contracts/${a.contract}/end`, { end_date: "2026-03-01T00:00:00Z" });
      // 5 March: D at 240.00 a year; 15 March: 260.00 invoiced (D and B), 7.50 declined
      await api("POST", "/v1/test_clock/advance", { frozen_time: "2026-03-05T00:00:00Z" });
      const d = await signup("Delta", await variant("Yearly big", "240.00", "year"));
      await api("POST", "/v1/test_clock/advance", { frozen_time: "2026-03-15T12:00:00Z" });
      await api("POST", "/v1/billing_runs");
      await declined(d.customer, "7.50");

      await signInToConsole(page, base, key);
    });

    afterAll(async () => {
      await closePageWorld(world);
    });

    it("shows this month's figures against the same days of February", async () => {
      await expect.poll(range).toBe("2026-03-01 to 2026-03-15, against 2026-02-01 to 2026-02-15");
      expect(await selector().inputValue()).toBe("this_month");
      expect(await tiles("EUR")).toEqual({
        MRR: "50.00 EUR+25.00 %; previous period 40.00 EUR",
        ARR: "600.00 EUR+25.00 %; previous period 480.00 EUR",
        "Net revenue": "260.00 EUR+900.00 %; previous period 26.00 EUR",
        "New contracts": "1no base to compare; previous period 0",
        "Churned contracts": "1no base to compare; previous period 0",
        "Churn rate": "33.33 %previous period 0.00 %",
        "Failed payments": "1 (7.50 EUR)−50.00 %; previous period 1 (15.00 EUR)",
      });
      expect(errors).toEqual([]);
    });

    it("switches the period with the keyboard and the selector, and to a custom range", async () => {
      // the selector is a native select: the arrow keys change it
      await selector().focus();
      await page.keyboard.press("ArrowUp");
      await expect.poll(range).toBe("2026-02-14 to 2026-03-15, against 2026-01-15 to 2026-02-13");
      expect(await selector().inputValue()).toBe("last_30_days");

      await selector().selectOption("last_month");
      await expect.poll(range).toBe("2026-02-01 to 2026-02-28, against 2026-01-01 to 2026-01-31");
      const lastMonth = await tiles("EUR");
      expect(lastMonth.MRR).toBe("40.00 EUR+0.00 %; previous period 40.00 EUR");
      expect(lastMonth["Net revenue"]).toBe("26.00 EUR−82.67 %; previous period 150.00 EUR");
      expect(lastMonth["New contracts"]).toBe("0−100.00 %; previous period 3");
      expect(lastMonth["Churn rate"]).toBe("0.00 %previous period —");
      expect(lastMonth["Failed payments"]).toBe(
        "1 (15.00 EUR)no base to compare; previous period 0 (0.00 EUR)",
      );
      // the charts follow the period: at least six months, ending with February
      await expect.poll(chartMonths).toBe("2025-09 to 2026-02");

      await selector().selectOption("custom");
      await page.getByText("Choose the first and last day, then Show.").waitFor();
      await page.getByLabel("From", { exact: true }).fill("2026-03-01");
      await page.getByLabel("To", { exact: true }).fill("2026-03-15");
      await page.getByRole("button", { name: "Show", exact: true }).click();
      await expect.poll(range).toBe("2026-03-01 to 2026-03-15, against 2026-02-14 to 2026-02-28");
      const custom = await tiles("EUR");
      expect(custom.MRR).toBe("50.00 EUR+25.00 %; previous period 40.00 EUR");
      expect(custom["Net revenue"]).toBe("260.00 EURno base to compare; previous period 0.00 EUR");
      // what the page shows is what the API answers
      const answer = await api(
        "GET",
        "/v1/reports/summary?period=custom&from=2026-03-01&to=2026-03-15",
      );
      expect(custom.ARR).toBe(
        `${answer.currencies[0].current.arr} EUR+25.00 %; previous period 480.00 EUR`,
      );
      expect(errors).toEqual([]);
    });

    it("draws readable axes apart at 1280 and 390 px, nothing scrolls sideways, axe clean", async () => {
      await selector().selectOption("this_year");
      await expect.poll(range).toContain("2026-01-01 to 2026-03-15");
      // this year so far and the same days of last year: fifteen months
      await expect.poll(chartMonths).toBe("2025-01 to 2026-03");
      await page.getByRole("img", { name: "Monthly recurring revenue (EUR)" }).waitFor();
      // a chart drawn for an earlier width is scaled until it is drawn again at its own
      await expect.poll(async () => (await axes()).smallestFontPx).toBeGreaterThanOrEqual(11);
      const wide = await axes();
      expect(wide.smallestFontPx).toBeGreaterThanOrEqual(11);
      expect(wide.overlaps).toEqual([]);
      // fifteen months on each of three charts: at least every second one shown
      expect(wide.labels).toBeGreaterThanOrEqual(18);
      expect(await sidewaysScroll()).toBe(0);
      await expectAccessible(page, "the dashboard at 1280 px");
      await shot("1280");

      await page.setViewportSize({ width: 390, height: 844 });
      try {
        await expect.poll(sidewaysScroll).toBe(0);
        await expect.poll(async () => (await axes()).overlaps).toEqual([]);
        await expect.poll(async () => (await axes()).smallestFontPx).toBeGreaterThanOrEqual(11);
        const narrow = await axes();
        expect(narrow.smallestFontPx).toBeGreaterThanOrEqual(11);
        // thinned out, but some still shown on each chart
        expect(narrow.labels).toBeGreaterThanOrEqual(3 * 3);
        expect(narrow.labels).toBeLessThanOrEqual(wide.labels);
        await expectAccessible(page, "the dashboard at 390 px");
        await shot("390");
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
      expect(errors).toEqual([]);
    });
  });
}
