/**
 * Invoice operations over HTTP: updating an invoice's details (draft and issued), deleting a
 * draft, and stopping dunning; their refusals (4xx with a machine code, nothing written),
 * idempotency, permissions and tenant isolation.
 */
import { inflateSync } from "node:zlib";
import { beforeAll, expect, it } from "vitest";
import { describeServer, type RequestOptions } from "../server.js";

describeServer("invoice operations", (t) => {
  const ids: Record<string, string> = {};
  const call = (method: string, path: string, options: RequestOptions = {}) =>
    t.server.request(method, path, options);
  const invoice = async (id: string) => (await t.server.must("GET", `/v1/invoices/${id}`)) as any;
  /** Events of a type about one subject, oldest first (the list answers newest first). */
  const events = async (type: string, subject: string) =>
    (await t.server.must("GET", `/v1/events?type=${type}&limit=100`)).data
      .filter((e: any) => (e.data ?? e.payload).id === subject)
      .map((e: any) => e.data ?? e.payload)
      .reverse();
  const footprint = async () => {
    const count = async (table: "audit_events" | "outbox_events") =>
      (
        await t.server.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("tenant_id", "=", t.server.tenant.tenant_id)
          .executeTakeFirstOrThrow()
      ).n;
    return `${await count("audit_events")}/${await count("outbox_events")}`;
  };

  // three contracts at 30.00 a month: one issued invoice, one draft, one paid invoice
  beforeAll(async () => {
    const s = t.server;
    await s.must("POST", "/v1/test_clock", { frozen_time: "2026-01-01T00:00:00Z" });
    const group = await s.must("POST", "/v1/plan_groups", {
      name: "G",
      currency: "EUR",
      price_type: "net",
    });
    const plan = await s.must("POST", "/v1/plans", { plan_group_id: group.id, name: "Plan" });
    const variant = await s.must("POST", "/v1/plan_variants", {
      plan_id: plan.id,
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    const signup = async (name: string) => {
      const customer = await s.must("POST", "/v1/customers", {
        company_name: name,
        email: "ap@x.example",
        time_zone: "UTC",
        address: { line1: "1 Old Road", postal_code: "10115", city: "Berlin", country: "DE" },
      });
      const order = await s.must("POST", "/v1/orders", {
        customer_id: customer.id,
        plan_variant_id: variant.id,
      });
      await s.must("POST", `/v1/orders/${order.id}/commit`);
      return { customer: customer.id as string, contract: order.contract_id as string };
    };
    const issued = await signup("Issued Ltd");
    ids.issued = (await s.must("POST", `/v1/contracts/${issued.contract}/settle`)).invoice.id;
    ids.issuedCustomer = issued.customer;
    const draft = await signup("Draft Ltd");
    ids.draftContract = draft.contract;
    await s.must("POST", `/v1/contracts/${draft.contract}/rated_items`, {
      description: "Setup work",
      quantity: "3",
      price_per_unit: "12.5",
    });
    ids.draft = (
      await s.must("POST", `/v1/contracts/${draft.contract}/settle`, { draft: true })
    ).invoice.id;
    const paid = await signup("Paid Ltd");
    ids.paid = (await s.must("POST", `/v1/contracts/${paid.contract}/settle`)).invoice.id;
    await s.must("POST", "/v1/payments", {
      customer_id: paid.customer,
      amount: "30.00",
      currency: "EUR",
      method: "offline",
    });
    // a credit note (for part of the paid invoice) and a void invoice
    const paidInvoice = await invoice(ids.paid!);
    ids.creditNote = (
      await s.must("POST", `/v1/invoices/${ids.paid}/credit_notes`, {
        lines: [{ line_id: paidInvoice.lines[0].id, amount: "5" }],
      })
    ).id;
    const voided = await signup("Void Ltd");
    ids.void = (await s.must("POST", `/v1/contracts/${voided.contract}/settle`)).invoice.id;
    await s.must("POST", `/v1/invoices/${ids.void}/void`);
  });

  it("the fixture: an issued invoice owing 30.00, a draft of 67.50, a paid invoice", async () => {
    expect(await invoice(ids.issued!)).toMatchObject({
      status: "finalized",
      number: "INV-000001",
      total_gross: "30.00",
      po_number: null,
      notes: null,
      dunning_stopped_at: null,
    });
    // 30.00 for January and 3 × 12.50 of setup work
    expect(await invoice(ids.draft!)).toMatchObject({
      status: "draft",
      number: null,
      total_gross: "67.50",
    });
  });

  // ---- update details ----------------------------------------------------------------------

  it("a draft's details change, and stay when it is issued", async () => {
    const res = await call("POST", `/v1/invoices/${ids.draft}/update_details`, {
      body: {
        po_number: "PO-4711",
        notes: "Thank you for your business.",
        billing_address: { line1: "2 New Street", postal_code: "80331", city: "Munich" },
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: "draft",
      number: null,
      total_gross: "67.50",
      po_number: "PO-4711",
      notes: "Thank you for your business.",
      // the address shown is replaced whole: no country any more
      recipient: {
        name: "Draft Ltd",
        address: { line1: "2 New Street", postal_code: "80331", city: "Munich" },
      },
    });
    expect(res.body.recipient.address).not.toHaveProperty("country");
  });

  it("an issued invoice's details change; its number, dates, lines and amounts do not", async () => {
    const before = await invoice(ids.issued!);
    const res = await call("POST", `/v1/invoices/${ids.issued}/update_details`, {
      body: { po_number: "PO-1", notes: "Net 14." },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ po_number: "PO-1", notes: "Net 14." });
    for (const key of [
      "number",
      "issue_date",
      "due_date",
      "total_net",
      "total_tax",
      "total_gross",
      "tax_rows",
      "lines",
      "sender",
      "recipient",
      "finalized_at",
    ]) {
      expect(res.body[key], key).toEqual(before[key]);
    }
    // null removes a field; what is not named stays
    const cleared = await call("POST", `/v1/invoices/${ids.issued}/update_details`, {
      body: { po_number: null },
    });
    expect(cleared.body).toMatchObject({ po_number: null, notes: "Net 14." });
    const updated = await events("invoice.updated", ids.issued!);
    expect(updated.map((e: any) => [e.po_number, e.notes])).toEqual([
      ["PO-1", "Net 14."],
      [null, "Net 14."],
    ]);
    const audit = (
      await t.server.must(
        "GET",
        `/v1/audit_events?target_id=${ids.issued}&operation=invoices.update_details`,
      )
    ).data;
    expect(audit[0]).toMatchObject({
      before: { po_number: "PO-1", notes: "Net 14." },
      after: { po_number: null, notes: "Net 14." },
    });
  });

  it("the PDF shows what the details say", async () => {
    await call("POST", `/v1/invoices/${ids.issued}/update_details`, {
      body: { po_number: "PO-PDF-1" },
    });
    const pdf = await fetch(`${t.server.url}/v1/invoices/${ids.issued}/pdf`, {
      headers: { authorization: `Bearer ${t.server.tenant.api_key}` },
    });
    expect(pdf.status).toBe(200);
    // pdfkit writes each printed line as hex in a compressed page stream
    const hex = Buffer.from("PO-PDF-1", "latin1").toString("hex");
    const text = Buffer.from(await pdf.arrayBuffer()).toString("latin1");
    const streams = [...text.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((m) => {
      try {
        return inflateSync(Buffer.from(m[1]!, "latin1")).toString("latin1");
      } catch {
        return "";
      }
    });
    expect(streams.some((s) => s.includes(`<${hex}>`))).toBe(true);
  });

  it("update details: bad input is 400, a void invoice or a credit note is 422, nothing written", async () => {
    const before = await footprint();
    const cases: [string, unknown, number, string][] = [
      [ids.issued!, {}, 400, "validation_failed"],
      [ids.issued!, { number: "INV-9" }, 400, "validation_failed"],
      [ids.issued!, { po_number: "x".repeat(101) }, 400, "validation_failed"],
      [ids.issued!, { notes: 5 }, 400, "validation_failed"],
      [ids.issued!, { billing_address: { country: "Germany" } }, 400, "validation_failed"],
      [ids.issued!, { billing_address: { planet: "Mars" } }, 400, "validation_failed"],
      [ids.void!, { po_number: "PO" }, 422, "invoice_void"],
      [ids.creditNote!, { po_number: "PO" }, 422, "document_not_invoice"],
      ["inv_unknown", { po_number: "PO" }, 404, "invoice_not_found"],
    ];
    for (const [id, body, status, code] of cases) {
      const res = await call("POST", `/v1/invoices/${id}/update_details`, { body });
      expect([res.status, res.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await footprint()).toBe(before);
  });

  // ---- delete a draft ----------------------------------------------------------------------

  it("an issued, void or unknown invoice or a credit note is not deleted", async () => {
    const before = await footprint();
    for (const [id, status, code] of [
      [ids.issued!, 422, "invoice_not_draft"],
      [ids.void!, 422, "invoice_not_draft"],
      [ids.creditNote!, 422, "document_not_invoice"],
      ["inv_unknown", 404, "invoice_not_found"],
    ] as const) {
      const res = await call("DELETE", `/v1/invoices/${id}`);
      expect([res.status, res.body?.error?.code], id).toEqual([status, code]);
    }
    expect(await footprint()).toBe(before);
    expect((await invoice(ids.issued!)).status).toBe("finalized");
  });

  it("a draft is deleted, once (the same key answers the same); what it billed is unbilled", async () => {
    const rated = async () =>
      (await t.server.must("GET", `/v1/contracts/${ids.draftContract}/rated_items`)).data[0];
    expect(await rated()).toMatchObject({ billed: true, invoice_id: ids.draft });
    const headers = { "idempotency-key": "delete-draft-1" };
    const res = await call("DELETE", `/v1/invoices/${ids.draft}`, { headers });
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    const replay = await call("DELETE", `/v1/invoices/${ids.draft}`, { headers });
    expect(replay.status).toBe(204);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const again = await call("DELETE", `/v1/invoices/${ids.draft}`);
    expect([again.status, again.body.error.code]).toEqual([404, "invoice_not_found"]);
    expect((await call("GET", `/v1/invoices/${ids.draft}`)).status).toBe(404);
    expect(await rated()).toMatchObject({ billed: false, invoice_id: null });
    const deleted = await events("invoice.deleted", ids.draft!);
    expect(deleted).toMatchObject([{ id: ids.draft, status: "draft", total_gross: "67.50" }]);
    const audit = (await t.server.must("GET", `/v1/audit_events?target_id=${ids.draft}`)).data;
    expect(audit[0]).toMatchObject({
      operation: "invoices.delete",
      before: { id: ids.draft, status: "draft" },
      after: null,
      idempotency_key: "delete-draft-1",
    });
    // settling bills the same again, as a draft with the same figures
    const settled = await t.server.must("POST", `/v1/contracts/${ids.draftContract}/settle`, {
      draft: true,
    });
    expect(settled.invoice).toMatchObject({ status: "draft", total_gross: "67.50" });
    expect(await rated()).toMatchObject({ billed: true, invoice_id: settled.invoice.id });
  });

  // ---- stop dunning ------------------------------------------------------------------------

  it("stop dunning: a draft, a void, a paid invoice, a credit note are refused, nothing written", async () => {
    const draft = (
      await t.server.must("GET", `/v1/invoices?contract_id=${ids.draftContract}&status=draft`)
    ).data[0].id;
    const before = await footprint();
    for (const [id, status, code] of [
      [draft, 422, "invoice_not_open"],
      [ids.void!, 422, "invoice_not_open"],
      [ids.paid!, 422, "invoice_settled"],
      [ids.creditNote!, 422, "document_not_invoice"],
      ["inv_unknown", 404, "invoice_not_found"],
    ] as const) {
      const res = await call("POST", `/v1/invoices/${id}/stop_dunning`);
      expect([res.status, res.body.error?.code], id).toEqual([status, code]);
    }
    expect(await footprint()).toBe(before);
  });

  it("stop dunning marks an owing invoice once; what it owes stays", async () => {
    const headers = { "idempotency-key": "stop-dunning-1" };
    const res = await call("POST", `/v1/invoices/${ids.issued}/stop_dunning`, { headers });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: ids.issued,
      status: "finalized",
      dunning_stopped_at: "2026-01-01T00:00:00.000Z",
    });
    const replay = await call("POST", `/v1/invoices/${ids.issued}/stop_dunning`, { headers });
    expect(replay.body).toEqual(res.body);
    const again = await call("POST", `/v1/invoices/${ids.issued}/stop_dunning`);
    expect([again.status, again.body.error.code]).toEqual([422, "dunning_stopped"]);
    expect(again.body.error.details).toMatchObject({
      dunning_stopped_at: "2026-01-01T00:00:00.000Z",
    });
    expect(await events("invoice.dunning_stopped", ids.issued!)).toMatchObject([
      { id: ids.issued, due: "30.00", dunning_stopped_at: "2026-01-01T00:00:00.000Z" },
    ]);
    const balance = await t.server.must("GET", `/v1/customers/${ids.issuedCustomer}/balance`);
    expect(balance.open_invoices).toMatchObject([{ invoice_id: ids.issued, due: "30.00" }]);
  });

  // ---- credentials ---------------------------------------------------------------------------

  it("another tenant's key: 404 on each, nothing changed", async () => {
    const other = await t.server.createTenant("Other invoices");
    const before = await invoice(ids.issued!);
    for (const [method, path, body] of [
      ["POST", `/v1/invoices/${ids.issued}/update_details`, { po_number: "HACK" }],
      ["DELETE", `/v1/invoices/${ids.issued}`, undefined],
      ["POST", `/v1/invoices/${ids.paid}/stop_dunning`, undefined],
    ] as const) {
      const res = await call(method, path, {
        key: other.api_key,
        ...(body ? { body } : {}),
      });
      expect([res.status, res.body.error.code], path).toEqual([404, "invoice_not_found"]);
    }
    expect(await invoice(ids.issued!)).toEqual(before);
  });

  it("a read-only key may not; the finance role may", async () => {
    const keyWith = async (role: string) =>
      (await t.server.must("POST", "/v1/api_keys", { name: role, roles: [role] })).secret;
    const readOnly = await keyWith("read_only");
    const denied = await call("POST", `/v1/invoices/${ids.issued}/update_details`, {
      key: readOnly,
      body: { notes: "x" },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.details.required_any_of).toEqual(["invoices:write"]);
    const stop = await call("POST", `/v1/invoices/${ids.issued}/stop_dunning`, { key: readOnly });
    expect(stop.body.error.details.required_any_of).toEqual(["payments:write"]);
    const del = await call("DELETE", `/v1/invoices/${ids.issued}`, { key: readOnly });
    expect(del.status).toBe(403);
    const finance = await keyWith("finance");
    const allowed = await call("POST", `/v1/invoices/${ids.issued}/update_details`, {
      key: finance,
      body: { notes: "By finance" },
    });
    expect([allowed.status, allowed.body.notes]).toEqual([200, "By finance"]);
  });
});
