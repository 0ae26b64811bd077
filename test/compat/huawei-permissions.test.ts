/**
 * Every row of seed 001 (Huawei Partner Center's API access permissions), walked three times:
 * a partner caller holding exactly one of the row's action codes (allowed, for each code), a
 * caller holding none of them (403 CBC.0151 naming the codes), and another partner's admin
 * credentials (its records are not there: empty lists, 404 for ids).
 */
import { beforeAll, expect, it, vi } from "vitest";
import { getOperation } from "../../src/domain/operations.js";
import { describeServer, type Response } from "../server.js";

vi.setConfig({ testTimeout: 120_000 });

type Call = { method: "GET" | "POST"; url: string; body?: unknown };
type Row = {
  path: string;
  op: string;
  codes: string[];
  /** A call that succeeds for partner A (prepared fresh each time). */
  call: () => Promise<Call>;
  /** What partner B sees of partner A's records through the same call. */
  other: (res: Response) => void;
};

describeServer("Huawei partner APIs: seed 001 permissions", (t) => {
  const s: Record<string, string> = {};
  const admin = (method: string, url: string, body?: unknown) =>
    t.server.request(method, url, body === undefined ? {} : { body });
  const huawei = (key: string, c: Call) =>
    t.server.request(c.method, c.url, {
      key: null,
      headers: { "x-auth-token": key },
      ...(c.body === undefined ? {} : { body: c.body }),
    });
  let n = 0;
  const register = async () => {
    n += 1;
    const res = await admin("POST", `/v1/partners/${s.a}/customers`, {
      account_name: `cust-${n}-${Date.now()}`,
      company_name: `Customer ${n}`,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const keyFor = async (partner: string, permissions: string[] | "admin") => {
    n += 1;
    let roles = ["admin"];
    if (permissions !== "admin") {
      const role = await admin("POST", "/v1/roles", { name: `r${n}`, permissions });
      expect(role.status, JSON.stringify(role.body)).toBe(201);
      roles = [role.body.name];
    }
    const key = await admin("POST", "/v1/api_keys", { name: `k${n}`, roles, partner_id: partner });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    return key.body.secret as string;
  };

  const ROWS: Row[] = [
    {
      path: "POST /v2/partners/sub-customers/users/check-identity",
      op: "partners.identity_check",
      codes: ["BPC_ITEM_SUBCUSTSERV_010118"],
      call: async () => ({
        method: "POST",
        url: "/v2/partners/sub-customers/users/check-identity",
        body: { search_type: "name", search_value: "free-name-1" },
      }),
      other: (res) => expect(res.body).toEqual({ check_result: "available" }),
    },
    {
      path: "POST /v2/bases/verificationcode/send",
      op: "partners.verification_codes.create",
      codes: ["BPC_ITEM_SUBCUSTSERV_010118"],
      call: async () => ({
        method: "POST",
        url: "/v2/bases/verificationcode/send",
        body: { receiver_type: 2, email: "new@customer.example" },
      }),
      other: (res) => expect(res.status).toBe(200),
    },
    {
      path: "POST /v2/partners/sub-customers",
      op: "partners.customers.create",
      codes: ["BPC_ITEM_SUBCUSTSERV_010118"],
      call: async () => ({
        method: "POST",
        url: "/v2/partners/sub-customers",
        body: { xaccount_id: `x${++n}`, xaccount_type: "shop" },
      }),
      // registered for B: A's list does not grow by it
      other: (res) => expect(res.body.domain_id).toMatch(/^cus_/),
    },
    {
      path: "POST /v2/partners/sub-customers/query",
      op: "partners.customers.list",
      codes: ["BPC_ITEM_SUBCUSTSERV_010100", "BPC_ITEM_SUBCUSTSERV_010500"],
      call: async () => ({ method: "POST", url: "/v2/partners/sub-customers/query", body: {} }),
      other: (res) => {
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body)).not.toContain(s.customer);
      },
    },
    {
      path: "POST /v2/partners/sub-customers/freeze",
      op: "partners.customers.freeze",
      codes: ["BPC_ITEM_SUBCUSTSERV_010501", "BPC_ITEM_SUBCUSTSERV_010115"],
      call: async () => ({
        method: "POST",
        url: "/v2/partners/sub-customers/freeze",
        body: { customer_ids: [await register()], reason: "overdue" },
      }),
      other: (res) => expect([res.status, res.body.error_code]).toEqual([404, "CBC.0100"]),
    },
    {
      path: "POST /v2/partners/sub-customers/unfreeze",
      op: "partners.customers.unfreeze",
      codes: ["BPC_ITEM_SUBCUSTSERV_010501", "BPC_ITEM_SUBCUSTSERV_010115"],
      call: async () => {
        const id = await register();
        const frozen = await admin("POST", `/v1/partners/${s.a}/customers/${id}/freeze`, {
          reason: "overdue",
        });
        expect(frozen.status).toBe(200);
        return {
          method: "POST",
          url: "/v2/partners/sub-customers/unfreeze",
          body: { customer_ids: [id], reason: "paid" },
        };
      },
      other: (res) => expect([res.status, res.body.error_code]).toEqual([404, "CBC.0100"]),
    },
    {
      path: "POST /v2/partners/indirect-partners/query",
      op: "partners.resellers.list",
      codes: ["BPC_ITEM_SALES_020100"],
      call: async () => ({ method: "POST", url: "/v2/partners/indirect-partners/query", body: {} }),
      other: (res) => expect(res.body).toEqual({ count: 0, indirect_partners: [] }),
    },
    {
      path: "GET /v2/orders/customer-orders",
      op: "partners.orders.list",
      codes: ["BPC_ITEM_SUBCUSTSERV_060100", "BPC_ITEM_SUBCUSTSERV_060200"],
      call: async () => ({ method: "GET", url: "/v2/orders/customer-orders" }),
      other: (res) => expect(res.body).toEqual({ total_count: 0, order_infos: [] }),
    },
    {
      path: "GET /v2/orders/customer-orders/details/{order_id}",
      op: "partners.orders.get",
      codes: ["BPC_ITEM_SUBCUSTSERV_060100", "BPC_ITEM_SUBCUSTSERV_060200"],
      call: async () => ({ method: "GET", url: `/v2/orders/customer-orders/details/${s.order}` }),
      other: (res) => expect([res.status, res.body.error_code]).toEqual([404, "CBC.0100"]),
    },
    {
      path: "GET /v2/partners/sub-customers/budget",
      op: "partners.budgets.get",
      codes: [
        "BPC_ITEM_SUBCUSTSERV_010111",
        "BPC_ITEM_SUBCUSTSERV_010503",
        "BPC_ITEM_SUBCUSTSERV_010107",
      ],
      call: async () => ({
        method: "GET",
        url: `/v2/partners/sub-customers/budget?customer_id=${s.customer}`,
      }),
      other: (res) => expect([res.status, res.body.error_code]).toEqual([404, "CBC.0100"]),
    },
    {
      path: "POST /v2/partners/sub-customers/budget",
      op: "partners.budgets.set",
      codes: ["BPC_ITEM_SUBCUSTSERV_010111", "BPC_ITEM_SUBCUSTSERV_010503"],
      call: async () => ({
        method: "POST",
        url: "/v2/partners/sub-customers/budget",
        body: { customer_id: s.customer, budget_amount: 900.5 },
      }),
      other: (res) => expect([res.status, res.body.error_code]).toEqual([404, "CBC.0100"]),
    },
    {
      path: "GET /v2/bills/partner-bills/postpaid-bill-summary",
      op: "partners.bill_summary",
      codes: ["BPC_ITEM_FINANCE_090100"],
      call: async () => ({
        method: "GET",
        url: "/v2/bills/partner-bills/postpaid-bill-summary?bill_cycle=2026-03",
      }),
      other: (res) => expect(res.body.consume_amount).toBe(0),
    },
  ];

  // partners A (with reseller R) and B, a customer of A with an order and a budget
  beforeAll(async () => {
    await t.server.must("POST", "/v1/test_clock", { frozen_time: "2026-03-01T09:00:00Z" });
    s.a = (await t.server.must("POST", "/v1/partners", { name: "A" })).id;
    s.r = (await t.server.must("POST", "/v1/partners", { name: "R", parent_id: s.a })).id;
    s.b = (await t.server.must("POST", "/v1/partners", { name: "B" })).id;
    s.customer = await register();
    const group = await t.server.must("POST", "/v1/plan_groups", {
      name: "G",
      currency: "USD",
      price_type: "net",
    });
    const plan = await t.server.must("POST", "/v1/plans", { plan_group_id: group.id, name: "P" });
    const variant = await t.server.must("POST", "/v1/plan_variants", {
      plan_id: plan.id,
      internal_name: "V",
      recurring_fee: "10",
      fee_period: { unit: "month", count: 1 },
    });
    const order = await admin("POST", "/v1/orders", {
      customer_id: s.customer,
      plan_variant_id: variant.id,
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    s.order = order.body.id;
    const budget = await t.server.request(
      "PUT",
      `/v1/partners/${s.a}/customers/${s.customer}/budget`,
      { body: { amount: "1000.00", currency: "USD" } },
    );
    expect(budget.status, JSON.stringify(budget.body)).toBe(200);
  }, 120_000);

  it("the table covers every seed 001 row, and the catalog carries its codes", () => {
    expect(ROWS).toHaveLength(12);
    for (const row of ROWS) {
      const op = getOperation(row.op);
      for (const code of row.codes) expect(op?.permissions).toContain(code);
      expect(op?.partnerScope).toBe(true);
    }
  });

  it("a caller holding exactly one listed code is allowed", async () => {
    const wrong: string[] = [];
    for (const row of ROWS) {
      for (const code of row.codes) {
        const key = await keyFor(s.a!, [code]);
        const res = await huawei(key, await row.call());
        if (res.status !== 200)
          wrong.push(`${row.path} with ${code} → ${res.status} ${JSON.stringify(res.body)}`);
        else if (res.body?.error_code)
          wrong.push(`${row.path} with ${code} → ${res.body.error_code}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("a caller holding none of them is refused with 403 CBC.0151 naming the codes", async () => {
    const key = await keyFor(s.a!, ["events:read"]);
    for (const row of ROWS) {
      const res = await huawei(key, await row.call());
      expect(res.status, row.path).toBe(403);
      expect(res.body.error_code, row.path).toBe("CBC.0151");
      for (const code of row.codes) expect(res.body.error_msg, row.path).toContain(code);
    }
  });

  it("another partner's credentials see none of A's records", async () => {
    const key = await keyFor(s.b!, "admin");
    for (const row of ROWS) {
      const call = await row.call();
      const res = await huawei(key, call);
      row.other(res);
      // an id is named back only when the caller gave it
      if (!JSON.stringify(call).includes(s.order!)) {
        expect(JSON.stringify(res.body), row.path).not.toContain(s.order);
      }
    }
    // acting for A's reseller is not B's to do
    const res = await huawei(key, {
      method: "POST",
      url: "/v2/partners/sub-customers/query",
      body: { indirect_partner_id: s.r },
    });
    expect([res.status, res.body.error_code]).toEqual([400, "CBC.99000037"]);
    // and through the native API, A and its records are not there
    for (const url of [
      `/v1/partners/${s.a}`,
      `/v1/partners/${s.a}/customers`,
      `/v1/partners/${s.b}/customers/${s.customer}`,
      `/v1/partners/${s.b}/orders/${s.order}`,
    ]) {
      expect((await t.server.get(url, { key })).status, url).toBe(404);
    }
    // nor may a partner credential reach the tenant's API
    const customers = await t.server.get("/v1/customers", { key });
    expect([customers.status, customers.body.error.code]).toEqual([
      403,
      "partner_credential_scope",
    ]);
  });

  it("unbound credentials are refused on the Huawei surface", async () => {
    const res = await huawei(t.server.tenant.api_key, {
      method: "POST",
      url: "/v2/partners/sub-customers/query",
      body: {},
    });
    expect([res.status, res.body.error_code]).toEqual([403, "CBC.0151"]);
  });
});
