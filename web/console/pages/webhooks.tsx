/** Webhook deliveries, each redelivered on demand. */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { formatDateTime } from "../../shared/format.js";
import { ActionButton, StatusBadge } from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { Paged } from "./shared.js";

export function WebhooksPage({ api }: PageProps): JSX.Element {
  const [round, setRound] = useState(0);
  return (
    <>
      <h1>Webhook deliveries</h1>
      <Paged
        caption="Webhook deliveries, newest first"
        deps={[round]}
        load={async (cursor) =>
          (
            await api.GET("/v1/webhook_deliveries", {
              params: { query: { limit: 25, ...(cursor ? { cursor } : {}) } },
            })
          ).data
        }
        columns={[
          { header: "Event", cell: (d) => d.event_type },
          { header: "Endpoint", cell: (d) => <code>{d.endpoint_id}</code> },
          { header: "Status", cell: (d) => <StatusBadge status={d.status} /> },
          { header: "Attempts", cell: (d) => d.attempt_count, numeric: true },
          {
            header: "Last answer",
            cell: (d) => d.last_error ?? (d.last_status_code ? `HTTP ${d.last_status_code}` : "—"),
          },
          { header: "Created", cell: (d) => formatDateTime(d.created_at) },
          {
            header: "Actions",
            cell: (d) =>
              d.status === "pending" ? (
                "—"
              ) : (
                <ActionButton
                  label={`Retry ${d.event_type} delivery ${d.id}`}
                  run={() =>
                    api.POST("/v1/webhook_deliveries/{id}/redeliver", {
                      params: { path: { id: d.id } },
                    })
                  }
                  done={() => setRound((r) => r + 1)}
                />
              ),
          },
        ]}
      />
    </>
  );
}
