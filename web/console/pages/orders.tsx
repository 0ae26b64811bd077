/** Orders: the list, approving or declining the ones that wait for approval. */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { formatDate } from "../../shared/format.js";
import { ActionButton, SelectField, StatusBadge } from "../../shared/ui.js";
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

/** The API's orders of the orders list (`sort`), the default (by creation) first. */
const ORDER_SORTS = ["created", "updated"] as const;

type OrderStatus = "in_progress" | "approval_pending" | "succeeded" | "declined";
const ORDER_STATUSES: readonly (readonly [OrderStatus | "", string])[] = [
  ["", "Any status"],
  ["in_progress", "in progress (not committed)"],
  ["approval_pending", "awaiting approval"],
  ["succeeded", "succeeded"],
  ["declined", "declined"],
];

export function OrdersPage({ api, query }: PageProps): JSX.Element {
  const customer = query.get("customer") ?? "";
  const given = query.get("status") ?? "";
  const status = ORDER_STATUSES.some(([s]) => s === given) ? (given as OrderStatus | "") : "";
  const from = dayOf(query.get("from"));
  const to = dayOf(query.get("to"));
  const { sort, order } = listOrderOf(query, ORDER_SORTS, "asc");
  const [round, setRound] = useState(0);
  return (
    <>
      <h1>Orders</h1>
      <div class="filters">
        <SelectField
          label="Status"
          name="order-status"
          value={status}
          options={ORDER_STATUSES}
          onChange={(value) => setFilter("/orders", query, "status", value)}
        />
      </div>
      <DateFilter
        path="/orders"
        query={query}
        from={from}
        to={to}
        label="Created"
        what="orders by the day created (UTC)"
      />
      <CustomerFilter path="/orders" query={query} what="orders" />
      <Paged
        caption="Orders"
        counted={{ one: "order", many: "orders" }}
        empty={status || customer || from || to ? "No orders match." : undefined}
        deps={[round]}
        load={async (cursor) =>
          (
            await api.GET("/v1/orders", {
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
        columns={[
          { header: "Order", cell: (o) => <code>{o.id}</code> },
          { header: "Type", cell: (o) => o.type },
          { header: "Customer", cell: (o) => <CustomerLink id={o.customer_id} /> },
          { header: "Status", cell: (o) => <StatusBadge status={o.status} /> },
          { header: "Created", cell: (o) => formatDate(o.created_at), sortKey: "created" },
          { header: "Updated", cell: (o) => formatDate(o.updated_at), sortKey: "updated" },
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
        sortedBy={{ key: sort, order }}
        onSort={(next) =>
          setListOrder("/orders", query, { sort: next.key, order: next.order }, "asc")
        }
      />
    </>
  );
}
