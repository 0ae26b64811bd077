import { expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("catalog", (t) => {
  const ids: Record<string, string> = {};

  it("plan group → plan → components → plan variant, read back exactly", async () => {
    const group = await t.server.post("/v1/plan_groups", {
      name: "Cloud",
      currency: "EUR",
      price_type: "net",
      name_translations: { de: "Wolke" },
    });
    expect(group.status).toBe(201);
    expect(group.body).toMatchObject({
      name: "Cloud",
      currency: "EUR",
      price_type: "net",
      name_translations: { de: "Wolke" },
    });
    ids.group = group.body.id;

    const plan = await t.server.post("/v1/plans", {
      plan_group_id: ids.group,
      name: "Pro",
      trial_period: { unit: "day", count: 14 },
      requires_order_approval: true,
    });
    expect(plan.status).toBe(201);
    expect(plan.body).toMatchObject({
      trial_period: { unit: "day", count: 14 },
      trial_end_policy: "continue",
      requires_order_approval: true,
      hidden: false,
    });
    ids.plan = plan.body.id;

    const storage = await t.server.post("/v1/components", {
      plan_group_id: ids.group,
      name: "Storage",
      type: "metered",
      unit: "GB",
      price_model: "tiered",
      tiers: [
        { from: "0", price: "0.10" },
        { from: "100", price: "0.08" },
      ],
    });
    expect(storage.status).toBe(201);
    expect(storage.body).toMatchObject({
      type: "metered",
      price_model: "tiered",
      prorate: false,
      price_per_unit: "0",
      fee_period: { unit: "month", count: 1 },
    });
    ids.storage = storage.body.id;

    const seats = await t.server.post("/v1/components", {
      plan_group_id: ids.group,
      name: "Seats",
      type: "quantity",
      price_per_unit: "9.90",
      external_id: "seats",
    });
    expect(seats.body).toMatchObject({
      price_model: "per_unit",
      price_per_unit: "9.9",
      prorate: true,
    });

    const variant = await t.server.post("/v1/plan_variants", {
      plan_id: ids.plan,
      internal_name: "Pro monthly, 12-month term",
      recurring_fee: "29.90",
      setup_fee: "49.00",
      fee_period: { unit: "month", count: 1 },
      contract_period: { unit: "month", count: 12 },
      later_contract_period: { unit: "month", count: 1 },
      notice_period: { unit: "month", count: 3 },
      quotas: [{ component_id: ids.storage, quantity: "10" }],
    });
    expect(variant.status).toBe(201);
    expect(variant.body).toMatchObject({
      plan_group_id: ids.group,
      currency: "EUR",
      recurring_fee: "29.9",
      setup_fee: "49",
      billing_period: { unit: "month", count: 1 },
      payment_period_mode: "prepaid",
      billing_alignment: "anniversary",
      quotas: [{ component_id: ids.storage, quantity: "10" }],
    });
    ids.variant = variant.body.id;
    expect((await t.server.get(`/v1/plan_variants/${ids.variant}`)).body).toEqual(variant.body);
    const byPlan = await t.server.get(`/v1/plan_variants?parent_id=${ids.plan}`);
    expect(byPlan.body.data.map((v: { id: string }) => v.id)).toEqual([ids.variant]);
  });

  it("rules: periods must divide, tiers must be ordered, references must exist — 4xx, nothing written", async () => {
    const count = async () =>
      (await t.server.db.selectFrom("plan_variants").select("id").execute()).length;
    const before = await count();
    const cases: Array<[string, unknown, number, string]> = [
      [
        "/v1/plan_variants",
        {
          plan_id: ids.plan,
          internal_name: "x",
          recurring_fee: "1",
          fee_period: { unit: "week", count: 2 },
          billing_period: { unit: "month", count: 1 },
        },
        422,
        "incompatible_periods",
      ],
      [
        "/v1/plan_variants",
        {
          plan_id: ids.plan,
          internal_name: "x",
          recurring_fee: "1",
          fee_period: { unit: "month", count: 2 },
          billing_period: { unit: "month", count: 3 },
        },
        422,
        "incompatible_periods",
      ],
      [
        "/v1/plan_variants",
        {
          plan_id: "pln_01J00000000000000000000000",
          internal_name: "x",
          recurring_fee: "1",
          fee_period: { unit: "month", count: 1 },
        },
        422,
        "unknown_plan",
      ],
      [
        "/v1/plan_variants",
        {
          plan_id: ids.plan,
          internal_name: "x",
          recurring_fee: "-1",
          fee_period: { unit: "month", count: 1 },
        },
        400,
        "validation_failed",
      ],
      [
        "/v1/plan_variants",
        {
          plan_id: ids.plan,
          internal_name: "x",
          recurring_fee: "1",
          fee_period: { unit: "month", count: 1 },
          later_notice_period: { unit: "month", count: 1 },
        },
        422,
        "notice_period_required",
      ],
      [
        "/v1/components",
        {
          plan_group_id: ids.group,
          name: "x",
          type: "metered",
          price_model: "tiered",
          tiers: [{ from: "5", price: "1" }],
        },
        422,
        "invalid_tiers",
      ],
      [
        "/v1/components",
        { plan_group_id: ids.group, name: "x", type: "metered", price_model: "volume" },
        422,
        "tiers_required",
      ],
      [
        "/v1/components",
        {
          plan_group_id: ids.group,
          name: "x",
          type: "quantity",
          price_model: "package",
          price_per_unit: "5",
        },
        422,
        "package_size_required",
      ],
      [
        "/v1/components",
        {
          plan_group_id: ids.group,
          name: "dup",
          type: "quantity",
          price_per_unit: "1",
          external_id: "seats",
        },
        409,
        "external_id_taken",
      ],
      [
        "/v1/plan_groups",
        { name: "x", currency: "XYZ", price_type: "net" },
        400,
        "invalid_currency",
      ],
    ];
    for (const [url, body, status, code] of cases) {
      const res = await t.server.post(url, body);
      expect(res.status, `${code} ${JSON.stringify(body)}`).toBe(status);
      expect(res.body.error.code).toBe(code);
    }
    expect(await count()).toBe(before);
  });

  it("yearly fee billed monthly and monthly fee billed yearly are both allowed", async () => {
    for (const [fee, billing] of [
      [
        { unit: "year", count: 1 },
        { unit: "month", count: 1 },
      ],
      [
        { unit: "month", count: 1 },
        { unit: "year", count: 1 },
      ],
      [
        { unit: "week", count: 1 },
        { unit: "day", count: 7 },
      ],
    ]) {
      const res = await t.server.post("/v1/plan_variants", {
        plan_id: ids.plan,
        internal_name: "ok",
        recurring_fee: "120",
        fee_period: fee,
        billing_period: billing,
      });
      expect(res.status, JSON.stringify([fee, billing])).toBe(201);
    }
  });

  it("another tenant sees none of it", async () => {
    const other = await t.server.createTenant("Catalog B");
    expect(
      (await t.server.get(`/v1/plan_variants/${ids.variant}`, { key: other.api_key })).status,
    ).toBe(404);
    expect((await t.server.get("/v1/plan_groups", { key: other.api_key })).body.data).toEqual([]);
    const cross = await t.server.post(
      "/v1/plans",
      { plan_group_id: ids.group, name: "steal" },
      { key: other.api_key },
    );
    expect(cross.status).toBe(422);
    expect(cross.body.error.code).toBe("unknown_plan_group");
  });
});
