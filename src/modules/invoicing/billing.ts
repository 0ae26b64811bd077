/**
 * Billing: settling a contract (bill what is due and not billed yet, credit what changed)
 * and billing runs, which settle every due contract. A run claims due contracts in batches
 * with SKIP LOCKED, so two processes never settle one contract at once, and settles a batch
 * in one transaction: a run killed at any moment leaves every contract either settled or
 * not, the next run completes the work, and settling twice bills nothing twice (the diff
 * sees the first invoice).
 */
import { type Kysely, sql } from "kysely";
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
import type { AuditEntry, Ctx, DomainEvent } from "../context.js";
import { type ContractRow, findContract } from "../contracts/contracts.repository.js";
import {
  type CustomerRow,
  findCustomer,
  findCustomers,
} from "../customers/customers.repository.js";
import { guardRecord } from "../entities/guard.js";
import { moveTransferredContracts } from "../entities/transfers.service.js";
import { insertEvents } from "../events/outbox.js";
import {
  type DocumentInput,
  type Invoice,
  type LineInput,
  prepareDocuments,
  toInvoice,
  writeDocuments,
} from "./documents.js";
import {
  type EntityRow,
  loadBilledItems,
  loadBilledItemsOf,
  loadHistories,
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
  await guardRecord(ctx, { kind: "contract", row: contract });
  const [settlement] = await settleLocked(ctx, [contract], options);
  return settlement!;
}

/**
 * Settles contracts of one tenant whose rows the transaction holds locked, all at once: one
 * query per kind of fact for the whole batch, one statement per kind of write.
 */
async function settleLocked(
  ctx: Ctx,
  contracts: readonly ContractRow[],
  options: { draft?: boolean; billingRunId?: string | null },
): Promise<Settlement[]> {
  const customers = new Map(
    (
      await findCustomers(ctx.db, ctx.tenantId, [...new Set(contracts.map((c) => c.customer_id))])
    ).map((c) => [c.id, c]),
  );
  const customerOf = (c: ContractRow) => {
    const customer = customers.get(c.customer_id);
    if (!customer) throw notFound("customer_not_found", `no customer ${c.customer_id}`);
    return customer;
  };
  const histories = await loadHistories(
    ctx.db,
    ctx.tenantId,
    contracts.map((contract) => ({ contract, timeZone: customerOf(contract).time_zone })),
  );
  const billedOf = await loadBilledItemsOf(ctx.db, ctx.tenantId, contracts);
  const now = toDate(ctx.clock.now());
  const taxes = taxContexts(ctx);
  const documents: DocumentInput[] = [];
  const draft = options.draft ?? !(await taxes.autoFinalize());
  // one contract after another: the lookups below are cached per batch, and a document's
  // position is taken in the same step that adds it
  const planned = [];
  for (const [i, contract] of contracts.entries()) {
    const history = histories[i]!;
    const tz = history.timeZone;
    const target = localDate(ctx.clock.now(), tz);
    const expected = expectedItems(history, target);
    const items = diffItems(expected, billedOf.get(contract.id) ?? [], contract.currency, target);
    const next = nextBillingDate(history, target);
    const nextAt = next === null ? null : toDate(startOfLocalDay(next, tz));
    let document: number | null = null;
    if (items.length > 0) {
      const customer = customerOf(contract);
      const { entity, group, treatment } = await taxes.of(contract, customer);
      document =
        documents.push({
          entity,
          customer,
          contractId: contract.id,
          currency: contract.currency,
          priceBasis: group.price_type,
          reverseCharge: treatment.reverseCharge,
          lines: items.map((item) => toLine(item, contract.id, treatment.rate)),
          billingRunId: options.billingRunId ?? null,
          draft,
        }) - 1;
    }
    planned.push({ contract, tz, expected, target, items, nextAt, document });
  }
  const prepared = prepareDocuments(ctx, documents);
  const marks = planned.flatMap((p) =>
    settledMarks(
      p.contract.id,
      p.tz,
      p.expected,
      p.target,
      p.document === null
        ? null
        : { id: prepared[p.document]!.row.id, keys: new Set(p.items.map((x) => x.key)) },
    ),
  );

  await updateBillingDates(
    ctx,
    planned.map((p) => ({ id: p.contract.id, nextAt: p.nextAt })),
    now,
  );
  await markSettled(ctx, marks, now);
  // last: the numbers' counter stays locked from here until the transaction ends
  const written = await writeDocuments(ctx, prepared);
  return planned.map(({ contract, nextAt, document }) => {
    const doc = document === null ? null : written[document]!;
    return {
      contract_id: contract.id,
      next_billing_at: nextAt ? nextAt.toISOString() : null,
      invoice: doc ? toInvoice(doc.row, doc.lines) : null,
    };
  });
}

/** Per batch: the tenant's business entities and settings, each plan group's tax treatment. */
function taxContexts(ctx: Ctx) {
  let entities: Map<string, EntityRow> | undefined;
  let autoFinalize: boolean | undefined;
  const groups = new Map<string, { price_type: "net" | "gross"; tax_policy_id: string | null }>();
  const policies = new Map<string, TaxPolicy | null>();
  return {
    async autoFinalize() {
      autoFinalize ??= (
        await ctx.db
          .selectFrom("tenants")
          .select("auto_finalize_invoices")
          .where("id", "=", ctx.tenantId)
          .executeTakeFirstOrThrow()
      ).auto_finalize_invoices;
      return autoFinalize;
    },
    async of(contract: ContractRow, customer: CustomerRow) {
      // every entity of the tenant in one statement, once per batch
      entities ??= new Map(
        (
          await ctx.db
            .selectFrom("business_entities")
            .selectAll()
            .where("tenant_id", "=", ctx.tenantId)
            .execute()
        ).map((e) => [e.id, e]),
      );
      const entity = entities.get(contract.business_entity_id);
      if (!entity) throw new Error(`contract ${contract.id} names no entity of its tenant`);
      let group = groups.get(contract.plan_group_id);
      if (!group) {
        group = await ctx.db
          .selectFrom("plan_groups")
          .select(["price_type", "tax_policy_id"])
          .where("tenant_id", "=", ctx.tenantId)
          .where("id", "=", contract.plan_group_id)
          .executeTakeFirstOrThrow();
        groups.set(contract.plan_group_id, group);
      }
      const policyId = group.tax_policy_id ?? entity.default_tax_policy_id;
      let policy: TaxPolicy | null = null;
      if (policyId) {
        if (!policies.has(policyId)) policies.set(policyId, await taxPolicy(ctx, policyId));
        policy = policies.get(policyId)!;
      }
      return { entity, group, treatment: treatmentOf(entity, customer, policy) };
    },
  };
}

/** Who issues the contract's documents, on which price basis, and the customer's tax. */
async function taxContext(ctx: Ctx, contract: ContractRow, customer: CustomerRow) {
  return taxContexts(ctx).of(contract, customer);
}

function treatmentOf(
  entity: EntityRow,
  customer: {
    address: { country?: string };
    vat_id: string | null;
    customer_type: "consumer" | "business";
  },
  policy: TaxPolicy | null,
): { rate: string; reverseCharge: boolean } {
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

/** Records a settlement marks billed: usage of a component over a span, or a rated item. */
type Mark = {
  contractId: string;
  /** The document that bills it, or null: billed before, or nothing to bill. */
  invoiceId: string | null;
} & ({ ratedItemId: string } | { componentId: string; start: Date; end: Date });

/**
 * What to mark billed for every charge due by `target`, so those records can no longer be
 * deleted: those on the new document with its id, the others (a period whose usage stayed
 * within the free quota, a late record that changed nothing) without one.
 */
function settledMarks(
  contractId: string,
  timeZone: string,
  expected: readonly ExpectedItem[],
  target: Temporal.PlainDate,
  document: { id: string; keys: ReadonlySet<string> } | null,
): Mark[] {
  const marks: Mark[] = [];
  for (const item of expected) {
    const source = item.source;
    if (!source || Temporal.PlainDate.compare(item.due, target) > 0) continue;
    const invoiceId = document?.keys.has(item.key) === true ? document.id : null;
    if ("ratedItemId" in source) {
      marks.push({ contractId, invoiceId, ratedItemId: source.ratedItemId });
    } else {
      const span = instantSpan(source.usage.span, timeZone);
      marks.push({
        contractId,
        invoiceId,
        componentId: source.usage.componentId,
        start: toDate(span.start),
        end: toDate(span.end),
      });
    }
  }
  return marks;
}

/**
 * Marks usage records and rated items billed, one statement each: a record on a new
 * document gets its id; one without a document is only stamped if it was not billed yet.
 */
async function markSettled(ctx: Ctx, marks: readonly Mark[], now: Date): Promise<void> {
  const rated = marks.filter((m) => "ratedItemId" in m);
  const usage = marks.filter((m) => "componentId" in m);
  if (rated.length > 0) {
    await sql`
      UPDATE rated_items r
      SET billed_at = ${now}, invoice_id = coalesce(m.invoice_id, r.invoice_id)
      FROM unnest(${rated.map((m) => m.ratedItemId)}::text[],
                  ${rated.map((m) => m.invoiceId)}::text[]) AS m(id, invoice_id)
      WHERE r.tenant_id = ${ctx.tenantId} AND r.id = m.id
        AND (m.invoice_id IS NOT NULL OR r.billed_at IS NULL)`.execute(ctx.db);
  }
  if (usage.length > 0) {
    await sql`
      UPDATE usage_records u
      SET billed_at = ${now}, invoice_id = coalesce(m.invoice_id, u.invoice_id)
      FROM unnest(${usage.map((m) => m.contractId)}::text[],
                  ${usage.map((m) => m.componentId)}::text[],
                  ${usage.map((m) => m.start.toISOString())}::timestamptz[],
                  ${usage.map((m) => m.end.toISOString())}::timestamptz[],
                  ${usage.map((m) => m.invoiceId)}::text[])
           AS m(contract_id, component_id, start_at, end_at, invoice_id)
      WHERE u.tenant_id = ${ctx.tenantId} AND u.contract_id = m.contract_id
        AND u.component_id = m.component_id
        AND u.due_at >= m.start_at AND u.due_at < m.end_at
        AND (m.invoice_id IS NOT NULL OR u.billed_at IS NULL)`.execute(ctx.db);
  }
}

/** Each contract's next billing date, and when it was last settled, in one statement. */
async function updateBillingDates(
  ctx: Ctx,
  dates: readonly { id: string; nextAt: Date | null }[],
  now: Date,
): Promise<void> {
  if (dates.length === 0) return;
  await sql`
    UPDATE contracts c
    SET next_billing_at = d.next_at, last_billed_at = ${now}
    FROM unnest(${dates.map((d) => d.id)}::text[],
                ${dates.map((d) => (d.nextAt ? d.nextAt.toISOString() : null))}::timestamptz[])
         AS d(id, next_at)
    WHERE c.tenant_id = ${ctx.tenantId} AND c.id = d.id`.execute(ctx.db);
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
  if (!options.unsaved) await guardRecord(ctx, { kind: "contract", row: contract });
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

/**
 * A context for work the system does on a tenant's behalf (billing runs, jobs). Audit
 * records and events are kept until `flush`, which writes each kind in one statement.
 */
export function systemContext(
  db: Kysely<DB>,
  tenantId: string,
  clock: Clock,
  actorId: string,
): { ctx: Ctx; flush(operation: string): Promise<void> } {
  const entries: AuditEntry[] = [];
  const events: DomainEvent[] = [];
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
      events.push(event);
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
      await insertEvents(db, tenantId, clock, events);
      entries.length = 0;
      events.length = 0;
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
  /** Contracts per transaction (default BILLING_BATCH). */
  batchSize?: number;
  log?: RunLog | undefined;
  /** The wall clock for tenants without a test clock. */
  systemNow: () => Date;
};

/** Contracts claimed and settled together in one transaction. */
export const BILLING_BATCH = 100;

/**
 * Settles due contracts (next_billing_at ≤ their tenant's now). Contracts are claimed in
 * batches with SKIP LOCKED and each batch is settled in one transaction, with its billing
 * run's counts: a batch is committed whole or not at all, so a crash loses nothing and
 * bills nothing twice. A batch that fails is settled again contract by contract, each in its
 * own transaction, so one contract's bad data holds up no other. Returns the runs.
 */
export async function runBilling(db: Kysely<DB>, options: RunOptions): Promise<BillingRun[]> {
  const runs = new Map<string, string>();
  let done = 0;
  while (done < options.limit) {
    const now = options.systemNow();
    const size = Math.min(options.batchSize ?? BILLING_BATCH, options.limit - done);
    let claimed: string[] = [];
    const created: string[] = [];
    try {
      const settled = await db.transaction().execute(async (trx) => {
        const due = await claimDue(trx, { tenantId: options.tenantId, now, size });
        claimed = due.map((d) => d.contract.id);
        return settleClaimed(trx, due, runs, created, options, now);
      });
      if (settled.length === 0) break;
      done += settled.length;
      logSettled(options.log, settled);
    } catch (err) {
      if (claimed.length === 0) throw err;
      // run records inserted by the rolled-back transaction are gone with it
      for (const tenant of created) runs.delete(tenant);
      options.log?.error(
        { err, contracts: claimed.length },
        "settling a batch failed; settling its contracts one by one",
      );
      for (const id of claimed) {
        // a contract another process settled meanwhile is not counted: the loop goes on
        if (await settleAlone(db, id, runs, options, now)) done += 1;
      }
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

type Claimed = { contract: ContractRow; testClockNow: Date | null };

/**
 * Locks up to `size` due contracts of one tenant that no other transaction holds (SKIP
 * LOCKED). Tenants are served longest-waiting first (their earliest due contract), and a
 * batch never spans tenants, so a tenant's number counters are locked only while its own
 * documents are written. Each step reads an index on (tenant, next billing date) up to the
 * tenant's own clock: a claim reads what it locks however many contracts are not due. The
 * contracts of a frozen customer (billing_frozen) are outside that partial index and wait.
 */
async function claimDue(
  trx: Kysely<DB>,
  options: { tenantId?: string | undefined; contractId?: string; now: Date; size: number },
): Promise<Claimed[]> {
  const only = options.contractId ? sql`AND c.id = ${options.contractId}` : sql``;
  const { rows: tenants } = await sql<{ id: string; test_clock_now: Date | null }>`
    SELECT t.id, t.test_clock_now
    FROM tenants t
    CROSS JOIN LATERAL (
      SELECT c.next_billing_at AS first_due FROM contracts c
      WHERE c.tenant_id = t.id
        AND c.next_billing_at IS NOT NULL
        AND NOT c.billing_frozen
        AND c.next_billing_at <= coalesce(t.test_clock_now, ${options.now})
        ${only}
      ORDER BY c.next_billing_at
      LIMIT 1
    ) d
    ${options.tenantId ? sql`WHERE t.id = ${options.tenantId}` : sql``}
    ORDER BY d.first_due, t.id
    LIMIT 1000`.execute(trx);
  for (const tenant of tenants) {
    const { rows } = await sql<ContractRow>`
      SELECT * FROM contracts c
      WHERE c.tenant_id = ${tenant.id}
        AND c.next_billing_at IS NOT NULL
        AND NOT c.billing_frozen
        AND c.next_billing_at <= ${tenant.test_clock_now ?? options.now}
        ${only}
      ORDER BY c.next_billing_at, c.id
      LIMIT ${options.size}
      FOR UPDATE SKIP LOCKED`.execute(trx);
    if (rows.length > 0) {
      return rows.map((contract) => ({ contract, testClockNow: tenant.test_clock_now }));
    }
  }
  return [];
}

/** Settles claimed contracts tenant by tenant and counts them on each tenant's run. */
async function settleClaimed(
  trx: Kysely<DB>,
  due: readonly Claimed[],
  runs: Map<string, string>,
  created: string[],
  options: RunOptions,
  now: Date,
): Promise<Settlement[]> {
  const byTenant = new Map<string, Claimed[]>();
  for (const d of due) {
    const list = byTenant.get(d.contract.tenant_id);
    if (list) list.push(d);
    else byTenant.set(d.contract.tenant_id, [d]);
  }
  const all: Settlement[] = [];
  for (const [tenantId, claimed] of byTenant) {
    const clock = clockFor(claimed[0]!.testClockNow);
    if (!runs.has(tenantId)) created.push(tenantId);
    const runId = await runFor(trx, runs, tenantId, options.trigger, now, clock);
    const { ctx, flush } = systemContext(trx, tenantId, clock, "billing");
    // the renewal job: contracts of customers transferred since their last run move first
    const contracts = await moveTransferredContracts(
      ctx,
      claimed.map((c) => c.contract),
    );
    const settled = await settleLocked(ctx, contracts, { billingRunId: runId });
    await flush("billing.settle");
    const count = (kind: string) => settled.filter((x) => x.invoice?.kind === kind).length;
    await trx
      .updateTable("billing_runs")
      .set((eb) => ({
        contracts_billed: eb("contracts_billed", "+", settled.length),
        invoices_created: eb("invoices_created", "+", count("invoice")),
        credit_notes_created: eb("credit_notes_created", "+", count("credit_note")),
        updated_at: now,
      }))
      .where("id", "=", runId)
      .execute();
    all.push(...settled);
  }
  return all;
}

/**
 * One contract of a failed batch in its own transaction; a failure is recorded. False when
 * the contract is no longer due (another process settled it meanwhile).
 */
async function settleAlone(
  db: Kysely<DB>,
  contractId: string,
  runs: Map<string, string>,
  options: RunOptions,
  now: Date,
): Promise<boolean> {
  let tenantId: string | null = null;
  const created: string[] = [];
  try {
    const settled = await db.transaction().execute(async (trx) => {
      // still due and not taken by another process since the batch rolled back
      const due = await claimDue(trx, { contractId, now, size: 1 });
      tenantId = due[0]?.contract.tenant_id ?? null;
      return settleClaimed(trx, due, runs, created, options, now);
    });
    logSettled(options.log, settled);
    return settled.length > 0;
  } catch (err) {
    for (const tenant of created) runs.delete(tenant);
    if (tenantId === null) throw err;
    options.log?.error(
      { err, contract: contractId },
      "settling the contract failed; retried later",
    );
    await recordFailure(db, runs, tenantId, contractId, options.trigger, now, err);
    return true;
  }
}

function logSettled(log: RunLog | undefined, settled: readonly Settlement[]): void {
  if (!log) return;
  for (const s of settled) {
    if (!s.invoice) continue;
    log.info(
      { contract: s.contract_id, invoice: s.invoice.id, kind: s.invoice.kind },
      "contract settled",
    );
  }
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
