/** Per-tenant secrets (download links sign with one), made on first use. */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../storage/schema.js";

/**
 * The tenant's secret for `purpose` if it was made; undefined when none was. Links are
 * verified with this: a link presented before any was signed is simply not valid, and an
 * unauthenticated request writes nothing.
 */
export async function existingSigningKey(
  db: Kysely<DB>,
  tenantId: string,
  purpose: string,
): Promise<Uint8Array | undefined> {
  const found = await db
    .selectFrom("signing_keys")
    .select("secret")
    .where("tenant_id", "=", tenantId)
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  return found ? Buffer.from(found.secret, "base64") : undefined;
}

/** The tenant's secret for `purpose`, made on first use (shared by every process). */
export async function signingKey(
  db: Kysely<DB>,
  tenantId: string,
  purpose: string,
): Promise<Uint8Array> {
  const found = await existingSigningKey(db, tenantId, purpose);
  if (found) return found;
  await db
    .insertInto("signing_keys")
    .values({ tenant_id: tenantId, purpose, secret: randomBytes(32).toString("base64") })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return signingKey(db, tenantId, purpose);
}
