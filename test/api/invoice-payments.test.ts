/**
 * Payments on one invoice over HTTP: what each operation refuses (422 with a machine code,
 * nothing written), idempotent retries, and concurrent applications of one payment, which
 * serialise on the customer so a payment is never applied beyond what it has.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("payments on invoices", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const post = (invoice: string, action: string, body?: unknown) =>
    api.request("POST", `/v1/invoices/${invoice}/${action}`, body);
  const due = async (customer: string) =>
    (await api.get(`/v1/customers/${customer}/balance`)).open_invoices.map((i: any) => i.due);
  const payment = (customer: string, amount: string, currency = "EUR") =>
    api.post("/v1/payments", { customer_id: customer, amount, currency, method: "offline" });

  // two customers with one open invoice of 30.00 each (A also one of 40.00); a USD payment of A
  beforeAll(async () => {
    api = await billingTenant(t.server, "Invoice payment rules", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    const monthly = { fee_period: { unit: "month", count: 1 } };
    const v30 = await api.variant(plan, { internal_name: "S", recurring_fee: "30", ...monthly });
    const v40 = await api.variant(plan, { internal_name: "M", recurring_fee: "40", ...monthly });
    ids.a = await api.customer();
    ids.b = await api.customer();
    const ka = await api.signup(ids.a, v30);
    const ka2 = await api.signup(ids.a, v40);
    const kb = await api.signup(ids.b, v30);
    await api.run();
    ids.invoiceA = (await api.invoices(ka))[0].id;
    ids.invoiceA2 = (await api.invoices(ka2))[0].id;
    ids.invoiceB = (await api.invoices(kb))[0].id;
    ids.paymentB = (await payment(ids.b, "50.00")).id; // 30.00 on B's invoice, 20.00 unapplied
    ids.usd = (await payment(ids.a, "10.00", "USD")).id;
  });

  it("refuses payments of another customer or currency, twice named, and amounts of zero", async () => {
    const cases: [unknown, number, string][] = [
      [{ payments: [{ payment_id: ids.paymentB }] }, 422, "payment_not_applicable"],
      [{ payments: [{ payment_id: "payment_nope" }] }, 422, "payment_not_applicable"],
      [{ payments: [{ payment_id: ids.usd }] }, 422, "currency_mismatch"],
      [{ payments: [{ payment_id: ids.paymentB, amount: "0" }] }, 422, "payment_not_applicable"],
      [{ payments: [] }, 400, "validation_failed"],
      [{ payments: [{ payment_id: ids.paymentB, amount: "-1" }] }, 400, "validation_failed"],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(ids.invoiceA!, "apply_payments", body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const zero = await post(ids.invoiceB!, "apply_payments", {
      payments: [{ payment_id: ids.paymentB, amount: "0" }],
    });
    expect([zero.status, zero.body.error.code]).toEqual([422, "invalid_amount"]);
    const dup = await post(ids.invoiceB!, "apply_payments", {
      payments: [{ payment_id: ids.paymentB }, { payment_id: ids.paymentB }],
    });
    expect([dup.status, dup.body.error.code]).toEqual([422, "duplicate_payment"]);
    expect(await due(ids.a!)).toEqual(["30.00", "40.00"]);
    expect((await api.get(`/v1/payments/${ids.paymentB}`)).unapplied).toBe("20.00");
  });

  it("refuses removing a payment not on the invoice, refunds over what was paid, unknown invoices", async () => {
    const notOn = await post(ids.invoiceA!, "remove_payment", { payment_id: ids.paymentB });
    expect([notOn.status, notOn.body.error.code]).toEqual([422, "payment_not_applicable"]);
    const nothing = await post(ids.invoiceA!, "record_refund", {});
    expect([nothing.status, nothing.body.error.code]).toEqual([422, "refund_exceeds_paid"]);
    const over = await post(ids.invoiceB!, "record_refund", { amount: "30.01" });
    expect([over.status, over.body.error.code]).toEqual([422, "refund_exceeds_paid"]);
    const zero = await post(ids.invoiceB!, "record_payment", { amount: "0.00" });
    expect([zero.status, zero.body.error.code]).toEqual([422, "invalid_amount"]);
    const owesNothing = await post(ids.invoiceB!, "record_payment", {});
    expect([owesNothing.status, owesNothing.body.error.code]).toEqual([422, "invalid_amount"]);
    const method = await post(ids.invoiceA!, "record_payment", { payment_method: "gold" });
    expect(method.status).toBe(400);
    const missing = await post("invoice_nope", "record_payment", { amount: "1.00" });
    expect([missing.status, missing.body.error.code]).toEqual([404, "invoice_not_found"]);
    expect(await due(ids.b!)).toEqual([]);
    expect((await api.get(`/v1/customers/${ids.b}/balance`)).balances[0].balance).toBe("-20.00");
  });

  it("record_payment without an amount pays what the invoice owes; a retry with the key writes once", async () => {
    const { secret } = await api.post("/v1/api_keys", { name: "retry", roles: ["admin"] });
    const send = () =>
      t.server.request("POST", `/v1/invoices/${ids.invoiceA}/record_payment`, {
        key: secret,
        body: { payment_method: "cash" },
        headers: { "idempotency-key": "rp-1" },
      });
    const first = await send();
    const retry = await send();
    expect(retry.body).toEqual(first.body);
    expect((await api.get(`/v1/payments?customer_id=${ids.a}`)).data).toHaveLength(2);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      amount: "30.00",
      payment_method: "cash",
      allocations: [{ invoice_id: ids.invoiceA, amount: "30.00" }],
      unapplied: "0.00",
    });
    expect(await due(ids.a!)).toEqual(["40.00"]);
  });

  it("two applications of one payment's 25.00 at once: one succeeds, the other is refused", async () => {
    const p = await payment(ids.a!, "65.00"); // 40.00 on A2, 25.00 unapplied
    expect(p.unapplied).toBe("25.00");
    await post(ids.invoiceA2!, "remove_payment", { payment_id: p.id }); // 65.00 unapplied, A2 owes 40.00
    await post(ids.invoiceA!, "remove_payment", {
      payment_id: (await api.get(`/v1/payments?customer_id=${ids.a}`)).data.find(
        (x: any) => x.payment_method === "cash",
      ).id,
    }); // A owes 30.00 again
    const results = await Promise.all([
      post(ids.invoiceA!, "apply_payments", { payments: [{ payment_id: p.id, amount: "30.00" }] }),
      post(ids.invoiceA2!, "apply_payments", { payments: [{ payment_id: p.id, amount: "40.00" }] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    const refused = results.find((r) => r.status === 422)!;
    expect(refused.body.error.code).toBe("payment_exceeds_unapplied");
    const after = await api.get(`/v1/payments/${p.id}`);
    const applied = after.allocations.reduce((s: number, a: any) => s + Number(a.amount), 0);
    expect(Number(after.unapplied) + applied).toBe(65);
    expect(Number(after.unapplied)).toBeGreaterThanOrEqual(0);
  });
});
