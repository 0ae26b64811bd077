/**
 * Documents of one-off charges entered by hand (Chargebee's create invoice for charges, add
 * charge to a pending invoice, delete line items): an invoice for a customer that no contract
 * bills, issued at once or kept as a draft; a hand-entered charge added to a draft; hand-entered
 * lines removed from a draft. Lines the billing engine wrote (they have a charge key) are never
 * removed one by one — deleting the draft unbills them together — so a settlement never finds a
 * charge half billed.
 *
 * A hand-entered line is `kind: "charge"`, without a charge key, taxed as the customer is
 * taxed by its business entity's default tax policy.
 */

import { Temporal } from "temporal-polyfill";
import type { Static } from "typebox";
import { conflict, invalid, notFound, unprocessable } from "../../domain/errors.js";
import { taxTotals } from "../../domain/invoicing/tax.js";
import { assertCurrency } from "../../domain/money/currency.js";
import { fromDecimalString, lineAmount, money, toDecimalString } from "../../domain/money/money.js";
import { newId } from "../../lib/ids.js";
import type { TaxRow } from "../../storage/schema.js";
import { type Ctx, nowDate } from "../context.js";
import { findCustomer } from "../customers/index.js";
import { findEntity } from "../entities/index.js";
import {
  createDocument,
  type Invoice,
  type LineInput,
  loadForChange,
  prepareDocuments,
  toInvoice,
} from "./documents.js";
import {
  deleteDocumentLines,
  findDocumentByNumber,
  insertDocumentLines,
  insertDocuments,
  setDocumentTotals,
} from "./documents.repository.js";
import { type EntityRow, findInvoice, linesOf } from "./invoicing.repository.js";
import type {
  ChargeInvoiceBody,
  ChargeLineBody,
  DeleteLinesBody,
  ImportDocumentBody,
} from "./invoicing.schemas.js";
import { customerTreatment } from "./tax-context.js";

type ChargeLine = Static<typeof ChargeLineBody>;

async function entityOf(ctx: Ctx, id: string): Promise<EntityRow> {
  const entity = await findEntity(ctx, id);
  if (!entity) throw new Error(`no business entity ${id}`);
  return entity;
}

function lineInput(line: ChargeLine, currency: string, rate: string, field: string): LineInput {
  const quantity = line.quantity ?? "1";
  const amount = lineAmount(line.unit_price, quantity, currency);
  if (amount.amount <= 0n) {
    throw unprocessable("invalid_amount", "a charge is more than zero", { field });
  }
  if (line.period_start && line.period_end && line.period_end < line.period_start) {
    throw unprocessable("end_before_start", "period_end must not be before period_start", {
      field: `${field}.period_end`,
    });
  }
  return {
    kind: "charge",
    chargeKey: null,
    contractId: null,
    description: line.description,
    periodStart: line.period_start ?? null,
    periodEnd: line.period_end ?? null,
    quantity,
    unitPrice: line.unit_price,
    amount,
    taxRate: rate,
  };
}

/** The customer a new document names in its body: locked, checked against the transfer rules. */
async function customerNamed(ctx: Ctx, id: string) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!customer) {
    throw unprocessable("unknown_customer", `no customer ${id}`, { field: "customer_id" });
  }
  await ctx.guard({ kind: "customer", row: customer });
  return customer;
}

/** Creates an invoice of hand-entered charges for a customer; issued at once unless `draft`. */
export async function createChargeInvoice(
  ctx: Ctx,
  input: Static<typeof ChargeInvoiceBody>,
): Promise<Invoice> {
  assertCurrency(input.currency);
  const customer = await customerNamed(ctx, input.customer_id);
  const entity = await entityOf(ctx, customer.business_entity_id);
  const treatment = await customerTreatment(ctx, entity, customer);
  const row = await createDocument(ctx, {
    kind: "invoice",
    entity,
    customer,
    contractId: null,
    currency: input.currency,
    priceBasis: input.price_basis ?? "net",
    reverseCharge: treatment.reverseCharge,
    lines: input.lines.map((l, i) => lineInput(l, input.currency, treatment.rate, `lines.${i}`)),
    draft: input.draft ?? false,
  });
  return toInvoice(row, await linesOf(ctx.db, ctx.tenantId, row.id));
}

/** A draft invoice about to change: locked, checked against the transfer rules. */
export async function draftInvoice(ctx: Ctx, id: string) {
  const row = await loadForChange(ctx, id);
  if (row.kind !== "invoice" || row.status !== "draft") {
    throw unprocessable(
      "invoice_not_draft",
      `only a draft invoice takes or loses charges; this one is ${row.status}`,
      { id, status: row.status },
    );
  }
  const customer = await findCustomer(ctx.db, ctx.tenantId, row.customer_id);
  if (!customer) throw notFound("customer_not_found", `no customer ${row.customer_id}`);
  return { row, customer };
}

/** Stores the draft's totals as its lines now add up. */
export async function retotal(ctx: Ctx, id: string, priceBasis: "net" | "gross", currency: string) {
  const lines = await linesOf(ctx.db, ctx.tenantId, id);
  const totals = taxTotals(
    lines.map((l) => ({ amount: money(BigInt(l.amount), currency), rate: l.tax_rate })),
    priceBasis,
    currency,
  );
  const taxRows: TaxRow[] = totals.rows.map((r) => ({
    rate: r.rate,
    net: String(r.net.amount),
    tax: String(r.tax.amount),
    gross: String(r.gross.amount),
  }));
  const periods = lines.filter((l) => l.period_start && l.period_end);
  const row = await setDocumentTotals(ctx.db, ctx.tenantId, id, {
    tax_rows: taxRows,
    total_net: String(totals.net.amount),
    total_tax: String(totals.tax.amount),
    total_gross: String(totals.gross.amount),
    service_period_start: periods.map((l) => l.period_start!).sort()[0] ?? null,
    service_period_end:
      periods
        .map((l) => l.period_end!)
        .sort()
        .at(-1) ?? null,
    updated_at: nowDate(ctx),
  });
  return toInvoice(row, lines);
}

export async function announceChange(ctx: Ctx, before: Invoice, after: Invoice) {
  ctx.audit({ targetType: "invoice", targetId: after.id, before, after });
  await ctx.emit({
    type: "invoice.updated",
    subjectType: "invoice",
    subjectId: after.id,
    payload: after,
  });
}

/** Adds a hand-entered charge to a draft invoice, taxed as the customer is taxed. */
export async function addChargeToDraft(ctx: Ctx, id: string, input: ChargeLine): Promise<Invoice> {
  const { row, customer } = await draftInvoice(ctx, id);
  const before = toInvoice(row, await linesOf(ctx.db, ctx.tenantId, id));
  const treatment = await customerTreatment(
    ctx,
    await entityOf(ctx, row.business_entity_id),
    customer,
  );
  const line = lineInput(input, row.currency, treatment.rate, "charge");
  await insertDocumentLines(ctx.db, [
    {
      id: newId("invoiceLine"),
      tenant_id: ctx.tenantId,
      invoice_id: id,
      position: before.lines.reduce((m, l) => Math.max(m, l.position), 0) + 1,
      contract_id: null,
      charge_key: null,
      kind: line.kind,
      description: line.description,
      period_start: line.periodStart,
      period_end: line.periodEnd,
      quantity: line.quantity,
      unit_price: line.unitPrice,
      amount: String(line.amount.amount),
      tax_rate: line.taxRate,
      credited_line_id: null,
    },
  ]);
  const after = await retotal(ctx, id, row.price_basis, row.currency);
  await announceChange(ctx, before, after);
  return after;
}

/** Removes hand-entered lines from a draft invoice; at least one line stays. */
export async function deleteDraftLines(
  ctx: Ctx,
  id: string,
  input: Static<typeof DeleteLinesBody>,
): Promise<Invoice> {
  const { row } = await draftInvoice(ctx, id);
  const lines = await linesOf(ctx.db, ctx.tenantId, id);
  const before = toInvoice(row, lines);
  for (const [i, lineId] of input.line_ids.entries()) {
    const line = lines.find((l) => l.id === lineId);
    if (!line) {
      throw unprocessable("unknown_invoice_line", `the invoice has no line ${lineId}`, {
        field: `line_ids.${i}`,
      });
    }
    if (line.charge_key !== null) {
      throw unprocessable(
        "line_not_removable",
        `line ${lineId} was written by billing; delete the draft to bill its charges again`,
        { field: `line_ids.${i}` },
      );
    }
  }
  if (input.line_ids.length >= lines.length) {
    throw unprocessable(
      "invoice_needs_lines",
      "a draft keeps at least one line; delete the draft instead",
      { field: "line_ids" },
    );
  }
  await deleteDocumentLines(ctx.db, ctx.tenantId, id, input.line_ids);
  const after = await retotal(ctx, id, row.price_basis, row.currency);
  await announceChange(ctx, before, after);
  return after;
}

// ---- imports --------------------------------------------------------------------------------------

type ImportData = Static<typeof ImportDocumentBody>;

/**
 * Imports a document another system issued (Chargebee's import invoice and import credit
 * note): stored issued, with its own number and dates, its lines as given (`kind: "charge"`,
 * no charge key, so no contract's settlement counts them), and its totals computed from them —
 * `total_gross`, when given, must be what they add up to. No promotional credits apply to it
 * and it takes no number of Accrue's sequences. Payments it received are recorded as usual.
 */
export async function importDocument(ctx: Ctx, input: ImportData): Promise<Invoice> {
  assertCurrency(input.currency);
  const customer = await customerNamed(ctx, input.customer_id);
  const entity = await entityOf(ctx, customer.business_entity_id);
  if (await findDocumentByNumber(ctx.db, ctx.tenantId, entity.id, input.kind, input.number)) {
    throw conflict("document_number_taken", `a ${input.kind} numbered ${input.number} exists`, {
      field: "number",
    });
  }
  if (input.corrects_invoice_id !== undefined) {
    if (input.kind !== "credit_note") {
      throw invalid("validation_failed", "only a credit note corrects an invoice", {
        field: "corrects_invoice_id",
      });
    }
    const corrected = await findInvoice(ctx.db, ctx.tenantId, input.corrects_invoice_id);
    if (
      corrected?.kind !== "invoice" ||
      corrected.status !== "finalized" ||
      corrected.customer_id !== customer.id ||
      corrected.currency !== input.currency
    ) {
      throw unprocessable(
        "unknown_invoice",
        `no issued ${input.currency} invoice ${input.corrects_invoice_id} of this customer`,
        { field: "corrects_invoice_id" },
      );
    }
  }
  const sign = input.kind === "credit_note" ? -1n : 1n;
  const lines = input.lines.map((l, i) => {
    const line = lineInput(l, input.currency, l.tax_rate ?? "0", `lines.${i}`);
    return sign > 0n
      ? line
      : {
          ...line,
          unitPrice: `-${line.unitPrice}`,
          amount: money(-line.amount.amount, input.currency),
        };
  });
  const [prepared] = prepareDocuments(ctx, [
    {
      kind: input.kind,
      entity,
      customer,
      contractId: null,
      currency: input.currency,
      priceBasis: input.price_basis ?? "net",
      reverseCharge: false,
      lines,
      correctsInvoiceId: input.corrects_invoice_id ?? null,
      draft: true,
    },
  ]);
  const { row: draft, lines: lineRows } = prepared!;
  if (input.total_gross !== undefined) {
    const given = sign * fromDecimalString(input.total_gross, input.currency, "total_gross").amount;
    if (given !== BigInt(draft.total_gross)) {
      throw unprocessable(
        "import_total_mismatch",
        `the lines add up to ${toDecimalString(money(sign * BigInt(draft.total_gross), input.currency))}, not ${input.total_gross}`,
        {
          field: "total_gross",
          computed: toDecimalString(money(sign * BigInt(draft.total_gross), input.currency)),
        },
      );
    }
  }
  const now = nowDate(ctx);
  const row = {
    ...draft,
    status: "finalized" as const,
    number: input.number,
    sequence: null,
    issue_date: input.issue_date,
    due_date:
      input.kind === "invoice"
        ? (input.due_date ??
          Temporal.PlainDate.from(input.issue_date)
            .add({ days: entity.payment_terms_days })
            .toString())
        : null,
    finalized_at: now,
  };
  await insertDocuments(ctx.db, [{ row, lines: lineRows }]);
  const imported = toInvoice(row, lineRows);
  ctx.audit({ targetType: row.kind, targetId: row.id, after: imported });
  await ctx.emit({
    type: `${row.kind}.imported`,
    subjectType: row.kind,
    subjectId: row.id,
    payload: imported,
  });
  return imported;
}
