/** Whether a contract has ever been billed: any document or line of it, void ones included. */
import type { Kysely } from "kysely";
import type { DB } from "../../storage/schema.js";

export async function contractHasDocuments(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
): Promise<boolean> {
  const invoice = await db
    .selectFrom("invoices")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .limit(1)
    .executeTakeFirst();
  if (invoice) return true;
  const line = await db
    .selectFrom("invoice_lines")
    .select("invoice_id")
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .limit(1)
    .executeTakeFirst();
  return line !== undefined;
}

/** Whether a void invoice of the contract carries charges of the billing engine. */
export async function contractHasVoidInvoice(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("invoices")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .where("kind", "=", "invoice")
    .where("status", "=", "void")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
