/**
 * Deleting an offline payment over HTTP: only one applied to no invoice (after removals) and
 * not refunded; the refusals are 422 with a machine code and change nothing.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("deleting offline payments", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const payment = (amount: string, extra: Record<string, unknown> = {}) =>
    api.post("/v1/payments", {
      customer_id: ids.customer,
      amount,
      currency: "EUR",
      method: "offline",
      ...extra,
    });
  const del = (id: string) => api.request("DELETE", `/v1/payments/${id}`);

  // one open invoice of 30.00
  beforeAll(async () => {
    api = await billingTenant(t.server, "Payment deletion", "2026-01-01T00:00:00Z");
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
  });

  it("refuses an allocated, a refunded and a card payment; unknown ones are 404", async () => {
    const paid = await payment("30.00");
    expect(paid.allocations).toEqual([{ invoice_id: ids.invoice, amount: "30.00" }]);
    const allocated = await del(paid.id);
    expect([allocated.status, allocated.body.error.code]).toEqual([422, "payment_allocated"]);

    const ahead = await payment("5.00"); // nothing owed: stays unapplied
    await api.post(`/v1/payments/${ahead.id}/refund`, { amount: "1.00" });
    const refunded = await del(ahead.id);
    expect([refunded.status, refunded.body.error.code]).toEqual([422, "payment_refunded"]);

    const card = await api.post("/v1/payments", {
      customer_id: ids.customer,
      amount: "2.00",
      currency: "EUR",
      method: "card",
      card_number: "4242424242424242",
    });
    const notOffline = await del(card.id);
    expect([notOffline.status, notOffline.body.error.code]).toEqual([422, "payment_not_deletable"]);

    const missing = await del("payment_nope");
    expect([missing.status, missing.body.error.code]).toEqual([404, "payment_not_found"]);
    expect((await api.get(`/v1/payments/${paid.id}`)).allocations).toHaveLength(1);
    expect((await api.get(`/v1/customers/${ids.customer}/balance`)).open_invoices).toEqual([]);
  });

  it("deletes a payment removed from its invoice; the invoice owes again, the credit goes", async () => {
    const before = await api.get(`/v1/customers/${ids.customer}/balance`);
    const [paid] = (await api.get(`/v1/payments?customer_id=${ids.customer}`)).data.filter(
      (p: { allocations: unknown[] }) => p.allocations.length > 0,
    );
    await api.post(`/v1/invoices/${ids.invoice}/remove_payment`, { payment_id: paid.id });
    const res = await del(paid.id);
    expect(res.status).toBe(204);
    expect((await api.request("GET", `/v1/payments/${paid.id}`)).status).toBe(404);
    const after = await api.get(`/v1/customers/${ids.customer}/balance`);
    expect(after.open_invoices.map((i: { due: string }) => i.due)).toEqual(["30.00"]);
    expect(before.open_invoices).toEqual([]);
    const audit = (await api.get(`/v1/audit_events?target_id=${paid.id}&operation=payments.delete`))
      .data;
    expect(audit[0]).toMatchObject({ before: { id: paid.id, amount: "30.00" }, after: null });
    const events = await api.get(`/v1/events?type=payment.deleted&subject_id=${ids.customer}`);
    expect(events.data).toHaveLength(1);
  });
});
