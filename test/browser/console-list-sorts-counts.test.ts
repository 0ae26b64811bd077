/**
 * The console's lists in chromium: the quotes counted and filtered by status (expired as of
 * the tenant's clock), the days created and customer, and sorted by the Valid until header
 * button both ways through the API's keyset sort, with a status filter kept; the contracts
 * sorted by the Contract, Customer and Start header buttons (aria-sort says how), through the
 * API's keyset sorts, with a status filter kept; the subscription actions and the audit log
 * counted, filtered or not; the subscription actions sorted by the Scheduled for header both
 * ways (those not scheduled last, then first), and the audit log oldest first by its When
 * header and back. Each count the API's, each filter and sort kept in the page's
 * address. At 1280 px and 390 px (no sideways scrolling) with axe, screenshots under
 * test-results/.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
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

for (const backend of BACKENDS) {
  describe(`console list sorts and counts in chromium [${backend}]`, () => {
    let world: PageWorld | undefined;
    let base: string;
    let key: string;
    let page: Page;
    let errors: string[];
    const api = apiClient(
      () => base,
      () => key,
    );
    const ids = { alpha: "", beta: "", expired: "", declined: "", open: "", soon: "" };
    const contracts: string[] = [];
    const count = () => page.locator("p.count").textContent();

    /** Checks the page with axe at 1280 px and at 390 px (no sideways scrolling), and keeps screenshots. */
    const bothWidths = (what: string) => expectBothWidths(page, `${backend}-console-list-${what}`);

    // Contracts: Alpha's from 1 February, Beta's from 2 February, Alpha's from 1 March
    // (future). Quotes on 2 February: Alpha's valid until 3 February (expired by the 4th),
    // Beta's declined; on 4 February Alpha's, open.
    beforeAll(async () => {
      world = await openPageWorld(backend, "Sorted Ltd");
      ({ base, key, page, errors } = world);
      const at = (instant: string) =>
        api("POST", "/v1/test_clock/advance", { frozen_time: instant });
      await api("POST", "/v1/test_clock", { frozen_time: "2026-02-01T09:00:00Z" });
      ids.alpha = (await api("POST", "/v1/customers", { company_name: "Alpha GmbH" })).id;
      ids.beta = (await api("POST", "/v1/customers", { company_name: "Beta Ltd" })).id;
      const group = await api("POST", "/v1/plan_groups", {
        name: "Cloud",
        currency: "EUR",
        price_type: "net",
      });
      const plan = await api("POST", "/v1/plans", { plan_group_id: group.id, name: "Basic" });
      const variant = (
        await api("POST", "/v1/plan_variants", {
          plan_id: plan.id,
          internal_name: "Basic monthly",
          recurring_fee: "10",
          fee_period: { unit: "month", count: 1 },
        })
      ).id;
      const order = async (customer: string, start_date?: string) =>
        (
          await api("POST", "/v1/orders", {
            customer_id: customer,
            plan_variant_id: variant,
            commit: true,
            ...(start_date ? { start_date } : {}),
          })
        ).contract_id as string;
      contracts.push(await order(ids.alpha));
      await at("2026-02-02T09:00:00Z");
      contracts.push(await order(ids.beta));
      contracts.push(await order(ids.alpha, "2026-03-01T00:00:00Z"));
      const quote = (customer: string, valid_until?: string) =>
        api("POST", "/v1/quotes/one_time", {
          customer_id: customer,
          currency: "EUR",
          lines: [{ description: "Workshop", unit_price: "100" }],
          ...(valid_until ? { valid_until } : {}),
        });
      ids.expired = (await quote(ids.alpha, "2026-02-03T00:00:00Z")).id;
      ids.declined = (await quote(ids.beta)).id;
      await api("POST", `/v1/quotes/${ids.declined}/decline`);
      await at("2026-02-04T09:00:00Z");
      ids.open = (await quote(ids.alpha)).id;
      await signInToConsole(page, base, key);
    });

    afterAll(async () => {
      await closePageWorld(world);
    });

    it("filters the quotes by status, days created and customer, with the total count", async () => {
      const rows = page.getByRole("region", { name: "Quotes" });
      await page.getByRole("navigation").getByRole("link", { name: "Quotes" }).click();
      await page.getByRole("heading", { level: 1, name: "Quotes" }).waitFor();
      await expect.poll(count).toBe("3 quotes");

      await page.getByLabel("Status", { exact: true }).selectOption("expired");
      await expect.poll(count).toBe("1 quote");
      await rows.getByRole("link", { name: ids.expired }).waitFor();
      await page.getByLabel("Status", { exact: true }).selectOption("");
      await expect.poll(count).toBe("3 quotes");

      const dates = page.getByRole("form", { name: "Filter quotes by the day created (UTC)" });
      await dates.getByLabel("Created from").fill("2026-02-02");
      await dates.getByLabel("Created to").fill("2026-02-02");
      await dates.getByRole("button", { name: "Filter by date" }).click();
      await expect.poll(count).toBe("2 quotes");
      const customer = page.getByRole("form", { name: "Filter quotes by customer" });
      await customer.getByLabel("Customer (name or id)").fill("Alpha");
      await customer.getByRole("button", { name: "Filter" }).click();
      await expect.poll(count).toBe("1 quote");
      await rows.getByRole("link", { name: ids.expired }).waitFor();
      await page.getByLabel("Status", { exact: true }).selectOption("expired");
      await expect.poll(() => decodeURIComponent(page.url())).toContain("status=expired");
      await expect.poll(count).toBe("1 quote");
      const url = decodeURIComponent(page.url());
      for (const part of ["from=2026-02-02", "to=2026-02-02", `customer=${ids.alpha}`])
        expect(url).toContain(part);
      const listed = await api(
        "GET",
        `/v1/quotes?status=expired&created_from=2026-02-02&created_to=2026-02-02&customer_id=${ids.alpha}&include_total=true`,
      );
      expect(listed.total_count).toBe(1);
      expect(listed.data.map((q: { id: string }) => q.id)).toEqual([ids.expired]);

      await bothWidths("quotes-filtered");

      await page.goto(`${base}/console#/quotes?status=open`);
      await expect.poll(count).toBe("1 quote");
      await rows.getByRole("link", { name: ids.open }).waitFor();
      await page.goto(`${base}/console#/quotes?status=accepted`);
      await expect.poll(count).toBe("0 quotes");
      await page.getByText("No quotes match.").waitFor();
      expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    });

    it("sorts the quotes by valid until through the API, keeping the filter", async () => {
      // Beta's quote on 4 February, valid until the 10th: the last created, not the last valid
      ids.soon = (
        await api("POST", "/v1/quotes/one_time", {
          customer_id: ids.beta,
          currency: "EUR",
          lines: [{ description: "Audit", unit_price: "50" }],
          valid_until: "2026-02-10T00:00:00Z",
        })
      ).id;
      const rows = page.getByRole("region", { name: "Quotes" });
      const header = (name: string) => rows.getByRole("columnheader", { name });
      const shown = () =>
        rows
          .locator("tbody tr td:first-child a")
          .evaluateAll((links) => links.map((a) => a.textContent ?? ""));
      const byApi = async (query: string) =>
        (await api("GET", `/v1/quotes?${query}`)).data.map((q: { id: string }) => q.id);
      await page.getByRole("navigation").getByRole("link", { name: "Quotes" }).click();
      await page.getByRole("heading", { level: 1, name: "Quotes" }).waitFor();
      await expect.poll(count).toBe("4 quotes");
      const { expired, declined, open, soon } = ids;
      await expect.poll(shown).toEqual([expired, declined, open, soon]);
      // by creation until another header is chosen; the status is no button
      await expect.poll(() => header("Created").getAttribute("aria-sort")).toBe("ascending");
      await expect(header("Valid until").getAttribute("aria-sort")).resolves.toBe("none");
      await expect(header("Status").getAttribute("aria-sort")).resolves.toBeNull();

      // by valid until: the expired one first, the one valid until the 10th before older ones
      await rows.getByRole("button", { name: "Valid until" }).click();
      await expect.poll(() => header("Valid until").getAttribute("aria-sort")).toBe("ascending");
      await expect.poll(shown).toEqual([expired, soon, declined, open]);
      expect(await byApi("sort=valid_until")).toEqual([expired, soon, declined, open]);
      await expect(header("Created").getAttribute("aria-sort")).resolves.toBe("none");
      await rows.getByRole("button", { name: "Valid until" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => header("Valid until").getAttribute("aria-sort")).toBe("descending");
      await expect.poll(shown).toEqual([open, declined, soon, expired]);
      expect(decodeURIComponent(page.url())).toContain("#/quotes?sort=valid_until&order=desc");

      // the open ones only, still latest valid first
      await page.getByLabel("Status", { exact: true }).selectOption("open");
      await expect.poll(count).toBe("2 quotes");
      await expect.poll(shown).toEqual([open, soon]);
      await expect(header("Valid until").getAttribute("aria-sort")).resolves.toBe("descending");
      const url = decodeURIComponent(page.url());
      for (const part of ["status=open", "sort=valid_until", "order=desc"])
        expect(url).toContain(part);
      expect(await byApi("status=open&sort=valid_until&order=desc")).toEqual([open, soon]);

      await bothWidths("quotes-sorted");

      // ascending again: the default direction leaves the address
      await rows.getByRole("button", { name: "Valid until" }).click();
      await expect.poll(() => header("Valid until").getAttribute("aria-sort")).toBe("ascending");
      await expect.poll(shown).toEqual([soon, open]);
      expect(decodeURIComponent(page.url())).not.toContain("order=");
      expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    });

    it("sorts the contracts by the column headers through the API, keeping the filter", async () => {
      const rows = page.getByRole("region", { name: "Contracts" });
      const header = (name: string) => rows.getByRole("columnheader", { name });
      const shown = () =>
        rows
          .locator("tbody tr td:first-child a")
          .evaluateAll((links) => links.map((a) => a.textContent ?? ""));
      const byApi = async (query: string) =>
        (await api("GET", `/v1/contracts?${query}`)).data.map((c: { id: string }) => c.id);
      await page.getByRole("navigation").getByRole("link", { name: "Contracts" }).click();
      await page.getByRole("heading", { level: 1, name: "Contracts" }).waitFor();
      await expect.poll(count).toBe("3 contracts");
      await expect.poll(shown).toEqual(contracts);
      // by creation until another header is chosen; the status is no button
      await expect.poll(() => header("Contract").getAttribute("aria-sort")).toBe("ascending");
      await expect(header("Customer").getAttribute("aria-sort")).resolves.toBe("none");
      await expect(header("Status").getAttribute("aria-sort")).resolves.toBeNull();

      // by customer: each customer's contracts together, Alpha (created first) before Beta
      const [first = "", second = "", third = ""] = contracts;
      await rows.getByRole("button", { name: "Customer" }).click();
      await expect.poll(() => header("Customer").getAttribute("aria-sort")).toBe("ascending");
      await expect.poll(shown).toEqual([first, third, second]);
      expect(await byApi("sort=customer")).toEqual([first, third, second]);
      await rows.getByRole("button", { name: "Customer" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => header("Customer").getAttribute("aria-sort")).toBe("descending");
      await expect.poll(shown).toEqual([second, third, first]);
      expect(decodeURIComponent(page.url())).toContain("#/contracts?sort=customer&order=desc");
      await expect(header("Contract").getAttribute("aria-sort")).resolves.toBe("none");

      // by start, latest first, of the active ones only
      await page.getByLabel("Status", { exact: true }).selectOption("active");
      await expect.poll(count).toBe("2 contracts");
      // the second click once the first has sorted the list (a click on the header the page
      // is replacing would ask for ascending again)
      await rows.getByRole("button", { name: "Start" }).click();
      await expect.poll(() => header("Start").getAttribute("aria-sort")).toBe("ascending");
      await rows.getByRole("button", { name: "Start" }).click();
      await expect.poll(() => header("Start").getAttribute("aria-sort")).toBe("descending");
      await expect.poll(shown).toEqual([second, first]);
      await expect.poll(count).toBe("2 contracts");
      const url = decodeURIComponent(page.url());
      for (const part of ["status=active", "sort=start", "order=desc"]) expect(url).toContain(part);
      expect(await byApi("status=active&sort=start&order=desc")).toEqual([second, first]);

      await bothWidths("contracts-sorted");
      expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    });

    it("counts the subscription actions and the audit records, filtered or not", async () => {
      const [first = "", second = ""] = contracts;
      await api("POST", "/v1/subscription_actions/deactivate", { contract_id: second });
      await api("POST", "/v1/subscription_actions/rest", {
        contract_id: first,
        scheduled_date: "2026-02-20T00:00:00Z",
      });
      await page
        .getByRole("navigation")
        .getByRole("link", { name: "Subscription actions" })
        .click();
      await page.getByRole("heading", { level: 1, name: "Subscription actions" }).waitFor();
      await expect.poll(count).toBe("2 actions");
      await page.getByLabel("State", { exact: true }).selectOption("scheduled");
      await expect.poll(count).toBe("1 action");
      const actions = page.getByRole("region", { name: "Subscription actions" });
      await actions.getByText("scheduled", { exact: true }).waitFor();
      expect(
        (await api("GET", "/v1/subscription_actions?state=scheduled&include_total=true"))
          .total_count,
      ).toBe(1);
      await bothWidths("subscription-actions-counted");

      await page.getByRole("navigation").getByRole("link", { name: "Audit log" }).click();
      await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
      const everything = (await api("GET", "/v1/audit_events?include_total=true&limit=1"))
        .total_count as number;
      expect(everything).toBeGreaterThan(10);
      await expect.poll(async () => Number((await count())?.replace(/\D/g, ""))).toBe(everything);
      const filter = page.getByRole("form", { name: "Filter the audit log by operation" });
      await filter.getByLabel("Operation").fill("customers.create");
      await filter.getByRole("button", { name: "Filter" }).click();
      await expect.poll(count).toBe("2 records");
      await bothWidths("audit-counted");
      await page.goto(`${base}/console#/audit?operation=nothing.done`);
      await expect.poll(count).toBe("0 records");
      expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    });

    it("sorts the subscription actions by when due and the audit log both ways", async () => {
      // a rest due on 10 February, submitted after the one due on the 20th
      const [first = ""] = contracts;
      await api("POST", "/v1/subscription_actions/rest", {
        contract_id: first,
        scheduled_date: "2026-02-10T00:00:00Z",
      });
      const actions = page.getByRole("region", { name: "Subscription actions" });
      const header = (name: string) => actions.getByRole("columnheader", { name });
      const numbers = () =>
        actions
          .locator("tbody tr td:first-child")
          .evaluateAll((cells) => cells.map((c) => c.textContent?.trim() ?? ""));
      const byApi = async (query: string) =>
        (await api("GET", `/v1/subscription_actions?${query}`)).data.map((a: { number: string }) =>
          String(a.number),
        );
      await page
        .getByRole("navigation")
        .getByRole("link", { name: "Subscription actions" })
        .click();
      await page.getByRole("heading", { level: 1, name: "Subscription actions" }).waitFor();
      await expect.poll(count).toBe("3 actions");
      const created = await byApi("");
      await expect.poll(numbers).toEqual(created);
      await expect.poll(() => header("Submitted").getAttribute("aria-sort")).toBe("ascending");
      await expect(header("Scheduled for").getAttribute("aria-sort")).resolves.toBe("none");
      await expect(header("State").getAttribute("aria-sort")).resolves.toBeNull();

      // due soonest first, the deactivation (not scheduled) last; then latest first
      const [deactivated = "", twentieth = "", tenth = ""] = created;
      await actions.getByRole("button", { name: "Scheduled for" }).click();
      await expect.poll(() => header("Scheduled for").getAttribute("aria-sort")).toBe("ascending");
      await expect.poll(numbers).toEqual([tenth, twentieth, deactivated]);
      expect(await byApi("sort=scheduled")).toEqual([tenth, twentieth, deactivated]);
      expect(decodeURIComponent(page.url())).toContain("#/subscription-actions?sort=scheduled");
      await actions.getByRole("button", { name: "Scheduled for" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => header("Scheduled for").getAttribute("aria-sort")).toBe("descending");
      await expect.poll(numbers).toEqual([deactivated, twentieth, tenth]);
      expect(await byApi("sort=scheduled&order=desc")).toEqual([deactivated, twentieth, tenth]);
      expect(decodeURIComponent(page.url())).toContain("sort=scheduled&order=desc");
      await expect(header("Submitted").getAttribute("aria-sort")).resolves.toBe("none");

      // the scheduled ones only, still latest due first
      await page.getByLabel("State", { exact: true }).selectOption("scheduled");
      await expect.poll(count).toBe("2 actions");
      await expect.poll(numbers).toEqual([twentieth, tenth]);
      for (const part of ["state=scheduled", "sort=scheduled", "order=desc"])
        expect(decodeURIComponent(page.url())).toContain(part);
      await bothWidths("subscription-actions-sorted");

      // by creation again, latest first
      // the second click once the first has sorted the list (a click on the header the page
      // is replacing would ask for ascending again)
      await actions.getByRole("button", { name: "Submitted" }).click();
      await expect.poll(() => header("Submitted").getAttribute("aria-sort")).toBe("ascending");
      await actions.getByRole("button", { name: "Submitted" }).click();
      await expect.poll(() => header("Submitted").getAttribute("aria-sort")).toBe("descending");
      await expect.poll(numbers).toEqual([tenth, twentieth]);
      expect(decodeURIComponent(page.url())).not.toContain("sort=");

      // the audit log: newest first, then oldest first by the When header, and back
      const operations = () =>
        page
          .getByRole("region", { name: /^Audit log, / })
          .locator("tbody tr td:nth-child(2)")
          .evaluateAll((cells) => cells.map((c) => c.textContent?.trim() ?? ""));
      const auditByApi = async (query: string) =>
        (await api("GET", `/v1/audit_events?limit=25&${query}`)).data.map(
          (r: { operation: string }) => r.operation,
        );
      await page.getByRole("navigation").getByRole("link", { name: "Audit log" }).click();
      await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
      const newest = page.getByRole("region", { name: "Audit log, newest first" });
      await expect
        .poll(() => newest.getByRole("columnheader", { name: "When" }).getAttribute("aria-sort"))
        .toBe("descending");
      await expect.poll(operations).toEqual(await auditByApi(""));
      await newest.getByRole("button", { name: "When" }).click();
      const oldest = page.getByRole("region", { name: "Audit log, oldest first" });
      await expect
        .poll(() => oldest.getByRole("columnheader", { name: "When" }).getAttribute("aria-sort"))
        .toBe("ascending");
      const ascending = await auditByApi("order=asc");
      await expect.poll(operations).toEqual(ascending);
      expect(decodeURIComponent(page.url())).toContain("#/audit?order=asc");
      await bothWidths("audit-oldest-first");
      await oldest.getByRole("button", { name: "When" }).click();
      await expect
        .poll(() => newest.getByRole("columnheader", { name: "When" }).getAttribute("aria-sort"))
        .toBe("descending");
      expect(decodeURIComponent(page.url())).not.toContain("order=");
      expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    });
  });
}
