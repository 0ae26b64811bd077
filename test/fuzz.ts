/**
 * What the hostile-input tests share (test/api/fuzz.test.ts for the native API,
 * test/compat/fuzz-compat.test.ts for the compatibility surfaces): their size and seed, the
 * strings an attacker or a broken client sends, any JSON value, a stack trace's look, and
 * the footprint a request leaves in the database, by which a refusal is shown to write
 * nothing.
 */
import fc from "fast-check";
import { type Kysely, sql } from "kysely";
import type { DB } from "../src/storage/schema.js";

/**
 * Requests per route: `ACCRUE_FUZZ_SAMPLES`, or the test's own small default. The long
 * variant: `ACCRUE_FUZZ_SAMPLES=200 ACCRUE_FUZZ_SEED=<any> npm test -- test/api/fuzz`.
 */
export function fuzzSamples(byDefault: number): number {
  return Number(process.env.ACCRUE_FUZZ_SAMPLES ?? byDefault);
}

/** The seed of every fuzz test: `ACCRUE_FUZZ_SEED`, or a fixed one. */
export const FUZZ_SEED = Number(process.env.ACCRUE_FUZZ_SEED ?? 4242);

/** Strings an attacker or a broken client sends. */
export const nasty = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "' OR '1'='1",
    "'; DROP TABLE customers; --",
    "\\",
    '"',
    "../../etc/passwd",
    "%00",
    "\u202e\u0000",
    "<script>alert(1)</script>",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the attack
    "${jndi:ldap://x}",
    "NaN",
    "-1",
    "1e309",
    "99999999999999999999999999",
    "0x10",
    "cus_01ZZZZZZZZZZZZZZZZZZZZZZZZ",
    "con_01M00000000000000000000000",
    "2026-02-30T00:00:00Z",
    "9999-12-31T23:59:59Z",
    // the supported range's bounds (docs/operations.md#limits), at and just beyond each
    "0000-01-01T00:00:00Z",
    "1999-12-31T23:59:59.999Z",
    "2000-01-01T00:00:00Z",
    "2199-12-31T23:59:59.999Z",
    "2200-01-01T00:00:00Z",
    "0001-01-01",
    "2200-01-01",
    "null",
    "true",
    "[]",
    "{}",
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.integer({ min: 1, max: 4 }).map((k) => "x".repeat(k * 5000)),
);

/** Any JSON value, nasty strings included. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    nasty,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 12 }), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** An answer that shows a stack frame, a dependency's path or the word "stack". */
export const looksLikeStackTrace = (text: string) =>
  /\bat .+\.(ts|js):\d+|node_modules|stack/i.test(text);

/**
 * The tables most operations write (besides the audit records, always counted): what the
 * native API's fuzzing counts. Counting every table costs a few times as much a request.
 */
export const OPERATION_TABLES: readonly string[] = [
  "outbox_events",
  "customers",
  "contracts",
  "orders",
  "invoices",
  "usage_records",
  "plan_groups",
  "webhook_endpoints",
  "api_keys",
];

/**
 * Tables whose rows a refused request may leave behind: the request counters of the rate
 * limits and the answers kept for idempotent replays. Audit records are counted apart: a
 * refusal is audited, but never as succeeded.
 */
const BOOKKEEPING = new Set(["rate_limit_buckets", "idempotency_keys", "audit_events"]);

const everyTable = new WeakMap<Kysely<DB>, Promise<string[]>>();

/**
 * What the database holds, by table: the succeeded audit records and the rows of `tables`
 * ("every": each table of the schema but the bookkeeping above). {@link written} compares
 * two of them.
 */
export async function footprint(
  db: Kysely<DB>,
  tables: readonly string[] | "every" = OPERATION_TABLES,
): Promise<Record<string, string>> {
  let names = tables;
  if (names === "every") {
    let found = everyTable.get(db);
    if (!found) {
      found = sql<{ name: string }>`
        SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
        ORDER BY table_name`
        .execute(db)
        .then(({ rows }) => rows.map((r) => r.name).filter((name) => !BOOKKEEPING.has(name)));
      everyTable.set(db, found);
    }
    names = await found;
  }
  const counts = names.map(
    (name) => sql`(SELECT count(*) FROM ${sql.table(name)})::text AS ${sql.ref(name)}`,
  );
  const { rows } = await sql<Record<string, string>>`
    SELECT (SELECT count(*) FROM audit_events WHERE outcome = 'succeeded')::text AS audit_events,
           ${sql.join(counts)}`.execute(db);
  return rows[0]!;
}

/** The tables whose row counts differ between two footprints: what a request wrote. */
export function written(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((table) => after[table] !== before[table]);
}
