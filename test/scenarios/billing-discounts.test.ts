/**
 * Discounts on invoices: a coupon's percentage for ever, and a fixed amount for one month,
 * each reducing the recurring fee for the days it overlaps.
 */
import { expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("billing with discounts", (t) => {
  const post = (url: string, body?: unknown) => t.server.post(url, body);
  const ids: Record<string, string> = {};
  const lines = (invoice: any) =>
    invoice.lines.map((l: any) => [l.description, `${l.period_start}..${l.period_end}`, l.amount]);

  it("a 25 % coupon from signup and 5.00 off for the first month", async () => {
    await post("/v1/test_clock", { frozen_time: "2026-01-01T09:00:00Z" });
    const group = (await post("/v1/plan_groups", { name: "G", currency: "EUR", price_type: "net" }))
      .body;
    const plan = (await post("/v1/plans", { plan_group_id: group.id, name: "P" })).body;
    const variant = (
      await post("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "Team",
        recurring_fee: "40",
        fee_period: { unit: "month", count: 1 },
      })
    ).body;
    const quarter = await post("/v1/discounts", {
      plan_group_id: group.id,
      name: "Launch 25 %",
      percent: "25",
    });
    expect(quarter.status).toBe(201);
    await post("/v1/coupons", { code: "LAUNCH", discount_id: quarter.body.id });
    const five = await post("/v1/discounts", {
      plan_group_id: group.id,
      name: "Welcome",
      amount: "500",
      applies_to: "recurring_fee",
      duration: { unit: "month", count: 1 },
    });
    expect(five.status).toBe(201);
    const customer = (await post("/v1/customers", { email: "d@x.example" })).body;
    const order = await post("/v1/orders", {
      customer_id: customer.id,
      plan_variant_id: variant.id,
      coupon_code: "launch",
    });
    expect(order.status).toBe(201);
    await post(`/v1/orders/${order.body.id}/commit`);
    ids.contract = order.body.contract_id;
    const granted = await post(`/v1/contracts/${ids.contract}/discounts`, {
      discount_id: five.body.id,
      start_date: "2026-01-01T09:00:00Z",
    });
    expect(granted.status).toBe(201);

    const january = (await post(`/v1/contracts/${ids.contract}/settle`)).body.invoice;
    expect(lines(january)).toEqual([
      ["Team", "2026-01-01..2026-02-01", "40.00"],
      // 25 % of 40.00 for all 31 days
      ["Launch 25 % — Team", "2026-01-01..2026-02-01", "-10.00"],
      // 5.00 for the month the discount lasts (Jan 1 – Feb 1): 31 of 31 days
      ["Welcome — Team", "2026-01-01..2026-02-01", "-5.00"],
    ]);
    expect(january.total_net).toBe("25.00");

    await post("/v1/test_clock/advance", { frozen_time: "2026-02-01T09:00:00Z" });
    const february = (await post(`/v1/contracts/${ids.contract}/settle`)).body.invoice;
    expect(lines(february)).toEqual([
      ["Team", "2026-02-01..2026-03-01", "40.00"],
      ["Launch 25 % — Team", "2026-02-01..2026-03-01", "-10.00"],
    ]);
    expect(february.total_net).toBe("30.00");
  });

  it("ending a discount mid-month takes back its days after the end at the next settlement", async () => {
    const list = (await t.server.get(`/v1/contracts/${ids.contract}/discounts`)).body.data;
    const launch = list.find((d: any) => d.discount.name === "Launch 25 %") ?? list[0];
    const ended = await post(`/v1/discount_subscriptions/${launch.id}/end`, {
      end_date: "2026-02-15T09:00:00Z",
    });
    expect(ended.status).toBe(200);
    await post("/v1/test_clock/advance", { frozen_time: "2026-03-01T09:00:00Z" });
    const march = (await post(`/v1/contracts/${ids.contract}/settle`)).body.invoice;
    expect(lines(march)).toEqual([
      ["Team", "2026-03-01..2026-04-01", "40.00"],
      // February's 25 % now covers Feb 1 – 15, 14 of 28 days: 10.00 × 14/28 = 5.00; −10.00 billed → +5.00
      ["Launch 25 % — Team — correction of -10.00 billed", "2026-02-01..2026-02-15", "5.00"],
    ]);
  });
});
