/**
 * The orders list filtered by status, by the UTC days created (each end inclusive, the day's
 * last millisecond in, the next day's first out) and by customer, each alone and combined with
 * a sort, paged one row at a time; with include_total, how many match, the same on every page.
 * Each expectation is the same filter applied to the whole list in memory.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { pageThrough } from "../paging.js";
import { describeServer } from "../server.js";

type Row = { id: string; customer_id: string; status: string; created_at: string };

describeServer("the orders list filtered", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let all: Row[] = [];
  const customers: string[] = [];

  /** Every row of the list with `query`, a page of `limit` at a time, and each page's total. */
  const pages = (query: string, limit = 1) =>
    pageThrough<Row>((p) => api.get(p), "/v1/orders", query, limit);

  const day = (r: Row) => new Date(r.created_at).toISOString().slice(0, 10);

  beforeAll(async () => {
    api = await billingTenant(t.server, "Filtered orders", "2026-01-01T23:59:59.999Z");
    for (const name of ["Acme", "Globex"])
      customers.push(await api.customer({ company_name: name }));
    const [a = "", b = ""] = customers;
    const { plan } = await api.plan();
    const variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "10",
      fee_period: { unit: "month", count: 1 },
    });
    const approval = await api.plan({ name: "Enterprise", requires_order_approval: true });
    const approvalVariant = await api.variant(approval.plan, {
      internal_name: "Enterprise monthly",
      recurring_fee: "100",
      fee_period: { unit: "month", count: 1 },
    });
    const order = (customer: string, plan_variant_id = variant) =>
      api.post("/v1/orders", { customer_id: customer, plan_variant_id });
    // the edges of 2 January (UTC): its last millisecond before, its first and last in
    await order(a); // in progress, 1 January
    await api.advance("2026-01-02T00:00:00Z");
    await api.post(`/v1/orders/${(await order(b)).id}/commit`); // succeeded
    await api.advance("2026-01-02T23:59:59.999Z");
    await api.post(`/v1/orders/${(await order(a, approvalVariant)).id}/commit`); // approval pending
    await api.advance("2026-01-03T00:00:00Z");
    const declined = await order(b, approvalVariant);
    await api.post(`/v1/orders/${declined.id}/commit`);
    await api.post(`/v1/orders/${declined.id}/decline`);
    await api.advance("2026-01-04T06:00:00Z");
    await order(a);
    all = (await api.get("/v1/orders?limit=100")).data;
  });

  it("has orders in every status, on several days, of two customers", () => {
    expect(all).toHaveLength(5);
    expect(new Set(all.map((o) => o.status))).toEqual(
      new Set(["in_progress", "succeeded", "approval_pending", "declined"]),
    );
    expect(new Set(all.map(day)).size).toBe(4);
  });

  const CASES: [string, (r: Row) => boolean][] = [
    ["status=in_progress", (r) => r.status === "in_progress"],
    ["status=succeeded", (r) => r.status === "succeeded"],
    ["status=approval_pending", (r) => r.status === "approval_pending"],
    ["status=declined", (r) => r.status === "declined"],
    ["created_from=2026-01-02&created_to=2026-01-02", (r) => day(r) === "2026-01-02"],
    ["created_from=2026-01-03", (r) => day(r) >= "2026-01-03"],
    ["created_to=2026-01-01", (r) => day(r) <= "2026-01-01"],
    ["created_from=2026-01-03&created_to=2026-01-02", () => false],
  ];

  it("answers the orders each filter holds, counted, with and without a customer", async () => {
    for (const [query, holds] of CASES) {
      for (const customer of [undefined, ...customers]) {
        const q = `${query}${customer ? `&customer_id=${customer}` : ""}`;
        const expected = all.filter((r) => holds(r) && (!customer || r.customer_id === customer));
        const { ids, totals } = await pages(`${q}&include_total=true`);
        expect(ids, q).toEqual(expected.map((r) => r.id));
        expect(new Set(totals), q).toEqual(new Set([expected.length]));
      }
    }
    // the day filters hold an order at each edge of 2 January
    const second = all.filter((r) => day(r) === "2026-01-02");
    expect(second.map((r) => r.created_at).sort()).toEqual([
      "2026-01-02T00:00:00.000Z",
      "2026-01-02T23:59:59.999Z",
    ]);
  });

  it("combines the filters with a sort, and counts only when asked", async () => {
    const q = "created_from=2026-01-02&sort=updated&order=desc";
    const expected = all
      .filter((r) => day(r) >= "2026-01-02")
      .sort(
        (x: any, y: any) =>
          y.updated_at.localeCompare(x.updated_at) || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0),
      );
    const counted = await pages(`${q}&include_total=true`);
    expect(counted.ids).toEqual(expected.map((r) => r.id));
    expect(new Set(counted.totals)).toEqual(new Set([expected.length]));
    const uncounted = await pages(q, 2);
    expect(uncounted.ids).toEqual(expected.map((r) => r.id));
    expect(new Set(uncounted.totals)).toEqual(new Set([undefined]));
  });

  it("refuses a day that is not one and a status that does not exist", async () => {
    for (const q of ["created_from=2026-13-01", "created_to=yesterday", "status=paid"]) {
      const res = await api.request("GET", `/v1/orders?${q}`);
      expect(res.status, q).toBe(400);
    }
  });
});
