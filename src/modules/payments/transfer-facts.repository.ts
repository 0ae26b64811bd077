/** What the business-entity transfer rules read of payments (src/workflows/transfer-guard.ts). */
import type { Kysely } from "kysely";
import type { DB } from "../../storage/schema.js";

/** The invoices a payment was allocated to. */
export async function allocatedInvoiceIds(
  db: Kysely<DB>,
  tenantId: string,
  paymentId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("payment_allocations")
    .select("invoice_id")
    .distinct()
    .where("tenant_id", "=", tenantId)
    .where("payment_id", "=", paymentId)
    .execute();
  return rows.map((r) => r.invoice_id);
}
