/**
 * A change order carrying only a contract and a new plan quantity: the plan variant stays, a
 * normal phase with the new quantity starts at the change date, and billing prorates by days.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant, lines } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("quantity-only change orders", (t) => {
  const ids: Record<string, string> = {};
  let api: Awaited<ReturnType<typeof billingTenant>>;

  // 30/month prepaid from April 1 (a 30-day month), quantity 1, first month billed
  beforeAll(async () => {
    api = await billingTenant(t.server, "Quantity", "2025-04-01T10:00:00Z");
    const { plan } = await api.plan();
    ids.variant = await api.variant(plan, {
      internal_name: "Seat plan",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.trial = await api.variant(
      (await api.plan({ trial_period: { unit: "day", count: 14 } })).plan,
      { internal_name: "Trial plan", recurring_fee: "30", fee_period: { unit: "month", count: 1 } },
    );
    ids.customer = await api.customer();
    ids.contract = await api.signup(ids.customer, ids.variant!);
    await api.run();
  });

  it("quantity 1 → 3 on day 16 of a 30-day month: the old quantity is corrected, the new one charged", async () => {
    // April 1: 30.00 × 1 for April 1 – May 1
    expect((await api.invoices(ids.contract!)).map(lines)).toEqual([
      [["Seat plan", "2025-04-01..2025-05-01", "1", "30", "30.00"]],
    ]);
    await api.advance("2025-04-16T10:00:00Z");
    const order = await api.post("/v1/orders", { contract_id: ids.contract, quantity: "3" });
    expect(order).toMatchObject({ type: "change", plan_variant_id: null, quantity: "3" });

    // quantity 1 kept April 1 – 16: 15 of 30 days, 30 × 1 × 15/30 = 15.00, of 30.00 billed: −15.00
    // quantity 3 from April 16 – May 1: 15 of 30 days, 30 × 3 × 15/30 = 45.00
    const expected = [
      [
        "Seat plan (15 of 30 days) — correction of 30.00 billed",
        "2025-04-01..2025-04-16",
        "1",
        "-15.00",
        "-15.00",
      ],
      ["Seat plan (15 of 30 days)", "2025-04-16..2025-05-01", "3", "30", "45.00"],
    ];
    const preview = await api.get(`/v1/orders/${order.id}/preview`);
    expect(lines(preview)).toEqual(expected);
    expect(preview.total_net).toBe("30.00");

    expect((await api.post(`/v1/orders/${order.id}/commit`)).status).toBe("succeeded");
    const contract = await api.get(`/v1/contracts/${ids.contract}`);
    expect(contract.phases.map((p: any) => [p.start_date, p.plan_variant_id, p.quantity])).toEqual([
      ["2025-04-01T10:00:00Z", ids.variant, "1"],
      ["2025-04-16T10:00:00Z", ids.variant, "3"],
    ]);
    const settled = await api.post(`/v1/contracts/${ids.contract}/settle`, {});
    expect(lines(settled.invoice)).toEqual(expected);
    // −15.00 + 45.00 = 30.00
    expect(settled.invoice.total_net).toBe("30.00");
    // settling again bills nothing twice
    expect((await api.post(`/v1/contracts/${ids.contract}/settle`, {})).invoice).toBeNull();

    // May 1: 30 × 3 = 90.00 for the whole month
    await api.advance("2025-05-01T10:00:00Z");
    await api.run();
    const all = await api.invoices(ids.contract!);
    expect(all).toHaveLength(3);
    expect(lines(all[2])).toEqual([["Seat plan", "2025-05-01..2025-06-01", "3", "30", "90.00"]]);
  });

  it("refused in a trial (nothing to bill a quantity on) and with nothing to change", async () => {
    const empty = await api.request("POST", "/v1/orders", { contract_id: ids.contract });
    expect([empty.status, empty.body.error.code]).toEqual([422, "empty_order"]);

    const customer = await api.customer();
    const inTrial = await api.signup(customer, ids.trial!);
    const order = await api.post("/v1/orders", { contract_id: inTrial, quantity: "2" });
    const commit = await api.request("POST", `/v1/orders/${order.id}/commit`);
    expect([commit.status, commit.body.error.code]).toEqual([
      422,
      "quantity_change_outside_paid_phase",
    ]);
    // nothing half-written
    expect((await api.get(`/v1/orders/${order.id}`)).status).toBe("in_progress");
    expect((await api.get(`/v1/contracts/${inTrial}`)).phases).toHaveLength(2);
  });
});
