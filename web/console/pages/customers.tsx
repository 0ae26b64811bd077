/**
 * Customers: the list (with search) and one customer's page with its balance, payment sources,
 * account hierarchy, contacts, promotional credits, contracts, documents, payments and the
 * messages mailed to it.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { components, operations } from "../../../sdk/src/client.js";
import { formatDate, formatDateTime, formatMoney } from "../../shared/format.js";
import {
  ActionButton,
  Field,
  Show,
  StatusBadge,
  SubmissionOutcome,
  Table,
  useAsync,
  useSubmit,
} from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { CreateCustomer, SignUp } from "./customer-forms.js";
import { HierarchySection, loadHierarchy } from "./hierarchy.js";
import { InvoiceTable } from "./invoices.js";
import { MessageLog } from "./messages.js";
import {
  owedPerCurrency,
  PAYMENT_SOURCES_PAGE,
  PaymentSources,
  RecordExcessPayment,
} from "./payment-sources.js";
import { PaymentTable } from "./payments.js";
import { CustomerQuotes, QuoteSubscription } from "./quotes.js";
import { link, listOrderOf, Named, Paged, setListOrder } from "./shared.js";

/** Most contacts a customer may have (the API's limit), so one page lists them all. */
const MAX_CONTACTS = 50;
/** How many of the newest ledger entries the page shows. */
const LEDGER_ENTRIES = 50;

type Contact = components["schemas"]["CustomerContact"];
type Credits =
  operations["promotional_credits.list"]["responses"][200]["content"]["application/json"];

/** The API's orders of the customers list (`sort`), the default (by creation) first. */
const CUSTOMER_SORTS = ["created", "name", "email"] as const;

export function CustomersPage({ api, query }: PageProps): JSX.Element {
  const q = query.get("q") ?? "";
  const { sort, order } = listOrderOf(query, CUSTOMER_SORTS, "asc");
  return (
    <>
      <h1>Customers</h1>
      {q && <p>Search results for “{q}”.</p>}
      <Paged
        caption="Customers"
        counted={{ one: "customer", many: "customers" }}
        deps={[q]}
        empty={q ? "No customer matches." : "No customers yet."}
        load={async (cursor) =>
          (
            await api.GET("/v1/customers", {
              params: {
                query: {
                  limit: 25,
                  sort,
                  order,
                  include_total: true,
                  ...(cursor ? { cursor } : {}),
                  ...(q ? { q } : {}),
                },
              },
            })
          ).data
        }
        columns={[
          {
            header: "Name",
            cell: (c) => (
              <Named name={c.display_name || c.id} id={c.id} href={`#/customers/${c.id}`} />
            ),
            sortKey: "name",
          },
          { header: "E-mail", cell: (c) => c.email ?? "—", sortKey: "email" },
          { header: "External id", cell: (c) => c.external_id ?? "—" },
          { header: "Created", cell: (c) => formatDate(c.created_at), sortKey: "created" },
        ]}
        sortedBy={{ key: sort, order }}
        onSort={(next) =>
          setListOrder("/customers", query, { sort: next.key, order: next.order }, "asc")
        }
      />
      <CreateCustomer api={api} />
    </>
  );
}

export function CustomerPage({ api, params }: PageProps): JSX.Element {
  const id = params[0]!;
  const [data, reload] = useAsync(async () => {
    const [
      customer,
      balance,
      sources,
      hierarchy,
      contacts,
      credits,
      contracts,
      invoices,
      payments,
    ] = await Promise.all([
      api.GET("/v1/customers/{id}", { params: { path: { id } } }),
      api.GET("/v1/customers/{id}/balance", { params: { path: { id } } }),
      api.GET("/v1/customers/{id}/payment_sources", {
        params: { path: { id }, query: { limit: PAYMENT_SOURCES_PAGE } },
      }),
      loadHierarchy(api, id),
      api.GET("/v1/customers/{id}/contacts", {
        params: { path: { id }, query: { limit: MAX_CONTACTS } },
      }),
      api.GET("/v1/customers/{id}/promotional_credits", {
        params: { path: { id }, query: { limit: LEDGER_ENTRIES } },
      }),
      api.GET("/v1/contracts", { params: { query: { customer_id: id, limit: 50 } } }),
      api.GET("/v1/invoices", { params: { query: { customer_id: id, limit: 50 } } }),
      api.GET("/v1/payments", { params: { query: { customer_id: id, limit: 50 } } }),
    ]);
    return {
      customer: customer.data,
      balance: balance.data,
      sources: sources.data,
      hierarchy,
      contacts: contacts.data.data,
      credits: credits.data,
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
          <RecordExcessPayment
            api={api}
            customerId={id}
            currency={d.contracts[0]?.currency ?? d.balance.balances[0]?.currency ?? "EUR"}
            done={reload}
          />
          <h2>Payment sources</h2>
          <PaymentSources
            api={api}
            customerId={id}
            sources={d.sources.data}
            more={d.sources.has_more}
            owed={owedPerCurrency(d.balance.open_invoices)}
            done={reload}
          />
          <h2>Account hierarchy</h2>
          <HierarchySection
            api={api}
            customerId={id}
            customerName={d.customer.display_name || d.customer.id}
            hierarchy={d.hierarchy}
            done={reload}
          />
          <h2>Contacts</h2>
          <ContactTable api={api} customerId={id} rows={d.contacts} done={reload} />
          <AddContact api={api} customerId={id} done={reload} />
          <h2>Promotional credits</h2>
          <PromotionalCredits
            api={api}
            customerId={id}
            credits={d.credits}
            currency={
              d.credits.balances[0]?.currency ??
              d.contracts[0]?.currency ??
              d.balance.balances[0]?.currency ??
              "EUR"
            }
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
          <SignUp api={api} customerId={id} done={reload} />
          <h2>Quotes</h2>
          <CustomerQuotes api={api} customerId={id} />
          <QuoteSubscription api={api} customerId={id} />
          <h2>Invoices and credit notes</h2>
          <InvoiceTable rows={d.invoices} />
          <h2>Payments</h2>
          <PaymentTable rows={d.payments} />
          <MessageLog api={api} customerId={id} />
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
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="record-payment"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/payments", {
          body: {
            customer_id: props.customerId,
            amount: amount.trim(),
            currency: currency.trim().toUpperCase(),
            method: "offline",
            ...(reference.trim() ? { reference: reference.trim() } : {}),
          },
        });
        form.say(
          `Recorded ${formatMoney(data.amount, data.currency)}; ${data.allocations.length} invoice(s) settled.`,
        );
        setAmount("");
        setReference("");
        props.done();
      })}
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
      <SubmissionOutcome form={form} />
    </form>
  );
}

/** What a contact receives, in words: its e-mail flags, or that it receives nothing. */
function contactFlags(c: Contact): string {
  if (!c.enabled) return "disabled";
  const flags = [
    ...(c.send_billing_email ? ["billing e-mails"] : []),
    ...(c.send_account_email ? ["account e-mails"] : []),
  ];
  return flags.length > 0 ? flags.join(", ") : "enabled, no e-mails chosen";
}

function ContactTable(props: {
  api: PageProps["api"];
  customerId: string;
  rows: readonly Contact[];
  done: () => void;
}): JSX.Element {
  return (
    <Table
      caption="Contacts"
      hideCaption
      rows={props.rows}
      empty="No contacts."
      columns={[
        {
          header: "Name",
          cell: (c) => [c.first_name, c.last_name].filter(Boolean).join(" ") || "—",
        },
        { header: "E-mail", cell: (c) => c.email },
        { header: "Phone", cell: (c) => c.phone ?? "—" },
        { header: "Label", cell: (c) => c.label ?? "—" },
        { header: "Receives", cell: contactFlags },
        {
          header: "Actions",
          cell: (c) => (
            <ActionButton
              kind="danger"
              label={`Delete contact ${c.email}`}
              run={() =>
                props.api.DELETE("/v1/customers/{id}/contacts/{contact_id}", {
                  params: { path: { id: props.customerId, contact_id: c.id } },
                })
              }
              done={props.done}
            />
          ),
        },
      ]}
    />
  );
}

/** A labelled checkbox, for the contact form's flags. */
function Check(props: {
  label: string;
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}): JSX.Element {
  const id = `field-${props.name}`;
  return (
    <div class="radio">
      <input
        id={id}
        name={props.name}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)}
      />{" "}
      <label for={id}>{props.label}</label>
    </div>
  );
}

function AddContact(props: {
  api: PageProps["api"];
  customerId: string;
  done: () => void;
}): JSX.Element {
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [label, setLabel] = useState("");
  const [billing, setBilling] = useState(true);
  const [account, setAccount] = useState(false);
  const [enabled, setEnabled] = useState(true);
  const form = useSubmit();
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  return (
    <form
      class="inline-form"
      aria-labelledby="add-contact"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/customers/{id}/contacts", {
          params: { path: { id: props.customerId } },
          body: {
            email: email.trim(),
            first_name: optional(firstName),
            last_name: optional(lastName),
            phone: optional(phone),
            label: optional(label),
            send_billing_email: billing,
            send_account_email: account,
            enabled,
          },
        });
        form.say(`Added contact ${data.email}.`);
        setFirstName("");
        setLastName("");
        setEmail("");
        setPhone("");
        setLabel("");
        props.done();
      })}
    >
      <h3 id="add-contact">Add a contact</h3>
      <Field
        label="First name"
        name="contact-first-name"
        value={firstName}
        onInput={setFirstName}
      />
      <Field label="Last name" name="contact-last-name" value={lastName} onInput={setLastName} />
      <Field
        label="E-mail"
        name="contact-email"
        type="email"
        value={email}
        onInput={setEmail}
        required
      />
      <Field label="Phone" name="contact-phone" type="tel" value={phone} onInput={setPhone} />
      <Field
        label="Label"
        name="contact-label"
        value={label}
        onInput={setLabel}
        hint="e.g. accounting"
      />
      <Check
        label="Receives billing e-mails"
        name="contact-billing"
        checked={billing}
        onChange={setBilling}
      />
      <Check
        label="Receives account e-mails"
        name="contact-account"
        checked={account}
        onChange={setAccount}
      />
      <Check label="Enabled" name="contact-enabled" checked={enabled} onChange={setEnabled} />
      <button type="submit" class="primary">
        Add contact
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}

function PromotionalCredits(props: {
  api: PageProps["api"];
  customerId: string;
  credits: Credits;
  currency: string;
  done: () => void;
}): JSX.Element {
  const { credits } = props;
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState(props.currency);
  const [description, setDescription] = useState("");
  const form = useSubmit();
  return (
    <>
      <Table
        caption="Promotional credit balance per currency"
        hideCaption
        rows={credits.balances}
        empty="No promotional credits."
        columns={[
          { header: "Currency", cell: (b) => b.currency },
          {
            header: "Credit balance",
            cell: (b) => formatMoney(b.balance, b.currency),
            numeric: true,
          },
        ]}
      />
      {credits.data.length > 0 && (
        <Table
          caption={
            credits.has_more
              ? `Promotional credit ledger (newest ${LEDGER_ENTRIES} entries)`
              : "Promotional credit ledger"
          }
          rows={credits.data}
          columns={[
            { header: "Date", cell: (e) => formatDateTime(e.created_at) },
            { header: "Kind", cell: (e) => e.kind },
            { header: "Amount", cell: (e) => formatMoney(e.amount, e.currency), numeric: true },
            {
              header: "Balance after",
              cell: (e) => formatMoney(e.balance_after, e.currency),
              numeric: true,
            },
            {
              header: "Description",
              cell: (e) =>
                e.kind === "applied" && e.reference
                  ? link(`#/invoices/${e.reference}`, e.description ?? e.reference)
                  : [e.description ?? "—", e.reference ? ` (${e.reference})` : ""].join(""),
            },
          ]}
        />
      )}
      <form
        class="inline-form"
        aria-labelledby="change-credits"
        onSubmit={form.submit(async (e) => {
          const action =
            (e.submitter as HTMLButtonElement | null)?.value === "deduct" ? "deduct" : "add";
          const request = {
            params: { path: { id: props.customerId } },
            body: {
              amount: amount.trim(),
              currency: currency.trim().toUpperCase(),
              description: description.trim(),
            },
          };
          const { data } =
            action === "add"
              ? await props.api.POST("/v1/customers/{id}/promotional_credits/add", request)
              : await props.api.POST("/v1/customers/{id}/promotional_credits/deduct", request);
          form.say(
            `${action === "add" ? "Added" : "Deducted"} ${formatMoney(
              data.entry.amount.replace(/^-/, ""),
              data.currency,
            )}; the balance is ${formatMoney(data.balance, data.currency)}.`,
          );
          setAmount("");
          setDescription("");
          props.done();
        })}
      >
        <h3 id="change-credits">Add or deduct credits</h3>
        <Field
          label="Credits"
          name="credit-amount"
          value={amount}
          onInput={setAmount}
          required
          hint="e.g. 25.00"
        />
        <Field
          label="Credit currency"
          name="credit-currency"
          value={currency}
          onInput={setCurrency}
          required
        />
        <Field
          label="Description"
          name="credit-description"
          value={description}
          onInput={setDescription}
          required
          hint="Why, kept on the ledger entry"
        />
        <button type="submit" class="primary" name="action" value="add">
          Add credits
        </button>{" "}
        <button type="submit" name="action" value="deduct">
          Deduct credits
        </button>
        <SubmissionOutcome form={form} />
      </form>
    </>
  );
}
