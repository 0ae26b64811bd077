/**
 * Quotes over HTTP: a German seller (19 % VAT) quotes a new subscription, a change of it and
 * one-time charges; a quote is edited (priced again), printed, accepted — the contract and its
 * first invoice are exactly what was quoted, to the cent — declined, or left to expire.
 *
 * Catalog: plan variant M 30.00 / month, L 50.00 / month, component Seats 5.00 each per month,
 * coupon TEN (10 % off fee and components, for ever). Every amount below is derived by hand.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

/** A document's or quote's lines as the fields a quote fixes. */
const priced = (doc: any) =>
  doc.lines.map((l: any) => [
    l.kind,
    l.description,
    `${l.period_start}..${l.period_end}`,
    l.quantity,
    l.unit_price,
    l.amount,
    l.tax_rate,
  ]);
const totals = (doc: any) => [doc.total_net, doc.total_tax, doc.total_gross];

describeServer("quotes", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const count = async (url: string) => (await api.get(url)).data.length as number;

  beforeAll(async () => {
    api = await billingTenant(t.server, "Quotes", "2026-03-10T09:00:00Z");
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
    ids.policy = policy.id;
    const { group, plan } = await api.plan({}, { tax_policy_id: policy.id });
    const monthly = { fee_period: { unit: "month", count: 1 } };
    ids.m = await api.variant(plan, { internal_name: "M", recurring_fee: "30", ...monthly });
    ids.l = await api.variant(plan, { internal_name: "L", recurring_fee: "50", ...monthly });
    ids.seats = (
      await api.post("/v1/components", {
        plan_group_id: group,
        name: "Seats",
        type: "quantity",
        price_per_unit: "5",
      })
    ).id;
    const discount = await api.post("/v1/discounts", {
      plan_group_id: group,
      name: "Ten",
      percent: "10",
    });
    await api.post("/v1/coupons", { code: "TEN", discount_id: discount.id });
    ids.customer = await api.customer({ company_name: "Kunde", address: { country: "DE" } });
    ids.other = await api.customer({ company_name: "Andere", address: { country: "DE" } });
  });

  it("quotes a new subscription as its order would bill, and writes nothing else", async () => {
    const res = await api.request("POST", "/v1/quotes/subscription", {
      customer_id: ids.customer,
      plan_variant_id: ids.m,
      components: [{ component_id: ids.seats, quantity: "3" }],
      coupon_code: "TEN",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const quote = res.body;
    ids.subscription = quote.id;
    expect(quote).toMatchObject({
      type: "subscription",
      status: "open",
      customer_id: ids.customer,
      contract_id: null,
      starts_at: "2026-03-10T09:00:00.000Z",
      currency: "EUR",
      price_basis: "net",
      priced_on: "2026-03-10",
      // default validity: 30 days
      valid_until: "2026-04-09T09:00:00.000Z",
    });
    // the first month in advance, 10 March to 10 April:
    //   M 30.00; Seats 3 × 5.00 = 15.00; TEN: 10 % of 30.00 = 3.00, 10 % of 15.00 = 1.50
    expect(priced(quote)).toEqual([
      ["recurring_fee", "M", "2026-03-10..2026-04-10", "1", "30", "30.00", "19"],
      ["component_fee", "Seats", "2026-03-10..2026-04-10", "3", "5", "15.00", "19"],
      ["discount", "Ten — M", "2026-03-10..2026-04-10", "1", "-3.00", "-3.00", "19"],
      ["discount", "Ten — Seats", "2026-03-10..2026-04-10", "1", "-1.50", "-1.50", "19"],
    ]);
    // net 30 + 15 − 3 − 1.50 = 40.50; VAT 19 % = 7.695 → 7.70; gross 48.20
    expect(totals(quote)).toEqual(["40.50", "7.70", "48.20"]);
    expect(quote.tax_rows).toEqual([{ rate: "19", net: "40.50", tax: "7.70", gross: "48.20" }]);
    // pricing ran the order and rolled it back: no order, no contract, no invoice
    expect(await count(`/v1/orders?customer_id=${ids.customer}`)).toBe(0);
    expect(await count(`/v1/contracts?customer_id=${ids.customer}`)).toBe(0);
    expect(await count(`/v1/invoices?customer_id=${ids.customer}`)).toBe(0);
    expect(await api.get(`/v1/quotes/${quote.id}`)).toEqual(quote);
    const listed = await api.get(`/v1/quotes?customer_id=${ids.customer}`);
    expect(listed.data.map((q: any) => q.id)).toEqual([quote.id]);
    const events = await api.get("/v1/events?limit=100");
    const types = events.data.map((e: any) => e.type);
    expect(types).toContain("quote.created");
    expect(types).not.toContain("order.created");
  });

  it("an edit prices the quote again", async () => {
    const res = await api.request("PATCH", `/v1/quotes/${ids.subscription}`, {
      components: [{ component_id: ids.seats, quantity: "5" }],
      valid_until: "2026-04-30T00:00:00Z",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Seats 5 × 5.00 = 25.00, TEN 2.50 off it; M and its 3.00 off unchanged
    expect(priced(res.body)).toEqual([
      ["recurring_fee", "M", "2026-03-10..2026-04-10", "1", "30", "30.00", "19"],
      ["component_fee", "Seats", "2026-03-10..2026-04-10", "5", "5", "25.00", "19"],
      ["discount", "Ten — M", "2026-03-10..2026-04-10", "1", "-3.00", "-3.00", "19"],
      ["discount", "Ten — Seats", "2026-03-10..2026-04-10", "1", "-2.50", "-2.50", "19"],
    ]);
    // net 30 + 25 − 3 − 2.50 = 49.50; VAT 19 % = 9.405 → 9.41; gross 58.91
    expect(totals(res.body)).toEqual(["49.50", "9.41", "58.91"]);
    expect(res.body).toMatchObject({ status: "open", valid_until: "2026-04-30T00:00:00.000Z" });
    expect(res.body.input.components).toEqual([{ component_id: ids.seats, quantity: "5" }]);
  });

  it("prints the quote as a PDF", async () => {
    const res = await api.request("GET", `/v1/quotes/${ids.subscription}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(String(res.body).startsWith("%PDF-")).toBe(true);
    expect(String(res.body).trimEnd().endsWith("%%EOF")).toBe(true);
  });

  it("accepting a subscription quote two days later makes the contract and the quoted invoice", async () => {
    await api.advance("2026-03-12T15:00:00Z");
    const res = await api.request("POST", `/v1/quotes/${ids.subscription}/accept`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const quote = res.body;
    expect(quote).toMatchObject({ status: "accepted", accepted_at: "2026-03-12T15:00:00.000Z" });
    ids.contract = quote.contract_id;
    const contract = await api.get(`/v1/contracts/${ids.contract}`);
    // it starts when it was quoted, so it bills what was quoted
    expect(contract).toMatchObject({
      customer_id: ids.customer,
      start_date: "2026-03-10T09:00:00Z",
      status: "active",
    });
    expect((await api.get(`/v1/orders/${quote.order_id}`)).status).toBe("succeeded");
    const invoices = await api.invoices(ids.contract!);
    expect(invoices.map((i) => i.id)).toEqual([quote.invoice_id]);
    // the first invoice is the quote to the cent: 49.50 + 9.41 = 58.91
    expect(priced(invoices[0])).toEqual(priced(quote));
    expect(totals(invoices[0])).toEqual(["49.50", "9.41", "58.91"]);
    expect(invoices[0].tax_rows).toEqual(quote.tax_rows);
    expect(invoices[0].status).toBe("finalized");
    // each change of the quote is audited under its operation
    const audit = await api.get(`/v1/audit_events?target_id=${ids.subscription}`);
    expect(audit.data.map((a: any) => a.operation).sort()).toEqual([
      "quotes.accept",
      "quotes.create_subscription",
      "quotes.update",
    ]);
  });

  it("an accepted quote is not accepted, declined or edited again; nothing is written", async () => {
    for (const [method, path, body] of [
      ["POST", `/v1/quotes/${ids.subscription}/accept`, {}],
      ["POST", `/v1/quotes/${ids.subscription}/decline`, undefined],
      ["PATCH", `/v1/quotes/${ids.subscription}`, { quantity: "2" }],
    ] as const) {
      const res = await api.request(method, path, body);
      expect([res.status, res.body.error.code, res.body.error.details.status]).toEqual([
        409,
        "quote_not_open",
        "accepted",
      ]);
    }
    expect(await count(`/v1/orders?customer_id=${ids.customer}`)).toBe(1);
    expect(await api.invoices(ids.contract!)).toHaveLength(1);
  });

  it("quotes a change of the contract; accepted, billing later bills what was quoted", async () => {
    const res = await api.request("POST", "/v1/quotes/change", {
      contract_id: ids.contract,
      plan_variant_id: ids.l,
      change_date: "2026-04-10T09:00:00Z",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const quote = res.body;
    expect(quote).toMatchObject({
      type: "change",
      customer_id: ids.customer,
      contract_id: ids.contract,
      starts_at: "2026-04-10T09:00:00.000Z",
      priced_on: "2026-04-10",
    });
    // the second month, 10 April to 10 May, on L: L 50.00; Seats 5 × 5.00 = 25.00;
    // TEN: 10 % of 50.00 = 5.00, 10 % of 25.00 = 2.50
    expect(priced(quote)).toEqual([
      ["recurring_fee", "L", "2026-04-10..2026-05-10", "1", "50", "50.00", "19"],
      ["component_fee", "Seats", "2026-04-10..2026-05-10", "5", "5", "25.00", "19"],
      ["discount", "Ten — L", "2026-04-10..2026-05-10", "1", "-5.00", "-5.00", "19"],
      ["discount", "Ten — Seats", "2026-04-10..2026-05-10", "1", "-2.50", "-2.50", "19"],
    ]);
    // net 50 + 25 − 5 − 2.50 = 67.50; VAT 19 % = 12.825 → 12.83; gross 80.33
    expect(totals(quote)).toEqual(["67.50", "12.83", "80.33"]);
    // nothing changed on the contract yet
    const before = await api.get(`/v1/contracts/${ids.contract}`);
    expect(before.phases.map((p: any) => p.plan_variant_id)).toEqual([ids.m]);

    const accepted = await api.post(`/v1/quotes/${quote.id}/accept`);
    expect(accepted).toMatchObject({ status: "accepted", contract_id: ids.contract });
    // the change takes effect on 10 April: nothing is billed before
    expect(accepted.invoice_id).toBeNull();
    const after = await api.get(`/v1/contracts/${ids.contract}`);
    expect(after.phases.map((p: any) => [p.start_date, p.plan_variant_id])).toEqual([
      ["2026-03-10T09:00:00Z", ids.m],
      ["2026-04-10T09:00:00Z", ids.l],
    ]);
    await api.advance("2026-04-10T09:30:00Z");
    await api.run();
    const invoices = await api.invoices(ids.contract!);
    expect(invoices).toHaveLength(2);
    expect(priced(invoices[1])).toEqual(priced(quote));
    expect(totals(invoices[1])).toEqual(["67.50", "12.83", "80.33"]);
  });

  it("quotes one-time charges; accepted, the invoice is the quote", async () => {
    const res = await api.request("POST", "/v1/quotes/one_time", {
      customer_id: ids.customer,
      currency: "EUR",
      lines: [{ description: "Workshop day", unit_price: "150", quantity: "2" }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const quote = res.body;
    // 2 × 150.00 = 300.00 net; VAT 19 % = 57.00; gross 357.00
    expect(priced(quote)).toEqual([
      ["charge", "Workshop day", "null..null", "2", "150", "300.00", "19"],
    ]);
    expect(totals(quote)).toEqual(["300.00", "57.00", "357.00"]);
    expect(quote).toMatchObject({ type: "one_time", contract_id: null, starts_at: null });
    const invoicesBefore = await count(`/v1/invoices?customer_id=${ids.customer}`);

    const accepted = await api.post(`/v1/quotes/${quote.id}/accept`);
    expect(accepted).toMatchObject({ status: "accepted", order_id: null });
    const invoice = await api.get(`/v1/invoices/${accepted.invoice_id}`);
    expect(invoice).toMatchObject({ status: "finalized", customer_id: ids.customer });
    expect(priced(invoice)).toEqual(priced(quote));
    expect(totals(invoice)).toEqual(["300.00", "57.00", "357.00"]);
    expect(await count(`/v1/invoices?customer_id=${ids.customer}`)).toBe(invoicesBefore + 1);
  });

  it("a declined quote is not accepted or edited", async () => {
    const quote = await api.post("/v1/quotes/one_time", {
      customer_id: ids.customer,
      currency: "EUR",
      lines: [{ description: "Setup", unit_price: "100" }],
    });
    const declined = await api.post(`/v1/quotes/${quote.id}/decline`);
    expect(declined).toMatchObject({ status: "declined", invoice_id: null });
    const invoicesBefore = await count(`/v1/invoices?customer_id=${ids.customer}`);
    const accept = await api.request("POST", `/v1/quotes/${quote.id}/accept`, {});
    expect([accept.status, accept.body.error.code]).toEqual([409, "quote_not_open"]);
    const edit = await api.request("PATCH", `/v1/quotes/${quote.id}`, {
      lines: [{ description: "Setup", unit_price: "90" }],
    });
    expect([edit.status, edit.body.error.code]).toEqual([409, "quote_not_open"]);
    expect(await count(`/v1/invoices?customer_id=${ids.customer}`)).toBe(invoicesBefore);
    expect((await api.get(`/v1/quotes/${quote.id}`)).total_net).toBe("100.00");
  });

  it("a quote past valid_until reads expired and cannot be accepted, declined or edited", async () => {
    const quote = await api.post("/v1/quotes/one_time", {
      customer_id: ids.customer,
      currency: "EUR",
      lines: [{ description: "Audit", unit_price: "80" }],
      valid_until: "2026-04-11T09:30:00Z",
    });
    expect(quote.status).toBe("open");
    const invoicesBefore = await count(`/v1/invoices?customer_id=${ids.customer}`);
    await api.advance("2026-04-11T09:30:00Z");
    expect((await api.get(`/v1/quotes/${quote.id}`)).status).toBe("expired");
    for (const [method, path, body] of [
      ["POST", `/v1/quotes/${quote.id}/accept`, {}],
      ["POST", `/v1/quotes/${quote.id}/decline`, undefined],
      ["PATCH", `/v1/quotes/${quote.id}`, { valid_until: "2026-05-01T00:00:00Z" }],
    ] as const) {
      const res = await api.request(method, path, body);
      expect([res.status, res.body.error.code]).toEqual([409, "quote_expired"]);
    }
    expect(await count(`/v1/invoices?customer_id=${ids.customer}`)).toBe(invoicesBefore);
    expect((await api.get(`/v1/quotes/${quote.id}`)).status).toBe("expired");
  });

  it("a quote billing would no longer bill as quoted is refused, and nothing is written", async () => {
    const quote = await api.post("/v1/quotes/subscription", {
      customer_id: ids.other,
      plan_variant_id: ids.m,
      valid_until: "2026-06-30T00:00:00Z",
    });
    // quoted on 11 April: one month, M 30.00 (11 April to 11 May); 30.00 + 5.70 VAT = 35.70
    expect(totals(quote)).toEqual(["30.00", "5.70", "35.70"]);
    // accepted after its first month: billing would bill two months from the quoted start
    await api.advance("2026-05-12T09:00:00Z");
    const res = await api.request("POST", `/v1/quotes/${quote.id}/accept`, {});
    expect([res.status, res.body.error.code]).toEqual([409, "quote_outdated"]);
    expect(await count(`/v1/orders?customer_id=${ids.other}`)).toBe(0);
    expect(await count(`/v1/contracts?customer_id=${ids.other}`)).toBe(0);
    expect(await count(`/v1/invoices?customer_id=${ids.other}`)).toBe(0);
    // an edit prices it again as of now, and then it is accepted as quoted
    const edited = await api.request("PATCH", `/v1/quotes/${quote.id}`, {});
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.starts_at).toBe("2026-05-12T09:00:00.000Z");
    const accepted = await api.post(`/v1/quotes/${quote.id}/accept`);
    const invoice = await api.get(`/v1/invoices/${accepted.invoice_id}`);
    expect(totals(invoice)).toEqual(["30.00", "5.70", "35.70"]);
    expect(priced(invoice)).toEqual([
      ["recurring_fee", "M", "2026-05-12..2026-06-12", "1", "30", "30.00", "19"],
    ]);
  });

  it("a quote of a plan that requires approval is accepted; billing bills it once approved", async () => {
    const { plan } = await api.plan(
      { requires_order_approval: true },
      { tax_policy_id: ids.policy },
    );
    const variant = await api.variant(plan, {
      internal_name: "A",
      recurring_fee: "20",
      fee_period: { unit: "month", count: 1 },
    });
    const customer = await api.customer({ company_name: "Dritte", address: { country: "DE" } });
    const quote = await api.post("/v1/quotes/subscription", {
      customer_id: customer,
      plan_variant_id: variant,
    });
    // one month from 12 May: A 20.00; VAT 19 % = 3.80; gross 23.80
    expect(totals(quote)).toEqual(["20.00", "3.80", "23.80"]);
    const accepted = await api.post(`/v1/quotes/${quote.id}/accept`);
    expect(accepted).toMatchObject({ status: "accepted", invoice_id: null });
    expect((await api.get(`/v1/orders/${accepted.order_id}`)).status).toBe("approval_pending");
    expect(await count(`/v1/contracts?customer_id=${customer}`)).toBe(0);
    await api.post(`/v1/orders/${accepted.order_id}/approve`);
    await api.run();
    const invoices = await api.invoices(accepted.contract_id);
    expect(invoices).toHaveLength(1);
    expect(priced(invoices[0])).toEqual(priced(quote));
    expect(totals(invoices[0])).toEqual(["20.00", "3.80", "23.80"]);
  });

  it("accepting again under the same Idempotency-Key answers the same; one invoice", async () => {
    // the server's own tenant (no tax policy: 0 % tax): 3 × 20.00 = 60.00
    const customer = await t.server.must("POST", "/v1/customers", { email: "i@x.example" });
    const quote = await t.server.must("POST", "/v1/quotes/one_time", {
      customer_id: customer.id,
      currency: "EUR",
      lines: [{ description: "Licence", unit_price: "20", quantity: "3" }],
    });
    expect(totals(quote)).toEqual(["60.00", "0.00", "60.00"]);
    const headers = { "idempotency-key": "accept-quote-1" };
    const first = await t.server.post(`/v1/quotes/${quote.id}/accept`, {}, { headers });
    const again = await t.server.post(`/v1/quotes/${quote.id}/accept`, {}, { headers });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const invoices = await t.server.must("GET", `/v1/invoices?customer_id=${customer.id}`);
    expect(invoices.data.map((i: any) => i.id)).toEqual([first.body.invoice_id]);
  });

  it("refuses bad input with a code and writes nothing", async () => {
    const quotesBefore = await count("/v1/quotes?limit=100");
    const cases: [string, string, unknown, number, string][] = [
      [
        "POST",
        "/v1/quotes/subscription",
        { customer_id: "cus_none", plan_variant_id: ids.m },
        422,
        "unknown_customer",
      ],
      [
        "POST",
        "/v1/quotes/subscription",
        { customer_id: ids.other, plan_variant_id: "plv_none" },
        422,
        "unknown_plan_variant",
      ],
      [
        "POST",
        "/v1/quotes/subscription",
        { customer_id: ids.other, plan_variant_id: ids.m, coupon_code: "NOPE" },
        422,
        "unknown_coupon",
      ],
      ["POST", "/v1/quotes/change", { contract_id: ids.contract }, 422, "empty_order"],
      [
        "POST",
        "/v1/quotes/one_time",
        {
          customer_id: ids.customer,
          currency: "EUR",
          lines: [{ description: "Nothing", unit_price: "0" }],
        },
        422,
        "invalid_amount",
      ],
      [
        "POST",
        "/v1/quotes/one_time",
        {
          customer_id: ids.customer,
          currency: "EUR",
          lines: [{ description: "Late", unit_price: "1" }],
          valid_until: "2026-01-01T00:00:00Z",
        },
        422,
        "valid_until_not_future",
      ],
      [
        "POST",
        "/v1/quotes/one_time",
        { customer_id: ids.customer, currency: "EUR", lines: [], draft: true },
        400,
        "validation_failed",
      ],
    ];
    for (const [method, path, body, status, code] of cases) {
      const res = await api.request(method, path, body);
      expect([res.status, res.body.error?.code], JSON.stringify(res.body)).toEqual([status, code]);
    }
    const open = await api.post("/v1/quotes/one_time", {
      customer_id: ids.customer,
      currency: "EUR",
      lines: [{ description: "Support", unit_price: "10" }],
    });
    const wrongField = await api.request("PATCH", `/v1/quotes/${open.id}`, {
      plan_variant_id: ids.l,
    });
    expect([wrongField.status, wrongField.body.error.code]).toEqual([
      422,
      "quote_field_not_applicable",
    ]);
    const missing = await api.request("POST", "/v1/quotes/qte_none/accept", {});
    expect([missing.status, missing.body.error.code]).toEqual([404, "quote_not_found"]);
    expect(await count("/v1/quotes?limit=100")).toBe(quotesBefore + 1);
    expect((await api.get(`/v1/quotes/${open.id}`)).total_net).toBe("10.00");
    expect(await count(`/v1/orders?customer_id=${ids.other}`)).toBe(1);
  });
});
