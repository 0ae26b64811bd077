/**
 * Order carts with components on a test clock: a signup starts with them; a change order
 * without a plan variant changes only the listed components at its change date.
 */
import { beforeAll, expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("order carts with components", (t) => {
  const ids: Record<string, string> = {};
  const post = (url: string, body?: unknown) => t.server.post(url, body);
  const subscriptions = async (contract: string | undefined) =>
    (await t.server.get(`/v1/contracts/${contract}/component_subscriptions`)).body.data.map(
      (s: Record<string, unknown>) => [s.component_id, s.quantity, s.start_date, s.end_date],
    );

  // test clock, customer, plan group with quantity, on/off and metered components
  beforeAll(async () => {
    const create = (url: string, body?: unknown) => t.server.must("POST", url, body);
    await create("/v1/test_clock", { frozen_time: "2025-03-01T09:00:00Z" });
    ids.customer = (await create("/v1/customers", { email: "cart@x.example" })).id;
    ids.group = (
      await create("/v1/plan_groups", { name: "G", currency: "EUR", price_type: "net" })
    ).id;
    const plan = await create("/v1/plans", { plan_group_id: ids.group, name: "P" });
    ids.approvalPlan = (
      await create("/v1/plans", {
        plan_group_id: ids.group,
        name: "A",
        requires_order_approval: true,
      })
    ).id;
    const monthly = { recurring_fee: "10", fee_period: { unit: "month", count: 1 } };
    ids.variant = (
      await create("/v1/plan_variants", { plan_id: plan.id, internal_name: "V", ...monthly })
    ).id;
    ids.approvalVariant = (
      await create("/v1/plan_variants", {
        plan_id: ids.approvalPlan,
        internal_name: "A",
        ...monthly,
      })
    ).id;
    const component = async (name: string, type: string) =>
      (
        await create("/v1/components", {
          plan_group_id: ids.group,
          name,
          type,
          price_per_unit: "1",
        })
      ).id;
    ids.seats = await component("Seats", "quantity");
    ids.support = await component("Support", "on_off");
    ids.calls = await component("Calls", "metered");
    const otherGroup = (
      await create("/v1/plan_groups", { name: "H", currency: "USD", price_type: "net" })
    ).id;
    ids.foreign = (
      await create("/v1/components", {
        plan_group_id: otherGroup,
        name: "X",
        type: "quantity",
        price_per_unit: "1",
      })
    ).id;
    expect(Object.values(ids).every(Boolean)).toBe(true);
  });

  it("a signup starts the contract with the cart's components", async () => {
    const order = await post("/v1/orders", {
      customer_id: ids.customer,
      plan_variant_id: ids.variant,
      components: [
        { component_id: ids.seats, quantity: "5", memo: "five seats" },
        { component_id: ids.support, quantity: "1" },
      ],
    });
    expect(order.status).toBe(201);
    expect(order.body.components).toEqual([
      { component_id: ids.seats, quantity: "5", memo: "five seats" },
      { component_id: ids.support, quantity: "1" },
    ]);
    // nothing is subscribed before the order succeeds
    expect(await t.server.db.selectFrom("component_subscriptions").select("id").execute()).toEqual(
      [],
    );
    await post(`/v1/orders/${order.body.id}/commit`);
    ids.contract = order.body.contract_id;
    expect(await subscriptions(ids.contract)).toEqual([
      [ids.seats, "5", "2025-03-01T09:00:00.000Z", null],
      [ids.support, "1", "2025-03-01T09:00:00.000Z", null],
    ]);
  });

  it("bad carts → 422 naming the item; nothing is written", async () => {
    const before = (await t.server.db.selectFrom("orders").select("id").execute()).length;
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [
        { component_id: ids.calls, quantity: "1" },
        "component_metered",
        "components.0.component_id",
      ],
      [
        { component_id: ids.foreign, quantity: "1" },
        "unknown_component",
        "components.0.component_id",
      ],
      [{ component_id: ids.support, quantity: "2" }, "invalid_quantity", "components.0.quantity"],
      [{ component_id: ids.seats, quantity: "0" }, "invalid_quantity", "components.0.quantity"],
    ];
    for (const [item, code, field] of cases) {
      const res = await post("/v1/orders", {
        customer_id: ids.customer,
        plan_variant_id: ids.variant,
        components: [item],
      });
      expect(res.status, code).toBe(422);
      expect(res.body.error).toMatchObject({ code, details: { field } });
    }
    const twice = await post("/v1/orders", {
      contract_id: ids.contract,
      components: [
        { component_id: ids.seats, quantity: "1" },
        { component_id: ids.seats, quantity: "2" },
      ],
    });
    expect(twice.body.error).toMatchObject({
      code: "duplicate_component",
      details: { field: "components.1.component_id" },
    });
    const empty = await post("/v1/orders", { contract_id: ids.contract, components: [] });
    expect(empty.body.error.code).toBe("empty_order");
    const noVariant = await post("/v1/orders", { customer_id: ids.customer });
    expect(noVariant.body.error.code).toBe("plan_variant_required");
    expect((await t.server.db.selectFrom("orders").select("id").execute()).length).toBe(before);
  });

  it("a component-only change at a future date: the running subscription ends there, the new quantity starts", async () => {
    const order = await post("/v1/orders", {
      contract_id: ids.contract,
      change_date: "2025-04-01T00:00:00Z",
      components: [
        { component_id: ids.seats, quantity: "8" },
        { component_id: ids.support, quantity: "0" },
      ],
    });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ type: "change", plan_variant_id: null, quantity: null });
    const committed = await post(`/v1/orders/${order.body.id}/commit`);
    expect(committed.body.status).toBe("succeeded");
    expect(await subscriptions(ids.contract)).toEqual([
      [ids.seats, "5", "2025-03-01T09:00:00.000Z", "2025-04-01T00:00:00.000Z"],
      [ids.support, "1", "2025-03-01T09:00:00.000Z", "2025-04-01T00:00:00.000Z"],
      [ids.seats, "8", "2025-04-01T00:00:00.000Z", null],
    ]);
    // the plan is untouched
    const contract = (await t.server.get(`/v1/contracts/${ids.contract}`)).body;
    expect(contract.phases).toHaveLength(1);
  });

  it("an earlier change supersedes a subscription scheduled after it", async () => {
    const order = await post("/v1/orders", {
      contract_id: ids.contract,
      change_date: "2025-03-15T00:00:00Z",
      components: [{ component_id: ids.seats, quantity: "3" }],
    });
    await post(`/v1/orders/${order.body.id}/commit`);
    // the 5 seats end Mar 15; the 8 seats from Apr 1 never start; 3 seats from Mar 15 on
    expect(await subscriptions(ids.contract)).toEqual([
      [ids.seats, "5", "2025-03-01T09:00:00.000Z", "2025-03-15T00:00:00.000Z"],
      [ids.support, "1", "2025-03-01T09:00:00.000Z", "2025-04-01T00:00:00.000Z"],
      [ids.seats, "3", "2025-03-15T00:00:00.000Z", null],
    ]);
    const events = await t.server.get(
      `/v1/events?type=component_subscription.superseded&subject_id=${ids.contract}`,
    );
    expect(events.body.data).toHaveLength(1);
    expect(events.body.data[0].data).toMatchObject({ quantity: "8" });
  });

  it("a change with a plan variant and components applies both at the change date", async () => {
    const plan = (await t.server.get(`/v1/plan_variants/${ids.variant}`)).body.plan_id;
    const bigger = (
      await post("/v1/plan_variants", {
        plan_id: plan,
        internal_name: "Bigger",
        recurring_fee: "20",
        fee_period: { unit: "month", count: 1 },
      })
    ).body.id;
    const order = await post("/v1/orders", {
      contract_id: ids.contract,
      plan_variant_id: bigger,
      change_date: "2025-05-01T00:00:00Z",
      components: [{ component_id: ids.support, quantity: "1" }],
    });
    await post(`/v1/orders/${order.body.id}/commit`);
    const contract = (await t.server.get(`/v1/contracts/${ids.contract}`)).body;
    expect(contract.phases.at(-1)).toMatchObject({
      plan_variant_id: bigger,
      start_date: "2025-05-01T00:00:00Z",
    });
    expect((await subscriptions(ids.contract)).at(-1)).toEqual([
      ids.support,
      "1",
      "2025-05-01T00:00:00.000Z",
      null,
    ]);
  });

  it("a component change before the contract starts or after it ends → 422, nothing written", async () => {
    const early = await post("/v1/orders", {
      contract_id: ids.contract,
      change_date: "2025-02-01T00:00:00Z",
      components: [{ component_id: ids.seats, quantity: "1" }],
    });
    const res = await post(`/v1/orders/${early.body.id}/commit`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("change_before_start");
    expect((await t.server.get(`/v1/orders/${early.body.id}`)).body.status).toBe("in_progress");

    await post(`/v1/contracts/${ids.contract}/end`, { end_date: "2025-12-31T00:00:00Z" });
    const late = await post("/v1/orders", {
      contract_id: ids.contract,
      change_date: "2026-01-15T00:00:00Z",
      components: [{ component_id: ids.seats, quantity: "1" }],
    });
    const before = await subscriptions(ids.contract);
    const lateRes = await post(`/v1/orders/${late.body.id}/commit`);
    expect(lateRes.status).toBe(422);
    expect(lateRes.body.error.code).toBe("contract_ended");
    expect(await subscriptions(ids.contract)).toEqual(before);
  });

  it("a component-only change of a contract whose plan requires approval awaits approval", async () => {
    const signup = (
      await post("/v1/orders", { customer_id: ids.customer, plan_variant_id: ids.approvalVariant })
    ).body;
    await post(`/v1/orders/${signup.id}/commit`);
    await post(`/v1/orders/${signup.id}/approve`);
    const change = (
      await post("/v1/orders", {
        contract_id: signup.contract_id,
        components: [{ component_id: ids.seats, quantity: "2" }],
      })
    ).body;
    expect((await post(`/v1/orders/${change.id}/commit`)).body.status).toBe("approval_pending");
    expect(await subscriptions(signup.contract_id)).toEqual([]);
    expect((await post(`/v1/orders/${change.id}/approve`)).body.status).toBe("succeeded");
    expect(await subscriptions(signup.contract_id)).toEqual([
      [ids.seats, "2", "2025-03-01T09:00:00.000Z", null],
    ]);
  });
});
