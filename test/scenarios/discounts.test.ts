/**
 * Discounts, coupons and discount subscriptions on a test clock. Nothing here prices a
 * discount: the test checks what is stored for the billing engine to read.
 */
import { beforeAll, expect, it } from "vitest";
import { discountsForBilling } from "../../src/modules/contracts/discount-subscriptions.js";
import { describeServer } from "../server.js";

describeServer("discounts and coupons", (t) => {
  const ids: Record<string, string> = {};
  const post = (url: string, body?: unknown) => t.server.post(url, body);
  const signup = async (extra: Record<string, unknown> = {}) =>
    post("/v1/orders", { customer_id: ids.customer, plan_variant_id: ids.variant, ...extra });

  // test clock, a customer in Berlin, a plan group in EUR and one in USD
  beforeAll(async () => {
    const create = (url: string, body?: unknown) => t.server.must("POST", url, body);
    await create("/v1/test_clock", { frozen_time: "2025-01-31T10:00:00Z" });
    ids.customer = (
      await create("/v1/customers", { email: "d@x.example", time_zone: "Europe/Berlin" })
    ).id;
    ids.group = (
      await create("/v1/plan_groups", { name: "G", currency: "EUR", price_type: "net" })
    ).id;
    ids.usd = (
      await create("/v1/plan_groups", { name: "U", currency: "USD", price_type: "net" })
    ).id;
    const plan = await create("/v1/plans", { plan_group_id: ids.group, name: "P" });
    ids.variant = (
      await create("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "V",
        recurring_fee: "10",
        fee_period: { unit: "month", count: 1 },
      })
    ).id;
    expect(Object.values(ids).every(Boolean)).toBe(true);
  });

  it("discounts: a percentage or a fixed amount in minor units, for ever or for a period", async () => {
    const percent = await post("/v1/discounts", {
      plan_group_id: ids.group,
      name: "Launch",
      percent: "12.50",
      applies_to: "recurring_fee",
      duration: { unit: "month", count: 3 },
    });
    expect(percent.status).toBe(201);
    expect(percent.body).toMatchObject({
      kind: "percentage",
      percent: "12.5",
      amount: null,
      currency: "EUR",
      applies_to: "recurring_fee",
      duration: { unit: "month", count: 3 },
    });
    ids.percent = percent.body.id;
    const fixed = await post("/v1/discounts", {
      plan_group_id: ids.group,
      name: "Five off",
      amount: "500",
    });
    expect(fixed.body).toMatchObject({
      kind: "fixed_amount",
      amount: "500",
      percent: null,
      applies_to: "all",
      duration: "forever",
    });
    ids.fixed = fixed.body.id;
    expect((await t.server.get(`/v1/discounts/${ids.fixed}`)).body).toEqual(fixed.body);
    const list = await t.server.get(`/v1/discounts?parent_id=${ids.group}`);
    expect(list.body.data.map((d: { id: string }) => d.id)).toEqual([ids.percent, ids.fixed]);

    const before = (await t.server.db.selectFrom("discounts").select("id").execute()).length;
    const bad: Array<[Record<string, unknown>, number, string]> = [
      [{ percent: "10", amount: "100" }, 422, "discount_value_required"],
      [{}, 422, "discount_value_required"],
      [{ percent: "0" }, 422, "invalid_percent"],
      [{ percent: "100.5" }, 422, "invalid_percent"],
      [{ amount: "5.00" }, 400, "validation_failed"],
      [{ amount: "0" }, 400, "validation_failed"],
      [
        { percent: "5", plan_group_id: "plg_01J00000000000000000000000" },
        422,
        "unknown_plan_group",
      ],
    ];
    for (const [body, status, code] of bad) {
      const res = await post("/v1/discounts", { plan_group_id: ids.group, name: "x", ...body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.code).toBe(code);
    }
    expect((await t.server.db.selectFrom("discounts").select("id").execute()).length).toBe(before);
  });

  it("coupons: a code unique per tenant (case-insensitive) naming one discount", async () => {
    const coupon = await post("/v1/coupons", {
      code: "LAUNCH25",
      discount_id: ids.percent,
      max_redemptions: 2,
    });
    expect(coupon.status).toBe(201);
    expect(coupon.body).toMatchObject({
      code: "LAUNCH25",
      discount_id: ids.percent,
      max_redemptions: 2,
      redemption_count: 0,
      valid_until: null,
    });
    ids.coupon = coupon.body.id;
    const taken = await post("/v1/coupons", { code: "launch25", discount_id: ids.fixed });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("coupon_code_taken");
    const unknown = await post("/v1/coupons", {
      code: "NOPE",
      discount_id: "dsc_01J00000000000000000000000",
    });
    expect(unknown.body.error.code).toBe("unknown_discount");
    // another tenant may use the same code
    const other = await t.server.createTenant("Coupons B");
    const group = (
      await t.server.post(
        "/v1/plan_groups",
        { name: "G", currency: "EUR", price_type: "net" },
        { key: other.api_key },
      )
    ).body;
    const discount = (
      await t.server.post(
        "/v1/discounts",
        { plan_group_id: group.id, name: "D", percent: "5" },
        { key: other.api_key },
      )
    ).body;
    const same = await t.server.post(
      "/v1/coupons",
      { code: "LAUNCH25", discount_id: discount.id },
      { key: other.api_key },
    );
    expect(same.status).toBe(201);
    expect((await t.server.get(`/v1/coupons/${ids.coupon}`, { key: other.api_key })).status).toBe(
      404,
    );
  });

  it("a signup with a coupon: redeemed when the order succeeds; the discount starts with the contract", async () => {
    const order = await signup({ coupon_code: "launch25" });
    expect(order.status).toBe(201);
    expect(order.body.coupon_code).toBe("launch25");
    expect((await t.server.get(`/v1/coupons/${ids.coupon}`)).body.redemption_count).toBe(0);
    await post(`/v1/orders/${order.body.id}/commit`);
    ids.contract = order.body.contract_id;
    expect((await t.server.get(`/v1/coupons/${ids.coupon}`)).body.redemption_count).toBe(1);

    const discounts = (await t.server.get(`/v1/contracts/${ids.contract}/discounts`)).body.data;
    // Jan 31 11:00 Berlin + 3 months = Apr 30 (month end), 11:00 CEST = 09:00Z
    expect(discounts).toEqual([
      expect.objectContaining({
        discount_id: ids.percent,
        coupon_id: ids.coupon,
        order_id: order.body.id,
        start_date: "2025-01-31T10:00:00.000Z",
        end_date: null,
        duration_end_date: "2025-04-30T09:00:00.000Z",
        effective_end_date: "2025-04-30T09:00:00.000Z",
        discount: expect.objectContaining({ kind: "percentage", percent: "12.5" }),
      }),
    ]);
  });

  it("unknown, expired, used-up and foreign coupons → 422 with distinct codes, nothing written", async () => {
    await post("/v1/coupons", {
      code: "OLD",
      discount_id: ids.fixed,
      valid_until: "2025-01-01T00:00:00Z",
    });
    const usdDiscount = (
      await post("/v1/discounts", { plan_group_id: ids.usd, name: "U", percent: "5" })
    ).body.id;
    await post("/v1/coupons", { code: "DOLLAR", discount_id: usdDiscount });
    await post("/v1/coupons", { code: "ONCE", discount_id: ids.fixed, max_redemptions: 1 });
    const used = await signup({ coupon_code: "ONCE" });
    await post(`/v1/orders/${used.body.id}/commit`);

    const before = (await t.server.db.selectFrom("orders").select("id").execute()).length;
    for (const [code, error] of [
      ["NOSUCH", "unknown_coupon"],
      ["OLD", "coupon_expired"],
      ["ONCE", "coupon_exhausted"],
      ["DOLLAR", "coupon_not_applicable"],
    ]) {
      const res = await signup({ coupon_code: code });
      expect(res.status, code).toBe(422);
      expect(res.body.error).toMatchObject({ code: error, details: { field: "coupon_code" } });
    }
    expect((await t.server.db.selectFrom("orders").select("id").execute()).length).toBe(before);
  });

  it("the last redemption goes to the first order to succeed; the other's commit is refused", async () => {
    await post("/v1/coupons", { code: "LAST", discount_id: ids.fixed, max_redemptions: 1 });
    const a = (await signup({ coupon_code: "LAST" })).body;
    const b = (await signup({ coupon_code: "LAST" })).body;
    expect((await post(`/v1/orders/${a.id}/commit`)).body.status).toBe("succeeded");
    const refused = await post(`/v1/orders/${b.id}/commit`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("coupon_exhausted");
    expect((await t.server.get(`/v1/orders/${b.id}`)).body.status).toBe("in_progress");
    expect((await t.server.get(`/v1/contracts/${b.contract_id}`)).status).toBe(404);
  });

  it("a change order with only a coupon grants its discount from the change date", async () => {
    await post("/v1/coupons", { code: "LOYAL", discount_id: ids.fixed });
    const change = await post("/v1/orders", {
      contract_id: ids.contract,
      coupon_code: "LOYAL",
      change_date: "2025-03-01T00:00:00Z",
    });
    expect(change.status).toBe(201);
    await post(`/v1/orders/${change.body.id}/commit`);
    const discounts = (await t.server.get(`/v1/contracts/${ids.contract}/discounts`)).body.data;
    expect(discounts.at(-1)).toMatchObject({
      discount_id: ids.fixed,
      start_date: "2025-03-01T00:00:00.000Z",
      duration_end_date: null,
      effective_end_date: null,
    });
  });

  it("discount subscriptions directly: add with a start, end, and the billing engine's view", async () => {
    const added = await post(`/v1/contracts/${ids.contract}/discounts`, {
      discount_id: ids.percent,
      start_date: "2025-10-15T12:00:00Z",
    });
    expect(added.status).toBe(201);
    // Oct 15 14:00 CEST + 3 months = Jan 15 14:00 CET = 13:00Z (the local time is kept)
    expect(added.body).toMatchObject({
      start_date: "2025-10-15T12:00:00.000Z",
      duration_end_date: "2026-01-15T13:00:00.000Z",
      coupon_id: null,
    });
    const ended = await post(`/v1/discount_subscriptions/${added.body.id}/end`, {
      end_date: "2025-12-01T00:00:00Z",
    });
    expect(ended.body).toMatchObject({
      end_date: "2025-12-01T00:00:00.000Z",
      effective_end_date: "2025-12-01T00:00:00.000Z",
    });
    const early = await post(`/v1/discount_subscriptions/${added.body.id}/end`, {
      end_date: "2025-10-15T12:00:00Z",
    });
    expect(early.body.error.code).toBe("end_before_start");

    const spans = await discountsForBilling(t.server.db, t.server.tenant.tenant_id, ids.contract!);
    expect(
      spans.map((s) => [
        s.discount.kind,
        s.currency,
        s.start.toString(),
        s.end?.toString() ?? null,
      ]),
    ).toEqual([
      ["percentage", "EUR", "2025-01-31T10:00:00Z", "2025-04-30T09:00:00Z"],
      ["fixed_amount", "EUR", "2025-03-01T00:00:00Z", null],
      ["percentage", "EUR", "2025-10-15T12:00:00Z", "2025-12-01T00:00:00Z"],
    ]);

    const rules: Array<[Record<string, unknown>, string]> = [
      [{ discount_id: "dsc_01J00000000000000000000000" }, "unknown_discount"],
      [{ discount_id: ids.fixed, start_date: "2024-01-01T00:00:00Z" }, "start_before_contract"],
    ];
    for (const [body, code] of rules) {
      const res = await post(`/v1/contracts/${ids.contract}/discounts`, body);
      expect(res.status, code).toBe(422);
      expect(res.body.error.code).toBe(code);
    }
    const usd = (await t.server.get(`/v1/discounts?parent_id=${ids.usd}`)).body.data[0].id;
    const foreign = await post(`/v1/contracts/${ids.contract}/discounts`, { discount_id: usd });
    expect(foreign.body.error.code).toBe("discount_not_applicable");

    const other = await t.server.createTenant("Discounts C");
    const cross = await t.server.get(`/v1/contracts/${ids.contract}/discounts`, {
      key: other.api_key,
    });
    expect(cross.status).toBe(404);
    const crossEnd = await t.server.post(
      `/v1/discount_subscriptions/${added.body.id}/end`,
      { end_date: "2026-01-01T00:00:00Z" },
      { key: other.api_key },
    );
    expect(crossEnd.status).toBe(404);
  });
});
