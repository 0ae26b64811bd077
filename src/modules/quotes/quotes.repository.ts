/** Storage of quotes. Every query is tenant-scoped. */
import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import { type SortColumn, sortedPage } from "../../storage/keyset.js";
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

/** A quote's status as the API shows it: expired is an open quote past its valid_until. */
export type QuoteStatus = QuoteRow["status"] | "expired";

/** Which of the tenant's quotes a list holds: all of them unless narrowed. */
export type QuoteListFilter = {
  customerId?: string | undefined;
  /** With the instant (the tenant's now) an open quote expires by. */
  status?: { is: QuoteStatus; at: Date } | undefined;
  /** Created at or after this instant. */
  createdFrom?: Date | undefined;
  /** Created before this instant. */
  createdBefore?: Date | undefined;
};

function filteredQuotes(db: Kysely<DB>, tenantId: string, f: QuoteListFilter) {
  let q = db.selectFrom("quotes").where("tenant_id", "=", tenantId);
  if (f.customerId) q = q.where("customer_id", "=", f.customerId);
  if (f.status) {
    const { is, at } = f.status;
    if (is === "expired") q = q.where("status", "=", "open").where("valid_until", "<=", at);
    else if (is === "open") q = q.where("status", "=", "open").where("valid_until", ">", at);
    else q = q.where("status", "=", is);
  }
  if (f.createdFrom) q = q.where("created_at", ">=", f.createdFrom);
  if (f.createdBefore) q = q.where("created_at", "<", f.createdBefore);
  return q;
}

/** How many of the tenant's quotes the filter holds (one COUNT query). */
export async function countQuoteRows(
  db: Kysely<DB>,
  tenantId: string,
  f: QuoteListFilter,
): Promise<number> {
  const row = await filteredQuotes(db, tenantId, f)
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What the quotes list can be ordered by, the id breaking ties: creation (its id), valid_until. */
export type QuoteSort = "created" | "valid_until";

/** A listed quote with its value in the list's sort (null by creation: the id is the key). */
export type ListedQuote = QuoteRow & { sort_key: string | null };

/** The column of each sort (none by creation: the id alone). */
const SORT_COLUMNS: Record<QuoteSort, SortColumn | null> = {
  created: null,
  valid_until: { column: "valid_until", instant: true },
};

export async function listQuoteRows(
  db: Kysely<DB>,
  tenantId: string,
  page: QuoteListFilter & {
    limit: number;
    cursor?: string | undefined;
    sort?: QuoteSort | undefined;
    order?: "asc" | "desc" | undefined;
    /** Where the previous page of a list by valid_until ended: its sort value and id. */
    after?: { values: (string | null)[]; id: string } | undefined;
  },
): Promise<ListedQuote[]> {
  const dir = page.order === "desc" ? "desc" : "asc";
  const sorted = sortedPage(SORT_COLUMNS[page.sort ?? "created"], { ...page, order: dir });
  let q = filteredQuotes(db, tenantId, page).selectAll().select(sorted.sortKey.as("sort_key"));
  if (sorted.past) q = q.where(sorted.past);
  if (sorted.orderBy) q = q.orderBy(sorted.orderBy, dir);
  return q.orderBy("id", dir).limit(page.limit).execute();
}
