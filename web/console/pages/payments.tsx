/** Payments, refunds and write-offs. */
import type { JSX } from "preact";
import { formatDate, formatMoney } from "../../shared/format.js";
import { type Column, SelectField, StatusBadge, Table } from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import {
  CustomerFilter,
  CustomerLink,
  DateFilter,
  dayOf,
  listOrderOf,
  Paged,
  setFilter,
  setListOrder,
} from "./shared.js";

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
  { header: "Received", cell: (p) => formatDate(p.received_at), sortKey: "received" },
  { header: "Customer", cell: (p) => <CustomerLink id={p.customer_id} /> },
  { header: "Kind", cell: (p) => `${p.kind} (${p.method})` },
  { header: "Status", cell: (p) => <StatusBadge status={p.status} /> },
  {
    header: "Amount",
    cell: (p) => formatMoney(p.amount, p.currency),
    numeric: true,
    sortKey: "amount",
  },
  { header: "Failure", cell: (p) => p.failure?.message ?? "—" },
];

export function PaymentTable(props: { rows: PaymentRow[] }): JSX.Element {
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

/** The API's orders of the payments list (`sort`), the default (by creation) first. */
const PAYMENT_SORTS = ["created", "amount", "received"] as const;

type PaymentStatus =
  | "succeeded"
  | "failed"
  | "pending"
  | "requires_action"
  | "authorized"
  | "voided";
const PAYMENT_STATUSES: readonly (readonly [PaymentStatus | "", string])[] = [
  ["", "Any status"],
  ["succeeded", "succeeded"],
  ["failed", "failed"],
  ["pending", "pending"],
  ["requires_action", "waiting for the customer (requires_action)"],
  ["authorized", "authorized"],
  ["voided", "voided"],
];

export function PaymentsPage({ api, query }: PageProps): JSX.Element {
  const customer = query.get("customer") ?? "";
  const given = query.get("status") ?? "";
  const status = PAYMENT_STATUSES.some(([s]) => s === given) ? (given as PaymentStatus | "") : "";
  const from = dayOf(query.get("from"));
  const to = dayOf(query.get("to"));
  const { sort, order } = listOrderOf(query, PAYMENT_SORTS, "asc");
  return (
    <>
      <h1>Payments</h1>
      <div class="filters">
        <SelectField
          label="Status"
          name="payment-status"
          value={status}
          options={PAYMENT_STATUSES}
          onChange={(value) => setFilter("/payments", query, "status", value)}
        />
      </div>
      <DateFilter
        path="/payments"
        query={query}
        from={from}
        to={to}
        label="Received"
        what="payments by the day received (UTC)"
      />
      <CustomerFilter path="/payments" query={query} what="payments" />
      <Paged
        caption="Payments, refunds and write-offs"
        counted={{ one: "payment", many: "payments" }}
        empty={status || customer || from || to ? "No payments match." : undefined}
        load={async (cursor) =>
          (
            await api.GET("/v1/payments", {
              params: {
                query: {
                  limit: 25,
                  sort,
                  order,
                  include_total: true,
                  ...(cursor ? { cursor } : {}),
                  ...(status ? { status } : {}),
                  ...(customer ? { customer_id: customer } : {}),
                  ...(from ? { received_from: from } : {}),
                  ...(to ? { received_to: to } : {}),
                },
              },
            })
          ).data
        }
        columns={paymentColumns}
        sortedBy={sort === "created" ? null : { key: sort, order }}
        onSort={(next) =>
          setListOrder("/payments", query, { sort: next.key, order: next.order }, "asc")
        }
      />
    </>
  );
}
