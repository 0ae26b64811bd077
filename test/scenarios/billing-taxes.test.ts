/**
 * Taxes on invoices: the plan group's tax policy, the customer's country, reverse charge for
 * a business customer with a VAT id in another country than the seller's.
 */
import { beforeAll, expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("billing taxes", (t) => {
  const post = (url: string, body?: unknown) => t.server.post(url, body);
  const patch = (url: string, body: unknown) => t.server.request("PATCH", url, { body });
  const ids: Record<string, string> = {};

  async function subscribe(customer: Record<string, unknown>) {
    const c = (await post("/v1/customers", customer)).body;
    const order = (await post("/v1/orders", { customer_id: c.id, plan_variant_id: ids.variant }))
      .body;
    await post(`/v1/orders/${order.id}/commit`);
    return (await post(`/v1/contracts/${order.contract_id}/settle`)).body.invoice;
  }

  // an Austrian seller, a policy on the plan group
  beforeAll(async () => {
    const create = (url: string, body?: unknown) => t.server.must("POST", url, body);
    await create("/v1/test_clock", { frozen_time: "2026-02-01T09:00:00Z" });
    const entity = (await t.server.get("/v1/business_entities")).body.data[0];
    await t.server.must("PATCH", `/v1/business_entities/${entity.id}`, {
      name: "Wien GmbH",
      country: "AT",
      vat_id: "ATU12345678",
    });
    const policy = await create("/v1/tax_policies", {
      name: "EU VAT",
      rates: [
        { country: "AT", rate: "20" },
        { country: "DE", rate: "19" },
      ],
      default_rate: "20",
    });
    const group = await create("/v1/plan_groups", {
      name: "Cloud",
      currency: "EUR",
      price_type: "net",
      tax_policy_id: policy.id,
    });
    expect(group.tax_policy_id).toBe(policy.id);
    ids.group = group.id;
    const plan = await create("/v1/plans", { plan_group_id: group.id, name: "P" });
    ids.variant = (
      await create("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "Standard",
        recurring_fee: "99.99",
        fee_period: { unit: "month", count: 1 },
      })
    ).id;
  });

  it("an unknown or empty tax policy id → 422 unknown_tax_policy, nothing written", async () => {
    const entity = (await t.server.get("/v1/business_entities")).body.data[0];
    const unknown = await post("/v1/plan_groups", {
      name: "X",
      currency: "EUR",
      price_type: "net",
      tax_policy_id: "txp_missing",
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe("unknown_tax_policy");
    // an empty id is no policy at all, not "none": refused the same way, nothing written
    for (const [url, field] of [
      ["/v1/plan_groups", "tax_policy_id"],
      [`/v1/business_entities/${entity.id}`, "default_tax_policy_id"],
    ] as const) {
      const empty =
        url === "/v1/plan_groups"
          ? await post(url, { name: "Y", currency: "EUR", price_type: "net", [field]: "" })
          : await patch(url, { [field]: "" });
      expect(empty.status, url).toBe(422);
      expect(empty.body.error).toMatchObject({ code: "unknown_tax_policy", details: { field } });
    }
    expect((await t.server.get("/v1/business_entities")).body.data[0].default_tax_policy_id).toBe(
      null,
    );
  });

  it("the customer's country decides the rate", async () => {
    const at = await subscribe({ email: "a@x.example", address: { country: "AT" } });
    // 20 % of 99.99 = 19.998 → 20.00
    expect(at).toMatchObject({
      total_net: "99.99",
      total_tax: "20.00",
      total_gross: "119.99",
      reverse_charge: false,
    });
    const de = await subscribe({ email: "d@x.example", address: { country: "DE" } });
    // 19 % of 99.99 = 18.9981 → 19.00
    expect(de).toMatchObject({ total_tax: "19.00", total_gross: "118.99" });
    const fr = await subscribe({ email: "f@x.example", address: { country: "FR" } });
    // no French rate: the seller's country's, 20 %
    expect(fr).toMatchObject({ total_tax: "20.00" });
  });

  it("a business customer with a VAT id abroad is reverse charged", async () => {
    const b2b = await subscribe({
      company_name: "Berlin AG",
      customer_type: "business",
      vat_id: "DE999999999",
      address: { country: "DE" },
    });
    expect(b2b).toMatchObject({
      reverse_charge: true,
      total_net: "99.99",
      total_tax: "0.00",
      total_gross: "99.99",
      tax_rows: [{ rate: "0", net: "99.99", tax: "0.00", gross: "99.99" }],
    });
  });

  it("without a tax policy no tax is charged; the plan group's policy can change for new documents", async () => {
    const cleared = await patch(`/v1/plan_groups/${ids.group}`, { tax_policy_id: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.tax_policy_id).toBeNull();
    const none = await subscribe({ email: "n@x.example", address: { country: "AT" } });
    expect(none).toMatchObject({ total_tax: "0.00", total_gross: "99.99" });
  });
});
