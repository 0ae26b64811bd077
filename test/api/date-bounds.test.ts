/**
 * Dates and test clocks within documented bounds (docs/operations.md): every date-time input
 * lies in [2000-01-01T00:00:00Z, 2200-01-01T00:00:00Z), else 400 `date_out_of_range`, never a
 * 5xx; a test clock advances at most a year at a time and at most ten years past its creation;
 * a contract starts at most ten years before the tenant's now.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { describeServer } from "../server.js";

const OUTSIDE = [
  "0000-01-01T00:00:00Z",
  "0001-01-01T00:00:00Z",
  "1970-01-01T00:00:00Z",
  "1999-12-31T23:59:59.999Z",
  "2000-01-01T00:00:00+00:01", // 1999-12-31T23:59Z
  "2200-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
];

describeServer("date bounds", (t) => {
  const ids: Record<string, string> = {};
  let key: string;
  const post = (url: string, body: unknown) => t.server.post(url, body, { key });

  beforeAll(async () => {
    key = (await t.server.createTenant("Dates")).api_key;
    const must = async (url: string, body: unknown) => {
      const res = await post(url, body);
      if (res.status >= 300) throw new Error(`${url} → ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const group = await must("/v1/plan_groups", { name: "G", currency: "EUR", price_type: "net" });
    const plan = await must("/v1/plans", { plan_group_id: group.id, name: "P" });
    ids.variant = (
      await must("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "V",
        recurring_fee: "5",
        fee_period: { unit: "month", count: 1 },
      })
    ).id;
    ids.discount = (
      await must("/v1/discounts", { plan_group_id: group.id, name: "D", percent: "10" })
    ).id;
    ids.customer = (await must("/v1/customers", { email: "d@x.example" })).id;
    const order = await must("/v1/orders", {
      customer_id: ids.customer,
      plan_variant_id: ids.variant,
    });
    await must(`/v1/orders/${order.id}/commit`, {});
    ids.contract = order.contract_id;
  });

  const expectOutOfRange = (res: { status: number; body: any }, field: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "date_out_of_range",
      details: {
        field,
        min: "2000-01-01T00:00:00Z",
        max: "2199-12-31T23:59:59.999Z",
      },
    });
  };

  describe.each(OUTSIDE)("%s", (value) => {
    it("test clock frozen_time → 400 date_out_of_range", async () => {
      expectOutOfRange(await post("/v1/test_clock", { frozen_time: value }), "body.frozen_time");
    });

    it("coupon valid_until → 400 date_out_of_range", async () => {
      const res = await post("/v1/coupons", {
        code: `C${Math.random().toString(36).slice(2, 8)}`,
        discount_id: ids.discount,
        valid_until: value,
      });
      expectOutOfRange(res, "body.valid_until");
    });

    it("order start_date → 400 date_out_of_range", async () => {
      const res = await post("/v1/orders", {
        customer_id: ids.customer,
        plan_variant_id: ids.variant,
        start_date: value,
      });
      expectOutOfRange(res, "body.start_date");
    });

    it("rated item period_start → 400 date_out_of_range", async () => {
      const res = await post(`/v1/contracts/${ids.contract}/rated_items`, {
        description: "Setup",
        quantity: "1",
        price_per_unit: "10",
        period_start: value,
      });
      expectOutOfRange(res, "body.period_start");
    });
  });

  it("a timestamp a service parses itself is bounded the same way (parseTimestamp)", async () => {
    const { parseTimestamp } = await import("../../src/domain/time/index.js");
    expect(() => parseTimestamp("0000-01-01T00:00:00Z", "at")).toThrow(
      expect.objectContaining({
        code: "date_out_of_range",
        details: expect.objectContaining({ field: "at" }),
      }),
    );
    expect(parseTimestamp("2000-01-01T00:00:00Z", "at").toString()).toBe("2000-01-01T00:00:00Z");
    expect(parseTimestamp("2199-12-31T23:59:59.999Z", "at").toString()).toBe(
      "2199-12-31T23:59:59.999Z",
    );
  });

  it("a contract starts at most ten years before now", async () => {
    const tooEarly = await post("/v1/orders", {
      customer_id: ids.customer,
      plan_variant_id: ids.variant,
      start_date: new Date(Date.now() - 11 * 366 * 86_400_000).toISOString(),
    });
    expect(tooEarly.status, JSON.stringify(tooEarly.body)).toBe(422);
    expect(tooEarly.body.error).toMatchObject({
      code: "start_date_too_early",
      details: { field: "start_date", max_backdate_years: 10 },
    });
    const fine = await post("/v1/orders", {
      customer_id: ids.customer,
      plan_variant_id: ids.variant,
      start_date: new Date(Date.now() - 9 * 365 * 86_400_000).toISOString(),
    });
    expect(fine.status, JSON.stringify(fine.body)).toBe(201);
  });

  it("the bounds themselves are accepted", async () => {
    const low = await t.server.createTenant("Low");
    const first = await t.server.post(
      "/v1/test_clock",
      { frozen_time: "2000-01-01T00:00:00Z" },
      { key: low.api_key },
    );
    expect(first.status).toBe(201);
    const high = await t.server.createTenant("High");
    const last = await t.server.post(
      "/v1/test_clock",
      { frozen_time: "2199-12-31T23:59:59Z" },
      { key: high.api_key },
    );
    expect(last.status).toBe(201);
    // and the clock cannot be pushed past the end of the range
    const past = await t.server.post(
      "/v1/test_clock/advance",
      { frozen_time: "2200-01-01T00:00:00Z" },
      { key: high.api_key },
    );
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe("date_out_of_range");
  });
});

describeServer("test clock bounds", (t) => {
  it("advances at most one year at a time, and at most ten years past its creation", async () => {
    const { api_key: key } = await t.server.createTenant("Clock limits");
    const advance = (to: string) =>
      t.server.post("/v1/test_clock/advance", { frozen_time: to }, { key });
    expect(
      (await t.server.post("/v1/test_clock", { frozen_time: "2025-03-01T10:00:00Z" }, { key }))
        .status,
    ).toBe(201);

    const tooFar = await advance("2026-03-01T10:00:00.001Z");
    expect(tooFar.status).toBe(422);
    expect(tooFar.body.error).toMatchObject({
      code: "test_clock_advance_too_far",
      details: { field: "frozen_time", latest: "2026-03-01T10:00:00Z" },
    });
    expect((await t.server.get("/v1/test_clock", { key })).body.now).toBe("2025-03-01T10:00:00Z");

    // exactly a year is fine; so is a year at a time up to ten years past the creation
    for (let year = 2026; year <= 2035; year++) {
      const res = await advance(`${year}-03-01T10:00:00Z`);
      expect(res.status, `${year}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    const beyond = await advance("2035-03-01T10:00:01Z");
    expect(beyond.status).toBe(422);
    expect(beyond.body.error).toMatchObject({
      code: "test_clock_limit_reached",
      details: { latest: "2035-03-01T10:00:00Z" },
    });
    expect((await t.server.get("/v1/test_clock", { key })).body.now).toBe("2035-03-01T10:00:00Z");
  });

  it("a tenant made on a test clock counts its limit from that reading", async () => {
    const { Temporal } = await import("temporal-polyfill");
    const { api_key: key } = await t.server.createTenant(
      "Made on a clock",
      Temporal.Instant.from("2026-01-01T00:00:00Z"),
    );
    const res = await t.server.post(
      "/v1/test_clock/advance",
      { frozen_time: "2027-01-01T00:00:01Z" },
      { key },
    );
    expect(res.body.error.code).toBe("test_clock_advance_too_far");
  });
});
