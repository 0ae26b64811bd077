/**
 * Chargebee's official Node client against the `/api/v2` invoices and transactions: reading
 * and listing invoices made by the native API, their PDF link, recording, applying, removing
 * and refunding payments, writing off, voiding, closing a pending invoice, charges, and
 * Chargebee's errors.
 */
import { expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";
import { chargebeeClient, refusal } from "./chargebee-client.js";
import { syncTransaction } from "./chargebee-unlisted-calls.js";

describeServer("chargebee client: invoices and transactions", (t) => {
  const cb = () => chargebeeClient(t.server);

  /** A customer and an issued invoice of two hand-entered lines, made natively. */
  async function issued(draft = false) {
    const customer = await t.server.must("POST", "/v1/customers", {
      first_name: "Ada",
      email: "ada@example.com",
      address: { country: "DE", city: "Berlin", postal_code: "10115", line1: "Unter den Linden 1" },
    });
    const invoice = await t.server.must("POST", "/v1/invoices", {
      customer_id: customer.id,
      currency: "EUR",
      lines: [
        { description: "Consulting", unit_price: "120.00", quantity: "2" },
        {
          description: "Hosting",
          unit_price: "30.50",
          period_start: "2026-01-01",
          period_end: "2026-02-01",
        },
      ],
      ...(draft ? { draft: true } : {}),
    });
    return { customer, invoice };
  }

  const cents = (amount: string) => Math.round(Number(amount) * 100);

  it("retrieve: an issued invoice in Chargebee's shape, money in minor units", async () => {
    const { customer, invoice } = await issued();
    const { invoice: read } = await cb().invoice.retrieve(invoice.id);
    const total = cents(invoice.total_gross);
    expect(total).toBeGreaterThan(0);
    expect(read).toMatchObject({
      id: invoice.id,
      customer_id: customer.id,
      currency_code: "EUR",
      total,
      sub_total: 27_050,
      tax: cents(invoice.total_tax),
      amount_paid: 0,
      amount_adjusted: 0,
      credits_applied: 0,
      write_off_amount: 0,
      amount_due: total,
      price_type: "tax_exclusive",
      deleted: false,
      object: "invoice",
    });
    expect(["posted", "payment_due"]).toContain(read.status);
    expect(read.date).toBeLessThan(10_000_000_000);
    expect(read.line_items).toHaveLength(2);
    expect(read.line_items?.[0]).toMatchObject({
      unit_amount: 12_000,
      quantity: 2,
      amount: 24_000,
      description: "Consulting",
      entity_type: "adhoc",
      object: "line_item",
    });
    expect(read.line_items?.[1]).toMatchObject({
      unit_amount: 3050,
      quantity: 1,
      amount: 3050,
      // Accrue's exclusive end day is Chargebee's date_to, the moment the period ends
      date_from: Date.UTC(2026, 0, 1) / 1000,
      date_to: Date.UTC(2026, 1, 1) / 1000,
    });
    // both lines bear the same rate: their tax is the invoice's, not split by line
    expect(read.line_items?.map((l) => l.tax_rate)).toEqual([
      read.line_items?.[0]?.tax_rate,
      read.line_items?.[0]?.tax_rate,
    ]);
    expect(read.line_items?.[0]?.tax_amount).toBeUndefined();
  });

  it("list and the customer's invoices, with filters", async () => {
    const { customer, invoice } = await issued();
    const other = await issued();
    const listed = await cb().invoice.list({ customer_id: { is: customer.id } } as never);
    expect(listed.list.map((e) => e.invoice.id)).toEqual([invoice.id]);
    const forCustomer = await cb().invoice.invoicesForCustomer(other.customer.id);
    expect(forCustomer.list.map((e) => e.invoice.id)).toEqual([other.invoice.id]);
    const paid = await cb().invoice.list({
      customer_id: { is: customer.id },
      status: { is: "paid" },
    } as never);
    expect(paid.list).toHaveLength(0);
  });

  it("record a payment, list its transaction, remove it, pay and refund", async () => {
    const { customer, invoice } = await issued();
    const total = cents(invoice.total_gross);
    const part = await cb().invoice.recordPayment(invoice.id, {
      transaction: {
        amount: 10_000,
        payment_method: "bank_transfer",
        reference_number: "SEPA-4711",
        date: Math.floor(Date.UTC(2026, 0, 15) / 1000),
      },
    });
    expect(part.invoice).toMatchObject({
      amount_paid: 10_000,
      amount_due: total - 10_000,
      linked_payments: [{ applied_amount: 10_000, txn_status: "success" }],
    });
    expect(part.transaction).toMatchObject({
      type: "payment",
      status: "success",
      amount: 10_000,
      currency_code: "EUR",
      payment_method: "bank_transfer",
      reference_number: "SEPA-4711",
      customer_id: customer.id,
      linked_invoices: [{ invoice_id: invoice.id, applied_amount: 10_000 }],
      object: "transaction",
    });
    const txn = part.transaction!.id;

    const payments = await cb().transaction.paymentsForInvoice(invoice.id);
    expect(payments.list.map((e) => e.transaction.id)).toEqual([txn]);
    const retrieved = await cb().transaction.retrieve(txn);
    expect(retrieved.transaction).toMatchObject({ id: txn, amount: 10_000 });
    const forCustomer = await cb().transaction.transactionsForCustomer(customer.id);
    expect(forCustomer.list.map((e) => e.transaction.id)).toEqual([txn]);

    const removed = await cb().invoice.removePayment(invoice.id, { transaction: { id: txn } });
    expect(removed.invoice).toMatchObject({ amount_paid: 0, amount_due: total });

    const applied = await cb().invoice.applyPayments(invoice.id, {
      transactions: [{ id: txn }],
    } as never);
    expect(applied.invoice).toMatchObject({ amount_paid: 10_000, amount_due: total - 10_000 });

    const full = await cb().invoice.recordPayment(invoice.id, {
      transaction: { payment_method: "cash" },
    } as never);
    expect(full.invoice).toMatchObject({ status: "paid", amount_paid: total, amount_due: 0 });
    expect(full.invoice.paid_at).toBeGreaterThan(0);

    const refunded = await cb().invoice.recordRefund(invoice.id, {
      transaction: { amount: 2500, reference_number: "back" },
    } as never);
    expect(refunded.invoice).toMatchObject({ amount_paid: total - 2500, amount_due: 2500 });
    expect(refunded.transaction).toMatchObject({ type: "refund", amount: 2500 });

    // how the money went back, when given, is the refund's own
    const byTransfer = await cb().invoice.recordRefund(invoice.id, {
      transaction: { amount: 500, payment_method: "bank_transfer" },
    } as never);
    expect(byTransfer.transaction).toMatchObject({
      type: "refund",
      amount: 500,
      payment_method: "bank_transfer",
    });
  });

  it("write off, void, PDF link", async () => {
    const { invoice } = await issued();
    const total = cents(invoice.total_gross);
    const off = await cb().invoice.writeOff(invoice.id, { comment: "uncollectable" });
    expect(off.invoice).toMatchObject({
      status: "paid",
      write_off_amount: total,
      amount_due: 0,
      amount_paid: 0,
    });

    const second = await issued();
    const { download } = await cb().invoice.pdf(second.invoice.id);
    expect(download).toMatchObject({ mime_type: "application/pdf", object: "download" });
    expect(download.valid_till).toBeGreaterThan(Math.floor(Date.now() / 1000) - 86_400);
    // the link is on the configured public URL: fetch it from the test server
    const link = new URL(download.download_url);
    const res = await fetch(`${t.server.url}${link.pathname}${link.search}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/pdf");
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    const voided = await cb().invoice.voidInvoice(second.invoice.id, { comment: "wrong" });
    expect(voided.invoice).toMatchObject({ status: "voided", amount_due: 0 });
    expect(voided.invoice.voided_at).toBeGreaterThan(0);
  });

  it("charges: an invoice for charges, a pending one with a charge added, closed", async () => {
    const customer = await t.server.must("POST", "/v1/customers", {
      first_name: "Grace",
      address: { country: "DE" },
    });
    const created = await cb().invoice.createForChargeItemsAndCharges({
      customer_id: customer.id,
      currency_code: "EUR",
      charges: [
        {
          amount: 4200,
          description: "Setup",
          date_from: Date.UTC(2026, 2, 1) / 1000,
          date_to: Date.UTC(2026, 3, 1) / 1000,
        },
      ],
    } as never);
    expect(created.invoice).toMatchObject({
      customer_id: customer.id,
      sub_total: 4200,
      line_items: [{ description: "Setup", amount: 4200, unit_amount: 4200, quantity: 1 }],
    });
    // a line alone at its rate bears the invoice's tax
    expect(created.invoice.line_items?.[0]?.tax_amount).toBe(created.invoice.tax);
    const native = await t.server.must("GET", `/v1/invoices/${created.invoice.id}`);
    expect(native.lines[0]).toMatchObject({
      period_start: "2026-03-01",
      period_end: "2026-04-01",
      unit_price: "42.00",
    });

    const { invoice: draft } = await issued(true);
    const pending = await cb().invoice.retrieve(draft.id);
    expect(pending.invoice.status).toBe("pending");
    const added = await cb().invoice.addCharge(draft.id, { amount: 999, description: "Extra" });
    expect(added.invoice.sub_total).toBe(27_050 + 999);
    const extra = added.invoice.line_items!.find((l) => l.description === "Extra")!;
    const trimmed = await cb().invoice.deleteLineItems(draft.id, {
      line_items: [{ id: extra.id }],
    } as never);
    expect(trimmed.invoice.sub_total).toBe(27_050);
    const closed = await cb().invoice.close(draft.id);
    expect(["posted", "payment_due"]).toContain(closed.invoice.status);
    const refused = await refusal(
      cb().invoice.addCharge(draft.id, { amount: 100, description: "Late" }),
    );
    expect(refused).toEqual(issuedRefusal);
    const lineOf = closed.invoice.line_items![0]!.id!;
    expect(
      await refusal(
        cb().invoice.deleteLineItems(draft.id, { line_items: [{ id: lineOf }] } as never),
      ),
    ).toEqual(issuedRefusal);

    const { invoice: another } = await issued(true);
    const deleted = await cb().invoice.delete(another.id);
    expect(deleted.invoice).toMatchObject({ id: another.id, deleted: true });
    const gone = await refusal(cb().invoice.retrieve(another.id));
    expect(gone.api_error_code).toBe("resource_not_found");
  });

  /** Chargebee's refusal of a charge added to an invoice no longer pending (it is issued). */
  const issuedRefusal = {
    message: "only a draft invoice takes or loses charges; this one is finalized",
    type: "invalid_request",
    api_error_code: "invalid_state_for_request",
    error_code: "invalid_state_for_request",
    error_msg: "only a draft invoice takes or loses charges; this one is finalized",
    http_status_code: 400,
    accrue_error_code: "invoice_not_draft",
    request_id: expect.stringMatching(/^req_/),
    headers: expect.any(Object),
  };

  it("add_charge_item: an addon item price charged on a pending invoice", async () => {
    const group = await t.server.must("POST", "/v1/plan_groups", {
      name: "Services",
      currency: "EUR",
      price_type: "net",
    });
    const onboarding = await t.server.must("POST", "/v1/components", {
      plan_group_id: group.id,
      name: "Onboarding",
      type: "quantity",
      price_per_unit: "49.90",
    });
    const { invoice: draft } = await issued(true);

    // priced and described by the item price: 2 × 49.90
    const added = await cb().invoice.addChargeItem(draft.id, {
      item_price: { item_price_id: onboarding.id, quantity: 2 },
      comment: "kick-off",
    });
    expect(added.invoice.status).toBe("pending");
    expect(added.invoice.line_items).toHaveLength(3);
    expect(added.invoice.line_items?.[2]).toMatchObject({
      description: "Onboarding",
      unit_amount: 4990,
      quantity: 2,
      amount: 9980,
      entity_type: "adhoc",
    });
    expect(added.invoice.sub_total).toBe(27_050 + 9980);
    expect(added.invoice.total).toBe(added.invoice.sub_total + added.invoice.tax!);
    expect(added.invoice.amount_due).toBe(added.invoice.total);

    // its own unit price and service period
    const priced = await cb().invoice.addChargeItem(draft.id, {
      item_price: {
        item_price_id: onboarding.id,
        unit_price: 1500,
        date_from: Date.UTC(2026, 3, 1) / 1000,
        date_to: Date.UTC(2026, 4, 1) / 1000,
      },
    });
    expect(priced.invoice.line_items?.[3]).toMatchObject({
      description: "Onboarding",
      unit_amount: 1500,
      quantity: 1,
      amount: 1500,
      date_from: Date.UTC(2026, 3, 1) / 1000,
      date_to: Date.UTC(2026, 4, 1) / 1000,
    });
    expect(priced.invoice.sub_total).toBe(27_050 + 9980 + 1500);
    const native = await t.server.must("GET", `/v1/invoices/${draft.id}`);
    expect(native.lines.slice(2).map((l: { amount: string }) => l.amount)).toEqual([
      "99.80",
      "15.00",
    ]);
    expect(native.total_net).toBe("385.30");

    const closed = await cb().invoice.close(draft.id);
    expect(closed.invoice).toMatchObject({
      total: priced.invoice.total,
      amount_due: priced.invoice.total,
    });

    // refusals: a plan's item price, an unknown one, a quantity of 0, an issued invoice
    const plan = await t.server.must("POST", "/v1/plans", { plan_group_id: group.id, name: "P" });
    const variant = await t.server.must("POST", "/v1/plan_variants", {
      plan_id: plan.id,
      internal_name: "M",
      recurring_fee: "10",
      fee_period: { unit: "month", count: 1 },
    });
    const { invoice: other } = await issued(true);
    expect(
      await refusal(
        cb().invoice.addChargeItem(other.id, { item_price: { item_price_id: variant.id } }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "item_price[item_price_id]",
    });
    expect(
      await refusal(
        cb().invoice.addChargeItem(other.id, { item_price: { item_price_id: "cmp_missing" } }),
      ),
    ).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
      param: "item_price[item_price_id]",
    });
    expect(
      await refusal(
        cb().invoice.addChargeItem(other.id, {
          item_price: { item_price_id: onboarding.id, quantity: 0 },
        }),
      ),
    ).toMatchObject({ api_error_code: "param_wrong_value", param: "item_price[quantity]" });
    expect(
      await refusal(
        cb().invoice.addChargeItem(draft.id, { item_price: { item_price_id: onboarding.id } }),
      ),
    ).toEqual(issuedRefusal);
    const untouched = await cb().invoice.retrieve(other.id);
    expect(untouched.invoice.sub_total).toBe(27_050);
  });

  it("record a refund of a transaction; sync a transaction", async () => {
    const { invoice } = await issued();
    const total = cents(invoice.total_gross);
    const today = Math.floor(Date.now() / 1000);
    const paid = await cb().invoice.recordPayment(invoice.id, {
      transaction: { payment_method: "check", date: today - 86_400 },
    } as never);
    const txn = paid.transaction!.id;
    expect(paid.invoice).toMatchObject({ status: "paid", amount_paid: total });

    const { transaction: refund } = await cb().transaction.recordRefund(txn, {
      amount: 2500,
      payment_method: "bank_transfer",
      date: today - 3600,
      reference_number: "RF-9",
      comment: "goodwill",
    });
    expect(refund).toMatchObject({
      type: "refund",
      status: "success",
      amount: 2500,
      currency_code: "EUR",
      payment_method: "bank_transfer",
      reference_number: "RF-9",
      gateway: "not_applicable",
      date: today - 3600,
      refunded_txn_id: txn,
      object: "transaction",
    });
    const { invoice: after } = await cb().invoice.retrieve(invoice.id);
    expect(after).toMatchObject({ amount_paid: total - 2500, amount_due: 2500 });
    expect(after.status).not.toBe("paid");

    // refusals: no payment method, a date before the payment, more than is left, no such txn
    expect(
      await refusal(cb().transaction.recordRefund(txn, { date: today } as never)),
    ).toMatchObject({ api_error_code: "param_wrong_value", param: "payment_method" });
    expect(
      await refusal(
        cb().transaction.recordRefund(txn, { payment_method: "cash", date: today - 2 * 86_400 }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "date",
      accrue_error_code: "invalid_refund_date",
    });
    expect(
      await refusal(
        cb().transaction.recordRefund(txn, { amount: total, payment_method: "cash", date: today }),
      ),
    ).toMatchObject({ http_status_code: 400, accrue_error_code: "refund_exceeds_payment" });
    expect(
      await refusal(
        cb().transaction.recordRefund("pay_missing", { payment_method: "cash", date: today }),
      ),
    ).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found" });

    // a payment reads as it is; an unknown one is not found
    const synced = await syncTransaction(cb(), txn);
    expect(synced.transaction).toMatchObject({
      id: txn,
      type: "payment",
      status: "success",
      amount: total,
      linked_invoices: [{ invoice_id: invoice.id, applied_amount: total }],
    });
    expect(await refusal(syncTransaction(cb(), "pay_missing"))).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
    });
  });

  it("sync a transaction: an authorization whose hold ran out is voided", async () => {
    const api = await billingTenant(t.server, "Chargebee sync", "2026-05-01T10:00:00Z");
    const client = chargebeeClient(t.server, api.key);
    const customer = await api.customer();
    await api.post(`/v1/customers/${customer}/payment_sources`, {
      type: "card",
      card: { number: "4242424242424242", exp_month: 12, exp_year: 2030 },
    });
    const { transaction: held } = await client.transaction.createAuthorization({
      customer_id: customer,
      amount: 5000,
      currency_code: "EUR",
    } as never);
    expect(held).toMatchObject({ type: "authorization", status: "success", amount: 5000 });
    // still held after six days
    await api.advance("2026-05-07T10:00:00Z");
    expect((await syncTransaction(client, held.id)).transaction).toMatchObject({
      id: held.id,
      type: "authorization",
      status: "success",
    });
    // the test gateway holds for 7 days
    await api.advance("2026-05-08T10:00:01Z");
    expect((await syncTransaction(client, held.id)).transaction).toMatchObject({
      id: held.id,
      type: "authorization",
      status: "voided",
      amount: 5000,
    });
  });

  it("collect through a card, refund through the gateway, refund a transaction", async () => {
    const { customer, invoice } = await issued();
    const total = cents(invoice.total_gross);
    await t.server.must("POST", `/v1/customers/${customer.id}/payment_sources`, {
      type: "card",
      card: { number: "4242424242424242", exp_month: 12, exp_year: 2030 },
    });
    const collected = await cb().invoice.collectPayment(invoice.id);
    expect(collected.invoice).toMatchObject({ status: "paid", amount_paid: total, amount_due: 0 });
    expect(collected.transaction).toMatchObject({
      type: "payment",
      status: "success",
      payment_method: "card",
      amount: total,
      masked_card_number: "************4242",
    });
    const refunded = await cb().invoice.refund(invoice.id, { refund_amount: 1000 });
    expect(refunded.invoice).toMatchObject({ amount_paid: total - 1000, amount_due: 1000 });
    expect(refunded.transaction).toMatchObject({ type: "refund", amount: 1000 });

    const again = await cb().transaction.refund(collected.transaction!.id, { amount: 500 });
    expect(again.transaction).toMatchObject({
      type: "refund",
      amount: 500,
      refunded_txn_id: collected.transaction!.id,
    });
    const { invoice: after } = await cb().invoice.retrieve(invoice.id);
    expect(after).toMatchObject({ amount_paid: total - 1500, amount_due: 1500 });

    // a refund of the card payment recorded by hand: paid back in cash, through no gateway
    const paid = collected.transaction!;
    // dated in a whole second after the payment's (the system clock's now, or earlier)
    await new Promise((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));
    const date = Math.floor(Date.now() / 1000);
    const { transaction: cash } = await cb().transaction.recordRefund(paid.id, {
      amount: 300,
      payment_method: "cash",
      date,
    });
    const recorded = {
      id: expect.stringMatching(/^pay_/),
      customer_id: customer.id,
      payment_method: "cash",
      gateway: "not_applicable",
      type: "refund",
      date,
      amount: 300,
      currency_code: "EUR",
      status: "success",
      refunded_txn_id: paid.id,
      deleted: false,
      object: "transaction",
      created_at: expect.any(Number),
      updated_at: expect.any(Number),
    };
    expect(cash).toEqual(recorded);
    expect((await cb().transaction.retrieve(cash!.id)).transaction).toEqual(recorded);
  });

  it("import an invoice another system issued", async () => {
    const customer = await t.server.must("POST", "/v1/customers", {
      first_name: "Imported",
      address: { country: "DE" },
    });
    const { invoice } = await cb().invoice.importInvoice({
      id: "LEGACY-1001",
      customer_id: customer.id,
      currency_code: "EUR",
      date: Date.UTC(2025, 10, 1) / 1000,
      due_date: Date.UTC(2025, 10, 15) / 1000,
      total: 2500,
      line_items: [
        { description: "Old plan", unit_amount: 1000, quantity: 2 },
        { description: "Old addon", amount: 500 },
      ],
    } as never);
    expect(invoice).toMatchObject({
      customer_id: customer.id,
      date: Date.UTC(2025, 10, 1) / 1000,
      due_date: Date.UTC(2025, 10, 15) / 1000,
      total: 2500,
      amount_due: 2500,
      status: "payment_due",
      line_items: [{ amount: 2000, quantity: 2 }, { amount: 500 }],
    });
    const native = await t.server.must("GET", `/v1/invoices/${invoice.id}`);
    expect(native.number).toBe("LEGACY-1001");

    const wrongTotal = await refusal(
      cb().invoice.importInvoice({
        id: "LEGACY-1002",
        customer_id: customer.id,
        currency_code: "EUR",
        date: Date.UTC(2025, 10, 1) / 1000,
        total: 9999,
        line_items: [{ description: "Old plan", unit_amount: 1000 }],
      } as never),
    );
    expect(wrongTotal.http_status_code).toBe(400);
    const taxed = await refusal(
      cb().invoice.importInvoice({
        id: "LEGACY-1003",
        customer_id: customer.id,
        currency_code: "EUR",
        date: Date.UTC(2025, 10, 1) / 1000,
        line_items: [{ description: "Taxed", unit_amount: 1000, tax1_name: "VAT" }],
      } as never),
    );
    expect(taxed).toMatchObject({
      api_error_code: "param_not_supported",
      param: "line_items[tax1_name][0]",
    });
  });

  it("Chargebee's errors", async () => {
    const unknown = await refusal(cb().invoice.retrieve("inv_missing"));
    expect(unknown).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found" });

    const { invoice } = await issued();
    const badMethod = await refusal(
      cb().invoice.recordPayment(invoice.id, {
        transaction: { amount: 100, payment_method: "bitcoin" },
      } as never),
    );
    expect(badMethod).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "transaction[payment_method]",
    });
    const notNumber = await refusal(
      cb().invoice.recordPayment(invoice.id, {
        transaction: { amount: "ten", payment_method: "cash" },
      } as never),
    );
    expect(notNumber).toMatchObject({
      api_error_code: "param_wrong_value",
      param: "transaction[amount]",
    });

    await cb().invoice.voidInvoice(invoice.id);
    const afterVoid = await refusal(
      cb().invoice.recordPayment(invoice.id, { transaction: { payment_method: "cash" } } as never),
    );
    expect(afterVoid.http_status_code).toBe(400);
    expect(["invalid_state_for_request", "invalid_request"]).toContain(afterVoid.api_error_code);

    const unknownTxn = await refusal(cb().transaction.retrieve("pay_missing"));
    expect(unknownTxn.api_error_code).toBe("resource_not_found");
  });
});
