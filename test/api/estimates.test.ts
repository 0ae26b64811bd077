/**
 * Estimates over HTTP: a German seller (19 % VAT) with a customer on two contracts, one billed
 * in EUR and one in USD. The upcoming invoices estimate answers each contract's next invoice at
 * its next billing date, by the billing preview, with totals per currency, and writes nothing.
 *
 * Catalog: M 30.00 / month (EUR), L 50.00 / month (USD), billed a month in advance from the
 * start. Every amount below is derived by hand.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("estimates", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const count = async (url: string) => (await api.get(`${url}&limit=100`)).data.length as number;
  /** What an estimate must leave as it was. */
  const written = async () => [
    await count(`/v1/invoices?customer_id=${ids.customer}`),
    await count(`/v1/contracts?customer_id=${ids.customer}`),
    await count(`/v1/orders?customer_id=${ids.customer}`),
    await count("/v1/customers?"),
  ];

  beforeAll(async () => {
    // the 16th of April, a 30-day month
    api = await billingTenant(t.server, "Estimates", "2026-04-16T09:00:00Z");
    const policy = await api.post("/v1/tax_policies", {
      name: "VAT",
      rates: [{ country: "DE", rate: "19" }],
    });
    const [entity] = (await api.get("/v1/business_entities")).data;
    await api.request("PATCH", `/v1/business_entities/${entity.id}`, {
      country: "DE",
      address: { city: "Berlin", country: "DE" },
      default_tax_policy_id: policy.id,
    });
    const monthly = { fee_period: { unit: "month", count: 1 } };
    const eur = await api.plan({}, { tax_policy_id: policy.id });
    const usd = await api.plan({}, { tax_policy_id: policy.id, currency: "USD" });
    ids.m = await api.variant(eur.plan, { internal_name: "M", recurring_fee: "30", ...monthly });
    ids.l = await api.variant(usd.plan, { internal_name: "L", recurring_fee: "50", ...monthly });
    ids.customer = await api.customer({ company_name: "Kunde", address: { country: "DE" } });
    ids.eur = await api.signup(ids.customer, ids.m);
    // the EUR contract's first month (16 April to 16 May) is billed now
    await api.run();
    ids.usd = await api.signup(ids.customer, ids.l);
  });

  it("answers each contract's next invoice at its next billing date, with totals per currency", async () => {
    const before = await written();
    const res = await api.request("GET", `/v1/customers/${ids.customer}/upcoming_invoices`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const byContract = Object.fromEntries(
      res.body.invoices.map((i: any) => [i.invoice.contract_id, i]),
    );
    // EUR: billed up to 16 May; next, 16 May: M 30.00 for 16 May to 16 June;
    //   VAT 19 % of 30.00 = 5.70; gross 35.70
    // billing looks at it at the start of 16 May in the customer's time zone (UTC)
    expect(byContract[String(ids.eur)].next_billing_at).toBe("2026-05-16T00:00:00.000Z");
    expect(byContract[String(ids.eur)].invoice).toMatchObject({
      currency: "EUR",
      date: "2026-05-16",
      total_net: "30.00",
      total_tax: "5.70",
      total_gross: "35.70",
    });
    expect(
      byContract[String(ids.eur)].invoice.lines.map((l: any) => [l.period_start, l.amount]),
    ).toEqual([["2026-05-16", "30.00"]]);
    // USD: never billed, due now (its start): L 50.00 for 16 April to 16 May;
    //   VAT 19 % of 50.00 = 9.50; gross 59.50
    expect(byContract[String(ids.usd)].invoice).toMatchObject({
      currency: "USD",
      date: "2026-04-16",
      total_net: "50.00",
      total_tax: "9.50",
      total_gross: "59.50",
    });
    expect(res.body.totals).toEqual([
      { currency: "EUR", total_net: "30.00", total_tax: "5.70", total_gross: "35.70" },
      { currency: "USD", total_net: "50.00", total_tax: "9.50", total_gross: "59.50" },
    ]);
    // the same engine as billing: the EUR contract's billing preview at 16 May is the same
    await api.advance("2026-05-16T09:00:00Z");
    const preview = await api.get(`/v1/contracts/${ids.eur}/billing_preview`);
    expect(preview.total_gross).toBe("35.70");
    expect(await written()).toEqual(before);
  });

  it("answers the invoice of hand-entered charges POST /v1/invoices would create, and writes nothing", async () => {
    const before = await written();
    const body = {
      customer_id: ids.customer,
      currency: "EUR",
      lines: [
        { description: "Training", unit_price: "100", quantity: "2" },
        { description: "Setup", unit_price: "49.99" },
      ],
    };
    const res = await api.request("POST", "/v1/invoices/estimate", body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // 2 × 100.00 + 49.99 = 249.99 net; VAT 19 % = 47.4981 → 47.50; gross 297.49
    expect(res.body).toMatchObject({
      status: "draft",
      customer_id: ids.customer,
      currency: "EUR",
      total_net: "249.99",
      total_tax: "47.50",
      total_gross: "297.49",
    });
    expect(res.body.lines.map((l: any) => [l.description, l.amount])).toEqual([
      ["Training", "200.00"],
      ["Setup", "49.99"],
    ]);
    expect(await written()).toEqual(before);
    expect((await api.request("GET", `/v1/invoices/${res.body.id}`)).status).toBe(404);
    // the operation itself creates the same invoice
    const created = await api.post("/v1/invoices", { ...body, draft: true });
    expect([created.total_net, created.total_tax, created.total_gross]).toEqual([
      "249.99",
      "47.50",
      "297.49",
    ]);
    await api.request("DELETE", `/v1/invoices/${created.id}`);
  });

  it("answers the refusal the operation would answer", async () => {
    const before = await written();
    const res = await api.request("POST", "/v1/invoices/estimate", {
      customer_id: "cus_none",
      currency: "EUR",
      lines: [{ description: "Training", unit_price: "100" }],
    });
    const real = await api.request("POST", "/v1/invoices", {
      customer_id: "cus_none",
      currency: "EUR",
      lines: [{ description: "Training", unit_price: "100" }],
    });
    // an unknown customer is a bad reference in the body: 422
    expect([res.status, res.body.error.code]).toEqual([real.status, real.body.error.code]);
    expect(res.status).toBe(422);
    expect(await written()).toEqual(before);
  });

  it("answers a new subscription's first invoice for a stored customer, and writes nothing", async () => {
    // now 16 May (after the first test)
    const before = await written();
    const res = await api.request("POST", "/v1/estimates/subscription", {
      customer_id: ids.customer,
      plan_variant_id: ids.m,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // the first month in advance, 16 May to 16 June: M 30.00; VAT 19 % = 5.70; gross 35.70
    expect(res.body).toMatchObject({
      currency: "EUR",
      date: "2026-05-16",
      total_net: "30.00",
      total_tax: "5.70",
      total_gross: "35.70",
    });
    expect(res.body.lines.map((l: any) => [l.period_start, l.period_end, l.amount])).toEqual([
      ["2026-05-16", "2026-06-16", "30.00"],
    ]);
    expect(await written()).toEqual(before);
    expect((await api.request("GET", `/v1/contracts/${res.body.contract_id}`)).status).toBe(404);
  });

  it("answers a new subscription's first invoice for a customer given inline, and stores none", async () => {
    const before = await written();
    const res = await api.request("POST", "/v1/estimates/subscription_for_new_customer", {
      customer: {
        email: "new@x.example",
        company_name: "Neu",
        time_zone: "UTC",
        address: { country: "DE" },
      },
      subscription: { plan_variant_id: ids.l },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // L 50.00 (USD) for 16 May to 16 June; VAT 19 % = 9.50; gross 59.50
    expect(res.body).toMatchObject({
      currency: "USD",
      total_net: "50.00",
      total_tax: "9.50",
      total_gross: "59.50",
    });
    expect(await written()).toEqual(before);
  });

  it("answers a signup's refusal as the order would", async () => {
    const before = await written();
    const body = { customer_id: ids.customer, plan_variant_id: "pv_none" };
    const res = await api.request("POST", "/v1/estimates/subscription", body);
    const real = await api.request("POST", "/v1/orders", body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect([res.status, res.body.error.code]).toEqual([real.status, real.body.error.code]);
    expect(await written()).toEqual(before);
  });

  it("answers what pausing and resuming now would bill or credit, and writes nothing", async () => {
    const before = await written();
    const res = await api.request("POST", "/v1/estimates/pause", { contract_id: ids.eur });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // billed up to 16 May; paused from now (16 May): the month from 16 May, 35.70 unpaused
    // (the first test), is not billed, and nothing billed lies after the pause: 0.00
    expect(res.body).toMatchObject({ currency: "EUR", lines: [], total_gross: "0.00" });
    const resume = await api.request("POST", "/v1/estimates/resume", { contract_id: ids.eur });
    // not resting: the estimate answers the refusal the action answers
    const real = await api.request("POST", "/v1/subscription_actions/end_resting", {
      contract_id: ids.eur,
    });
    expect([resume.status, resume.body.error.code]).toEqual([422, "invalid_life_cycle_state"]);
    expect(real.body.error.code).toBe(resume.body.error.code);
    expect(await written()).toEqual(before);
  });

  it("answers 404 for an unknown customer, and writes nothing", async () => {
    const before = await written();
    const res = await api.request("GET", "/v1/customers/cus_none/upcoming_invoices");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("customer_not_found");
    expect(await written()).toEqual(before);
  });
});
