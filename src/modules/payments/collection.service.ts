/**
 * Automatic collection, the payments module's part (src/workflows/collection.ts runs it): an
 * attempt charges an issued invoice through the customer's primary source and, when that is
 * refused, its backup, and is recorded with the payments it made and when the next attempt is
 * due on the tenant's retry schedule (src/domain/payments/collection.ts). A pending attempt,
 * or one whose charge waits for the customer's authentication, is recorded settled once its
 * payment is. Each attempt is audited on the invoice; the last failed
 * attempt of the schedule emits `invoice.collection_failed`.
 */
import type { Static } from "typebox";
import { notFound, unprocessable } from "../../domain/errors.js";
import {
  type AttemptStatus,
  collectionStatus,
  nextAttemptAt,
} from "../../domain/payments/collection.js";
import { type Ctx, nowDate } from "../context.js";
import { findCustomer } from "../customers/index.js";
import { findInvoice } from "../invoicing/index.js";
import {
  type CollectionAttemptRow,
  collectionAttempts,
  insertCollectionAttempt,
  type lockInvoiceToCollect,
  settleCollectionAttempt,
} from "./collection.repository.js";
import type { CollectionAttemptSchema, InvoiceCollectionSchema } from "./collection.schemas.js";
import { sourcesWithRole } from "./payment-sources.repository.js";
import { collectInvoicePayment } from "./payment-sources.service.js";
import { dec, type Payment } from "./payments.service.js";

export type InvoiceCollection = Static<typeof InvoiceCollectionSchema>;
export type CollectionAttempt = Static<typeof CollectionAttemptSchema>;
/** An invoice the worker locked to collect (`lockInvoiceToCollect`). */
export type InvoiceToCollect = NonNullable<Awaited<ReturnType<typeof lockInvoiceToCollect>>>;

const iso = (at: Date | null) => (at ? at.toISOString() : null);

function toAttempt(row: CollectionAttemptRow): CollectionAttempt {
  return {
    attempt: row.attempt,
    status: row.status,
    attempted_at: row.attempted_at.toISOString(),
    payment_source_id: row.payment_source_id,
    payment_id: row.payment_id,
    payment_ids: row.payment_ids,
    settled_at: iso(row.settled_at),
    next_attempt_at: iso(row.next_attempt_at),
  };
}

/** Where automatic collection of an invoice stands: its attempts, and when the next is due. */
export async function getInvoiceCollection(
  ctx: Ctx,
  invoiceId: string,
): Promise<InvoiceCollection> {
  const invoice = await findInvoice(ctx.db, ctx.tenantId, invoiceId);
  if (!invoice) throw notFound("invoice_not_found", `no invoice ${invoiceId}`, { id: invoiceId });
  if (invoice.kind !== "invoice") {
    throw unprocessable("document_not_invoice", `${invoiceId} is a credit note`, {
      id: invoiceId,
    });
  }
  const customer = await findCustomer(ctx.db, ctx.tenantId, invoice.customer_id);
  const rows = await collectionAttempts(ctx.db, ctx.tenantId, invoice.id);
  const last = rows.at(-1);
  return {
    invoice_id: invoice.id,
    customer_id: invoice.customer_id,
    auto_collection: customer?.auto_collection ?? "off",
    status: collectionStatus(last),
    next_attempt_at: last?.status === "failed" ? iso(last.next_attempt_at) : null,
    attempts: rows.map(toAttempt),
  };
}

/** The invoice's attempts so far, first first (each with its payment's status now). */
export const attemptsOf = (ctx: Ctx, invoiceId: string): Promise<CollectionAttemptRow[]> =>
  collectionAttempts(ctx.db, ctx.tenantId, invoiceId);

/** The sources an attempt charges, in order: the customer's primary, then its backup. */
export async function collectionSources(ctx: Ctx, customerId: string): Promise<string[]> {
  const held = await sourcesWithRole(ctx.db, ctx.tenantId, customerId);
  return held.filter((s) => s.deleted_at === null).map((s) => s.id);
}

async function announceExhausted(ctx: Ctx, invoice: InvoiceToCollect, attempts: number) {
  await ctx.emit({
    type: "invoice.collection_failed",
    subjectType: "invoice",
    subjectId: invoice.id,
    payload: {
      invoice_id: invoice.id,
      number: invoice.number,
      customer_id: invoice.customer_id,
      attempts,
      due: dec(BigInt(invoice.due), invoice.currency),
    },
  });
}

/**
 * Makes attempt number `attempt` at collecting `amount` (at most what the invoice owes)
 * through `sources` in turn (the primary, then the backup) until one is not refused. Every
 * charge is a payment; the attempt is recorded with them, and when it failed, with the next
 * attempt's date on the tenant's schedule (none left: `invoice.collection_failed`). The
 * gateway's idempotency key comes from the context's request id, which the caller derives
 * from the invoice and the attempt number, so an attempt repeated after a crash charges once.
 */
export async function makeCollectionAttempt(
  ctx: Ctx,
  invoice: InvoiceToCollect,
  attempt: number,
  amount: bigint,
  sources: readonly string[],
): Promise<AttemptStatus> {
  const payments: Payment[] = [];
  const partial = amount < BigInt(invoice.due);
  for (const source of sources) {
    const payment = await collectInvoicePayment(ctx, invoice.id, {
      ...(partial ? { amount: dec(amount, invoice.currency) } : {}),
      payment_source_id: source,
    });
    payments.push(payment);
    if (payment.status !== "failed") break;
  }
  const last = payments.at(-1);
  if (!last) throw new Error("a collection attempt needs at least one source");
  const status = attemptStatus(last);
  const at = nowDate(ctx);
  const next =
    status === "failed" ? nextAttemptAt(invoice.collection_retry_days, attempt, at) : null;
  const paymentIds = payments.map((p) => p.id);
  await insertCollectionAttempt(ctx.db, {
    tenant_id: ctx.tenantId,
    invoice_id: invoice.id,
    attempt,
    status,
    payment_source_id: sources[payments.length - 1]!,
    payment_id: last.id,
    payment_ids: paymentIds,
    attempted_at: at,
    next_attempt_at: next,
  });
  ctx.audit({
    targetType: "invoice",
    targetId: invoice.id,
    after: {
      collection_attempt: attempt,
      status,
      payment_ids: paymentIds,
      next_attempt_at: iso(next),
    },
  });
  if (status === "failed" && next === null) await announceExhausted(ctx, invoice, attempt);
  return status;
}

function attemptStatus(payment: Payment): AttemptStatus {
  if (
    payment.status === "succeeded" ||
    payment.status === "failed" ||
    payment.status === "pending" ||
    payment.status === "requires_action"
  ) {
    return payment.status;
  }
  throw new Error(`a charge answered a payment ${payment.status}`);
}

/**
 * Records how a pending attempt (or one that waited for the customer's authentication)
 * settled, its payment having succeeded or failed since: failed, the next attempt is due on
 * the schedule from now (none left: `invoice.collection_failed`).
 */
export async function settlePendingAttempt(
  ctx: Ctx,
  invoice: InvoiceToCollect,
  pending: CollectionAttemptRow,
): Promise<AttemptStatus> {
  const status = pending.payment_status === "succeeded" ? "succeeded" : "failed";
  const at = nowDate(ctx);
  const next =
    status === "failed" ? nextAttemptAt(invoice.collection_retry_days, pending.attempt, at) : null;
  await settleCollectionAttempt(ctx.db, ctx.tenantId, invoice.id, pending.attempt, {
    status,
    settled_at: at,
    next_attempt_at: next,
  });
  ctx.audit({
    targetType: "invoice",
    targetId: invoice.id,
    before: { collection_attempt: pending.attempt, status: pending.status },
    after: { collection_attempt: pending.attempt, status, next_attempt_at: iso(next) },
  });
  if (status === "failed" && next === null) {
    await announceExhausted(ctx, invoice, pending.attempt);
  }
  return status;
}
