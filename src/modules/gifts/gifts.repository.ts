/** Storage of gifts. Every query is tenant-scoped but the claims of the gift job. */
import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type { DB, GiftsTable } from "../../storage/schema.js";
import { tenantSettings } from "../tenants/index.js";

export type GiftRow = Selectable<GiftsTable>;

export async function insertGift(db: Kysely<DB>, row: Insertable<GiftsTable>): Promise<GiftRow> {
  return db.insertInto("gifts").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findGift(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<GiftRow | undefined> {
  let q = db.selectFrom("gifts").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updateGift(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  values: Updateable<GiftsTable>,
): Promise<GiftRow> {
  return db
    .updateTable("gifts")
    .set(values)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listGiftRows(
  db: Kysely<DB>,
  tenantId: string,
  page: {
    limit: number;
    cursor?: string | undefined;
    gifterCustomerId?: string | undefined;
    receiverCustomerId?: string | undefined;
  },
): Promise<GiftRow[]> {
  let q = db.selectFrom("gifts").selectAll().where("tenant_id", "=", tenantId);
  if (page.cursor) q = q.where("id", ">", page.cursor);
  if (page.gifterCustomerId) q = q.where("gifter_customer_id", "=", page.gifterCustomerId);
  if (page.receiverCustomerId) q = q.where("receiver_customer_id", "=", page.receiverCustomerId);
  return q.orderBy("id").limit(page.limit).execute();
}

/**
 * Gifts whose moment the tenant's clock (its test clock, else `now`) has passed: scheduled
 * gifts whose date came, unclaimed gifts past their claim expiry date; up to `limit`, locked
 * (skipping rows another worker holds), with the tenant's test clock.
 */
export async function claimDueGifts(trx: Kysely<DB>, now: Date, limit: number) {
  const tenantNow = sql<Date>`coalesce(t.test_clock_now, ${now})`;
  return trx
    .selectFrom("gifts as g")
    .innerJoin(tenantSettings(trx).as("t"), "t.id", "g.tenant_id")
    .selectAll("g")
    .select("t.test_clock_now")
    .where((eb) =>
      eb.or([
        eb.and([eb("g.status", "=", "scheduled"), eb("g.scheduled_at", "<=", tenantNow)]),
        eb.and([
          eb("g.status", "=", "unclaimed"),
          eb("g.claim_expires_at", "is not", null),
          eb("g.claim_expires_at", "<=", tenantNow),
        ]),
      ]),
    )
    .orderBy("g.id")
    .limit(limit)
    .forUpdate("g")
    .skipLocked()
    .execute();
}
