import {
  type Insertable,
  type Kysely,
  type OperandExpression,
  type RawBuilder,
  type Selectable,
  sql,
  type Updateable,
} from "kysely";
import { Temporal } from "temporal-polyfill";
import type { Phase, Timeline } from "../../domain/contracts/phases.js";
import type { TransferState } from "../../domain/entities/rules.js";
import { rowsOfContracts } from "../../storage/bulk.js";
import { instantKey, pastKeyset, type SortColumn, sortedPage } from "../../storage/keyset.js";
import { cachedRead } from "../../storage/read-cache.js";
import type { ContractsTable, DB, OrdersTable } from "../../storage/schema.js";
import { shapedWrite, type Write } from "../../storage/together.js";
import { variantCurrencies } from "../catalog/index.js";
import { dateOf } from "../context.js";
import { liveCustomers } from "../customers/index.js";

export type ContractRow = Selectable<ContractsTable>;
export type OrderRow = Selectable<OrdersTable>;

const instant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());

/** The one place contracts are scoped to a tenant. */
export async function findContract(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ContractRow | undefined> {
  let q = db
    .selectFrom("contracts")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * A contract with its timeline, in one statement (the API's read of one contract), through
 * the read cache. The row's next_billing_at and last_billed_at may be older than the
 * database's: a change of only those does not empty the cache on PostgreSQL (migration 0071),
 * so nothing that decides on them may read them from here.
 */
export async function findContractWithTimeline(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<{ row: ContractRow; timeline: Timeline } | undefined> {
  return cachedRead(db, `contract:${tenantId}:${id}`, () =>
    loadContractWithTimeline(db, tenantId, id),
  );
}

async function loadContractWithTimeline(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<{ row: ContractRow; timeline: Timeline } | undefined> {
  const found = await db
    .selectFrom("contracts as c")
    .selectAll("c")
    .select(
      sql<PhaseJson[]>`coalesce((
        SELECT json_agg(json_build_object(
          'type', p.type,
          'start_ms', (extract(epoch FROM p.start_at) * 1000)::bigint,
          'plan_variant_id', p.plan_variant_id,
          'quantity', p.quantity::text
        ) ORDER BY p.start_at)
        FROM contract_phases p WHERE p.contract_id = c.id), '[]')`.as("phase_list"),
    )
    .where("c.tenant_id", "=", tenantId)
    .where("c.id", "=", id)
    .executeTakeFirst();
  if (!found) return undefined;
  const { phase_list, ...row } = found;
  return {
    row,
    timeline: {
      start: instant(row.start_at),
      end: row.end_at ? instant(row.end_at) : null,
      phases: phase_list.map((p) => ({
        type: p.type,
        start: Temporal.Instant.fromEpochMilliseconds(p.start_ms),
        planVariantId: p.plan_variant_id,
        quantity: p.quantity,
      })),
    },
  };
}

type PhaseJson = {
  type: Phase["type"];
  start_ms: number;
  plan_variant_id: string | null;
  quantity: string;
};

/** A contract's status as the API shows it: its lifecycle status, or transferred. */
export type ContractStatus =
  | "future"
  | "in_trial"
  | "trial_expired"
  | "active"
  | "temporarily_inactive"
  | "ended"
  | "transferred";

/** Which of the tenant's contracts a list holds: all of them unless narrowed. */
export type ContractListFilter = {
  customerId?: string | undefined;
  /** With the instant (the tenant's now) the status is taken at. */
  status?: { is: ContractStatus; at: Date } | undefined;
  /** Starting at or after this instant. */
  startFrom?: Date | undefined;
  /** Starting before this instant. */
  startBefore?: Date | undefined;
};

/**
 * A contract's status at `at` in SQL, as `lifecycleStatus` (src/domain/contracts/phases.ts)
 * derives it from the phase covering `at` (by the primary key of contract_phases), and
 * transferred for the copy a move left behind.
 */
function contractStatusAt(at: Date): RawBuilder<ContractStatus> {
  const now = sql`${at}::timestamptz`;
  return sql<ContractStatus>`CASE WHEN contracts.active_id IS NOT NULL THEN 'transferred' ELSE
    coalesce((
      SELECT CASE
        WHEN cur.type = 'trial' THEN 'in_trial'
        WHEN cur.type = 'normal' THEN 'active'
        WHEN contracts.end_at IS NOT NULL AND contracts.end_at <= ${now} THEN 'ended'
        WHEN (
          SELECT prev.type FROM contract_phases prev
          WHERE prev.contract_id = contracts.id AND prev.start_at < cur.start_at
          ORDER BY prev.start_at DESC LIMIT 1
        ) = 'trial' THEN 'trial_expired'
        ELSE 'temporarily_inactive'
      END
      FROM contract_phases cur
      WHERE cur.contract_id = contracts.id AND cur.start_at <= ${now}
      ORDER BY cur.start_at DESC LIMIT 1
    ), 'future') END`;
}

function filteredContracts(db: Kysely<DB>, tenantId: string, f: ContractListFilter) {
  let q = db.selectFrom("contracts").where("tenant_id", "=", tenantId);
  if (f.customerId) q = q.where("customer_id", "=", f.customerId);
  if (f.status) q = q.where(contractStatusAt(f.status.at), "=", f.status.is);
  if (f.startFrom) q = q.where("start_at", ">=", f.startFrom);
  if (f.startBefore) q = q.where("start_at", "<", f.startBefore);
  return q;
}

/** How many of the tenant's contracts the filter holds (one COUNT query). */
export async function countContractRows(
  db: Kysely<DB>,
  tenantId: string,
  f: ContractListFilter,
): Promise<number> {
  const row = await filteredContracts(db, tenantId, f)
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The orders of the contracts list: by creation (id), by when the contract starts
 * (`start_at`), or by customer (its contracts together, customers in the order of their ids),
 * the id breaking ties; each read by an index of its keys and the id.
 */
export type ContractSort = "created" | "start" | "customer";

/** A listed contract with its value of the list's sort, as a keyset value (absent by creation). */
export type ListedContract = ContractRow & { sort_key: string | null };

/** The column of each sort (none by creation: the id alone). */
const SORT_COLUMNS: Record<ContractSort, SortColumn | null> = {
  created: null,
  start: { column: "start_at", instant: true },
  customer: { column: "customer_id", instant: false },
};

export async function listContracts(
  db: Kysely<DB>,
  tenantId: string,
  page: ContractListFilter & {
    limit: number;
    cursor?: string | undefined;
    offset?: number | undefined;
    sort?: ContractSort | undefined;
    order?: "asc" | "desc" | undefined;
    /** Where the previous page of a list by start or customer ended: its sort value and id. */
    after?: { values: (string | null)[]; id: string } | undefined;
  },
): Promise<ListedContract[]> {
  const dir = page.order === "desc" ? "desc" : "asc";
  const sorted = sortedPage(SORT_COLUMNS[page.sort ?? "created"], { ...page, order: dir });
  let q = filteredContracts(db, tenantId, page).selectAll().select(sorted.sortKey.as("sort_key"));
  if (sorted.past) q = q.where(sorted.past);
  if (sorted.orderBy) q = q.orderBy(sorted.orderBy, dir);
  q = q.orderBy("id", dir).limit(page.limit);
  if (page.offset) q = q.offset(page.offset);
  return q.execute();
}

export async function loadTimeline(db: Kysely<DB>, contract: ContractRow): Promise<Timeline> {
  return (await loadTimelines(db, [contract])).get(contract.id)!;
}

/** The contract's moved term ends, from which its billing periods restart. */
export const termRestartsOf = (c: Pick<ContractRow, "term_restarts">): Temporal.Instant[] =>
  (c.term_restarts ?? []).map((r) => Temporal.Instant.from(r));

/** Records the contract's moved term ends (in order); billing looks at the contract at `dueAt`. */
export async function setTermRestarts(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  restarts: readonly Temporal.Instant[],
  updatedAt: Date,
): Promise<void> {
  await db
    .updateTable("contracts")
    .set({
      term_restarts: JSON.stringify(restarts.map((r) => r.toString())),
      updated_at: updatedAt,
      // billing looks at the contract now: the cut period is billed or credited at once
      next_billing_at: updatedAt,
    })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", contractId)
    .execute();
}

/** The timelines of several contracts in one query, by contract id. */
export async function loadTimelines(
  db: Kysely<DB>,
  contracts: readonly ContractRow[],
): Promise<Map<string, Timeline>> {
  if (contracts.length === 0) return new Map();
  const rows = await rowsOfContracts(
    db,
    "contract_phases",
    contracts.map((c) => c.id),
    { tenantId: null, orderBy: "start_at" },
  );
  const phases = new Map<string, Phase[]>(contracts.map((c) => [c.id, []]));
  for (const r of rows) {
    phases.get(r.contract_id)!.push({
      type: r.type,
      start: instant(r.start_at),
      planVariantId: r.plan_variant_id,
      quantity: r.quantity,
    });
  }
  return new Map(
    contracts.map((c) => [
      c.id,
      {
        start: instant(c.start_at),
        end: c.end_at ? instant(c.end_at) : null,
        phases: phases.get(c.id)!,
        restarts: termRestartsOf(c),
      },
    ]),
  );
}

/**
 * Replaces a contract's phases and end with the timeline's. A phase start is announced once
 * (src/jobs/contract-phase-events.ts): a phase that starts by `updatedAt` (the tenant's now)
 * is announced by the event of the write itself, one in the future later by the job; a phase
 * kept at the same start keeps its marks.
 */
export async function saveTimeline(
  db: Kysely<DB>,
  contractId: string,
  timeline: Timeline,
  updatedAt: Date,
): Promise<void> {
  const previous = await db
    .deleteFrom("contract_phases")
    .where("contract_id", "=", contractId)
    .returning(["start_at", "announced_at", "end_approach_announced_at"])
    .execute();
  const marks = new Map(previous.map((p) => [p.start_at.getTime(), p]));
  await db
    .insertInto("contract_phases")
    .values(
      timeline.phases.map((p) => {
        const start = dateOf(p.start);
        const kept = marks.get(start.getTime());
        return {
          contract_id: contractId,
          start_at: start,
          type: p.type,
          plan_variant_id: p.planVariantId,
          quantity: p.quantity,
          announced_at: kept?.announced_at ?? (start <= updatedAt ? updatedAt : null),
          end_approach_announced_at: kept?.end_approach_announced_at ?? null,
        };
      }),
    )
    .execute();
  const end = timeline.end ? dateOf(timeline.end) : null;
  await db
    .updateTable("contracts")
    .set({
      end_at: end,
      updated_at: updatedAt,
      // billing looks at the contract again by its end (the final settlement), and a contract
      // that was fully billed is looked at again after any change
      next_billing_at:
        end === null
          ? sql`coalesce(next_billing_at, start_at)`
          : sql`least(coalesce(next_billing_at, ${end}), ${end})`,
    })
    .where("id", "=", contractId)
    .execute();
}

export async function findOrder(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<OrderRow | undefined> {
  let q = db
    .selectFrom("orders")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The contract's succeeded change orders dated after `after`, by change date. */
export async function listChangeOrdersAfter(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  after: Date,
): Promise<OrderRow[]> {
  return db
    .selectFrom("orders")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .where("type", "=", "change")
    .where("status", "=", "succeeded")
    .where("change_at", ">", after)
    .orderBy("change_at")
    .orderBy("id")
    .execute();
}

/**
 * The orders of the orders list: by creation (id) or by when an order last changed
 * (`updated_at`: created, committed, approved, declined), the id breaking ties.
 */
export type OrderSort = "created" | "updated";

/** A listed order with its last change as a keyset value (see `instantKey`). */
export type ListedOrder = OrderRow & { updated_key: string };

/** Which of the tenant's orders a list holds: all of them unless narrowed. */
export type OrderListFilter = {
  customerId?: string | undefined;
  status?: OrderRow["status"] | undefined;
  /** Created at or after this instant. */
  createdFrom?: Date | undefined;
  /** Created before this instant. */
  createdBefore?: Date | undefined;
};

function filteredOrders(db: Kysely<DB>, tenantId: string, f: OrderListFilter) {
  let q = db.selectFrom("orders").where("tenant_id", "=", tenantId);
  if (f.customerId) q = q.where("customer_id", "=", f.customerId);
  if (f.status) q = q.where("status", "=", f.status);
  if (f.createdFrom) q = q.where("created_at", ">=", f.createdFrom);
  if (f.createdBefore) q = q.where("created_at", "<", f.createdBefore);
  return q;
}

/** How many of the tenant's orders the filter holds (one COUNT query). */
export async function countOrderRows(
  db: Kysely<DB>,
  tenantId: string,
  f: OrderListFilter,
): Promise<number> {
  const row = await filteredOrders(db, tenantId, f)
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listOrders(
  db: Kysely<DB>,
  tenantId: string,
  page: OrderListFilter & {
    limit: number;
    cursor?: string | undefined;
    sort?: OrderSort | undefined;
    order?: "asc" | "desc" | undefined;
    /** Where the previous page of the list by last change ended: its sort value and id. */
    after?: { values: (string | null)[]; id: string } | undefined;
  },
): Promise<ListedOrder[]> {
  const dir = page.order === "desc" ? "desc" : "asc";
  let q = filteredOrders(db, tenantId, page)
    .selectAll()
    .select(instantKey("updated_at").as("updated_key"));
  if ((page.sort ?? "created") === "created") {
    if (page.cursor) q = q.where("id", dir === "desc" ? "<" : ">", page.cursor);
  } else {
    if (page.after) {
      q = q.where(
        pastKeyset(
          [sql.ref("updated_at")],
          [sql`${page.after.values[0]}::timestamptz`],
          page.after.id,
          dir,
        ),
      );
    }
    q = q.orderBy("updated_at", dir);
  }
  return q.orderBy("id", dir).limit(page.limit).execute();
}

/**
 * Something billable was added to contracts (usage, a rated item, a component): a contract
 * that billing no longer looks at (ended and settled: no next billing date) is due again at
 * `at`. Others keep their next billing date: what was added is billed when it falls due.
 * Billing finds what is due; the callers (ingestion among them) know nothing of billing.
 */
export async function markDue(
  db: Kysely<DB>,
  tenantId: string,
  contractIds: readonly string[],
  at: Date,
): Promise<void> {
  if (contractIds.length === 0) return;
  await db
    .updateTable("contracts")
    .set({ next_billing_at: at })
    .where("tenant_id", "=", tenantId)
    .where("id", "in", contractIds)
    .where("next_billing_at", "is", null)
    .execute();
}

/**
 * `markDue` as a statement to run later (`Ctx.defer`); null when there is nothing to mark.
 * With `onlyIf`, the contracts are marked only when it holds. Shaped (`shapedWrite`).
 */
export function markDueStatement(
  db: Kysely<DB>,
  tenantId: string,
  contractIds: readonly string[],
  at: Date,
  onlyIf: RawBuilder<boolean> | null = null,
): Write {
  if (contractIds.length === 0) return null;
  return shapedWrite(
    "contracts due",
    [tenantId, contractIds, at],
    onlyIf,
    ([tenant, ids, when]) => {
      let q = db
        .updateTable("contracts")
        .set({ next_billing_at: when as Date })
        .where("tenant_id", "=", tenant as string)
        .where(sql<boolean>`id = any(${ids}::text[])`)
        .where("next_billing_at", "is", null);
      if (onlyIf !== null) q = q.where(onlyIf);
      return sql`${q}`;
    },
  );
}

/**
 * The tenant's contracts of these ids (unknown ids left out) with what usage ingestion checks:
 * the plan group, and the transfer state's facts (its customer's entity): a query to run or
 * to compose (see the usage module's references read). With `admitted`, only the contracts
 * in no transfer state or in one of these (the states of `contractStateFrom`,
 * src/domain/entities/guard.ts: "transferred" once the contract has an active copy elsewhere,
 * else "intermediate" while its customer is in another entity).
 */
export function contractsForUsage(
  db: Kysely<DB>,
  tenantId: string,
  ids: readonly string[],
  admitted?: readonly TransferState[],
) {
  const query = db
    .selectFrom("contracts as c")
    .innerJoin(liveCustomers(db, tenantId).as("cu"), "cu.id", "c.customer_id")
    .select([
      "c.id",
      "c.plan_group_id",
      "c.business_entity_id",
      "c.active_id",
      "cu.business_entity_id as customer_entity_id",
    ])
    .where("c.tenant_id", "=", tenantId)
    .where(sql<boolean>`c.id = any(${ids}::text[])`);
  if (admitted === undefined) return query;
  const transferred = sql.lit(admitted.includes("transferred"));
  const intermediate = sql.lit(admitted.includes("intermediate"));
  return query.where(
    sql<boolean>`(c.active_id IS NULL OR ${transferred})
      AND (c.active_id IS NOT NULL OR cu.business_entity_id IS NOT DISTINCT FROM c.business_entity_id OR ${intermediate})`,
  );
}

/** Writes a new contract (its phases are saveTimeline's). */
export async function insertContract(
  db: Kysely<DB>,
  values: Insertable<ContractsTable>,
): Promise<ContractRow> {
  return db.insertInto("contracts").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertOrder(
  db: Kysely<DB>,
  values: Insertable<OrdersTable>,
): Promise<OrderRow> {
  return db.insertInto("orders").values(values).returningAll().executeTakeFirstOrThrow();
}

/** Sets columns of an order: its status, the payment method named at commit. */
export async function updateOrder(
  db: Kysely<DB>,
  id: string,
  values: Updateable<OrdersTable>,
): Promise<OrderRow> {
  return db
    .updateTable("orders")
    .set(values)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- orders the customer portal proposed ------------------------------------------------------

/** Declines the contract's portal orders still in progress; returns their ids. */
export async function declinePortalOrders(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  at: Date,
): Promise<string[]> {
  const rows = await db
    .updateTable("orders")
    .set({ status: "declined", updated_at: at })
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .where("portal", "=", true)
    .where("status", "=", "in_progress")
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Marks an order as proposed in the portal. */
export async function markPortalOrder(
  db: Kysely<DB>,
  tenantId: string,
  orderId: string,
): Promise<void> {
  await db
    .updateTable("orders")
    .set({ portal: true })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", orderId)
    .execute();
}

/** A plan change the portal proposed for the contract. */
export function findPortalChangeOrder(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  orderId: string,
) {
  return db
    .selectFrom("orders")
    .select(["id", "plan_variant_id", "quantity"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", orderId)
    .where("contract_id", "=", contractId)
    .where("type", "=", "change")
    .where("portal", "=", true)
    .executeTakeFirst();
}

/** The ids of at most `limit` of the customer's contracts. */
export async function findContractIdsOfCustomer(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom("contracts")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Moves a draft contract's start to `start`; its next billing date is no later than it. */
export async function startDraftContractAt(
  db: Kysely<DB>,
  contractId: string,
  start: Date,
): Promise<void> {
  await db
    .updateTable("contracts")
    .set({
      start_at: start,
      next_billing_at: sql`least(coalesce(next_billing_at, ${start}), ${start})`,
    })
    .where("id", "=", contractId)
    .execute();
}

/** Sets the end of the contract's grace period. */
export async function setGracePeriodEnd(
  db: Kysely<DB>,
  contractId: string,
  end: Date,
  updatedAt: Date,
): Promise<void> {
  await db
    .updateTable("contracts")
    .set({ grace_period_end_at: end, updated_at: updatedAt })
    .where("id", "=", contractId)
    .execute();
}

/** Sets since when the contract rests (null: it does not). */
export async function setRestingSince(
  db: Kysely<DB>,
  contractId: string,
  since: Date | null,
): Promise<void> {
  await db
    .updateTable("contracts")
    .set({ resting_since: since })
    .where("id", "=", contractId)
    .execute();
}

/** How many of the tenant's orders are in `status`. */
export async function countOrders(
  db: Kysely<DB>,
  tenantId: string,
  status: OrderRow["status"],
): Promise<number> {
  const row = await db
    .selectFrom("orders")
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("status", "=", status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sets whether billing skips the customer's contracts (a frozen customer's are skipped). */
export async function setBillingFrozen(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  frozen: boolean,
): Promise<void> {
  await db
    .updateTable("contracts")
    .set({ billing_frozen: frozen })
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .execute();
}

export type CustomerOrderFilter = {
  customerId?: string | undefined;
  orderId?: string | undefined;
  status?: string | undefined;
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
};

/** The tenant's orders of the customers `customerIds` (a subquery of ids) selects, filtered. */
function ordersOfCustomers(
  db: Kysely<DB>,
  tenantId: string,
  customerIds: OperandExpression<string>,
  f: CustomerOrderFilter,
) {
  let q = db
    .selectFrom("orders as o")
    .leftJoin(variantCurrencies(db).as("vc"), "vc.id", "o.plan_variant_id")
    .where("o.tenant_id", "=", tenantId)
    .where("o.customer_id", "in", customerIds);
  if (f.customerId) q = q.where("o.customer_id", "=", f.customerId);
  if (f.orderId) q = q.where("o.id", "=", f.orderId);
  if (f.status) q = q.where("o.status", "=", f.status as OrderRow["status"]);
  if (f.createdFrom) q = q.where("o.created_at", ">=", f.createdFrom);
  if (f.createdTo) q = q.where("o.created_at", "<=", f.createdTo);
  return q;
}

/**
 * A page of the orders of the customers `customerIds` selects, each with its plan variant's
 * currency, in id order (`newestFirst`: descending); `after` is the last id of the page before.
 */
export async function listCustomerOrderRows(
  db: Kysely<DB>,
  tenantId: string,
  customerIds: OperandExpression<string>,
  filter: CustomerOrderFilter & {
    limit: number;
    after?: string | undefined;
    offset?: number | undefined;
    newestFirst?: boolean | undefined;
  },
): Promise<(OrderRow & { currency: string | null })[]> {
  const desc = filter.newestFirst === true;
  let q = ordersOfCustomers(db, tenantId, customerIds, filter).selectAll("o").select("vc.currency");
  if (filter.after) q = q.where("o.id", desc ? "<" : ">", filter.after);
  let page = q.orderBy("o.id", desc ? "desc" : "asc").limit(filter.limit);
  if (filter.offset) page = page.offset(filter.offset);
  return page.execute();
}

/** How many orders of the customers `customerIds` selects match the filter. */
export async function countCustomerOrders(
  db: Kysely<DB>,
  tenantId: string,
  customerIds: OperandExpression<string>,
  filter: CustomerOrderFilter,
): Promise<number> {
  const row = await ordersOfCustomers(db, tenantId, customerIds, filter)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Moves every contract and order of customer `from` to customer `to` (a merge); how many contracts. */
export async function reassignContracts(
  db: Kysely<DB>,
  tenantId: string,
  from: string,
  to: string,
): Promise<number> {
  await db
    .updateTable("orders")
    .set({ customer_id: to })
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", from)
    .execute();
  const moved = await db
    .updateTable("contracts")
    .set({ customer_id: to })
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", from)
    .returning("id")
    .execute();
  return moved.length;
}
