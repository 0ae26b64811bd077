import { type Kysely, type RawBuilder, sql } from "kysely";
import { toJson } from "../../lib/json.js";
import type { DB } from "../../storage/schema.js";
import { tenantSettings } from "../tenants/index.js";

export type StoredResponse = { statusCode: number; body: unknown };

export type ClaimResult =
  /** `testClockNow`: the tenant's test clock reading in the same statement (null: none). */
  | { kind: "claimed"; testClockNow: Date | null }
  | { kind: "replay"; operation: string; fingerprint: string; response: StoredResponse | null };

/**
 * Claims an idempotency key inside the operation's transaction. The insert takes the key's
 * unique-index slot, so a concurrent request with the same key waits until this transaction
 * ends and then sees the stored response (commit) or claims the key itself (rollback). A claim
 * also answers the tenant's test clock reading (tenants' fragment, embedded), which the
 * operation runs on: one round trip for both.
 */
export async function claimKey(
  trx: Kysely<DB>,
  input: { tenantId: string; key: string; operation: string; fingerprint: string },
): Promise<ClaimResult> {
  const inserted = await trx
    .insertInto("idempotency_keys")
    .values({
      tenant_id: input.tenantId,
      key: input.key,
      operation: input.operation,
      fingerprint: input.fingerprint,
      status_code: null,
      response: null,
    })
    .onConflict((oc) => oc.columns(["tenant_id", "key"]).doNothing())
    .returning((eb) => [
      "key",
      eb
        .selectFrom(tenantSettings(trx).as("t"))
        .select("t.test_clock_now")
        .whereRef("t.id", "=", "idempotency_keys.tenant_id")
        .as("test_clock_now"),
    ])
    .executeTakeFirst();
  if (inserted) return { kind: "claimed", testClockNow: inserted.test_clock_now };
  const row = await trx
    .selectFrom("idempotency_keys")
    .select(["operation", "fingerprint", "status_code", "response"])
    .where("tenant_id", "=", input.tenantId)
    .where("key", "=", input.key)
    .executeTakeFirstOrThrow();
  return {
    kind: "replay",
    operation: row.operation,
    fingerprint: row.fingerprint,
    response: row.status_code === null ? null : { statusCode: row.status_code, body: row.response },
  };
}

export async function storeResponse(
  trx: Kysely<DB>,
  input: { tenantId: string; key: string; response: StoredResponse },
): Promise<void> {
  await storeResponseStatement(input).execute(trx);
}

/** The statement `storeResponse` runs, not run (src/storage/together.ts). */
export function storeResponseStatement(input: {
  tenantId: string;
  key: string;
  response: StoredResponse;
}): RawBuilder<unknown> {
  return sql`
    UPDATE idempotency_keys
    SET status_code = ${input.response.statusCode}, response = ${toJson(input.response.body)}::jsonb
    WHERE tenant_id = ${input.tenantId} AND key = ${input.key}`;
}

/** Deletes keys older than `before`, at most `limit` rows; returns how many went. */
export async function deleteExpiredKeys(
  db: Kysely<DB>,
  before: Date,
  limit: number,
): Promise<number> {
  const result = await sql`
    DELETE FROM idempotency_keys
    WHERE (tenant_id, key) IN (
      SELECT tenant_id, key FROM idempotency_keys
      WHERE created_at < ${before}
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
