/** Invoices and credit notes: the lists and one document's page with its lines, totals and PDF. */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { Data, operations } from "../../../sdk/src/client.js";
import { formatDate, formatMoney } from "../../shared/format.js";
import {
  ActionButton,
  type Column,
  ErrorNote,
  SelectField,
  Show,
  StatusBadge,
  Table,
  useAsync,
} from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { type CollectedPayment, describeCollected, type PaymentSource } from "./payment-sources.js";
import { CustomerFilter, CustomerLink, link, Paged, setFilter } from "./shared.js";

type InvoiceRow = {
  id: string;
  kind: "invoice" | "credit_note";
  number: string | null;
  customer_id: string;
  /** Who the document is addressed to, as it was issued: the customer's name on the list. */
  recipient?: { name: string };
  status: string;
  issue_date: string;
  currency: string;
  total_gross: string;
};

export function InvoiceTable(props: { rows: InvoiceRow[] }): JSX.Element {
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
  {
    header: "Customer",
    cell: (i) => <CustomerLink id={i.customer_id} name={i.recipient?.name || null} />,
  },
  { header: "Issued", cell: (i) => formatDate(i.issue_date) },
  { header: "Status", cell: (i) => <StatusBadge status={i.status} /> },
  { header: "Total", cell: (i) => formatMoney(i.total_gross, i.currency), numeric: true },
];

type DocumentStatus = "draft" | "finalized" | "void";
const STATUSES: readonly (readonly [DocumentStatus | "", string])[] = [
  ["", "Any status"],
  ["draft", "draft"],
  ["finalized", "issued (finalized)"],
  ["void", "void"],
];

export function InvoicesPage({ api, query }: PageProps): JSX.Element {
  const kind = location.hash.startsWith("#/credit-notes") ? "credit_note" : "invoice";
  const path = kind === "invoice" ? "/invoices" : "/credit-notes";
  const customer = query.get("customer") ?? "";
  const given = query.get("status") ?? "";
  const status = STATUSES.some(([s]) => s === given) ? (given as DocumentStatus | "") : "";
  return (
    <>
      <h1>{kind === "invoice" ? "Invoices" : "Credit notes"}</h1>
      <div class="filters">
        <SelectField
          label="Status"
          name="document-status"
          value={status}
          options={STATUSES}
          onChange={(value) => setFilter(path, query, "status", value)}
        />
      </div>
      <CustomerFilter
        path={path}
        query={query}
        what={kind === "invoice" ? "invoices" : "credit notes"}
      />
      <Paged
        caption={kind === "invoice" ? "Invoices" : "Credit notes"}
        deps={[kind]}
        empty={status || customer ? "No documents match." : undefined}
        load={async (cursor) =>
          (
            await api.GET("/v1/invoices", {
              params: {
                query: {
                  limit: 25,
                  kind,
                  ...(cursor ? { cursor } : {}),
                  ...(status ? { status } : {}),
                  ...(customer ? { customer_id: customer } : {}),
                },
              },
            })
          ).data
        }
        columns={invoiceColumns}
      />
    </>
  );
}

/** An issued invoice's open amount: what its customer's open invoices say it still owes. */
async function invoiceDue(api: PageProps["api"], invoice: Invoice): Promise<string | null> {
  if (invoice.kind !== "invoice" || invoice.status !== "finalized") return null;
  const { data } = await api.GET("/v1/customers/{id}/balance", {
    params: { path: { id: invoice.customer_id } },
  });
  return data.open_invoices.find((o) => o.invoice_id === invoice.id)?.due ?? "0";
}

type Invoice = Data<operations["invoices.get"]>;

export function InvoicePage({ api, params }: PageProps): JSX.Element {
  const id = params[0]!;
  const [loaded, reload] = useAsync(async () => {
    const invoice = (await api.GET("/v1/invoices/{id}", { params: { path: { id } } })).data;
    return { invoice, due: await invoiceDue(api, invoice) };
  }, [id]);
  const [pdf, setPdf] = useState<string | null>(null);
  return (
    <Show value={loaded}>
      {({ invoice: i, due }) => (
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
            {due !== null && (
              <>
                <dt>Still owed</dt>
                <dd>{owes(due) ? formatMoney(due, i.currency) : "nothing"}</dd>
              </>
            )}
          </dl>
          {due !== null && (
            <CollectInvoice api={api} invoiceId={i.id} owes={owes(due)} done={reload} />
          )}
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

/** Whether a decimal amount is more than zero. */
const owes = (amount: string) => !amount.startsWith("-") && /[1-9]/.test(amount);

/**
 * Charges an issued invoice's open amount through the customer's primary, then backup, source.
 * The button shows while the invoice owes; the outcome stays after it is paid.
 */
function CollectInvoice(props: {
  api: PageProps["api"];
  invoiceId: string;
  owes: boolean;
  done: () => void;
}): JSX.Element {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{
    payment: CollectedPayment;
    sources: PaymentSource[];
  } | null>(null);
  return (
    <div class="collect">
      {props.owes && (
        <button
          type="button"
          class="primary"
          disabled={busy}
          aria-busy={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            setResult(null);
            try {
              const { data: payment } = await props.api.POST("/v1/invoices/{id}/collect_payment", {
                params: { path: { id: props.invoiceId } },
                body: {},
              });
              // the source's name for the message (a deleted one is listed too)
              const sources = await props.api
                .GET("/v1/customers/{id}/payment_sources", {
                  params: {
                    path: { id: payment.customer_id },
                    query: { limit: 100, include_deleted: true },
                  },
                })
                .then(
                  ({ data }) => data.data,
                  () => [],
                );
              setResult({ payment, sources });
              props.done();
            } catch (err) {
              setError(err);
            } finally {
              setBusy(false);
            }
          }}
        >
          Collect now
        </button>
      )}
      {result && (
        <p role="status" class={result.payment.status === "failed" ? "error" : undefined}>
          {describeCollected(result.payment, result.sources)}
        </p>
      )}
      {error !== null && <ErrorNote error={error} />}
    </div>
  );
}
