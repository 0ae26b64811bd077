/**
 * The payments list filtered by status, by the UTC days received (each end inclusive, the
 * day's last millisecond in, the next day's first out) and by customer, each alone and
 * combined with a sort, paged one row at a time; with include_total, how many match, the same
 * on every page. Each expectation is the same filter applied to the whole list in memory.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { pageThrough } from "../paging.js";
import { describeServer } from "../server.js";

type Row = { id: string; customer_id: string; status: string; received_at: string };

describeServer("the payments list filtered", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let all: Row[] = [];
  const customers: string[] = [];

  /** Every row of the list with `query`, a page of `limit` at a time, and each page's total. */
  const pages = (query: string, limit = 1) =>
    pageThrough<Row>((p) => api.get(p), "/v1/payments", query, limit);

  const day = (r: Row) => new Date(r.received_at).toISOString().slice(0, 10);

  beforeAll(async () => {
    api = await billingTenant(t.server, "Filtered payments", "2026-01-05T10:00:00Z");
    for (const name of ["Acme", "Globex"])
      customers.push(await api.customer({ company_name: name }));
    const [a = "", b = ""] = customers;
    const offline = (customer: string, amount: string, received_at: string) =>
      api.post("/v1/payments", {
        customer_id: customer,
        amount,
        currency: "EUR",
        method: "offline",
        received_at,
      });
    // the edges of 2 January (UTC): its last millisecond before, its first and last in
    await offline(a, "10.00", "2026-01-01T23:59:59.999Z");
    await offline(b, "20.00", "2026-01-02T00:00:00Z");
    await offline(a, "30.00", "2026-01-02T23:59:59.999Z");
    await offline(b, "40.00", "2026-01-03T00:00:00Z");
    await offline(a, "50.00", "2026-01-04T08:00:00+02:00");
    // a declined card: a failed payment, kept
    await api.request("POST", "/v1/payments", {
      customer_id: b,
      amount: "60.00",
      currency: "EUR",
      method: "card",
      card_number: "4000000000000002",
    });
    await api.request("POST", "/v1/payments", {
      customer_id: a,
      amount: "70.00",
      currency: "EUR",
      method: "card",
      card_number: "4242424242424242",
    });
    all = (await api.get("/v1/payments?limit=100")).data;
  });

  it("has payments in several statuses, on several days, of two customers", () => {
    expect(all).toHaveLength(7);
    expect(new Set(all.map((p) => p.status))).toEqual(new Set(["succeeded", "failed"]));
    expect(new Set(all.map(day)).size).toBeGreaterThanOrEqual(4);
  });

  const CASES: [string, (r: Row) => boolean][] = [
    ["status=failed", (r) => r.status === "failed"],
    ["status=succeeded", (r) => r.status === "succeeded"],
    ["status=pending", (r) => r.status === "pending"],
    ["received_from=2026-01-02&received_to=2026-01-02", (r) => day(r) === "2026-01-02"],
    ["received_from=2026-01-03", (r) => day(r) >= "2026-01-03"],
    ["received_to=2026-01-01", (r) => day(r) <= "2026-01-01"],
    ["received_from=2026-01-03&received_to=2026-01-02", () => false],
  ];

  it("answers the payments each filter holds, counted, with and without a customer", async () => {
    for (const [query, holds] of CASES) {
      for (const customer of [undefined, ...customers]) {
        const q = `${query}${customer ? `&customer_id=${customer}` : ""}`;
        const expected = all.filter((r) => holds(r) && (!customer || r.customer_id === customer));
        const { ids, totals } = await pages(`${q}&include_total=true`);
        expect(ids, q).toEqual(expected.map((r) => r.id));
        expect(new Set(totals), q).toEqual(new Set([expected.length]));
      }
    }
    // the day filters match at least one payment on each edge
    const second = all.filter((r) => day(r) === "2026-01-02");
    expect(second.map((r) => r.received_at).sort()).toEqual([
      "2026-01-02T00:00:00.000Z",
      "2026-01-02T23:59:59.999Z",
    ]);
  });

  it("combines the filters with a sort, and counts only when asked", async () => {
    const q = "status=succeeded&received_from=2026-01-02&sort=amount&order=desc";
    const expected = all
      .filter((r) => r.status === "succeeded" && day(r) >= "2026-01-02")
      .sort((x: any, y: any) => Number(y.amount) - Number(x.amount));
    const counted = await pages(`${q}&include_total=true`);
    expect(counted.ids).toEqual(expected.map((r) => r.id));
    expect(new Set(counted.totals)).toEqual(new Set([expected.length]));
    const uncounted = await pages(q, 2);
    expect(uncounted.ids).toEqual(expected.map((r) => r.id));
    expect(new Set(uncounted.totals)).toEqual(new Set([undefined]));
  });

  it("refuses a day that is not one and a status that does not exist", async () => {
    for (const q of ["received_from=2026-13-01", "received_to=yesterday", "status=paid"]) {
      const res = await api.request("GET", `/v1/payments?${q}`);
      expect(res.status, q).toBe(400);
    }
  });
});
