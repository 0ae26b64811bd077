/**
 * Invoices and credit notes as documents: created from priced lines (the tax breakdown is
 * computed once per rate), finalised with the next number of their business entity's
 * gap-free sequence, voided, and corrected by credit notes. A finalised document is never
 * edited: a correction is a new document.
 */

import type { Kysely } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { Static } from "typebox";
import { notFound, unprocessable } from "../../domain/errors.js";
import { isId } from "../../domain/ids.js";
import { allows, DOCUMENT_TRANSITIONS } from "../../domain/invoicing/states.js";
import { taxTotals } from "../../domain/invoicing/tax.js";
import {
  Dec,
  fromDecimalString,
  type Money,
  money,
  toDecimalString,
} from "../../domain/money/index.js";
import { localDate } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import type { Address, DB, PartySnapshot, TaxRow } from "../../storage/schema.js";
import type { Ctx } from "../context.js";
import { billAgain, unbillRatedItems } from "../contracts/index.js";
import { applyPromotionalCredits } from "../credits/index.js";
import { type CustomerRow, findCustomer } from "../customers/index.js";
import { findEntity } from "../entities/index.js";
import { type CursorValueShape, fetchPageBatch, type Page, pagingFor } from "../pagination.js";
import { unbillUsage } from "../usage/index.js";
import type { InvoiceDocument } from "./document.js";
import {
  creditedPerLine,
  deleteDraftDocument,
  documentNumber,
  findLiveCreditNote,
  insertDocumentLines,
  insertDocumentRows,
  issueDocumentRow,
  linesOfDocuments,
  stopDocumentDunning,
  updateDocumentDetails,
  voidDocumentRow,
} from "./documents.repository.js";
import {
  countInvoiceRows,
  type EntityRow,
  findInvoice,
  type InvoiceFilter,
  type InvoiceRow,
  type InvoiceSort,
  type LineRow,
  linesOf,
  listInvoiceRows,
  nextSequenceValue,
  reserveSequence,
  sortValuesOf,
} from "./invoicing.repository.js";
import type { InvoiceDetailsBody, InvoiceLineSchema, InvoiceSchema } from "./invoicing.schemas.js";
import { renderDocumentPdf } from "./pdf.js";

/** A document line as answered; InvoiceLineSchema defines it. */
export type InvoiceLine = Static<typeof InvoiceLineSchema>;

export type Party = PartySnapshot;

/** An invoice or credit note as answered; InvoiceSchema defines it. */
export type Invoice = Static<typeof InvoiceSchema>;

const minor = (amount: string, currency: string) =>
  toDecimalString(money(BigInt(amount), currency));

const toLine = (l: LineRow, currency: string): InvoiceLine => ({
  id: l.id,
  position: l.position,
  kind: l.kind,
  charge_key: l.charge_key,
  description: l.description,
  period_start: l.period_start,
  period_end: l.period_end,
  quantity: l.quantity,
  unit_price: l.unit_price,
  amount: minor(l.amount, currency),
  tax_rate: l.tax_rate,
  credited_line_id: l.credited_line_id,
});

export function toInvoice(r: InvoiceRow, lines: LineRow[]): Invoice {
  const c = r.currency;
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    number: r.number,
    business_entity_id: r.business_entity_id,
    customer_id: r.customer_id,
    contract_id: r.contract_id,
    currency: c,
    price_basis: r.price_basis,
    issue_date: r.issue_date,
    due_date: r.due_date,
    service_period_start: r.service_period_start,
    service_period_end: r.service_period_end,
    total_net: minor(r.total_net, c),
    total_tax: minor(r.total_tax, c),
    total_gross: minor(r.total_gross, c),
    tax_rows: r.tax_rows.map((t) => ({
      rate: t.rate,
      net: minor(t.net, c),
      tax: minor(t.tax, c),
      gross: minor(t.gross, c),
    })),
    reverse_charge: r.reverse_charge,
    corrects_invoice_id: r.corrects_invoice_id,
    billing_run_id: r.billing_run_id,
    sender: r.sender,
    recipient: r.recipient,
    lines: lines.map((l) => toLine(l, c)),
    created_at: r.created_at.toISOString(),
    finalized_at: r.finalized_at ? r.finalized_at.toISOString() : null,
    voided_at: r.voided_at ? r.voided_at.toISOString() : null,
    credits_applied: minor(r.credits_applied, c),
    po_number: r.po_number,
    notes: r.notes,
    dunning_stopped_at: r.dunning_stopped_at ? r.dunning_stopped_at.toISOString() : null,
  };
}

export function recipientOf(c: CustomerRow): PartySnapshot {
  const person = [c.first_name, c.last_name].filter(Boolean).join(" ") || null;
  return {
    name: c.company_name ?? person ?? c.email ?? c.id,
    sub_name: c.company_name ? person : null,
    address: c.address,
    vat_id: c.vat_id,
    tax_number: null,
    email: c.email,
  };
}

export const senderOf = (e: EntityRow): PartySnapshot => ({
  name: e.name,
  sub_name: null,
  address: { ...e.address, ...(e.country && !e.address.country ? { country: e.country } : {}) },
  vat_id: e.vat_id,
  tax_number: e.tax_number,
  email: e.email,
});

export type LineInput = {
  kind: string;
  chargeKey: string | null;
  contractId: string | null;
  description: string;
  periodStart: string | null;
  periodEnd: string | null;
  quantity: string;
  unitPrice: string;
  amount: Money;
  taxRate: string;
  creditedLineId?: string | null;
};

export type DocumentInput = {
  kind?: "invoice" | "credit_note";
  entity: EntityRow;
  customer: CustomerRow;
  contractId: string | null;
  currency: string;
  priceBasis: "net" | "gross";
  reverseCharge: boolean;
  lines: LineInput[];
  correctsInvoiceId?: string | null;
  billingRunId?: string | null;
  draft: boolean;
};

const today = (ctx: Ctx, timeZone: string) => localDate(ctx.clock.now(), timeZone).toString();

/**
 * Writes a document and its lines; finalises it unless `draft`. Without an explicit kind, a
 * document whose total is below zero is a credit note.
 */
export async function createDocument(ctx: Ctx, input: DocumentInput): Promise<InvoiceRow> {
  const [row] = await createDocuments(ctx, [input]);
  return row!;
}

/**
 * Writes several documents at once (a billing run's batch): numbers are taken per business
 * entity and kind in one step, rows and lines are inserted in one statement each. Each
 * document is audited and announced (`….created`, then `….finalized`) in input order.
 */
export async function createDocuments(
  ctx: Ctx,
  inputs: readonly DocumentInput[],
): Promise<InvoiceRow[]> {
  return (await writeDocuments(ctx, prepareDocuments(ctx, inputs))).map((d) => d.row);
}

/** Documents with their ids and kinds decided, not written yet. */
export type PreparedDocument = {
  readonly input: DocumentInput;
  readonly row: InvoiceRow;
  readonly lines: LineRow[];
};

export function prepareDocuments(ctx: Ctx, inputs: readonly DocumentInput[]): PreparedDocument[] {
  const now = new Date(ctx.clock.now().epochMilliseconds);
  return inputs.map((input) => ({ input, ...draftOf(ctx, input, now) }));
}

/**
 * Numbers, audits, announces and inserts prepared documents. The numbers' counter rows stay
 * locked until the transaction ends: call this last in a long transaction.
 */
export async function writeDocuments(
  ctx: Ctx,
  prepared: readonly PreparedDocument[],
): Promise<{ row: InvoiceRow; lines: LineRow[] }[]> {
  // numbers: one reservation per business entity and kind, handed out in input order
  const numbered = new Map<string, { entity: EntityRow; kind: InvoiceRow["kind"]; n: number }>();
  for (const { input, row } of prepared) {
    if (input.draft) continue;
    const key = `${row.business_entity_id}:${row.kind}`;
    const entry = numbered.get(key) ?? { entity: input.entity, kind: row.kind, n: 0 };
    entry.n += 1;
    numbered.set(key, entry);
  }
  // the customers' promotional credits, applied to the invoices issued now: before the
  // numbers, so a customer's row lock is never awaited while a counter is held
  const credits = await applyPromotionalCredits(
    ctx,
    prepared
      .filter(({ input, row }) => !input.draft && row.kind === "invoice")
      .map(({ row }) => ({
        invoiceId: row.id,
        customerId: row.customer_id,
        currency: row.currency,
        due: BigInt(row.total_gross),
      })),
  );
  // the lines before the numbers, their documents after them (each line's document is
  // checked at commit): the counter, held from the numbers to the commit, is not held while
  // the lines are written
  await insertDocumentLines(
    ctx.db,
    prepared.flatMap((p) => p.lines),
    { documentsLater: true },
  );
  const next = new Map<string, bigint>();
  // counters are locked in one order (entity, then kind) by every transaction: two batches
  // that both issue invoices and credit notes wait for each other instead of deadlocking
  const inOrder = [...numbered].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, { entity, kind, n }] of inOrder) {
    next.set(
      key,
      await reserveSequence(ctx.db, { tenantId: ctx.tenantId, entityId: entity.id, kind }, n),
    );
  }

  const written: { row: InvoiceRow; lines: LineRow[] }[] = [];
  for (const { input, row: draft, lines } of prepared) {
    const created = toInvoice(draft, lines);
    await ctx.emit({
      type: `${draft.kind}.created`,
      subjectType: draft.kind,
      subjectId: draft.id,
      payload: summary(created),
    });
    if (input.draft) {
      ctx.audit({ targetType: draft.kind, targetId: draft.id, after: summary(created) });
      written.push({ row: draft, lines });
      continue;
    }
    const key = `${draft.business_entity_id}:${draft.kind}`;
    const sequence = next.get(key)!;
    next.set(key, sequence + 1n);
    const final = {
      ...issued(draft, input.entity, sequence, input.customer.time_zone, ctx),
      credits_applied: String(credits.get(draft.id) ?? 0n),
    };
    const after = toInvoice(final, lines);
    // created issued: one audit record with the document as issued (its lines are the
    // document's own, and an issued document never changes)
    ctx.audit({ targetType: draft.kind, targetId: draft.id, after: summary(after) });
    await ctx.emit({
      type: `${draft.kind}.finalized`,
      subjectType: draft.kind,
      subjectId: draft.id,
      payload: summary(after),
    });
    await announceCovered(ctx, final);
    written.push({ row: final, lines });
  }

  await insertDocumentRows(
    ctx.db,
    written.map((w) => w.row),
  );
  return written;
}

/** A document as a draft row and its line rows, not written yet. */
function draftOf(ctx: Ctx, input: DocumentInput, now: Date): { row: InvoiceRow; lines: LineRow[] } {
  const totals = taxTotals(
    input.lines.map((l) => ({ amount: l.amount, rate: l.taxRate })),
    input.priceBasis,
    input.currency,
  );
  const kind = input.kind ?? (totals.gross.amount < 0n ? "credit_note" : "invoice");
  const periods = input.lines.filter((l) => l.periodStart && l.periodEnd);
  const first = periods.map((l) => l.periodStart!).sort()[0] ?? null;
  const last =
    periods
      .map((l) => l.periodEnd!)
      .sort()
      .at(-1) ?? null;
  const id = newId(kind === "invoice" ? "invoice" : "creditNote");
  const taxRows: TaxRow[] = totals.rows.map((r) => ({
    rate: r.rate,
    net: String(r.net.amount),
    tax: String(r.tax.amount),
    gross: String(r.gross.amount),
  }));
  const row: InvoiceRow = {
    id,
    tenant_id: ctx.tenantId,
    business_entity_id: input.entity.id,
    customer_id: input.customer.id,
    contract_id: input.contractId,
    kind,
    status: "draft",
    sequence: null,
    number: null,
    currency: input.currency,
    price_basis: input.priceBasis,
    issue_date: today(ctx, input.customer.time_zone),
    due_date: null,
    service_period_start: first,
    service_period_end: last,
    sender: senderOf(input.entity),
    recipient: recipientOf(input.customer),
    reverse_charge: input.reverseCharge,
    tax_rows: taxRows,
    total_net: String(totals.net.amount),
    total_tax: String(totals.tax.amount),
    total_gross: String(totals.gross.amount),
    corrects_invoice_id: input.correctsInvoiceId ?? null,
    billing_run_id: input.billingRunId ?? null,
    created_at: now,
    finalized_at: null,
    voided_at: null,
    updated_at: now,
    credits_applied: "0",
    po_number: null,
    notes: null,
    dunning_stopped_at: null,
  };
  const lines: LineRow[] = input.lines.map((l, i) => ({
    id: newId("invoiceLine"),
    tenant_id: ctx.tenantId,
    invoice_id: id,
    position: i + 1,
    contract_id: l.contractId,
    charge_key: l.chargeKey,
    kind: l.kind,
    description: l.description,
    period_start: l.periodStart,
    period_end: l.periodEnd,
    quantity: l.quantity,
    unit_price: l.unitPrice,
    amount: String(l.amount.amount),
    tax_rate: l.taxRate,
    credited_line_id: l.creditedLineId ?? null,
  }));
  return { row, lines };
}

/** The row as issued with `sequence`: number, issue and due date, the sender as it is now. */
function issued(
  row: InvoiceRow,
  entity: EntityRow,
  sequence: bigint,
  timeZone: string,
  ctx: Ctx,
): InvoiceRow {
  const prefix = row.kind === "invoice" ? entity.invoice_prefix : entity.credit_note_prefix;
  const issue = Temporal.PlainDate.from(today(ctx, timeZone));
  const now = new Date(ctx.clock.now().epochMilliseconds);
  return {
    ...row,
    status: "finalized",
    sequence: String(sequence),
    number: `${prefix}${String(sequence).padStart(6, "0")}`,
    issue_date: issue.toString(),
    due_date:
      row.kind === "invoice" ? issue.add({ days: entity.payment_terms_days }).toString() : null,
    sender: senderOf(entity),
    finalized_at: now,
    updated_at: now,
  };
}

/** An invoice that promotional credits paid in full when it was issued is paid: announced so. */
async function announceCovered(ctx: Ctx, row: InvoiceRow): Promise<void> {
  if (row.kind !== "invoice" || row.credits_applied === "0") return;
  if (BigInt(row.credits_applied) !== BigInt(row.total_gross)) return;
  await ctx.emit({
    type: "invoice.paid",
    subjectType: "invoice",
    subjectId: row.id,
    payload: { invoice_id: row.id, number: row.number, payment_id: null },
  });
}

/** What events carry: the document without its lines and parties. */
function summary(i: Invoice) {
  const { lines: _lines, sender: _sender, recipient: _recipient, ...rest } = i;
  return rest;
}

async function finalizeRow(
  ctx: Ctx,
  row: InvoiceRow,
  entity: EntityRow,
  timeZone: string,
): Promise<InvoiceRow> {
  // the customer's promotional credits first: its row lock before the counter's
  const credits =
    row.kind === "invoice"
      ? await applyPromotionalCredits(ctx, [
          {
            invoiceId: row.id,
            customerId: row.customer_id,
            currency: row.currency,
            due: BigInt(row.total_gross),
          },
        ])
      : new Map<string, bigint>();
  const sequence = await nextSequenceValue(ctx.db, {
    tenantId: ctx.tenantId,
    entityId: entity.id,
    kind: row.kind,
  });
  // the parties as they are when the document is issued
  const updated = await issueDocumentRow(ctx.db, {
    ...issued(row, entity, sequence, timeZone, ctx),
    credits_applied: String(credits.get(row.id) ?? 0n),
  });
  const after = toInvoice(updated, await linesOf(ctx.db, ctx.tenantId, row.id));
  ctx.audit({
    targetType: row.kind,
    targetId: row.id,
    before: { status: row.status },
    after: { status: after.status, number: after.number, credits_applied: after.credits_applied },
  });
  await ctx.emit({
    type: `${row.kind}.finalized`,
    subjectType: row.kind,
    subjectId: row.id,
    payload: summary(after),
  });
  await announceCovered(ctx, updated);
  return updated;
}

async function entityOf(ctx: Ctx, id: string): Promise<EntityRow> {
  const entity = await findEntity(ctx, id);
  if (!entity) throw new Error(`no business entity ${id}`);
  return entity;
}

/** The document's customer (a customer with documents is never deleted). */
async function customerOf(ctx: Ctx, row: InvoiceRow): Promise<CustomerRow> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, row.customer_id);
  if (!customer) throw new Error(`${row.id} names no customer of its tenant`);
  return customer;
}

/** A document an operation changes: locked, and checked against the transfer rules. */
export async function loadForChange(ctx: Ctx, id: string): Promise<InvoiceRow> {
  const row = await findInvoice(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!row) throw notFound("invoice_not_found", `no invoice or credit note ${id}`, { id });
  await ctx.guard({ kind: "invoice", row });
  return row;
}

/** Issues a draft: it gets its number, issue date and due date. */
export async function finalizeInvoice(ctx: Ctx, id: string): Promise<Invoice> {
  const row = await loadForChange(ctx, id);
  if (!allows("finalize", row.status)) {
    throw unprocessable(
      "invoice_not_draft",
      `only a draft can be finalized; this one is ${row.status}`,
      {
        id,
        status: row.status,
      },
    );
  }
  const done = await finalizeRow(
    ctx,
    row,
    await entityOf(ctx, row.business_entity_id),
    (await customerOf(ctx, row)).time_zone,
  );
  return toInvoice(done, await linesOf(ctx.db, ctx.tenantId, id));
}

/**
 * A document to void, locked: an issued document that no credit note corrects (a draft is
 * deleted instead: a void document keeps its number, which a draft does not have yet).
 * Then {@link voidDocument} voids it (src/workflows/documents.ts).
 */
export async function voidableDocument(ctx: Ctx, id: string): Promise<InvoiceRow> {
  const row = await loadForChange(ctx, id);
  if (!allows("void", row.status)) {
    throw unprocessable("invoice_void", "the document is already void", { id });
  }
  // a void document keeps its number: a draft has none, and is deleted instead
  if (row.status === "draft") {
    throw unprocessable("document_not_issued", "a draft is deleted, not voided", { id });
  }
  const credit = await findLiveCreditNote(ctx.db, ctx.tenantId, id);
  if (credit) {
    throw unprocessable(
      "invoice_has_credit_notes",
      `credit note ${credit.id} corrects this invoice; void it first`,
      { id, credit_note_id: credit.id },
    );
  }
  return row;
}

/**
 * Voids a document {@link voidableDocument} returned, unless payments, write-offs or refunds
 * of a credit note apply to it (`applied`: their sum) or promotional credits were applied to it when it was issued.
 * A void document keeps its number (numbers have no gaps) and no longer counts as billed:
 * its charges are billed again by the contract's next settlement.
 */
export async function voidDocument(ctx: Ctx, row: InvoiceRow, applied: bigint): Promise<Invoice> {
  const id = row.id;
  // money or credits applied to it would be stranded on a document that no longer counts
  if (applied !== 0n || BigInt(row.credits_applied) !== 0n) {
    throw unprocessable(
      "invoice_has_payments",
      "payments, write-offs or promotional credits apply to this invoice; refund the payments first, or credit the invoice instead",
      { id },
    );
  }
  const now = new Date(ctx.clock.now().epochMilliseconds);
  const updated = await voidDocumentRow(ctx.db, id, DOCUMENT_TRANSITIONS.void.to, now);
  // what it billed is unbilled again
  await unbillUsage(ctx.db, ctx.tenantId, id);
  await unbillRatedItems(ctx.db, ctx.tenantId, id);
  if (row.contract_id) await billAgain(ctx.db, ctx.tenantId, row.contract_id, now);
  const after = toInvoice(updated, await linesOf(ctx.db, ctx.tenantId, id));
  ctx.audit({
    targetType: row.kind,
    targetId: id,
    before: { status: row.status },
    after: { status: "void" },
  });
  await ctx.emit({
    type: `${row.kind}.voided`,
    subjectType: row.kind,
    subjectId: id,
    payload: summary(after),
  });
  return after;
}

/** The invoice an operation on invoices alone changes: locked, checked, not a credit note. */
async function loadInvoiceForChange(ctx: Ctx, id: string): Promise<InvoiceRow> {
  const row = await loadForChange(ctx, id);
  if (row.kind !== "invoice") {
    throw unprocessable(
      "document_not_invoice",
      `${id} is a credit note; this operation applies to invoices only`,
      { id, kind: row.kind },
    );
  }
  return row;
}

/** A change of an invoice's details; InvoiceDetailsBody defines it. */
export type InvoiceDetailsInput = Static<typeof InvoiceDetailsBody>;

/**
 * Changes an invoice's descriptive details: its purchase order number, its notes and the
 * billing address it shows. A draft or an issued invoice; an issued one keeps its number,
 * dates, lines and amounts, as only these fields change. A void invoice is not changed.
 */
export async function updateInvoiceDetails(
  ctx: Ctx,
  id: string,
  input: InvoiceDetailsInput,
): Promise<Invoice> {
  const row = await loadInvoiceForChange(ctx, id);
  if (row.status === "void") {
    throw unprocessable("invoice_void", "a void invoice's details are not changed", { id });
  }
  const updated = await updateDocumentDetails(
    ctx.db,
    id,
    {
      po_number: input.po_number,
      notes: input.notes,
      recipient:
        input.billing_address === undefined
          ? undefined
          : { ...row.recipient, address: { ...input.billing_address } },
    },
    new Date(ctx.clock.now().epochMilliseconds),
  );
  const after = toInvoice(updated, await linesOf(ctx.db, ctx.tenantId, id));
  const details = (r: InvoiceRow) => ({
    po_number: r.po_number,
    notes: r.notes,
    billing_address: r.recipient.address,
  });
  ctx.audit({ targetType: "invoice", targetId: id, before: details(row), after: details(updated) });
  await ctx.emit({
    type: "invoice.updated",
    subjectType: "invoice",
    subjectId: id,
    payload: { ...summary(after), billing_address: after.recipient.address },
  });
  return after;
}

/**
 * Deletes a draft invoice and its lines. What it billed is unbilled again (its usage and
 * rated items; its lines no longer count as billed), so the contract's next settlement bills
 * it again. A draft has no number, so no gap arises. An issued invoice is never deleted: a
 * credit note corrects it.
 */
export async function deleteDraftInvoice(ctx: Ctx, id: string): Promise<void> {
  const row = await loadInvoiceForChange(ctx, id);
  if (row.status !== "draft") {
    throw unprocessable(
      "invoice_not_draft",
      `only a draft can be deleted; this one is ${row.status} (credit an issued invoice instead)`,
      { id, status: row.status },
    );
  }
  await deleteDraft(ctx, row);
}

/**
 * Deletes a draft credit note and its lines; it never credited anything, and has no number.
 * An issued credit note is voided instead.
 */
export async function deleteDraftCreditNote(ctx: Ctx, id: string): Promise<void> {
  const row = await loadForChange(ctx, id);
  if (row.kind !== "credit_note") {
    throw unprocessable(
      "document_not_credit_note",
      `${id} is an invoice; this operation applies to credit notes only`,
      { id, kind: row.kind },
    );
  }
  if (row.status !== "draft") {
    throw unprocessable(
      "credit_note_not_draft",
      `only a draft credit note can be deleted; this one is ${row.status} (void it instead)`,
      { id, status: row.status },
    );
  }
  await deleteDraft(ctx, row);
}

/** Deletes a draft document; what it billed is unbilled again, billed by the next settlement. */
async function deleteDraft(ctx: Ctx, row: InvoiceRow): Promise<void> {
  const id = row.id;
  const before = toInvoice(row, await linesOf(ctx.db, ctx.tenantId, id));
  await unbillUsage(ctx.db, ctx.tenantId, id);
  await unbillRatedItems(ctx.db, ctx.tenantId, id);
  await deleteDraftDocument(ctx.db, ctx.tenantId, id);
  if (row.contract_id) {
    await billAgain(
      ctx.db,
      ctx.tenantId,
      row.contract_id,
      new Date(ctx.clock.now().epochMilliseconds),
    );
  }
  ctx.audit({ targetType: row.kind, targetId: id, before: summary(before), after: null });
  await ctx.emit({
    type: `${row.kind}.deleted`,
    subjectType: row.kind,
    subjectId: id,
    payload: summary(before),
  });
}

/**
 * An invoice whose dunning is to stop, locked: issued, and dunned until now. Then
 * {@link stopInvoiceDunning} stops it (src/workflows/dunning.ts).
 */
export async function dunnedInvoice(ctx: Ctx, id: string): Promise<InvoiceRow> {
  const row = await loadInvoiceForChange(ctx, id);
  if (row.status !== "finalized") {
    throw unprocessable(
      "invoice_not_open",
      `only an issued invoice is dunned; this one is ${row.status}`,
      { id, status: row.status },
    );
  }
  if (row.dunning_stopped_at) {
    throw unprocessable("dunning_stopped", "dunning of this invoice is stopped already", {
      id,
      dunning_stopped_at: row.dunning_stopped_at.toISOString(),
    });
  }
  return row;
}

/**
 * Stops dunning of an invoice {@link dunnedInvoice} returned, which must still owe (`due`, in
 * minor units): the dunning worker passes over it from now on. Notices it already reached
 * stay; what it owes does not change.
 */
export async function stopInvoiceDunning(ctx: Ctx, row: InvoiceRow, due: bigint): Promise<Invoice> {
  const id = row.id;
  if (due <= 0n) {
    throw unprocessable(
      "invoice_settled",
      "the invoice owes nothing; there is no dunning to stop",
      {
        id,
      },
    );
  }
  const updated = await stopDocumentDunning(
    ctx.db,
    id,
    new Date(ctx.clock.now().epochMilliseconds),
  );
  const after = toInvoice(updated, await linesOf(ctx.db, ctx.tenantId, id));
  ctx.audit({
    targetType: "invoice",
    targetId: id,
    before: { dunning_stopped_at: null },
    after: { dunning_stopped_at: after.dunning_stopped_at },
  });
  await ctx.emit({
    type: "invoice.dunning_stopped",
    subjectType: "invoice",
    subjectId: id,
    payload: { ...summary(after), due: minor(String(due), row.currency) },
  });
  return after;
}

export type CreditNoteInput = {
  /** Lines to credit, each in full or by `amount`; all remaining amounts when absent. */
  lines?: { line_id: string; amount?: string | undefined }[] | undefined;
  reason?: string | undefined;
  /** Leave it a draft (no number; credits nothing until finalized). */
  draft?: boolean | undefined;
};

/**
 * A credit note for an issued invoice: every line in full, or chosen lines in full or in
 * part. No line is credited beyond what remains of it after earlier credit notes.
 */
export async function createCreditNote(
  ctx: Ctx,
  invoiceId: string,
  input: CreditNoteInput,
): Promise<Invoice> {
  const invoice = await loadForChange(ctx, invoiceId);
  if (invoice.kind !== "invoice" || !allows("credit", invoice.status)) {
    throw unprocessable("invoice_not_creditable", "only a finalized invoice can be credited", {
      id: invoiceId,
      kind: invoice.kind,
      status: invoice.status,
    });
  }
  const lines = await linesOf(ctx.db, ctx.tenantId, invoiceId);
  const credited = await creditedPerLine(ctx.db, ctx.tenantId, invoiceId);
  const creditedBy = new Map(credited.map((c) => [c.credited_line_id, BigInt(c.total)]));
  const currency = invoice.currency;
  const remaining = (l: LineRow) => BigInt(l.amount) + (creditedBy.get(l.id) ?? 0n);
  const wanted =
    input.lines ??
    lines.filter((l) => remaining(l) > 0n).map((l) => ({ line_id: l.id, amount: undefined }));
  if (wanted.length === 0) {
    throw unprocessable("nothing_to_credit", "the invoice has been credited in full", {
      id: invoiceId,
    });
  }
  const seen = new Set<string>();
  const out: LineInput[] = wanted.map((w, i) => {
    const line = lines.find((l) => l.id === w.line_id);
    if (!line) {
      throw unprocessable("unknown_invoice_line", `the invoice has no line ${w.line_id}`, {
        field: `lines.${i}.line_id`,
      });
    }
    if (seen.has(line.id)) {
      throw unprocessable("duplicate_invoice_line", `line ${line.id} is named twice`, {
        field: `lines.${i}.line_id`,
      });
    }
    seen.add(line.id);
    const left = remaining(line);
    const amount =
      w.amount === undefined ? left : parseAmount(w.amount, currency, `lines.${i}.amount`);
    if (amount <= 0n || amount > left) {
      throw unprocessable(
        "credit_exceeds_line",
        `line ${line.id} can be credited by at most ${minor(String(left), currency)}`,
        { field: `lines.${i}.amount`, remaining: minor(String(left), currency) },
      );
    }
    const value = money(-amount, currency);
    return {
      kind: line.kind,
      chargeKey: null,
      contractId: line.contract_id,
      description: `${input.reason ? `${input.reason}: ` : "Credit: "}${line.description}`,
      periodStart: line.period_start,
      periodEnd: line.period_end,
      quantity: amount === BigInt(line.amount) ? line.quantity : "1",
      unitPrice:
        amount === BigInt(line.amount)
          ? new Dec(line.unit_price).negated().toFixed()
          : toDecimalString(value),
      amount: value,
      taxRate: line.tax_rate,
      creditedLineId: line.id,
    };
  });
  const customer = await customerOf(ctx, invoice);
  const row = await createDocument(ctx, {
    kind: "credit_note",
    entity: await entityOf(ctx, invoice.business_entity_id),
    customer,
    contractId: invoice.contract_id,
    currency,
    priceBasis: invoice.price_basis,
    reverseCharge: invoice.reverse_charge,
    lines: out,
    correctsInvoiceId: invoice.id,
    draft: input.draft ?? false,
  });
  return toInvoice(row, await linesOf(ctx.db, ctx.tenantId, row.id));
}

const parseAmount = (value: string, currency: string, field: string): bigint =>
  fromDecimalString(value, currency, field).amount;

export async function getInvoice(ctx: Ctx, id: string): Promise<Invoice> {
  const row = await findInvoice(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("invoice_not_found", `no invoice or credit note ${id}`, { id });
  return toInvoice(row, await linesOf(ctx.db, ctx.tenantId, id));
}

/**
 * A page of the tenant's documents in the order `sort` and `order` name; with
 * `includeTotal`, also how many match the filters in all (`total_count`, one COUNT query
 * more). A list by creation pages by id; any other sort by an opaque keyset cursor (the last
 * row's sort values and id), refused for another sort or direction.
 */
export async function listInvoices(
  ctx: Ctx,
  f: InvoiceFilter & { includeTotal?: boolean | undefined },
): Promise<Page<Invoice> & { total_count?: number }> {
  const { includeTotal, ...filter } = f;
  const page = await pageOfInvoices(ctx, filter);
  if (!includeTotal) return page;
  const {
    limit: _limit,
    cursor: _cursor,
    offset: _offset,
    order: _order,
    sort: _sort,
    after: _after,
    ...where
  } = filter;
  return { ...page, total_count: await countInvoiceRows(ctx.db, ctx.tenantId, where) };
}

/** What each sort's cursor values must look like (a tampered cursor is refused, not run). */
const SORT_VALUES: Record<Exclude<InvoiceSort, "created">, CursorValueShape[]> = {
  issue_date: [/^\d{4}-\d{2}-\d{2}$/],
  total: [/^[A-Z]{3}$/, /^-?\d{1,19}$/],
  number: [{ orNull: /^[\s\S]{1,200}$/ }],
};

function pageOfInvoices(ctx: Ctx, f: InvoiceFilter): Promise<Page<Invoice>> {
  const sort = f.sort ?? "created";
  const order = f.order ?? "asc";
  const paging = pagingFor({
    cursor: f.cursor,
    sort,
    order,
    shapes: SORT_VALUES,
    isPlainId: (c) => isId("invoice", c) || isId("creditNote", c),
    valuesOf: sortValuesOf,
  });
  const query: InvoiceFilter = { ...f, cursor: paging.idCursor, after: paging.after };
  return fetchPageBatch(
    f.limit,
    (limit) => listInvoiceRows(ctx.db, ctx.tenantId, { ...query, limit }),
    async (rows) => {
      const lines = await linesOfDocuments(
        ctx.db,
        ctx.tenantId,
        rows.map((r) => r.id),
      );
      return rows.map((r) =>
        toInvoice(
          r,
          lines.filter((l) => l.invoice_id === r.id),
        ),
      );
    },
    paging.cursorOf,
  );
}

/** Countries whose addresses put the city and state before the postal code. */
const STATE_FIRST = new Set(["US", "CA", "AU"]);

export const addressLines = (a: Address): string[] => {
  const street = a.line1 ?? [a.street, a.house_number].filter(Boolean).join(" ");
  // "San Francisco, CA 94105" where the state comes before the code; "10115 Berlin" elsewhere
  const city = STATE_FIRST.has(a.country ?? "")
    ? [[a.city, a.state].filter(Boolean).join(", "), a.postal_code].filter(Boolean).join(" ")
    : [[a.postal_code, a.city].filter(Boolean).join(" "), a.state].filter(Boolean).join(", ");
  return [street, a.line2 ?? "", city, a.country ?? ""].filter((s) => s && s.length > 0);
};

/** The printable view of a document (see document.ts). */
export function documentOf(i: Invoice, language: string | null): InvoiceDocument {
  const party = (p: Party) => ({
    name: p.name,
    sub_name: p.sub_name,
    address_lines: addressLines(p.address),
    vat_id: p.vat_id,
    tax_number: p.tax_number,
  });
  return {
    kind: i.kind,
    number: i.number,
    status: i.status,
    issue_date: i.issue_date,
    due_date: i.due_date,
    currency: i.currency,
    price_basis: i.price_basis,
    sender: party(i.sender),
    recipient: party(i.recipient),
    lines: i.lines.map((l) => ({
      description: l.description,
      period_start: l.period_start,
      period_end: l.period_end,
      quantity: l.quantity,
      unit_price: l.unit_price,
      amount: l.amount,
      tax_rate: l.tax_rate,
    })),
    tax_rows: i.tax_rows,
    total_net: i.total_net,
    total_tax: i.total_tax,
    total_gross: i.total_gross,
    reverse_charge: i.reverse_charge,
    corrects_invoice_number: null,
    po_number: i.po_number,
    notes: i.notes,
    language,
  };
}

/** The document's PDF in its customer's language, with its file name. */
export async function documentPdf(
  db: Kysely<DB>,
  tenantId: string,
  invoice: Invoice,
): Promise<{ name: string; bytes: Buffer }> {
  const customer = await findCustomer(db, tenantId, invoice.customer_id);
  // the customer's locale first (de-AT), then its language (de)
  const doc = documentOf(invoice, customer?.locale ?? customer?.language ?? null);
  if (invoice.corrects_invoice_id) {
    const corrected = await documentNumber(db, tenantId, invoice.corrects_invoice_id);
    doc.corrects_invoice_number = corrected ?? null;
  }
  return { name: `${invoice.number ?? invoice.id}.pdf`, bytes: await renderDocumentPdf(doc) };
}
