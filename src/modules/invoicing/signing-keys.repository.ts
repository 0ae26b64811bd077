/** Per-tenant secrets (download links sign with one), made on first use. */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../storage/schema.js";

/** The tenant's secret for `purpose`, made on first use (shared by every process). */
export async function signingKey(
  db: Kysely<DB>,
  tenantId: string,
  purpose: string,
): Promise<Uint8Array> {
  const found = await db
    .selectFrom("signing_keys")
    .select("secret")
    .where("tenant_id", "=", tenantId)
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  if (found) return Buffer.from(found.secret, "base64");
  await db
    .insertInto("signing_keys")
    .values({ tenant_id: tenantId, purpose, secret: randomBytes(32).toString("base64") })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return signingKey(db, tenantId, purpose);
}
