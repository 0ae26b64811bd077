/**
 * An order with trigger_interim_billing bills the contract in the order's transaction,
 * natively and through Billwerk's TriggerInterimBilling.
 */
import { expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("interim billing", (t) => {
  const post = (url: string, body?: unknown) => t.server.post(url, body);
  const ids: Record<string, string> = {};
  const lines = (invoice: any) => invoice.lines.map((l: any) => [l.description, l.amount]);

  it("an upgrade with trigger_interim_billing is invoiced when it succeeds", async () => {
    await post("/v1/test_clock", { frozen_time: "2026-01-01T09:00:00Z" });
    const group = (await post("/v1/plan_groups", { name: "G", currency: "EUR", price_type: "net" }))
      .body;
    const plan = (await post("/v1/plans", { plan_group_id: group.id, name: "P" })).body;
    const variant = async (name: string, fee: string) =>
      (
        await post("/v1/plan_variants", {
          plan_id: plan.id,
          internal_name: name,
          recurring_fee: fee,
          fee_period: { unit: "month", count: 1 },
        })
      ).body.id;
    ids.basic = await variant("Basic", "30");
    ids.pro = await variant("Pro", "62");
    ids.max = await variant("Max", "93");
    const customer = (await post("/v1/customers", { email: "i@x.example" })).body;
    const signup = (
      await post("/v1/orders", {
        customer_id: customer.id,
        plan_variant_id: ids.basic,
        trigger_interim_billing: true,
      })
    ).body;
    expect(signup.trigger_interim_billing).toBe(true);
    await post(`/v1/orders/${signup.id}/commit`);
    ids.contract = signup.contract_id;
    const invoices = async () =>
      (await t.server.get(`/v1/invoices?contract_id=${ids.contract}`)).body.data;
    expect((await invoices()).map(lines)).toEqual([[["Basic", "30.00"]]]);

    await post("/v1/test_clock/advance", { frozen_time: "2026-01-16T09:00:00Z" });
    const upgrade = (
      await post("/v1/orders", {
        contract_id: ids.contract,
        plan_variant_id: ids.pro,
        trigger_interim_billing: true,
      })
    ).body;
    await post(`/v1/orders/${upgrade.id}/commit`);
    const all = await invoices();
    expect(all).toHaveLength(2);
    expect(lines(all[1])).toEqual([
      // Basic kept Jan 1 – 15, 15 of 31 days: 30 × 15/31 = 14.516… → 14.52; −30.00 billed
      ["Basic (15 of 31 days) — correction of 30.00 billed", "-15.48"],
      // Pro Jan 16 – 31, 16 of 31 days: 62 × 16/31 = 32.00
      ["Pro (16 of 31 days)", "32.00"],
    ]);
  });

  it("Billwerk orders take TriggerInterimBilling", async () => {
    await post("/v1/test_clock/advance", { frozen_time: "2026-01-21T09:00:00Z" });
    const order = await post("/api/v1/Orders", {
      ContractId: ids.contract,
      Cart: { PlanVariantId: ids.max },
      TriggerInterimBilling: true,
    });
    expect(order.status).toBe(201);
    expect(order.body.TriggerInterimBilling).toBe(true);
    const committed = await post(`/api/v1/Orders/${order.body.Id}/commit`, {});
    expect(committed.status).toBe(200);
    const all = (await t.server.get(`/v1/invoices?contract_id=${ids.contract}`)).body.data;
    expect(all).toHaveLength(3);
    expect(lines(all[2])).toEqual([
      // Pro now Jan 16 – 20, 5 of 31 days: 62 × 5/31 = 10.00; 32.00 billed → −22.00
      ["Pro (5 of 31 days) — correction of 32.00 billed", "-22.00"],
      // Max Jan 21 – 31, 11 of 31 days: 93 × 11/31 = 33.00
      ["Max (11 of 31 days)", "33.00"],
    ]);
  });

  it("an order is priced before it is committed", async () => {
    await post("/v1/test_clock/advance", { frozen_time: "2026-01-26T09:00:00Z" });
    const down = (
      await post("/v1/orders", { contract_id: ids.contract, plan_variant_id: ids.basic })
    ).body;
    const preview = await t.server.get(`/v1/orders/${down.id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.lines.map((l: any) => [l.description, l.amount])).toEqual([
      // Basic now covers Jan 1 – 15 and Jan 26 – 31, 21 of 31 days: 30 × 21/31 = 20.322… →
      // 20.32; 14.52 is billed for it (30.00 − 15.48) → +5.80
      ["Basic (21 of 31 days) — correction of 14.52 billed", "5.80"],
      // Max kept Jan 21 – 25, 5 of 31 days: 93 × 5/31 = 15.00; 33.00 billed → −18.00
      ["Max (5 of 31 days) — correction of 33.00 billed", "-18.00"],
    ]);
    expect(preview.body.total_net).toBe("-12.20");
    // nothing was written: the contract still runs on Max
    const contract = (await t.server.get(`/v1/contracts/${ids.contract}`)).body;
    expect(contract.current_phase.plan_variant_id).toBe(ids.max);

    const customer = (await post("/v1/customers", { email: "p@x.example" })).body;
    const signup = (
      await post("/v1/orders", { customer_id: customer.id, plan_variant_id: ids.pro })
    ).body;
    const first = (await t.server.get(`/v1/orders/${signup.id}/preview`)).body;
    expect(first).not.toHaveProperty("error");
    expect(
      first.lines.map((l: any) => [l.description, `${l.period_start}..${l.period_end}`, l.amount]),
    ).toEqual([["Pro", "2026-01-26..2026-02-26", "62.00"]]);
    await post(`/v1/orders/${signup.id}/commit`);
    const closed = await t.server.get(`/v1/orders/${signup.id}/preview`);
    expect(closed.status).toBe(422);
    expect(closed.body.error.code).toBe("order_closed");
  });

  it("a plan variant that needs payment data refuses a signup committed without it", async () => {
    const group = (await post("/v1/plan_groups", { name: "H", currency: "EUR", price_type: "net" }))
      .body;
    const plan = (await post("/v1/plans", { plan_group_id: group.id, name: "Paid" })).body;
    const variant = (
      await post("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "Card only",
        recurring_fee: "10",
        fee_period: { unit: "month", count: 1 },
        allow_without_payment_data: false,
      })
    ).body;
    const customer = (await post("/v1/customers", { email: "pay@x.example" })).body;
    const order = (
      await post("/v1/orders", { customer_id: customer.id, plan_variant_id: variant.id })
    ).body;
    const bare = await post(`/v1/orders/${order.id}/commit`);
    expect(bare.status).toBe(422);
    expect(bare.body.error).toMatchObject({
      code: "payment_data_required",
      details: { field: "payment_method" },
    });
    const none = await post(`/api/v1/Orders/${order.id}/commit`, { PaymentMethod: "None:None" });
    expect(none.status).toBe(422);
    expect(none.body.Code).toBe("payment_data_required");
    expect((await t.server.get(`/v1/orders/${order.id}`)).body.status).toBe("in_progress");
    const paid = await post(`/api/v1/Orders/${order.id}/commit`, { PaymentMethod: "Debit:Stripe" });
    expect(paid.status).toBe(200);
    expect((await t.server.get(`/v1/orders/${order.id}`)).body).toMatchObject({
      status: "succeeded",
      payment_method: "Debit:Stripe",
    });
  });
});
