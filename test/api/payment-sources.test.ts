/**
 * Payment sources over HTTP on the built-in test gateway: adding cards and bank accounts with
 * payment roles, what is refused (a clear 4xx, nothing written), collecting what a customer or
 * an invoice owes through the primary and then the backup source, excess payments, deleting a
 * primary (its backup takes over) and replacing the payment method.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

const VISA = { number: "4242 4242 4242 4242", exp_month: 12, exp_year: 2027, cvc: "123" };
const DECLINED = { number: "4000000000000002", exp_month: 6, exp_year: 2028 };
const MASTERCARD = { number: "5555555555554444", exp_month: 1, exp_year: 2030 };
const IBAN = { iban: "DE89 3704 0044 0532 0130 00", account_holder_name: "Ada Lovelace" };

describeServer("payment sources", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const sources = async (customer: string, query = "") =>
    (await api.get(`/v1/customers/${customer}/payment_sources${query}`)).data as any[];
  const roles = async (customer: string) =>
    Object.fromEntries((await sources(customer)).map((s) => [s.id, s.role]));
  const add = (customer: string, body: Record<string, unknown>) =>
    api.post(`/v1/customers/${customer}/payment_sources`, body);
  const balance = async (customer: string) =>
    (await api.get(`/v1/customers/${customer}/balance`)).balances[0]?.balance;

  // A and B each owe one invoice of 30.00 (EUR); C owes nothing
  beforeAll(async () => {
    api = await billingTenant(t.server, "Payment sources", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    const v30 = await api.variant(plan, {
      internal_name: "S",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.v30 = v30;
    for (const name of ["a", "b", "c"]) ids[name] = await api.customer();
    const ka = await api.signup(ids.a!, v30);
    const kb = await api.signup(ids.b!, v30);
    await api.run();
    ids.invoiceA = (await api.invoices(ka))[0].id;
    ids.invoiceB = (await api.invoices(kb))[0].id;
  });

  it("adds a card (primary when first) and keeps only its brand, last four digits and expiry", async () => {
    const res = await api.request("POST", `/v1/customers/${ids.c}/payment_sources`, {
      type: "card",
      card: VISA,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      customer_id: ids.c,
      type: "card",
      gateway: "test",
      role: "primary",
      status: "valid",
      card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2027 },
      bank_account: null,
      deleted_at: null,
    });
    expect(res.body.id).toMatch(/^pms_/);
    expect(JSON.stringify(res.body)).not.toMatch(/4242424242424242|cvc/);
    const second = await add(ids.c!, { type: "card", card: MASTERCARD });
    expect([second.role, second.card.brand]).toEqual(["none", "mastercard"]);
    const bank = await add(ids.c!, { type: "bank_account", bank_account: IBAN, role: "backup" });
    expect(bank).toMatchObject({
      role: "backup",
      card: null,
      bank_account: { country: "DE", last4: "3000", account_holder_name: "Ada Lovelace" },
    });
    expect((await sources(ids.c!)).map((s) => s.id)).toEqual([res.body.id, second.id, bank.id]);
    const got = await api.get(`/v1/customers/${ids.c}/payment_sources/${bank.id}`);
    expect(got).toEqual(bank);
    const audit = (await api.get(`/v1/audit_events?target_id=${bank.id}`)).data;
    expect(audit.map((a: any) => a.operation)).toEqual(["payment_sources.create"]);
    const events = (await api.get(`/v1/events?subject_id=${ids.c}&type=payment_source.added`)).data;
    expect(events).toHaveLength(3);
  });

  it("refuses bad cards and accounts with a machine code and writes nothing", async () => {
    const before = await sources(ids.c!);
    const cases: [unknown, number, string][] = [
      [{ type: "card", card: { ...VISA, number: "4242424242424241" } }, 400, "invalid_card_number"],
      [{ type: "card", card: { ...VISA, exp_year: 2025 } }, 422, "card_expired"],
      [{ type: "card", card: { ...VISA, exp_month: 13 } }, 400, "validation_failed"],
      [{ type: "card", bank_account: IBAN }, 422, "source_details_mismatch"],
      [{ type: "bank_account", card: VISA }, 422, "source_details_mismatch"],
      [
        { type: "bank_account", bank_account: { ...IBAN, iban: "DE89370400440532013001" } },
        400,
        "invalid_iban",
      ],
      [{ type: "card", card: VISA, role: "owner" }, 400, "validation_failed"],
    ];
    for (const [body, status, code] of cases) {
      const res = await api.request("POST", `/v1/customers/${ids.c}/payment_sources`, body);
      expect([res.status, res.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const unknown = await api.request("POST", "/v1/customers/cus_nope/payment_sources", {
      type: "card",
      card: VISA,
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "customer_not_found"]);
    expect(await sources(ids.c!)).toEqual(before);
  });

  it("assigning a role takes it from the source that held it", async () => {
    const [visa, master, bank] = await sources(ids.c!);
    const res = await api.post(`/v1/customers/${ids.c}/assign_payment_role`, {
      payment_source_id: master.id,
      role: "primary",
    });
    expect(res.role).toBe("primary");
    expect(await roles(ids.c!)).toEqual({
      [visa.id]: "none",
      [master.id]: "primary",
      [bank.id]: "backup",
    });
    // the backup becomes primary: the primary loses its role, there is no backup any more
    await api.post(`/v1/customers/${ids.c}/assign_payment_role`, {
      payment_source_id: bank.id,
      role: "primary",
    });
    expect(await roles(ids.c!)).toEqual({
      [visa.id]: "none",
      [master.id]: "none",
      [bank.id]: "primary",
    });
    const missing = await api.request("POST", `/v1/customers/${ids.c}/assign_payment_role`, {
      payment_source_id: "pms_nope",
      role: "backup",
    });
    expect([missing.status, missing.body.error.code]).toEqual([422, "payment_source_not_found"]);
    const changed = await api.get(
      `/v1/events?subject_id=${ids.c}&type=payment_source.role_changed`,
    );
    expect(changed.data).toHaveLength(4);
  });

  it("collect_payment charges the primary, and the backup when the primary fails", async () => {
    const declined = await add(ids.a!, { type: "card", card: DECLINED });
    const backup = await add(ids.a!, { type: "card", card: VISA, role: "backup" });
    const res = await api.request("POST", `/v1/customers/${ids.a}/collect_payment`, {});
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "succeeded",
      method: "test_card",
      amount: "30.00",
      currency: "EUR",
      card_last4: "4242",
      payment_source_id: backup.id,
      allocations: [{ invoice_id: ids.invoiceA, amount: "30.00" }],
      unapplied: "0.00",
    });
    const payments = (await api.get(`/v1/payments?customer_id=${ids.a}`)).data;
    expect(payments.map((p: any) => [p.status, p.payment_source_id, p.failure?.code])).toEqual([
      ["failed", declined.id, "card_declined"],
      ["succeeded", backup.id, undefined],
    ]);
    expect(await balance(ids.a!)).toBe("0.00");
    const again = await api.request("POST", `/v1/customers/${ids.a}/collect_payment`);
    expect([again.status, again.body.error.code]).toEqual([422, "nothing_to_collect"]);
    const named = await api.request("POST", `/v1/customers/${ids.a}/collect_payment`, {
      currency: "EUR",
      amount: "5.00",
      payment_source_id: declined.id,
    });
    expect([named.status, named.body.status, named.body.failure.code]).toEqual([
      201,
      "failed",
      "card_declined",
    ]);
    expect(await balance(ids.a!)).toBe("0.00");
  });

  it("refuses to collect without a source, and collects one invoice by direct debit", async () => {
    const none = await api.request("POST", `/v1/invoices/${ids.invoiceB}/collect_payment`);
    expect([none.status, none.body.error.code]).toEqual([422, "payment_source_required"]);
    expect((await api.get(`/v1/payments?customer_id=${ids.b}`)).data).toEqual([]);
    const bank = await add(ids.b!, { type: "bank_account", bank_account: IBAN });
    const { secret } = await api.post("/v1/api_keys", { name: "retry", roles: ["admin"] });
    const send = () =>
      t.server.request("POST", `/v1/invoices/${ids.invoiceB}/collect_payment`, {
        key: secret,
        body: { amount: "10.00" },
        headers: { "idempotency-key": "collect-b-1" },
      });
    const first = await send();
    const retry = await send();
    expect(retry.body).toEqual(first.body);
    expect(first.body).toMatchObject({
      status: "succeeded",
      method: "test_direct_debit",
      card_last4: null,
      payment_source_id: bank.id,
      allocations: [{ invoice_id: ids.invoiceB, amount: "10.00" }],
    });
    expect((await api.get(`/v1/payments?customer_id=${ids.b}`)).data).toHaveLength(1);
    expect(await balance(ids.b!)).toBe("20.00");
  });

  it("an excess payment is the customer's credit until applied to an invoice", async () => {
    const excess = await api.post(`/v1/customers/${ids.b}/record_excess_payment`, {
      amount: "25.00",
      currency: "EUR",
      payment_method: "bank_transfer",
      reference: "wire 77",
    });
    expect(excess).toMatchObject({
      status: "succeeded",
      method: "offline",
      payment_method: "bank_transfer",
      allocations: [],
      unapplied: "25.00",
      payment_source_id: null,
    });
    // it paid nothing yet: the invoice still owes 20.00, the balance counts the credit
    const open = (await api.get(`/v1/customers/${ids.b}/balance`)).open_invoices;
    expect(open.map((i: any) => i.due)).toEqual(["20.00"]);
    expect(await balance(ids.b!)).toBe("-5.00");
    const applied = await api.post(`/v1/invoices/${ids.invoiceB}/apply_payments`, {
      payments: [{ payment_id: excess.id }],
    });
    expect(applied.due).toBe("0.00");
    const zero = await api.request("POST", `/v1/customers/${ids.b}/record_excess_payment`, {
      amount: "0",
      currency: "EUR",
    });
    expect([zero.status, zero.body.error.code]).toEqual([422, "invalid_amount"]);
  });

  it("a deleted primary hands its role to the backup and stays readable as deleted", async () => {
    const [declined, backup] = await sources(ids.a!);
    const res = await api.request(
      "DELETE",
      `/v1/customers/${ids.a}/payment_sources/${declined.id}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "deleted", role: "none" });
    expect(res.body.deleted_at).not.toBeNull();
    expect(await roles(ids.a!)).toEqual({ [backup.id]: "primary" });
    expect((await sources(ids.a!, "?include_deleted=true")).map((s) => s.status)).toEqual([
      "deleted",
      "valid",
    ]);
    const twice = await api.request(
      "DELETE",
      `/v1/customers/${ids.a}/payment_sources/${declined.id}`,
    );
    expect([twice.status, twice.body.error.code]).toEqual([404, "payment_source_not_found"]);
    // the payments it made still name it
    const failed = (await api.get(`/v1/payments?customer_id=${ids.a}`)).data[0];
    expect(failed.payment_source_id).toBe(declined.id);
  });

  it("update_payment_method replaces the primary source", async () => {
    const [old] = await sources(ids.a!);
    const next = await api.post(`/v1/customers/${ids.a}/update_payment_method`, {
      type: "card",
      card: MASTERCARD,
    });
    expect([next.role, next.card.last4]).toEqual(["primary", "4444"]);
    expect(await roles(ids.a!)).toEqual({ [next.id]: "primary" });
    const gone = await api.get(`/v1/customers/${ids.a}/payment_sources/${old.id}`);
    expect(gone.status).toBe("deleted");
  });

  it("a card past its expiry month shows expired and its charge fails", async () => {
    const d = await api.customer();
    const card = await add(d, { type: "card", card: { ...VISA, exp_month: 1, exp_year: 2026 } });
    expect(card.status).toBe("valid");
    await api.advance("2026-02-01T00:00:00Z");
    expect((await sources(d))[0].status).toBe("expired");
    const res = await api.post(`/v1/customers/${d}/collect_payment`, {
      currency: "EUR",
      amount: "1.00",
    });
    expect([res.status, res.failure.code]).toEqual(["failed", "expired_card"]);
  });

  it("refunds through the gateway give back only what a gateway took, to its source", async () => {
    const e = await api.customer();
    const contract = await api.signup(e, ids.v30!);
    await api.run();
    const [invoice] = await api.invoices(contract);
    const card = await add(e, { type: "card", card: VISA });
    await api.post(`/v1/invoices/${invoice.id}/collect_payment`, {});
    const res = await api.request("POST", `/v1/invoices/${invoice.id}/refund`, { amount: "5.00" });
    expect(res.status).toBe(201);
    expect(res.body.due).toBe("5.00");
    expect(res.body.payments).toEqual([
      expect.objectContaining({
        kind: "refund",
        method: "test_card",
        amount: "5.00",
        payment_source_id: card.id,
      }),
    ]);
    // credited by 10.00: 5.00 of it is unused (the invoice is overpaid by 5.00) and goes back
    const note = await api.post(`/v1/invoices/${invoice.id}/credit_notes`, {
      lines: [{ line_id: invoice.lines[0].id, amount: "10.00" }],
      reason: "Outage",
    });
    const refund = await api.post(`/v1/credit_notes/${note.id}/refund`, {});
    expect([refund.refunded, refund.refundable]).toEqual(["5.00", "0.00"]);
    expect(refund.refunds.map((r: any) => [r.method, r.amount, r.payment_source_id])).toEqual([
      ["test_card", "5.00", card.id],
    ]);
    // money received outside Accrue cannot go back through a gateway
    const f = await api.customer();
    const other = await api.signup(f, ids.v30!);
    await api.run();
    const [offline] = await api.invoices(other);
    await api.post(`/v1/invoices/${offline.id}/record_payment`, {});
    const none = await api.request("POST", `/v1/invoices/${offline.id}/refund`);
    expect([none.status, none.body.error.code, none.body.error.details.paid]).toEqual([
      422,
      "refund_exceeds_paid",
      "0.00",
    ]);
  });

  it("an authorization holds an amount until captured, voided, or its hold runs out", async () => {
    const g = await api.customer();
    const contract = await api.signup(g, ids.v30!);
    await api.run();
    const [invoice] = await api.invoices(contract);
    const card = await add(g, { type: "card", card: VISA });
    const now = (await api.get("/v1/test_clock")).now;
    const held = await api.post(`/v1/customers/${g}/authorize_payment`, {
      amount: "40.00",
      currency: "EUR",
    });
    expect(held).toMatchObject({
      status: "authorized",
      amount: "40.00",
      payment_source_id: card.id,
      allocations: [],
      unapplied: "0.00",
    });
    expect(Date.parse(held.authorized_until) - Date.parse(now)).toBe(7 * 86_400_000);
    // a hold pays nothing: the invoice still owes 30.00
    expect(await balance(g)).toBe("30.00");
    const captured = await api.post(`/v1/payments/${held.id}/capture`, {});
    expect(captured).toMatchObject({
      status: "succeeded",
      allocations: [{ invoice_id: invoice.id, amount: "30.00" }],
      unapplied: "10.00",
    });
    expect(await balance(g)).toBe("-10.00");
    const twice = await api.request("POST", `/v1/payments/${held.id}/capture`, {});
    expect([twice.status, twice.body.error.code, twice.body.error.details.status]).toEqual([
      422,
      "payment_not_authorized",
      "succeeded",
    ]);
    // voided by hand
    const small = await api.post(`/v1/customers/${g}/authorize_payment`, {
      amount: "5.00",
      currency: "EUR",
    });
    expect((await api.post(`/v1/payments/${small.id}/void`)).status).toBe("voided");
    // the hold runs out: capture is refused, a sync voids it
    const late = await api.post(`/v1/customers/${g}/authorize_payment`, {
      amount: "5.00",
      currency: "EUR",
    });
    await api.advance(new Date(Date.parse(late.authorized_until) + 60_000).toISOString());
    const refused = await api.request("POST", `/v1/payments/${late.id}/capture`, {});
    expect([refused.status, refused.body.error.code]).toEqual([422, "authorization_expired"]);
    expect((await api.post(`/v1/payments/${late.id}/sync`)).status).toBe("voided");
    expect((await api.post(`/v1/payments/${captured.id}/sync`)).status).toBe("succeeded");
    const voided = await api.get(`/v1/events?subject_id=${g}&type=payment.voided`);
    expect(voided.data.map((e: any) => e.data.reason).sort()).toEqual(["expired", "voided"]);
    expect(await balance(g)).toBe("-10.00");
  });
});
