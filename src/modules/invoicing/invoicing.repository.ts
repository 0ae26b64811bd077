/**
 * Storage of invoices, their lines and what billing reads: a contract's history (loaded in
 * a handful of queries) and the charges already billed. Every query is tenant-scoped.
 */
import { type Kysely, type Selectable, sql } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { Timeline } from "../../domain/contracts/phases.js";
import type {
  BilledItem,
  ChargeKind,
  ComponentTerms,
  ContractHistory,
  VariantTerms,
} from "../../domain/invoicing/index.js";
import { money, toDecimalString } from "../../domain/money/index.js";
import type { PriceModel } from "../../domain/pricing/index.js";
import { pastKeyset } from "../../storage/keyset.js";
import type {
  BusinessEntitiesTable,
  ComponentsTable,
  DB,
  InvoiceLinesTable,
  InvoicesTable,
  PlanVariantsTable,
} from "../../storage/schema.js";
import { componentsOfGroups, variantsWithPlanNames } from "../catalog/index.js";
import {
  advanceBillingOf,
  type ContractRow,
  componentSubscriptionsOf,
  discountGrantsOf,
  loadTimelines,
  ratedItemsOf,
  termRestartsOf,
} from "../contracts/index.js";
import { usagePerDay } from "../usage/index.js";

export type InvoiceRow = Selectable<InvoicesTable>;
export type LineRow = Selectable<InvoiceLinesTable>;
export type EntityRow = Selectable<BusinessEntitiesTable>;

const instant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());
const plainDate = (s: string) => Temporal.PlainDate.from(s);

export function priceModelOf(c: Selectable<ComponentsTable>): PriceModel {
  switch (c.price_model) {
    case "per_unit":
      return { model: "per_unit", unitPrice: c.price_per_unit };
    case "package":
      return {
        model: "package",
        packagePrice: c.price_per_unit,
        packageSize: c.package_size ?? "1",
      };
    default:
      return { model: c.price_model, tiers: c.tiers };
  }
}

const variantTerms = (v: Selectable<PlanVariantsTable>, planName: string): VariantTerms => ({
  id: v.id,
  name: v.internal_name || planName,
  recurringFee: v.recurring_fee,
  setupFee: v.setup_fee,
  feePeriod: v.fee_period,
  billingPeriod: v.billing_period,
  paymentMode: v.payment_period_mode,
  alignment: v.billing_alignment,
  quotas: v.quotas.map((q) => ({ componentId: q.component_id, quantity: q.quantity })),
});

/** Everything the invoicing calculation needs about one contract. */
export async function loadHistory(
  db: Kysely<DB>,
  tenantId: string,
  contract: ContractRow,
  timeZone: string,
  /** Phases to bill instead of the stored ones (a preview of a change). */
  proposed?: Timeline,
): Promise<ContractHistory> {
  const [history] = await loadHistories(db, tenantId, [{ contract, timeZone, proposed }]);
  return history!;
}

export type HistoryRequest = {
  contract: ContractRow;
  /** The customer's zone: its calendar days are the billing days. */
  timeZone: string;
  /** Phases to bill instead of the stored ones (a preview of a change). */
  proposed?: Timeline | undefined;
};

const groupBy = <T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
};

/**
 * The histories of several contracts of one tenant, in the order asked, in one query per
 * kind of fact (a billing run loads a whole batch at once).
 */
export async function loadHistories(
  db: Kysely<DB>,
  tenantId: string,
  requests: readonly HistoryRequest[],
): Promise<ContractHistory[]> {
  if (requests.length === 0) return [];
  const ids = requests.map((r) => r.contract.id);
  const stored = requests.filter((r) => !r.proposed).map((r) => r.contract);
  const timelines = new Map<string, Timeline>(
    requests.flatMap((r) => (r.proposed ? [[r.contract.id, r.proposed] as const] : [])),
  );
  for (const [id, timeline] of await loadTimelines(db, stored)) timelines.set(id, timeline);

  const variantIds = [
    ...new Set(
      [...timelines.values()].flatMap((t) =>
        t.phases.flatMap((p) => (p.planVariantId ? [p.planVariantId] : [])),
      ),
    ),
  ];
  const groupIds = [...new Set(requests.map((r) => r.contract.plan_group_id))];
  const [variants, components, subscriptions, usage, rated, discounts] = await Promise.all([
    variantsWithPlanNames(db, tenantId, variantIds),
    componentsOfGroups(db, tenantId, groupIds),
    componentSubscriptionsOf(db, tenantId, ids),
    // usage summed per component and customer's day: the calculation needs no more detail
    usagePerDay(
      db,
      tenantId,
      requests.map((r) => ({ id: r.contract.id, timeZone: r.timeZone })),
    ),
    ratedItemsOf(db, tenantId, ids),
    discountGrantsOf(db, tenantId, ids),
  ]);
  const variantTermsById = new Map(variants.map((v) => [v.id, variantTerms(v, v.plan_name)]));
  const componentsByGroup = groupBy(components, (c) => c.plan_group_id);
  const subscriptionsOf = groupBy(subscriptions, (s) => s.contract_id);
  const usageOf = groupBy(usage, (u) => u.contract_id);
  const ratedOf = groupBy(rated, (r) => r.contract_id);
  const discountsOf = groupBy(discounts, (d) => d.contract_id);
  const earlier = (a: Date | null, b: Date | null) =>
    a === null ? b : b === null ? a : a < b ? a : b;

  return requests.map(({ contract, timeZone }): ContractHistory => {
    const stored = timelines.get(contract.id)!;
    // a proposed timeline that names no restarts keeps the contract's moved term ends
    const timeline = stored.restarts ? stored : { ...stored, restarts: termRestartsOf(contract) };
    const own = new Set(timeline.phases.flatMap((p) => (p.planVariantId ? [p.planVariantId] : [])));
    return {
      contractId: contract.id,
      currency: contract.currency,
      timeZone,
      timeline,
      billedUntil: contract.billed_until ? instant(contract.billed_until) : null,
      variants: new Map(
        [...own].flatMap((id) => {
          const terms = variantTermsById.get(id);
          return terms ? [[id, terms] as const] : [];
        }),
      ),
      components: new Map(
        (componentsByGroup.get(contract.plan_group_id) ?? []).map((c): [string, ComponentTerms] => [
          c.id,
          {
            id: c.id,
            name: c.name,
            type: c.type,
            price: priceModelOf(c),
            feePeriod: c.fee_period,
            prorate: c.prorate,
            billInTrial: c.bill_in_trial,
          },
        ]),
      ),
      componentSubscriptions: (subscriptionsOf.get(contract.id) ?? []).map((s) => ({
        id: s.id,
        componentId: s.component_id,
        quantity: s.quantity,
        start: instant(s.start_at),
        end: s.end_at ? instant(s.end_at) : null,
      })),
      usage: (usageOf.get(contract.id) ?? []).map((u) => ({
        componentId: u.component_id,
        quantity: u.quantity,
        date: plainDate(u.day),
      })),
      ratedItems: (ratedOf.get(contract.id) ?? []).map((r) => ({
        id: r.id,
        description: r.description,
        quantity: r.quantity,
        unitPrice: r.price_per_unit,
        periodStart: instant(r.period_start),
        periodEnd: instant(r.period_end),
        createdAt: instant(r.created_at),
        dueAt: r.due_at ? instant(r.due_at) : null,
      })),
      discounts: (discountsOf.get(contract.id) ?? []).map((d) => {
        const end = earlier(d.end_at, d.duration_end_at);
        return {
          id: d.id,
          description: d.name,
          appliesTo: d.applies_to,
          percent: d.percent,
          // stored in minor units; the calculation takes a decimal amount
          amount:
            d.amount === null ? null : toDecimalString(money(BigInt(d.amount), contract.currency)),
          start: instant(d.start_at),
          end: end ? instant(end) : null,
        };
      }),
      advance: advanceBillingOf(contract),
    };
  });
}

/** The engine's charges on the contract's invoices and credit notes that are not void. */
export async function loadBilledItems(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  currency: string,
): Promise<BilledItem[]> {
  const billed = await loadBilledItemsOf(db, tenantId, [{ id: contractId, currency }]);
  return billed.get(contractId) ?? [];
}

/** The billed charges of several contracts, per contract id. */
export async function loadBilledItemsOf(
  db: Kysely<DB>,
  tenantId: string,
  contracts: readonly { id: string; currency: string }[],
): Promise<Map<string, BilledItem[]>> {
  const out = new Map<string, BilledItem[]>();
  if (contracts.length === 0) return out;
  const currencies = new Map(contracts.map((c) => [c.id, c.currency]));
  // lines by contract first (an index), then which of their documents are void: a join
  // would read every invoice of the tenant once the table is large
  // one index lookup per contract (LATERAL): the plan stays right even while the table's
  // statistics are older than its contents, as in the first run after a large import
  const { rows: lines } = await sql<{
    contract_id: string;
    invoice_id: string;
    charge_key: string;
    kind: string;
    description: string;
    period_start: string | null;
    period_end: string | null;
    amount: string;
  }>`
    SELECT l.contract_id, l.invoice_id, l.charge_key, l.kind, l.description,
           l.period_start, l.period_end, l.amount
    FROM unnest(${[...currencies.keys()]}::text[]) AS x(id)
    CROSS JOIN LATERAL (
      SELECT * FROM invoice_lines l
      WHERE l.contract_id = x.id AND l.charge_key IS NOT NULL AND l.tenant_id = ${tenantId}
      OFFSET 0 -- a fence: the planner would otherwise turn this back into a plain join
    ) l
    ORDER BY l.contract_id, l.invoice_id, l.position`.execute(db);
  const documents = [...new Set(lines.map((l) => l.invoice_id))];
  const voided = new Set(
    documents.length === 0
      ? []
      : (
          await db
            .selectFrom("invoices")
            .select("id")
            .where("tenant_id", "=", tenantId)
            .where(sql<boolean>`id = any(${documents}::text[])`)
            .where("status", "=", "void")
            .execute()
        ).map((d) => d.id),
  );
  const rows = lines.filter((l) => !voided.has(l.invoice_id));
  for (const r of rows) {
    const contractId = r.contract_id!;
    const item: BilledItem = {
      key: r.charge_key!,
      kind: r.kind as ChargeKind,
      description: r.description,
      period:
        r.period_start && r.period_end
          ? { start: plainDate(r.period_start), end: plainDate(r.period_end) }
          : null,
      amount: money(BigInt(r.amount), currencies.get(contractId)!),
    };
    const list = out.get(contractId);
    if (list) list.push(item);
    else out.set(contractId, [item]);
  }
  return out;
}

/**
 * The next number of a document sequence. The counter row stays locked until the
 * transaction ends, and a rollback takes the number back: numbers have no gaps.
 */
export async function nextSequenceValue(
  db: Kysely<DB>,
  key: { tenantId: string; entityId: string; kind: "invoice" | "credit_note" },
): Promise<bigint> {
  return reserveSequence(db, key, 1);
}

/** Takes the next `count` numbers of a sequence at once; returns the first. */
export async function reserveSequence(
  db: Kysely<DB>,
  key: { tenantId: string; entityId: string; kind: "invoice" | "credit_note" },
  count: number,
): Promise<bigint> {
  const row = await db
    .insertInto("document_sequences")
    .values({
      tenant_id: key.tenantId,
      business_entity_id: key.entityId,
      kind: key.kind,
      last_value: String(count),
    })
    .onConflict((oc) =>
      oc
        .columns(["tenant_id", "business_entity_id", "kind"])
        .doUpdateSet({ last_value: sql`document_sequences.last_value + ${count}` }),
    )
    .returning("last_value")
    .executeTakeFirstOrThrow();
  return BigInt(row.last_value) - BigInt(count) + 1n;
}

export async function findInvoice(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<InvoiceRow | undefined> {
  let q = db
    .selectFrom("invoices")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function linesOf(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
): Promise<LineRow[]> {
  return db
    .selectFrom("invoice_lines")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("invoice_id", "=", invoiceId)
    .orderBy("position")
    .execute();
}

export type InvoiceFilter = {
  limit: number;
  cursor?: string | undefined;
  offset?: number | undefined;
  customerId?: string | undefined;
  contractId?: string | undefined;
  status?: InvoiceRow["status"] | undefined;
  kind?: InvoiceRow["kind"] | undefined;
  /** Only issued documents (finalized or void), no drafts. */
  issued?: boolean | undefined;
  /** The credit notes of this invoice. */
  correctsInvoiceId?: string | undefined;
  /** Issue dates from this day on (YYYY-MM-DD, inclusive). */
  issueDateFrom?: string | undefined;
  /** Issue dates up to this day (YYYY-MM-DD, inclusive). */
  issueDateTo?: string | undefined;
  /** The direction of `sort`: ascending (the default) or descending. */
  order?: "asc" | "desc" | undefined;
  /** What the list is ordered by; the id breaks ties. By creation (id) when absent. */
  sort?: InvoiceSort | undefined;
  /**
   * Where the previous page of a list sorted by other than creation ended (its last row's
   * sort values and id); `cursor` (an id) continues a list by creation.
   */
  after?: { values: (string | null)[]; id: string } | undefined;
};

/**
 * The orders of the documents list: by creation (id), issue date, gross total (within each
 * currency: the currency code first, then the total in minor units, an exact integer) or
 * document number (byte order; drafts, which have none, after every number ascending).
 */
export type InvoiceSort = "created" | "issue_date" | "total" | "number";

/** A row's values of a sort (the keyset cursor's values), in the order the sort compares them. */
export function sortValuesOf(sort: Exclude<InvoiceSort, "created">, row: InvoiceRow) {
  if (sort === "issue_date") return [row.issue_date];
  if (sort === "total") return [row.currency, row.total_gross];
  return [row.number];
}

/** The list's filters (not its page): one WHERE for the page and for its count. */
function filtered(db: Kysely<DB>, tenantId: string, f: Omit<InvoiceFilter, "limit">) {
  let q = db.selectFrom("invoices").where("tenant_id", "=", tenantId);
  if (f.customerId) q = q.where("customer_id", "=", f.customerId);
  if (f.contractId) q = q.where("contract_id", "=", f.contractId);
  if (f.correctsInvoiceId) q = q.where("corrects_invoice_id", "=", f.correctsInvoiceId);
  if (f.status) q = q.where("status", "=", f.status);
  if (f.kind) q = q.where("kind", "=", f.kind);
  if (f.issued) q = q.where("status", "!=", "draft");
  if (f.issueDateFrom) q = q.where("issue_date", ">=", f.issueDateFrom);
  if (f.issueDateTo) q = q.where("issue_date", "<=", f.issueDateTo);
  return q;
}

export async function listInvoiceRows(
  db: Kysely<DB>,
  tenantId: string,
  f: InvoiceFilter,
): Promise<InvoiceRow[]> {
  const desc = f.order === "desc";
  const dir = desc ? "desc" : "asc";
  const after = f.after;
  let q = filtered(db, tenantId, f).selectAll();
  switch (f.sort ?? "created") {
    case "created":
      if (f.cursor) q = q.where("id", desc ? "<" : ">", f.cursor);
      break;
    case "issue_date":
      if (after) {
        q = q.where(
          pastKeyset([sql.ref("issue_date")], [sql`${after.values[0]}::date`], after.id, f.order),
        );
      }
      q = q.orderBy("issue_date", dir);
      break;
    case "total":
      if (after) {
        q = q.where(
          pastKeyset(
            [sql.ref("currency"), sql.ref("total_gross")],
            [sql`${after.values[0]}`, sql`${after.values[1]}::bigint`],
            after.id,
            f.order,
          ),
        );
      }
      q = q.orderBy("currency", dir).orderBy("total_gross", dir);
      break;
    case "number":
      if (after) return rowsAfterNumber(db, tenantId, f, after);
      // drafts have no number: last ascending, first descending (PostgreSQL's NULL order)
      q = q.orderBy(sql`number collate "C"`, dir);
      break;
  }
  q = q.orderBy("id", dir).limit(f.limit);
  if (f.offset) q = q.offset(f.offset);
  return q.execute();
}

/**
 * The page after (number, id) in number order. The list is two runs, the numbered documents
 * and the drafts (no number; after the numbers ascending, before them descending): the run
 * the cursor is in is read from the cursor on (a range of the number index), the next run
 * from its start only when the page is not full yet, so a deep page reads only its own rows.
 */
async function rowsAfterNumber(
  db: Kysely<DB>,
  tenantId: string,
  f: InvoiceFilter,
  after: { values: (string | null)[]; id: string },
): Promise<InvoiceRow[]> {
  const desc = f.order === "desc";
  const dir = desc ? "desc" : "asc";
  const number = after.values[0] ?? null;
  const drafts = () =>
    filtered(db, tenantId, f).selectAll().where("number", "is", null).orderBy("id", dir);
  const numbered = () =>
    filtered(db, tenantId, f)
      .selectAll()
      .where("number", "is not", null)
      .orderBy(sql`number collate "C"`, dir)
      .orderBy("id", dir);
  const runs =
    number === null
      ? [drafts().where("id", desc ? "<" : ">", after.id), ...(desc ? [numbered()] : [])]
      : [
          numbered().where(
            sql<boolean>`(number collate "C", id) ${sql.raw(desc ? "<" : ">")} (${number}, ${after.id})`,
          ),
          ...(desc ? [] : [drafts()]),
        ];
  const rows: InvoiceRow[] = [];
  for (const run of runs) {
    for (const row of await run.limit(f.limit - rows.length).execute()) rows.push(row);
    if (rows.length >= f.limit) break;
  }
  return rows;
}

/**
 * How many documents match the list's filters: one COUNT over the tenant's documents (by
 * the customer's, contract's or invoice's index when one of those is named), so its cost
 * grows with the documents it reads, not with the page.
 */
export async function countInvoiceRows(
  db: Kysely<DB>,
  tenantId: string,
  f: Omit<InvoiceFilter, "limit">,
): Promise<number> {
  const row = await filtered(db, tenantId, f)
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The customer's newest issued documents (finalized or void), newest first, at most `limit`. */
export async function latestDocuments(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  limit: number,
) {
  return db
    .selectFrom("invoices")
    .select(["id", "kind", "number", "issue_date", "due_date", "total_gross", "currency", "status"])
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .where("status", "in", ["finalized", "void"])
    .orderBy("issue_date", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** How many documents of each kind (invoices, credit notes) the tenant has. */
export async function countDocumentsByKind(
  db: Kysely<DB>,
  tenantId: string,
): Promise<{ kind: string; n: number }[]> {
  const rows = await db
    .selectFrom("invoices")
    .select(["kind", ({ fn }) => fn.countAll<string>().as("n")])
    .where("tenant_id", "=", tenantId)
    .groupBy("kind")
    .execute();
  return rows.map((r) => ({ kind: r.kind, n: Number(r.n) }));
}

/**
 * Moves every document of customer `from` to customer `to` (a merge); how many. A document's
 * printed parties (sender, recipient) are kept as issued.
 */
export async function reassignDocuments(
  db: Kysely<DB>,
  tenantId: string,
  from: string,
  to: string,
): Promise<number> {
  const moved = await db
    .updateTable("invoices")
    .set({ customer_id: to })
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", from)
    .returning("id")
    .execute();
  return moved.length;
}
