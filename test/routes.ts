/**
 * Every documented route (read from /openapi.json) and a fixture with one record of each
 * kind, for the tests that sweep the whole API: hostile input, tenant isolation, permissions.
 */
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import type { TestServer } from "./server.js";

export type DocumentedRoute = {
  /** The operation id of the catalog (src/domain/operations.ts). */
  id: string;
  method: string;
  /** With `{name}` placeholders. */
  path: string;
  params: string[];
  query: { name: string; schema: Record<string, unknown> }[];
  body: Record<string, unknown> | null;
};

export function operationsOf(doc: any): DocumentedRoute[] {
  const out: DocumentedRoute[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, any>)) {
    for (const [method, op] of Object.entries(item as Record<string, any>)) {
      const parameters = (op.parameters ?? []) as { in: string; name: string; schema: any }[];
      out.push({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        params: parameters.filter((p) => p.in === "path").map((p) => p.name),
        query: parameters
          .filter((p) => p.in === "query")
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: op.requestBody?.content?.["application/json"]?.schema ?? null,
      });
    }
  }
  return out;
}

/** One record of each kind the API has, made through the API; their ids. */
export async function fixture(server: TestServer): Promise<string[]> {
  const post = async (url: string, body: unknown = {}) => {
    const res = await server.post(url, body);
    expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  await post("/v1/test_clock", { frozen_time: "2026-03-01T09:00:00Z" });
  const policy = await post("/v1/tax_policies", {
    name: "VAT",
    default_rate: "19",
    rates: [{ country: "DE", rate: "19" }],
  });
  const group = await post("/v1/plan_groups", {
    name: "G",
    currency: "EUR",
    price_type: "net",
    tax_policy_id: policy.id,
  });
  const plan = await post("/v1/plans", { plan_group_id: group.id, name: "P" });
  const variant = await post("/v1/plan_variants", {
    plan_id: plan.id,
    internal_name: "V",
    recurring_fee: "10",
    fee_period: { unit: "month", count: 1 },
  });
  const seats = await post("/v1/components", {
    plan_group_id: group.id,
    name: "Seats",
    type: "quantity",
    price_per_unit: "2",
  });
  const calls = await post("/v1/components", {
    plan_group_id: group.id,
    name: "Calls",
    type: "metered",
    price_per_unit: "0.01",
  });
  const discount = await post("/v1/discounts", {
    plan_group_id: group.id,
    name: "Ten",
    percent: "10",
  });
  const coupon = await post("/v1/coupons", { discount_id: discount.id, code: "TEN" });
  const customer = await post("/v1/customers", { email: "f@x.example" });
  const order = await post("/v1/orders", {
    customer_id: customer.id,
    plan_variant_id: variant.id,
    components: [{ component_id: seats.id, quantity: "2" }],
  });
  await post(`/v1/orders/${order.id}/commit`);
  const usage = await post(`/v1/contracts/${order.contract_id}/usage`, {
    component_id: calls.id,
    quantity: "5",
  });
  await post("/v1/billing_runs");
  const invoices = (await server.get("/v1/invoices")).body.data as { id: string }[];
  const hook = await post("/v1/webhook_endpoints", {
    url: "https://hooks.example.com/accrue",
    event_types: ["invoice.created"],
  });
  const entity = (await server.get("/v1/business_entities")).body.data[0];
  const second = await post("/v1/business_entities", { name: "Second", invoice_prefix: "S-" });
  const moving = await post("/v1/customers", { email: "m@x.example" });
  const transfer = await post("/v1/business_entity_transfers", {
    customer_id: moving.id,
    destination_business_entity_id: second.id,
  });
  const distributor = await post("/v1/provisioning_distributors", { name: "North" });
  const action = await post("/v1/subscription_actions/rest", {
    contract_id: order.contract_id,
    scheduled_date: "2026-04-01T00:00:00Z",
  });
  const payment = await post("/v1/payments", {
    customer_id: customer.id,
    amount: "1.00",
    currency: "EUR",
    method: "offline",
  });
  const role = await post("/v1/roles", { name: "fixture_role", permissions: ["customers:read"] });
  const user = await post("/v1/console_users", {
    // e-mail addresses are unique across the installation, and a database may hold several fixtures
    email: `fixture-${Math.random().toString(36).slice(2)}@users.example`,
    name: "Fixture",
    password: "fixture password 1",
    roles: ["read_only"],
  });
  const partner = await post("/v1/partners", { name: "Partner" });
  const reseller = await post("/v1/partners", { name: "Reseller", parent_id: partner.id });
  const subCustomer = await post(`/v1/partners/${partner.id}/customers`, {
    account_name: "fixture-sub",
  });
  return [
    role.name,
    user.id,
    payment.id,
    partner.id,
    reseller.id,
    subCustomer.id,
    policy.id,
    group.id,
    plan.id,
    variant.id,
    seats.id,
    calls.id,
    discount.id,
    coupon.id,
    customer.id,
    order.id,
    order.contract_id,
    usage.id,
    hook.id,
    entity.id,
    second.id,
    moving.id,
    transfer.id,
    transfer.resource_id,
    distributor.id,
    action.id,
    ...invoices.map((i) => i.id),
  ];
}

export type RegisteredRoute = {
  method: string;
  /** Fastify's form: `:name` for a path parameter. */
  path: string;
  params: string[];
};

/**
 * Every route the server has registered under `prefix`, read from Fastify's own route tree
 * (`printRoutes`), HEAD left out: the compatibility surfaces, which the OpenAPI document
 * does not describe, are enumerated from what is served rather than from a list kept by hand.
 */
export function registeredRoutes(app: FastifyInstance, prefix: string): RegisteredRoute[] {
  const out: RegisteredRoute[] = [];
  // each line: the tree's indentation (4 characters a level), the node's part of the path
  // (appended to its parent's) and its methods in parentheses, when routes end there
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const m = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]+)\))?/.exec(line);
    if (!m) continue;
    const depth = (m[1] as string).length / 4;
    const path = (stack[depth - 1] ?? "") + (m[2] as string);
    stack.length = depth;
    stack.push(path);
    if (!m[3] || !path.startsWith(prefix)) continue;
    for (const method of m[3].split(", ")) {
      if (method === "HEAD") continue;
      out.push({ method, path, params: [...path.matchAll(/:([A-Za-z_]+)/g)].map((p) => p[1]!) });
    }
  }
  return out;
}
