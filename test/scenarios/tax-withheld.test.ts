/**
 * Withheld tax on a test clock, derived by hand: an invoice of 30.00 EUR (no tax of Accrue's
 * own) from which the customer withholds 3.00 and pays 27.00; credited by 10.00, the credit note
 * gives the 3.00 of withheld tax back. Withheld tax settles without money: the balance counts it
 * under `tax_withheld`, money refunds and collections never touch it.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("tax withheld", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const post = (path: string, body?: unknown) => api.request("POST", path, body);
  const balance = async () => {
    const b = await api.get(`/v1/customers/${ids.customer}/balance`);
    const { paid, refunded, tax_withheld, balance } = b.balances[0];
    return { paid, refunded, tax_withheld, balance };
  };

  beforeAll(async () => {
    api = await billingTenant(t.server, "Tax withheld", "2026-01-01T00:00:00Z");
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
    ids.invoice = invoice.id;
    ids.line = invoice.lines[0].id;
  });

  it("withholding 3.00 and paying 27.00 settles the invoice", async () => {
    const res = await post(`/v1/invoices/${ids.invoice}/record_tax_withheld`, {
      amount: "3.00",
      reference: "WHT certificate 17",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: "tax_withheld",
      method: "tax_withheld",
      amount: "3.00",
      allocations: [{ invoice_id: ids.invoice, amount: "3.00" }],
    });
    ids.withheld = res.body.id;
    const over = await post(`/v1/invoices/${ids.invoice}/record_tax_withheld`, { amount: "27.01" });
    expect([over.status, over.body.error.code, over.body.error.details.due]).toEqual([
      422,
      "payment_exceeds_due",
      "27.00",
    ]);
    const paid = await api.post(`/v1/invoices/${ids.invoice}/record_payment`, {});
    expect(paid.amount).toBe("27.00");
    // 30 − 27 − 3 = 0
    expect(await balance()).toEqual({
      paid: "27.00",
      refunded: "0.00",
      tax_withheld: "3.00",
      balance: "0.00",
    });
  });

  it("a credit note gives withheld tax back, at most what is withheld", async () => {
    await api.advance("2026-01-10T09:00:00Z");
    ids.note = (
      await api.post(`/v1/invoices/${ids.invoice}/credit_notes`, {
        lines: [{ line_id: ids.line, amount: "10.00" }],
        reason: "Outage",
      })
    ).id;
    const tooMuch = await post(`/v1/credit_notes/${ids.note}/record_tax_withheld_refund`, {
      amount: "4.00",
    });
    expect([
      tooMuch.status,
      tooMuch.body.error.code,
      tooMuch.body.error.details.refundable,
    ]).toEqual([422, "refund_exceeds_credit_note", "3.00"]);
    const res = await api.post(`/v1/credit_notes/${ids.note}/record_tax_withheld_refund`, {
      amount: "3.00",
    });
    expect(res.refunds).toHaveLength(1);
    expect(res.refunds[0]).toMatchObject({
      kind: "refund",
      method: "tax_withheld",
      refunds_payment_id: ids.withheld,
      allocations: [{ invoice_id: ids.invoice, amount: "-3.00" }],
    });
    ids.taxRefund = res.refunds[0].id;
    // 30 − 10 − 27 − (3 − 3) = −7: the customer is owed 7.00, of money it paid
    expect(await balance()).toEqual({
      paid: "27.00",
      refunded: "0.00",
      tax_withheld: "0.00",
      balance: "-7.00",
    });
    // the money refund of the credit note is what is left of it: 10 − 3 = 7
    const money = await api.post(`/v1/credit_notes/${ids.note}/record_refund`, {});
    expect([money.refunded, money.refundable]).toEqual(["10.00", "0.00"]);
    expect(money.refunds.map((r: any) => [r.method, r.amount])).toEqual([["offline", "7.00"]]);
    expect((await balance()).balance).toBe("0.00");
  });

  it("removing: the refund first, then the withheld tax; the invoice owes it again", async () => {
    const refused = await post(`/v1/invoices/${ids.invoice}/remove_tax_withheld`, {
      tax_withheld_id: ids.withheld,
    });
    expect([refused.status, refused.body.error.code]).toEqual([422, "tax_withheld_refunded"]);
    const removedRefund = await post(`/v1/credit_notes/${ids.note}/remove_tax_withheld_refund`, {
      refund_id: ids.taxRefund,
    });
    expect(removedRefund.status).toBe(200);
    const unknown = await post(`/v1/credit_notes/${ids.note}/remove_tax_withheld_refund`, {
      refund_id: ids.taxRefund,
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([
      422,
      "tax_withheld_refund_not_found",
    ]);
    // 30 − 10 − (27 − 7) − 3 = −3: the credit note's 3.00 is unused again
    expect((await balance()).balance).toBe("-3.00");
    const removed = await post(`/v1/invoices/${ids.invoice}/remove_tax_withheld`, {
      tax_withheld_id: ids.withheld,
    });
    expect([removed.status, removed.body.id]).toEqual([200, ids.withheld]);
    expect(await balance()).toEqual({
      paid: "27.00",
      refunded: "7.00",
      tax_withheld: "0.00",
      balance: "0.00",
    });
    const payments = (await api.get(`/v1/payments?customer_id=${ids.customer}`)).data;
    expect(payments.map((p: any) => p.kind)).toEqual(["payment", "refund"]);
  });
});
