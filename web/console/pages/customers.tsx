/**
 * Customers: the list (with search) and one customer's page with its balance, contracts,
 * documents and payments.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { formatDate, formatMoney } from "../../shared/format.js";
import { ErrorNote, Field, Show, StatusBadge, Table, useAsync } from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { InvoiceTable } from "./invoices.js";
import { PaymentTable } from "./payments.js";
import { link, Paged } from "./shared.js";

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
