/**
 * SQL of keyset pages (see src/modules/pagination.ts): the rows past a cursor, and a
 * timestamp as a cursor value that compares equal to the one it was made from.
 */
import { type Expression, type RawBuilder, sql } from "kysely";

/**
 * The rows past a keyset cursor: `(key…, id) > (value…, id)` ascending, `<` descending, one
 * row comparison an index on the same keys and the id reads as a range.
 */
export function pastKeyset(
  keys: readonly Expression<unknown>[],
  values: readonly Expression<unknown>[],
  id: string,
  order: "asc" | "desc" | undefined,
): RawBuilder<boolean> {
  const past = sql.raw(order === "desc" ? "<" : ">");
  return sql<boolean>`(${sql.join([...keys, sql.ref("id")])}) ${past} (${sql.join([...values, sql`${id}`])})`;
}

/**
 * A timestamp as a keyset value: UTC, to the microsecond (`2026-01-05T10:00:00.123456Z`), so a
 * cursor compares equal to the value it was made from. Select it with the row.
 */
export const instantKey = (column: string): RawBuilder<string> =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
