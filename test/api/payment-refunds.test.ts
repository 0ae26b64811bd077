/**
 * Refunding a payment over HTTP (`POST /v1/payments/{id}/refund`): a refund recorded with how
 * the money went back (`payment_method`) and when (`refunded_at`, between the payment and now);
 * the invoice the payment paid reopens by the refunded amount.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("refunding payments", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};

  // one invoice of 30.00, paid offline on 5 January; the clock stands at 10 January
  beforeAll(async () => {
    api = await billingTenant(t.server, "Payment refunds", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    const v30 = await api.variant(plan, {
      internal_name: "S",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.customer = await api.customer();
    ids.contract = await api.signup(ids.customer, v30);
    await api.run();
    ids.invoice = (await api.invoices(ids.contract))[0].id;
    await api.advance("2026-01-10T00:00:00Z");
    ids.payment = (
      await api.post("/v1/payments", {
        customer_id: ids.customer,
        amount: "30.00",
        currency: "EUR",
        method: "offline",
        received_at: "2026-01-05T09:00:00Z",
      })
    ).id;
  });

  it("records how and when the money went back; the invoice owes it again", async () => {
    const refund = await api.post(`/v1/payments/${ids.payment}/refund`, {
      amount: "12.50",
      payment_method: "bank_transfer",
      refunded_at: "2026-01-08T15:30:00Z",
      reference: "RF-1",
    });
    expect(refund).toMatchObject({
      kind: "refund",
      status: "succeeded",
      amount: "12.50",
      method: "offline",
      payment_method: "bank_transfer",
      reference: "RF-1",
      refunds_payment_id: ids.payment,
      received_at: "2026-01-08T15:30:00.000Z",
    });
    const balance = await api.get(`/v1/customers/${ids.customer}/balance`);
    expect(balance.open_invoices).toEqual([
      expect.objectContaining({ invoice_id: ids.invoice, due: "12.50" }),
    ]);
    // without a date, the refund is dated now
    const now = await api.post(`/v1/payments/${ids.payment}/refund`, { amount: "1.00" });
    expect(now).toMatchObject({ payment_method: null, received_at: "2026-01-10T00:00:00.000Z" });
  });

  it("refuses a refund dated before the payment or later than now, and writes nothing", async () => {
    for (const refunded_at of ["2026-01-04T23:59:59Z", "2026-01-11T00:00:00Z"]) {
      const res = await api.request("POST", `/v1/payments/${ids.payment}/refund`, {
        amount: "1.00",
        refunded_at,
      });
      expect([res.status, res.body.error.code, res.body.error.details.field]).toEqual([
        422,
        "invalid_refund_date",
        "refunded_at",
      ]);
    }
    const wrongMethod = await api.request("POST", `/v1/payments/${ids.payment}/refund`, {
      payment_method: "bitcoin",
    });
    expect(wrongMethod.status).toBe(400);
    const refunds = (await api.get(`/v1/payments?customer_id=${ids.customer}`)).data.filter(
      (p: { kind: string }) => p.kind === "refund",
    );
    expect(refunds.map((p: { amount: string }) => p.amount)).toEqual(["12.50", "1.00"]);
  });
});
