/**
 * Invoices and credit notes: the lists (filtered by status, issue date and customer, counted)
 * and one document's page: its lines, totals, what paid and credited it, what it still owes,
 * and what an operator does with it (download, send, record a payment, credit, void).
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { Data, operations } from "../../../sdk/src/client.js";
import { formatDate, formatDateTime, formatMoney } from "../../shared/format.js";
import {
  ActionButton,
  type Column,
  ErrorNote,
  Field,
  SelectField,
  Show,
  StatusBadge,
  saveAs,
  Table,
  useAsync,
} from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { type CollectedPayment, describeCollected, type PaymentSource } from "./payment-sources.js";
import {
  Confirmed,
  CustomerFilter,
  CustomerLink,
  DateFilter,
  dayOf,
  link,
  listOrderOf,
  OptionalFact,
  Paged,
  setFilter,
  setListOrder,
} from "./shared.js";

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
  {
    header: "Number",
    cell: (i) => link(`#/invoices/${i.id}`, i.number ?? `draft ${i.id}`),
    sortKey: "number",
  },
  { header: "Kind", cell: (i) => (i.kind === "invoice" ? "invoice" : "credit note") },
  {
    header: "Customer",
    cell: (i) => <CustomerLink id={i.customer_id} name={i.recipient?.name || null} />,
  },
  { header: "Issued", cell: (i) => formatDate(i.issue_date), sortKey: "issue_date" },
  { header: "Status", cell: (i) => <StatusBadge status={i.status} /> },
  {
    header: "Total",
    cell: (i) => formatMoney(i.total_gross, i.currency),
    numeric: true,
    sortKey: "total",
  },
];

type DocumentStatus = "draft" | "finalized" | "void";
const STATUSES: readonly (readonly [DocumentStatus | "", string])[] = [
  ["", "Any status"],
  ["draft", "draft"],
  ["finalized", "issued (finalized)"],
  ["void", "void"],
];

/** The API's orders of the list (`sort`), the default (by creation) first. */
type DocumentSort = "created" | "issue_date" | "total" | "number";
const SORTS: readonly DocumentSort[] = ["created", "issue_date", "total", "number"];

/** Each order of the list as `sort:order`, with its name: the headers choose the same ones. */
const ORDERS: readonly (readonly [string, string])[] = [
  ["created:desc", "newest first"],
  ["created:asc", "oldest first"],
  ["issue_date:desc", "issue date, latest first"],
  ["issue_date:asc", "issue date, earliest first"],
  ["total:desc", "total, highest first"],
  ["total:asc", "total, lowest first"],
  ["number:desc", "number, descending"],
  ["number:asc", "number, ascending"],
];

/** The list's order as the page's address gives it: newest first unless told otherwise. */
const orderOf = (query: URLSearchParams) => listOrderOf(query, SORTS, "desc");

/** Shows the list in another order: its address keeps the filters, paging starts again. */
const setOrder = (path: string, query: URLSearchParams, sort: string, order: string) =>
  setListOrder(path, query, { sort, order }, "desc");

export function InvoicesPage({ api, query }: PageProps): JSX.Element {
  const kind = location.hash.startsWith("#/credit-notes") ? "credit_note" : "invoice";
  const path = kind === "invoice" ? "/invoices" : "/credit-notes";
  const what = kind === "invoice" ? "invoices" : "credit notes";
  const customer = query.get("customer") ?? "";
  const given = query.get("status") ?? "";
  const status = STATUSES.some(([s]) => s === given) ? (given as DocumentStatus | "") : "";
  const from = dayOf(query.get("from"));
  const to = dayOf(query.get("to"));
  const { sort, order } = orderOf(query);
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
        <SelectField
          label="Order"
          name="document-order"
          value={`${sort}:${order}`}
          options={ORDERS}
          onChange={(value) => {
            const [by = "created", direction = "desc"] = value.split(":");
            setOrder(path, query, by, direction);
          }}
        />
      </div>
      <DateFilter
        path={path}
        query={query}
        from={from}
        to={to}
        label="Issued"
        what={`${what} by issue date`}
      />
      <CustomerFilter path={path} query={query} what={what} />
      <Paged
        caption={kind === "invoice" ? "Invoices" : "Credit notes"}
        deps={[kind]}
        counted={{ one: kind === "invoice" ? "invoice" : "credit note", many: what }}
        empty={status || customer || from || to ? "No documents match." : undefined}
        load={async (cursor) =>
          (
            await api.GET("/v1/invoices", {
              params: {
                query: {
                  limit: 25,
                  kind,
                  order,
                  ...(sort === "created" ? {} : { sort }),
                  include_total: true,
                  ...(cursor ? { cursor } : {}),
                  ...(status ? { status } : {}),
                  ...(customer ? { customer_id: customer } : {}),
                  ...(from ? { issue_date_from: from } : {}),
                  ...(to ? { issue_date_to: to } : {}),
                },
              },
            })
          ).data
        }
        columns={invoiceColumns}
        sortedBy={sort === "created" ? null : { key: sort, order }}
        onSort={(next) => setOrder(path, query, next.key, next.order)}
      />
    </>
  );
}

type Invoice = Data<operations["invoices.get"]>;
type Collection = Data<operations["invoices.collection"]>;

/** What the invoice page reads: the document, its account and (invoices) its credit notes. */
async function loadInvoice(api: PageProps["api"], id: string) {
  const invoice = (await api.GET("/v1/invoices/{id}", { params: { path: { id } } })).data;
  if (invoice.kind !== "invoice") {
    return { invoice, account: null, creditNotes: [], collection: null };
  }
  const [account, creditNotes, collection] = await Promise.all([
    api.GET("/v1/invoices/{id}/payments", { params: { path: { id } } }).then((r) => r.data),
    api
      .GET("/v1/invoices", {
        params: { query: { corrects_invoice_id: id, kind: "credit_note", limit: 100 } },
      })
      .then((r) => r.data.data),
    invoice.status === "draft"
      ? Promise.resolve(null)
      : api
          .GET("/v1/invoices/{id}/collection", { params: { path: { id } } })
          .then((r): Collection | null => r.data)
          .catch(() => null),
  ]);
  return { invoice, account, creditNotes, collection };
}

const PAYMENT_KINDS: Record<string, string> = {
  payment: "payment",
  refund: "refund",
  write_off: "write-off",
  tax_withheld: "tax withheld",
};

/** Downloads a document's PDF in one click: a signed link is made, then followed. */
function DownloadPdf(props: { api: PageProps["api"]; invoice: Invoice }): JSX.Element {
  const name = `${props.invoice.number ?? props.invoice.id}.pdf`;
  return (
    <ActionButton
      label="Download PDF"
      kind="primary"
      run={async () => {
        const { data } = await props.api.POST("/v1/invoices/{id}/download_link", {
          params: { path: { id: props.invoice.id } },
        });
        saveAs(data.url, name);
      }}
    />
  );
}

const PAID_BY: readonly (readonly [string, string])[] = [
  ["bank_transfer", "bank transfer"],
  ["cash", "cash"],
  ["check", "check"],
  ["card", "card"],
  ["other", "other"],
];

function RecordPayment(props: {
  api: PageProps["api"];
  invoice: Invoice;
  due: string;
  done: () => void;
}): JSX.Element {
  const [amount, setAmount] = useState(props.due);
  const [method, setMethod] = useState("bank_transfer");
  const [reference, setReference] = useState("");
  const { invoice: i } = props;
  return (
    <Confirmed
      label="Record payment"
      says={`Record money received for ${i.number}, outside Accrue. More than it owes (${formatMoney(props.due, i.currency)}) is the customer's credit.`}
      confirm="Record payment"
      done={props.done}
      run={async () => {
        const { data } = await props.api.POST("/v1/invoices/{id}/record_payment", {
          params: { path: { id: i.id } },
          body: {
            amount: amount.trim(),
            payment_method: method as "bank_transfer",
            ...(reference.trim() ? { reference: reference.trim() } : {}),
          },
        });
        return `Recorded a payment of ${formatMoney(data.amount, data.currency)}.`;
      }}
    >
      <Field
        label={`Amount (${i.currency})`}
        name="payment-amount"
        value={amount}
        onInput={setAmount}
        inputMode="decimal"
        required
        pattern="[0-9]+([.][0-9]{1,4})?"
      />
      <SelectField
        label="Paid by"
        name="payment-method"
        value={method}
        options={PAID_BY}
        onChange={setMethod}
      />
      <Field
        label="Reference (optional)"
        name="payment-reference"
        value={reference}
        onInput={setReference}
      />
    </Confirmed>
  );
}

function IssueCreditNote(props: {
  api: PageProps["api"];
  invoice: Invoice;
  done: () => void;
}): JSX.Element {
  const { invoice: i } = props;
  const [whole, setWhole] = useState(true);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [reason, setReason] = useState("");
  return (
    <Confirmed
      label="Issue credit note"
      says={`Issue a credit note for ${i.number}: for the whole invoice, or for amounts of chosen lines.`}
      confirm="Issue credit note"
      done={props.done}
      run={async () => {
        const lines = Object.entries(amounts)
          .filter(([, a]) => a.trim())
          .map(([line_id, a]) => ({ line_id, amount: a.trim() }));
        if (!whole && lines.length === 0) throw new Error("Enter an amount for at least one line.");
        const { data } = await props.api.POST("/v1/invoices/{id}/credit_notes", {
          params: { path: { id: i.id } },
          body: {
            ...(whole ? {} : { lines }),
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          },
        });
        return `Issued credit note ${data.number ?? data.id} of ${formatMoney(data.total_gross.replace(/^-/, ""), data.currency)}.`;
      }}
    >
      <fieldset class="roles">
        <legend>Credit</legend>
        <label>
          <input type="radio" name="credit-scope" checked={whole} onChange={() => setWhole(true)} />{" "}
          the whole invoice ({formatMoney(i.total_gross, i.currency)})
        </label>
        <br />
        <label>
          <input
            type="radio"
            name="credit-scope"
            checked={!whole}
            onChange={() => setWhole(false)}
          />{" "}
          amounts of chosen lines
        </label>
      </fieldset>
      {!whole &&
        i.lines.map((l) => (
          <Field
            key={l.id}
            label={`Credit of “${l.description}” (up to ${formatMoney(l.amount, i.currency)})`}
            name={`credit-${l.id}`}
            value={amounts[l.id] ?? ""}
            onInput={(v) => setAmounts({ ...amounts, [l.id]: v })}
            inputMode="decimal"
            pattern="[0-9]+([.][0-9]{1,4})?"
          />
        ))}
      <Field label="Reason (optional)" name="credit-reason" value={reason} onInput={setReason} />
    </Confirmed>
  );
}

export function InvoicePage({ api, params }: PageProps): JSX.Element {
  const id = params[0]!;
  const [loaded, reload] = useAsync(() => loadInvoice(api, id), [id]);
  return (
    <Show value={loaded}>
      {({ invoice: i, account, creditNotes, collection }) => (
        <>
          <h1>
            {i.kind === "invoice" ? "Invoice" : "Credit note"} {i.number ?? `(draft ${i.id})`}
          </h1>
          <dl class="facts">
            <dt>Customer</dt>
            <dd>
              <CustomerLink id={i.customer_id} name={i.recipient.name || null} />
            </dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={i.status} />
            </dd>
            <dt>Issued</dt>
            <dd>{formatDate(i.issue_date)}</dd>
            <dt>Due</dt>
            <dd>{formatDate(i.due_date)}</dd>
            <OptionalFact
              term="Contract"
              value={i.contract_id}
              show={(c) => link(`#/contracts/${c}`, c)}
            />
            <OptionalFact
              term="Corrects"
              value={i.corrects_invoice_id}
              show={(c) => link(`#/invoices/${c}`, c)}
            />
          </dl>
          {account && i.status !== "draft" && (
            <dl class="totals account" aria-label="Amounts">
              <dt>Total</dt>
              <dd>{formatMoney(account.total, i.currency)}</dd>
              <AccountAmount term="Credited" amount={account.credited} currency={i.currency} />
              <AccountAmount
                term="Promotional credits"
                amount={account.credits_applied}
                currency={i.currency}
              />
              <dt>Amount paid</dt>
              <dd>{formatMoney(account.paid, i.currency)}</dd>
              <AccountAmount
                term="Written off"
                amount={account.written_off}
                currency={i.currency}
              />
              <AccountAmount
                term="Tax withheld"
                amount={account.tax_withheld}
                currency={i.currency}
              />
              <AccountAmount
                term="Credit applied"
                amount={account.credit_applied}
                currency={i.currency}
              />
              <dt>Amount due</dt>
              <dd>
                <strong>{formatMoney(account.due, i.currency)}</strong>
              </dd>
            </dl>
          )}
          <div class="actions">
            {i.status !== "draft" && <DownloadPdf api={api} invoice={i} />}
            {i.status === "finalized" && (
              <Confirmed
                label="Send to customer"
                says={`Send ${i.number} to the customer again, with its PDF: to its billing contacts, else its e-mail address.`}
                confirm="Send"
                done={reload}
                run={async () => {
                  const { data } = await api.POST("/v1/invoices/{id}/send", {
                    params: { path: { id: i.id } },
                  });
                  return `Queued for ${data.messages.map((m) => m.recipient).join(", ")}.`;
                }}
              />
            )}
            {account && i.status === "finalized" && (
              <RecordPayment api={api} invoice={i} due={account.due} done={reload} />
            )}
            {account && i.status === "finalized" && (
              <IssueCreditNote api={api} invoice={i} done={reload} />
            )}
            <Confirmed
              label={i.kind === "invoice" ? "Delete draft" : "Delete draft credit note"}
              kind="danger"
              available={i.status === "draft"}
              says="Delete this draft? It was never issued and has no number; what it billed is billed again by the contract's next settlement."
              confirm="Delete"
              done={() => {
                location.hash = i.kind === "invoice" ? "#/invoices" : "#/credit-notes";
              }}
              run={async () => {
                if (i.kind === "invoice") {
                  await api.DELETE("/v1/invoices/{id}", { params: { path: { id: i.id } } });
                } else {
                  await api.DELETE("/v1/credit_notes/{id}", { params: { path: { id: i.id } } });
                }
                return "The draft is deleted.";
              }}
            />
            <Confirmed
              label={i.kind === "invoice" ? "Void invoice" : "Void credit note"}
              kind="danger"
              available={i.status === "finalized"}
              says={`Void ${i.number}? It stays in the records as void, keeps its number and claims nothing; what it billed is billed again by the contract's next settlement. A document with payments or credit notes is not voided.`}
              confirm="Void"
              done={reload}
              run={async () => {
                const { data } = await api.POST("/v1/invoices/{id}/void", {
                  params: { path: { id: i.id } },
                });
                return `${data.number} is void.`;
              }}
            />
          </div>
          {account && i.status === "finalized" && (
            <CollectInvoice api={api} invoiceId={i.id} owes={owes(account.due)} done={reload} />
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
          {account && (
            <Table
              caption="Payments, refunds and write-offs"
              rows={account.payments}
              empty="Nothing paid yet."
              columns={[
                { header: "Received", cell: (p) => formatDate(p.received_at) },
                { header: "Kind", cell: (p) => PAYMENT_KINDS[p.kind] ?? p.kind },
                {
                  header: "How",
                  cell: (p) => (p.payment_method ?? p.method).replace(/_/g, " "),
                },
                { header: "Reference", cell: (p) => p.reference ?? "—" },
                { header: "Status", cell: (p) => <StatusBadge status={p.status} /> },
                {
                  header: "Amount",
                  cell: (p) => formatMoney(p.amount, p.currency),
                  numeric: true,
                },
                {
                  header: "On this invoice",
                  cell: (p) => formatMoney(p.applied, p.currency),
                  numeric: true,
                },
              ]}
            />
          )}
          {account && i.status !== "draft" && (
            <Table
              caption="Credit notes"
              rows={creditNotes}
              empty="No credit notes."
              columns={[
                {
                  header: "Number",
                  cell: (n) => link(`#/invoices/${n.id}`, n.number ?? `draft ${n.id}`),
                },
                { header: "Issued", cell: (n) => formatDate(n.issue_date) },
                { header: "Status", cell: (n) => <StatusBadge status={n.status} /> },
                {
                  header: "Credits",
                  cell: (n) => formatMoney(n.total_gross.replace(/^-/, ""), n.currency),
                  numeric: true,
                },
              ]}
            />
          )}
          {account && account.credit_notes_applied.length > 0 && (
            <Table
              caption="Credit of other credit notes applied"
              rows={account.credit_notes_applied}
              columns={[
                {
                  header: "Credit note",
                  cell: (c) => link(`#/invoices/${c.credit_note_id}`, c.credit_note_id),
                },
                {
                  header: "Applied",
                  cell: (c) => formatMoney(c.amount, i.currency),
                  numeric: true,
                },
              ]}
            />
          )}
          {collection && collection.attempts.length > 0 && (
            <Table
              caption={`Automatic collection: ${collection.status.replace(/_/g, " ")}`}
              rows={collection.attempts}
              columns={[
                { header: "Attempt", cell: (a) => a.attempt, numeric: true },
                { header: "When", cell: (a) => formatDateTime(a.attempted_at) },
                { header: "Result", cell: (a) => <StatusBadge status={a.status} /> },
                { header: "Next attempt", cell: (a) => formatDateTime(a.next_attempt_at) },
              ]}
            />
          )}
        </>
      )}
    </Show>
  );
}

/** Whether a decimal amount is more than zero. */
const owes = (amount: string) => !amount.startsWith("-") && /[1-9]/.test(amount);

/** An amount of an invoice's account, shown only when there is one (more than zero). */
function AccountAmount(props: { term: string; amount: string; currency: string }) {
  return (
    <OptionalFact
      term={props.term}
      value={owes(props.amount) && props.amount}
      show={(a) => formatMoney(a, props.currency)}
    />
  );
}

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
