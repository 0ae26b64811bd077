/**
 * A customer's message log: the e-mails Accrue composed for it (kind, recipient, subject,
 * status, when sent or made, the last error), newest first, and how many there are; each
 * with a Resend action that queues a copy as a new message.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { components } from "../../../sdk/src/client.js";
import { formatDateTime } from "../../shared/format.js";
import { ActionButton, Show, StatusBadge, Table, useAsync } from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { Count } from "./shared.js";

type Message = components["schemas"]["Message"];

/** How many messages one page of the log shows. */
const MESSAGES_PAGE = 20;

const kindLabel = (kind: string) => kind.replaceAll("_", " ");

export function MessageLog(props: { api: PageProps["api"]; customerId: string }): JSX.Element {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [resent, setResent] = useState<Message | null>(null);
  const cursor = cursors[cursors.length - 1];
  const [page, reload] = useAsync(
    async () =>
      (
        await props.api.GET("/v1/customers/{id}/messages", {
          params: {
            path: { id: props.customerId },
            query: { limit: MESSAGES_PAGE, include_total: true, ...(cursor ? { cursor } : {}) },
          },
        })
      ).data,
    [props.customerId, cursor],
  );
  return (
    <section aria-labelledby="message-log">
      <h2 id="message-log">Messages</h2>
      <Show value={page}>
        {(p) => (
          <>
            {p.total_count !== undefined && (
              <Count n={p.total_count} one="message" many="messages" />
            )}
            <Table
              caption="Messages sent to the customer"
              hideCaption
              rows={p.data}
              empty="No messages yet."
              columns={[
                {
                  header: "Kind",
                  cell: (m: Message) => (
                    <>
                      {kindLabel(m.kind)}
                      {m.resend_of && <span class="muted"> (resent)</span>}
                    </>
                  ),
                },
                { header: "Recipient", cell: (m: Message) => m.recipient },
                { header: "Subject", cell: (m: Message) => m.subject },
                { header: "Status", cell: (m: Message) => <StatusBadge status={m.status} /> },
                {
                  header: "Sent or created",
                  cell: (m: Message) =>
                    m.sent_at
                      ? `sent ${formatDateTime(m.sent_at)}`
                      : `created ${formatDateTime(m.created_at)}`,
                },
                { header: "Last error", cell: (m: Message) => m.last_error ?? "—" },
                {
                  header: "Actions",
                  cell: (m: Message) => (
                    <ActionButton
                      label="Resend"
                      context={`${kindLabel(m.kind)} to ${m.recipient}`}
                      run={async () => {
                        const { data } = await props.api.POST("/v1/messages/{id}/resend", {
                          params: { path: { id: m.id } },
                        });
                        setResent(data);
                      }}
                      done={() => (cursors.length > 1 ? setCursors([undefined]) : reload())}
                    />
                  ),
                },
              ]}
            />
            <div class="pager">
              {cursors.length > 1 && (
                <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>
                  Newer messages
                </button>
              )}
              {p.next_cursor && (
                <button
                  type="button"
                  onClick={() => setCursors([...cursors, p.next_cursor ?? undefined])}
                >
                  Older messages
                </button>
              )}
            </div>
          </>
        )}
      </Show>
      {resent && (
        <p role="status">
          {`Queued again as message ${resent.id} to ${resent.recipient}: ${kindLabel(resent.kind)}.`}
        </p>
      )}
    </section>
  );
}
