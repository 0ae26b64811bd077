/**
 * Rate-limit token buckets in the database, one row per caller, taken from by one upsert, so
 * every process on one PostgreSQL draws on the same bucket. Time is the database's clock, the
 * one clock all processes share.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../storage/schema.js";

export type Bucket = { rate: number; burst: number };

/**
 * Refills `key`'s bucket (`rate` tokens a second up to `burst`; a new one is full) and takes
 * one token if it holds one: whether it did, and the tokens left.
 */
export async function takeToken(
  db: Kysely<DB>,
  key: string,
  bucket: Bucket,
): Promise<{ allowed: boolean; tokens: number }> {
  const refilled = sql`least(${bucket.burst}::float8,
    b.tokens + extract(epoch FROM clock_timestamp() - b.at)::float8 * ${bucket.rate}::float8)`;
  const { rows } = await sql<{ allowed: boolean; tokens: number }>`
    INSERT INTO rate_limit_buckets AS b (key, tokens, at, allowed)
    VALUES (${key}, ${bucket.burst}::float8 - 1, clock_timestamp(), true)
    ON CONFLICT (key) DO UPDATE SET
      tokens = CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END,
      allowed = ${refilled} >= 1,
      at = clock_timestamp()
    RETURNING b.allowed, b.tokens`.execute(db);
  const row = rows[0]!;
  return { allowed: row.allowed, tokens: Number(row.tokens) };
}

/** Whether `key`'s bucket holds a token now (a caller without one has a full bucket). */
export async function holdsToken(db: Kysely<DB>, key: string, bucket: Bucket): Promise<boolean> {
  const { rows } = await sql<{ holds: boolean }>`
    SELECT b.tokens + extract(epoch FROM clock_timestamp() - b.at)::float8 * ${bucket.rate}::float8
           >= 1 AS holds
    FROM rate_limit_buckets b WHERE b.key = ${key}`.execute(db);
  return rows[0]?.holds ?? true;
}

/** Deletes buckets that have refilled completely (a new bucket is the same); how many. */
export async function deleteFullBuckets(db: Kysely<DB>, bucket: Bucket): Promise<number> {
  const result = await sql`
    DELETE FROM rate_limit_buckets
    WHERE at < clock_timestamp() - make_interval(secs => ${bucket.burst / bucket.rate})`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0);
}
