/** The audit log, optionally of one target. */
import type { JSX } from "preact";
import { formatDateTime } from "../../shared/format.js";
import { StatusBadge } from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { Paged } from "./shared.js";

export function AuditPage({ api, query }: PageProps): JSX.Element {
  const target = query.get("target_id") ?? undefined;
  return (
    <>
      <h1>Audit log</h1>
      <Paged
        caption="Audit log, newest first"
        deps={[target]}
        load={async (cursor) =>
          (
            await api.GET("/v1/audit_events", {
              params: {
                query: {
                  limit: 25,
                  ...(cursor ? { cursor } : {}),
                  ...(target ? { target_id: target } : {}),
                },
              },
            })
          ).data
        }
        columns={[
          { header: "When", cell: (e) => formatDateTime(e.occurred_at) },
          { header: "Operation", cell: (e) => <code>{e.operation}</code> },
          { header: "Outcome", cell: (e) => <StatusBadge status={e.outcome} /> },
          { header: "Actor", cell: (e) => `${e.actor.type} ${e.actor.id}` },
          { header: "Target", cell: (e) => (e.target ? `${e.target.type} ${e.target.id}` : "—") },
        ]}
      />
    </>
  );
}
