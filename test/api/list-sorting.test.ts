/**
 * The customers, payments, orders, contracts, quotes and subscription actions lists in every
 * sort and direction, and the audit log and the webhook deliveries in both directions:
 * paged two and three rows at a time, with ties on every sort value (equal names in other
 * cases, equal e-mail addresses and none, equal amounts and receipt times, orders changed at
 * the same instant, contracts starting at the same instant or of the same customer, quotes
 * valid until the same instant, given or by default, actions due at the same instant or not
 * scheduled at all), each row answered exactly once and in the order of an in-memory sort of the same rows; the
 * sorts combined with the lists' filters; and cursors refused for another sort, another
 * direction, or tampered with.
 */
import { Decimal } from "decimal.js";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { fanOut } from "../../src/workflows/webhook-delivery.js";
import { moveAuditRecords } from "../audit-at.js";
import { billingTenant } from "../billing-tenant.js";
import { pageThrough } from "../paging.js";
import { describeServer } from "../server.js";

type Row = Record<string, any> & { id: string };
type Compare = (a: Row, b: Row) => number;

/** -1, 0 or 1: `a` against `b` by code units (the byte order of ASCII, as the lists compare). */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Nulls after every value (ascending), else by `cmp`. */
const nullsLast = (a: string | null, b: string | null) =>
  a === null || b === null ? (a === null ? 1 : 0) - (b === null ? 1 : 0) : cmp(a, b);
const instant = (a: string, b: string) => Date.parse(a) - Date.parse(b);

/** Each list's sorts: how two rows compare ascending by the sort's value (the id breaks ties). */
const LISTS: Record<string, { path: string; sorts: Record<string, Compare> }> = {
  customers: {
    path: "/v1/customers",
    sorts: {
      created: () => 0,
      name: (a, b) => cmp(a.display_name.toLowerCase(), b.display_name.toLowerCase()),
      email: (a, b) => nullsLast(a.email?.toLowerCase() ?? null, b.email?.toLowerCase() ?? null),
    },
  },
  payments: {
    path: "/v1/payments",
    sorts: {
      created: () => 0,
      amount: (a, b) =>
        cmp(a.currency, b.currency) || new Decimal(a.amount).cmp(new Decimal(b.amount)),
      received: (a, b) => instant(a.received_at, b.received_at),
    },
  },
  orders: {
    path: "/v1/orders",
    sorts: { created: () => 0, updated: (a, b) => instant(a.updated_at, b.updated_at) },
  },
  contracts: {
    path: "/v1/contracts",
    sorts: {
      created: () => 0,
      start: (a, b) => instant(a.start_date, b.start_date),
      customer: (a, b) => cmp(a.customer_id, b.customer_id),
    },
  },
  quotes: {
    path: "/v1/quotes",
    sorts: { created: () => 0, valid_until: (a, b) => instant(a.valid_until, b.valid_until) },
  },
};

const ORDERS = ["asc", "desc"] as const;

const sorted = (rows: Row[], by: Compare, order: "asc" | "desc") => {
  const up: Compare = (a, b) => by(a, b) || cmp(a.id, b.id);
  return [...rows].sort(order === "asc" ? up : (a, b) => up(b, a));
};

describeServer("the customers, payments, orders, contracts and quotes lists sorted", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const all: Record<string, Row[]> = {};
  const customers: string[] = [];

  /** Every row of the list at `path` with `query`, page by page; each page's ids. */
  const pages = (path: string, query: string, limit: number) =>
    pageThrough<Row>((p) => api.get(p), path, query, limit);

  beforeAll(async () => {
    api = await billingTenant(t.server, "Sorted lists", "2026-01-05T10:00:00Z");
    // names equal but for case, a company name over a person's, a person's over an
    // e-mail address, an e-mail address alone; addresses equal but for case, and none
    const people: Record<string, unknown>[] = [
      { company_name: "Acme", email: "a1@x.example" },
      { company_name: "acme", email: "A1@x.example" },
      { company_name: "Acme", email: null },
      { first_name: "Zoe", last_name: "Adams", email: "zoe@x.example" },
      { first_name: "Bob", email: "bob@x.example" },
      { last_name: "Baker", email: null },
      { company_name: "", first_name: "Carla", last_name: "Diaz", email: "B@x.example" },
      { email: "mallory@x.example" },
      { company_name: "Beta GmbH", email: "b@x.example" },
      { company_name: "beta gmbh", email: "zulu@x.example" },
      { company_name: "Zulu", email: "a1@x.example" },
      { first_name: "bob", last_name: "", email: null },
      { company_name: "Omega", email: "Bob@x.example" },
      { company_name: "Gone", email: "gone@x.example" },
    ];
    for (const p of people) customers.push(await api.customer(p));
    // a deleted customer is in no order of the list
    expect((await api.request("DELETE", `/v1/customers/${customers.pop()}`)).status).toBe(204);

    const [a = "", b = "", c = ""] = customers;
    const pay = (customer: string, amount: string, currency: string, received_at?: string) =>
      api.post("/v1/payments", {
        customer_id: customer,
        amount,
        currency,
        method: "offline",
        ...(received_at ? { received_at } : {}),
      });
    // equal amounts across customers, amounts whose text order is not their numeric order
    // (9.99 > 100.00 as text), another currency; equal receipt times, and "now"
    await pay(a, "10.00", "EUR", "2026-01-02T09:00:00Z");
    await pay(b, "10.00", "EUR", "2026-01-02T09:00:00Z");
    await pay(a, "9.99", "EUR", "2026-01-01T12:30:00.250Z");
    await pay(c, "100.00", "EUR", "2026-01-02T09:00:00Z");
    await pay(a, "10.00", "USD", "2026-01-03T00:00:00Z");
    await pay(b, "1000.00", "USD");
    await pay(a, "25.50", "EUR");
    await pay(b, "25.50", "EUR", "2026-01-01T12:30:00.250Z");
    await pay(c, "10.00", "EUR");
    await pay(a, "0.01", "EUR", "2026-01-03T00:00:00Z");

    // quotes valid until the same instant (given, or 30 days after two created together),
    // some created on 5 January and expired by 5 February, the others created then
    const quote = (customer: string, valid_until?: string) =>
      api.post("/v1/quotes/one_time", {
        customer_id: customer,
        currency: "EUR",
        lines: [{ description: "Workshop", unit_price: "100" }],
        ...(valid_until ? { valid_until } : {}),
      });
    for (const [customer, valid_until] of [
      [a, "2026-02-01T00:00:00Z"],
      [b, "2026-02-01T00:00:00Z"],
      [c, undefined],
      [a, "2026-03-01T00:00:00Z"],
    ] as const) {
      await quote(customer, valid_until);
    }

    // orders changed at the same instant: created together, committed together later
    const { plan } = await api.plan();
    const variant = await api.variant(plan, {
      internal_name: "S",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    const order = async (customer: string) =>
      (await api.post("/v1/orders", { customer_id: customer, plan_variant_id: variant })).id;
    const orders: string[] = [];
    for (const customer of [a, b, c, a, b, c, a, b]) orders.push(await order(customer));
    await api.advance("2026-02-01T10:00:00Z");
    for (const id of [orders[6], orders[1], orders[4]]) await api.post(`/v1/orders/${id}/commit`);
    await api.advance("2026-02-03T10:00:00Z");
    for (const customer of [c, a]) orders.push(await order(customer));
    await api.post(`/v1/orders/${orders[0]}/commit`);
    // contracts starting together (the three committed on 1 February; three on 1 March, two
    // on 1 April), and one starting now; each of a and b has four, c two
    await api.advance("2026-02-05T10:00:00Z");
    for (const [customer, start_date] of [
      [c, "2026-03-01T00:00:00Z"],
      [a, "2026-03-01T00:00:00Z"],
      [b, "2026-03-01T00:00:00Z"],
      [c, "2026-04-01T00:00:00Z"],
      [a, "2026-04-01T00:00:00Z"],
      [b, undefined],
    ] as const) {
      await api.post("/v1/orders", {
        customer_id: customer,
        plan_variant_id: variant,
        commit: true,
        ...(start_date ? { start_date } : {}),
      });
    }
    for (const [customer, valid_until] of [
      [b, "2026-03-01T00:00:00Z"],
      [c, undefined],
      [a, "2026-03-01T00:00:00Z"],
      [b, undefined],
      [a, "2026-02-20T12:30:00.250Z"],
      [c, "2026-02-20T12:30:00.250Z"],
      [b, "2026-04-01T00:00:00Z"],
    ] as const) {
      await quote(customer, valid_until);
    }

    for (const [name, list] of Object.entries(LISTS)) {
      all[name] = (await api.get(`${list.path}?limit=100`)).data;
    }
  });

  it("has ties on every sort value to page through", () => {
    const most = (rows: Row[], key: (r: Row) => string) => {
      const n = new Map<string, number>();
      for (const r of rows) n.set(key(r), (n.get(key(r)) ?? 0) + 1);
      return Math.max(...n.values());
    };
    expect(all.customers).toHaveLength(13);
    expect(most(all.customers ?? [], (c) => c.display_name.toLowerCase())).toBe(3);
    expect(most(all.customers ?? [], (c) => String(c.email?.toLowerCase()))).toBe(3);
    expect(all.payments).toHaveLength(10);
    expect(most(all.payments ?? [], (p) => `${p.currency} ${p.amount}`)).toBe(3);
    expect(most(all.payments ?? [], (p) => p.received_at)).toBe(3);
    expect(all.orders).toHaveLength(16);
    expect(most(all.orders ?? [], (o) => o.updated_at)).toBe(6);
    expect(all.contracts).toHaveLength(10);
    expect(most(all.contracts ?? [], (c) => c.start_date)).toBe(3);
    expect(most(all.contracts ?? [], (c) => c.customer_id)).toBe(4);
    expect(all.quotes).toHaveLength(11);
    expect(most(all.quotes ?? [], (q) => q.valid_until)).toBe(3);
  });

  for (const [name, list] of Object.entries(LISTS)) {
    for (const [sort, by] of Object.entries(list.sorts)) {
      for (const order of ORDERS) {
        it(`pages ${name} by ${sort} ${order}: each row once, in order`, async () => {
          const query = sort === "created" ? `order=${order}` : `sort=${sort}&order=${order}`;
          const expected = sorted(all[name] ?? [], by, order).map((r) => r.id);
          // pages of 2 and of 3 end at different places (within runs of ties, at their edge)
          for (const limit of [2, 3]) {
            const { rows, pages: seen } = await pages(list.path, query, limit);
            expect(seen.length).toBeGreaterThan(3);
            expect(
              rows.map((r) => r.id),
              `pages of ${limit}`,
            ).toEqual(expected);
          }
        });
      }
    }
  }

  it("orders the lists by their own values: names, addresses, amounts, times", async () => {
    const names = (await pages("/v1/customers", "sort=name", 100)).rows;
    expect(names.map((c) => c.display_name)).toEqual(
      sorted(all.customers ?? [], LISTS.customers!.sorts.name!, "asc").map((c) => c.display_name),
    );
    expect(names.slice(0, 5).map((c) => c.display_name.toLowerCase())).toEqual([
      "acme",
      "acme",
      "acme",
      "baker",
      "beta gmbh",
    ]);
    const emails = (await pages("/v1/customers", "sort=email&order=asc", 100)).rows;
    expect(emails.slice(-3).map((c) => c.email)).toEqual([null, null, null]);
    const amounts = (await pages("/v1/payments", "sort=amount", 100)).rows;
    expect(amounts.map((p) => `${p.currency} ${p.amount}`)).toEqual([
      "EUR 0.01",
      "EUR 9.99",
      "EUR 10.00",
      "EUR 10.00",
      "EUR 10.00",
      "EUR 25.50",
      "EUR 25.50",
      "EUR 100.00",
      "USD 10.00",
      "USD 1000.00",
    ]);
    const received = (await pages("/v1/payments", "sort=received&order=desc", 100)).rows;
    expect(received.at(-1)?.received_at).toBe("2026-01-01T12:30:00.250Z");
    const validUntil = (await pages("/v1/quotes", "sort=valid_until", 100)).rows;
    expect(validUntil.map((q) => q.valid_until)).toEqual([
      "2026-02-01T00:00:00.000Z",
      "2026-02-01T00:00:00.000Z",
      "2026-02-04T10:00:00.000Z",
      "2026-02-20T12:30:00.250Z",
      "2026-02-20T12:30:00.250Z",
      "2026-03-01T00:00:00.000Z",
      "2026-03-01T00:00:00.000Z",
      "2026-03-01T00:00:00.000Z",
      "2026-03-07T10:00:00.000Z",
      "2026-03-07T10:00:00.000Z",
      "2026-04-01T00:00:00.000Z",
    ]);
  });

  it("keeps the filters while paging in a sort", async () => {
    const [a = "", b = ""] = customers;
    for (const order of ORDERS) {
      const search = await pages("/v1/customers", `sort=name&order=${order}&q=acme`, 1);
      expect(search.rows.map((c) => c.id)).toEqual(
        sorted(
          (all.customers ?? []).filter((c) => c.display_name.toLowerCase() === "acme"),
          LISTS.customers!.sorts.name!,
          order,
        ).map((c) => c.id),
      );
      const byEmail = await pages(
        "/v1/customers",
        `sort=email&order=${order}&email=a1@x.example`,
        1,
      );
      expect(byEmail.rows.map((c) => c.email)).toEqual(["a1@x.example", "a1@x.example"]);
      const paid = await pages("/v1/payments", `sort=amount&order=${order}&customer_id=${a}`, 1);
      expect(paid.rows.map((p) => p.id)).toEqual(
        sorted(
          (all.payments ?? []).filter((p) => p.customer_id === a),
          LISTS.payments!.sorts.amount!,
          order,
        ).map((p) => p.id),
      );
      expect(paid.pages.length).toBe(5);
      const ordered = await pages("/v1/orders", `sort=updated&order=${order}&customer_id=${b}`, 1);
      expect(ordered.rows.map((o) => o.id)).toEqual(
        sorted(
          (all.orders ?? []).filter((o) => o.customer_id === b),
          LISTS.orders!.sorts.updated!,
          order,
        ).map((o) => o.id),
      );
      const contracts = await pages(
        "/v1/contracts",
        `sort=start&order=${order}&customer_id=${a}&status=active&include_total=true`,
        1,
      );
      expect(contracts.rows.map((c) => c.id)).toEqual(
        sorted(
          (all.contracts ?? []).filter((c) => c.customer_id === a && c.status === "active"),
          LISTS.contracts!.sorts.start!,
          order,
        ).map((c) => c.id),
      );
      expect(contracts.rows).toHaveLength(2);
      const byCustomer = await pages(
        "/v1/contracts",
        `sort=customer&order=${order}&status=future`,
        2,
      );
      expect(byCustomer.rows.map((c) => c.id)).toEqual(
        sorted(
          (all.contracts ?? []).filter((c) => c.status === "future"),
          LISTS.contracts!.sorts.customer!,
          order,
        ).map((c) => c.id),
      );
      expect(byCustomer.rows).toHaveLength(5);
      const byValidUntil = (keep: (q: Row) => boolean) =>
        sorted((all.quotes ?? []).filter(keep), LISTS.quotes!.sorts.valid_until!, order).map(
          (q) => q.id,
        );
      const created = (q: Row) => q.created_at.slice(0, 10);
      for (const [query, keep] of [
        [
          `customer_id=${a}&status=open&created_from=2026-02-05`,
          (q: Row) => q.customer_id === a && q.status === "open" && created(q) >= "2026-02-05",
        ],
        ["status=expired", (q: Row) => q.status === "expired"],
        ["created_to=2026-01-05", (q: Row) => created(q) <= "2026-01-05"],
        [
          `customer_id=${a}&created_from=2026-01-05&created_to=2026-01-05`,
          (q: Row) => q.customer_id === a && created(q) === "2026-01-05",
        ],
      ] as const) {
        const expected = byValidUntil(keep);
        expect(expected.length, query).toBeGreaterThan(1);
        const quotes = await pages(
          "/v1/quotes",
          `sort=valid_until&order=${order}&${query}&include_total=true`,
          1,
        );
        expect(
          quotes.rows.map((q) => q.id),
          query,
        ).toEqual(expected);
        const first = await api.get(
          `/v1/quotes?limit=1&sort=valid_until&order=${order}&${query}&include_total=true`,
        );
        expect(first.total_count, query).toBe(expected.length);
      }
    }
  });

  describe("cursors", () => {
    const answer = async (path: string, query: string) => {
      const res = await api.request("GET", `${path}?${query}`);
      return [res.status, res.body.error?.code];
    };
    const cursorOf = async (path: string, query: string) => {
      const page = await api.get(`${path}?limit=2&${query}`);
      expect(page.next_cursor).toEqual(expect.any(String));
      return encodeURIComponent(page.next_cursor);
    };

    for (const [name, list] of Object.entries(LISTS)) {
      const [sort = ""] = Object.keys(list.sorts).filter((s) => s !== "created");
      it(`continue only the ${name} list's sort and direction they were answered for`, async () => {
        const keyset = await cursorOf(list.path, `sort=${sort}&order=asc`);
        expect((all[name] ?? []).map((r) => r.id)).not.toContain(decodeURIComponent(keyset));
        expect(await answer(list.path, `sort=${sort}&order=asc&cursor=${keyset}`)).toEqual([
          200,
          undefined,
        ]);
        const others = [`sort=${sort}&order=desc`, "order=asc", "sort=created", ""];
        for (const other of [...others, ...Object.keys(list.sorts).map((s) => `sort=${s}`)]) {
          if (other === `sort=${sort}`) continue;
          expect(await answer(list.path, `${other}&cursor=${keyset}`), other).toEqual([
            400,
            "cursor_sort_mismatch",
          ]);
        }
        // an id (the cursor of the list by creation) pages no other sort, and still pages
        // the list by creation as it always did
        const byCreation = await cursorOf(list.path, "");
        expect(await answer(list.path, `cursor=${byCreation}`)).toEqual([200, undefined]);
        expect(await answer(list.path, `order=desc&cursor=${byCreation}`)).toEqual([
          200,
          undefined,
        ]);
        expect(await answer(list.path, `sort=${sort}&cursor=${byCreation}`)).toEqual([
          400,
          "cursor_sort_mismatch",
        ]);
      });
    }

    it("refuses garbage and tampered cursors with 400 invalid_cursor", async () => {
      const forge = (value: unknown[]) =>
        encodeURIComponent(Buffer.from(JSON.stringify(value)).toString("base64url"));
      for (const [path, query, code] of [
        ["/v1/customers", "sort=name&cursor=not-a-cursor", "invalid_cursor"],
        ["/v1/customers", `sort=name&cursor=${forge([1, "name", "asc", [null], "cus_x"])}`],
        ["/v1/customers", `sort=email&cursor=${forge([1, "email", "asc", [], "cus_x"])}`],
        ["/v1/payments", `sort=amount&cursor=${forge([1, "amount", "asc", ["EUR"], "pay_x"])}`],
        [
          "/v1/payments",
          `sort=amount&cursor=${forge([1, "amount", "asc", ["EUR", "1.5"], "pay_x"])}`,
        ],
        [
          "/v1/payments",
          `sort=received&cursor=${forge([1, "received", "asc", ["yesterday"], "pay_x"])}`,
        ],
        [
          "/v1/orders",
          `sort=updated&cursor=${forge([1, "updated", "asc", ["2026-01-05T10:00:00Z"], "ord_x"])}`,
        ],
        ["/v1/orders", "sort=sideways", "validation_failed"],
        [
          "/v1/contracts",
          `sort=start&cursor=${forge([1, "start", "asc", ["2026-03-01"], "con_x"])}`,
        ],
        ["/v1/contracts", `sort=customer&cursor=${forge([1, "customer", "asc", [null], "con_x"])}`],
        ["/v1/contracts", "sort=name", "validation_failed"],
        [
          "/v1/quotes",
          `sort=valid_until&cursor=${forge([1, "valid_until", "asc", ["2026-03-01"], "qte_x"])}`,
        ],
        [
          "/v1/quotes",
          `sort=valid_until&cursor=${forge([1, "valid_until", "asc", [null], "qte_x"])}`,
        ],
        ["/v1/quotes", "sort=start", "validation_failed"],
      ] as const) {
        expect(await answer(path, query), query).toEqual([400, code ?? "invalid_cursor"]);
      }
    });
  });

  describe("the subscription actions, the audit log and the webhook deliveries", () => {
    let tenant: Awaited<ReturnType<typeof billingTenant>>;
    const rows: Record<"actions" | "audit" | "deliveries", Row[]> = {
      actions: [],
      audit: [],
      deliveries: [],
    };
    const contracts: string[] = [];
    const endpoints: string[] = [];
    /** Due at the same instant sort by id; actions not scheduled after every date ascending. */
    const scheduled: Compare = (a, b) =>
      a.scheduled_date === null || b.scheduled_date === null
        ? (a.scheduled_date === null ? 1 : 0) - (b.scheduled_date === null ? 1 : 0)
        : instant(a.scheduled_date, b.scheduled_date);
    const ACTION_SORTS: Record<string, Compare> = { created: () => 0, scheduled };
    const tenantPages = (path: string, query: string, limit: number) =>
      pageThrough<Row>((p) => tenant.get(p), path, query, limit);
    const dayOf = (at: string) => at.slice(0, 10);

    beforeAll(async () => {
      tenant = await billingTenant(t.server, "Sorted actions", "2026-01-05T10:00:00Z");
      const { plan } = await tenant.plan();
      const variant = await tenant.variant(plan, {
        internal_name: "M",
        recurring_fee: "10",
        fee_period: { unit: "month", count: 1 },
      });
      for (const name of ["A", "B", "C", "D", "E", "F"]) {
        const customer = await tenant.customer({ company_name: name });
        const order = await tenant.post("/v1/orders", {
          customer_id: customer,
          plan_variant_id: variant,
          commit: true,
        });
        contracts.push(order.contract_id);
      }
      const [c0 = "", c1 = "", c2 = "", c3 = "", c4 = "", c5 = ""] = contracts;
      const rest = (contract_id: string, scheduled_date: string) =>
        tenant.post("/v1/subscription_actions/rest", { contract_id, scheduled_date });
      const deactivate = (contract_id: string) =>
        tenant.post("/v1/subscription_actions/deactivate", { contract_id });
      // created on two days: due together three at a time and two at a time (to the
      // millisecond), and three executed at once (not scheduled), one cancelled
      await tenant.advance("2026-01-06T10:00:00Z");
      await rest(c0, "2026-03-01T00:00:00Z");
      await deactivate(c3);
      await rest(c1, "2026-03-01T00:00:00Z");
      await rest(c0, "2026-02-20T12:30:00.250Z");
      await deactivate(c4);
      await tenant.advance("2026-01-08T10:00:00Z");
      await rest(c2, "2026-03-01T00:00:00Z");
      await rest(c1, "2026-02-20T12:30:00.250Z");
      const cancelled = await rest(c2, "2026-04-01T00:00:00Z");
      await tenant.post(`/v1/subscription_actions/${cancelled.id}/cancel`);
      await deactivate(c5);
      await rest(c1, "2026-04-01T00:00:00Z");

      for (const name of ["first", "second"]) {
        const ep = await tenant.post("/v1/webhook_endpoints", {
          url: `http://127.0.0.1:9/${name}`,
          event_types: ["api_key.created"],
        });
        endpoints.push(ep.id);
      }
      for (const name of ["one", "two", "three", "four"]) {
        await tenant.post("/v1/api_keys", { name, roles: ["read_only"] });
      }
      // every tenant's events so far, the other tenant's too
      while ((await fanOut(t.server.db, { now: () => new Date(), limit: 100 })) > 0);
      // deliveries and audit records on three days, in turn
      const days = [
        "2026-01-02T08:00:00.000Z",
        "2026-01-03T08:00:00.000Z",
        "2026-01-04T08:00:00.000Z",
      ];
      const delivered: Row[] = (await tenant.get("/v1/webhook_deliveries?limit=100")).data;
      for (const [i, d] of delivered.entries()) {
        const at = new Date(days[i % days.length]!);
        await sql`UPDATE webhook_deliveries SET created_at = ${at} WHERE id = ${d.id}`.execute(
          t.server.db,
        );
      }
      const records: Row[] = (await tenant.get("/v1/audit_events?limit=100")).data;
      await moveAuditRecords(
        t.server.db,
        records.map((r, i) => ({ id: r.id, at: new Date(days[(records.length - 1 - i) % 3]!) })),
      );

      rows.actions = (await tenant.get("/v1/subscription_actions?limit=100")).data;
      rows.audit = (await tenant.get("/v1/audit_events?limit=100")).data;
      rows.deliveries = (await tenant.get("/v1/webhook_deliveries?limit=100")).data;
    });

    it("has actions due together and not scheduled, records and deliveries on three days", () => {
      const due = rows.actions.map((r) => String(r.scheduled_date));
      expect(rows.actions).toHaveLength(10);
      expect(due.filter((d) => d === "null")).toHaveLength(3);
      expect(due.filter((d) => d === "2026-03-01T00:00:00.000Z")).toHaveLength(3);
      expect(due.filter((d) => d === "2026-02-20T12:30:00.250Z")).toHaveLength(2);
      expect(new Set(rows.actions.map((r) => r.state))).toEqual(
        new Set(["scheduled", "executed", "cancelled"]),
      );
      expect(new Set(rows.actions.map((r) => dayOf(r.created_at))).size).toBe(2);
      expect(rows.audit.length).toBeGreaterThan(12);
      expect(new Set(rows.audit.map((r) => dayOf(r.occurred_at))).size).toBe(3);
      expect(rows.deliveries).toHaveLength(8);
      expect(new Set(rows.deliveries.map((r) => dayOf(r.created_at))).size).toBe(3);
    });

    for (const [sort, by] of Object.entries(ACTION_SORTS)) {
      for (const order of ORDERS) {
        it(`pages subscription actions by ${sort} ${order}: each row once, in order`, async () => {
          const query = sort === "created" ? `order=${order}` : `sort=${sort}&order=${order}`;
          const expected = sorted(rows.actions, by, order).map((r) => r.id);
          for (const limit of [1, 2, 3]) {
            const { ids, pages: seen } = await tenantPages(
              "/v1/subscription_actions",
              query,
              limit,
            );
            expect(seen.length).toBeGreaterThan(3);
            expect(ids, `pages of ${limit}`).toEqual(expected);
          }
        });
      }
    }

    it("answers the actions not scheduled last ascending, first descending", async () => {
      const up = (await tenantPages("/v1/subscription_actions", "sort=scheduled", 100)).rows;
      expect(up.slice(-3).map((r) => r.scheduled_date)).toEqual([null, null, null]);
      expect(up[0]?.scheduled_date).toBe("2026-02-20T12:30:00.250Z");
      const down = (await tenantPages("/v1/subscription_actions", "sort=scheduled&order=desc", 100))
        .rows;
      expect(down.slice(0, 3).map((r) => r.scheduled_date)).toEqual([null, null, null]);
      expect(down.at(-1)?.scheduled_date).toBe("2026-02-20T12:30:00.250Z");
    });

    it("keeps every filter of the subscription actions in every sort", async () => {
      const [c0 = "", c1 = ""] = contracts;
      const rest = rows.actions.find((r) => r.state === "scheduled")!.behaviour_code;
      const filters: [string, (r: Row) => boolean][] = [
        [`contract_id=${c1}`, (r) => r.contract_id === c1],
        ["state=scheduled", (r) => r.state === "scheduled"],
        ["state=executed", (r) => r.state === "executed"],
        [`behaviour_code=${rest}`, (r) => r.behaviour_code === rest],
        ["created_from=2026-01-08", (r) => dayOf(r.created_at) >= "2026-01-08"],
        ["created_to=2026-01-06", (r) => dayOf(r.created_at) <= "2026-01-06"],
        [
          `contract_id=${c0}&created_from=2026-01-06&created_to=2026-01-06`,
          (r) => r.contract_id === c0 && dayOf(r.created_at) === "2026-01-06",
        ],
      ];
      for (const [sort, by] of Object.entries(ACTION_SORTS)) {
        for (const order of ORDERS) {
          for (const [filter, holds] of filters) {
            const query = `sort=${sort}&order=${order}&${filter}&include_total=true`;
            const expected = sorted(rows.actions.filter(holds), by, order).map((r) => r.id);
            expect(expected.length, query).toBeGreaterThan(1);
            const { ids, totals } = await tenantPages("/v1/subscription_actions", query, 1);
            expect(ids, query).toEqual(expected);
            expect(new Set(totals), query).toEqual(new Set([expected.length]));
          }
        }
      }
    });

    const BY_ID: [name: "audit" | "deliveries", path: string][] = [
      ["audit", "/v1/audit_events"],
      ["deliveries", "/v1/webhook_deliveries"],
    ];
    for (const [name, path] of BY_ID) {
      for (const order of [undefined, ...ORDERS]) {
        it(`pages ${name} ${order ?? "by default"}: each row once, ${order === "asc" ? "oldest" : "newest"} first`, async () => {
          const expected = sorted(rows[name], () => 0, order ?? "desc").map((r) => r.id);
          for (const limit of [2, 3]) {
            const { ids } = await tenantPages(path, order ? `order=${order}` : "", limit);
            expect(ids, `pages of ${limit}`).toEqual(expected);
          }
        });
      }
    }

    it("keeps the filters of the audit log and the deliveries in both directions", async () => {
      const [first = ""] = endpoints;
      // a target of several records (an action submitted, then cancelled)
      const targets = rows.audit.map((r) => r.target?.id).filter(Boolean);
      const target = targets.find((id) => targets.indexOf(id) !== targets.lastIndexOf(id));
      const event = rows.deliveries[0]!.event_id;
      const cases: [name: "audit" | "deliveries", string, (r: Row) => boolean][] = [
        [
          "audit",
          "operation=subscription_actions.rest",
          (r) => r.operation === "subscription_actions.rest",
        ],
        ["audit", `target_id=${target}`, (r) => r.target?.id === target],
        ["audit", "occurred_from=2026-01-03", (r) => dayOf(r.occurred_at) >= "2026-01-03"],
        ["audit", "occurred_to=2026-01-03", (r) => dayOf(r.occurred_at) <= "2026-01-03"],
        [
          "audit",
          "occurred_from=2026-01-03&occurred_to=2026-01-03&operation=customers.create",
          (r) => dayOf(r.occurred_at) === "2026-01-03" && r.operation === "customers.create",
        ],
        ["deliveries", `endpoint_id=${first}`, (r) => r.endpoint_id === first],
        ["deliveries", `event_id=${event}`, (r) => r.event_id === event],
        ["deliveries", "status=pending", (r) => r.status === "pending"],
        ["deliveries", "created_from=2026-01-03", (r) => dayOf(r.created_at) >= "2026-01-03"],
        [
          "deliveries",
          `created_to=2026-01-03&endpoint_id=${first}`,
          (r) => dayOf(r.created_at) <= "2026-01-03" && r.endpoint_id === first,
        ],
      ];
      for (const [name, filter, holds] of cases) {
        const path = name === "audit" ? "/v1/audit_events" : "/v1/webhook_deliveries";
        for (const order of ORDERS) {
          const query = `order=${order}&${filter}&include_total=true`;
          const expected = sorted(rows[name].filter(holds), () => 0, order).map((r) => r.id);
          expect(expected.length, query).toBeGreaterThan(1);
          const { ids, totals } = await tenantPages(path, query, 2);
          expect(ids, query).toEqual(expected);
          expect(new Set(totals), query).toEqual(new Set([expected.length]));
        }
      }
    });

    it("continues a list only in the sort and direction its cursor was answered for", async () => {
      const answer = async (path: string, query: string) => {
        const res = await tenant.request("GET", `${path}?${query}`);
        return [res.status, res.body.error?.code];
      };
      const cursorOf = async (path: string, query: string) => {
        const page = await tenant.get(`${path}?limit=2&${query}`);
        expect(page.next_cursor).toEqual(expect.any(String));
        return encodeURIComponent(page.next_cursor);
      };
      const actions = "/v1/subscription_actions";
      const keyset = await cursorOf(actions, "sort=scheduled&order=asc");
      expect(await answer(actions, `sort=scheduled&cursor=${keyset}`)).toEqual([200, undefined]);
      for (const other of ["sort=scheduled&order=desc", "order=asc", "sort=created", ""]) {
        expect(await answer(actions, `${other}&cursor=${keyset}`), other).toEqual([
          400,
          "cursor_sort_mismatch",
        ]);
      }
      // past the dates, into the actions not scheduled: a cursor with no date continues
      const nulls = await cursorOf(actions, "sort=scheduled&order=desc");
      expect(await answer(actions, `sort=scheduled&order=desc&cursor=${nulls}`)).toEqual([
        200,
        undefined,
      ]);
      const byCreation = await cursorOf(actions, "");
      expect(await answer(actions, `order=desc&cursor=${byCreation}`)).toEqual([200, undefined]);
      expect(await answer(actions, `sort=scheduled&cursor=${byCreation}`)).toEqual([
        400,
        "cursor_sort_mismatch",
      ]);
      // the audit log and the deliveries page by id either way; a keyset cursor pages neither
      for (const [, path] of BY_ID) {
        const id = await cursorOf(path, "");
        expect(await answer(path, `order=asc&cursor=${id}`)).toEqual([200, undefined]);
        expect(await answer(path, `cursor=${keyset}`)).toEqual([400, "cursor_sort_mismatch"]);
        expect(await answer(path, `order=asc&cursor=${keyset}`)).toEqual([
          400,
          "cursor_sort_mismatch",
        ]);
        expect(await answer(path, "order=newest")).toEqual([400, "validation_failed"]);
        expect(await answer(path, "sort=created")).toEqual([400, "validation_failed"]);
      }
      const forge = (value: unknown[]) =>
        encodeURIComponent(Buffer.from(JSON.stringify(value)).toString("base64url"));
      for (const cursor of [
        forge([1, "scheduled", "asc", ["2026-03-01"], "act_x"]),
        forge([1, "scheduled", "asc", [], "act_x"]),
        "not-a-cursor",
      ]) {
        expect(await answer(actions, `sort=scheduled&cursor=${cursor}`)).toEqual([
          400,
          "invalid_cursor",
        ]);
      }
      expect(await answer(actions, "sort=due")).toEqual([400, "validation_failed"]);
    });
  });
});
