/**
 * Cursor pagination shared by every list: fetch `limit + 1` rows in cursor order, answer the
 * first `limit`, and the last answered id is the cursor of the next page. The extra row only
 * tells whether there is a next page; it is never mapped nor answered.
 *
 * The fetch decides the order and how the cursor compares (ascending with `>`, newest first
 * with `<`, an offset on top): the helpers only ask it for one row more than the page holds.
 */
export type Page<T> = { data: T[]; has_more: boolean; next_cursor: string | null };

/**
 * A page of `limit` items: `fetch` is asked for `limit + 1` rows, the first `limit` are
 * mapped one by one (an asynchronous `map` runs for all of them at once).
 */
export async function fetchPage<R, T extends { id: string }>(
  limit: number,
  fetch: (limitPlusOne: number) => Promise<R[]>,
  map: (row: R) => T | Promise<T>,
): Promise<Page<T>> {
  return fetchPageBatch(limit, fetch, (rows) => Promise.all(rows.map((row) => map(row))));
}

/**
 * As {@link fetchPage}, for a list whose rows are mapped together (one query for the whole
 * page, a cache shared by the rows, or rows mapped in turn): `mapRows` gets the page's rows,
 * at most `limit`, and answers their items in the same order.
 */
export async function fetchPageBatch<R, T extends { id: string }>(
  limit: number,
  fetch: (limitPlusOne: number) => Promise<R[]>,
  mapRows: (rows: R[]) => T[] | Promise<T[]>,
): Promise<Page<T>> {
  const rows = await fetch(limit + 1);
  const hasMore = rows.length > limit;
  const data = await mapRows(rows.slice(0, limit));
  return { data, has_more: hasMore, next_cursor: hasMore ? (data.at(-1)?.id ?? null) : null };
}
