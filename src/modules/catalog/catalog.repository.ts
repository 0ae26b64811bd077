import { type Kysely, type Selectable, sql } from "kysely";
import type {
  ComponentsTable,
  DB,
  PlanGroupsTable,
  PlansTable,
  PlanVariantsTable,
} from "../../storage/schema.js";

export type PlanGroupRow = Selectable<PlanGroupsTable>;
export type PlanRow = Selectable<PlansTable>;
export type ComponentRow = Selectable<ComponentsTable>;
export type PlanVariantRow = Selectable<PlanVariantsTable>;

type CatalogTable = "plan_groups" | "plans" | "components" | "plan_variants";
type RowOf<T extends CatalogTable> = Selectable<DB[T]>;

/** The one place catalog rows are scoped to a tenant. */
export async function findInTenant<T extends CatalogTable>(
  db: Kysely<DB>,
  table: T,
  tenantId: string,
  id: string,
): Promise<RowOf<T> | undefined> {
  // every catalog table has tenant_id and id: typed as one of them, returned as its own
  const row = await db
    .selectFrom(table as "plans")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row as unknown as RowOf<T> | undefined;
}

export async function listInTenant<T extends CatalogTable>(
  db: Kysely<DB>,
  table: T,
  tenantId: string,
  page: {
    limit: number;
    cursor?: string | undefined;
    offset?: number | undefined;
    parent?: { column: string; id: string } | undefined;
  },
): Promise<RowOf<T>[]> {
  let q = db
    .selectFrom(table as "plans")
    .selectAll()
    .where("tenant_id", "=", tenantId);
  if (page.cursor) q = q.where("id", ">", page.cursor);
  if (page.parent) q = q.where(page.parent.column as "plan_group_id", "=", page.parent.id);
  q = q.orderBy("id").limit(page.limit);
  if (page.offset) q = q.offset(page.offset);
  return (await q.execute()) as unknown as RowOf<T>[];
}

export async function insertRow<T extends CatalogTable>(
  db: Kysely<DB>,
  table: T,
  values: Record<string, unknown>,
): Promise<RowOf<T>> {
  const row = await db
    .insertInto(table as "plans")
    .values(values as never)
    .returningAll()
    .executeTakeFirstOrThrow();
  return row as unknown as RowOf<T>;
}

/** The id of the tenant's component whose external id (its code) or name is `value`. */
export async function findComponentIdBy(
  db: Kysely<DB>,
  tenantId: string,
  by: "external_id" | "name",
  value: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("components")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where(by, "=", value)
    .executeTakeFirst();
  return row?.id;
}

/** The tenant's components of these ids (unknown ids left out): what each is and its group. */
export function componentsOf(db: Kysely<DB>, tenantId: string, ids: readonly string[]) {
  return db
    .selectFrom("components")
    .select(["id", "plan_group_id", "type"])
    .where("tenant_id", "=", tenantId)
    .where(sql<boolean>`id = any(${ids}::text[])`);
}

/** Writes `values` to the tenant's catalog row; returns the row as now stored. */
export async function updateInTenant<T extends CatalogTable>(
  db: Kysely<DB>,
  table: T,
  tenantId: string,
  id: string,
  values: Record<string, unknown>,
): Promise<RowOf<T>> {
  const row = await db
    .updateTable(table as "plans")
    .set(values as never)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return row as unknown as RowOf<T>;
}

/** The id of the tenant's component or plan variant with that external id, but `exceptId`. */
export async function findExternalIdOwner(
  db: Kysely<DB>,
  table: "components" | "plan_variants",
  tenantId: string,
  externalId: string,
  exceptId?: string,
): Promise<string | undefined> {
  let q = db
    .selectFrom(table)
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("external_id", "=", externalId);
  if (exceptId) q = q.where("id", "!=", exceptId);
  const row = await q.executeTakeFirst();
  return row?.id;
}

/** The plan variants of the tenant's plan group with their plans' names, cheapest first. */
export function planVariantsOfGroup(db: Kysely<DB>, tenantId: string, planGroupId: string) {
  return db
    .selectFrom("plan_variants as v")
    .innerJoin("plans as p", "p.id", "v.plan_id")
    .select([
      "v.id",
      "v.internal_name",
      "v.description",
      "v.recurring_fee",
      "v.fee_period",
      "v.allow_self_service",
      "v.hidden",
      "p.name as plan_name",
      "p.hidden as plan_hidden",
    ])
    .where("v.tenant_id", "=", tenantId)
    .where("p.plan_group_id", "=", planGroupId)
    .orderBy("v.recurring_fee")
    .orderBy("v.id")
    .execute();
}

/** A period of the catalog (a fee period, a trial): a unit and a count. */
export type { PeriodValue } from "../../storage/schema.js";

/**
 * Each plan variant's currency (its plan group's), as a subquery for another module's
 * statement to join by `id`. The joining statement scopes the tenant.
 */
export function variantCurrencies(db: Kysely<DB>) {
  return db
    .selectFrom("plan_variants as v")
    .innerJoin("plans as p", "p.id", "v.plan_id")
    .innerJoin("plan_groups as g", "g.id", "p.plan_group_id")
    .select(["v.id", "g.currency"]);
}
