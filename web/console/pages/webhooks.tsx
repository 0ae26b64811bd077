/**
 * Webhooks: the endpoints (creating one shows its signing secret once; pausing and resuming
 * one), their deliveries filtered by status, endpoint and the days created (each kept in the
 * page's address), and one delivery's payload and attempts (response status and body) with a
 * retry.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { ListItem } from "../../../sdk/src/client.js";
import { formatDateTime } from "../../shared/format.js";
import {
  ActionButton,
  Field,
  SelectField,
  Show,
  StatusBadge,
  SubmissionOutcome,
  Table,
  useAsync,
  useSubmit,
} from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import {
  Count,
  collect,
  DateFilter,
  dayOf,
  link,
  listOrderOf,
  OptionalFact,
  Paged,
  setFilter,
  setListOrder,
} from "./shared.js";

type Api = PageProps["api"];
type Endpoint = ListItem<"/v1/webhook_endpoints">;
type DeliveryStatus = ListItem<"/v1/webhook_deliveries">["status"] | "";

const DELIVERY_STATUSES: readonly (readonly [DeliveryStatus, string])[] = [
  ["", "Any status"],
  ["pending", "pending"],
  ["succeeded", "succeeded"],
  ["failed", "failed"],
  ["cancelled", "cancelled"],
];

/** How a person tells endpoints apart: the description, else the URL. */
const endpointName = (e: Endpoint) => e.description || e.url;

export function WebhooksPage({ api, query }: PageProps): JSX.Element {
  const [endpoints, reload] = useAsync(
    () => collect(api.paginate("/v1/webhook_endpoints", { params: { query: { limit: 100 } } })),
    [],
  );
  const given = query.get("status") ?? "";
  const status = DELIVERY_STATUSES.some(([s]) => s === given) ? (given as DeliveryStatus) : "";
  const endpoint = query.get("endpoint") ?? "";
  const from = dayOf(query.get("from"));
  // the deliveries by creation only: newest first unless the address asks for the oldest first
  const { order } = listOrderOf(query, [], "desc");
  const to = dayOf(query.get("to"));
  const [round, setRound] = useState(0);
  return (
    <>
      <h1>Webhooks</h1>
      <Show value={endpoints}>
        {({ items, more }) => {
          const named = (id: string) => {
            const e = items.find((x) => x.id === id);
            return e ? endpointName(e) : id;
          };
          return (
            <>
              <section>
                <h2 id="endpoints">Endpoints</h2>
                <Count n={items.length} more={more} one="endpoint" many="endpoints" />
                <Table
                  caption="Webhook endpoints"
                  hideCaption
                  rows={items}
                  empty="No webhook endpoints yet."
                  columns={[
                    {
                      header: "Endpoint",
                      cell: (e) => (
                        <>
                          {e.description && (
                            <>
                              {e.description}
                              <br />
                            </>
                          )}
                          <span class="url">{e.url}</span>
                          <br />
                          <code class="id">{e.id}</code>
                        </>
                      ),
                      sort: endpointName,
                    },
                    { header: "Events", cell: (e) => e.event_types.join(", ") },
                    {
                      header: "State",
                      cell: (e) =>
                        e.enabled ? (
                          <StatusBadge status={e.failing_since ? "failing" : "active"} />
                        ) : (
                          <>
                            <StatusBadge status="paused" />
                            {e.disabled_reason === "sustained_failure" && (
                              <span class="muted"> after failing</span>
                            )}
                          </>
                        ),
                    },
                    {
                      header: "Actions",
                      cell: (e) => (
                        <>
                          <ActionButton
                            label={e.enabled ? "Pause" : "Resume"}
                            context={endpointName(e)}
                            run={() =>
                              api.PATCH("/v1/webhook_endpoints/{id}", {
                                params: { path: { id: e.id } },
                                body: { enabled: !e.enabled },
                              })
                            }
                            done={reload}
                          />
                          <a
                            href={`#/webhooks?endpoint=${encodeURIComponent(e.id)}`}
                            aria-label={`Deliveries: ${endpointName(e)}`}
                          >
                            Deliveries
                          </a>
                        </>
                      ),
                    },
                  ]}
                />
                <CreateEndpoint api={api} done={reload} />
              </section>
              <section>
                <h2 id="deliveries">Deliveries</h2>
                <div class="filters">
                  <SelectField
                    label="Status"
                    name="delivery-status"
                    value={status}
                    options={DELIVERY_STATUSES}
                    onChange={(value) => setFilter("/webhooks", query, "status", value)}
                  />
                  <SelectField
                    label="Endpoint"
                    name="delivery-endpoint"
                    value={endpoint}
                    options={[
                      ["", "Every endpoint"],
                      ...items.map((e) => [e.id, endpointName(e)] as const),
                    ]}
                    onChange={(value) => setFilter("/webhooks", query, "endpoint", value)}
                  />
                </div>
                <DateFilter
                  path="/webhooks"
                  query={query}
                  from={from}
                  to={to}
                  label="Created"
                  what="webhook deliveries by the day created (UTC)"
                />
                <Paged
                  caption={`Webhook deliveries, ${order === "asc" ? "oldest" : "newest"} first`}
                  counted={{ one: "delivery", many: "deliveries" }}
                  deps={[round]}
                  empty="No deliveries match."
                  load={async (cursor) =>
                    (
                      await api.GET("/v1/webhook_deliveries", {
                        params: {
                          query: {
                            limit: 25,
                            order,
                            include_total: true,
                            ...(cursor ? { cursor } : {}),
                            ...(status ? { status } : {}),
                            ...(endpoint ? { endpoint_id: endpoint } : {}),
                            ...(from ? { created_from: from } : {}),
                            ...(to ? { created_to: to } : {}),
                          },
                        },
                      })
                    ).data
                  }
                  columns={[
                    {
                      header: "Event",
                      cell: (d) =>
                        link(`#/webhooks/deliveries/${encodeURIComponent(d.id)}`, d.event_type),
                    },
                    { header: "Endpoint", cell: (d) => named(d.endpoint_id) },
                    { header: "Status", cell: (d) => <StatusBadge status={d.status} /> },
                    { header: "Attempts", cell: (d) => d.attempt_count, numeric: true },
                    { header: "Last answer", cell: (d) => lastAnswer(d) },
                    {
                      header: "Created",
                      cell: (d) => formatDateTime(d.created_at),
                      sortKey: "created",
                    },
                    {
                      header: "Actions",
                      cell: (d) =>
                        !retriable(d) ? (
                          "—"
                        ) : (
                          <ActionButton
                            label={d.status === "pending" ? "Retry now" : "Retry"}
                            context={`${d.event_type} delivery ${d.id}`}
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
                  sortedBy={{ key: "created", order }}
                  onSort={(next) =>
                    setListOrder("/webhooks", query, { sort: "created", order: next.order }, "desc")
                  }
                />
              </section>
            </>
          );
        }}
      </Show>
    </>
  );
}

/** Anything but a delivery not attempted yet can be sent again (a waiting one: at once). */
const retriable = (d: { status: string; attempt_count: number }) =>
  d.status !== "pending" || d.attempt_count > 0;

function lastAnswer(d: { last_error: string | null; last_status_code: number | null }): string {
  return d.last_status_code ? `HTTP ${d.last_status_code}` : (d.last_error ?? "—");
}

function CreateEndpoint(props: { api: Api; done: () => void }): JSX.Element {
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [types, setTypes] = useState("*");
  const [secret, setSecret] = useState<string | null>(null);
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="create-endpoint"
      onSubmit={form.submit(async () => {
        setSecret(null);
        const { data } = await props.api.POST("/v1/webhook_endpoints", {
          body: {
            url: url.trim(),
            event_types: types
              .split(/[\s,]+/)
              .map((t) => t.trim())
              .filter(Boolean),
            ...(description.trim() ? { description: description.trim() } : {}),
          },
        });
        form.say(`Created endpoint ${data.url} (${data.id}).`);
        setSecret(data.secret);
        setUrl("");
        setDescription("");
        props.done();
      })}
    >
      <h3 id="create-endpoint">Add an endpoint</h3>
      <Field
        label="URL"
        name="endpoint-url"
        type="url"
        value={url}
        onInput={setUrl}
        required
        hint="https:// (or http://), without credentials"
      />
      <Field
        label="Description (optional)"
        name="endpoint-description"
        value={description}
        onInput={setDescription}
      />
      <Field
        label="Event types"
        name="endpoint-types"
        value={types}
        onInput={setTypes}
        required
        hint='Separated by spaces or commas: a type ("invoice.issued"), a resource ("invoice.*") or every type ("*")'
      />
      <button type="submit" class="primary">
        Add endpoint
      </button>
      <SubmissionOutcome form={form} />
      {secret && (
        <section class="secret" aria-labelledby="endpoint-secret">
          <p id="endpoint-secret">The endpoint's signing secret. It is shown once: store it now.</p>
          <p>
            <code>{secret}</code>
          </p>
        </section>
      )}
    </form>
  );
}

/** One delivery: the event it carries, every attempt with the receiver's answer, a retry. */
export function WebhookDeliveryPage({ api, params }: PageProps): JSX.Element {
  const id = params[0]!;
  const [delivery, reload] = useAsync(async () => {
    const { data } = await api.GET("/v1/webhook_deliveries/{id}", {
      params: { path: { id } },
    });
    const [event, endpoint] = await Promise.all([
      api.GET("/v1/events/{id}", { params: { path: { id: data.event_id } } }).then(
        (r) => r.data,
        () => null,
      ),
      api.GET("/v1/webhook_endpoints/{id}", { params: { path: { id: data.endpoint_id } } }).then(
        (r) => r.data,
        () => null,
      ),
    ]);
    return { delivery: data, event, endpoint };
  }, [id]);
  return (
    <Show value={delivery}>
      {({ delivery: d, event, endpoint }) => (
        <>
          <h1>Delivery of {d.event_type}</h1>
          <p>
            <a href="#/webhooks">All webhooks</a>
          </p>
          <dl class="facts">
            <dt>Delivery</dt>
            <dd>
              <code>{d.id}</code>
            </dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={d.status} />
            </dd>
            <dt>Endpoint</dt>
            <dd>{endpoint ? `${endpointName(endpoint)} (${endpoint.url})` : d.endpoint_id}</dd>
            <dt>Event</dt>
            <dd>
              <code>{d.event_id}</code>
            </dd>
            <dt>Created</dt>
            <dd>{formatDateTime(d.created_at)}</dd>
            <dt>Last answer</dt>
            <dd>{lastAnswer(d)}</dd>
            <OptionalFact term="Next attempt" value={d.next_attempt_at} show={formatDateTime} />
          </dl>
          {retriable(d) && (
            <p>
              <ActionButton
                kind="primary"
                label={d.status === "pending" ? "Retry this delivery now" : "Retry this delivery"}
                run={() =>
                  api.POST("/v1/webhook_deliveries/{id}/redeliver", { params: { path: { id } } })
                }
                done={reload}
              />
            </p>
          )}
          <h2 id="attempts">Attempts</h2>
          <Table
            caption="Attempts, newest first"
            hideCaption
            rows={d.attempts}
            empty="Not attempted yet."
            columns={[
              { header: "When", cell: (a) => formatDateTime(a.attempted_at) },
              {
                header: "Result",
                cell: (a) => <StatusBadge status={a.succeeded ? "succeeded" : "failed"} />,
              },
              {
                header: "Response status",
                cell: (a) => (a.status_code === null ? "—" : `HTTP ${a.status_code}`),
              },
              { header: "Time", cell: (a) => `${a.duration_ms} ms`, numeric: true },
              {
                header: "Response body",
                cell: (a) =>
                  a.response_excerpt ? (
                    <pre class="excerpt">{a.response_excerpt}</pre>
                  ) : (
                    (a.error ?? "—")
                  ),
              },
            ]}
          />
          <h2 id="payload">Payload</h2>
          {event ? (
            // a long payload scrolls: its region takes keyboard focus to be scrolled
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable
            <section class="payload" tabIndex={0} aria-labelledby="payload">
              <pre>{JSON.stringify(event, null, 2)}</pre>
            </section>
          ) : (
            <p class="muted">The event is no longer kept.</p>
          )}
        </>
      )}
    </Show>
  );
}
