/**
 * Signup scenarios on a test clock: orders, approval, trial, lifecycle status, end.
 */
import { beforeAll, expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("signup scenarios", (t) => {
  const ids: Record<string, string> = {};
  const post = (url: string, body?: unknown) => t.server.post(url, body);

  // test clock at 2025-01-31 10:00 UTC, a customer in Berlin, a catalog
  beforeAll(async () => {
    const create = (url: string, body?: unknown) => t.server.must("POST", url, body);
    await create("/v1/test_clock", { frozen_time: "2025-01-31T10:00:00Z" });
    ids.customer = (
      await create("/v1/customers", { company_name: "Acme", time_zone: "Europe/Berlin" })
    ).id;
    const group = await create("/v1/plan_groups", {
      name: "Cloud",
      currency: "EUR",
      price_type: "net",
    });
    const trialPlan = await create("/v1/plans", {
      plan_group_id: group.id,
      name: "Pro",
      trial_period: { unit: "month", count: 1 },
    });
    const approvalPlan = await create("/v1/plans", {
      plan_group_id: group.id,
      name: "Enterprise",
      requires_order_approval: true,
    });
    const monthly = { recurring_fee: "29.90", fee_period: { unit: "month", count: 1 } };
    ids.trialVariant = (
      await create("/v1/plan_variants", { plan_id: trialPlan.id, internal_name: "Pro", ...monthly })
    ).id;
    ids.approvalVariant = (
      await create("/v1/plan_variants", {
        plan_id: approvalPlan.id,
        internal_name: "Ent",
        ...monthly,
      })
    ).id;
    expect(Object.values(ids).every(Boolean)).toBe(true);
  });

  it("signup with a one-month trial from Jan 31: trial ends Feb 28 (month end), then active", async () => {
    const order = await post("/v1/orders", {
      customer_id: ids.customer,
      plan_variant_id: ids.trialVariant,
    });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ status: "in_progress", type: "signup", quantity: "1" });
    expect((await t.server.get(`/v1/contracts/${order.body.contract_id}`)).status).toBe(404);

    const committed = await post(`/v1/orders/${order.body.id}/commit`);
    expect(committed.body.status).toBe("succeeded");
    ids.contract = order.body.contract_id;

    const contract = (await t.server.get(`/v1/contracts/${ids.contract}`)).body;
    expect(contract).toMatchObject({
      customer_id: ids.customer,
      currency: "EUR",
      status: "in_trial",
      start_date: "2025-01-31T10:00:00Z",
      end_date: null,
      phases: [
        { type: "trial", start_date: "2025-01-31T10:00:00Z", plan_variant_id: ids.trialVariant },
        // Jan 31 11:00 in Berlin + 1 month = Feb 28 11:00 Berlin = 10:00 UTC
        { type: "normal", start_date: "2025-02-28T10:00:00Z", plan_variant_id: ids.trialVariant },
      ],
    });

    await post("/v1/test_clock/advance", { frozen_time: "2025-02-28T09:59:59Z" });
    expect((await t.server.get(`/v1/contracts/${ids.contract}`)).body.status).toBe("in_trial");
    await post("/v1/test_clock/advance", { frozen_time: "2025-02-28T10:00:00Z" });
    const active = (await t.server.get(`/v1/contracts/${ids.contract}`)).body;
    expect(active.status).toBe("active");
    expect(active.current_phase.type).toBe("normal");
  });

  it("committing a committed order → 422, nothing changes", async () => {
    const order = await post("/v1/orders", {
      customer_id: ids.customer,
      plan_variant_id: ids.trialVariant,
    });
    await post(`/v1/orders/${order.body.id}/commit`);
    const again = await post(`/v1/orders/${order.body.id}/commit`);
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe("invalid_order_transition");
    const approve = await post(`/v1/orders/${order.body.id}/approve`);
    expect(approve.status).toBe(422);
  });

  it("a plan requiring approval: commit → approval_pending → approve → contract from the order date", async () => {
    const order = await post("/v1/orders", {
      customer_id: ids.customer,
      plan_variant_id: ids.approvalVariant,
    });
    await post("/v1/test_clock/advance", { frozen_time: "2025-03-03T08:00:00Z" });
    expect((await post(`/v1/orders/${order.body.id}/commit`)).body.status).toBe("approval_pending");
    expect((await t.server.get(`/v1/contracts/${order.body.contract_id}`)).status).toBe(404);
    const approved = await post(`/v1/orders/${order.body.id}/approve`);
    expect(approved.body.status).toBe("succeeded");
    const contract = (await t.server.get(`/v1/contracts/${order.body.contract_id}`)).body;
    // "the contract starts with the customer's original order date"
    expect(contract).toMatchObject({ status: "active", start_date: "2025-02-28T10:00:00Z" });
  });

  it("decline; approving an order that needs no approval → 422", async () => {
    const order = await post("/v1/orders", {
      customer_id: ids.customer,
      plan_variant_id: ids.approvalVariant,
    });
    await post(`/v1/orders/${order.body.id}/commit`);
    expect((await post(`/v1/orders/${order.body.id}/decline`)).body.status).toBe("declined");
    expect((await t.server.get(`/v1/contracts/${order.body.contract_id}`)).status).toBe(404);
    const plain = await post("/v1/orders", {
      customer_id: ids.customer,
      plan_variant_id: ids.trialVariant,
    });
    const approve = await post(`/v1/orders/${plain.body.id}/approve`);
    expect(approve.status).toBe(422);
    expect(approve.body.error).toMatchObject({
      code: "invalid_order_transition",
      details: { status: "in_progress" },
    });
  });

  it("bad input: unknown plan variant or customer → 422 naming the field, nothing written", async () => {
    const before = (await t.server.db.selectFrom("orders").select("id").execute()).length;
    const variant = await post("/v1/orders", {
      customer_id: ids.customer,
      plan_variant_id: "plv_01J00000000000000000000000",
    });
    expect(variant.status).toBe(422);
    expect(variant.body.error).toMatchObject({
      code: "unknown_plan_variant",
      details: { field: "plan_variant_id" },
    });
    const customer = await post("/v1/orders", {
      customer_id: "cus_01J00000000000000000000000",
      plan_variant_id: ids.trialVariant,
    });
    expect(customer.body.error).toMatchObject({
      code: "unknown_customer",
      details: { field: "customer_id" },
    });
    expect((await t.server.db.selectFrom("orders").select("id").execute()).length).toBe(before);
  });

  it("end a contract: EndDate after StartDate; status ended from the end on", async () => {
    const early = await post(`/v1/contracts/${ids.contract}/end`, {
      end_date: "2025-01-01T00:00:00Z",
    });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe("end_before_start");
    const ended = await post(`/v1/contracts/${ids.contract}/end`, {
      end_date: "2025-06-30T22:00:00Z",
    });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: "active", end_date: "2025-06-30T22:00:00Z" });
    expect(ended.body.phases.at(-1)).toMatchObject({
      type: "inactive",
      start_date: "2025-06-30T22:00:00Z",
    });
    await post("/v1/test_clock/advance", { frozen_time: "2025-07-01T00:00:00Z" });
    expect((await t.server.get(`/v1/contracts/${ids.contract}`)).body.status).toBe("ended");
    const audit = await t.server.get(
      `/v1/audit_events?target_id=${ids.contract}&operation=contracts.end`,
    );
    expect(audit.body.data[0].before.end_date).toBeNull();
  });

  it("a customer with orders is not deletable; a locked customer cannot order", async () => {
    const customer = (await t.server.get(`/v1/customers/${ids.customer}`)).body;
    expect(customer.deletable).toBe(false);
    const del = await t.server.request("DELETE", `/v1/customers/${ids.customer}`);
    expect(del.status).toBe(422);
    expect(del.body.error.code).toBe("customer_not_deletable");
    await post(`/v1/customers/${ids.customer}/lock`);
    const locked = await post("/v1/orders", {
      customer_id: ids.customer,
      plan_variant_id: ids.trialVariant,
    });
    expect(locked.status).toBe(422);
    expect(locked.body.error.code).toBe("customer_locked");
  });

  it("contracts and orders of another tenant are invisible", async () => {
    const other = await t.server.createTenant("Contracts B");
    expect(
      (await t.server.get(`/v1/contracts/${ids.contract}`, { key: other.api_key })).status,
    ).toBe(404);
    expect((await t.server.get("/v1/orders", { key: other.api_key })).body.data).toEqual([]);
    const end = await t.server.post(
      `/v1/contracts/${ids.contract}/end`,
      { end_date: "2025-08-01T00:00:00Z" },
      { key: other.api_key },
    );
    expect(end.status).toBe(404);
  });
});

describeServer("orders and locked customers", (t) => {
  it("an order awaiting approval is refused once its customer is locked; nothing is written", async () => {
    await t.server.post("/v1/test_clock", { frozen_time: "2025-01-01T00:00:00Z" });
    const group = (
      await t.server.post("/v1/plan_groups", { name: "G", currency: "EUR", price_type: "net" })
    ).body;
    const plan = (
      await t.server.post("/v1/plans", {
        plan_group_id: group.id,
        name: "P",
        requires_order_approval: true,
      })
    ).body;
    const variant = (
      await t.server.post("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "V",
        recurring_fee: "1",
        fee_period: { unit: "month", count: 1 },
      })
    ).body;
    const customer = (await t.server.post("/v1/customers", { email: "l@x.example" })).body;
    const order = (
      await t.server.post("/v1/orders", { customer_id: customer.id, plan_variant_id: variant.id })
    ).body;
    await t.server.post(`/v1/orders/${order.id}/commit`);
    await t.server.post(`/v1/customers/${customer.id}/lock`);
    const approve = await t.server.post(`/v1/orders/${order.id}/approve`);
    expect(approve.status).toBe(422);
    expect(approve.body.error.code).toBe("customer_locked");
    expect((await t.server.get(`/v1/orders/${order.id}`)).body.status).toBe("approval_pending");
    expect((await t.server.get(`/v1/contracts/${order.contract_id}`)).status).toBe(404);
  });

  it("a committed signup starts at commit, not when the order was created", async () => {
    const group = (
      await t.server.post("/v1/plan_groups", { name: "G2", currency: "EUR", price_type: "net" })
    ).body;
    const plan = (await t.server.post("/v1/plans", { plan_group_id: group.id, name: "P2" })).body;
    const variant = (
      await t.server.post("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "V2",
        recurring_fee: "1",
        fee_period: { unit: "month", count: 1 },
      })
    ).body;
    const customer = (await t.server.post("/v1/customers", { email: "s@x.example" })).body;
    const order = (
      await t.server.post("/v1/orders", { customer_id: customer.id, plan_variant_id: variant.id })
    ).body;
    await t.server.post("/v1/test_clock/advance", { frozen_time: "2025-01-05T12:00:00.250Z" });
    await t.server.post(`/v1/orders/${order.id}/commit`);
    expect((await t.server.get(`/v1/contracts/${order.contract_id}`)).body.start_date).toBe(
      "2025-01-05T12:00:00.25Z",
    );
    const bw = await t.server.get(`/api/v1/Contracts/${order.contract_id}`);
    expect(bw.body.StartDate).toBe("2025-01-05T12:00:00.2500000Z");
  });
});
