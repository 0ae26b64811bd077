/**
 * Hosted pages that extend a contract's term, keep a customer about to cancel, and show an
 * offline payment voucher; and the events a merchant records on a page. A German seller
 * (19 % VAT) with plan variant M at 30.00 a month; the tenant's clock stands at
 * 10 March 2026 09:00 UTC, the customers' time zone is UTC. Every figure is derived by hand.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

const tokenOf = (url: string) => /\/portal\/(hpt_[A-Za-z0-9_-]+)$/.exec(url)![1]!;

describeServer("hosted pages: extend, pre-cancel, voucher, events", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const portal = (token: string, method: string, path: string, body?: unknown) =>
    t.server.request(method, `/portal/api/hosted_page${path}`, {
      key: token,
      ...(body === undefined ? {} : { body }),
    });
  const pageCount = async () => (await api.get("/v1/hosted_pages?limit=100")).data.length;

  beforeAll(async () => {
    api = await billingTenant(t.server, "Retention", "2026-03-10T09:00:00Z");
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
    const { plan } = await api.plan({}, { tax_policy_id: policy.id });
    // monthly terms: a cancellation ends the contract at the end of the current month's term
    ids.m = await api.variant(plan, {
      internal_name: "M",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
      contract_period: { unit: "month", count: 1 },
    });
    ids.customer = await api.customer({ company_name: "Kunde", address: { country: "DE" } });
  });

  it("extend_subscription: a contract that ends runs two billing periods longer, through change term end", async () => {
    const contract = await api.signup(ids.customer!, ids.m!);
    await api.run();
    const renewing = await api.request("POST", "/v1/hosted_pages/extend_subscription", {
      contract_id: contract,
      billing_cycles: 2,
    });
    expect([renewing.status, renewing.body.error.code]).toEqual([409, "contract_renews"]);
    // the contract signed up on 10 March 09:00 is cancelled: it ends with its first term
    await api.post(`/v1/contracts/${contract}/end`, { end_date: "2026-04-10T09:00:00Z" });
    const before = await pageCount();
    const neither = await api.request("POST", "/v1/hosted_pages/extend_subscription", {
      contract_id: contract,
    });
    expect([neither.status, neither.body.error.code]).toEqual([
      422,
      "hosted_page_extension_required",
    ]);
    const past = await api.request("POST", "/v1/hosted_pages/extend_subscription", {
      contract_id: contract,
      term_end: "2026-03-01T00:00:00Z",
    });
    expect([past.status, past.body.error.code]).toEqual([422, "term_end_in_past"]);
    expect(await pageCount()).toBe(before);

    const page = await api.post("/v1/hosted_pages/extend_subscription", {
      contract_id: contract,
      billing_cycles: 2,
    });
    expect(page).toMatchObject({
      type: "extend_subscription",
      state: "created",
      contract_id: contract,
      customer_id: ids.customer,
    });
    const token = tokenOf(page.url);
    expect((await portal(token, "POST", "/open")).body.page.state).toBe("requested");
    const wrong = await portal(token, "POST", "/pre_cancel", { decision: "stay" });
    expect([wrong.status, wrong.body.error.code]).toEqual([409, "hosted_page_wrong_type"]);
    const done = await portal(token, "POST", "/extend");
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    // it ended on 10 April 09:00; two monthly billing periods later: 10 June 09:00
    expect(done.body).toMatchObject({
      state: "succeeded",
      content: {
        contract_id: contract,
        previous_term_end: "2026-04-10T09:00:00Z",
        term_end: "2026-06-10T09:00:00Z",
      },
    });
    expect((await api.get(`/v1/contracts/${contract}`)).end_date).toBe("2026-06-10T09:00:00Z");
    const again = await portal(token, "POST", "/extend");
    expect([again.status, again.body.error.code]).toEqual([409, "hosted_page_not_open"]);
  });

  it("pre_cancel: a customer who stays changes nothing; one who cancels ends as the portal's cancellation does", async () => {
    const contract = await api.signup(ids.customer!, ids.m!);
    await api.run();
    const stay = await api.post("/v1/hosted_pages/pre_cancel", {
      contract_id: contract,
      offer: "Two months at half price",
    });
    expect(stay.input.offer).toBe("Two months at half price");
    const stayed = await portal(tokenOf(stay.url), "POST", "/pre_cancel", {
      decision: "stay",
      reason: "the offer",
    });
    expect(stayed.status, JSON.stringify(stayed.body)).toBe(200);
    expect(stayed.body.content).toEqual({
      decision: "stay",
      reason: "the offer",
      contract_id: contract,
    });
    expect((await api.get(`/v1/contracts/${contract}`)).end_date).toBeNull();

    const { end_date } = await api.get(`/v1/contracts/${contract}/cancellation_preview`);
    // monthly terms from 10 March 09:00, no notice period: the first term's end, 10 April 09:00
    expect(end_date).toBe("2026-04-10T09:00:00Z");
    const leave = await api.post("/v1/hosted_pages/pre_cancel", { contract_id: contract });
    const left = await portal(tokenOf(leave.url), "POST", "/pre_cancel", {
      decision: "cancel",
      reason: "too expensive",
    });
    expect(left.status, JSON.stringify(left.body)).toBe(200);
    expect(left.body.content).toMatchObject({ decision: "cancel", end_date });
    expect((await api.get(`/v1/contracts/${contract}`)).end_date).toBe(end_date);
    // it ends there already: another pre-cancel page would change nothing
    const late = await api.request("POST", "/v1/hosted_pages/pre_cancel", {
      contract_id: contract,
    });
    expect([late.status, late.body.error.code]).toEqual([409, "contract_already_ending"]);

    // a page that cancels now ends the contract (from 1 March) at the tenant's now
    const other = await api.signup(ids.customer!, ids.m!, { start_date: "2026-03-01T00:00:00Z" });
    const now = await api.post("/v1/hosted_pages/pre_cancel", {
      contract_id: other,
      end_of_term: false,
    });
    const ended = await portal(tokenOf(now.url), "POST", "/pre_cancel", { decision: "cancel" });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body.content.end_date).toBe("2026-03-10T09:00:00Z");
  });

  it("view_voucher: the voucher of an issued invoice still owed, with an RF payment reference", async () => {
    const invoice = await api.post("/v1/invoices", {
      customer_id: ids.customer,
      currency: "EUR",
      lines: [{ description: "Setup", quantity: "1", unit_price: "100" }],
    });
    // 100.00 net + VAT 19 % 19.00 = 119.00
    expect(invoice.total_gross).toBe("119.00");
    const page = await api.post("/v1/hosted_pages/view_voucher", {
      invoice_id: invoice.id,
      due_date: "2026-03-20",
    });
    expect(page).toMatchObject({
      type: "view_voucher",
      invoice_id: invoice.id,
      customer_id: ids.customer,
      voucher: {
        invoice_id: invoice.id,
        invoice_number: invoice.number,
        amount: "119.00",
        currency: "EUR",
        due_date: "2026-03-20",
      },
    });
    const { reference } = page.voucher;
    expect(reference).toMatch(/^RF\d{2}[A-Z2-9]{12}$/);
    // the customer sees the voucher on the page
    const seen = await portal(tokenOf(page.url), "POST", "/open");
    expect(seen.body.page.voucher.reference).toBe(reference);
    // part of it arrives by transfer quoting the reference: a new voucher shows the rest
    await api.post(`/v1/invoices/${invoice.id}/record_payment`, {
      amount: "50",
      payment_method: "bank_transfer",
      reference,
    });
    const rest = await api.post("/v1/hosted_pages/view_voucher", { invoice_id: invoice.id });
    // 119.00 − 50.00 = 69.00, to pay by the invoice's own due date (issued 10 March, 14 days)
    expect(invoice.due_date).toBe("2026-03-24");
    expect([rest.voucher.amount, rest.voucher.due_date]).toEqual(["69.00", "2026-03-24"]);
    expect(rest.voucher.reference).not.toBe(reference);
    await api.post(`/v1/invoices/${invoice.id}/record_payment`, {
      payment_method: "bank_transfer",
      reference: rest.voucher.reference,
    });
    const settled = await api.request("POST", "/v1/hosted_pages/view_voucher", {
      invoice_id: invoice.id,
    });
    expect([settled.status, settled.body.error.code]).toEqual([409, "invoice_settled"]);
    const draft = await api.post("/v1/invoices", {
      customer_id: ids.customer,
      currency: "EUR",
      draft: true,
      lines: [{ description: "Extra", quantity: "1", unit_price: "10" }],
    });
    const notIssued = await api.request("POST", "/v1/hosted_pages/view_voucher", {
      invoice_id: draft.id,
    });
    expect([notIssued.status, notIssued.body.error.code]).toEqual([422, "invoice_not_open"]);
  });

  it("events are recorded on a page, listed with it, and scoped to the tenant", async () => {
    const contract = await api.signup(ids.customer!, ids.m!);
    const page = await api.post("/v1/hosted_pages/pre_cancel", { contract_id: contract });
    expect(page.events).toEqual([]);
    const first = await api.post(`/v1/hosted_pages/${page.id}/events`, {
      event_name: "cancellation_page_loaded",
    });
    expect(first.events).toEqual([
      {
        event_name: "cancellation_page_loaded",
        occurred_at: "2026-03-10T09:00:00.000Z",
        data: {},
        recorded_at: "2026-03-10T09:00:00.000Z",
      },
    ]);
    await api.post(`/v1/hosted_pages/${page.id}/events`, {
      event_name: "offer_shown",
      occurred_at: "2026-03-10T08:59:30Z",
      data: { offer: "half price" },
    });
    const listed = (await api.get(`/v1/hosted_pages?customer_id=${ids.customer}&limit=100`)).data;
    const mine = listed.find((p: any) => p.id === page.id);
    expect(mine.events.map((e: any) => [e.event_name, e.occurred_at, e.data])).toEqual([
      ["cancellation_page_loaded", "2026-03-10T09:00:00.000Z", {}],
      ["offer_shown", "2026-03-10T08:59:30.000Z", { offer: "half price" }],
    ]);
    const bad = await api.request("POST", `/v1/hosted_pages/${page.id}/events`, {
      event_name: "Not An Event",
    });
    expect(bad.status).toBe(400);
    const other = await billingTenant(t.server, "Elsewhere", "2026-03-10T09:00:00Z");
    const foreign = await other.request("POST", `/v1/hosted_pages/${page.id}/events`, {
      event_name: "cancellation_page_loaded",
    });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, "hosted_page_not_found"]);
    expect((await api.get(`/v1/hosted_pages/${page.id}`)).events).toHaveLength(2);
  });
});
