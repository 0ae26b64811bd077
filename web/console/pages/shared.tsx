/** What the console's pages share: a link to a route and a paged list. */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { type Column, Show, Table, useAsync } from "../../shared/ui.js";

/** A link to a console route. */
export const link = (href: string, text: string) => <a href={href}>{text}</a>;

/** A list with "Previous" / "Next" over the API's cursor pagination. */
export function Paged<T>(props: {
  caption: string;
  load: (cursor: string | undefined) => Promise<{ data: T[]; next_cursor: string | null }>;
  columns: readonly Column<T>[];
  deps?: readonly unknown[];
  empty?: string;
}): JSX.Element {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const [page, reload] = useAsync(() => props.load(cursor), [cursor, ...(props.deps ?? [])]);
  void reload;
  return (
    <Show value={page}>
      {(p) => (
        <>
          <Table
            caption={props.caption}
            rows={p.data}
            columns={props.columns}
            empty={props.empty}
          />
          <div class="pager">
            {cursors.length > 1 && (
              <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>
                Previous page
              </button>
            )}
            {p.next_cursor && (
              <button
                type="button"
                onClick={() => setCursors([...cursors, p.next_cursor ?? undefined])}
              >
                Next page
              </button>
            )}
          </div>
        </>
      )}
    </Show>
  );
}
