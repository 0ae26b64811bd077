import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Indexes of the sorts of the customers, payments and orders lists, each tenant-scoped with
 * the id that breaks ties, so a keyset page reads only its own rows however deep it is:
 * customers (not deleted) by their display name and by e-mail address (those without one
 * last), both lower-cased in byte order as the list compares them; payments by currency and
 * amount and by when they were received; orders by when they last changed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE INDEX customers_tenant_name ON customers (
      tenant_id,
      (lower(coalesce(nullif(company_name, ''), nullif(first_name, '') || ' ' || nullif(last_name, ''), nullif(first_name, ''), nullif(last_name, ''), email, '')) COLLATE "C"),
      id
    ) WHERE deleted_at IS NULL;
    CREATE INDEX customers_tenant_email ON customers (
      tenant_id, (email IS NULL), (lower(coalesce(email, '')) COLLATE "C"), id
    ) WHERE deleted_at IS NULL;
    CREATE INDEX payments_tenant_amount ON payments (tenant_id, currency, amount, id);
    CREATE INDEX payments_tenant_received ON payments (tenant_id, received_at, id);
    CREATE INDEX orders_tenant_updated ON orders (tenant_id, updated_at, id);
  `,
  );
}
