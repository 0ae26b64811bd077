import type { JSX } from "preact";
import { useMemo, useState } from "preact/hooks";
import { BarChart, LineChart } from "../shared/chart.js";
import { addDecimals, formatDate, formatDateTime, formatMoney } from "../shared/format.js";
import {
  ActionButton,
  type Column,
  ErrorNote,
  Field,
  Show,
  StatusBadge,
  Table,
  useAsync,
} from "../shared/ui.js";
import type { PageProps } from "./main.js";

const link = (href: string, text: string) => <a href={href}>{text}</a>;

/** A list with "Previous" / "Next" over the API's cursor pagination. */
function Paged<T>(props: {
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

// ---- dashboard ------------------------------------------------------------------------------

export function DashboardPage({ api }: PageProps): JSX.Element {
  const [dash] = useAsync(
    async () =>
      (await api.GET("/v1/reports/dashboard", { params: { query: { months: 12 } } })).data,
    [],
  );
  return (
    <>
      <h1>Dashboard</h1>
      <Show value={dash}>
        {(d) => (
          <>
            <p class="muted">As of {formatDateTime(d.as_of)} (the tenant's clock).</p>
            <dl class="kpis">
              <div>
                <dt>Active contracts</dt>
                <dd>{d.active_contracts}</dd>
              </div>
              <div>
                <dt>Customers</dt>
                <dd>{d.customers}</dd>
              </div>
              <div>
                <dt>Open invoices</dt>
                <dd>{d.open_invoices}</dd>
              </div>
              {d.currencies.map((c) => (
                <div key={c.currency}>
                  <dt>MRR ({c.currency})</dt>
                  <dd>{formatMoney(c.mrr, c.currency)}</dd>
                </div>
              ))}
            </dl>
            {d.currencies.length === 0 && <p>No contracts or invoices yet.</p>}
            {d.currencies.map((c) => {
              const labels = c.months.map((m) => m.month);
              return (
                <section key={c.currency} aria-labelledby={`cur-${c.currency}`}>
                  <h2 id={`cur-${c.currency}`}>{c.currency}</h2>
                  <div class="charts">
                    <LineChart
                      title={`Monthly recurring revenue (${c.currency})`}
                      labels={labels}
                      unit={c.currency}
                      series={[
                        { name: "MRR", values: c.months.map((m) => m.mrr), className: "s1" },
                      ]}
                    />
                    <BarChart
                      title={`Invoiced and collected per month (${c.currency})`}
                      labels={labels}
                      unit={c.currency}
                      series={[
                        {
                          name: "Invoiced",
                          values: c.months.map((m) => m.invoiced),
                          className: "s1",
                        },
                        {
                          name: "Collected",
                          values: c.months.map((m) => m.collected),
                          className: "s2",
                        },
                        {
                          name: "Credited",
                          values: c.months.map((m) => m.credited),
                          className: "s3",
                        },
                      ]}
                    />
                    <LineChart
                      title="Active contracts"
                      labels={labels}
                      unit="contracts"
                      series={[
                        {
                          name: "Active contracts",
                          values: c.months.map((m) => String(m.active_contracts)),
                          className: "s2",
                        },
                      ]}
                    />
                  </div>
                </section>
              );
            })}
          </>
        )}
      </Show>
    </>
  );
}

// ---- customers ------------------------------------------------------------------------------

export function CustomersPage({ api, query }: PageProps): JSX.Element {
  const q = query.get("q") ?? "";
  return (
    <>
      <h1>Customers</h1>
      {q && <p>Search results for “{q}”.</p>}
      <Paged
        caption="Customers"
        deps={[q]}
        empty={q ? "No customer matches." : "No customers yet."}
        load={async (cursor) =>
          (
            await api.GET("/v1/customers", {
              params: { query: { limit: 25, ...(cursor ? { cursor } : {}), ...(q ? { q } : {}) } },
            })
          ).data
        }
        columns={[
          { header: "Name", cell: (c) => link(`#/customers/${c.id}`, c.display_name || c.id) },
          { header: "E-mail", cell: (c) => c.email ?? "—" },
          { header: "External id", cell: (c) => c.external_id ?? "—" },
          { header: "Created", cell: (c) => formatDate(c.created_at) },
        ]}
      />
    </>
  );
}

export function CustomerPage({ api, params }: PageProps): JSX.Element {
  const id = params[0]!;
  const [data, reload] = useAsync(async () => {
    const [customer, balance, contracts, invoices, payments] = await Promise.all([
      api.GET("/v1/customers/{id}", { params: { path: { id } } }),
      api.GET("/v1/customers/{id}/balance", { params: { path: { id } } }),
      api.GET("/v1/contracts", { params: { query: { customer_id: id, limit: 50 } } }),
      api.GET("/v1/invoices", { params: { query: { customer_id: id, limit: 50 } } }),
      api.GET("/v1/payments", { params: { query: { customer_id: id, limit: 50 } } }),
    ]);
    return {
      customer: customer.data,
      balance: balance.data,
      contracts: contracts.data.data,
      invoices: invoices.data.data,
      payments: payments.data.data,
    };
  }, [id]);
  return (
    <Show value={data}>
      {(d) => (
        <>
          <h1>{d.customer.display_name || d.customer.id}</h1>
          <dl class="facts">
            <dt>Id</dt>
            <dd>
              <code>{d.customer.id}</code>
            </dd>
            <dt>E-mail</dt>
            <dd>{d.customer.email ?? "—"}</dd>
            <dt>Time zone</dt>
            <dd>{d.customer.time_zone}</dd>
            <dt>Address</dt>
            <dd>{Object.values(d.customer.address).filter(Boolean).join(", ") || "—"}</dd>
          </dl>
          <h2>Balance</h2>
          <Table
            caption="Balance per currency"
            hideCaption
            rows={d.balance.balances}
            empty="Nothing owed and no credit."
            columns={[
              { header: "Currency", cell: (b) => b.currency },
              {
                header: "Invoiced",
                cell: (b) => formatMoney(b.invoiced, b.currency),
                numeric: true,
              },
              { header: "Paid", cell: (b) => formatMoney(b.paid, b.currency), numeric: true },
              {
                header: "Balance (owed; negative: credit)",
                cell: (b) => formatMoney(b.balance, b.currency),
                numeric: true,
              },
            ]}
          />
          <RecordPayment
            api={api}
            customerId={id}
            currency={d.contracts[0]?.currency ?? d.balance.balances[0]?.currency ?? "EUR"}
            done={reload}
          />
          <h2>Contracts</h2>
          <Table
            caption="Contracts"
            hideCaption
            rows={d.contracts}
            columns={[
              { header: "Contract", cell: (c) => link(`#/contracts/${c.id}`, c.id) },
              { header: "Status", cell: (c) => <StatusBadge status={c.status} /> },
              { header: "Start", cell: (c) => formatDate(c.start_date) },
              { header: "End", cell: (c) => formatDate(c.end_date) },
            ]}
          />
          <h2>Invoices and credit notes</h2>
          <InvoiceTable rows={d.invoices} />
          <h2>Payments</h2>
          <PaymentTable rows={d.payments} />
        </>
      )}
    </Show>
  );
}

function RecordPayment(props: {
  api: PageProps["api"];
  customerId: string;
  currency: string;
  done: () => void;
}): JSX.Element {
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState(props.currency);
  const [reference, setReference] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState("");
  return (
    <form
      class="inline-form"
      aria-labelledby="record-payment"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        setMessage("");
        try {
          const { data } = await props.api.POST("/v1/payments", {
            body: {
              customer_id: props.customerId,
              amount: amount.trim(),
              currency: currency.trim().toUpperCase(),
              method: "offline",
              ...(reference.trim() ? { reference: reference.trim() } : {}),
            },
          });
          setMessage(
            `Recorded ${formatMoney(data.amount, data.currency)}; ${data.allocations.length} invoice(s) settled.`,
          );
          setAmount("");
          setReference("");
          props.done();
        } catch (err) {
          setError(err);
        }
      }}
    >
      <h3 id="record-payment">Record a payment</h3>
      <Field
        label="Amount"
        name="amount"
        value={amount}
        onInput={setAmount}
        required
        hint="e.g. 49.90"
      />
      <Field label="Currency" name="currency" value={currency} onInput={setCurrency} required />
      <Field label="Reference" name="reference" value={reference} onInput={setReference} />
      <button type="submit" class="primary">
        Record payment
      </button>
      {message && <p role="status">{message}</p>}
      {error !== null && <ErrorNote error={error} />}
    </form>
  );
}

// ---- contracts ------------------------------------------------------------------------------

export function ContractsPage({ api }: PageProps): JSX.Element {
  return (
    <>
      <h1>Contracts</h1>
      <Paged
        caption="Contracts"
        load={async (cursor) =>
          (
            await api.GET("/v1/contracts", {
              params: { query: { limit: 25, ...(cursor ? { cursor } : {}) } },
            })
          ).data
        }
        columns={[
          { header: "Contract", cell: (c) => link(`#/contracts/${c.id}`, c.id) },
          { header: "Customer", cell: (c) => link(`#/customers/${c.customer_id}`, c.customer_id) },
          { header: "Status", cell: (c) => <StatusBadge status={c.status} /> },
          { header: "Start", cell: (c) => formatDate(c.start_date) },
          { header: "End", cell: (c) => formatDate(c.end_date) },
        ]}
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
            <dd>{link(`#/customers/${d.contract.customer_id}`, d.contract.customer_id)}</dd>
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
          <UsageChart usage={d.usage} components={d.components} />
          <h2>Subscription actions</h2>
          <ActionTable rows={d.actions} />
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

// ---- orders ---------------------------------------------------------------------------------

export function OrdersPage({ api }: PageProps): JSX.Element {
  const [round, setRound] = useState(0);
  return (
    <>
      <h1>Orders</h1>
      <Paged
        caption="Orders"
        deps={[round]}
        load={async (cursor) =>
          (
            await api.GET("/v1/orders", {
              params: { query: { limit: 25, ...(cursor ? { cursor } : {}) } },
            })
          ).data
        }
        columns={[
          { header: "Order", cell: (o) => <code>{o.id}</code> },
          { header: "Type", cell: (o) => o.type },
          { header: "Customer", cell: (o) => link(`#/customers/${o.customer_id}`, o.customer_id) },
          { header: "Status", cell: (o) => <StatusBadge status={o.status} /> },
          { header: "Created", cell: (o) => formatDate(o.created_at) },
          {
            header: "Actions",
            cell: (o) =>
              o.status === "approval_pending" ? (
                <>
                  <ActionButton
                    kind="primary"
                    label={`Approve ${o.id}`}
                    run={() =>
                      api.POST("/v1/orders/{id}/approve", { params: { path: { id: o.id } } })
                    }
                    done={() => setRound((r) => r + 1)}
                  />
                  <ActionButton
                    kind="danger"
                    label={`Decline ${o.id}`}
                    run={() =>
                      api.POST("/v1/orders/{id}/decline", { params: { path: { id: o.id } } })
                    }
                    done={() => setRound((r) => r + 1)}
                  />
                </>
              ) : (
                "—"
              ),
          },
        ]}
      />
    </>
  );
}

// ---- invoices -------------------------------------------------------------------------------

type InvoiceRow = {
  id: string;
  kind: "invoice" | "credit_note";
  number: string | null;
  customer_id: string;
  status: string;
  issue_date: string;
  currency: string;
  total_gross: string;
};

function InvoiceTable(props: { rows: InvoiceRow[] }): JSX.Element {
  return (
    <Table
      caption="Invoices and credit notes"
      hideCaption
      rows={props.rows}
      empty="No documents yet."
      columns={invoiceColumns}
    />
  );
}

const invoiceColumns: Column<InvoiceRow>[] = [
  { header: "Number", cell: (i) => link(`#/invoices/${i.id}`, i.number ?? `draft ${i.id}`) },
  { header: "Kind", cell: (i) => (i.kind === "invoice" ? "invoice" : "credit note") },
  { header: "Customer", cell: (i) => link(`#/customers/${i.customer_id}`, i.customer_id) },
  { header: "Issued", cell: (i) => formatDate(i.issue_date) },
  { header: "Status", cell: (i) => <StatusBadge status={i.status} /> },
  { header: "Total", cell: (i) => formatMoney(i.total_gross, i.currency), numeric: true },
];

export function InvoicesPage({ api }: PageProps): JSX.Element {
  const kind = location.hash.startsWith("#/credit-notes") ? "credit_note" : "invoice";
  return (
    <>
      <h1>{kind === "invoice" ? "Invoices" : "Credit notes"}</h1>
      <Paged
        caption={kind === "invoice" ? "Invoices" : "Credit notes"}
        deps={[kind]}
        load={async (cursor) =>
          (
            await api.GET("/v1/invoices", {
              params: { query: { limit: 25, kind, ...(cursor ? { cursor } : {}) } },
            })
          ).data
        }
        columns={invoiceColumns}
      />
    </>
  );
}

export function InvoicePage({ api, params }: PageProps): JSX.Element {
  const id = params[0]!;
  const [invoice] = useAsync(
    async () => (await api.GET("/v1/invoices/{id}", { params: { path: { id } } })).data,
    [id],
  );
  const [pdf, setPdf] = useState<string | null>(null);
  return (
    <Show value={invoice}>
      {(i) => (
        <>
          <h1>
            {i.kind === "invoice" ? "Invoice" : "Credit note"} {i.number ?? `(draft ${i.id})`}
          </h1>
          <dl class="facts">
            <dt>Customer</dt>
            <dd>{link(`#/customers/${i.customer_id}`, i.recipient.name || i.customer_id)}</dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={i.status} />
            </dd>
            <dt>Issued</dt>
            <dd>{formatDate(i.issue_date)}</dd>
            <dt>Due</dt>
            <dd>{formatDate(i.due_date)}</dd>
            {i.contract_id && (
              <>
                <dt>Contract</dt>
                <dd>{link(`#/contracts/${i.contract_id}`, i.contract_id)}</dd>
              </>
            )}
          </dl>
          <Table
            caption="Lines"
            rows={i.lines}
            columns={[
              { header: "Description", cell: (l) => l.description },
              {
                header: "Period",
                cell: (l) =>
                  l.period_start
                    ? `${formatDate(l.period_start)} – ${formatDate(l.period_end)}`
                    : "—",
              },
              { header: "Quantity", cell: (l) => l.quantity, numeric: true },
              { header: "Unit price", cell: (l) => l.unit_price, numeric: true },
              { header: "Amount", cell: (l) => formatMoney(l.amount, i.currency), numeric: true },
            ]}
          />
          <dl class="totals">
            <dt>Net</dt>
            <dd>{formatMoney(i.total_net, i.currency)}</dd>
            <dt>Tax</dt>
            <dd>{formatMoney(i.total_tax, i.currency)}</dd>
            <dt>Total</dt>
            <dd>
              <strong>{formatMoney(i.total_gross, i.currency)}</strong>
            </dd>
          </dl>
          {i.status !== "draft" && (
            <p>
              <ActionButton
                label="Prepare PDF"
                run={async () => {
                  const { data } = await api.POST("/v1/invoices/{id}/download_link", {
                    params: { path: { id } },
                  });
                  setPdf(data.url);
                }}
              />
              {pdf && (
                <a href={pdf} download>
                  Download PDF of {i.number}
                </a>
              )}
            </p>
          )}
        </>
      )}
    </Show>
  );
}

// ---- payments, actions, webhooks, audit ---------------------------------------------------------

type PaymentRow = {
  id: string;
  customer_id: string;
  kind: string;
  method: string;
  status: string;
  amount: string;
  currency: string;
  received_at: string;
  failure: { code: string; message: string } | null;
};

const paymentColumns: Column<PaymentRow>[] = [
  { header: "Received", cell: (p) => formatDate(p.received_at) },
  { header: "Customer", cell: (p) => link(`#/customers/${p.customer_id}`, p.customer_id) },
  { header: "Kind", cell: (p) => `${p.kind} (${p.method})` },
  { header: "Status", cell: (p) => <StatusBadge status={p.status} /> },
  { header: "Amount", cell: (p) => formatMoney(p.amount, p.currency), numeric: true },
  { header: "Failure", cell: (p) => p.failure?.message ?? "—" },
];

function PaymentTable(props: { rows: PaymentRow[] }): JSX.Element {
  return (
    <Table
      caption="Payments"
      hideCaption
      rows={props.rows}
      columns={paymentColumns}
      empty="No payments yet."
    />
  );
}

export function PaymentsPage({ api }: PageProps): JSX.Element {
  return (
    <>
      <h1>Payments</h1>
      <Paged
        caption="Payments, refunds and write-offs"
        load={async (cursor) =>
          (
            await api.GET("/v1/payments", {
              params: { query: { limit: 25, ...(cursor ? { cursor } : {}) } },
            })
          ).data
        }
        columns={paymentColumns}
      />
    </>
  );
}

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

function ActionTable(props: { rows: ActionRow[] }): JSX.Element {
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

// ---- clock ----------------------------------------------------------------------------------

export function ClockPage({ api }: PageProps): JSX.Element {
  const [clock, reload] = useAsync(async () => (await api.GET("/v1/test_clock")).data, []);
  const [to, setTo] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState("");
  const advance = async (target: string) => {
    setError(null);
    setMessage("");
    try {
      const { data } = await api.POST("/v1/test_clock/advance", { body: { frozen_time: target } });
      setMessage(`The clock now reads ${formatDateTime(data.now)}.`);
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const plus = (now: string, days: number) =>
    new Date(Date.parse(now) + days * 86_400_000).toISOString();
  return (
    <>
      <h1>Clock</h1>
      <Show value={clock}>
        {(c) => (
          <>
            <p>
              The tenant's clock reads <strong>{formatDateTime(c.now)}</strong> (
              {c.mode === "test" ? "a test clock" : "the system clock"}).
            </p>
            {c.mode === "system" ? (
              <p class="muted">
                A tenant on the system clock cannot be moved. Test tenants get a test clock through
                the API.
              </p>
            ) : (
              <>
                <p class="muted">
                  Moving the clock runs whatever falls due on the way: billing, scheduled actions,
                  dunning.
                </p>
                <p>
                  <button type="button" onClick={() => advance(plus(c.now, 1))}>
                    Advance one day
                  </button>{" "}
                  <button type="button" onClick={() => advance(plus(c.now, 7))}>
                    Advance one week
                  </button>{" "}
                  <button type="button" onClick={() => advance(plus(c.now, 30))}>
                    Advance 30 days
                  </button>
                </p>
                <form
                  class="inline-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void advance(to.trim());
                  }}
                >
                  <Field
                    label="Advance to"
                    name="frozen_time"
                    value={to}
                    onInput={setTo}
                    required
                    hint="An instant such as 2026-04-01T00:00:00Z, later than now"
                  />
                  <button type="submit" class="primary">
                    Advance
                  </button>
                </form>
              </>
            )}
          </>
        )}
      </Show>
      {message && <p role="status">{message}</p>}
      {error !== null && <ErrorNote error={error} />}
    </>
  );
}
