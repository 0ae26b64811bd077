/**
 * Chargebee's official Node client against the `/api/v2` credit notes: creating one for an
 * invoice (in full or for chosen lines), reading and listing, refunding what was paid, the
 * PDF link, voiding and deleting a draft, and Chargebee's errors.
 */
import { expect, it } from "vitest";
import { describeServer } from "../server.js";
import { chargebeeClient, refusal } from "./chargebee-client.js";

describeServer("chargebee client: credit notes", (t) => {
  const cb = () => chargebeeClient(t.server);
  const cents = (amount: string) => Math.round(Math.abs(Number(amount)) * 100);

  async function paidInvoice(pay = true) {
    const customer = await t.server.must("POST", "/v1/customers", {
      first_name: "Credit",
      address: { country: "DE", city: "Berlin" },
    });
    const invoice = await t.server.must("POST", "/v1/invoices", {
      customer_id: customer.id,
      currency: "EUR",
      lines: [
        { description: "Licence", unit_price: "80.00" },
        { description: "Support", unit_price: "20.00" },
      ],
    });
    if (pay) {
      await t.server.must("POST", `/v1/invoices/${invoice.id}/record_payment`, {
        payment_method: "bank_transfer",
      });
    }
    return { customer, invoice };
  }

  it("create for chosen lines → retrieve → list → refund what was paid", async () => {
    const { customer, invoice } = await paidInvoice();
    const licence = invoice.lines.find((l: { description: string }) => l.description === "Licence");
    const { credit_note: note } = await cb().creditNote.create({
      reference_invoice_id: invoice.id,
      type: "refundable",
      reason_code: "product_unsatisfactory",
      line_items: [{ reference_line_item_id: licence.id, amount: 3000 }],
    } as never);
    expect(note).toMatchObject({
      customer_id: customer.id,
      reference_invoice_id: invoice.id,
      type: "adjustment",
      status: "adjusted",
      currency_code: "EUR",
      sub_total: 3000,
      line_items: [{ amount: 3000, object: "line_item" }],
      object: "credit_note",
    });
    const native = await t.server.must("GET", `/v1/invoices/${note.id}`);
    expect(note.total).toBe(cents(native.total_gross));
    expect(note.total).toBeGreaterThanOrEqual(3000);

    const read = await cb().creditNote.retrieve(note.id);
    expect(read.credit_note).toEqual(note);

    const listed = await cb().creditNote.list({
      customer_id: { is: customer.id },
      reference_invoice_id: { is: invoice.id },
    } as never);
    expect(listed.list.map((e) => e.credit_note.id)).toEqual([note.id]);
    const forCustomer = await cb().creditNote.creditNotesForCustomer(customer.id);
    expect(forCustomer.list.map((e) => e.credit_note.id)).toEqual([note.id]);

    // the invoice was paid in full: the credit is refundable
    const refunded = await cb().creditNote.recordRefund(note.id, {
      transaction: { amount: 1000, payment_method: "bank_transfer", reference_number: "R-1" },
      comment: "partial",
    } as never);
    expect(refunded.credit_note).toMatchObject({
      id: note.id,
      amount_refunded: 1000,
      amount_available: (note.total ?? 0) - 1000,
      status: "refund_due",
    });
    expect(refunded.transaction).toMatchObject({ type: "refund", amount: 1000 });

    const rest = await cb().creditNote.recordRefund(note.id, {
      transaction: { payment_method: "bank_transfer" },
    } as never);
    expect(rest.credit_note).toMatchObject({ amount_available: 0, status: "refunded" });

    const { invoice: after } = await cb().invoice.retrieve(invoice.id);
    expect(after.amount_paid).toBe(cents(invoice.total_gross) - (note.total ?? 0));
  });

  it("in full, PDF, void; a draft is deleted", async () => {
    const { invoice } = await paidInvoice(false);
    const total = cents(invoice.total_gross);
    const { credit_note: full } = await cb().creditNote.create({
      reference_invoice_id: invoice.id,
      type: "adjustment",
      total,
    } as never);
    expect(full.total).toBe(total);
    const { invoice: credited } = await cb().invoice.retrieve(invoice.id);
    expect(credited).toMatchObject({ amount_due: 0, amount_adjusted: total, status: "paid" });

    const { download } = await cb().creditNote.pdf(full.id);
    expect(download).toMatchObject({ mime_type: "application/pdf", object: "download" });
    const link = new URL(download.download_url);
    const res = await fetch(`${t.server.url}${link.pathname}${link.search}`);
    expect(res.status).toBe(200);

    const voided = await cb().creditNote.voidCreditNote(full.id, { comment: "by mistake" });
    expect(voided.credit_note.status).toBe("voided");
    const { invoice: owing } = await cb().invoice.retrieve(invoice.id);
    expect(owing.amount_due).toBe(total);

    const draft = await t.server.must("POST", `/v1/invoices/${invoice.id}/credit_notes`, {
      draft: true,
    });
    expect((await cb().creditNote.retrieve(draft.id)).credit_note.status).toBe("pending");
    const deleted = await cb().creditNote.delete(draft.id);
    expect(deleted.credit_note).toMatchObject({ id: draft.id, deleted: true });
    const gone = await refusal(cb().creditNote.retrieve(draft.id));
    expect(gone.api_error_code).toBe("resource_not_found");
  });

  it("import a credit note, apply another's credit to an invoice and take it off", async () => {
    const { customer, invoice } = await paidInvoice(false);
    const total = cents(invoice.total_gross);
    const { credit_note: imported } = await cb().creditNote.importCreditNote({
      id: "LEGACY-CN-7",
      reference_invoice_id: invoice.id,
      type: "adjustment",
      create_reason_code: "Other",
      date: Date.UTC(2026, 0, 10) / 1000,
      total: 1500,
      line_items: [{ description: "Goodwill", unit_amount: 1500 }],
    } as never);
    expect(imported).toMatchObject({
      customer_id: customer.id,
      reference_invoice_id: invoice.id,
      total: 1500,
      status: "adjusted",
      date: Date.UTC(2026, 0, 10) / 1000,
    });
    expect((await t.server.must("GET", `/v1/invoices/${imported.id}`)).number).toBe("LEGACY-CN-7");
    const { invoice: lowered } = await cb().invoice.retrieve(invoice.id);
    expect(lowered).toMatchObject({ amount_due: total - 1500, amount_adjusted: 1500 });

    // an invoice paid in full, then credited: its credit pays another invoice
    const paid = await paidInvoice();
    const { credit_note: credit } = await cb().creditNote.create({
      reference_invoice_id: paid.invoice.id,
      type: "refundable",
    });
    const second = await t.server.must("POST", "/v1/invoices", {
      customer_id: paid.customer.id,
      currency: "EUR",
      lines: [{ description: "More", unit_price: "5.00" }],
    });
    const secondTotal = cents(second.total_gross);
    const applied = await cb().invoice.applyCredits(second.id, {
      credit_notes: [{ id: credit.id }],
    } as never);
    expect(applied.invoice).toMatchObject({
      status: "paid",
      amount_due: 0,
      amount_adjusted: secondTotal,
    });
    const removed = await cb().invoice.removeCreditNote(second.id, {
      credit_note: { id: credit.id },
    });
    expect(removed.invoice).toMatchObject({ amount_due: secondTotal, amount_adjusted: 0 });

    const spent = await refusal(
      cb().invoice.applyCredits(invoice.id, { credit_notes: [{ id: imported.id }] } as never),
    );
    expect(spent).toMatchObject({ http_status_code: 400, type: "invalid_request" });
  });

  it("Chargebee's errors", async () => {
    const unknown = await refusal(cb().creditNote.retrieve("inv_missing"));
    expect(unknown).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found" });

    const { invoice } = await paidInvoice(false);
    // an invoice is not a credit note
    const notNote = await refusal(cb().creditNote.retrieve(invoice.id));
    expect(notNote.api_error_code).toBe("resource_not_found");

    const partial = await refusal(
      cb().creditNote.create({ reference_invoice_id: invoice.id, type: "adjustment", total: 1 }),
    );
    expect(partial).toMatchObject({ api_error_code: "param_not_supported", param: "total" });

    const badType = await refusal(
      cb().creditNote.create({ reference_invoice_id: invoice.id, type: "gift" } as never),
    );
    expect(badType).toMatchObject({ api_error_code: "param_wrong_value", param: "type" });

    const noInvoice = await refusal(
      cb().creditNote.create({ reference_invoice_id: "inv_nope", type: "adjustment" }),
    );
    expect(noInvoice).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
      param: "reference_invoice_id",
    });

    // nothing was paid: nothing to refund
    const { credit_note: note } = await cb().creditNote.create({
      reference_invoice_id: invoice.id,
      type: "adjustment",
    });
    const refund = await refusal(
      cb().creditNote.recordRefund(note.id, {
        transaction: { payment_method: "bank_transfer", amount: 100 },
      } as never),
    );
    expect(refund.http_status_code).toBe(400);
    expect(refund.accrue_error_code).toBeDefined();

    await cb().creditNote.voidCreditNote(note.id);
    const twice = await refusal(cb().creditNote.voidCreditNote(note.id));
    expect(twice.http_status_code).toBe(400);
  });
});
