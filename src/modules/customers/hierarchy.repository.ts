import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type { CustomerHierarchyTable, DB } from "../../storage/schema.js";

export type HierarchyRow = Selectable<CustomerHierarchyTable>;

/**
 * Hierarchy changes of a tenant run one at a time (a transaction-scoped advisory lock), so
 * two links made at once cannot close a cycle neither sees.
 */
export async function lockHierarchy(db: Kysely<DB>, tenantId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('accrue.customer_hierarchy'), hashtext(${tenantId}))`.execute(
    db,
  );
}

/** The customer's link to its parent; undefined for a root. */
export async function findLink(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<HierarchyRow | undefined> {
  return db
    .selectFrom("customer_hierarchy")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
}

/** The customer's ancestors, its parent first and the root last. */
export async function ancestorIds(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    WITH RECURSIVE up(id, depth) AS (
      SELECT parent_id, 1 FROM customer_hierarchy
      WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
      UNION ALL
      SELECT h.parent_id, up.depth + 1 FROM customer_hierarchy h JOIN up ON h.customer_id = up.id
      WHERE h.tenant_id = ${tenantId} AND up.depth < 100
    )
    SELECT id FROM up ORDER BY depth`.execute(db);
  return rows.map((r) => r.id);
}

/** How many levels hang below the customer: 0 without children, 1 with children only, … */
export async function subtreeHeight(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<number> {
  const { rows } = await sql<{ height: number | null }>`
    WITH RECURSIVE down(id, depth) AS (
      SELECT customer_id, 1 FROM customer_hierarchy
      WHERE tenant_id = ${tenantId} AND parent_id = ${customerId}
      UNION ALL
      SELECT h.customer_id, down.depth + 1 FROM customer_hierarchy h
      JOIN down ON h.parent_id = down.id
      WHERE h.tenant_id = ${tenantId} AND down.depth < 100
    )
    SELECT max(depth)::int AS height FROM down`.execute(db);
  return rows[0]?.height ?? 0;
}

/** The customer's direct children with their settings, oldest link first. */
export async function childLinks(
  db: Kysely<DB>,
  tenantId: string,
  parentId: string,
): Promise<HierarchyRow[]> {
  return db
    .selectFrom("customer_hierarchy")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("parent_id", "=", parentId)
    .orderBy("created_at")
    .orderBy("customer_id")
    .execute();
}

export async function countChildren(
  db: Kysely<DB>,
  tenantId: string,
  parentId: string,
): Promise<number> {
  const row = await db
    .selectFrom("customer_hierarchy")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("parent_id", "=", parentId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertLink(
  db: Kysely<DB>,
  row: Insertable<CustomerHierarchyTable>,
): Promise<HierarchyRow> {
  return db.insertInto("customer_hierarchy").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateLink(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  values: Updateable<CustomerHierarchyTable>,
): Promise<HierarchyRow> {
  return db
    .updateTable("customer_hierarchy")
    .set(values)
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteLink(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<void> {
  await db
    .deleteFrom("customer_hierarchy")
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .execute();
}

/** Whether the customer has a parent or a child. */
export async function inHierarchy(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("customer_hierarchy")
    .select("customer_id")
    .where("tenant_id", "=", tenantId)
    .where((eb) => eb.or([eb("customer_id", "=", customerId), eb("parent_id", "=", customerId)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
