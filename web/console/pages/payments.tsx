/** Payments, refunds and write-offs. */
import type { JSX } from "preact";
import { formatDate, formatMoney } from "../../shared/format.js";
import { type Column, StatusBadge, Table } from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { CustomerFilter, CustomerLink, listOrderOf, Paged, setListOrder } from "./shared.js";

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

export function PaymentsPage({ api, query }: PageProps): JSX.Element {
  const customer = query.get("customer") ?? "";
  const { sort, order } = listOrderOf(query, PAYMENT_SORTS, "asc");
  return (
    <>
      <h1>Payments</h1>
      <CustomerFilter path="/payments" query={query} what="payments" />
      <Paged
        caption="Payments, refunds and write-offs"
        load={async (cursor) =>
          (
            await api.GET("/v1/payments", {
              params: {
                query: {
                  limit: 25,
                  sort,
                  order,
                  ...(cursor ? { cursor } : {}),
                  ...(customer ? { customer_id: customer } : {}),
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
