/**
 * Rate-limit token buckets in the database, one row per caller, taken from by one upsert, so
 * every process on one PostgreSQL draws on the same bucket. Time is the database's clock, the
 * one clock all processes share.
 *
 * Console sign-in keeps its counters in the same table, under keys of its own (`sign_in:…`):
 * a bucket per client address (`sign_in:address:<address>`), and a streak of failures per
 * client address and e-mail address (`sign_in:failures:<address> <email>`), whose `tokens`
 * count the failures in a row and whose `at` is when the next attempt may be made.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../storage/schema.js";

export type Bucket = { rate: number; burst: number };

/*
 * A statement reads the time once: statement_timestamp() is the same wherever it appears in
 * it (clock_timestamp() is read again at each appearance, so a bucket's refill could differ
 * between the tokens taken and the tokens counted). A bucket's time never goes back: two
 * statements that raced store the later of their times.
 */

/** A bucket row `b`'s tokens refilled to now, at most `burst`. */
const refilledOf = (bucket: Bucket) => sql`least(${bucket.burst}::float8,
    b.tokens + greatest(0, extract(epoch FROM statement_timestamp() - b.at))::float8
               * ${bucket.rate}::float8)`;
const NOW = sql`greatest(b.at, statement_timestamp())`;

/**
 * Refills `key`'s bucket (`rate` tokens a second up to `burst`; a new one is full) and takes
 * one token if it holds one: whether it did, and the tokens left.
 */
export async function takeToken(
  db: Kysely<DB>,
  key: string,
  bucket: Bucket,
): Promise<{ allowed: boolean; tokens: number }> {
  const refilled = refilledOf(bucket);
  const { rows } = await sql<{ allowed: boolean; tokens: number }>`
    INSERT INTO rate_limit_buckets AS b (key, tokens, at, allowed)
    VALUES (${key}, ${bucket.burst}::float8 - 1, statement_timestamp(), true)
    ON CONFLICT (key) DO UPDATE SET
      tokens = CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END,
      allowed = ${refilled} >= 1,
      at = ${NOW}
    RETURNING b.allowed, b.tokens`.execute(db);
  const row = rows[0]!;
  return { allowed: row.allowed, tokens: Number(row.tokens) };
}

/**
 * Draws up to `want` whole tokens from `key`'s bucket (refilled as `takeToken` does; a new one
 * is full), in the same statement that checks whether `address`'s bucket holds a token (a
 * caller without one has a full bucket). The draw takes as many as the bucket holds, up to
 * `want`; none when it holds less than one (`granted` 0), and none at all when the address
 * holds no token (`granted` and `tokens` are then null). `tokens`: what the bucket holds after.
 */
export async function drawTokensIfAddressHolds(
  db: Kysely<DB>,
  key: string,
  bucket: Bucket,
  address: string,
  want: number,
): Promise<{ addressHolds: boolean; granted: number | null; tokens: number | null }> {
  const refilled = refilledOf(bucket);
  const drawn = sql`least(${want}::int, floor(${refilled})::int)`;
  const { rows } = await sql<{
    address_holds: boolean;
    granted: number | null;
    tokens: number | null;
  }>`
    WITH address AS (
      SELECT coalesce((
        SELECT ${refilledOf(bucket)} >= 1
        FROM rate_limit_buckets b WHERE b.key = ${address}), true) AS holds
    ), taken AS (
      INSERT INTO rate_limit_buckets AS b (key, tokens, at, allowed, granted)
      SELECT ${key}, ${bucket.burst}::float8 - least(${want}::int, floor(${bucket.burst}::float8)::int),
             statement_timestamp(), true, least(${want}::int, floor(${bucket.burst}::float8)::int)
      FROM address WHERE address.holds
      ON CONFLICT (key) DO UPDATE SET
        tokens = CASE WHEN ${refilled} >= 1 THEN ${refilled} - ${drawn} ELSE ${refilled} END,
        granted = CASE WHEN ${refilled} >= 1 THEN ${drawn} ELSE 0 END,
        allowed = ${refilled} >= 1,
        at = ${NOW}
      RETURNING b.granted, b.tokens
    )
    SELECT address.holds AS address_holds, taken.granted, taken.tokens
    FROM address LEFT JOIN taken ON true`.execute(db);
  const row = rows[0]!;
  return {
    addressHolds: row.address_holds,
    granted: row.granted === null ? null : Number(row.granted),
    tokens: row.tokens === null ? null : Number(row.tokens),
  };
}

/**
 * Puts `tokens` a process drew from `key`'s bucket and did not spend back into it (at most
 * up to `burst`).
 */
export async function returnTokens(
  db: Kysely<DB>,
  key: string,
  bucket: Bucket,
  tokens: number,
): Promise<void> {
  await sql`
    UPDATE rate_limit_buckets SET tokens = least(${bucket.burst}::float8, tokens + ${tokens}::float8)
    WHERE key = ${key}`.execute(db);
}

/**
 * Deletes request buckets that have refilled completely (a new bucket is the same); how
 * many. Sign-in counters are not request buckets: `deleteStaleSignInCounters` prunes them.
 */
export async function deleteFullBuckets(db: Kysely<DB>, bucket: Bucket): Promise<number> {
  const result = await sql`
    DELETE FROM rate_limit_buckets
    WHERE at < clock_timestamp() - make_interval(secs => ${bucket.burst / bucket.rate})
      AND NOT starts_with(key, ${SIGN_IN_PREFIX})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

// ---------------------------------------------------------------------------------------
// Console sign-in counters

const SIGN_IN_PREFIX = "sign_in:";
const SIGN_IN_ADDRESS = `${SIGN_IN_PREFIX}address:`;
const SIGN_IN_FAILURES = `${SIGN_IN_PREFIX}failures:`;

/** The key of a client address's sign-in bucket. */
export const signInAddressKey = (address: string) => `${SIGN_IN_ADDRESS}${address}`;
/** The key of the failure streak of `email` from `address` (an address holds no space). */
export const signInFailuresKey = (address: string, email: string) =>
  `${SIGN_IN_FAILURES}${address} ${email}`;

export type SignInRules = {
  /** The client address's bucket of failed attempts. */
  address: Bucket;
  /**
   * The wait after each failure in a row, in milliseconds: `backOffMs[n - 1]` after the n-th;
   * its last entry after every later one.
   */
  backOffMs: readonly number[];
  /** Seconds after a streak's wait ended that it is forgotten. */
  forgetAfterS: number;
};

/**
 * Whether a sign-in for `email` from `address` may be tried now: the milliseconds left of
 * the pair's wait (0: none), and whether the address's bucket holds a failure to spend.
 */
export async function readSignInCounters(
  db: Kysely<DB>,
  email: string,
  address: string,
  rules: SignInRules,
): Promise<{ waitMs: number; addressHolds: boolean }> {
  const { rows } = await sql<{ wait_ms: number | null; holds: boolean | null }>`
    SELECT
      (SELECT extract(epoch FROM s.at - clock_timestamp())::float8 * 1000
         FROM rate_limit_buckets s WHERE s.key = ${signInFailuresKey(address, email)}) AS wait_ms,
      (SELECT a.tokens + extract(epoch FROM clock_timestamp() - a.at)::float8
                         * ${rules.address.rate}::float8 >= 1
         FROM rate_limit_buckets a WHERE a.key = ${signInAddressKey(address)}) AS holds`.execute(
    db,
  );
  const row = rows[0];
  return {
    waitMs: Math.max(0, Number(row?.wait_ms ?? 0)),
    addressHolds: row?.holds ?? true,
  };
}

/**
 * Counts a failed sign-in: a failure taken from the address's bucket, and one more in the
 * pair's streak (a streak forgotten starts again at one), which waits as long as `rules`
 * say for that many failures in a row. One statement: concurrent failures each count.
 */
export async function recordSignInFailure(
  db: Kysely<DB>,
  email: string,
  address: string,
  rules: SignInRules,
): Promise<void> {
  const schedule = sql`${sql.val(rules.backOffMs.map((ms) => ms / 1000))}::float8[]`;
  const last = rules.backOffMs.length;
  const failures = sql`CASE WHEN b.at < clock_timestamp() - make_interval(secs => ${rules.forgetAfterS})
    THEN 1 ELSE b.tokens + 1 END`;
  const refilled = sql`least(${rules.address.burst}::float8,
    b.tokens + extract(epoch FROM clock_timestamp() - b.at)::float8 * ${rules.address.rate}::float8)`;
  await sql`
    WITH spent AS (
      INSERT INTO rate_limit_buckets AS b (key, tokens, at, allowed)
      VALUES (${signInAddressKey(address)}, ${rules.address.burst}::float8 - 1, clock_timestamp(), true)
      ON CONFLICT (key) DO UPDATE SET
        tokens = CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END,
        allowed = ${refilled} >= 1,
        at = clock_timestamp()
      RETURNING 1
    )
    INSERT INTO rate_limit_buckets AS b (key, tokens, at, allowed)
    VALUES (
      ${signInFailuresKey(address, email)},
      1,
      clock_timestamp() + make_interval(secs => (${schedule})[1]),
      (${schedule})[1] = 0
    )
    ON CONFLICT (key) DO UPDATE SET
      tokens = ${failures},
      at = clock_timestamp() + make_interval(secs => (${schedule})[least(${failures}, ${last})::int]),
      allowed = (${schedule})[least(${failures}, ${last})::int] = 0`.execute(db);
}

/** Forgets the failure streak of `email` from `address` (a right password from there). */
export async function forgetSignInFailures(
  db: Kysely<DB>,
  email: string,
  address: string,
): Promise<void> {
  await sql`DELETE FROM rate_limit_buckets WHERE key = ${signInFailuresKey(address, email)}`.execute(
    db,
  );
}

/**
 * Deletes sign-in counters that hold nothing: address buckets refilled completely, and
 * streaks forgotten (their wait ended `forgetAfterS` ago). How many.
 */
export async function deleteStaleSignInCounters(
  db: Kysely<DB>,
  rules: SignInRules,
): Promise<number> {
  const result = await sql`
    DELETE FROM rate_limit_buckets
    WHERE (starts_with(key, ${SIGN_IN_ADDRESS})
           AND at < clock_timestamp()
                    - make_interval(secs => ${rules.address.burst / rules.address.rate}))
       OR (starts_with(key, ${SIGN_IN_FAILURES})
           AND at < clock_timestamp() - make_interval(secs => ${rules.forgetAfterS}))`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
