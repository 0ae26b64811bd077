import type { Kysely, Selectable } from "kysely";
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
