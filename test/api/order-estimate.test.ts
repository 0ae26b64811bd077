/**
 * `POST /v1/orders/estimate`: an order placed and committed in a savepoint that is rolled back.
 * It answers what billing invoices for the order (at once with interim billing) and at the
 * contract's next billing date after, writes nothing, and agrees with what the order really
 * bills when it is then placed.
 *
 * Catalog (EUR, net, no tax): Basic 10.00 and Pro 30.00 a month, billed in advance from the
 * start; Seats 5.00 a month each. The clock starts on 1 April 2026 (a 30-day month).
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("order estimates", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const count = async (url: string) => (await api.get(`${url}&limit=100`)).data.length as number;
  const written = async () => [
    await count(`/v1/invoices?customer_id=${ids.customer}`),
    await count(`/v1/contracts?customer_id=${ids.customer}`),
    await count(`/v1/orders?customer_id=${ids.customer}`),
  ];
  const amounts = (preview: any) => preview.lines.map((l: any) => [l.kind, l.amount]);

  beforeAll(async () => {
    api = await billingTenant(t.server, "Order estimates", "2026-04-01T00:00:00Z");
    const { plan, group } = await api.plan();
    const monthly = { fee_period: { unit: "month", count: 1 } };
    ids.basic = await api.variant(plan, {
      internal_name: "Basic",
      recurring_fee: "10",
      ...monthly,
    });
    ids.pro = await api.variant(plan, { internal_name: "Pro", recurring_fee: "30", ...monthly });
    ids.seats = (
      await api.post("/v1/components", {
        plan_group_id: group,
        name: "Seats",
        type: "quantity",
        price_model: "per_unit",
        price_per_unit: "5.00",
      })
    ).id;
    ids.customer = await api.customer();
    ids.contract = await api.signup(ids.customer, ids.basic, { trigger_interim_billing: true });
    // April (10.00) is billed at the signup; on 16 April 15 of its 30 days are left
    await api.advance("2026-04-16T00:00:00Z");
  });

  it("a change billed at once: the estimate is the interim invoice the change then issues", async () => {
    const before = await written();
    const order = {
      contract_id: ids.contract,
      plan_variant_id: ids.pro,
      components: [{ component_id: ids.seats, quantity: "2" }],
      trigger_interim_billing: true,
    };
    const res = await api.request("POST", "/v1/orders/estimate", order);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // 16 April – 1 May, 15 of 30 days: Basic's 10.00 × 15/30 = 5.00 back, Pro 30.00 × 15/30
    // = 15.00, Seats 2 × 5.00 × 15/30 = 5.00; 15.00 + 5.00 − 5.00 = 15.00
    expect(res.body.invoice).toMatchObject({ date: "2026-04-16", total_gross: "15.00" });
    expect(amounts(res.body.invoice)).toEqual(
      expect.arrayContaining([
        ["recurring_fee", "-5.00"],
        ["recurring_fee", "15.00"],
        ["component_fee", "5.00"],
      ]),
    );
    // then May: Pro 30.00 and Seats 2 × 5.00 = 10.00
    expect(res.body.next_billing_at).toBe("2026-05-01T00:00:00.000Z");
    expect(res.body.next_invoice).toMatchObject({ date: "2026-05-01", total_gross: "40.00" });
    expect(await written()).toEqual(before);

    const placed = await api.post("/v1/orders", { ...order, commit: true });
    expect(placed.status).toBe("succeeded");
    const invoices = await api.invoices(String(ids.contract));
    const interim = invoices.at(-1);
    expect(invoices).toHaveLength(2);
    expect([interim.kind, interim.total_gross]).toEqual(["invoice", res.body.invoice.total_gross]);
    expect(interim.lines.map((l: any) => l.amount).sort()).toEqual(
      res.body.invoice.lines.map((l: any) => l.amount).sort(),
    );
  });

  it("a signup: the first invoice the signup estimate answers, and the month after", async () => {
    const before = await written();
    const signup = { customer_id: ids.customer, plan_variant_id: ids.basic, quantity: "3" };
    const res = await api.request("POST", "/v1/orders/estimate", signup);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // 3 × 10.00 for 16 April – 16 May, then the same for 16 May – 16 June
    expect(res.body.invoice).toMatchObject({ date: "2026-04-16", total_gross: "30.00" });
    expect(res.body.next_invoice?.total_gross).toBe("30.00");
    const same = await api.post("/v1/estimates/subscription", signup);
    expect(amounts(same)).toEqual(amounts(res.body.invoice));
    expect(await written()).toEqual(before);
  });

  it("a dated change: nothing at once, the next invoice bills the new plan", async () => {
    const res = await api.request("POST", "/v1/orders/estimate", {
      contract_id: ids.contract,
      plan_variant_id: ids.basic,
      change_date: "2026-05-01T00:00:00Z",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // from 1 May Basic (10.00) again, Seats 2 × 5.00 stay: 20.00
    expect(res.body.next_billing_at).toBe("2026-05-01T00:00:00.000Z");
    expect(res.body.next_invoice).toMatchObject({ date: "2026-05-01", total_gross: "20.00" });
  });

  it("refuses what the order refuses", async () => {
    const unknown = await api.request("POST", "/v1/orders/estimate", {
      contract_id: "con_missing",
      quantity: "2",
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, "unknown_contract"]);
    const both = await api.request("POST", "/v1/orders/estimate", {
      customer_id: ids.customer,
      contract_id: ids.contract,
    });
    expect([both.status, both.body.error.code]).toEqual([422, "customer_or_contract_required"]);
    const commit = await api.request("POST", "/v1/orders/estimate", {
      contract_id: ids.contract,
      quantity: "2",
      commit: true,
    });
    expect(commit.status).toBe(400);
  });
});
