/**
 * A credit note's unused credit applied to the next invoice, on a test clock, derived by hand:
 * January's invoice of 30.00 EUR (no tax) is paid in full and credited by 10.00 on 10 January,
 * so January is overpaid by 10.00; February's invoice of 30.00 receives that credit. The
 * customer's balance never moves when credit moves between invoices; what each invoice owes
 * does. A second customer whose credited invoice is unpaid has no credit to give.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("credit notes applied to other invoices", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const state = async (customer = ids.customer!) => {
    const b = await api.get(`/v1/customers/${customer}/balance`);
    return {
      balance: b.balances[0].balance,
      open: Object.fromEntries(b.open_invoices.map((i: any) => [i.invoice_id, i.due])),
    };
  };
  const post = (invoice: string, action: string, body?: unknown) =>
    api.request("POST", `/v1/invoices/${invoice}/${action}`, body);
  const credit = async (invoice: any, amount: string) =>
    (
      await api.post(`/v1/invoices/${invoice.id}/credit_notes`, {
        lines: [{ line_id: invoice.lines[0].id, amount }],
        reason: "Outage",
      })
    ).id as string;

  beforeAll(async () => {
    api = await billingTenant(t.server, "Credit allocations", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    const variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.customer = await api.customer();
    ids.unpaid = await api.customer();
    const contract = await api.signup(ids.customer, variant);
    const other = await api.signup(ids.unpaid, variant);
    await api.run();
    const [january] = await api.invoices(contract);
    const [otherJanuary] = await api.invoices(other);
    ids.january = january.id;
    ids.otherJanuary = otherJanuary.id;
    await api.post(`/v1/invoices/${ids.january}/record_payment`, {});
    await api.advance("2026-01-10T09:00:00Z");
    ids.note = await credit(january, "10.00");
    ids.otherNote = await credit(otherJanuary, "10.00");
    await api.advance("2026-02-01T00:30:00Z");
    await api.run();
    ids.february = (await api.invoices(contract)).find(
      (i) => i.id !== ids.january && i.kind === "invoice",
    ).id;
    ids.otherFebruary = (await api.invoices(other)).find(
      (i) => i.id !== ids.otherJanuary && i.kind === "invoice",
    ).id;
  });

  it("before: January is overpaid by 10.00 (30 − 10 − 30), February owes 30.00, balance 20.00", async () => {
    // 30 + 30 − 10 − 30 = 20
    expect(await state()).toEqual({ balance: "20.00", open: { [ids.february!]: "30.00" } });
  });

  it("apply_credits moves January's unused 10.00 to February; the balance stays 20.00", async () => {
    const res = await post(ids.february!, "apply_credits");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      invoice_id: ids.february,
      currency: "EUR",
      due: "20.00",
      credit_notes: [{ credit_note_id: ids.note, amount: "10.00" }],
    });
    expect(await state()).toEqual({ balance: "20.00", open: { [ids.february!]: "20.00" } });
    // nothing left: January is even now, so its credit note has nothing to give or refund
    const again = await post(ids.february!, "apply_credits");
    expect([again.status, again.body.error.code]).toEqual([422, "credit_not_available"]);
    const refund = await api.request("POST", `/v1/credit_notes/${ids.note}/record_refund`, {});
    expect([refund.status, refund.body.error.code]).toEqual([422, "refund_exceeds_credit_note"]);
    // neither document can be voided while the credit sits on February
    for (const doc of [ids.note, ids.february]) {
      const v = await api.request("POST", `/v1/invoices/${doc}/void`);
      expect([v.status, v.body.error.code], doc).toEqual([422, "invoice_has_payments"]);
    }
    const events = await api.get(
      `/v1/events?subject_id=${ids.february}&type=invoice.credit_applied`,
    );
    expect(events.data[0].data).toEqual({
      invoice_id: ids.february,
      credit_note_id: ids.note,
      amount: "10.00",
    });
  });

  it("remove_credit_note gives the credit back to January; a part can be applied again", async () => {
    const removed = await post(ids.february!, "remove_credit_note", { credit_note_id: ids.note });
    expect(removed.body).toEqual({
      invoice_id: ids.february,
      currency: "EUR",
      due: "30.00",
      credit_notes: [],
    });
    expect(await state()).toEqual({ balance: "20.00", open: { [ids.february!]: "30.00" } });
    const twice = await post(ids.february!, "remove_credit_note", { credit_note_id: ids.note });
    expect([twice.status, twice.body.error.code]).toEqual([422, "credit_note_not_on_invoice"]);
    const part = await post(ids.february!, "apply_credits", {
      credit_notes: [{ credit_note_id: ids.note, amount: "4.00" }],
    });
    expect(part.body.due).toBe("26.00");
    const tooMuch = await post(ids.february!, "apply_credits", {
      credit_notes: [{ credit_note_id: ids.note, amount: "7.00" }],
    });
    expect([tooMuch.status, tooMuch.body.error.code, tooMuch.body.error.details.available]).toEqual(
      [422, "credit_exceeds_available", "6.00"],
    );
    // January is overpaid by the 6.00 it did not give: that much is still refundable
    const refund = await api.post(`/v1/credit_notes/${ids.note}/record_refund`, {});
    expect(refund.refundable).toBe("0.00");
    expect(refund.refunded).toBe("6.00");
    // 30 + 30 − 10 − (30 − 6) = 26
    expect(await state()).toEqual({ balance: "26.00", open: { [ids.february!]: "26.00" } });
  });

  it("a credit note on an unpaid invoice has no credit to give; bad requests write nothing", async () => {
    // the other customer's January owes 20.00 (30 − 10): its credit note's credit is used there
    const none = await post(ids.otherFebruary!, "apply_credits", {
      credit_notes: [{ credit_note_id: ids.otherNote }],
    });
    expect([none.status, none.body.error.code]).toEqual([422, "credit_not_available"]);
    const cases: [unknown, number, string][] = [
      [{ credit_notes: [{ credit_note_id: ids.note }] }, 422, "credit_note_not_applicable"],
      [{ credit_notes: [{ credit_note_id: ids.otherJanuary }] }, 422, "credit_note_not_applicable"],
      [
        {
          credit_notes: [{ credit_note_id: ids.otherNote }, { credit_note_id: ids.otherNote }],
        },
        422,
        "duplicate_credit_note",
      ],
      [{ credit_notes: [] }, 400, "validation_failed"],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(ids.otherFebruary!, "apply_credits", body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await state(ids.unpaid)).toEqual({
      balance: "50.00",
      open: { [ids.otherJanuary!]: "20.00", [ids.otherFebruary!]: "30.00" },
    });
  });
});
