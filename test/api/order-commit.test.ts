/**
 * `POST /v1/orders` with `commit: true`: the order is created and committed in one request
 * and one transaction — the contract exists when it answers, and a refused commit leaves no
 * order behind.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("orders: create and commit in one request", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await billingTenant(t.server, "Commit", "2026-04-01T00:00:00Z");
    const { plan } = await api.plan();
    const monthly = { fee_period: { unit: "month", count: 1 } };
    ids.basic = await api.variant(plan, {
      internal_name: "Basic",
      recurring_fee: "10",
      ...monthly,
    });
    ids.pro = await api.variant(plan, { internal_name: "Pro", recurring_fee: "30", ...monthly });
    ids.strict = await api.variant(plan, {
      internal_name: "Strict",
      recurring_fee: "10",
      allow_without_payment_data: false,
      ...monthly,
    });
    ids.customer = await api.customer();
  });

  it("a signup and a change, each committed by the request that creates it", async () => {
    const signup = await api.request("POST", "/v1/orders", {
      customer_id: ids.customer,
      plan_variant_id: ids.basic,
      commit: true,
    });
    expect(signup.status, JSON.stringify(signup.body)).toBe(201);
    expect(signup.body).toMatchObject({ type: "signup", status: "succeeded" });
    const contract = await api.get(`/v1/contracts/${signup.body.contract_id}`);
    expect(contract).toMatchObject({
      status: "active",
      current_phase: { plan_variant_id: ids.basic },
    });

    const change = await api.request("POST", "/v1/orders", {
      contract_id: contract.id,
      plan_variant_id: ids.pro,
      commit: true,
    });
    expect(change.body).toMatchObject({ type: "change", status: "succeeded" });
    const changed = await api.get(`/v1/contracts/${contract.id}`);
    expect(changed.current_phase.plan_variant_id).toBe(ids.pro);

    // without commit the order waits, as before
    const open = await api.post("/v1/orders", {
      customer_id: ids.customer,
      plan_variant_id: ids.basic,
    });
    expect(open.status).toBe("in_progress");
  });

  it("a refused commit writes no order", async () => {
    const before = (await api.get(`/v1/orders?customer_id=${ids.customer}&limit=100`)).data.length;
    const res = await api.request("POST", "/v1/orders", {
      customer_id: ids.customer,
      plan_variant_id: ids.strict,
      commit: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe("payment_data_required");
    const after = (await api.get(`/v1/orders?customer_id=${ids.customer}&limit=100`)).data.length;
    expect(after).toBe(before);
  });
});
