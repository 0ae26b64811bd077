/** Tax policies: rates per country and a default rate. */
import type { Insertable, Kysely, Selectable } from "kysely";
import type { DB, TaxPoliciesTable } from "../../storage/schema.js";

export type TaxPolicyRow = Selectable<TaxPoliciesTable>;

export async function insertTaxPolicy(
  db: Kysely<DB>,
  values: Insertable<TaxPoliciesTable>,
): Promise<TaxPolicyRow> {
  return db.insertInto("tax_policies").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findTaxPolicy(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<TaxPolicyRow | undefined> {
  return db
    .selectFrom("tax_policies")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function listTaxPolicyRows(
  db: Kysely<DB>,
  tenantId: string,
  page: { limit: number; after?: string | undefined },
): Promise<TaxPolicyRow[]> {
  let q = db.selectFrom("tax_policies").selectAll().where("tenant_id", "=", tenantId);
  if (page.after) q = q.where("id", ">", page.after);
  return q.orderBy("id").limit(page.limit).execute();
}
