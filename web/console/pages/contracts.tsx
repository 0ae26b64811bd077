/**
 * Contracts: the list and one contract's page with its timeline, usage, actions, cancellation and
 * portal link.
 */
import type { JSX } from "preact";
import { useMemo, useState } from "preact/hooks";
import { BarChart } from "../../shared/chart.js";
import { addDecimals, formatDate, formatDateTime, formatMoney } from "../../shared/format.js";
import { ActionButton, SelectField, Show, StatusBadge, useAsync } from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { PauseResume } from "./contract-pause.js";
import {
  CustomerFilter,
  CustomerLink,
  DateFilter,
  dayOf,
  link,
  listOrderOf,
  Paged,
  setFilter,
  setListOrder,
} from "./shared.js";
import { ActionTable } from "./subscription-actions.js";

/** The API's orders of the contracts list (`sort`), the default (by creation) first. */
const CONTRACT_SORTS = ["created", "start", "customer"] as const;

type ContractStatus =
  | "future"
  | "in_trial"
  | "trial_expired"
  | "active"
  | "temporarily_inactive"
  | "ended"
  | "transferred";
const CONTRACT_STATUSES: readonly (readonly [ContractStatus | "", string])[] = [
  ["", "Any status"],
  ["future", "future (not started)"],
  ["in_trial", "in trial"],
  ["trial_expired", "trial expired"],
  ["active", "active"],
  ["temporarily_inactive", "temporarily inactive"],
  ["ended", "ended"],
  ["transferred", "transferred (left behind by a move)"],
];

export function ContractsPage({ api, query }: PageProps): JSX.Element {
  const customer = query.get("customer") ?? "";
  const given = query.get("status") ?? "";
  const status = CONTRACT_STATUSES.some(([s]) => s === given) ? (given as ContractStatus | "") : "";
  const { sort, order } = listOrderOf(query, CONTRACT_SORTS, "asc");
  const from = dayOf(query.get("from"));
  const to = dayOf(query.get("to"));
  return (
    <>
      <h1>Contracts</h1>
      <div class="filters">
        <SelectField
          label="Status"
          name="contract-status"
          value={status}
          options={CONTRACT_STATUSES}
          onChange={(value) => setFilter("/contracts", query, "status", value)}
        />
      </div>
      <DateFilter
        path="/contracts"
        query={query}
        from={from}
        to={to}
        label="Start"
        what="contracts by the day they start (UTC)"
      />
      <CustomerFilter path="/contracts" query={query} what="contracts" />
      <Paged
        caption="Contracts"
        counted={{ one: "contract", many: "contracts" }}
        empty={
          status || from || to
            ? "No contracts match."
            : customer
              ? "This customer has no contracts."
              : "No contracts yet."
        }
        load={async (cursor) =>
          (
            await api.GET("/v1/contracts", {
              params: {
                query: {
                  limit: 25,
                  sort,
                  order,
                  include_total: true,
                  ...(cursor ? { cursor } : {}),
                  ...(status ? { status } : {}),
                  ...(from ? { start_from: from } : {}),
                  ...(to ? { start_to: to } : {}),
                  ...(customer ? { customer_id: customer } : {}),
                },
              },
            })
          ).data
        }
        columns={[
          {
            header: "Contract",
            cell: (c) => link(`#/contracts/${c.id}`, c.id),
            sortKey: "created",
          },
          {
            header: "Customer",
            cell: (c) => <CustomerLink id={c.customer_id} />,
            sortKey: "customer",
          },
          { header: "Status", cell: (c) => <StatusBadge status={c.status} /> },
          { header: "Start", cell: (c) => formatDate(c.start_date), sortKey: "start" },
          { header: "End", cell: (c) => formatDate(c.end_date) },
        ]}
        sortedBy={{ key: sort, order }}
        onSort={(next) =>
          setListOrder("/contracts", query, { sort: next.key, order: next.order }, "asc")
        }
      />
    </>
  );
}

type Phase = { type: string; start_date: string; plan_variant_id: string | null; quantity: string };

/** The phases as a bar of segments (how long each lasted) and the same as a list. */
function Timeline(props: {
  phases: Phase[];
  end: string | null;
  now: string;
  names: Map<string, string>;
}): JSX.Element {
  const stop = props.end ?? props.now;
  const t = (s: string) => Date.parse(s);
  const first = t(props.phases[0]?.start_date ?? stop);
  const last = Math.max(t(stop), first + 1);
  const name = (p: Phase) =>
    p.type === "inactive"
      ? "inactive"
      : `${props.names.get(p.plan_variant_id ?? "") ?? p.plan_variant_id ?? "—"} × ${p.quantity}${p.type === "trial" ? " (trial)" : ""}`;
  return (
    <figure class="timeline">
      <figcaption>Phases</figcaption>
      <div class="timeline-bar" aria-hidden="true">
        {props.phases.map((p, i) => {
          const from = t(p.start_date);
          const to = Math.min(t(props.phases[i + 1]?.start_date ?? stop), last);
          const width = Math.max(((to - from) / (last - first)) * 100, 1);
          return (
            <span
              key={p.start_date}
              class={`seg seg-${p.type}`}
              style={{ width: `${width}%` }}
              title={name(p)}
            >
              {name(p)}
            </span>
          );
        })}
      </div>
      <ol class="phases">
        {props.phases.map((p) => (
          <li key={p.start_date}>
            <time dateTime={p.start_date}>{formatDate(p.start_date)}</time>: {name(p)}
          </li>
        ))}
        {props.end && (
          <li>
            <time dateTime={props.end}>{formatDate(props.end)}</time>: ends
          </li>
        )}
      </ol>
    </figure>
  );
}

export function ContractPage({ api, params }: PageProps): JSX.Element {
  const id = params[0]!;
  const [data, reload] = useAsync(async () => {
    const [contract, usage, actions, clock] = await Promise.all([
      api.GET("/v1/contracts/{id}", { params: { path: { id } } }),
      api.GET("/v1/contracts/{id}/usage", { params: { path: { id }, query: { limit: 100 } } }),
      api.GET("/v1/subscription_actions", { params: { query: { contract_id: id, limit: 50 } } }),
      // the timeline's "now" is the tenant's clock; a key without clock:read still sees the page
      api.GET("/v1/test_clock").catch(() => ({ data: { now: new Date().toISOString() } })),
    ]);
    const variantIds = [
      ...new Set(
        contract.data.phases.map((p) => p.plan_variant_id).filter((v): v is string => !!v),
      ),
    ];
    const names = new Map<string, string>();
    await Promise.all(
      variantIds.map(async (v) => {
        const { data } = await api.GET("/v1/plan_variants/{id}", { params: { path: { id: v } } });
        names.set(v, data.internal_name);
      }),
    );
    const componentIds = [...new Set(usage.data.data.map((u) => u.component_id))];
    const components = new Map<string, string>();
    await Promise.all(
      componentIds.map(async (c) => {
        const { data } = await api.GET("/v1/components/{id}", { params: { path: { id: c } } });
        components.set(c, data.name);
      }),
    );
    return {
      contract: contract.data,
      usage: usage.data.data,
      actions: actions.data.data,
      now: clock.data.now,
      names,
      components,
    };
  }, [id]);
  return (
    <Show value={data}>
      {(d) => (
        <>
          <h1>Contract {d.contract.id}</h1>
          <dl class="facts">
            <dt>Customer</dt>
            <dd>
              <CustomerLink id={d.contract.customer_id} />
            </dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={d.contract.status} />
            </dd>
            <dt>Currency</dt>
            <dd>{d.contract.currency}</dd>
            <dt>Start</dt>
            <dd>{formatDate(d.contract.start_date)}</dd>
            <dt>End</dt>
            <dd>{formatDate(d.contract.end_date)}</dd>
          </dl>
          <Timeline
            phases={d.contract.phases}
            end={d.contract.end_date}
            now={d.now}
            names={d.names}
          />
          <Settlement api={api} id={id} settlement={d.contract.settlement} done={reload} />
          <UsageChart usage={d.usage} components={d.components} />
          <h2>Subscription actions</h2>
          <ActionTable rows={d.actions} />
          <PauseResume
            api={api}
            id={id}
            status={d.contract.status}
            scheduled={d.actions.filter(
              (a) => a.state === "scheduled" && (a.action === "rest" || a.action === "end_resting"),
            )}
            done={reload}
          />
          <EndContract api={api} id={id} done={reload} />
          <PortalLink api={api} id={id} />
        </>
      )}
    </Show>
  );
}

function UsageChart(props: {
  usage: { component_id: string; quantity: string; due_date: string }[];
  components: Map<string, string>;
}): JSX.Element {
  const { labels, series } = useMemo(() => {
    const months = [...new Set(props.usage.map((u) => u.due_date.slice(0, 7)))].sort();
    const ids = [...new Set(props.usage.map((u) => u.component_id))];
    return {
      labels: months,
      series: ids.map((c, i) => ({
        name: props.components.get(c) ?? c,
        className: `s${(i % 3) + 1}`,
        values: months.map((m) =>
          addDecimals(
            props.usage
              .filter((u) => u.component_id === c && u.due_date.startsWith(m))
              .map((u) => u.quantity),
          ),
        ),
      })),
    };
  }, [props.usage, props.components]);
  return (
    <section aria-labelledby="usage-heading">
      <h2 id="usage-heading">Usage</h2>
      {labels.length === 0 ? (
        <p class="muted">No metered usage recorded.</p>
      ) : (
        <BarChart
          title="Usage per component and month"
          labels={labels}
          series={series}
          unit="quantity"
        />
      )}
    </section>
  );
}

/** Failed settlements: the last error, and (parked or retrying) a retry. */
function Settlement(props: {
  api: PageProps["api"];
  id: string;
  settlement: {
    status: "ok" | "retrying" | "parked";
    failed_attempts: number;
    last_error: string | null;
    last_failed_at: string | null;
    parked_at: string | null;
  };
  done: () => void;
}): JSX.Element | null {
  const s = props.settlement;
  if (s.status === "ok") return null;
  return (
    <section aria-labelledby="settlement-heading">
      <h2 id="settlement-heading">
        {s.status === "parked" ? "Billing is parked" : "Billing is retrying"}
      </h2>
      <p>
        {s.status === "parked"
          ? `Settling this contract failed ${s.failed_attempts} times in a row (last on ${formatDateTime(s.parked_at)}); billing no longer tries it until it is retried.`
          : `Settling this contract failed ${s.failed_attempts} time(s) in a row (last on ${formatDateTime(s.last_failed_at)}); billing tries again later.`}
      </p>
      {s.last_error && (
        <p>
          Last error: <code class="wrap">{s.last_error}</code>
        </p>
      )}
      <ActionButton
        label="Retry billing now"
        run={async () => {
          await props.api.POST("/v1/contracts/{id}/settlement/retry", {
            params: { path: { id: props.id } },
          });
        }}
        done={props.done}
      />
    </section>
  );
}

function EndContract(props: { api: PageProps["api"]; id: string; done: () => void }): JSX.Element {
  type Preview = {
    end_date: string;
    last_notice_date: string;
    already_ending: boolean;
    invoice: {
      total_gross: string;
      currency: string;
      lines: { description: string; amount: string }[];
    };
  };
  const [preview, setPreview] = useState<Preview | null>(null);
  const [message, setMessage] = useState("");
  return (
    <section aria-labelledby="end-heading">
      <h2 id="end-heading">End the contract</h2>
      {!preview && (
        <ActionButton
          label="Preview cancellation"
          run={async () => {
            const { data } = await props.api.GET("/v1/contracts/{id}/cancellation_preview", {
              params: { path: { id: props.id } },
            });
            setPreview(data as Preview);
          }}
        />
      )}
      {preview && (
        <div class="preview">
          <p>
            Cancelled now, the contract ends on <strong>{formatDateTime(preview.end_date)}</strong>{" "}
            (last day to give notice for that: {preview.last_notice_date}).
            {preview.already_ending && " It already ends then."}
          </p>
          <p>
            Final invoice: {formatMoney(preview.invoice.total_gross, preview.invoice.currency)} in{" "}
            {preview.invoice.lines.length} line(s).
          </p>
          {!preview.already_ending && (
            <ActionButton
              kind="danger"
              label={`End contract on ${formatDate(preview.end_date)}`}
              run={async () => {
                await props.api.POST("/v1/contracts/{id}/end", {
                  params: { path: { id: props.id } },
                  body: { end_date: preview.end_date },
                });
                setMessage(`The contract ends on ${formatDate(preview.end_date)}.`);
                setPreview(null);
              }}
              done={props.done}
            />
          )}
        </div>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}

function PortalLink(props: { api: PageProps["api"]; id: string }): JSX.Element {
  const [url, setUrl] = useState<string | null>(null);
  return (
    <section aria-labelledby="portal-heading">
      <h2 id="portal-heading">Customer portal</h2>
      <p class="muted">A link for the customer, valid for one day.</p>
      <ActionButton
        label="Create portal link"
        run={async () => {
          const { data } = await props.api.POST("/v1/contracts/{id}/self_service_token", {
            params: { path: { id: props.id } },
            body: { validity_minutes: 1440 },
          });
          setUrl(data.url);
        }}
      />
      {url && (
        <p>
          <a href={url}>Open the customer's portal</a> <code class="wrap">{url}</code>
        </p>
      )}
    </section>
  );
}
