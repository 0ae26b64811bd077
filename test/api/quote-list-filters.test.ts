/**
 * The quotes list filtered by status (expired: open and past valid_until, as of the tenant's
 * now), by the UTC days created (each end inclusive, the day's last millisecond in, the next
 * day's first out) and by customer, each alone and combined, paged one row at a time; with
 * include_total, how many match, the same on every page, and absent unless asked. Each
 * expectation is the same filter applied to the whole list in memory.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { pageThrough } from "../paging.js";
import { describeServer } from "../server.js";

type Row = { id: string; customer_id: string; status: string; created_at: string };

describeServer("the quotes list filtered", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let all: Row[] = [];
  const customers: string[] = [];

  /** Every row of the list with `query`, a page of `limit` at a time, and each page's total. */
  const pages = (query: string, limit = 1) =>
    pageThrough<Row>((p) => api.get(p), "/v1/quotes", query, limit);

  const day = (r: Row) => new Date(r.created_at).toISOString().slice(0, 10);

  beforeAll(async () => {
    api = await billingTenant(t.server, "Filtered quotes", "2026-01-01T23:59:59.999Z");
    for (const name of ["Acme", "Globex"])
      customers.push(await api.customer({ company_name: name }));
    const [a = "", b = ""] = customers;
    const quote = (customer: string, valid_until?: string) =>
      api.post("/v1/quotes/one_time", {
        customer_id: customer,
        currency: "EUR",
        lines: [{ description: "Workshop", unit_price: "100" }],
        ...(valid_until ? { valid_until } : {}),
      });
    // open until 3 January (UTC): expired from then on; created on 1 January's last millisecond
    await quote(a, "2026-01-03T00:00:00Z");
    await api.advance("2026-01-02T00:00:00Z");
    await api.post(`/v1/quotes/${(await quote(b)).id}/decline`);
    await api.advance("2026-01-02T23:59:59.999Z");
    await api.post(`/v1/quotes/${(await quote(a)).id}/accept`, {});
    await api.advance("2026-01-03T00:00:00Z");
    await quote(b);
    await api.advance("2026-01-04T06:00:00Z");
    await quote(a);
    all = (await api.get("/v1/quotes?limit=100")).data;
  });

  it("has quotes in every status, on several days, of two customers", () => {
    expect(all.map((q) => q.status)).toEqual(["expired", "declined", "accepted", "open", "open"]);
    expect(new Set(all.map(day)).size).toBe(4);
    expect(new Set(all.map((q) => q.customer_id)).size).toBe(2);
  });

  const CASES: [string, (r: Row) => boolean][] = [
    ["status=open", (r) => r.status === "open"],
    ["status=expired", (r) => r.status === "expired"],
    ["status=accepted", (r) => r.status === "accepted"],
    ["status=declined", (r) => r.status === "declined"],
    ["created_from=2026-01-02&created_to=2026-01-02", (r) => day(r) === "2026-01-02"],
    ["created_from=2026-01-03", (r) => day(r) >= "2026-01-03"],
    ["created_to=2026-01-01", (r) => day(r) <= "2026-01-01"],
    ["created_from=2026-01-03&created_to=2026-01-02", () => false],
    ["status=open&created_from=2026-01-04", (r) => r.status === "open" && day(r) >= "2026-01-04"],
  ];

  it("answers the quotes each filter holds, counted, with and without a customer", async () => {
    for (const [query, holds] of CASES) {
      for (const customer of [undefined, ...customers]) {
        const q = `${query}${customer ? `&customer_id=${customer}` : ""}`;
        const expected = all.filter((r) => holds(r) && (!customer || r.customer_id === customer));
        const { ids, totals } = await pages(`${q}&include_total=true`);
        expect(ids, q).toEqual(expected.map((r) => r.id));
        expect(new Set(totals), q).toEqual(new Set([expected.length]));
      }
    }
    const second = all.filter((r) => day(r) === "2026-01-02");
    expect(second.map((r) => r.created_at).sort()).toEqual([
      "2026-01-02T00:00:00.000Z",
      "2026-01-02T23:59:59.999Z",
    ]);
  });

  it("counts only when asked", async () => {
    const uncounted = await pages("created_from=2026-01-02", 2);
    expect(uncounted.ids).toEqual(all.filter((r) => day(r) >= "2026-01-02").map((r) => r.id));
    expect(new Set(uncounted.totals)).toEqual(new Set([undefined]));
  });

  it("reads expiry as of the tenant's now: a quote open today is expired once its time passes", async () => {
    const open = await pages("status=open&include_total=true");
    await api.advance("2026-03-01T00:00:00Z"); // past every default valid_until (30 days)
    const expired = await pages("status=expired&include_total=true");
    expect(expired.ids).toEqual(
      all.filter((r) => r.status === "expired" || r.status === "open").map((r) => r.id),
    );
    expect(open.ids).toHaveLength(2);
    expect(new Set((await pages("status=open&include_total=true")).totals)).toEqual(new Set([0]));
  });

  it("refuses a day that is not one and a status that does not exist", async () => {
    for (const q of ["created_from=2026-13-01", "created_to=yesterday", "status=paid"]) {
      const res = await api.request("GET", `/v1/quotes?${q}`);
      expect(res.status, q).toBe(400);
    }
  });
});
