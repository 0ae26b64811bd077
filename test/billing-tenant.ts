/**
 * A tenant of its own for billing scenarios, on its own test clock, with helpers for the
 * catalog, signups, billing runs and documents bound to its API key.
 */
import { expect } from "vitest";
import type { Response, TestServer } from "./server.js";

export type Line = [
  description: string,
  period: string,
  quantity: string,
  unit: string,
  amount: string,
];

/** A document's lines as [description, period, quantity, unit price, amount]. */
export const lines = (invoice: any): Line[] =>
  invoice.lines.map((l: any) => [
    l.description,
    `${l.period_start}..${l.period_end}`,
    l.quantity,
    l.unit_price,
    l.amount,
  ]);

/** A tenant of its own on a test clock set to `at`, with helpers bound to its API key. */
export async function billingTenant(server: TestServer, name: string, at: string) {
  const { api_key: key } = await server.createTenant(name);
  const request = (method: string, url: string, body?: unknown): Promise<Response> =>
    server.request(method, url, body === undefined ? { key } : { key, body });
  const post = async (url: string, body?: unknown) => {
    const res = await request("POST", url, body);
    expect(res.status, `POST ${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  const get = async (url: string) => {
    const res = await request("GET", url);
    expect(res.status, `GET ${url}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };
  await post("/v1/test_clock", { frozen_time: at });
  const api = {
    /** The tenant's admin API key. */
    key,
    request,
    post,
    get,
    advance: (to: string) => post("/v1/test_clock/advance", { frozen_time: to }),
    /** POST /v1/billing_runs: the run, or null when no contract was due. */
    run: async () => {
      const res = await request("POST", "/v1/billing_runs");
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    },
    /** The contract's documents in the order they were written (ids sort by kind first). */
    invoices: async (contractId: string): Promise<any[]> =>
      (await get(`/v1/invoices?limit=100&contract_id=${contractId}`)).data.sort((x: any, y: any) =>
        x.created_at.localeCompare(y.created_at),
      ),
    /** A plan group (net, EUR unless told) with one plan. */
    plan: async (
      plan: Record<string, unknown> = {},
      group: Record<string, unknown> = {},
    ): Promise<{ group: string; plan: string }> => {
      const g = await post("/v1/plan_groups", {
        name: "G",
        currency: "EUR",
        price_type: "net",
        ...group,
      });
      const p = await post("/v1/plans", { plan_group_id: g.id, name: "Plan", ...plan });
      return { group: g.id, plan: p.id };
    },
    variant: async (planId: string, fields: Record<string, unknown>): Promise<string> =>
      (await post("/v1/plan_variants", { plan_id: planId, ...fields })).id,
    customer: async (fields: Record<string, unknown> = {}): Promise<string> =>
      (await post("/v1/customers", { email: "c@x.example", time_zone: "UTC", ...fields })).id,
    /** Signs the customer up and returns the contract id. */
    signup: async (customerId: string, variantId: string, extra: Record<string, unknown> = {}) => {
      const order = await post("/v1/orders", {
        customer_id: customerId,
        plan_variant_id: variantId,
        ...extra,
      });
      expect((await post(`/v1/orders/${order.id}/commit`)).status).toBe("succeeded");
      return order.contract_id as string;
    },
  };
  return api;
}
