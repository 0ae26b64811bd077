/**
 * Hosted pages over HTTP: a German seller (19 % VAT) creates pages for its customers, who
 * complete them in the portal with the page's token — a checkout of a new subscription for a
 * customer created there, a checkout of a change, paying the open invoices, a payment method,
 * accepting a quote — and the merchant acknowledges what succeeded. Pages run out on the
 * tenant's clock, and another tenant's pages do not exist.
 *
 * Catalog: plan variant M 30.00 / month, L 50.00 / month, component Seats 5.00 each per month.
 * Every amount below is derived by hand.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

const CARD = { number: "4242424242424242", exp_month: 12, exp_year: 2030 };
const totals = (doc: any) => [doc.total_net, doc.total_tax, doc.total_gross];
const tokenOf = (url: string) => {
  const match = /\/portal\/(hpt_[A-Za-z0-9_-]+)$/.exec(url);
  expect(match, url).not.toBeNull();
  return match![1]!;
};

describeServer("hosted pages", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  /** A call of the portal's API with a page's token. */
  const portal = (token: string, method: string, path: string, body?: unknown) =>
    t.server.request(method, `/portal/api/hosted_page${path}`, {
      key: token,
      ...(body === undefined ? {} : { body }),
    });

  beforeAll(async () => {
    api = await billingTenant(t.server, "Hosted", "2026-03-10T09:00:00Z");
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
    ids.customer = await api.customer({ company_name: "Kunde", address: { country: "DE" } });
  });

  it("a checkout of a new subscription: created, opened and completed in the portal, acknowledged", async () => {
    const before = (await api.get("/v1/customers?limit=100")).data.length;
    const res = await api.request("POST", "/v1/hosted_pages/checkout_new_for_items", {
      customer: {
        email: "neu@x.example",
        company_name: "Neukunde",
        time_zone: "UTC",
        address: { country: "DE" },
      },
      subscription: {
        plan_variant_id: ids.m,
        components: [{ component_id: ids.seats, quantity: "2" }],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const page = res.body;
    expect(page).toMatchObject({
      type: "checkout_new",
      state: "created",
      customer_id: null,
      contract_id: null,
      content: null,
      // default validity: a day on the tenant's clock
      expires_at: "2026-03-11T09:00:00.000Z",
      expired: false,
    });
    const token = tokenOf(page.url);
    // the URL serves the portal's hosted page view
    const view = await fetch(`${t.server.url}/portal/${token}`);
    expect(view.status).toBe(200);
    expect(await view.text()).toContain("/assets/hosted.js");
    const script = await fetch(`${t.server.url}/assets/hosted.js`);
    expect(script.status).toBe(200);
    // creating the page tried the checkout and kept nothing of it
    expect((await api.get("/v1/customers?limit=100")).data.length).toBe(before);
    expect((await api.get("/v1/contracts?limit=100")).data).toEqual([]);
    // the token is shown once: a read has no URL
    expect((await api.get(`/v1/hosted_pages/${page.id}`)).url).toBeNull();

    // the portal: the page the token opens, and nothing else
    const seen = await portal(token, "GET", "");
    expect([seen.status, seen.body.id, seen.body.state]).toEqual([200, page.id, "created"]);
    const overview = await t.server.request("GET", "/portal/api/overview", { key: token });
    expect(overview.status).toBe(401);
    const withKey = await t.server.request("GET", "/portal/api/hosted_page", {});
    expect(withKey.status).toBe(401);

    const opened = await portal(token, "POST", "/open");
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body.page.state).toBe("requested");
    expect(opened.body.page.requested_at).toBe("2026-03-10T09:00:00.000Z");
    // the first month, 10 March to 10 April: M 30.00 + Seats 2 × 5.00 = 40.00 net;
    // VAT 19 % of 40.00 = 7.60; gross 47.60
    expect(totals(opened.body.preview)).toEqual(["40.00", "7.60", "47.60"]);
    // a payment source page's call does not complete a checkout
    const wrong = await portal(token, "POST", "/collect", {});
    expect([wrong.status, wrong.body.error.code]).toEqual([409, "hosted_page_wrong_type"]);

    const done = await portal(token, "POST", "/checkout", {
      payment_source: { type: "card", card: CARD },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const succeeded = done.body;
    expect(succeeded.state).toBe("succeeded");
    const { content } = succeeded;
    expect(content.order_status).toBe("succeeded");
    expect(succeeded.customer_id).toBe(content.customer_id);
    expect(succeeded.contract_id).toBe(content.contract_id);

    const customer = await api.get(`/v1/customers/${content.customer_id}`);
    expect(customer.company_name).toBe("Neukunde");
    const contract = await api.get(`/v1/contracts/${content.contract_id}`);
    expect([contract.customer_id, contract.status]).toEqual([content.customer_id, "active"]);
    const invoice = await api.get(`/v1/invoices/${content.invoice_id}`);
    expect(totals(invoice)).toEqual(["40.00", "7.60", "47.60"]);
    // charged through the card given: 47.60, and the customer owes nothing
    const [paymentId] = content.payment_ids;
    const payment = await api.get(`/v1/payments/${paymentId}`);
    expect([payment.status, payment.amount, payment.payment_source_id]).toEqual([
      "succeeded",
      "47.60",
      content.payment_source_id,
    ]);
    const balance = await api.get(`/v1/customers/${content.customer_id}/balance`);
    expect(balance.open_invoices).toEqual([]);

    const again = await portal(token, "POST", "/checkout", {});
    expect([again.status, again.body.error.code]).toEqual([409, "hosted_page_not_open"]);
    const events = (await api.get("/v1/events?limit=100")).data;
    const event = events.find((e: any) => e.type === "hosted_page.succeeded");
    expect(event?.data ?? event?.payload).toMatchObject({ id: page.id, state: "succeeded" });

    const ack = await api.request("POST", `/v1/hosted_pages/${page.id}/acknowledge`);
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body).toMatchObject({ state: "acknowledged", content });
    const twice = await api.request("POST", `/v1/hosted_pages/${page.id}/acknowledge`);
    expect([twice.status, twice.body.error.code]).toEqual([409, "hosted_page_not_succeeded"]);
    const listed = await api.get("/v1/hosted_pages?state=acknowledged");
    expect(listed.data.map((p: any) => p.id)).toEqual([page.id]);
  });

  it("a checkout of a change of a contract moves it to the plan chosen", async () => {
    const contract = await api.signup(ids.customer!, ids.m!);
    const page = await api.post("/v1/hosted_pages/checkout_existing_for_items", {
      contract_id: contract,
      plan_variant_id: ids.l,
    });
    expect([page.type, page.customer_id, page.contract_id]).toEqual([
      "checkout_existing",
      ids.customer,
      contract,
    ]);
    const done = await portal(tokenOf(page.url), "POST", "/checkout");
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.content).toMatchObject({ contract_id: contract, order_status: "succeeded" });
    const changed = await api.get(`/v1/contracts/${contract}`);
    expect(changed.current_phase.plan_variant_id).toBe(ids.l);
  });

  it("collect unpaid invoices: the open invoices paid through a card the customer gives", async () => {
    const owing = await api.customer({ company_name: "Schuldner", address: { country: "DE" } });
    // 2 × 12.50 = 25.00 net, VAT 4.75, gross 29.75
    const first = await api.post("/v1/invoices", {
      customer_id: owing,
      currency: "EUR",
      lines: [{ description: "Workshop", unit_price: "12.50", quantity: "2" }],
    });
    // 10.00 net, VAT 1.90, gross 11.90
    const second = await api.post("/v1/invoices", {
      customer_id: owing,
      currency: "EUR",
      lines: [{ description: "Setup", unit_price: "10" }],
    });
    expect(totals(first)).toEqual(["25.00", "4.75", "29.75"]);
    expect(totals(second)).toEqual(["10.00", "1.90", "11.90"]);
    const page = await api.post("/v1/hosted_pages/collect_now", { customer_id: owing });
    const token = tokenOf(page.url);
    // the customer has no payment source: paying needs one
    const none = await portal(token, "POST", "/collect", {});
    expect([none.status, none.body.error.code]).toEqual([422, "payment_source_required"]);
    // a declined card: nothing is kept, the page stays open
    const declined = await portal(token, "POST", "/collect", {
      payment_source: { type: "card", card: { ...CARD, number: "4000000000000002" } },
    });
    expect([declined.status, declined.body.error.code]).toEqual([
      422,
      "hosted_page_payment_failed",
    ]);
    expect((await api.get(`/v1/customers/${owing}/payment_sources`)).data).toEqual([]);
    const done = await portal(token, "POST", "/collect", {
      payment_source: { type: "card", card: CARD },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    // 29.75 + 11.90 = 41.65, both invoices paid, the oldest first
    expect(done.body.content).toMatchObject({
      amount: "41.65",
      currency: "EUR",
      invoice_ids: [first.id, second.id],
    });
    const balance = await api.get(`/v1/customers/${owing}/balance`);
    expect(balance.open_invoices).toEqual([]);
  });

  it("payment method pages: a source added, or made the primary one", async () => {
    const who = await api.customer({ company_name: "Karte" });
    const manage = await api.post("/v1/hosted_pages/manage_payment_sources", { customer_id: who });
    const added = await portal(tokenOf(manage.url), "POST", "/payment_source", {
      type: "card",
      card: CARD,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const update = await api.post("/v1/hosted_pages/update_payment_method", { customer_id: who });
    const replaced = await portal(tokenOf(update.url), "POST", "/payment_source", {
      type: "card",
      card: { ...CARD, number: "5555555555554444" },
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    const sources = (await api.get(`/v1/customers/${who}/payment_sources`)).data;
    const primary = sources.find((s: any) => s.role === "primary");
    expect(primary.id).toBe(replaced.body.content.payment_source_id);
    expect(primary.id).not.toBe(added.body.content.payment_source_id);
  });

  it("accept a quote: the quote is accepted and its invoice issued", async () => {
    const quote = await api.post("/v1/quotes/one_time", {
      customer_id: ids.customer,
      currency: "EUR",
      lines: [{ description: "Audit", unit_price: "80" }],
    });
    const page = await api.post("/v1/hosted_pages/accept_quote", { quote_id: quote.id });
    const done = await portal(tokenOf(page.url), "POST", "/accept_quote");
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const accepted = await api.get(`/v1/quotes/${quote.id}`);
    expect(accepted.status).toBe("accepted");
    expect(done.body.content).toMatchObject({
      quote_id: quote.id,
      invoice_id: accepted.invoice_id,
    });
    // 80.00 net, VAT 15.20, gross 95.20
    expect(totals(await api.get(`/v1/invoices/${accepted.invoice_id}`))).toEqual([
      "80.00",
      "15.20",
      "95.20",
    ]);
    const closed = await api.request("POST", "/v1/hosted_pages/accept_quote", {
      quote_id: quote.id,
    });
    expect([closed.status, closed.body.error.code]).toEqual([409, "quote_not_open"]);
  });

  it("bad input is refused with a code, and nothing is written", async () => {
    const count = async () => (await api.get("/v1/hosted_pages?limit=100")).data.length;
    const n = await count();
    const both = await api.request("POST", "/v1/hosted_pages/checkout_new_for_items", {
      customer_id: ids.customer,
      customer: { email: "b@x.example" },
      subscription: { plan_variant_id: ids.m },
    });
    expect([both.status, both.body.error.code]).toEqual([422, "hosted_page_customer_required"]);
    const unknownPlan = await api.request("POST", "/v1/hosted_pages/checkout_new_for_items", {
      customer_id: ids.customer,
      subscription: { plan_variant_id: "pv_nope" },
    });
    expect(unknownPlan.status).toBeGreaterThanOrEqual(400);
    expect(unknownPlan.status).toBeLessThan(500);
    const unknownCustomer = await api.request("POST", "/v1/hosted_pages/collect_now", {
      customer_id: "cus_nope",
    });
    expect([unknownCustomer.status, unknownCustomer.body.error.code]).toEqual([
      404,
      "customer_not_found",
    ]);
    expect(await count()).toBe(n);
    const unknownToken = await portal("hpt_nope", "GET", "");
    expect(unknownToken.status).toBe(401);
    const unknownPage = await fetch(`${t.server.url}/portal/hpt_nope`);
    expect(unknownPage.status).toBe(404);
  });

  it("a page runs out on the tenant's clock; a cancelled page cannot be completed", async () => {
    const other = await billingTenant(t.server, "Expiry", "2026-05-01T12:00:00Z");
    const who = await other.customer();
    const page = await other.post("/v1/hosted_pages/manage_payment_sources", {
      customer_id: who,
      validity_minutes: 30,
    });
    expect(page.expires_at).toBe("2026-05-01T12:30:00.000Z");
    await other.advance("2026-05-01T12:31:00Z");
    const late = await portal(tokenOf(page.url), "POST", "/open");
    expect([late.status, late.body.error.code]).toEqual([409, "hosted_page_expired"]);
    expect((await other.get(`/v1/hosted_pages/${page.id}`)).expired).toBe(true);

    const second = await other.post("/v1/hosted_pages/manage_payment_sources", {
      customer_id: who,
    });
    const token = tokenOf(second.url);
    const left = await portal(token, "POST", "/cancel");
    expect([left.status, left.body.state]).toEqual([200, "cancelled"]);
    const after = await portal(token, "POST", "/payment_source", { type: "card", card: CARD });
    expect([after.status, after.body.error.code]).toEqual([409, "hosted_page_not_open"]);
  });

  it("another tenant's page does not exist", async () => {
    const page = await api.post("/v1/hosted_pages/manage_payment_sources", {
      customer_id: ids.customer,
    });
    const other = await billingTenant(t.server, "Other", "2026-03-10T09:00:00Z");
    const read = await other.request("GET", `/v1/hosted_pages/${page.id}`);
    expect([read.status, read.body.error.code]).toEqual([404, "hosted_page_not_found"]);
    const ack = await other.request("POST", `/v1/hosted_pages/${page.id}/acknowledge`);
    expect([ack.status, ack.body.error.code]).toEqual([404, "hosted_page_not_found"]);
    expect((await other.get("/v1/hosted_pages")).data).toEqual([]);
  });

  it("portal sessions: a live portal link is activated once", async () => {
    const contract = await api.signup(ids.customer!, ids.m!);
    const { token } = await api.post(`/v1/contracts/${contract}/self_service_token`);
    const res = await api.request("POST", "/v1/portal_sessions/activate", { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      contract_id: contract,
      customer_id: ids.customer,
      status: "activated",
    });
    const links = (await api.get(`/v1/contracts/${contract}/portal_links`)).data;
    expect(links.map((l: any) => l.id)).toEqual([res.body.id]);
    const again = await api.request("POST", "/v1/portal_sessions/activate", { token });
    expect([again.status, again.body.error.code]).toEqual([409, "portal_link_already_activated"]);
    const unknown = await api.request("POST", "/v1/portal_sessions/activate", {
      token: "sst_nope",
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "portal_link_not_found"]);
  });
});
