/**
 * Deleting a draft credit note and recording an offline refund of a credit note over HTTP:
 * what each refuses (4xx with a machine code, nothing written), and idempotent retries.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("credit note operations", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const refund = (note: string, body?: unknown) =>
    api.request("POST", `/v1/credit_notes/${note}/record_refund`, body);
  const credit = async (invoice: string, amount: string, draft = false) => {
    const inv = await api.get(`/v1/invoices/${invoice}`);
    return api.post(`/v1/invoices/${invoice}/credit_notes`, {
      lines: [{ line_id: inv.lines[0].id, amount }],
      ...(draft ? { draft: true } : {}),
    });
  };
  const balance = async (customer: string) =>
    (await api.get(`/v1/customers/${customer}/balance`)).balances[0]?.balance;

  // A: an invoice of 30.00 paid in full; B: an invoice of 30.00 not paid
  beforeAll(async () => {
    api = await billingTenant(t.server, "Credit note rules", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    const monthly = { fee_period: { unit: "month", count: 1 } };
    const v30 = await api.variant(plan, { internal_name: "S", recurring_fee: "30", ...monthly });
    ids.a = await api.customer();
    ids.b = await api.customer();
    const ka = await api.signup(ids.a, v30);
    const kb = await api.signup(ids.b, v30);
    await api.run();
    ids.invoiceA = (await api.invoices(ka))[0].id;
    ids.invoiceB = (await api.invoices(kb))[0].id;
    await api.post(`/v1/invoices/${ids.invoiceA}/record_payment`, {});
  });

  it("deletes a draft credit note only: an issued one, an invoice and unknown ids are refused", async () => {
    const draft = await credit(ids.invoiceB!, "5.00", true);
    expect([draft.kind, draft.status, draft.number]).toEqual(["credit_note", "draft", null]);
    // a draft credits nothing
    expect((await api.get(`/v1/customers/${ids.b}/balance`)).open_invoices[0].due).toBe("30.00");
    const issued = await credit(ids.invoiceB!, "1.00");
    const cases: [string, number, string][] = [
      [issued.id, 422, "credit_note_not_draft"],
      [ids.invoiceB!, 422, "document_not_credit_note"],
      ["invoice_nope", 404, "invoice_not_found"],
    ];
    for (const [id, status, code] of cases) {
      const res = await api.request("DELETE", `/v1/credit_notes/${id}`);
      expect([res.status, res.body.error.code], id).toEqual([status, code]);
    }
    const { secret } = await api.post("/v1/api_keys", { name: "retry", roles: ["admin"] });
    const send = () =>
      t.server.request("DELETE", `/v1/credit_notes/${draft.id}`, {
        key: secret,
        headers: { "idempotency-key": "cn-del-1" },
      });
    expect((await send()).status).toBe(204);
    expect((await send()).status).toBe(204);
    expect((await api.request("GET", `/v1/invoices/${draft.id}`)).status).toBe(404);
    // the line is creditable in full again, less the issued 1.00
    expect((await api.get(`/v1/customers/${ids.b}/balance`)).open_invoices[0].due).toBe("29.00");
    const again = await api.request("DELETE", `/v1/credit_notes/${draft.id}`);
    expect([again.status, again.body.error.code]).toEqual([404, "invoice_not_found"]);
  });

  it("refuses refunds of drafts, invoices, unused credit notes and beyond what is left", async () => {
    const used = await api.post(`/v1/invoices/${ids.invoiceB}/credit_notes`, {
      lines: [
        { line_id: (await api.get(`/v1/invoices/${ids.invoiceB}`)).lines[0].id, amount: "2.00" },
      ],
    });
    const draft = await credit(ids.invoiceA!, "1.00", true);
    const cases: [string, unknown, number, string][] = [
      [used.id, {}, 422, "refund_exceeds_credit_note"], // B's invoice used all of it
      [draft.id, {}, 422, "credit_note_not_refundable"],
      [ids.invoiceA!, {}, 422, "document_not_credit_note"],
      ["invoice_nope", {}, 404, "invoice_not_found"],
      [used.id, { amount: "-1" }, 400, "validation_failed"],
    ];
    for (const [id, body, status, code] of cases) {
      const res = await refund(id, body);
      expect([res.status, res.body.error.code], id).toEqual([status, code]);
    }
    await api.request("DELETE", `/v1/credit_notes/${draft.id}`);
    const note = await credit(ids.invoiceA!, "10.00");
    const over = await refund(note.id, { amount: "10.01" });
    expect([over.status, over.body.error.code, over.body.error.details?.refundable]).toEqual([
      422,
      "refund_exceeds_credit_note",
      "10.00",
    ]);
    const zero = await refund(note.id, { amount: "0.00" });
    expect([zero.status, zero.body.error.code]).toEqual([422, "invalid_amount"]);
    expect(await balance(ids.a!)).toBe("-10.00");
    expect((await api.get(`/v1/payments?customer_id=${ids.a}`)).data).toHaveLength(1);
    ids.noteA = note.id;
  });

  it("refunds part, then the rest with a retried key writing once; then nothing is left", async () => {
    const part = await refund(ids.noteA!, { amount: "4.00", reference: "BT-1" });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({
      credit_note_id: ids.noteA,
      invoice_id: ids.invoiceA,
      total: "10.00",
      refunded: "4.00",
      refundable: "6.00",
    });
    expect(part.body.refunds).toHaveLength(1);
    expect(part.body.refunds[0]).toMatchObject({ kind: "refund", amount: "4.00" });
    const { secret } = await api.post("/v1/api_keys", { name: "retry2", roles: ["admin"] });
    const send = () =>
      t.server.request("POST", `/v1/credit_notes/${ids.noteA}/record_refund`, {
        key: secret,
        body: {},
        headers: { "idempotency-key": "cn-ref-1" },
      });
    const first = await send();
    const retry = await send();
    expect(retry.body).toEqual(first.body);
    expect(first.body).toMatchObject({ refunded: "10.00", refundable: "0.00" });
    expect((await api.get(`/v1/payments?customer_id=${ids.a}`)).data).toHaveLength(3);
    const more = await refund(ids.noteA!, {});
    expect([more.status, more.body.error.code]).toEqual([422, "refund_exceeds_credit_note"]);
    expect(await balance(ids.a!)).toBe("0.00");
    // refunded: the credit note can no longer be voided
    const voided = await api.request("POST", `/v1/invoices/${ids.noteA}/void`);
    expect([voided.status, voided.body.error.code]).toEqual([422, "invoice_has_payments"]);
  });
});
