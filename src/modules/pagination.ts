/**
 * Cursor pagination shared by every list: fetch `limit + 1` rows in cursor order, answer the
 * first `limit`, and the last answered id is the cursor of the next page. The extra row only
 * tells whether there is a next page; it is never mapped nor answered.
 *
 * The fetch decides the order and how the cursor compares (ascending with `>`, newest first
 * with `<`, an offset on top): the helpers only ask it for one row more than the page holds.
 *
 * A list ordered by something other than its ids (a date, an amount) pages by a keyset
 * cursor instead: the last answered row's sort values and its id (the tie-breaker), with the
 * sort they belong to, encoded as one opaque string ({@link encodeKeysetCursor}). The fetch
 * reads it back with {@link keysetCursorFor}, which refuses a cursor of another sort; the
 * repositories compare past it with `pastKeyset` (src/storage/keyset.ts).
 */
import { invalid } from "../domain/errors.js";
import { type IdKind, isId } from "../domain/ids.js";

export type Page<T> = { data: T[]; has_more: boolean; next_cursor: string | null };

/**
 * A page of `limit` items: `fetch` is asked for `limit + 1` rows, the first `limit` are
 * mapped one by one (an asynchronous `map` runs for all of them at once).
 */
export async function fetchPage<R, T extends { id: string }>(
  limit: number,
  fetch: (limitPlusOne: number) => Promise<R[]>,
  map: (row: R) => T | Promise<T>,
  cursorOf?: (row: R) => string,
): Promise<Page<T>> {
  return fetchPageBatch(limit, fetch, (rows) => Promise.all(rows.map((row) => map(row))), cursorOf);
}

/**
 * As {@link fetchPage}, for a list whose rows are mapped together (one query for the whole
 * page, a cache shared by the rows, or rows mapped in turn): `mapRows` gets the page's rows,
 * at most `limit`, and answers their items in the same order.
 *
 * With `cursorOf`, the next cursor is made from the last answered row (a keyset cursor)
 * rather than being the last item's id.
 */
export async function fetchPageBatch<R, T extends { id: string }>(
  limit: number,
  fetch: (limitPlusOne: number) => Promise<R[]>,
  mapRows: (rows: R[]) => T[] | Promise<T[]>,
  cursorOf?: (row: R) => string,
): Promise<Page<T>> {
  const rows = await fetch(limit + 1);
  const hasMore = rows.length > limit;
  const answered = rows.slice(0, limit);
  const data = await mapRows(answered);
  const last = answered.at(-1);
  const next = !hasMore
    ? null
    : cursorOf && last !== undefined
      ? cursorOf(last)
      : (data.at(-1)?.id ?? null);
  return { data, has_more: hasMore, next_cursor: next };
}

/** A list's order: the name of what it sorts by, and the direction. */
export type SortOrder<S extends string = string> = { sort: S; order: "asc" | "desc" };

/**
 * Where a keyset-ordered page ended: the last answered row's sort values (one per sort key;
 * null where the row has none) and its id, which breaks ties between equal values.
 */
export type KeysetCursor<S extends string = string> = SortOrder<S> & {
  values: (string | null)[];
  id: string;
};

/** The opaque cursor of a keyset page: base64url of a small JSON array with a version. */
export function encodeKeysetCursor(c: KeysetCursor): string {
  const json = JSON.stringify([1, c.sort, c.order, c.values, c.id]);
  return Buffer.from(json, "utf8").toString("base64url");
}

/** The keyset cursor `cursor` encodes, or null when it is not one (an id, garbage). */
export function decodeKeysetCursor(cursor: string): KeysetCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 5 || parsed[0] !== 1) return null;
  const [, sort, order, values, id] = parsed as unknown[];
  if (typeof sort !== "string" || (order !== "asc" && order !== "desc")) return null;
  if (typeof id !== "string" || id.length === 0 || !Array.isArray(values)) return null;
  if (!values.every((v) => v === null || typeof v === "string")) return null;
  return { sort, order, values: values as (string | null)[], id };
}

const describeOrder = (o: SortOrder) =>
  `${o.sort} ${o.order === "asc" ? "ascending" : "descending"}`;

/**
 * The keyset cursor a page of a list in `expected` order continues from, checked: 400
 * `invalid_cursor` when `cursor` is no cursor at all (or has the wrong number of values),
 * 400 `cursor_sort_mismatch` when it was made by the same list in another order, or is a
 * plain id (an id orders the list by creation only). Undefined when there is no cursor.
 */
export function keysetCursorFor<S extends string>(
  cursor: string | undefined,
  expected: SortOrder<S>,
  arity: number,
  isPlainId: (cursor: string) => boolean,
): KeysetCursor<S> | undefined {
  if (cursor === undefined) return undefined;
  const decoded = decodeKeysetCursor(cursor);
  if (!decoded) {
    if (isPlainId(cursor)) {
      throw invalid(
        "cursor_sort_mismatch",
        `cursor is an id, which pages the list by creation only, not by ${describeOrder(expected)}: start again without a cursor`,
        { field: "cursor", sort: expected.sort, order: expected.order },
      );
    }
    throw invalid("invalid_cursor", "cursor is not a next_cursor this list answered", {
      field: "cursor",
    });
  }
  if (decoded.sort !== expected.sort || decoded.order !== expected.order) {
    throw sortMismatch(decoded, expected);
  }
  if (decoded.values.length !== arity) {
    throw invalid("invalid_cursor", "cursor is not a next_cursor this list answered", {
      field: "cursor",
    });
  }
  return decoded as KeysetCursor<S>;
}

/**
 * The id a page of a list in creation (id) order continues from: the cursor itself, unless
 * it is a keyset cursor of another order (400 `cursor_sort_mismatch`).
 */
export function idCursorFor(cursor: string | undefined, order: "asc" | "desc"): string | undefined {
  if (cursor === undefined) return undefined;
  const decoded = decodeKeysetCursor(cursor);
  if (decoded) throw sortMismatch(decoded, { sort: "created", order });
  return cursor;
}

function sortMismatch(got: SortOrder, expected: SortOrder) {
  return invalid(
    "cursor_sort_mismatch",
    `cursor pages the list by ${describeOrder(got)}, not by ${describeOrder(expected)}: start again without a cursor`,
    {
      field: "cursor",
      cursor_sort: got.sort,
      cursor_order: got.order,
      sort: expected.sort,
      order: expected.order,
    },
  );
}

/**
 * What one value of a sort's keyset cursor must look like: a pattern, or `{ orNull }` for a
 * value that is null where a row has none (a draft's number). A tampered cursor is refused
 * before it reaches the database.
 */
export type CursorValueShape = RegExp | { orNull: RegExp };

/** How a page of a list continues, from the `cursor` it was asked with (see {@link pagingFor}). */
export type Paging<S extends string, R> = {
  /** The id after which a list by creation continues. */
  idCursor: string | undefined;
  /** Where a list in another sort continues: the last answered row's sort values and id. */
  after: KeysetCursor<S> | undefined;
  /** The next page's cursor from its last row (absent for the list by creation: its id). */
  cursorOf: ((row: R) => string) | undefined;
};

/**
 * The paging of a list in `sort` and `order`: by creation (`created`) the cursor is an id
 * (refused when it is a keyset cursor); in any other sort it is a keyset cursor of that sort
 * and direction, each value of the shape `shapes[sort]` gives (400 `invalid_cursor` when
 * not, 400 `cursor_sort_mismatch` for another sort, direction, or a plain id), and the next
 * page's cursor is made from the row's `valuesOf`.
 */
export function pagingFor<S extends string, R extends { id: string }>(input: {
  cursor: string | undefined;
  sort: S | "created";
  order: "asc" | "desc";
  shapes: Record<S, readonly CursorValueShape[]>;
  isPlainId: (cursor: string) => boolean;
  valuesOf: (sort: S, row: R) => (string | null)[];
}): Paging<S, R> {
  const { order } = input;
  if (input.sort === "created") {
    return { idCursor: idCursorFor(input.cursor, order), after: undefined, cursorOf: undefined };
  }
  const sort = input.sort as S;
  const shapes = input.shapes[sort];
  const after = keysetCursorFor(input.cursor, { sort, order }, shapes.length, input.isPlainId);
  const wellFormed = after?.values.every((v, i) => {
    const shape = shapes[i];
    if (shape === undefined) return false;
    if (shape instanceof RegExp) return v !== null && shape.test(v);
    return v === null || shape.orNull.test(v);
  });
  if (after && !wellFormed) {
    throw invalid("invalid_cursor", "cursor is not a next_cursor this list answered", {
      field: "cursor",
    });
  }
  return {
    idCursor: undefined,
    after,
    cursorOf: (row) =>
      encodeKeysetCursor({ sort, order, values: input.valuesOf(sort, row), id: row.id }),
  };
}

/** The shape of a timestamp value in a cursor (`instantKey` of src/storage/keyset.ts). */
export const INSTANT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * The first instant of a UTC day given as YYYY-MM-DD, `days` later: a list's "from" day is
 * `utcDayStart(from, 0)` and its "to" day, included, ends before `utcDayStart(to, 1)`.
 */
export function utcDayStart(day: string, days: number): Date {
  const start = new Date(`${day}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() + days);
  return start;
}

/**
 * The sort and order a list was asked for (by creation, ascending, when absent) and its
 * paging (see {@link pagingFor}), for a list whose ids are of `kind` and whose rows carry
 * their one sort value as `sort_key`.
 */
export function sortKeyPaging<
  S extends string,
  R extends { id: string; sort_key: string | null },
>(input: {
  kind: IdKind;
  cursor: string | undefined;
  sort: S | "created" | undefined;
  order: "asc" | "desc" | undefined;
  shapes: Record<S, readonly CursorValueShape[]>;
}): Paging<S, R> & { sort: S | "created"; order: "asc" | "desc" } {
  const sort = input.sort ?? "created";
  const order = input.order ?? "asc";
  const paging = pagingFor<S, R>({
    cursor: input.cursor,
    sort,
    order,
    shapes: input.shapes,
    isPlainId: (c) => isId(input.kind, c),
    valuesOf: (_sort, row) => [row.sort_key],
  });
  return { ...paging, sort, order };
}
