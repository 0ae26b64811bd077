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

/** The one column a list is sorted by, the id breaking ties: a timestamp or text. */
export type SortColumn = { column: string; instant: boolean };

/**
 * A page of a list sorted by `by` (null: by creation, the id alone): the value each row
 * carries as its cursor value (`sort_key`; null by creation), the rows past where the previous
 * page ended (its value and id in `after`, or the id `cursor` by creation; null on the first
 * page) and the column to order by before the id (null by creation).
 */
export function sortedPage(
  by: SortColumn | null,
  page: {
    cursor?: string | undefined;
    after?: { values: readonly (string | null)[]; id: string } | undefined;
    order: "asc" | "desc";
  },
): {
  sortKey: RawBuilder<string | null>;
  past: RawBuilder<boolean> | null;
  orderBy: RawBuilder<unknown> | null;
} {
  if (!by) {
    const past = sql.raw(page.order === "desc" ? "<" : ">");
    return {
      sortKey: sql<string | null>`null`,
      past: page.cursor ? sql<boolean>`${sql.ref("id")} ${past} ${page.cursor}` : null,
      orderBy: null,
    };
  }
  const key = sql.ref(by.column);
  const value = page.after?.values[0] ?? null;
  return {
    sortKey: by.instant ? instantKey(by.column) : sql<string>`${key}`,
    past: page.after
      ? pastKeyset(
          [key],
          [by.instant ? sql`${value}::timestamptz` : sql`${value}`],
          page.after.id,
          page.order,
        )
      : null,
    orderBy: sql`${key}`,
  };
}
