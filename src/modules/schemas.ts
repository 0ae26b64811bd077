/** Schemas shared by every route of the native API. */
import { Type } from "typebox";

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: "Stable machine code, e.g. validation_failed" }),
      message: Type.String(),
      details: Type.Record(Type.String(), Type.Unknown()),
      request_id: Type.String(),
    }),
  },
  { $id: "Error", title: "Error" },
);

export const PageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(
      Type.String({ maxLength: 64, description: "next_cursor of the previous page" }),
    ),
  },
  { additionalProperties: false },
);

/**
 * The `cursor` and `order` of a list that sorts (`sort`): a keyset cursor pages only the
 * sort and direction it was answered for.
 */
export const SortedPageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(
    Type.String({
      maxLength: 512,
      description:
        "next_cursor of the previous page, unchanged; it pages only the sort and order it was answered for (400 cursor_sort_mismatch otherwise)",
    }),
  ),
  order: Type.Optional(
    Type.Union([Type.Literal("asc"), Type.Literal("desc")], {
      description:
        "asc (default): ascending (by creation: oldest first); desc: descending (newest first). The cursor pages in the same order",
    }),
  ),
};

/**
 * The paging of a list by creation only that answers its newest items first unless asked
 * otherwise (the audit log, the webhook deliveries): its cursor is an id, which continues
 * either direction.
 */
export const NewestFirstPageQuery = {
  limit: SortedPageQuery.limit,
  cursor: Type.Optional(
    Type.String({
      maxLength: 512,
      description:
        "next_cursor of the previous page, unchanged: the last id answered (a cursor of another list's sort is 400 cursor_sort_mismatch)",
    }),
  ),
  order: Type.Optional(
    Type.Union([Type.Literal("asc"), Type.Literal("desc")], {
      description:
        "desc (default): newest first; asc: oldest first. By id (ids sort by creation); the cursor pages in the same order",
    }),
  ),
};

export const Page = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({
    data: Type.Array(item),
    has_more: Type.Boolean(),
    next_cursor: Type.Union([Type.String(), Type.Null()]),
  });

/**
 * A page that also answers `total_count` when the list was asked with `include_total=true`;
 * `what` says what it counts ("how many invoices match the filters").
 */
export const CountedPage = <T extends Parameters<typeof Type.Array>[0]>(item: T, what: string) =>
  Type.Object({
    ...Page(item).properties,
    total_count: Type.Optional(Type.Integer({ description: `With include_total=true: ${what}` })),
  });

/**
 * A list's filter by UTC days, each end included: `<name>_from` and `<name>_to`
 * (YYYY-MM-DD); `what` says what happened on the day ("Created", "Received").
 */
export const utcDays = <N extends string>(name: N, what: string) => {
  const day = (end: string) =>
    Type.Optional(
      Type.String({
        format: "date",
        description: `${what} on this day (UTC, YYYY-MM-DD) or ${end}`,
      }),
    );
  return { [`${name}_from`]: day("later"), [`${name}_to`]: day("earlier") } as Record<
    `${N}_from` | `${N}_to`,
    ReturnType<typeof day>
  >;
};

export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const IdempotencyHeader = Type.Object({
  "idempotency-key": Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      description: "Retries with the same key and body return the first response",
    }),
  ),
});
