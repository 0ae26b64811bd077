/** Subscription actions. */
import type { JSX } from "preact";
import { formatDate, formatDateTime } from "../../shared/format.js";
import { type Column, StatusBadge, Table } from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { link, Paged } from "./shared.js";

type ActionRow = {
  id: string;
  number: string;
  contract_id: string;
  action: string;
  state: string;
  submitted_on: string;
  scheduled_date: string | null;
};

const actionColumns: Column<ActionRow>[] = [
  { header: "Number", cell: (a) => a.number, numeric: true },
  { header: "Action", cell: (a) => a.action },
  { header: "Contract", cell: (a) => link(`#/contracts/${a.contract_id}`, a.contract_id) },
  { header: "State", cell: (a) => <StatusBadge status={a.state} /> },
  { header: "Submitted", cell: (a) => formatDateTime(a.submitted_on) },
  { header: "Scheduled for", cell: (a) => formatDate(a.scheduled_date) },
];

export function ActionTable(props: { rows: ActionRow[] }): JSX.Element {
  return (
    <Table
      caption="Subscription actions"
      hideCaption
      rows={props.rows}
      columns={actionColumns}
      empty="No actions."
    />
  );
}

export function SubscriptionActionsPage({ api }: PageProps): JSX.Element {
  return (
    <>
      <h1>Subscription actions</h1>
      <Paged
        caption="Subscription actions"
        load={async (cursor) =>
          (
            await api.GET("/v1/subscription_actions", {
              params: { query: { limit: 25, ...(cursor ? { cursor } : {}) } },
            })
          ).data
        }
        columns={actionColumns}
      />
    </>
  );
}
