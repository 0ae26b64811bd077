/**
 * Dunning and grace expiry, run by the worker on each tenant's clock.
 *
 * Dunning: an issued invoice that still owes reaches the tenant's dunning steps by days past
 * its issue date or by the customer's failed payments since; each step is noticed once
 * (`invoice.dunning_level_reached`), and a step with `grace_days` gives the invoice's contract
 * that much grace through an `extend_grace_period` action performed by the system.
 *
 * Grace expiry: a contract whose grace period has ended is deactivated (a
 * `deactivate_subscription` action performed by the system) when its customer still owes money
 * in the contract's currency; either way its grace period is then over. Extending the grace
 * period moves the date and so postpones this.
 *
 * Each invoice or contract is handled in its own unit of work, claimed with FOR UPDATE SKIP
 * LOCKED, so several workers share the work and a re-run repeats nothing.
 *
 * Stopping dunning of an invoice (a request) marks it so; the worker then passes over it.
 *
 * Modules: payments (the invoices to dun, what is owed, failed payments, notices), contracts
 * (grace periods), actions (grace and deactivation as subscription actions), invoicing (the
 * mark of stopped dunning).
 */
import type { Kysely } from "kysely";
import { money, toDecimalString } from "../domain/money/money.js";
import type { SystemOperation } from "../domain/operations.js";
import { type DunningStep, stepsReached } from "../domain/payments/payments.js";
import { newId } from "../lib/ids.js";
import { yielder } from "../lib/yield.js";
import { submitAction, subscriptionStateOf } from "../modules/actions/index.js";
import { clockFor } from "../modules/clock/index.js";
import type { Ctx } from "../modules/context.js";
import { claimGraceExpired, endGracePeriod } from "../modules/contracts/index.js";
import { dunnedInvoice, type Invoice, stopInvoiceDunning } from "../modules/invoicing/index.js";
import {
  amountOwed,
  countFailedPayments,
  dunnableInvoiceIds,
  insertDunningNotice,
  invoiceDue,
  lockInvoiceToDun,
  noticedLevels,
} from "../modules/payments/index.js";
import type { DB } from "../storage/schema.js";
import { type Scope, unitOfWork, type Work } from "./unit-of-work.js";

const system = (tenantId: string, actorId: string, operation: SystemOperation) => ({
  tenantId,
  actor: { type: "system", id: actorId } as const,
  requestId: newId("job"),
  operation,
});

const DAY_MS = 24 * 60 * 60 * 1000;

export async function runDunning(
  db: Kysely<DB>,
  options: { now: () => Date; limit: number },
): Promise<number> {
  let handled = 0;
  let after = "";
  // timers and requests run between invoices (the embedded database never lets go itself)
  const yields = yielder();
  for (;;) {
    const page = await dunnableInvoiceIds(db, after, options.limit);
    if (page.length === 0) return handled;
    after = page.at(-1)!;
    for (const id of page) {
      await yields.pause();
      if (await dunInvoice(db, id, options.now())) handled += 1;
    }
  }
}

/** Notices the steps one invoice has newly reached; true when it reached any. */
async function dunInvoice(db: Kysely<DB>, invoiceId: string, systemNow: Date): Promise<boolean> {
  return unitOfWork(db, async (work) => {
    const trx = work.db;
    const invoice = await lockInvoiceToDun(trx, invoiceId);
    if (!invoice || invoice.dunning_stopped_at || BigInt(invoice.due) <= 0n) return false;
    const clock = clockFor(invoice.test_clock_now ?? systemNow);
    const scope: Scope = { ...system(invoice.tenant_id, "dunning", "dunning.notice"), clock };
    const ctx = await work.context(scope);
    // a customer whose credit covers what it owes is not dunned
    if ((await amountOwed(ctx, invoice.customer_id, invoice.currency)) === 0n) return false;
    const now = clock.now().epochMilliseconds;
    const issued = Date.parse(`${String(invoice.issue_date)}T00:00:00Z`);
    const daysOverdue = Math.floor((now - issued) / DAY_MS);
    const failed = await countFailedPayments(
      trx,
      invoice.tenant_id,
      invoice.customer_id,
      invoice.currency,
      new Date(issued),
    );
    const noticed = await noticedLevels(trx, invoice.id);
    const reached = stepsReached(
      invoice.dunning_steps as DunningStep[],
      daysOverdue,
      failed,
      new Set(noticed),
    );
    if (reached.length === 0) return false;
    for (const step of reached) {
      await insertDunningNotice(trx, {
        tenantId: invoice.tenant_id,
        invoiceId: invoice.id,
        level: step.level,
        name: step.name,
        reachedAt: new Date(now),
      });
      let grace: string | null = null;
      if (step.grace_days && invoice.contract_id) {
        const refused = await work.attempt(scope, async (attempt) => {
          const action = await submitAction(attempt, "extend_grace_period", {
            contract_id: invoice.contract_id!,
            end_grace_period_after_specific_days: step.grace_days,
            classification: `dunning:${step.name}`,
          });
          grace = action.id;
        });
        // a contract resting, cancelled or with a later grace end keeps what it has
        if (refused) grace = null;
      }
      await ctx.emit({
        type: "invoice.dunning_level_reached",
        subjectType: "invoice",
        subjectId: invoice.id,
        payload: {
          invoice_id: invoice.id,
          number: invoice.number,
          customer_id: invoice.customer_id,
          contract_id: invoice.contract_id,
          level: step.level,
          name: step.name,
          days_overdue: daysOverdue,
          failed_payments: failed,
          due: toDecimalString(money(BigInt(invoice.due), invoice.currency)),
          grace_action_id: grace,
        },
      });
      ctx.audit({
        targetType: "invoice",
        targetId: invoice.id,
        after: { dunning_level: step.level, name: step.name },
      });
    }
    return true;
  });
}

/**
 * Stops dunning of an issued invoice that still owes: it reaches no further dunning steps.
 * What it owes, the notices it reached and any grace they gave stay as they are.
 */
export async function stopDunning(ctx: Ctx, id: string): Promise<Invoice> {
  const row = await dunnedInvoice(ctx, id);
  return stopInvoiceDunning(ctx, row, await invoiceDue(ctx.db, ctx.tenantId, id));
}

export async function runGraceExpiry(
  db: Kysely<DB>,
  options: { now: () => Date; limit: number },
): Promise<number> {
  let handled = 0;
  const yields = yielder();
  while (handled < options.limit) {
    await yields.pause();
    const done = await unitOfWork(db, async (work) => {
      const due = await claimGraceExpired(work.db, options.now());
      if (!due) return false;
      const clock = clockFor(due.test_clock_now ?? options.now());
      const scope: Scope = {
        ...system(due.tenant_id, "grace-expiry", "contracts.grace_period_expiry"),
        clock,
      };
      await expire(work, scope, due);
      return true;
    });
    if (!done) break;
    handled += 1;
  }
  return handled;
}

async function expire(
  work: Work,
  scope: Scope,
  contract: { id: string; customer_id: string; currency: string; grace_period_end_at: Date | null },
): Promise<void> {
  const ctx: Ctx = await work.context(scope);
  const owed = await amountOwed(ctx, contract.customer_id, contract.currency);
  let deactivation: string | null = null;
  if (owed > 0n && (await subscriptionStateOf(ctx, contract.id)) === "effective") {
    const refused = await work.attempt(scope, async (attempt) => {
      const action = await submitAction(attempt, "deactivate", {
        contract_id: contract.id,
        classification: "grace_period_expired",
      });
      deactivation = action.id;
    });
    if (refused) deactivation = null;
  }
  await endGracePeriod(ctx.db, ctx.tenantId, contract.id);
  await ctx.emit({
    type: "contract.grace_period_ended",
    subjectType: "contract",
    subjectId: contract.id,
    payload: {
      contract_id: contract.id,
      grace_period_end: contract.grace_period_end_at?.toISOString() ?? null,
      owed: toDecimalString(money(owed, contract.currency)),
      deactivation_action_id: deactivation,
    },
  });
  ctx.audit({
    targetType: "contract",
    targetId: contract.id,
    before: { grace_period_end: contract.grace_period_end_at?.toISOString() ?? null },
    after: { grace_period_end: null, deactivation_action_id: deactivation },
  });
}
