/** Subscription actions: their rows, scoped to a tenant, and the claim of scheduled ones. */
import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type { ActionState } from "../../domain/actions/actions.js";
import { instantKey } from "../../storage/keyset.js";
import type { DB, SubscriptionActionsTable } from "../../storage/schema.js";
import { tenantSettings } from "../tenants/index.js";

export type ActionRow = Selectable<SubscriptionActionsTable>;

/** The id of the tenant's subscription action with that number. */
export async function findActionIdByNumber(
  db: Kysely<DB>,
  tenantId: string,
  number: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("subscription_actions")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("number", "=", number)
    .executeTakeFirst();
  return row?.id;
}

/** The id of the tenant's subscription action with that transaction reference number. */
export async function findActionIdByReference(
  db: Kysely<DB>,
  tenantId: string,
  reference: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("subscription_actions")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("transaction_reference_number", "=", reference)
    .executeTakeFirst();
  return row?.id;
}

/** The highest number of the tenant's subscription actions (0: none yet). */
export async function maxActionNumber(db: Kysely<DB>, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom("subscription_actions")
    .select(({ fn }) => fn.max("number").as("max"))
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** Stores a new subscription action. */
export async function insertAction(
  db: Kysely<DB>,
  values: Insertable<SubscriptionActionsTable>,
): Promise<ActionRow> {
  return db
    .insertInto("subscription_actions")
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The tenant's subscription action with that id, optionally locked. */
export async function findAction(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ActionRow | undefined> {
  let q = db
    .selectFrom("subscription_actions")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Which of the tenant's subscription actions a list holds: all of them unless narrowed. */
export type ActionListFilter = {
  contractId?: string | undefined;
  state?: ActionState | undefined;
  behaviourCode?: string | undefined;
  /** Created at or after this instant. */
  createdFrom?: Date | undefined;
  /** Created before this instant. */
  createdBefore?: Date | undefined;
};

function filteredActions(db: Kysely<DB>, tenantId: string, f: ActionListFilter) {
  let q = db.selectFrom("subscription_actions").where("tenant_id", "=", tenantId);
  if (f.contractId) q = q.where("contract_id", "=", f.contractId);
  if (f.state) q = q.where("state", "=", f.state);
  if (f.behaviourCode) q = q.where("behaviour_code", "=", f.behaviourCode);
  if (f.createdFrom) q = q.where("created_at", ">=", f.createdFrom);
  if (f.createdBefore) q = q.where("created_at", "<", f.createdBefore);
  return q;
}

/** How many of the tenant's subscription actions the filter holds (one COUNT query). */
export async function countActionRows(
  db: Kysely<DB>,
  tenantId: string,
  f: ActionListFilter,
): Promise<number> {
  const row = await filteredActions(db, tenantId, f)
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * What the subscription actions list can be ordered by, the id breaking ties: creation (its
 * id) or when the action is due (`scheduled_date`; actions without one, those submitted to
 * run at once, after every date ascending and before them descending, as PostgreSQL orders
 * NULL).
 */
export type ActionSort = "created" | "scheduled";

/** A listed action with its value in the list's sort (null by creation, or when not scheduled). */
export type ListedAction = ActionRow & { sort_key: string | null };

/** A page of the tenant's subscription actions in the order asked, filtered as asked. */
export async function listActionRows(
  db: Kysely<DB>,
  tenantId: string,
  page: ActionListFilter & {
    limit: number;
    cursor?: string | undefined;
    sort?: ActionSort | undefined;
    order?: "asc" | "desc" | undefined;
    /** Where the previous page of a list by scheduled_date ended: its sort value and id. */
    after?: { values: (string | null)[]; id: string } | undefined;
  },
): Promise<ListedAction[]> {
  const dir = page.order === "desc" ? "desc" : "asc";
  const q = filteredActions(db, tenantId, page).selectAll();
  switch (page.sort ?? "created") {
    case "created": {
      let sorted = q.select(sql<string | null>`null`.as("sort_key"));
      if (page.cursor) sorted = sorted.where("id", dir === "desc" ? "<" : ">", page.cursor);
      return sorted.orderBy("id", dir).limit(page.limit).execute();
    }
    case "scheduled":
      if (page.after) return actionsAfterScheduled(db, tenantId, page, page.after, dir);
      return q
        .select(instantKey("scheduled_date").as("sort_key"))
        .orderBy("scheduled_date", dir)
        .orderBy("id", dir)
        .limit(page.limit)
        .execute();
  }
}

/**
 * The page after (scheduled_date, id) in scheduled order. The list is two runs, the actions
 * with a date and those without (after the dates ascending, before them descending): the run
 * the cursor is in is read from the cursor on (a range of the tenant's scheduled_date index),
 * the next run from its start only when the page is not full yet, so a deep page reads only
 * its own rows.
 */
async function actionsAfterScheduled(
  db: Kysely<DB>,
  tenantId: string,
  f: ActionListFilter & { limit: number },
  after: { values: (string | null)[]; id: string },
  dir: "asc" | "desc",
): Promise<ListedAction[]> {
  const desc = dir === "desc";
  const scheduled = after.values[0] ?? null;
  const listed = () =>
    filteredActions(db, tenantId, f)
      .selectAll()
      .select(instantKey("scheduled_date").as("sort_key"));
  const unscheduled = () => listed().where("scheduled_date", "is", null).orderBy("id", dir);
  const dated = () =>
    listed()
      .where("scheduled_date", "is not", null)
      .orderBy("scheduled_date", dir)
      .orderBy("id", dir);
  const runs =
    scheduled === null
      ? [unscheduled().where("id", desc ? "<" : ">", after.id), ...(desc ? [dated()] : [])]
      : [
          dated().where(
            sql<boolean>`(scheduled_date, id) ${sql.raw(desc ? "<" : ">")} (${scheduled}::timestamptz, ${after.id})`,
          ),
          ...(desc ? [] : [unscheduled()]),
        ];
  const rows: ListedAction[] = [];
  for (const run of runs) {
    for (const row of await run.limit(f.limit - rows.length).execute()) rows.push(row);
    if (rows.length >= f.limit) break;
  }
  return rows;
}

/** Writes changes to a subscription action; returns the action as now stored. */
export async function updateAction(
  db: Kysely<DB>,
  id: string,
  changes: Updateable<SubscriptionActionsTable>,
): Promise<ActionRow> {
  return db
    .updateTable("subscription_actions")
    .set(changes)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The next scheduled action whose date its tenant's clock (a test clock included) has reached
 * and no other transaction holds: locked with FOR UPDATE SKIP LOCKED, so several workers share
 * them and none runs twice (the run itself: src/workflows/scheduled-actions.ts). Returned with
 * its tenant's test clock.
 */
export async function claimDueAction(
  trx: Kysely<DB>,
  options: { now: Date; tenantId?: string | undefined; skip: readonly string[] },
): Promise<{ action: ActionRow; testClockNow: Date | null } | null> {
  let q = trx
    .selectFrom("subscription_actions as a")
    .innerJoin(tenantSettings(trx).as("t"), "t.id", "a.tenant_id")
    .selectAll("a")
    .select("t.test_clock_now")
    .where("a.state", "=", "scheduled")
    .where("a.scheduled_date", "<=", sql<Date>`coalesce(t.test_clock_now, ${options.now})`);
  if (options.tenantId) q = q.where("a.tenant_id", "=", options.tenantId);
  if (options.skip.length > 0) q = q.where("a.id", "not in", options.skip);
  const due = await q
    .orderBy("a.scheduled_date")
    .orderBy("a.id")
    .limit(1)
    .forUpdate("a")
    .skipLocked()
    .executeTakeFirst();
  if (!due) return null;
  const { test_clock_now, ...action } = due;
  return { action, testClockNow: test_clock_now };
}
