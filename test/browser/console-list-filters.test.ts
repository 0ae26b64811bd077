/**
 * The console's lists in chromium: the orders, how many there are, then filtered by status,
 * by the days created and by customer (by name); the contracts by status and customer; how
 * many customers there are, searched or not; the subscription actions by state and contract
 * (shown by its customer's name, its id below); the audit log by operation and by the days
 * the changes occurred. Each filter kept in the page's address and each count the API's. At
 * 1280 px and 390 px (no sideways scrolling) with axe, screenshots under test-results/.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { moveAuditRecords } from "../audit-at.js";
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
  describe(`console list filters in chromium [${backend}]`, () => {
    let world: PageWorld | undefined;
    let base: string;
    let key: string;
    let page: Page;
    let errors: string[];
    const api = apiClient(
      () => base,
      () => key,
    );
    const ids = { alpha: "", beta: "", pending: "", declined: "", basic: "" };
    const count = () => page.locator("p.count").textContent();

    /** Checks the page with axe at 1280 px and at 390 px (no sideways scrolling), and keeps screenshots. */
    const bothWidths = (what: string) => expectBothWidths(page, `${backend}-console-list-${what}`);

    // Alpha: a signup committed on 1 February, one awaiting approval on 2 February (its last
    // millisecond); Beta: a signup committed on 2 February, one declined on 3 February, and
    // one not committed (in progress) on 3 February
    beforeAll(async () => {
      world = await openPageWorld(backend, "Orders Ltd");
      ({ base, key, page, errors } = world);
      await api("POST", "/v1/test_clock", { frozen_time: "2026-02-01T09:00:00Z" });
      ids.alpha = (await api("POST", "/v1/customers", { company_name: "Alpha GmbH" })).id;
      ids.beta = (await api("POST", "/v1/customers", { company_name: "Beta Ltd" })).id;
      const group = await api("POST", "/v1/plan_groups", {
        name: "Cloud",
        currency: "EUR",
        price_type: "net",
      });
      const variantOf = async (name: string, approval: boolean) => {
        const plan = await api("POST", "/v1/plans", {
          plan_group_id: group.id,
          name,
          requires_order_approval: approval,
        });
        return (
          await api("POST", "/v1/plan_variants", {
            plan_id: plan.id,
            internal_name: `${name} monthly`,
            recurring_fee: "10",
            fee_period: { unit: "month", count: 1 },
          })
        ).id as string;
      };
      const basic = await variantOf("Basic", false);
      ids.basic = basic;
      const enterprise = await variantOf("Enterprise", true);
      const order = (customer: string, variant: string, commit: boolean) =>
        api("POST", "/v1/orders", { customer_id: customer, plan_variant_id: variant, commit });
      const at = (instant: string) =>
        api("POST", "/v1/test_clock/advance", { frozen_time: instant });
      await order(ids.alpha, basic, true);
      await at("2026-02-02T00:00:00Z");
      await order(ids.beta, basic, true);
      await at("2026-02-02T23:59:59.999Z");
      ids.pending = (await order(ids.alpha, enterprise, true)).id;
      await at("2026-02-03T00:00:00Z");
      ids.declined = (await order(ids.beta, enterprise, true)).id;
      await api("POST", `/v1/orders/${ids.declined}/decline`);
      await order(ids.beta, basic, false);
      await signInToConsole(page, base, key);
    });

    afterAll(async () => {
      await closePageWorld(world);
    });

    it("filters the orders by status, days created and customer, with the total count", async () => {
      const rows = page.getByRole("region", { name: "Orders" });
      await page.getByRole("navigation").getByRole("link", { name: "Orders" }).click();
      await page.getByRole("heading", { level: 1, name: "Orders" }).waitFor();
      await expect.poll(count).toBe("5 orders");
      await rows.getByRole("link", { name: "Beta Ltd" }).first().waitFor();

      await page.getByLabel("Status", { exact: true }).selectOption("succeeded");
      await expect.poll(count).toBe("2 orders");
      await expect.poll(() => rows.locator("tbody tr").count()).toBe(2);

      await page.getByLabel("Status", { exact: true }).selectOption("");
      await expect.poll(count).toBe("5 orders");
      const dates = page.getByRole("form", { name: "Filter orders by the day created (UTC)" });
      await dates.getByLabel("Created from").fill("2026-02-02");
      await dates.getByLabel("Created to").fill("2026-02-02");
      await dates.getByRole("button", { name: "Filter by date" }).click();
      await expect.poll(count).toBe("2 orders");
      await rows.getByRole("button", { name: `Approve ${ids.pending}` }).waitFor();

      const customer = page.getByRole("form", { name: "Filter orders by customer" });
      await customer.getByLabel("Customer (name or id)").fill("Alpha");
      await customer.getByRole("button", { name: "Filter" }).click();
      await expect.poll(count).toBe("1 order");
      await rows.getByRole("link", { name: "Alpha GmbH" }).waitFor();
      await page.getByLabel("Status", { exact: true }).selectOption("approval_pending");
      await expect.poll(() => decodeURIComponent(page.url())).toContain("status=approval_pending");
      await expect.poll(count).toBe("1 order");
      const url = decodeURIComponent(page.url());
      for (const part of [
        "status=approval_pending",
        "from=2026-02-02",
        "to=2026-02-02",
        `customer=${ids.alpha}`,
      ]) {
        expect(url).toContain(part);
      }

      // the same list from the API
      const listed = await api(
        "GET",
        `/v1/orders?status=approval_pending&created_from=2026-02-02&created_to=2026-02-02&customer_id=${ids.alpha}&include_total=true`,
      );
      expect(listed.total_count).toBe(1);
      expect(listed.data[0]).toMatchObject({ id: ids.pending, customer_id: ids.alpha });

      await bothWidths("orders-filtered");

      // nothing matches: the list says so, and counts none
      await page.goto(`${base}/console#/orders?status=declined&customer=${ids.alpha}`);
      await expect.poll(count).toBe("0 orders");
      await page.getByText("No orders match.").waitFor();
      await page.goto(`${base}/console#/orders?status=declined`);
      await expect.poll(count).toBe("1 order");
      await rows.getByText("declined", { exact: true }).waitFor();
      expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    });

    it("filters the contracts by status, customer and the days they start, with the total count", async () => {
      // a third contract, for Alpha, starting in March: future
      await api("POST", "/v1/orders", {
        customer_id: ids.alpha,
        plan_variant_id: ids.basic,
        start_date: "2026-03-01T00:00:00Z",
        commit: true,
      });
      const rows = page.getByRole("region", { name: "Contracts" });
      await page.getByRole("navigation").getByRole("link", { name: "Contracts" }).click();
      await page.getByRole("heading", { level: 1, name: "Contracts" }).waitFor();
      await expect.poll(count).toBe("3 contracts");

      await page.getByLabel("Status", { exact: true }).selectOption("future");
      await expect.poll(count).toBe("1 contract");
      await rows.getByRole("link", { name: "Alpha GmbH" }).waitFor();
      await rows.getByText("future", { exact: true }).waitFor();

      await page.getByLabel("Status", { exact: true }).selectOption("active");
      await expect.poll(count).toBe("2 contracts");
      const customer = page.getByRole("form", { name: "Filter contracts by customer" });
      await customer.getByLabel("Customer (name or id)").fill("Beta");
      await customer.getByRole("button", { name: "Filter" }).click();
      await expect.poll(count).toBe("1 contract");
      await rows.getByRole("link", { name: "Beta Ltd" }).waitFor();
      const url = decodeURIComponent(page.url());
      expect(url).toContain("status=active");
      expect(url).toContain(`customer=${ids.beta}`);
      const listed = await api(
        "GET",
        `/v1/contracts?status=active&customer_id=${ids.beta}&include_total=true`,
      );
      expect(listed.total_count).toBe(1);
      await rows.getByRole("link", { name: listed.data[0].id }).waitFor();

      await bothWidths("contracts-filtered");

      // by the days they start: from 1 March, Alpha's future contract alone
      await page.goto(`${base}/console#/contracts`);
      await expect.poll(count).toBe("3 contracts");
      const days = page.getByRole("form", {
        name: "Filter contracts by the day they start (UTC)",
      });
      await days.getByLabel("Start from").fill("2026-03-01");
      await days.getByRole("button", { name: "Filter by date" }).click();
      await expect.poll(count).toBe("1 contract");
      await rows.getByText("future", { exact: true }).waitFor();
      expect(decodeURIComponent(page.url())).toContain("from=2026-03-01");
      const starting = await api("GET", "/v1/contracts?start_from=2026-03-01&include_total=true");
      expect(starting.total_count).toBe(1);
      await rows.getByRole("link", { name: starting.data[0].id }).waitFor();
      await days.getByLabel("Start to").fill("2026-02-28");
      await days.getByRole("button", { name: "Filter by date" }).click();
      await expect.poll(count).toBe("0 contracts");
      await bothWidths("contracts-by-start");

      await page.goto(`${base}/console#/contracts?status=ended`);
      await expect.poll(count).toBe("0 contracts");
      await page.getByText("No contracts match.").waitFor();
      expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    });

    it("counts the customers, searched or not", async () => {
      await page.getByRole("navigation").getByRole("link", { name: "Customers" }).click();
      await page.getByRole("heading", { level: 1, name: "Customers" }).waitFor();
      await expect.poll(count).toBe("2 customers");
      await page.goto(`${base}/console#/customers?q=alpha`);
      await expect.poll(count).toBe("1 customer");
      const rows = page.getByRole("region", { name: "Customers" });
      await rows.getByRole("link", { name: "Alpha GmbH" }).waitFor();
      expect((await api("GET", "/v1/customers?q=alpha&include_total=true")).total_count).toBe(1);
      await bothWidths("customers-counted");
      await page.goto(`${base}/console#/customers?q=nobody`);
      await expect.poll(count).toBe("0 customers");
      await page.getByText("No customer matches.").waitFor();
    });

    it("filters the subscription actions by state and contract, shown by customer", async () => {
      const contracts = (await api("GET", "/v1/contracts?status=active")).data;
      const alpha = contracts.find((c: any) => c.customer_id === ids.alpha).id as string;
      const beta = contracts.find((c: any) => c.customer_id === ids.beta).id as string;
      await api("POST", "/v1/subscription_actions/deactivate", { contract_id: beta });
      await api("POST", "/v1/subscription_actions/rest", {
        contract_id: alpha,
        scheduled_date: "2026-02-20T00:00:00Z",
      });
      const rows = page.getByRole("region", { name: "Subscription actions" });
      const listed = () => rows.locator("tbody tr").count();
      await page
        .getByRole("navigation")
        .getByRole("link", { name: "Subscription actions" })
        .click();
      await page.getByRole("heading", { level: 1, name: "Subscription actions" }).waitFor();
      await expect.poll(listed).toBe(2);
      // each contract by its customer's name, its id below to copy
      await rows.getByRole("link", { name: "Beta Ltd’s contract" }).waitFor();
      await rows.getByRole("link", { name: "Alpha GmbH’s contract" }).waitFor();
      await rows.locator("code.id", { hasText: beta }).waitFor();

      await page.getByLabel("State", { exact: true }).selectOption("scheduled");
      await expect.poll(listed).toBe(1);
      await rows.getByRole("link", { name: "Alpha GmbH’s contract" }).waitFor();
      expect(decodeURIComponent(page.url())).toContain("state=scheduled");

      await page.getByLabel("State", { exact: true }).selectOption("");
      await expect.poll(listed).toBe(2);
      const filter = page.getByRole("form", { name: "Filter subscription actions by contract" });
      await filter.getByLabel("Contract (customer name or id)").fill("Beta");
      await filter.getByRole("button", { name: "Filter" }).click();
      await expect.poll(() => decodeURIComponent(page.url())).toContain(`contract=${beta}`);
      await expect.poll(listed).toBe(1);
      await rows.getByText("executed", { exact: true }).waitFor();
      const theirs = await api("GET", `/v1/subscription_actions?contract_id=${beta}`);
      expect(theirs.data.map((a: any) => a.action)).toEqual(["deactivate"]);

      // a customer with two contracts: both offered, one chosen
      await filter.getByLabel("Contract (customer name or id)").fill("Alpha");
      await filter.getByRole("button", { name: "Filter" }).click();
      const offered = page.getByRole("list", { name: "Matching contracts" });
      await expect.poll(() => offered.getByRole("listitem").count()).toBe(2);
      await offered.getByRole("listitem").filter({ hasText: alpha }).getByRole("button").click();
      await expect.poll(() => decodeURIComponent(page.url())).toContain(`contract=${alpha}`);
      await rows.getByText("scheduled", { exact: true }).waitFor();
      await expect.poll(listed).toBe(1);

      await bothWidths("subscription-actions-filtered");
      await page.goto(`${base}/console#/subscription-actions?state=rejected`);
      await page.getByText("No actions match.").waitFor();
    });

    it("filters the audit log by operation", async () => {
      const rows = page.getByRole("region", { name: "Audit log, newest first" });
      const listed = () => rows.locator("tbody tr").count();
      await page.getByRole("navigation").getByRole("link", { name: "Audit log" }).click();
      await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
      const filter = page.getByRole("form", { name: "Filter the audit log by operation" });
      await filter.getByLabel("Operation").fill("customers.create");
      await filter.getByRole("button", { name: "Filter" }).click();
      await expect.poll(listed).toBe(2);
      expect(decodeURIComponent(page.url())).toContain("operation=customers.create");
      const created = await api("GET", "/v1/audit_events?operation=customers.create");
      expect(created.data).toHaveLength(2);

      // an operation in the log is a link to its records alone
      await page.getByRole("link", { name: "Show every operation" }).click();
      await rows.getByRole("link", { name: "orders.decline" }).first().click();
      await expect.poll(listed).toBe(1);
      expect(decodeURIComponent(page.url())).toContain("operation=orders.decline");
      await rows.getByText(`order ${ids.declined}`).waitFor();

      await bothWidths("audit-filtered");
      await page.goto(`${base}/console#/audit?operation=nothing.done`);
      await page.getByText("No audit records match.").waitFor();
      expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    });

    it("filters the audit log by the days the changes occurred, with an operation", async () => {
      // a record occurs at the wall clock's time; here each is put at its tenant clock's time,
      // which places the changes of the test clock's days on those days
      const db = world!.database.db;
      const stored = await db.selectFrom("audit_events").select(["id", "tenant_time"]).execute();
      await moveAuditRecords(
        db,
        stored.map((r) => ({ id: r.id, at: r.tenant_time })),
      );
      const counted = async (query: string) =>
        (await api("GET", `/v1/audit_events?${query}&include_total=true`)).total_count as number;
      const records = (n: number) => (n === 1 ? "1 record" : `${n} records`);
      const all = await counted("");
      const second = await counted("occurred_from=2026-02-02&occurred_to=2026-02-02");
      expect(second).toBeGreaterThan(0);
      expect(second).toBeLessThan(all);
      const rows = page.getByRole("region", { name: "Audit log, newest first" });
      await page.goto(`${base}/console#/audit`);
      await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
      await expect.poll(count).toBe(records(all));
      const dates = page.getByRole("form", {
        name: "Filter the audit log by the day the change occurred (UTC)",
      });
      await dates.getByLabel("Occurred from").fill("2026-02-02");
      await dates.getByLabel("Occurred to").fill("2026-02-02");
      await dates.getByRole("button", { name: "Filter by date" }).click();
      await expect.poll(count).toBe(records(second));
      // the orders of 2 February: Beta's signup at its first millisecond, Alpha's order
      // awaiting approval at its last
      await rows.getByText(`order ${ids.pending}`).first().waitFor();
      await expect.poll(() => rows.getByText(`order ${ids.declined}`).count()).toBe(0);
      let url = decodeURIComponent(page.url());
      expect(url).toContain("from=2026-02-02");
      expect(url).toContain("to=2026-02-02");

      // with an operation too: both filters in the address, counted as the API counts
      const operation = page.getByRole("form", { name: "Filter the audit log by operation" });
      await operation.getByLabel("Operation").fill("orders.create");
      await operation.getByRole("button", { name: "Filter" }).click();
      await expect.poll(() => decodeURIComponent(page.url())).toContain("operation=orders.create");
      const created = await counted(
        "operation=orders.create&occurred_from=2026-02-02&occurred_to=2026-02-02",
      );
      expect(created).toBeGreaterThan(0);
      expect(created).toBeLessThan(second);
      await expect.poll(count).toBe(records(created));
      url = decodeURIComponent(page.url());
      expect(url).toContain("from=2026-02-02");
      expect(url).toContain("to=2026-02-02");

      await bothWidths("audit-days");
      await page.goto(`${base}/console#/audit?from=2026-01-01&to=2026-01-31`);
      await expect.poll(count).toBe("0 records");
      await page.getByText("No audit records match.").waitFor();
      expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    });
  });
}
