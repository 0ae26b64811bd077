/**
 * Quotes: the list (by customer), one quote's page with its priced lines, taxes and totals,
 * its PDF, accepting or declining it, and quoting a subscription from a customer's page
 * (docs/quotes.md).
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { components } from "../../../sdk/src/client.js";
import { formatDate, formatDateTime, formatMoney } from "../../shared/format.js";
import {
  ActionButton,
  Field,
  SelectField,
  Show,
  StatusBadge,
  SubmissionOutcome,
  saveAs,
  Table,
  useAsync,
  useSubmit,
} from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import {
  PlanChoiceInputs,
  planChoiceFields,
  usePlanChoice,
  type VariantOption,
  WithPlanVariants,
} from "./customer-forms.js";
import {
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

type Api = PageProps["api"];
type Quote = components["schemas"]["Quote"];

const TYPES: Record<Quote["type"], string> = {
  subscription: "new subscription",
  change: "change of a contract",
  one_time: "one-time charges",
};

/** The API's orders of the quotes list (`sort`), the default (by creation) first. */
const QUOTE_SORTS = ["created", "valid_until"] as const;

/** The quotes' columns; a `sortKey` header orders a list the API sorts (the quotes list). */
const quoteColumns = [
  {
    header: "Quote",
    cell: (q: Quote) => link(`#/quotes/${q.id}`, q.id),
  },
  { header: "Type", cell: (q: Quote) => TYPES[q.type] },
  { header: "Customer", cell: (q: Quote) => <CustomerLink id={q.customer_id} /> },
  { header: "Status", cell: (q: Quote) => <StatusBadge status={q.status} /> },
  {
    header: "Total",
    cell: (q: Quote) => formatMoney(q.total_gross, q.currency),
    numeric: true,
  },
  {
    header: "Valid until",
    cell: (q: Quote) => formatDate(q.valid_until),
    sortKey: "valid_until",
  },
  { header: "Created", cell: (q: Quote) => formatDate(q.created_at), sortKey: "created" },
] as const;

const QUOTE_STATUSES: readonly (readonly [Quote["status"] | "", string])[] = [
  ["", "Any status"],
  ["open", "open"],
  ["expired", "expired (open, past valid until)"],
  ["accepted", "accepted"],
  ["declined", "declined"],
];

export function QuotesPage({ api, query }: PageProps): JSX.Element {
  const customer = query.get("customer") ?? "";
  const given = query.get("status") ?? "";
  const status = QUOTE_STATUSES.some(([s]) => s === given) ? (given as Quote["status"] | "") : "";
  const from = dayOf(query.get("from"));
  const to = dayOf(query.get("to"));
  const { sort, order } = listOrderOf(query, QUOTE_SORTS, "asc");
  return (
    <>
      <h1>Quotes</h1>
      <p class="muted">
        A quote prices a new subscription, a change of a contract or one-time charges for a customer
        to accept; accepted, it becomes the order or invoice it quoted. Quote a subscription from
        the customer's page.
      </p>
      <div class="filters">
        <SelectField
          label="Status"
          name="quote-status"
          value={status}
          options={QUOTE_STATUSES}
          onChange={(value) => setFilter("/quotes", query, "status", value)}
        />
      </div>
      <DateFilter
        path="/quotes"
        query={query}
        from={from}
        to={to}
        label="Created"
        what="quotes by the day created (UTC)"
      />
      <CustomerFilter path="/quotes" query={query} what="quotes" />
      <Paged
        caption="Quotes"
        counted={{ one: "quote", many: "quotes" }}
        deps={[customer]}
        empty={
          status || from || to
            ? "No quotes match."
            : customer
              ? "This customer has no quotes."
              : "No quotes yet."
        }
        load={async (cursor) =>
          (
            await api.GET("/v1/quotes", {
              params: {
                query: {
                  limit: 25,
                  sort,
                  order,
                  include_total: true,
                  ...(cursor ? { cursor } : {}),
                  ...(status ? { status } : {}),
                  ...(customer ? { customer_id: customer } : {}),
                  ...(from ? { created_from: from } : {}),
                  ...(to ? { created_to: to } : {}),
                },
              },
            })
          ).data
        }
        columns={quoteColumns}
        sortedBy={{ key: sort, order }}
        onSort={(next) =>
          setListOrder("/quotes", query, { sort: next.key, order: next.order }, "asc")
        }
      />
    </>
  );
}

/** A customer's quotes, newest first, on its page. */
export function CustomerQuotes(props: { api: Api; customerId: string }): JSX.Element {
  const [quotes] = useAsync(
    async () =>
      (
        await props.api.GET("/v1/quotes", {
          params: { query: { customer_id: props.customerId, limit: 50, order: "desc" } },
        })
      ).data.data,
    [props.customerId],
  );
  return (
    <Show value={quotes}>
      {(rows) => (
        <Table
          caption="Quotes"
          hideCaption
          rows={rows}
          empty="No quotes."
          columns={quoteColumns.filter((c) => c.header !== "Customer")}
        />
      )}
    </Show>
  );
}

export function QuotePage({ api, params }: PageProps): JSX.Element {
  const id = params[0]!;
  const [quote, reload] = useAsync(
    async () => (await api.GET("/v1/quotes/{id}", { params: { path: { id } } })).data,
    [id],
  );
  return (
    <Show value={quote}>
      {(q) => (
        <>
          <h1>Quote {q.id}</h1>
          <dl class="facts">
            <dt>Customer</dt>
            <dd>
              <CustomerLink id={q.customer_id} />
            </dd>
            <dt>Type</dt>
            <dd>{TYPES[q.type]}</dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={q.status} />
            </dd>
            <dt>Starts</dt>
            <dd>{formatDateTime(q.starts_at)}</dd>
            <dt>Priced as of</dt>
            <dd>{q.priced_on}</dd>
            <dt>Valid until</dt>
            <dd>{formatDateTime(q.valid_until)}</dd>
            <OptionalFact
              term="Contract"
              value={q.contract_id}
              show={(c) => link(`#/contracts/${c}`, c)}
            />
            <OptionalFact
              term="Invoice"
              value={q.invoice_id}
              show={(i) => link(`#/invoices/${i}`, i)}
            />
            <OptionalFact term="Accepted" value={q.accepted_at} show={formatDateTime} />
            <OptionalFact term="Declined" value={q.declined_at} show={formatDateTime} />
          </dl>
          <h2>Lines</h2>
          <Table
            caption={`Lines (${q.price_basis} prices)`}
            hideCaption
            rows={q.lines}
            columns={[
              { header: "Description", cell: (l) => l.description },
              {
                header: "Period",
                cell: (l) => (l.period_start ? `${l.period_start} – ${l.period_end ?? ""}` : "—"),
              },
              { header: "Quantity", cell: (l) => l.quantity, numeric: true },
              {
                header: "Unit price",
                cell: (l) => formatMoney(l.unit_price, q.currency),
                numeric: true,
              },
              { header: "Tax %", cell: (l) => l.tax_rate, numeric: true },
              {
                header: `Amount (${q.price_basis})`,
                cell: (l) => formatMoney(l.amount, q.currency),
                numeric: true,
              },
            ]}
          />
          <dl class="totals">
            <dt>Net</dt>
            <dd>{formatMoney(q.total_net, q.currency)}</dd>
            <dt>Tax{q.reverse_charge ? " (reverse charge)" : ""}</dt>
            <dd>{formatMoney(q.total_tax, q.currency)}</dd>
            <dt>Total</dt>
            <dd>{formatMoney(q.total_gross, q.currency)}</dd>
          </dl>
          <div class="actions">
            <QuotePdf api={api} quote={q} />
            {q.status === "open" && (
              <>
                <ActionButton
                  kind="primary"
                  label="Accept quote"
                  run={() =>
                    api.POST("/v1/quotes/{id}/accept", { params: { path: { id } }, body: {} })
                  }
                  done={reload}
                />
                <ActionButton
                  kind="danger"
                  label="Decline quote"
                  run={() => api.POST("/v1/quotes/{id}/decline", { params: { path: { id } } })}
                  done={reload}
                />
              </>
            )}
          </div>
        </>
      )}
    </Show>
  );
}

/** The quote's PDF in one click: fetched with the console's credential, then saved. */
function QuotePdf(props: { api: Api; quote: Quote }): JSX.Element {
  return (
    <ActionButton
      label="Download PDF"
      run={async () => {
        const { data } = await props.api.GET("/v1/quotes/{id}/pdf", {
          params: { path: { id: props.quote.id } },
          parseAs: "blob",
        });
        // the body as bytes: parseAs "blob" answers a Blob where the schema says a string
        const url = URL.createObjectURL(data as unknown as Blob);
        saveAs(url, `${props.quote.id}.pdf`);
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }}
    />
  );
}

/** Quotes a new subscription for the customer; the quote's page opens. */
export function QuoteSubscription(props: { api: Api; customerId: string }): JSX.Element {
  return (
    <WithPlanVariants api={props.api}>
      {(options) => <QuoteForm {...props} options={options} />}
    </WithPlanVariants>
  );
}

function QuoteForm(props: {
  api: Api;
  customerId: string;
  options: readonly VariantOption[];
}): JSX.Element {
  const [choice, setChoice] = usePlanChoice(props.options);
  const [validUntil, setValidUntil] = useState("");
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="quote-subscription"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/quotes/subscription", {
          body: {
            customer_id: props.customerId,
            ...planChoiceFields(choice),
            ...(validUntil ? { valid_until: `${validUntil}T23:59:59Z` } : {}),
          },
        });
        location.hash = `#/quotes/${data.id}`;
      })}
    >
      <h3 id="quote-subscription">Quote a subscription</h3>
      <PlanChoiceInputs
        prefix="quote"
        options={props.options}
        quantity="whole"
        value={choice}
        onChange={setChoice}
      />
      <Field
        label="Valid until (optional)"
        name="quote-valid-until"
        type="date"
        value={validUntil}
        onInput={setValidUntil}
        hint="Default: 30 days from now"
      />
      <button type="submit" class="primary">
        Create quote
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}
