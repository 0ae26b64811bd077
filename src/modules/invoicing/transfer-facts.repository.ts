/**
 * What the business-entity transfer rules read of invoices (src/workflows/transfers.ts and
 * src/workflows/transfer-guard.ts).
 */
import type { Kysely } from "kysely";
import type { DB } from "../../storage/schema.js";

/** How many draft documents the customer has (a transfer waits for them). */
export async function countDraftDocuments(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<number> {
  const row = await db
    .selectFrom("invoices")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .where("status", "=", "draft")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The parties of the named invoices (what their transfer state is derived from). */
export async function invoiceParties(
  db: Kysely<DB>,
  tenantId: string,
  ids: readonly string[],
): Promise<
  { id: string; customer_id: string; contract_id: string | null; business_entity_id: string }[]
> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("invoices")
    .select(["id", "customer_id", "contract_id", "business_entity_id"])
    .where("tenant_id", "=", tenantId)
    .where("id", "in", ids)
    .orderBy("id")
    .execute();
}
