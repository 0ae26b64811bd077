/** Storage of hosted pages. Every query is tenant-scoped but the lookup by a page's token. */
import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { DB, HostedPagesTable } from "../../storage/schema.js";
import { tenantSettings } from "../tenants/index.js";

export type HostedPageRow = Selectable<HostedPagesTable>;

export async function insertHostedPage(
  db: Kysely<DB>,
  row: Insertable<HostedPagesTable>,
): Promise<HostedPageRow> {
  return db.insertInto("hosted_pages").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findHostedPage(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<HostedPageRow | undefined> {
  let q = db
    .selectFrom("hosted_pages")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The page a token (by its hash) opens, with its tenant's test clock, in one statement. */
export async function findPageByToken(
  db: Kysely<DB>,
  tokenHash: string,
): Promise<{ id: string; tenant_id: string; test_clock_now: Date | null } | undefined> {
  return db
    .selectFrom("hosted_pages as p")
    .innerJoin(tenantSettings(db).as("te"), "te.id", "p.tenant_id")
    .select(["p.id", "p.tenant_id", "te.test_clock_now"])
    .where("p.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function updateHostedPage(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  values: Updateable<HostedPagesTable>,
): Promise<HostedPageRow> {
  return db
    .updateTable("hosted_pages")
    .set(values)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listHostedPageRows(
  db: Kysely<DB>,
  tenantId: string,
  page: {
    limit: number;
    cursor?: string | undefined;
    customerId?: string | undefined;
    state?: HostedPagesTable["state"] | undefined;
  },
): Promise<HostedPageRow[]> {
  let q = db.selectFrom("hosted_pages").selectAll().where("tenant_id", "=", tenantId);
  if (page.cursor) q = q.where("id", ">", page.cursor);
  if (page.customerId) q = q.where("customer_id", "=", page.customerId);
  if (page.state) q = q.where("state", "=", page.state);
  return q.orderBy("id").limit(page.limit).execute();
}
