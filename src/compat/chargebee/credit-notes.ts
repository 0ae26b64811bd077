/**
 * Chargebee's credit notes over Accrue's credit notes (documents of `kind: credit_note` that
 * correct one invoice).
 *
 * A credit note always corrects an invoice: it lowers what the invoice owes, and what the
 * invoice had been paid beyond that can be refunded (`refund`, `record_refund`). Chargebee's
 * `type` (`adjustment`, `refundable`) is therefore one kind in Accrue: `refundable` is
 * accepted and behaves the same. Reads answer `voided` for a void credit note and `adjusted`
 * otherwise (a draft: `pending`); the refund calls answer `amount_refunded`,
 * `amount_available` and `refunded`/`refund_due` from the refund's own figures.
 */
import type { FastifyInstance } from "fastify";
import { customerId } from "./customers.js";
import {
  downloadObject,
  importDocument,
  lineItems,
  loadDocument,
  type NativeInvoice,
} from "./invoices.js";
import { type CbCall, cbRoute } from "./routes.js";
import { type NativePayment, transactionObject } from "./transactions.js";
import {
  compact,
  fromMinor,
  listOf,
  minor,
  missing,
  notSupported,
  type Reader,
  sortedByCreation,
  unix,
  unixDate,
  wrongValue,
} from "./wire.js";

type Refunds = { total: string; refunded: string; refundable: string; refunds: NativePayment[] };

export function creditNoteObject(doc: NativeInvoice, refunds?: Refunds): Record<string, unknown> {
  const money = (amount: string) => Math.abs(minor(amount, doc.currency));
  const status =
    doc.status === "void"
      ? "voided"
      : doc.status === "draft"
        ? "pending"
        : refunds && money(refunds.refunded) > 0
          ? money(refunds.refundable) > 0
            ? "refund_due"
            : "refunded"
          : "adjusted";
  const lines = doc.lines.filter((l) => l.kind !== "discount");
  return compact({
    id: doc.id,
    customer_id: doc.customer_id,
    subscription_id: doc.contract_id,
    reference_invoice_id: doc.corrects_invoice_id,
    type: "adjustment",
    create_reason_code: "Other",
    status,
    date: unixDate(doc.issue_date),
    price_type: doc.price_basis === "gross" ? "tax_inclusive" : "tax_exclusive",
    currency_code: doc.currency,
    exchange_rate: 1,
    total: money(doc.total_gross),
    sub_total: lines.reduce((sum, l) => sum + money(l.amount), 0),
    ...(refunds
      ? {
          amount_refunded: money(refunds.refunded),
          amount_available: money(refunds.refundable),
        }
      : {}),
    generated_at: unix(doc.finalized_at ?? doc.created_at),
    voided_at: unix(doc.voided_at),
    updated_at: unix(doc.voided_at ?? doc.finalized_at ?? doc.created_at),
    line_items: lineItems(doc).map((l) => ({
      ...l,
      amount: Math.abs(l.amount as number),
      ...(typeof l.unit_amount === "number" ? { unit_amount: Math.abs(l.unit_amount) } : {}),
      ...(typeof l.tax_amount === "number" ? { tax_amount: Math.abs(l.tax_amount) } : {}),
    })),
    channel: "web",
    deleted: false,
    object: "credit_note",
  });
}

const enc = encodeURIComponent;

const load = (call: CbCall, id: string, param?: string) =>
  loadDocument(call, id, "credit_note", param);

async function withCreditNote(call: CbCall, id: string, extra: Record<string, unknown> = {}) {
  return { credit_note: creditNoteObject(await load(call, id)), ...extra };
}

async function listCreditNotes(call: CbCall, p: Reader, customer: string | undefined) {
  const { limit, offset } = p.page();
  const invoice = p.filterIs("reference_invoice_id", 64);
  const subscription = p.filterIs("subscription_id", 64);
  const statusFilter = p.object("status");
  const status = statusFilter?.oneOf("is", ["adjusted", "refunded", "refund_due", "voided"]);
  statusFilter?.rejectUnread();
  sortedByCreation(p);
  p.rejectUnread();
  const page = await call.get("/v1/invoices", {
    kind: "credit_note",
    limit,
    cursor: offset,
    customer_id: customer,
    contract_id: subscription,
    status: status === "voided" ? "void" : status ? "finalized" : undefined,
  });
  const docs = (page.data as NativeInvoice[]).filter(
    (d) => !invoice || d.corrects_invoice_id === invoice,
  );
  return listOf(
    docs
      .map((d) => creditNoteObject(d))
      // refunded and refund_due are known from the refunds alone: filtered within the page
      .filter((c) => !status || c.status === status)
      .map((credit_note) => ({ credit_note })),
    page.next_cursor,
  );
}

export async function chargebeeCreditNoteRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(app, "POST", "/credit_notes", "credit_note.create", async (call) => {
    const p = call.params;
    const invoiceId = p.str("reference_invoice_id", 64);
    if (!invoiceId) throw missing("reference_invoice_id");
    const customer = p.str("customer_id", 64);
    const type = p.oneOf("type", ["adjustment", "refundable", "store"]);
    if (!type) throw missing("type");
    if (type === "store") throw notSupported("type", "store credits are promotional credits");
    const total = p.int("total", 0);
    const reason = p.str("reason_code", 50);
    const createReason = p.str("create_reason_code", 200);
    const comment = p.str("comment", 200);
    const currency = p.str("currency_code", 3);
    if (p.has("date")) throw notSupported("date", "a credit note is dated when it is issued");
    const invoice = await loadDocument(call, invoiceId, "invoice", "reference_invoice_id");
    if (currency && currency !== invoice.currency) {
      throw wrongValue("currency_code", `the invoice is in ${invoice.currency}`);
    }
    if (customer && (await customerId(call, customer)) !== invoice.customer_id) {
      throw wrongValue("customer_id", "is not the invoice's customer");
    }
    const lines = p.rows("line_items", 100).map((row, i) => {
      const line = row.str("reference_line_item_id", 64);
      if (!line) throw missing(`line_items[reference_line_item_id][${i}]`);
      const amount = row.int("amount", 1);
      for (const key of ["unit_amount", "quantity", "date_from", "date_to", "entity_type"]) {
        if (row.has(key)) {
          throw notSupported(`line_items[${key}][${i}]`, "credit a line by its amount");
        }
      }
      row.rejectUnread(["description", "entity_id"]);
      return compact({
        line_id: line,
        amount: amount === undefined ? undefined : fromMinor(amount, invoice.currency),
      });
    });
    p.rejectUnread(["customer_notes"]);
    if (lines.length === 0 && total !== undefined) {
      const full = minor(invoice.total_gross, invoice.currency);
      if (total !== full) {
        throw notSupported("total", "a partial credit names the lines (line_items) it credits");
      }
    }
    const created: NativeInvoice = await call.change(
      "POST",
      `/v1/invoices/${enc(invoiceId)}/credit_notes`,
      compact({
        lines: lines.length > 0 ? lines : undefined,
        reason: comment ?? createReason ?? reason,
      }),
    );
    return withCreditNote(call, created.id);
  });

  cbRoute(
    app,
    "POST",
    "/credit_notes/import_credit_note",
    "credit_note.import_credit_note",
    async (call) => {
      const imported = await importDocument(call, "credit_note");
      return withCreditNote(call, imported.id);
    },
  );

  cbRoute(app, "GET", "/credit_notes/:id", "credit_note.retrieve", async (call) => {
    call.params.rejectUnread();
    return withCreditNote(call, call.id);
  });

  cbRoute(app, "GET", "/credit_notes", "credit_note.list", async (call) => {
    const p = call.params;
    const customer = p.filterIs("customer_id", 64);
    const id = customer ? await customerId(call, customer) : undefined;
    return listCreditNotes(call, p, id);
  });

  cbRoute(
    app,
    "GET",
    "/customers/:id/credit_notes",
    "credit_note.credit_notes_for_customer",
    async (call) => {
      const id = await customerId(call, call.id, "id");
      return listCreditNotes(call, call.params, id);
    },
  );

  cbRoute(app, "POST", "/credit_notes/:id/pdf", "credit_note.pdf", async (call) => {
    const p = call.params;
    const disposition = p.oneOf("disposition_type", ["attachment", "inline"]);
    p.rejectUnread();
    if (disposition === "inline") throw notSupported("disposition_type", "the link downloads");
    await load(call, call.id);
    const link = await call.change("POST", `/v1/invoices/${enc(call.id)}/download_link`);
    return { download: downloadObject(link) };
  });

  const RECORDED_METHODS = ["cash", "check", "bank_transfer", "card", "other"] as const;
  for (const [path, operation] of [
    ["refund", "credit_note.refund"],
    ["record_refund", "credit_note.record_refund"],
  ] as const) {
    cbRoute(app, "POST", `/credit_notes/:id/${path}`, operation, async (call) => {
      const p = call.params;
      const doc = await load(call, call.id);
      const body: Record<string, unknown> = {};
      if (path === "refund") {
        const amount = p.int("refund_amount", 1);
        if (amount !== undefined) body.amount = fromMinor(amount, doc.currency);
        const notes = p.str("customer_notes", 200);
        if (notes) body.reference = notes;
      } else {
        const t = p.object("transaction");
        if (t) {
          const amount = t.int("amount", 1);
          if (amount !== undefined) body.amount = fromMinor(amount, doc.currency);
          const reference = t.str("reference_number", 200);
          if (reference) body.reference = reference;
          const method = t.str("payment_method", 50);
          if (method && !(RECORDED_METHODS as readonly string[]).includes(method)) {
            throw notSupported(
              "transaction[payment_method]",
              `takes ${RECORDED_METHODS.join(", ")}`,
            );
          }
          if (method) body.payment_method = method;
          t.int("date", 0);
          t.rejectUnread();
        }
        const comment = p.str("comment", 200);
        if (comment && !body.reference) body.reference = comment;
      }
      p.rejectUnread(["refund_reason_code"]);
      const answer: Refunds = await call.change(
        "POST",
        `/v1/credit_notes/${enc(call.id)}/${path}`,
        body,
      );
      const refund = answer.refunds[0];
      return {
        credit_note: creditNoteObject(await load(call, call.id), answer),
        ...(refund ? { transaction: await transactionObject(call, refund) } : {}),
      };
    });
  }

  cbRoute(app, "POST", "/credit_notes/:id/void", "credit_note.void_credit_note", async (call) => {
    call.params.str("comment", 300);
    call.params.rejectUnread();
    await load(call, call.id);
    await call.change("POST", `/v1/invoices/${enc(call.id)}/void`);
    return withCreditNote(call, call.id);
  });

  cbRoute(app, "POST", "/credit_notes/:id/delete", "credit_note.delete", async (call) => {
    call.params.str("comment", 300);
    call.params.rejectUnread();
    const doc = await load(call, call.id);
    await call.change("DELETE", `/v1/credit_notes/${enc(call.id)}`);
    return { credit_note: { ...creditNoteObject(doc), deleted: true } };
  });

  cbRoute(
    app,
    "POST",
    "/credit_notes/:id/remove_tax_withheld_refund",
    "credit_note.remove_tax_withheld_refund",
    async (call) => {
      const p = call.params;
      const t = p.object("tax_withheld");
      const id = t?.str("id", 64);
      t?.rejectUnread();
      p.rejectUnread();
      if (!id) throw missing("tax_withheld[id]");
      await load(call, call.id);
      await call.change("POST", `/v1/credit_notes/${enc(call.id)}/remove_tax_withheld_refund`, {
        refund_id: id,
      });
      return withCreditNote(call, call.id);
    },
  );

  for (const path of ["send_einvoice", "resend_einvoice"] as const) {
    cbRoute(app, "POST", `/credit_notes/:id/${path}`, `credit_note.${path}`, async (call) => {
      call.params.rejectUnread();
      await load(call, call.id);
      await call.change("POST", `/v1/credit_notes/${enc(call.id)}/${path}`);
      return withCreditNote(call, call.id);
    });
  }
}
