/**
 * Catalog updates: descriptive fields change; what existing contracts are billed by does not.
 */
import { beforeAll, expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("catalog updates", (t) => {
  const ids: Record<string, string> = {};
  const patch = (url: string, body: unknown, key?: string) =>
    t.server.request("PATCH", url, { body, ...(key ? { key } : {}) });

  // a group, a plan, a component, a variant and a customer
  beforeAll(async () => {
    const create = (url: string, body: unknown) => t.server.must("POST", url, body);
    ids.group = (
      await create("/v1/plan_groups", { name: "Cloud", currency: "EUR", price_type: "net" })
    ).id;
    ids.plan = (await create("/v1/plans", { plan_group_id: ids.group, name: "Pro" })).id;
    ids.component = (
      await create("/v1/components", {
        plan_group_id: ids.group,
        name: "Seats",
        type: "quantity",
        price_per_unit: "9.90",
        external_id: "seats",
      })
    ).id;
    ids.variant = (
      await create("/v1/plan_variants", {
        plan_id: ids.plan,
        internal_name: "Pro monthly",
        recurring_fee: "29.90",
        fee_period: { unit: "month", count: 1 },
        contract_period: { unit: "month", count: 12 },
        external_id: "pro-m",
      })
    ).id;
    ids.customer = (await create("/v1/customers", { email: "c@x.example" })).id;
    expect(Object.values(ids).every(Boolean)).toBe(true);
  });

  it("descriptive fields change, are audited with before and after, and emit *.updated", async () => {
    const group = await patch(`/v1/plan_groups/${ids.group}`, {
      name: "Cloud 2",
      name_translations: { de: "Wolke" },
    });
    expect(group.status).toBe(200);
    expect(group.body).toMatchObject({ name: "Cloud 2", name_translations: { de: "Wolke" } });

    const plan = await patch(`/v1/plans/${ids.plan}`, {
      description: "For teams",
      requires_order_approval: true,
    });
    expect(plan.body).toMatchObject({ description: "For teams", requires_order_approval: true });
    const cleared = await patch(`/v1/plans/${ids.plan}`, {
      description: null,
      requires_order_approval: false,
    });
    expect(cleared.body).toMatchObject({ description: null, requires_order_approval: false });

    const component = await patch(`/v1/components/${ids.component}`, {
      name: "Users",
      unit: "user",
      external_id: "users",
    });
    expect(component.body).toMatchObject({
      name: "Users",
      unit: "user",
      external_id: "users",
      price_per_unit: "9.9",
    });

    const variant = await patch(`/v1/plan_variants/${ids.variant}`, {
      internal_name: "Pro monthly (2025)",
      description: "Billed monthly",
      allow_self_service: false,
      external_id: null,
    });
    expect(variant.status).toBe(200);
    expect(variant.body).toMatchObject({
      internal_name: "Pro monthly (2025)",
      description: "Billed monthly",
      allow_self_service: false,
      external_id: null,
      recurring_fee: "29.9",
    });
    expect((await t.server.get(`/v1/plan_variants/${ids.variant}`)).body).toEqual(variant.body);

    const audit = await t.server.get(
      `/v1/audit_events?target_id=${ids.variant}&operation=plan_variants.update`,
    );
    expect(audit.body.data[0]).toMatchObject({
      before: { internal_name: "Pro monthly", external_id: "pro-m" },
      after: { internal_name: "Pro monthly (2025)", external_id: null },
    });
    for (const [type, id] of [
      ["plan_group.updated", ids.group],
      ["plan.updated", ids.plan],
      ["component.updated", ids.component],
      ["plan_variant.updated", ids.variant],
    ] as const) {
      const events = await t.server.get(`/v1/events?type=${type}&subject_id=${id}`);
      expect(events.body.data.length, type).toBeGreaterThan(0);
    }
  });

  it("a field that decides billing → 422 immutable_field naming it; nothing is written", async () => {
    const before = await t.server.get(`/v1/plan_variants/${ids.variant}`);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [`/v1/plan_variants/${ids.variant}`, { recurring_fee: "19.90" }, "recurring_fee"],
      [
        `/v1/plan_variants/${ids.variant}`,
        { internal_name: "renamed", fee_period: { unit: "year", count: 1 } },
        "fee_period",
      ],
      [
        `/v1/plan_variants/${ids.variant}`,
        { payment_period_mode: "postpaid" },
        "payment_period_mode",
      ],
      [`/v1/plan_variants/${ids.variant}`, { contract_period: null }, "contract_period"],
      [
        `/v1/plan_variants/${ids.variant}`,
        { quotas: [{ component_id: ids.component, quantity: "1" }] },
        "quotas",
      ],
      [`/v1/plan_groups/${ids.group}`, { currency: "USD" }, "currency"],
      [`/v1/plan_groups/${ids.group}`, { price_type: "gross" }, "price_type"],
      [`/v1/plans/${ids.plan}`, { trial_period: { unit: "day", count: 14 } }, "trial_period"],
      [`/v1/components/${ids.component}`, { price_per_unit: "5" }, "price_per_unit"],
      [`/v1/components/${ids.component}`, { type: "on_off" }, "type"],
      [
        `/v1/components/${ids.component}`,
        { price_model: "tiered", tiers: [{ from: "0", price: "1" }] },
        "price_model",
      ],
    ];
    for (const [url, body, field] of cases) {
      const res = await patch(url, body);
      expect(res.status, `${url} ${JSON.stringify(body)}`).toBe(422);
      expect(res.body.error).toMatchObject({ code: "immutable_field", details: { field } });
    }
    expect((await t.server.get(`/v1/plan_variants/${ids.variant}`)).body).toEqual(before.body);
  });

  it("sending back the current value of a fixed field is no change (read, modify, patch)", async () => {
    const read = (await t.server.get(`/v1/plan_variants/${ids.variant}`)).body;
    const res = await patch(`/v1/plan_variants/${ids.variant}`, {
      recurring_fee: "29.90", // stored as 29.9: equal
      setup_fee: read.setup_fee,
      fee_period: read.fee_period,
      contract_period: read.contract_period,
      plan_id: read.plan_id,
      internal_name: "Pro monthly (read back)",
    });
    expect(res.status).toBe(200);
    expect(res.body.internal_name).toBe("Pro monthly (read back)");
  });

  it("unknown fields → 400; unknown ids → 404; a taken external id → 409", async () => {
    const unknownField = await patch(`/v1/plans/${ids.plan}`, { colour: "red" });
    expect(unknownField.status).toBe(400);
    const unknownId = await patch("/v1/plans/pln_01J00000000000000000000000", { name: "x" });
    expect(unknownId.status).toBe(404);
    expect(unknownId.body.error.code).toBe("plan_not_found");
    const other = await t.server.post("/v1/components", {
      plan_group_id: ids.group,
      name: "Other",
      type: "on_off",
      price_per_unit: "1",
      external_id: "other",
    });
    const taken = await patch(`/v1/components/${other.body.id}`, { external_id: "users" });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("external_id_taken");
    // its own external id again is no conflict
    const same = await patch(`/v1/components/${other.body.id}`, { external_id: "other" });
    expect(same.status).toBe(200);
  });

  it("hidden: still readable, but new orders naming the variant (or its plan) are refused", async () => {
    const order = async (variant: string | undefined) =>
      t.server.post("/v1/orders", { customer_id: ids.customer, plan_variant_id: variant });
    const first = await order(ids.variant);
    expect(first.status).toBe(201);
    await t.server.post(`/v1/orders/${first.body.id}/commit`);
    const contract = first.body.contract_id;

    const hidden = await patch(`/v1/plan_variants/${ids.variant}`, { hidden: true });
    expect(hidden.body.hidden).toBe(true);
    expect((await t.server.get(`/v1/plan_variants/${ids.variant}`)).status).toBe(200);
    expect((await t.server.get(`/api/v1/PlanVariants/${ids.variant}`)).body.Hidden).toBe(true);
    const ordersBefore = (await t.server.db.selectFrom("orders").select("id").execute()).length;
    const refused = await order(ids.variant);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: "plan_variant_hidden",
      details: { field: "plan_variant_id" },
    });
    const change = await t.server.post("/v1/orders", {
      contract_id: contract,
      plan_variant_id: ids.variant,
    });
    expect(change.status).toBe(422);
    expect(change.body.error.code).toBe("plan_variant_hidden");
    const bw = await t.server.post("/api/v1/Orders", {
      CustomerId: ids.customer,
      Cart: { PlanVariantId: ids.variant },
    });
    expect(bw.status).toBe(422);
    expect(bw.body.Code).toBe("plan_variant_hidden");
    expect((await t.server.db.selectFrom("orders").select("id").execute()).length).toBe(
      ordersBefore,
    );
    // the running contract is untouched
    expect((await t.server.get(`/v1/contracts/${contract}`)).body.status).toBe("active");

    await patch(`/v1/plan_variants/${ids.variant}`, { hidden: false });
    await patch(`/v1/plans/${ids.plan}`, { hidden: true });
    expect((await order(ids.variant)).body.error.code).toBe("plan_variant_hidden");
    await patch(`/v1/plans/${ids.plan}`, { hidden: false });
    expect((await order(ids.variant)).status).toBe(201);
  });

  it("another tenant cannot change it; a read-only key cannot either", async () => {
    const other = await t.server.createTenant("Catalog updates B");
    const res = await patch(`/v1/plans/${ids.plan}`, { name: "stolen" }, other.api_key);
    expect(res.status).toBe(404);
    const readOnly = await t.server.post("/v1/api_keys", { name: "ro", roles: ["read_only"] });
    const denied = await patch(`/v1/plans/${ids.plan}`, { name: "x" }, readOnly.body.secret);
    expect(denied.status).toBe(403);
    expect((await t.server.get(`/v1/plans/${ids.plan}`)).body.name).toBe("Pro");
  });
});
