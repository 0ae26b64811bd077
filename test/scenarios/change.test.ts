/**
 * Up- and downgrades with a change date, on a test clock.
 */
import { beforeAll, expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("plan changes", (t) => {
  const ids: Record<string, string> = {};
  const post = (url: string, body?: unknown) => t.server.post(url, body);
  const contract = async () => (await t.server.get(`/v1/contracts/${ids.contract}`)).body;

  // monthly Basic from Jan 10
  beforeAll(async () => {
    const create = (url: string, body?: unknown) => t.server.must("POST", url, body);
    await create("/v1/test_clock", { frozen_time: "2025-01-10T09:00:00Z" });
    const group = await create("/v1/plan_groups", {
      name: "G",
      currency: "EUR",
      price_type: "net",
    });
    const plan = await create("/v1/plans", { plan_group_id: group.id, name: "P" });
    const monthly = { fee_period: { unit: "month", count: 1 } };
    ids.basic = (
      await create("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "Basic",
        recurring_fee: "10",
        ...monthly,
      })
    ).id;
    ids.pro = (
      await create("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "Pro",
        recurring_fee: "30",
        ...monthly,
      })
    ).id;
    const otherGroup = await create("/v1/plan_groups", {
      name: "USD",
      currency: "USD",
      price_type: "net",
    });
    const otherPlan = await create("/v1/plans", { plan_group_id: otherGroup.id, name: "P" });
    ids.usd = (
      await create("/v1/plan_variants", {
        plan_id: otherPlan.id,
        internal_name: "USD",
        recurring_fee: "10",
        ...monthly,
      })
    ).id;
    const customer = await create("/v1/customers", { email: "c@x.example" });
    ids.customer = customer.id;
    const order = await create("/v1/orders", {
      customer_id: customer.id,
      plan_variant_id: ids.basic,
    });
    await create(`/v1/orders/${order.id}/commit`);
    ids.contract = order.contract_id;
  });

  it("upgrade mid-period, backdated: the new phase starts at the change date", async () => {
    await post("/v1/test_clock/advance", { frozen_time: "2025-02-20T09:00:00Z" });
    const order = await post("/v1/orders", {
      contract_id: ids.contract,
      plan_variant_id: ids.pro,
      change_date: "2025-02-15T09:00:00Z",
    });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({
      type: "change",
      customer_id: ids.customer,
      change_date: "2025-02-15T09:00:00.000Z",
    });
    expect((await post(`/v1/orders/${order.body.id}/commit`)).body.status).toBe("succeeded");
    const c = await contract();
    expect(c.phases).toEqual([
      {
        type: "normal",
        start_date: "2025-01-10T09:00:00Z",
        plan_variant_id: ids.basic,
        quantity: "1",
      },
      {
        type: "normal",
        start_date: "2025-02-15T09:00:00Z",
        plan_variant_id: ids.pro,
        quantity: "1",
      },
    ]);
    expect(c.current_phase.plan_variant_id).toBe(ids.pro);
    const events = await t.server.db
      .selectFrom("outbox_events")
      .select("type")
      .where("subject_id", "=", ids.contract!)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.type)).toEqual(["contract.created", "contract.changed"]);
  });

  it("a future downgrade waits for its change date; without one, a change takes effect at commit", async () => {
    const down = (
      await post("/v1/orders", {
        contract_id: ids.contract,
        plan_variant_id: ids.basic,
        change_date: "2025-04-01T00:00:00Z",
      })
    ).body;
    await post(`/v1/orders/${down.id}/commit`);
    expect((await contract()).current_phase.plan_variant_id).toBe(ids.pro);
    await post("/v1/test_clock/advance", { frozen_time: "2025-04-01T00:00:00Z" });
    expect((await contract()).current_phase.plan_variant_id).toBe(ids.basic);

    const now = (
      await post("/v1/orders", {
        contract_id: ids.contract,
        plan_variant_id: ids.pro,
        quantity: "3",
      })
    ).body;
    await post(`/v1/orders/${now.id}/commit`);
    expect((await contract()).current_phase).toMatchObject({
      plan_variant_id: ids.pro,
      quantity: "3",
      start_date: "2025-04-01T00:00:00Z",
    });
  });

  it("refused: another plan group, both or neither of customer and contract, a change after the end", async () => {
    const usd = await post("/v1/orders", { contract_id: ids.contract, plan_variant_id: ids.usd });
    expect(usd.status).toBe(422);
    expect(usd.body.error.code).toBe("plan_group_mismatch");
    const both = await post("/v1/orders", {
      contract_id: ids.contract,
      customer_id: ids.customer,
      plan_variant_id: ids.pro,
    });
    expect(both.body.error.code).toBe("customer_or_contract_required");
    const neither = await post("/v1/orders", { plan_variant_id: ids.pro });
    expect(neither.body.error.code).toBe("customer_or_contract_required");

    await post(`/v1/contracts/${ids.contract}/end`, { end_date: "2025-06-30T00:00:00Z" });
    const late = (
      await post("/v1/orders", {
        contract_id: ids.contract,
        plan_variant_id: ids.basic,
        change_date: "2025-07-15T00:00:00Z",
      })
    ).body;
    const commit = await post(`/v1/orders/${late.id}/commit`);
    expect(commit.status).toBe(422);
    expect(commit.body.error.code).toBe("contract_ended");
    // nothing half-written: the order is still in progress and the contract unchanged
    expect((await t.server.get(`/v1/orders/${late.id}`)).body.status).toBe("in_progress");
    expect((await contract()).end_date).toBe("2025-06-30T00:00:00Z");
  });
});
