/**
 * What billing (src/modules/invoicing) reads of the catalog: the plan variants and components
 * a batch of contracts is priced with, a plan group's price basis and tax policy, and the
 * discounts as a subquery for the contracts' grants; and, for the dashboard, the plan
 * variants' recurring fees as a subquery. Every query is tenant-scoped.
 */
import type { Kysely, Selectable } from "kysely";
import type { ComponentsTable, DB, PlanVariantsTable } from "../../storage/schema.js";

/** The tenant's plan variants of these ids, each with its plan's name. */
export async function variantsWithPlanNames(
  db: Kysely<DB>,
  tenantId: string,
  ids: readonly string[],
): Promise<(Selectable<PlanVariantsTable> & { plan_name: string })[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("plan_variants as v")
    .innerJoin("plans as p", "p.id", "v.plan_id")
    .selectAll("v")
    .select("p.name as plan_name")
    .where("v.tenant_id", "=", tenantId)
    .where("v.id", "in", ids)
    .execute();
}

/** Every component of the tenant's plan groups of these ids. */
export async function componentsOfGroups(
  db: Kysely<DB>,
  tenantId: string,
  planGroupIds: readonly string[],
): Promise<Selectable<ComponentsTable>[]> {
  return db
    .selectFrom("components")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("plan_group_id", "in", planGroupIds)
    .execute();
}

/** A plan group's price basis and tax policy; throws when the tenant has no such group. */
export async function planGroupTaxTerms(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<{ price_type: "net" | "gross"; tax_policy_id: string | null }> {
  return db
    .selectFrom("plan_groups")
    .select(["price_type", "tax_policy_id"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

/**
 * The discounts, as a subquery for another module's statement to join by `id`:
 * `.innerJoin(discountRows(db).as("d"), "d.id", …)`. The joining statement scopes the tenant.
 */
export function discountRows(db: Kysely<DB>) {
  return db.selectFrom("discounts").selectAll();
}

/**
 * The plan variants' recurring fees (`id`, `recurring_fee`, `fee_period`), as a subquery for
 * another module's statement to join by `id`. The joining statement scopes the tenant.
 */
export function variantFees(db: Kysely<DB>) {
  return db.selectFrom("plan_variants").select(["id", "recurring_fee", "fee_period"]);
}
