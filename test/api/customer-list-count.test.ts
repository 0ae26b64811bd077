/**
 * The customers list with include_total: how many customers the search, e-mail and external id
 * filters hold, the same on every page and in every sort, a deleted customer not counted; and
 * no count unless asked. Each expectation is the same filter applied in memory.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { pageThrough } from "../paging.js";
import { describeServer } from "../server.js";

type Row = { id: string; display_name: string; email: string | null; external_id: string | null };

describeServer("the customers list counted", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let all: Row[] = [];

  /** Every row of the list with `query`, a page of `limit` at a time, and each page's total. */
  const pages = (query: string, limit = 1) =>
    pageThrough<Row>((p) => api.get(p), "/v1/customers", query, limit);

  beforeAll(async () => {
    api = await billingTenant(t.server, "Counted customers", "2026-01-05T10:00:00Z");
    const made = [
      { company_name: "Acme Corp", email: "billing@acme.example", external_id: "A-1" },
      { company_name: "Acme Labs", email: "labs@acme.example", external_id: "A-2" },
      { first_name: "Ada", last_name: "Lovelace", email: "ada@example.org" },
      { company_name: "Globex", email: "ap@globex.example", external_id: "G-1" },
      { company_name: "Acme Gone", email: "gone@acme.example" },
    ];
    const ids: string[] = [];
    for (const c of made) ids.push(await api.customer(c));
    const deleted = await api.request("DELETE", `/v1/customers/${ids[4]}`);
    expect(deleted.status, JSON.stringify(deleted.body)).toBeLessThan(300);
    all = (await api.get("/v1/customers?limit=100")).data;
  });

  it("lists the customers not deleted", () => {
    expect(all.map((c) => c.display_name)).toEqual([
      "Acme Corp",
      "Acme Labs",
      "Ada Lovelace",
      "Globex",
    ]);
  });

  const CASES: [string, (r: Row) => boolean][] = [
    ["", () => true],
    ["q=acme", (r) => r.display_name.startsWith("Acme")],
    ["q=example.org", (r) => r.email === "ada@example.org"],
    ["q=nobody", () => false],
    ["email=ap@globex.example", (r) => r.email === "ap@globex.example"],
    ["external_id=A-2", (r) => r.external_id === "A-2"],
  ];

  it("counts the customers each filter holds, on every page and in every sort", async () => {
    for (const [query, holds] of CASES) {
      const expected = all.filter(holds);
      for (const sort of ["created", "name", "email"]) {
        const q = `${query}&sort=${sort}&include_total=true`;
        const { ids, totals } = await pages(q);
        expect(new Set(ids), q).toEqual(new Set(expected.map((r) => r.id)));
        expect(new Set(totals), q).toEqual(new Set([expected.length]));
      }
    }
  });

  it("counts only when asked", async () => {
    const { ids, totals } = await pages("q=acme", 1);
    expect(ids).toHaveLength(2);
    expect(new Set(totals)).toEqual(new Set([undefined]));
  });
});
