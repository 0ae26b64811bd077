/**
 * Invoices of charges entered by hand, over HTTP: a German seller with 19 % VAT invoices a
 * German customer for a workshop (2 × 150.00 net) at once; a draft gains a charge and loses
 * one before it is issued; lines billing wrote are never removed one by one. Totals derived
 * by hand: 300.00 net + 57.00 VAT = 357.00.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("invoices of one-off charges", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await billingTenant(t.server, "One-off invoices", "2026-03-10T09:00:00Z");
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
    ids.customer = await api.customer({ company_name: "Kunde", address: { country: "DE" } });
  });

  it("issues an invoice of hand-entered charges at once, taxed as the customer is", async () => {
    const res = await api.request("POST", "/v1/invoices", {
      customer_id: ids.customer,
      currency: "EUR",
      lines: [{ description: "Workshop day", unit_price: "150", quantity: "2" }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: "invoice",
      status: "finalized",
      customer_id: ids.customer,
      contract_id: null,
      total_net: "300.00",
      total_tax: "57.00",
      total_gross: "357.00",
    });
    expect(res.body.number).toMatch(/\d{6}$/);
    expect(res.body.lines).toEqual([
      expect.objectContaining({
        kind: "charge",
        charge_key: null,
        description: "Workshop day",
        quantity: "2",
        amount: "300.00",
        tax_rate: "19",
      }),
    ]);
    const balance = await api.get(`/v1/customers/${ids.customer}/balance`);
    expect(balance.open_invoices.map((i: any) => i.due)).toEqual(["357.00"]);
  });

  it("a draft gains and loses charges, then is issued with the totals its lines add up to", async () => {
    const draft = await api.post("/v1/invoices", {
      customer_id: ids.customer,
      currency: "EUR",
      draft: true,
      lines: [
        { description: "Setup", unit_price: "100" },
        { description: "Travel", unit_price: "40.50" },
      ],
    });
    expect([draft.status, draft.number, draft.total_gross]).toEqual(["draft", null, "167.20"]);
    const added = await api.post(`/v1/invoices/${draft.id}/add_charge`, {
      description: "Extra hour",
      unit_price: "80",
      period_start: "2026-03-09",
      period_end: "2026-03-10",
    });
    // 220.50 net + 41.90 VAT (19 % of 220.50 = 41.895, rounded half away from zero)
    expect([added.total_net, added.total_tax, added.total_gross]).toEqual([
      "220.50",
      "41.90",
      "262.40",
    ]);
    expect(added.lines.map((l: any) => l.position)).toEqual([1, 2, 3]);
    const travel = added.lines.find((l: any) => l.description === "Travel").id;
    const removed = await api.post(`/v1/invoices/${draft.id}/delete_line_items`, {
      line_ids: [travel],
    });
    expect([removed.total_net, removed.total_gross]).toEqual(["180.00", "214.20"]);
    const issued = await api.post(`/v1/invoices/${draft.id}/finalize`);
    expect([issued.status, issued.total_gross]).toEqual(["finalized", "214.20"]);
    const late = await api.request("POST", `/v1/invoices/${draft.id}/add_charge`, {
      description: "Too late",
      unit_price: "1",
    });
    expect([late.status, late.body.error.code]).toEqual([422, "invoice_not_draft"]);
  });

  it("refuses what would leave a draft wrong, and writes nothing", async () => {
    const { plan } = await api.plan();
    const variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    const contract = await api.signup(ids.customer!, variant);
    const settled = await api.post(`/v1/contracts/${contract}/settle`, { draft: true });
    const draft = settled.invoice;
    const billed = await api.request("POST", `/v1/invoices/${draft.id}/delete_line_items`, {
      line_ids: [draft.lines[0].id],
    });
    expect([billed.status, billed.body.error.code]).toEqual([422, "line_not_removable"]);
    const manual = await api.post(`/v1/invoices/${draft.id}/add_charge`, {
      description: "Onboarding",
      unit_price: "20",
    });
    const cases: [unknown, number, string][] = [
      [{ line_ids: ["inl_none"] }, 422, "unknown_invoice_line"],
      [{ line_ids: [] }, 400, "validation_failed"],
    ];
    for (const [body, status, code] of cases) {
      const res = await api.request("POST", `/v1/invoices/${draft.id}/delete_line_items`, body);
      expect([res.status, res.body.error.code]).toEqual([status, code]);
    }
    const only = await api.post("/v1/invoices", {
      customer_id: ids.customer,
      currency: "EUR",
      draft: true,
      lines: [{ description: "One", unit_price: "1" }],
    });
    const last = await api.request("POST", `/v1/invoices/${only.id}/delete_line_items`, {
      line_ids: [only.lines[0].id],
    });
    expect([last.status, last.body.error.code]).toEqual([422, "invoice_needs_lines"]);
    const zero = await api.request("POST", "/v1/invoices", {
      customer_id: ids.customer,
      currency: "EUR",
      lines: [{ description: "Free", unit_price: "0" }],
    });
    expect([zero.status, zero.body.error.code]).toEqual([422, "invalid_amount"]);
    const unknown = await api.request("POST", "/v1/invoices", {
      customer_id: "cus_nope",
      currency: "EUR",
      lines: [{ description: "X", unit_price: "1" }],
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, "unknown_customer"]);
    // the contract's draft still holds its billed line and the hand-entered one
    const after = await api.get(`/v1/invoices/${draft.id}`);
    expect(after.lines.map((l: any) => l.id)).toEqual([
      ...draft.lines.map((l: any) => l.id),
      manual.lines.at(-1).id,
    ]);
  });

  it("imports another system's invoice and credit note with their numbers, dates and totals", async () => {
    const body = {
      kind: "invoice",
      customer_id: ids.customer,
      number: "OLD-1001",
      currency: "EUR",
      issue_date: "2025-11-01",
      lines: [
        { description: "Legacy plan, November", unit_price: "50", quantity: "2", tax_rate: "19" },
      ],
      total_gross: "119.00",
    };
    const res = await api.request("POST", "/v1/invoices/import", body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: "invoice",
      status: "finalized",
      number: "OLD-1001",
      issue_date: "2025-11-01",
      total_net: "100.00",
      total_tax: "19.00",
      total_gross: "119.00",
      credits_applied: "0.00",
    });
    expect(res.body.due_date > "2025-11-01").toBe(true);
    const again = await api.request("POST", "/v1/invoices/import", body);
    expect([again.status, again.body.error.code]).toEqual([409, "document_number_taken"]);
    const wrong = await api.request("POST", "/v1/invoices/import", {
      ...body,
      number: "OLD-1002",
      total_gross: "119.01",
    });
    expect([wrong.status, wrong.body.error.code, wrong.body.error.details.computed]).toEqual([
      422,
      "import_total_mismatch",
      "119.00",
    ]);
    const note = await api.post("/v1/invoices/import", {
      kind: "credit_note",
      customer_id: ids.customer,
      number: "OLD-CN-7",
      currency: "EUR",
      issue_date: "2025-11-20",
      corrects_invoice_id: res.body.id,
      lines: [{ description: "Goodwill", unit_price: "10", tax_rate: "19" }],
      total_gross: "11.90",
    });
    expect([note.kind, note.number, note.total_gross, note.due_date]).toEqual([
      "credit_note",
      "OLD-CN-7",
      "-11.90",
      null,
    ]);
    const open = (await api.get(`/v1/customers/${ids.customer}/balance`)).open_invoices;
    expect(open.find((i: any) => i.invoice_id === res.body.id).due).toBe("107.10");
    // Accrue's own numbering goes on where it was
    const own = await api.post("/v1/invoices", {
      customer_id: ids.customer,
      currency: "EUR",
      lines: [{ description: "Now", unit_price: "1" }],
    });
    expect(own.number).not.toMatch(/^OLD/);
  });
});
