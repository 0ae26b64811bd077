/**
 * A partial credit note refunded offline, on a test clock: an invoice of 30.00 EUR (1 January,
 * no tax) paid in full, credited by 10.00 on 10 January, and the 10.00 paid back to the
 * customer by bank transfer on 12 January. The balance and the credit note's refund state are
 * derived by hand at each step.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("a partial credit note refunded offline", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const balance = async () => {
    const b = await api.get(`/v1/customers/${ids.customer}/balance`);
    const { credited, paid, refunded, balance } = b.balances[0];
    return { credited, paid, refunded, balance, open: b.open_invoices.length };
  };

  // the invoice of 30.00 on 1 January, paid in full; credited by 10.00 on 10 January
  beforeAll(async () => {
    api = await billingTenant(t.server, "Credit note refund", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    const variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.customer = await api.customer();
    const contract = await api.signup(ids.customer, variant);
    await api.run();
    const [invoice] = await api.invoices(contract);
    expect(invoice.total_gross).toBe("30.00");
    ids.invoice = invoice.id;
    ids.payment = (await api.post(`/v1/invoices/${ids.invoice}/record_payment`, {})).id;
    await api.advance("2026-01-10T09:00:00Z");
    ids.note = (
      await api.post(`/v1/invoices/${ids.invoice}/credit_notes`, {
        lines: [{ line_id: invoice.lines[0].id, amount: "10.00" }],
        reason: "Outage",
      })
    ).id;
  });

  it("before the refund: 30.00 billed, 10.00 credited, 30.00 paid: the customer is owed 10.00", async () => {
    // 30.00 - 10.00 - 30.00 = -10.00
    expect(await balance()).toEqual({
      credited: "10.00",
      paid: "30.00",
      refunded: "0.00",
      balance: "-10.00",
      open: 0,
    });
  });

  it("refunding the 10.00 offline on 12 January brings the balance to zero", async () => {
    await api.advance("2026-01-12T09:00:00Z");
    const res = await api.post(`/v1/credit_notes/${ids.note}/record_refund`, {
      reference: "BT-2026-0112",
    });
    expect(res).toMatchObject({
      credit_note_id: ids.note,
      invoice_id: ids.invoice,
      total: "10.00",
      refunded: "10.00",
      refundable: "0.00",
    });
    expect(res.refunds).toHaveLength(1);
    expect(res.refunds[0]).toMatchObject({
      kind: "refund",
      amount: "10.00",
      refunds_payment_id: ids.payment,
      reference: "BT-2026-0112",
      allocations: [{ invoice_id: ids.invoice, amount: "-10.00" }],
      received_at: "2026-01-12T09:00:00.000Z",
    });
    // 30.00 - 10.00 - (30.00 - 10.00) = 0.00; the invoice owes nothing and is owed nothing
    expect(await balance()).toEqual({
      credited: "10.00",
      paid: "30.00",
      refunded: "10.00",
      balance: "0.00",
      open: 0,
    });
    // the refund returned money of the payment: 30.00 - 10.00 = 20.00 of it is left to refund
    const over = await api.request("POST", `/v1/payments/${ids.payment}/refund`, {
      amount: "20.01",
    });
    expect([over.status, over.body.error.code, over.body.error.details?.refundable]).toEqual([
      422,
      "refund_exceeds_payment",
      "20.00",
    ]);
    const events = (await api.get("/v1/events?type=credit_note.refunded")).data;
    expect(events).toHaveLength(1);
  });

  it("a second refund finds nothing left", async () => {
    const again = await api.request("POST", `/v1/credit_notes/${ids.note}/record_refund`, {});
    expect([again.status, again.body.error.code]).toEqual([422, "refund_exceeds_credit_note"]);
    expect((await balance()).balance).toBe("0.00");
  });
});
