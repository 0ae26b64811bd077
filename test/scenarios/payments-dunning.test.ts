/**
 * Payments on a test clock: offline and test-gateway payments applied to invoices, refunds,
 * write-offs and balances; dunning steps by days and by failed payments granting grace; the
 * grace-expiry deactivation of a contract whose customer still owes, and its postponement.
 */
import { pino } from "pino";
import { beforeAll, expect, it } from "vitest";
import { dunningJob, graceExpiryJob } from "../../src/jobs/dunning.js";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("payments, dunning and grace periods", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const log = pino({ enabled: false });
  const dun = () => dunningJob().run({ db: t.server.db, log });
  const expire = () => graceExpiryJob().run({ db: t.server.db, log });
  const pay = (body: Record<string, unknown>) =>
    api.request("POST", "/v1/payments", { customer_id: ids.customer, currency: "EUR", ...body });
  const balance = async (customer = ids.customer) => api.get(`/v1/customers/${customer}/balance`);
  /** Events of a type, oldest first (the list answers newest first). */
  const events = async (type: string) =>
    (await api.get(`/v1/events?type=${type}&limit=100`)).data
      .map((e: any) => e.data ?? e.payload)
      .reverse();

  // 30 EUR a month from Jan 1, billed in advance
  beforeAll(async () => {
    api = await billingTenant(t.server, "Payments", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    ids.variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.customer = await api.customer();
    ids.contract = await api.signup(ids.customer, ids.variant);
    await api.run();
    const [invoice] = await api.invoices(ids.contract);
    ids.january = invoice.id;
  });

  it("the first run bills January in advance: one open invoice of 30.00", async () => {
    const [invoice] = await api.invoices(ids.contract!);
    expect(invoice).toMatchObject({ status: "finalized", total_gross: "30.00" });
    expect(await balance()).toMatchObject({
      balances: [{ currency: "EUR", invoiced: "30.00", paid: "0.00", balance: "30.00" }],
      open_invoices: [{ invoice_id: ids.january, due: "30.00" }],
    });
  });

  it("a declined card is recorded as failed and changes no balance", async () => {
    const res = await pay({ amount: "30.00", method: "card", card_number: "4000000000000002" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "failed",
      method: "test_card",
      card_last4: "0002",
      failure: { code: "card_declined" },
      allocations: [],
    });
    expect((await balance()).balances[0].balance).toBe("30.00");
    const invalid = await pay({ amount: "30.00", method: "card", card_number: "4242424242424241" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe("invalid_card_number");
  });

  it("payments apply to the open invoice; what is left is credit; a refund takes credit first", async () => {
    const offline = await pay({ amount: "10.00", method: "offline", reference: "bank 1" });
    expect(offline.body).toMatchObject({
      status: "succeeded",
      allocations: [{ invoice_id: ids.january, amount: "10.00" }],
      unapplied: "0.00",
    });
    const card = await pay({ amount: "25.00", method: "card", card_number: "4242424242424242" });
    expect(card.body).toMatchObject({
      allocations: [{ invoice_id: ids.january, amount: "20.00" }],
      unapplied: "5.00",
    });
    ids.card = card.body.id;
    expect(await balance()).toMatchObject({
      balances: [{ invoiced: "30.00", paid: "35.00", balance: "-5.00" }],
      open_invoices: [],
    });
    expect((await events("invoice.paid")).map((e: any) => e.invoice_id)).toEqual([ids.january]);

    const refund = await api.request("POST", `/v1/payments/${ids.card}/refund`, {
      amount: "15.00",
    });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    expect(refund.body).toMatchObject({
      kind: "refund",
      refunds_payment_id: ids.card,
      allocations: [{ invoice_id: ids.january, amount: "-10.00" }],
    });
    expect((await api.get(`/v1/payments/${ids.card}`)).unapplied).toBe("0.00");
    expect(await balance()).toMatchObject({
      balances: [{ paid: "35.00", refunded: "15.00", balance: "10.00" }],
      open_invoices: [{ invoice_id: ids.january, due: "10.00" }],
    });
    const tooMuch = await api.request("POST", `/v1/payments/${ids.card}/refund`, {
      amount: "10.01",
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatchObject({
      code: "refund_exceeds_payment",
      details: { refundable: "10.00" },
    });
  });

  it("an invoice money applies to cannot be voided", async () => {
    const voided = await api.request("POST", `/v1/invoices/${ids.january}/void`);
    expect(voided.status).toBe(422);
    expect(voided.body.error.code).toBe("invoice_has_payments");
  });

  it("a write-off settles what the invoice owes, once, even when sent twice at once", async () => {
    const paidBefore = (await events("invoice.paid")).length;
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        api.request("POST", `/v1/invoices/${ids.january}/write_off`, { reason: "goodwill" }),
      ),
    );
    expect([a!.status, b!.status].sort()).toEqual([201, 409]);
    const res = a!.status === 201 ? a! : b!;
    expect(res.body).toMatchObject({ kind: "write_off", amount: "10.00" });
    // a write-off is no payment: no invoice.paid
    expect((await events("invoice.paid")).length).toBe(paidBefore);
    expect((await balance()).balances[0]).toMatchObject({ written_off: "10.00", balance: "0.00" });
    const again = await api.request("POST", `/v1/invoices/${ids.january}/write_off`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("invoice_settled");
    const zero = await api.request("POST", `/v1/payments/${ids.card}/refund`, { amount: "0" });
    expect(zero.body.error.code).toBe("invalid_amount");
  });

  it("dunning: steps by days past issue and by failed payments, each noticed once", async () => {
    const policy = await api.request("PUT", "/v1/dunning_policy", {
      steps: [
        { name: "reminder", after_days: 0 },
        { name: "warning", after_days: 7, after_failed_payments: 2 },
        { name: "final", after_days: 10, grace_days: 5 },
      ],
    });
    expect(policy.status).toBe(200);
    expect(policy.body.steps.map((s: any) => s.level)).toEqual([1, 2, 3]);
    await api.advance("2026-02-01T00:00:00Z");
    await api.run();
    ids.february = (await api.invoices(ids.contract!)).at(-1).id;
    expect(await dun()).toBe(1);
    expect(await dun()).toBe(0);
    for (let i = 0; i < 2; i++) {
      await pay({ amount: "30.00", method: "card", card_number: "4000000000009995" });
    }
    expect(await dun()).toBe(1);
    const reached = await events("invoice.dunning_level_reached");
    expect(reached.map((e: any) => [e.invoice_id, e.level, e.name, e.failed_payments])).toEqual([
      [ids.february, 1, "reminder", 0],
      [ids.february, 2, "warning", 2],
    ]);
  });

  it("the final step gives grace; grace ending with debt deactivates, and extending postpones it", async () => {
    await api.advance("2026-02-11T00:00:00Z");
    expect(await dun()).toBe(1);
    const grace = (await api.get(`/v1/subscription_actions?contract_id=${ids.contract}`)).data;
    expect(
      grace.map((a: any) => [a.behaviour_code, a.classification, a.submitted_by.type]),
    ).toEqual([["extend_grace_period", "dunning:final", "system"]]);
    expect(grace[0].effects[0].to).toBe("2026-02-16T00:00:00Z");
    expect(await expire()).toBe(0);

    // the customer asks for more time: grace until the 20th
    const extended = await api.request("POST", "/v1/subscription_actions/extend_grace_period", {
      contract_id: ids.contract,
      end_grace_period_on: "2026-02-20T00:00:00Z",
    });
    expect(extended.status).toBe(201);
    await api.advance("2026-02-17T00:00:00Z");
    expect(await expire()).toBe(0);
    expect((await api.get(`/v1/contracts/${ids.contract}`)).status).toBe("active");

    await api.advance("2026-02-21T00:00:00Z");
    expect(await expire()).toBe(1);
    expect(await expire()).toBe(0);
    expect((await api.get(`/v1/contracts/${ids.contract}`)).status).toBe("temporarily_inactive");
    const deactivated = (
      await api.get(
        `/v1/subscription_actions?contract_id=${ids.contract}&behaviour_code=deactivate_subscription`,
      )
    ).data;
    expect(deactivated).toMatchObject([
      {
        classification: "grace_period_expired",
        submitted_by: { type: "system" },
        subscription_state: "not_effective",
      },
    ]);
    const ended = await events("contract.grace_period_ended");
    expect(ended).toMatchObject([{ contract_id: ids.contract, owed: "30.00" }]);
  });

  it("a grace period ending with nothing owed deactivates nothing", async () => {
    const customer = await api.customer({ email: "payer@x.example" });
    const contract = await api.signup(customer, ids.variant!);
    await api.run();
    const paid = await api.request("POST", "/v1/payments", {
      customer_id: customer,
      currency: "EUR",
      amount: "100.00",
      method: "offline",
    });
    expect(paid.body.unapplied).not.toBe("100.00");
    await api.post("/v1/subscription_actions/extend_grace_period", {
      contract_id: contract,
      end_grace_period_after_specific_days: 1,
    });
    await api.advance("2026-02-23T00:00:00Z");
    expect(await expire()).toBe(1);
    expect((await api.get(`/v1/contracts/${contract}`)).status).toBe("active");
    const ended = await events("contract.grace_period_ended");
    expect(ended.at(-1)).toMatchObject({
      contract_id: contract,
      owed: "0.00",
      deactivation_action_id: null,
    });
  });

  it("a customer whose credit covers its invoice is neither dunned nor deactivated", async () => {
    const customer = (await api.customer({ email: "ahead@x.example" })) as string;
    await api.request("POST", "/v1/payments", {
      customer_id: customer,
      currency: "EUR",
      amount: "500.00",
      method: "offline",
      reference: "paid ahead",
    });
    const contract = await api.signup(customer, ids.variant as string);
    await api.run();
    const [invoice] = await api.invoices(contract);
    // the payment came before the invoice: the invoice itself still shows as owing
    expect((await balance(customer)).open_invoices.map((i: any) => i.invoice_id)).toEqual([
      invoice.id,
    ]);
    await api.post("/v1/subscription_actions/extend_grace_period", {
      contract_id: contract,
      end_grace_period_after_specific_days: 1,
    });
    await api.advance("2026-03-05T00:00:00Z");
    await dun();
    const noticed = (await events("invoice.dunning_level_reached")).filter(
      (e: any) => e.invoice_id === invoice.id,
    );
    expect(noticed).toEqual([]);
    await expire();
    expect((await api.get(`/v1/contracts/${contract}`)).status).toBe("active");
  });
});
