/**
 * Cursor pagination shared by every list: fetch `limit + 1` rows ordered by id, answer the
 * first `limit`, and the last answered id is the cursor of the next page.
 */
export type Page<T> = { data: T[]; has_more: boolean; next_cursor: string | null };

/** Builds a page from `limit + 1` fetched items (already mapped to what the API answers). */
export function toPage<T extends { id: string }>(items: T[], limit: number): Page<T> {
  const data = items.slice(0, limit);
  const hasMore = items.length > limit;
  return { data, has_more: hasMore, next_cursor: hasMore ? (data.at(-1)?.id ?? null) : null };
}
