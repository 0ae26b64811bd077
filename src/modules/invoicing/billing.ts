/**
 * Billing: settling a contract (bill what is due and not billed yet, credit what changed)
 * and billing runs, which settle every due contract. Each contract is settled in its own
 * transaction while its row is locked, so two processes never settle it at once, and a run
 * killed at any moment leaves every contract either settled or not: the next run completes
 * the work, and settling twice bills nothing twice (the diff sees the first invoice).
 */
import type { Kysely } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { Clock } from "../../domain/clock.js";
import type { Timeline } from "../../domain/contracts/phases.js";
import { notFound } from "../../domain/errors.js";
import {
  diffItems,
  type ExpectedItem,
  expectedItems,
  type NewItem,
  nextBillingDate,
} from "../../domain/invoicing/index.js";
import { type TaxPolicy, taxTotals, taxTreatment } from "../../domain/invoicing/tax.js";
import { money, toDecimalString } from "../../domain/money/index.js";
import { instantSpan, localDate, startOfLocalDay } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import type { DB } from "../../storage/schema.js";
import { insertAuditRecords } from "../audit/audit.repository.js";
import { clockFor } from "../clock/clock.service.js";
import type { AuditEntry, Ctx } from "../context.js";
import { type ContractRow, findContract } from "../contracts/contracts.repository.js";
import { findCustomer } from "../customers/customers.repository.js";
import { insertEvent } from "../events/outbox.js";
import { createDocument, type Invoice, type LineInput, toInvoice } from "./documents.js";
import {
  defaultEntity,
  type EntityRow,
  linesOf,
  loadBilledItems,
  loadHistory,
} from "./invoicing.repository.js";

const toDate = (i: Temporal.Instant) => new Date(i.epochMilliseconds);

async function taxPolicy(ctx: Ctx, id: string | null): Promise<TaxPolicy | null> {
  if (!id) return null;
  const row = await ctx.db
    .selectFrom("tax_policies")
    .selectAll()
    .where("tenant_id", "=", ctx.tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row
    ? { id: row.id, name: row.name, rates: row.rates, defaultRate: row.default_rate }
    : null;
}

export type Settlement = {
  contract_id: string;
  /** The document written, or null when nothing was due. */
  invoice: Invoice | null;
  /** When billing looks at the contract next (null: ended and settled). */
  next_billing_at: string | null;
};

/**
 * Settles one contract as of the tenant's today (the customer's calendar day): bills every
 * charge due by then that is not billed yet, and the difference for every charge whose
 * amount changed since it was billed. `draft` leaves the document unissued.
 */
export async function settleContract(
  ctx: Ctx,
  contractId: string,
  options: { draft?: boolean; billingRunId?: string | null } = {},
): Promise<Settlement> {
  const contract = await findContract(ctx.db, ctx.tenantId, contractId, { forUpdate: true });
  if (!contract)
    throw notFound("contract_not_found", `no contract ${contractId}`, { id: contractId });
  return settleLocked(ctx, contract, options);
}

async function settleLocked(
  ctx: Ctx,
  contract: ContractRow,
  options: { draft?: boolean; billingRunId?: string | null },
): Promise<Settlement> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, contract.customer_id);
  if (!customer) throw notFound("customer_not_found", `no customer ${contract.customer_id}`);
  const tz = customer.time_zone;
  const history = await loadHistory(ctx.db, ctx.tenantId, contract, tz);
  const billed = await loadBilledItems(ctx.db, ctx.tenantId, contract.id, contract.currency);
  const target = localDate(ctx.clock.now(), tz);
  const expected = expectedItems(history, target);
  const items = diffItems(expected, billed, contract.currency, target);
  const next = nextBillingDate(history, target);
  const nextAt = next === null ? null : toDate(startOfLocalDay(next, tz));
  const now = toDate(ctx.clock.now());
  await ctx.db
    .updateTable("contracts")
    .set({ next_billing_at: nextAt, last_billed_at: now })
    .where("id", "=", contract.id)
    .execute();
  const settlement = {
    contract_id: contract.id,
    next_billing_at: nextAt ? nextAt.toISOString() : null,
  };
  if (items.length === 0) {
    await markSettled(ctx, contract.id, tz, expected, target, null, now);
    return { ...settlement, invoice: null };
  }

  const { entity, group, treatment } = await taxContext(ctx, contract, customer);
  const tenant = await ctx.db
    .selectFrom("tenants")
    .select("auto_finalize_invoices")
    .where("id", "=", ctx.tenantId)
    .executeTakeFirstOrThrow();
  const row = await createDocument(ctx, {
    entity,
    customer,
    contractId: contract.id,
    currency: contract.currency,
    priceBasis: group.price_type,
    reverseCharge: treatment.reverseCharge,
    lines: items.map((item) => toLine(item, contract.id, treatment.rate)),
    billingRunId: options.billingRunId ?? null,
    draft: options.draft ?? !tenant.auto_finalize_invoices,
  });
  const keys = new Set(items.map((i) => i.key));
  await markSettled(ctx, contract.id, tz, expected, target, { id: row.id, keys }, now);
  return { ...settlement, invoice: toInvoice(row, await linesOf(ctx.db, ctx.tenantId, row.id)) };
}

/** Who issues the contract's documents, on which price basis, and the customer's tax. */
async function taxContext(
  ctx: Ctx,
  contract: ContractRow,
  customer: Parameters<typeof treatmentFor>[2],
) {
  const entity = await defaultEntity(ctx.db, ctx.tenantId, newId("entity"));
  const group = await ctx.db
    .selectFrom("plan_groups")
    .select(["price_type", "tax_policy_id"])
    .where("tenant_id", "=", ctx.tenantId)
    .where("id", "=", contract.plan_group_id)
    .executeTakeFirstOrThrow();
  const treatment = await treatmentFor(ctx, entity, customer, group.tax_policy_id);
  return { entity, group, treatment };
}

async function treatmentFor(
  ctx: Ctx,
  entity: EntityRow,
  customer: {
    address: { country?: string };
    vat_id: string | null;
    customer_type: "consumer" | "business";
  },
  groupPolicyId: string | null,
): Promise<{ rate: string; reverseCharge: boolean }> {
  const policy = await taxPolicy(ctx, groupPolicyId ?? entity.default_tax_policy_id);
  if (!policy) return { rate: "0", reverseCharge: false };
  return taxTreatment({
    policy,
    sellerCountry: entity.country ?? entity.address.country ?? null,
    customerCountry: customer.address.country ?? null,
    customerVatId: customer.vat_id,
    customerType: customer.customer_type,
  });
}

const toLine = (item: NewItem, contractId: string, taxRate: string): LineInput => ({
  kind: item.kind,
  chargeKey: item.key,
  contractId,
  description: item.description,
  periodStart: item.period ? item.period.start.toString() : null,
  periodEnd: item.period ? item.period.end.toString() : null,
  quantity: item.quantity,
  unitPrice: item.unitPrice,
  amount: item.amount,
  taxRate,
});

/**
 * Marks the usage records and rated items of every charge due by `target` as billed, so they
 * can no longer be deleted: those on the new document with its id, the others (a period whose
 * usage stayed within the free quota, a late record that changed nothing) without one.
 */
async function markSettled(
  ctx: Ctx,
  contractId: string,
  timeZone: string,
  expected: readonly ExpectedItem[],
  target: Temporal.PlainDate,
  document: { id: string; keys: ReadonlySet<string> } | null,
  now: Date,
): Promise<void> {
  for (const item of expected) {
    const source = item.source;
    if (!source || Temporal.PlainDate.compare(item.due, target) > 0) continue;
    const onDocument = document?.keys.has(item.key) === true;
    if ("ratedItemId" in source) {
      let q = ctx.db
        .updateTable("rated_items")
        .set(onDocument ? { billed_at: now, invoice_id: document.id } : { billed_at: now })
        .where("tenant_id", "=", ctx.tenantId)
        .where("id", "=", source.ratedItemId);
      if (!onDocument) q = q.where("billed_at", "is", null);
      await q.execute();
    } else {
      const span = instantSpan(source.usage.span, timeZone);
      let q = ctx.db
        .updateTable("usage_records")
        .set(onDocument ? { billed_at: now, invoice_id: document.id } : { billed_at: now })
        .where("tenant_id", "=", ctx.tenantId)
        .where("contract_id", "=", contractId)
        .where("component_id", "=", source.usage.componentId)
        .where("due_at", ">=", toDate(span.start))
        .where("due_at", "<", toDate(span.end));
      if (!onDocument) q = q.where("billed_at", "is", null);
      await q.execute();
    }
  }
}

/**
 * Something billable was added to contracts (usage, a rated item, a component): a contract
 * that billing no longer looks at (ended and settled) is looked at again at `at`. Others keep
 * their next billing date: what was added is billed when it falls due.
 */
export async function scheduleSettlement(
  ctx: Ctx,
  contractIds: readonly string[],
  at: Temporal.Instant,
): Promise<void> {
  if (contractIds.length === 0) return;
  await ctx.db
    .updateTable("contracts")
    .set({ next_billing_at: toDate(at) })
    .where("tenant_id", "=", ctx.tenantId)
    .where("id", "in", contractIds)
    .where("next_billing_at", "is", null)
    .execute();
}

export type BillingPreview = {
  contract_id: string;
  currency: string;
  price_basis: "net" | "gross";
  reverse_charge: boolean;
  /** As of this day (the customer's calendar). */
  date: string;
  lines: {
    kind: string;
    charge_key: string;
    description: string;
    period_start: string | null;
    period_end: string | null;
    quantity: string;
    unit_price: string;
    amount: string;
    tax_rate: string;
  }[];
  tax_rows: { rate: string; net: string; tax: string; gross: string }[];
  total_net: string;
  total_tax: string;
  total_gross: string;
};

/**
 * What settling the contract would bill as of `at` (default: the tenant's now), without
 * writing anything. `timeline` replaces the contract's phases (a cancellation preview).
 */
export async function previewSettlement(
  ctx: Ctx,
  contractId: string,
  options: {
    at?: Temporal.Instant;
    timeline?: Timeline;
    /** A contract not stored yet (a signup order's), with `timeline`. */
    unsaved?: ContractRow;
  } = {},
): Promise<BillingPreview> {
  const contract = options.unsaved ?? (await findContract(ctx.db, ctx.tenantId, contractId));
  if (!contract)
    throw notFound("contract_not_found", `no contract ${contractId}`, { id: contractId });
  const customer = await findCustomer(ctx.db, ctx.tenantId, contract.customer_id);
  if (!customer) throw notFound("customer_not_found", `no customer ${contract.customer_id}`);
  const tz = customer.time_zone;
  const history = await loadHistory(ctx.db, ctx.tenantId, contract, tz, options.timeline);
  const billed = await loadBilledItems(ctx.db, ctx.tenantId, contract.id, contract.currency);
  const target = localDate(options.at ?? ctx.clock.now(), tz);
  const items = diffItems(expectedItems(history, target), billed, contract.currency, target);
  const { group, treatment } = await taxContext(ctx, contract, customer);
  const currency = contract.currency;
  const totals = taxTotals(
    items.map((i) => ({ amount: i.amount, rate: treatment.rate })),
    group.price_type,
    currency,
  );
  const str = (m: { amount: bigint }) => toDecimalString(money(m.amount, currency));
  return {
    contract_id: contract.id,
    currency,
    price_basis: group.price_type,
    reverse_charge: treatment.reverseCharge,
    date: target.toString(),
    lines: items.map((i) => ({
      kind: i.kind,
      charge_key: i.key,
      description: i.description,
      period_start: i.period ? i.period.start.toString() : null,
      period_end: i.period ? i.period.end.toString() : null,
      quantity: i.quantity,
      unit_price: i.unitPrice,
      amount: str(i.amount),
      tax_rate: treatment.rate,
    })),
    tax_rows: totals.rows.map((r) => ({
      rate: r.rate,
      net: str(r.net),
      tax: str(r.tax),
      gross: str(r.gross),
    })),
    total_net: str(totals.net),
    total_tax: str(totals.tax),
    total_gross: str(totals.gross),
  };
}

// ---- billing runs -------------------------------------------------------------------------

export type BillingRun = {
  id: string;
  trigger: "worker" | "api";
  status: "running" | "completed" | "interrupted";
  started_at: string;
  tenant_time: string;
  finished_at: string | null;
  contracts_billed: number;
  invoices_created: number;
  credit_notes_created: number;
  failures: number;
  last_error: string | null;
};

type RunRow = {
  id: string;
  trigger: "worker" | "api";
  status: "running" | "completed" | "interrupted";
  started_at: Date;
  tenant_time: Date;
  finished_at: Date | null;
  contracts_billed: number;
  invoices_created: number;
  credit_notes_created: number;
  failures: number;
  last_error: string | null;
};

export const toBillingRun = (r: RunRow): BillingRun => ({
  id: r.id,
  trigger: r.trigger,
  status: r.status,
  started_at: r.started_at.toISOString(),
  tenant_time: r.tenant_time.toISOString(),
  finished_at: r.finished_at ? r.finished_at.toISOString() : null,
  contracts_billed: r.contracts_billed,
  invoices_created: r.invoices_created,
  credit_notes_created: r.credit_notes_created,
  failures: r.failures,
  last_error: r.last_error,
});

/** A context for work the system does on a tenant's behalf (billing runs, jobs). */
export function systemContext(
  db: Kysely<DB>,
  tenantId: string,
  clock: Clock,
  actorId: string,
): { ctx: Ctx; flush(operation: string): Promise<void> } {
  const entries: AuditEntry[] = [];
  const requestId = newId("job");
  const ctx: Ctx = {
    tenantId,
    actor: { type: "system", id: actorId },
    permissions: new Set(["*"]),
    clock,
    requestId,
    db,
    audit: (e) => {
      entries.push(e);
    },
    emit: async (event) => {
      await insertEvent(db, tenantId, clock, event);
    },
  };
  return {
    ctx,
    async flush(operation) {
      await insertAuditRecords(
        db,
        entries.map((e) => ({
          tenantId,
          tenantTime: toDate(clock.now()),
          actorType: "system",
          actorId,
          operation,
          outcome: "succeeded",
          requestId,
          ...e,
        })),
      );
      entries.length = 0;
    },
  };
}

/** How long a contract whose settlement failed waits before the next attempt. */
const RETRY_AFTER_MS = 15 * 60 * 1000;

/** Where a run reports progress (pino or Fastify's request logger). */
export type RunLog = {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export type RunOptions = {
  /** Only this tenant's contracts (an API-triggered run); all tenants when absent. */
  tenantId?: string | undefined;
  trigger: "worker" | "api";
  /** At most this many contracts. */
  limit: number;
  log?: RunLog | undefined;
  /** The wall clock for tenants without a test clock. */
  systemNow: () => Date;
};

/**
 * Settles due contracts (next_billing_at ≤ their tenant's now), one transaction each,
 * claimed with SKIP LOCKED. Counts go to a billing run record per tenant in the same
 * transaction as each settlement, so they are exact even after a crash. Returns the runs.
 */
export async function runBilling(db: Kysely<DB>, options: RunOptions): Promise<BillingRun[]> {
  const runs = new Map<string, string>();
  let done = 0;
  while (done < options.limit) {
    const now = options.systemNow();
    let claimedId: string | null = null;
    let claimedTenant: string | null = null;
    let runCreated = false;
    try {
      const outcome = await db.transaction().execute(async (trx) => {
        let q = trx
          .selectFrom("contracts as c")
          .innerJoin("tenants as t", "t.id", "c.tenant_id")
          .select(["c.id", "c.tenant_id", "t.test_clock_now"])
          .where("c.next_billing_at", "is not", null)
          .where((eb) =>
            eb("c.next_billing_at", "<=", eb.fn.coalesce("t.test_clock_now", eb.val(now))),
          );
        if (options.tenantId) q = q.where("c.tenant_id", "=", options.tenantId);
        const due = await q
          .orderBy("c.next_billing_at")
          .orderBy("c.id")
          .limit(1)
          .forUpdate("c")
          .skipLocked()
          .executeTakeFirst();
        if (!due) return null;
        claimedId = due.id;
        claimedTenant = due.tenant_id;
        const clock = clockFor(due.test_clock_now);
        runCreated = !runs.has(due.tenant_id);
        const runId = await runFor(trx, runs, due.tenant_id, options.trigger, now, clock);
        const { ctx, flush } = systemContext(trx, due.tenant_id, clock, "billing");
        const contract = (await findContract(trx, due.tenant_id, due.id))!;
        const settlement = await settleLocked(ctx, contract, { billingRunId: runId });
        await flush("billing.settle");
        const kind = settlement.invoice?.kind;
        await trx
          .updateTable("billing_runs")
          .set((eb) => ({
            contracts_billed: eb("contracts_billed", "+", 1),
            invoices_created: eb("invoices_created", "+", kind === "invoice" ? 1 : 0),
            credit_notes_created: eb("credit_notes_created", "+", kind === "credit_note" ? 1 : 0),
            updated_at: now,
          }))
          .where("id", "=", runId)
          .execute();
        return settlement;
      });
      if (outcome === null) break;
      done += 1;
      if (outcome.invoice) {
        options.log?.info(
          {
            contract: outcome.contract_id,
            invoice: outcome.invoice.id,
            kind: outcome.invoice.kind,
          },
          "contract settled",
        );
      }
    } catch (err) {
      if (claimedId === null || claimedTenant === null) throw err;
      // a run record inserted by the rolled-back transaction is gone with it
      if (runCreated) runs.delete(claimedTenant);
      done += 1;
      options.log?.error(
        { err, contract: claimedId },
        "settling the contract failed; retried later",
      );
      await recordFailure(db, runs, claimedTenant, claimedId, options.trigger, now, err);
    }
  }
  const ids = [...runs.values()];
  if (ids.length === 0) return [];
  const finished = options.systemNow();
  const rows = await db
    .updateTable("billing_runs")
    .set({ status: "completed", finished_at: finished, updated_at: finished })
    .where("id", "in", ids)
    .returningAll()
    .execute();
  for (const r of rows) {
    options.log?.info(
      { run: r.id, tenant: r.tenant_id, billed: r.contracts_billed, failures: r.failures },
      "billing run completed",
    );
  }
  return rows.map(toBillingRun);
}

async function runFor(
  db: Kysely<DB>,
  runs: Map<string, string>,
  tenantId: string,
  trigger: "worker" | "api",
  now: Date,
  clock: Clock,
): Promise<string> {
  const known = runs.get(tenantId);
  if (known) return known;
  const id = newId("billingRun");
  await db
    .insertInto("billing_runs")
    .values({
      id,
      tenant_id: tenantId,
      trigger,
      status: "running",
      started_at: now,
      tenant_time: toDate(clock.now()),
      updated_at: now,
    })
    .execute();
  runs.set(tenantId, id);
  return id;
}

async function recordFailure(
  db: Kysely<DB>,
  runs: Map<string, string>,
  tenantId: string,
  contractId: string,
  trigger: "worker" | "api",
  now: Date,
  err: unknown,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const tenant = await trx
      .selectFrom("tenants")
      .select("test_clock_now")
      .where("id", "=", tenantId)
      .executeTakeFirstOrThrow();
    const clock = clockFor(tenant.test_clock_now);
    if (!runs.has(tenantId)) await runFor(trx, runs, tenantId, trigger, now, clock);
    await trx
      .updateTable("contracts")
      .set({ next_billing_at: new Date(toDate(clock.now()).getTime() + RETRY_AFTER_MS) })
      .where("id", "=", contractId)
      .execute();
    await trx
      .updateTable("billing_runs")
      .set((eb) => ({
        failures: eb("failures", "+", 1),
        last_error: `${contractId}: ${err instanceof Error ? err.message : String(err)}`.slice(
          0,
          500,
        ),
        updated_at: now,
      }))
      .where("id", "=", runs.get(tenantId)!)
      .execute();
  });
}

/** Marks runs that stopped reporting progress (their process died) as interrupted. */
export async function interruptStaleRuns(db: Kysely<DB>, olderThan: Date): Promise<number> {
  const rows = await db
    .updateTable("billing_runs")
    .set({ status: "interrupted", finished_at: olderThan, updated_at: olderThan })
    .where("status", "=", "running")
    .where("updated_at", "<", olderThan)
    .returning("id")
    .execute();
  return rows.length;
}
