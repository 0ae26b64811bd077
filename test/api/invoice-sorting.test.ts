/**
 * The documents list in every sort and direction: paged three documents at a time through
 * many pages, with ties on the sort value (equal dates, equal totals, drafts without a
 * number), every document answered exactly once and in the right order; the sorts combined
 * with the filters; and cursors refused for another sort, another direction, or tampered.
 */
import { Decimal } from "decimal.js";
import { beforeAll, describe, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { pageThrough } from "../paging.js";
import { describeServer } from "../server.js";

type Doc = {
  id: string;
  kind: string;
  number: string | null;
  status: string;
  customer_id: string;
  issue_date: string;
  currency: string;
  total_gross: string;
};

const SORTS = ["created", "issue_date", "total", "number"] as const;
type Sort = (typeof SORTS)[number];
const ORDERS = ["asc", "desc"] as const;

/** -1, 0 or 1: `a` against `b` by code units (the byte order of ASCII, as the list compares). */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** How the list must order two documents ascending, the id breaking ties. */
function ascending(sort: Sort): (a: Doc, b: Doc) => number {
  const byValue = (a: Doc, b: Doc): number => {
    switch (sort) {
      case "created":
        return 0;
      case "issue_date":
        return cmp(a.issue_date, b.issue_date);
      case "total":
        return (
          cmp(a.currency, b.currency) || new Decimal(a.total_gross).cmp(new Decimal(b.total_gross))
        );
      case "number":
        // drafts have no number: after every number
        if (a.number === null || b.number === null) {
          return (a.number === null ? 1 : 0) - (b.number === null ? 1 : 0);
        }
        return cmp(a.number, b.number);
    }
  };
  return (a, b) => byValue(a, b) || cmp(a.id, b.id);
}

describeServer("the documents list sorted", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let all: Doc[] = [];
  const customers = { a: "", b: "" };
  const charge = async (customer: string, currency: string, price: string, draft = false) =>
    (
      await api.post("/v1/invoices", {
        customer_id: customer,
        currency,
        lines: [{ description: "Work", unit_price: price }],
        ...(draft ? { draft: true } : {}),
      })
    ).id as string;

  /** Every document of the list in `query`, page by page; each page's ids. */
  async function pages(query: string, limit = 3) {
    const listed = await pageThrough<Doc>((p) => api.get(p), "/v1/invoices", query, limit);
    return { docs: listed.rows, pages: listed.pages };
  }

  // equal issue dates on each of three days, equal totals in EUR across days and customers,
  // another currency, amounts whose text order is not their numeric order (9.99 > 100.00 as
  // text), a credit note, and drafts (no number, all on the last day)
  beforeAll(async () => {
    api = await billingTenant(t.server, "Sorted documents", "2026-01-05T10:00:00Z");
    customers.a = await api.customer({ company_name: "Alpha" });
    customers.b = await api.customer({ company_name: "Beta" });
    const first = await charge(customers.a, "EUR", "10");
    await charge(customers.a, "EUR", "10");
    await charge(customers.a, "EUR", "25.50");
    await charge(customers.b, "USD", "10");
    await api.advance("2026-02-10T10:00:00Z");
    await charge(customers.a, "EUR", "10");
    await charge(customers.a, "EUR", "7.25");
    await charge(customers.b, "EUR", "25.50");
    await charge(customers.b, "USD", "1000");
    await api.post(`/v1/invoices/${first}/credit_notes`, {});
    await api.advance("2026-03-15T10:00:00Z");
    await charge(customers.a, "EUR", "100");
    await charge(customers.a, "EUR", "9.99");
    await charge(customers.b, "EUR", "10");
    await charge(customers.a, "EUR", "10", true);
    await charge(customers.b, "EUR", "3", true);
    await charge(customers.a, "EUR", "10", true);
    all = (await api.get("/v1/invoices?limit=100")).data;
  });

  it("has ties on every sort value to page through", () => {
    expect(all).toHaveLength(15);
    const count = (key: (d: Doc) => string) => {
      const n = new Map<string, number>();
      for (const d of all) n.set(key(d), (n.get(key(d)) ?? 0) + 1);
      return Math.max(...n.values());
    };
    expect(count((d) => d.issue_date)).toBeGreaterThanOrEqual(5);
    expect(count((d) => `${d.currency} ${d.total_gross}`)).toBeGreaterThanOrEqual(5);
    expect(all.filter((d) => d.number === null)).toHaveLength(3);
  });

  for (const sort of SORTS) {
    for (const order of ORDERS) {
      it(`pages by ${sort} ${order}: each document once, in order`, async () => {
        const query = sort === "created" ? `order=${order}` : `sort=${sort}&order=${order}`;
        const up = ascending(sort);
        const expected = [...all].sort(order === "asc" ? up : (a, b) => up(b, a));
        // pages of 2 and of 3 end at different places (within the drafts, at their edge)
        for (const limit of [2, 3]) {
          const { docs, pages: seen } = await pages(query, limit);
          expect(seen.length).toBeGreaterThan(2);
          const ids = docs.map((d) => d.id);
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids, `pages of ${limit}`).toEqual(expected.map((d) => d.id));
        }
      });
    }
  }

  it("orders totals as numbers within each currency, not as text", async () => {
    const { docs } = await pages("sort=total&order=asc&kind=invoice&status=finalized", 100);
    expect(docs.map((d) => `${d.currency} ${d.total_gross}`)).toEqual([
      "EUR 7.25",
      "EUR 9.99",
      "EUR 10.00",
      "EUR 10.00",
      "EUR 10.00",
      "EUR 10.00",
      "EUR 25.50",
      "EUR 25.50",
      "EUR 100.00",
      "USD 10.00",
      "USD 1000.00",
    ]);
  });

  it("keeps the filters while paging in a sort, and counts what matches", async () => {
    for (const order of ORDERS) {
      const filters = `customer_id=${customers.a}&status=finalized&kind=invoice&issue_date_from=2026-02-01&issue_date_to=2026-03-31`;
      const { docs, pages: seen } = await pages(`sort=total&order=${order}&${filters}`, 1);
      const expected = all
        .filter(
          (d) =>
            d.customer_id === customers.a &&
            d.status === "finalized" &&
            d.kind === "invoice" &&
            d.issue_date >= "2026-02-01",
        )
        .sort(order === "asc" ? ascending("total") : (a, b) => ascending("total")(b, a));
      expect(expected.map((d) => d.total_gross)).toEqual(
        order === "asc" ? ["7.25", "9.99", "10.00", "100.00"] : ["100.00", "10.00", "9.99", "7.25"],
      );
      expect(seen.length).toBe(4);
      expect(docs.map((d) => d.id)).toEqual(expected.map((d) => d.id));
      const counted = await api.get(
        `/v1/invoices?sort=total&order=${order}&include_total=true&${filters}`,
      );
      expect(counted.total_count).toBe(4);
    }
    const { docs } = await pages(`sort=issue_date&order=desc&customer_id=${customers.b}`, 2);
    expect(docs.map((d) => [d.issue_date, d.total_gross])).toEqual(
      all
        .filter((d) => d.customer_id === customers.b)
        .sort((a, b) => ascending("issue_date")(b, a))
        .map((d) => [d.issue_date, d.total_gross]),
    );
  });

  describe("cursors", () => {
    const refused = async (query: string) => {
      const res = await api.request("GET", `/v1/invoices?${query}`);
      return [res.status, res.body.error?.code];
    };
    const cursorOf = async (query: string) => {
      const page = await api.get(`/v1/invoices?limit=2&${query}`);
      expect(page.next_cursor).toEqual(expect.any(String));
      return encodeURIComponent(page.next_cursor);
    };

    it("are opaque and continue only the sort and direction they were answered for", async () => {
      const byTotal = await cursorOf("sort=total&order=asc");
      expect(all.map((d) => d.id)).not.toContain(decodeURIComponent(byTotal));
      expect(await refused(`sort=total&order=asc&cursor=${byTotal}`)).toEqual([200, undefined]);
      for (const other of [
        "sort=total&order=desc",
        "sort=issue_date&order=asc",
        "sort=number",
        "order=asc",
        "",
      ]) {
        expect(await refused(`${other}&cursor=${byTotal}`), other).toEqual([
          400,
          "cursor_sort_mismatch",
        ]);
      }
      // an id (the cursor of the list by creation) does not page another sort
      const byCreation = await cursorOf("order=desc");
      expect(await refused(`sort=issue_date&order=desc&cursor=${byCreation}`)).toEqual([
        400,
        "cursor_sort_mismatch",
      ]);
      const res = await api.request("GET", `/v1/invoices?sort=number&cursor=${byTotal}`);
      expect(res.body.error.message).toContain("total ascending");
      expect(res.body.error.message).toContain("number ascending");
    });

    it("refuses garbage and tampered cursors with 400 invalid_cursor", async () => {
      const forge = (value: unknown[]) =>
        encodeURIComponent(Buffer.from(JSON.stringify(value)).toString("base64url"));
      for (const [query, code] of [
        ["sort=total&cursor=not-a-cursor", "invalid_cursor"],
        ["sort=issue_date&cursor=%7B%7D", "invalid_cursor"],
        [
          `sort=issue_date&cursor=${forge([1, "issue_date", "asc", ["yesterday"], "inv_x"])}`,
          "invalid_cursor",
        ],
        [`sort=total&cursor=${forge([1, "total", "asc", ["EUR"], "inv_x"])}`, "invalid_cursor"],
        [
          `sort=total&cursor=${forge([1, "total", "asc", ["EUR", "1.5"], "inv_x"])}`,
          "invalid_cursor",
        ],
        [`sort=number&cursor=${forge([2, "number", "asc", [null], "inv_x"])}`, "invalid_cursor"],
        ["sort=sideways", "validation_failed"],
      ] as const) {
        expect(await refused(query), query).toEqual([400, code]);
      }
    });
  });
});
