/**
 * Payments seen from invoices on a test clock: one payment applied across three invoices, taken
 * off one and applied again elsewhere, a payment recorded against one invoice (its excess the
 * customer's credit), and an offline refund of money paid on an invoice. 30.00 EUR a month
 * from 1 January, billed in advance, no tax; the balance and what each invoice owes are
 * checked after each step.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("payments on invoices", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  /** The customer's balance and what each invoice still owes, by month. */
  const state = async () => {
    const b = await api.get(`/v1/customers/${ids.customer}/balance`);
    const month = (id: string) => ({ [ids.jan!]: "jan", [ids.feb!]: "feb", [ids.mar!]: "mar" })[id];
    return {
      balance: b.balances[0].balance,
      paid: b.balances[0].paid,
      refunded: b.balances[0].refunded,
      due: Object.fromEntries(b.open_invoices.map((i: any) => [month(i.invoice_id), i.due])),
    };
  };
  const invoicePost = (invoice: string, action: string, body?: unknown) =>
    api.request("POST", `/v1/invoices/${invoice}/${action}`, body);
  const events = async (type: string) =>
    (await api.get(`/v1/events?type=${type}&limit=100`)).data.map((e: any) => e.data ?? e.payload);

  // invoices of 30.00 on 1 January, 1 February and 1 March, then one payment of 80.00
  beforeAll(async () => {
    api = await billingTenant(t.server, "Invoice payments", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    const variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.customer = await api.customer();
    const contract = await api.signup(ids.customer, variant);
    await api.run();
    await api.advance("2026-02-01T00:30:00Z");
    await api.run();
    await api.advance("2026-03-01T00:30:00Z");
    await api.run();
    const invoices = (await api.invoices(contract)).filter((i) => i.kind === "invoice");
    expect(invoices.map((i) => i.total_gross)).toEqual(["30.00", "30.00", "30.00"]);
    [ids.jan, ids.feb, ids.mar] = invoices.map((i) => i.id) as [string, string, string];
    ids.payment = (
      await api.post("/v1/payments", {
        customer_id: ids.customer,
        amount: "80.00",
        currency: "EUR",
        method: "offline",
      })
    ).id;
  });

  it("80.00 pays January and February in full and 20.00 of March, oldest first", async () => {
    expect(await api.get(`/v1/payments/${ids.payment}`)).toMatchObject({
      allocations: [
        { invoice_id: ids.jan, amount: "30.00" },
        { invoice_id: ids.feb, amount: "30.00" },
        { invoice_id: ids.mar, amount: "20.00" },
      ],
      unapplied: "0.00",
    });
    // 90.00 invoiced − 80.00 paid
    expect(await state()).toEqual({
      balance: "10.00",
      paid: "80.00",
      refunded: "0.00",
      due: { mar: "10.00" },
    });
  });

  it("taking the payment off February: February owes 30.00 again, the payment has 30.00 unapplied", async () => {
    const res = await invoicePost(ids.feb!, "remove_payment", { payment_id: ids.payment });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      invoice_id: ids.feb,
      due: "30.00",
      paid: "0.00",
      payments: [
        {
          id: ids.payment,
          allocations: [
            { invoice_id: ids.jan, amount: "30.00" },
            { invoice_id: ids.mar, amount: "20.00" },
          ],
          unapplied: "30.00",
        },
      ],
    });
    // the balance is unchanged: the 30.00 moved from February to the payment's credit
    expect(await state()).toEqual({
      balance: "10.00",
      paid: "80.00",
      refunded: "0.00",
      due: { feb: "30.00", mar: "10.00" },
    });
    expect(await events("invoice.reopened")).toEqual([
      { invoice_id: ids.feb, number: expect.any(String), payment_id: ids.payment },
    ]);
    expect(await events("invoice.payment_removed")).toEqual([
      expect.objectContaining({ invoice_id: ids.feb, payment_id: ids.payment, amount: "30.00" }),
    ]);
    // nothing left of it on February to take off
    const again = await invoicePost(ids.feb!, "remove_payment", { payment_id: ids.payment });
    expect([again.status, again.body.error.code]).toEqual([422, "payment_not_on_invoice"]);
  });

  it("applied again to March: it takes only the 10.00 March owes", async () => {
    const res = await invoicePost(ids.mar!, "apply_payments", {
      payments: [{ payment_id: ids.payment }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      invoice_id: ids.mar,
      due: "0.00",
      paid: "30.00",
      payments: [{ id: ids.payment, unapplied: "20.00" }],
    });
    expect(res.body.payments[0].allocations).toEqual([
      { invoice_id: ids.jan, amount: "30.00" },
      { invoice_id: ids.mar, amount: "30.00" },
    ]);
    expect(await state()).toEqual({
      balance: "10.00",
      paid: "80.00",
      refunded: "0.00",
      due: { feb: "30.00" },
    });
    expect((await events("invoice.paid")).map((e: any) => e.invoice_id)).toContain(ids.mar);
    // March owes nothing more
    const over = await invoicePost(ids.mar!, "apply_payments", {
      payments: [{ payment_id: ids.payment, amount: "1.00" }],
    });
    expect([over.status, over.body.error.code]).toEqual([422, "payment_exceeds_due"]);
  });

  it("and to February: at most the 20.00 it has left", async () => {
    const over = await invoicePost(ids.feb!, "apply_payments", {
      payments: [{ payment_id: ids.payment, amount: "20.01" }],
    });
    expect([over.status, over.body.error.code]).toEqual([422, "payment_exceeds_unapplied"]);
    expect(over.body.error.message).toContain("20.00");
    const res = await invoicePost(ids.feb!, "apply_payments", {
      payments: [{ payment_id: ids.payment, amount: "20.00" }],
    });
    expect(res.body).toMatchObject({ due: "10.00", paid: "20.00" });
    expect(res.body.payments[0]).toMatchObject({
      allocations: [
        { invoice_id: ids.jan, amount: "30.00" },
        { invoice_id: ids.feb, amount: "20.00" },
        { invoice_id: ids.mar, amount: "30.00" },
      ],
      unapplied: "0.00",
    });
    expect(await state()).toEqual({
      balance: "10.00",
      paid: "80.00",
      refunded: "0.00",
      due: { feb: "10.00" },
    });
  });

  it("15.00 recorded against February pays its 10.00; the 5.00 over is the customer's credit", async () => {
    const res = await invoicePost(ids.feb!, "record_payment", {
      amount: "15.00",
      payment_method: "bank_transfer",
      reference: "wire 7",
      paid_at: "2026-03-01T00:10:00Z",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: "payment",
      method: "offline",
      payment_method: "bank_transfer",
      reference: "wire 7",
      amount: "15.00",
      allocations: [{ invoice_id: ids.feb, amount: "10.00" }],
      unapplied: "5.00",
      received_at: "2026-03-01T00:10:00.000Z",
    });
    ids.second = res.body.id;
    // 90.00 invoiced − 95.00 paid
    expect(await state()).toEqual({ balance: "-5.00", paid: "95.00", refunded: "0.00", due: {} });
  });

  it("a refund of 12.00 of what January was paid: January owes 12.00 again", async () => {
    const over = await invoicePost(ids.jan!, "record_refund", { amount: "30.01" });
    expect([over.status, over.body.error.code]).toEqual([422, "refund_exceeds_paid"]);
    const res = await invoicePost(ids.jan!, "record_refund", { amount: "12.00", reference: "r1" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      invoice_id: ids.jan,
      due: "12.00",
      paid: "18.00",
      payments: [
        {
          kind: "refund",
          amount: "12.00",
          refunds_payment_id: ids.payment,
          allocations: [{ invoice_id: ids.jan, amount: "-12.00" }],
        },
      ],
    });
    // −5.00 + 12.00 refunded
    expect(await state()).toEqual({
      balance: "7.00",
      paid: "95.00",
      refunded: "12.00",
      due: { jan: "12.00" },
    });
    expect((await events("invoice.reopened")).map((e: any) => e.invoice_id)).toContain(ids.jan);
    // the payment: 80.00 less 12.00 refunded, all of it still applied
    expect(await api.get(`/v1/payments/${ids.payment}`)).toMatchObject({
      allocations: [
        { invoice_id: ids.jan, amount: "30.00" },
        { invoice_id: ids.feb, amount: "20.00" },
        { invoice_id: ids.mar, amount: "30.00" },
      ],
      unapplied: "0.00",
    });
  });

  it("the second payment's 5.00 credit applies to January; a payment refunded on it is taken off net", async () => {
    const res = await invoicePost(ids.jan!, "apply_payments", {
      payments: [{ payment_id: ids.second }],
    });
    expect(res.body).toMatchObject({ due: "7.00", paid: "23.00" });
    // the first payment has 18.00 left on January after its refund: taking it off frees 18.00
    const removed = await invoicePost(ids.jan!, "remove_payment", { payment_id: ids.payment });
    expect(removed.body).toMatchObject({
      due: "25.00",
      paid: "5.00",
      payments: [{ id: ids.payment, unapplied: "18.00" }],
    });
    // still 7.00: January's 25.00 less the first payment's 18.00 credit
    expect(await state()).toEqual({
      balance: "7.00",
      paid: "95.00",
      refunded: "12.00",
      due: { jan: "25.00" },
    });
  });
});
