/**
 * Paging through a list of the API: every row, page by page, with each page's ids and its
 * total_count, checking on the way that no page is longer than asked and that has_more is
 * true exactly when there is a next cursor.
 */
import { expect } from "vitest";

export type Paged<R> = {
  /** Every row, in the order the pages answered them. */
  rows: R[];
  ids: string[];
  /** Each page's ids. */
  pages: string[][];
  /** Each page's total_count (undefined when it had none). */
  totals: unknown[];
};

export async function pageThrough<R extends { id: string }>(
  get: (path: string) => Promise<any>,
  path: string,
  query: string,
  limit: number,
): Promise<Paged<R>> {
  const listed: Paged<R> = { rows: [], ids: [], pages: [], totals: [] };
  let cursor: string | null = null;
  do {
    const page: any = await get(
      `${path}?limit=${limit}&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(page.data.length).toBeLessThanOrEqual(limit);
    expect(page.has_more).toBe(page.next_cursor !== null);
    listed.pages.push(page.data.map((r: R) => r.id));
    for (const r of page.data) {
      listed.rows.push(r);
      listed.ids.push(r.id);
    }
    listed.totals.push(page.total_count);
    cursor = page.next_cursor;
    expect(listed.pages.length, "pages never end").toBeLessThan(200);
  } while (cursor);
  return listed;
}
