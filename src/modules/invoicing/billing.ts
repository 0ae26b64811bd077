/**
 * Billing: settling a contract (bill what is due and not billed yet, credit what changed),
 * and what the billing run (src/workflows/billing-run.ts) needs of this module: claiming due
 * contracts with SKIP LOCKED, settling a locked batch, and the run records. Settling twice
 * bills nothing twice (the diff sees the first invoice).
 */
import type { Kysely } from "kysely";
import { Temporal } from "temporal-polyfill";
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
import { planGroupTaxTerms } from "../catalog/index.js";
import type { Ctx } from "../context.js";
import {
  type ContractRow,
  findContract,
  lockDueContracts,
  markRatedItemsBilled,
  setBillingDates,
  setNextBillingAt,
} from "../contracts/index.js";
import { type CustomerRow, findCustomer, findCustomers } from "../customers/index.js";
import { listEntities } from "../entities/index.js";
import { fetchPage, type Page } from "../pagination.js";
import { findTaxPolicy } from "../taxes/index.js";
import { findTenant } from "../tenants/index.js";
import { markUsageBilled } from "../usage/index.js";
import {
  addRunFailure,
  addToRunCounts,
  type BillingRunRow,
  completeRunRows,
  insertBillingRun,
  interruptRunRows,
  listBillingRunRows,
  tenantsWithDueContracts,
} from "./billing-runs.repository.js";
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
  const row = await findTaxPolicy(ctx.db, ctx.tenantId, id);
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
  await ctx.guard({ kind: "contract", row: contract });
  const [settlement] = await settleLocked(ctx, [contract], options);
  return settlement!;
}

/**
 * Settles contracts of one tenant whose rows the transaction holds locked, all at once: one
 * query per kind of fact for the whole batch, one statement per kind of write.
 */
export async function settleLocked(
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

  await setBillingDates(
    ctx.db,
    ctx.tenantId,
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
      if (autoFinalize === undefined) {
        const tenant = await findTenant(ctx.db, ctx.tenantId);
        if (!tenant) throw new Error(`no tenant ${ctx.tenantId}`);
        autoFinalize = tenant.auto_finalize_invoices;
      }
      return autoFinalize;
    },
    async of(contract: ContractRow, customer: CustomerRow) {
      // every entity of the tenant in one statement, once per batch
      entities ??= new Map((await listEntities(ctx.db, ctx.tenantId)).map((e) => [e.id, e]));
      const entity = entities.get(contract.business_entity_id);
      if (!entity) throw new Error(`contract ${contract.id} names no entity of its tenant`);
      let group = groups.get(contract.plan_group_id);
      if (!group) {
        group = await planGroupTaxTerms(ctx.db, ctx.tenantId, contract.plan_group_id);
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
  const rated = marks.flatMap((m) =>
    "ratedItemId" in m ? [{ id: m.ratedItemId, invoiceId: m.invoiceId }] : [],
  );
  const usage = marks.flatMap((m) => ("componentId" in m ? [m] : []));
  await markRatedItemsBilled(ctx.db, ctx.tenantId, rated, now);
  await markUsageBilled(ctx.db, ctx.tenantId, usage, now);
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
  if (!options.unsaved) await ctx.guard({ kind: "contract", row: contract });
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

export const toBillingRun = (r: BillingRunRow): BillingRun => ({
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

/** The tenant's billing runs, newest first. */
export async function listBillingRuns(
  ctx: Ctx,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<BillingRun>> {
  return fetchPage(
    page.limit,
    (n) => listBillingRunRows(ctx.db, ctx.tenantId, { limit: n, cursor: page.cursor }),
    toBillingRun,
  );
}

/** How long a contract whose settlement failed waits before the next attempt. */
const RETRY_AFTER_MS = 15 * 60 * 1000;

export type Claimed = { contract: ContractRow; testClockNow: Date | null };

/**
 * Locks up to `size` due contracts of one tenant that no other transaction holds (SKIP
 * LOCKED). Tenants are served longest-waiting first (their earliest due contract), and a
 * batch never spans tenants, so a tenant's number counters are locked only while its own
 * documents are written. Each step reads an index on (tenant, next billing date) up to the
 * tenant's own clock: a claim reads what it locks however many contracts are not due. The
 * contracts of a frozen customer (billing_frozen) are outside that partial index and wait.
 */
export async function claimDue(
  trx: Kysely<DB>,
  options: { tenantId?: string | undefined; contractId?: string; now: Date; size: number },
): Promise<Claimed[]> {
  const tenants = await tenantsWithDueContracts(trx, options);
  for (const tenant of tenants) {
    const rows = await lockDueContracts(
      trx,
      tenant.id,
      tenant.test_clock_now ?? options.now,
      options.size,
      options.contractId,
    );
    if (rows.length > 0) {
      return rows.map((contract) => ({ contract, testClockNow: tenant.test_clock_now }));
    }
  }
  return [];
}

/** A new billing run of the tenant, running; its id. */
export async function openBillingRun(
  db: Kysely<DB>,
  input: { tenantId: string; trigger: "worker" | "api"; now: Date; tenantTime: Date },
): Promise<string> {
  const id = newId("billingRun");
  await insertBillingRun(db, { id, ...input });
  return id;
}

/** Counts settled contracts and the documents written for them on their run. */
export async function countSettled(
  db: Kysely<DB>,
  runId: string,
  settled: readonly Settlement[],
  now: Date,
): Promise<void> {
  const count = (kind: string) => settled.filter((x) => x.invoice?.kind === kind).length;
  await addToRunCounts(
    db,
    runId,
    { contracts: settled.length, invoices: count("invoice"), creditNotes: count("credit_note") },
    now,
  );
}

/**
 * A contract whose settlement failed: counted on its run with the error, and tried again
 * after RETRY_AFTER_MS of its tenant's clock.
 */
export async function recordSettlementFailure(
  ctx: Ctx,
  input: { runId: string; contractId: string; error: unknown; now: Date },
): Promise<void> {
  await setNextBillingAt(
    ctx.db,
    ctx.tenantId,
    input.contractId,
    new Date(toDate(ctx.clock.now()).getTime() + RETRY_AFTER_MS),
  );
  const error = input.error;
  await addRunFailure(
    ctx.db,
    input.runId,
    `${input.contractId}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500),
    input.now,
  );
}

/** Marks runs completed. */
export async function completeBillingRuns(
  db: Kysely<DB>,
  ids: readonly string[],
  finished: Date,
): Promise<{ tenantId: string; run: BillingRun }[]> {
  const rows = await completeRunRows(db, ids, finished);
  return rows.map((r) => ({ tenantId: r.tenant_id, run: toBillingRun(r) }));
}

/** Marks runs that stopped reporting progress (their process died) as interrupted. */
export async function interruptStaleRuns(db: Kysely<DB>, olderThan: Date): Promise<number> {
  return interruptRunRows(db, olderThan);
}
