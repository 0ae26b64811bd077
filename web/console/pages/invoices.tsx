/** Invoices and credit notes: the lists and one document's page with its lines, totals and PDF. */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { formatDate, formatMoney } from "../../shared/format.js";
import { ActionButton, type Column, Show, StatusBadge, Table, useAsync } from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { link, Paged } from "./shared.js";

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
