/** Storage of quotes. Every query is tenant-scoped. */
import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { DB, QuotesTable } from "../../storage/schema.js";

export type QuoteRow = Selectable<QuotesTable>;

export async function insertQuote(db: Kysely<DB>, row: Insertable<QuotesTable>): Promise<QuoteRow> {
  return db.insertInto("quotes").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findQuote(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<QuoteRow | undefined> {
  let q = db
    .selectFrom("quotes")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updateQuote(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  values: Updateable<QuotesTable>,
): Promise<QuoteRow> {
  return db
    .updateTable("quotes")
    .set(values)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listQuoteRows(
  db: Kysely<DB>,
  tenantId: string,
  page: { limit: number; cursor?: string | undefined; customerId?: string | undefined },
): Promise<QuoteRow[]> {
  let q = db.selectFrom("quotes").selectAll().where("tenant_id", "=", tenantId);
  if (page.cursor) q = q.where("id", ">", page.cursor);
  if (page.customerId) q = q.where("customer_id", "=", page.customerId);
  return q.orderBy("id").limit(page.limit).execute();
}
