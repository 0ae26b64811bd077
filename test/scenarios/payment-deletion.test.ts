/**
 * An offline payment recorded in error, on a test clock: taken off its invoice and deleted, the
 * invoice owes again and the customer's credit is gone; the right payment then settles it.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("deleting an offline payment recorded in error", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const balance = () => api.get(`/v1/customers/${ids.customer}/balance`);
  const pay = (amount: string) =>
    api.post("/v1/payments", {
      customer_id: ids.customer,
      amount,
      currency: "EUR",
      method: "offline",
    });

  // 30 EUR a month from Jan 1, billed in advance; 50.00 recorded instead of 30.00
  beforeAll(async () => {
    api = await billingTenant(t.server, "Payment deletion", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    const variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.customer = await api.customer();
    ids.contract = await api.signup(ids.customer, variant);
    await api.run();
    ids.january = (await api.invoices(ids.contract))[0].id;
    ids.wrong = (await pay("50.00")).id;
  });

  it("the wrong payment paid January's 30.00 and left 20.00 of credit", async () => {
    expect(await api.get(`/v1/payments/${ids.wrong}`)).toMatchObject({
      allocations: [{ invoice_id: ids.january, amount: "30.00" }],
      unapplied: "20.00",
    });
    expect(await balance()).toMatchObject({
      balances: [{ currency: "EUR", invoiced: "30.00", paid: "50.00", balance: "-20.00" }],
      open_invoices: [],
    });
  });

  it("applied, it cannot be deleted; taken off January, it can: January owes 30.00 again", async () => {
    const refused = await api.request("DELETE", `/v1/payments/${ids.wrong}`);
    expect([refused.status, refused.body.error.code]).toEqual([422, "payment_allocated"]);
    await api.post(`/v1/invoices/${ids.january}/remove_payment`, { payment_id: ids.wrong });
    expect((await api.get(`/v1/payments/${ids.wrong}`)).unapplied).toBe("50.00");
    expect((await api.request("DELETE", `/v1/payments/${ids.wrong}`)).status).toBe(204);
    // 30.00 invoiced − 0.00 paid
    expect(await balance()).toMatchObject({
      balances: [{ currency: "EUR", invoiced: "30.00", paid: "0.00", balance: "30.00" }],
      open_invoices: [{ invoice_id: ids.january, due: "30.00" }],
    });
    expect((await api.get(`/v1/payments?customer_id=${ids.customer}`)).data).toEqual([]);
  });

  it("the right payment settles January; February bills 30.00 more", async () => {
    const right = await pay("30.00");
    expect(right).toMatchObject({
      allocations: [{ invoice_id: ids.january, amount: "30.00" }],
      unapplied: "0.00",
    });
    await api.advance("2026-02-01T00:30:00Z");
    await api.run();
    // 60.00 invoiced − 30.00 paid
    expect(await balance()).toMatchObject({
      balances: [{ currency: "EUR", invoiced: "60.00", paid: "30.00", balance: "30.00" }],
      open_invoices: [{ due: "30.00" }],
    });
  });
});
