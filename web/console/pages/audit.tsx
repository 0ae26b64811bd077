/** The audit log, optionally of one target or one operation. */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { formatDateTime } from "../../shared/format.js";
import { StatusBadge } from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { DateFilter, dayOf, listOrderOf, Paged, setFilter, setListOrder } from "./shared.js";

/** The address of the audit log with `query`, one parameter set (or removed when empty). */
function auditHref(query: URLSearchParams, name: string, value: string): string {
  const next = new URLSearchParams(query);
  if (value) next.set(name, value);
  else next.delete(name);
  const search = next.toString();
  return `#/audit${search ? `?${search}` : ""}`;
}

/** The operation the log is filtered by (`customers.create`), kept in the page's address. */
function OperationFilter(props: { query: URLSearchParams }): JSX.Element {
  const current = props.query.get("operation") ?? "";
  const [value, setValue] = useState(current);
  return (
    <form
      class="filter-form"
      aria-label="Filter the audit log by operation"
      onSubmit={(e) => {
        e.preventDefault();
        setFilter("/audit", props.query, "operation", value.trim());
      }}
    >
      <div class="field">
        <label for="filter-operation">Operation</label>
        <input
          id="filter-operation"
          name="operation"
          value={value}
          placeholder="e.g. customers.create"
          aria-describedby="filter-operation-hint"
          onInput={(e) => setValue((e.target as HTMLInputElement).value)}
        />
        <p class="hint" id="filter-operation-hint">
          The operation's name exactly, as the Operation column shows it (choose one there).
        </p>
      </div>
      <button type="submit">Filter</button>
      {current && (
        <p>
          Only <code>{current}</code>.{" "}
          <a href={auditHref(props.query, "operation", "")}>Show every operation</a>
        </p>
      )}
    </form>
  );
}

export function AuditPage({ api, query }: PageProps): JSX.Element {
  const target = query.get("target_id") ?? undefined;
  const operation = query.get("operation") ?? "";
  const from = dayOf(query.get("from"));
  const to = dayOf(query.get("to"));
  // by creation only: newest first unless the address asks for the oldest first
  const { order } = listOrderOf(query, [], "desc");
  return (
    <>
      <h1>Audit log</h1>
      <OperationFilter query={query} />
      <DateFilter
        path="/audit"
        query={query}
        from={from}
        to={to}
        label="Occurred"
        what="the audit log by the day the change occurred (UTC)"
      />
      <Paged
        caption={`Audit log, ${order === "asc" ? "oldest" : "newest"} first`}
        counted={{ one: "record", many: "records" }}
        deps={[target, operation, from, to]}
        empty={operation || target || from || to ? "No audit records match." : undefined}
        load={async (cursor) =>
          (
            await api.GET("/v1/audit_events", {
              params: {
                query: {
                  limit: 25,
                  order,
                  include_total: true,
                  ...(cursor ? { cursor } : {}),
                  ...(target ? { target_id: target } : {}),
                  ...(operation ? { operation } : {}),
                  ...(from ? { occurred_from: from } : {}),
                  ...(to ? { occurred_to: to } : {}),
                },
              },
            })
          ).data
        }
        columns={[
          { header: "When", cell: (e) => formatDateTime(e.occurred_at), sortKey: "created" },
          {
            header: "Operation",
            cell: (e) => (
              <a href={auditHref(query, "operation", e.operation)} title={`Only ${e.operation}`}>
                <code>{e.operation}</code>
              </a>
            ),
          },
          { header: "Outcome", cell: (e) => <StatusBadge status={e.outcome} /> },
          { header: "Actor", cell: (e) => `${e.actor.type} ${e.actor.id}` },
          { header: "Target", cell: (e) => (e.target ? `${e.target.type} ${e.target.id}` : "—") },
        ]}
        sortedBy={{ key: "created", order }}
        onSort={(next) =>
          setListOrder("/audit", query, { sort: "created", order: next.order }, "desc")
        }
      />
    </>
  );
}
