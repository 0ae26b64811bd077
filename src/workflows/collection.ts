/**
 * Automatic collection, run by the worker on each tenant's clock.
 *
 * An issued invoice that still owes, of a customer whose `auto_collection` is on and who has a
 * primary or backup payment source and no payment pending in the invoice's currency, is
 * charged: attempt 1 as soon as the worker finds it, through the primary source and, when the
 * gateway refuses that, the backup (src/modules/payments/collection.service.ts). A failed
 * attempt schedules the next on the tenant's retry schedule (`collection_retry_days` of the
 * dunning policy); after the last, collection stops (`invoice.collection_failed`) and dunning,
 * which counts the failed payments, goes on. A pending attempt (a direct debit) makes no
 * further attempt until the gateway settles its payment, nor does one whose charge the
 * customer's bank asks the customer to authenticate (`requires_action`, until the customer
 * confirms it in the portal or the gateway reports it settled); the worker then records how
 * it settled, and a failed one schedules the next attempt from then.
 *
 * What is charged is what the invoice owes, or less when the customer's credit covers part of
 * it (nothing at all when it covers everything).
 *
 * Each invoice is handled in its own unit of work, claimed with FOR UPDATE SKIP LOCKED and
 * checked again once locked, so several workers never make the same attempt twice, and
 * attempts are unique per invoice and number. The gateway's idempotency key is derived from
 * the invoice id and the attempt number (the context's request id, see
 * {@link collectionAttemptKey}): a worker that crashes after the gateway charged and before the
 * attempt was recorded repeats the same attempt, with the same key, and the gateway answers the
 * charge it made. A gateway that cannot be reached records nothing; the attempt is made again
 * on the next run.
 *
 * Modules: payments (the invoices to collect, sources, charging, attempts), with invoicing's
 * invoices, customers' `auto_collection` and tenants' clocks and schedules joined by its
 * claim.
 */
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { newId } from "../lib/ids.js";
import { yielder } from "../lib/yield.js";
import { clockFor } from "../modules/clock/index.js";
import {
  amountOwed,
  attemptsOf,
  collectableInvoiceIds,
  collectionSources,
  lockInvoiceToCollect,
  makeCollectionAttempt,
  settlePendingAttempt,
} from "../modules/payments/index.js";
import type { DB } from "../storage/schema.js";
import { type Scope, unitOfWork } from "./unit-of-work.js";

/**
 * The request id of attempt number `attempt` on an invoice. Charges name it in the gateway's
 * idempotency key (with the source charged), so the same attempt never charges twice.
 */
export const collectionAttemptKey = (invoiceId: string, attempt: number): string =>
  `collect_${invoiceId}_${attempt}`;

/** An attempt or payment that waits: for the gateway (pending) or the customer's action. */
const waits = (status: string): boolean => status === "pending" || status === "requires_action";

export async function runCollection(
  db: Kysely<DB>,
  options: { now: () => Date; limit: number; log?: Logger | undefined },
): Promise<number> {
  let handled = 0;
  let after = "";
  // timers and requests run between invoices (the embedded database never lets go itself)
  const yields = yielder();
  for (;;) {
    const page = await collectableInvoiceIds(db, after, options.limit, options.now());
    if (page.length === 0) return handled;
    after = page.at(-1)!;
    for (const id of page) {
      await yields.pause();
      if (await collectInvoice(db, id, options.now(), options.log)) handled += 1;
    }
  }
}

/** Settles the invoice's pending attempt or makes its next one; true when it did either. */
async function collectInvoice(
  db: Kysely<DB>,
  invoiceId: string,
  systemNow: Date,
  log: Logger | undefined,
): Promise<boolean> {
  return unitOfWork(db, async (work) => {
    const invoice = await lockInvoiceToCollect(work.db, invoiceId);
    if (invoice?.kind !== "invoice" || invoice.status !== "finalized") return false;
    const clock = clockFor(invoice.test_clock_now ?? systemNow);
    const scope = (requestId: string): Scope => ({
      tenantId: invoice.tenant_id,
      actor: { type: "system", id: "collection" },
      requestId,
      operation: "invoices.collect",
      clock,
    });
    const ctx = await work.context(scope(newId("job")));
    let handled = false;
    let last = (await attemptsOf(ctx, invoice.id)).at(-1);
    if (last && waits(last.status)) {
      if (last.payment_status === null || waits(last.payment_status)) return false;
      await settlePendingAttempt(ctx, invoice, last);
      last = (await attemptsOf(ctx, invoice.id)).at(-1);
      handled = true;
    }
    const due = BigInt(invoice.due);
    if (invoice.auto_collection !== "on" || due <= 0n || (last && waits(last.status))) {
      return handled;
    }
    if (last?.status === "failed") {
      const next = last.next_attempt_at;
      if (next === null || next.getTime() > clock.now().epochMilliseconds) return handled;
    }
    const sources = await collectionSources(ctx, invoice.customer_id);
    if (sources.length === 0) return handled;
    // the customer's credit pays first: only what it owes in the currency is charged
    const owed = await amountOwed(ctx, invoice.customer_id, invoice.currency);
    if (owed <= 0n) return handled;
    const attempt = (last?.attempt ?? 0) + 1;
    const key = collectionAttemptKey(invoice.id, attempt);
    const refused = await work.attempt(scope(key), (attemptCtx) =>
      makeCollectionAttempt(attemptCtx, invoice, attempt, owed < due ? owed : due, sources),
    );
    if (refused) {
      // nothing of the attempt was recorded: it is made again, with the same key, next run
      log?.warn(
        { invoice_id: invoice.id, attempt, code: refused.code, err: refused.message },
        "collection attempt not made",
      );
      return handled;
    }
    return true;
  });
}
