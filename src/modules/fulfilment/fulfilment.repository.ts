/**
 * Storage of fulfilment orders, their lines and each tenant's order-number sequence. Every
 * query is tenant-scoped.
 */
import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type { DB, FulfilmentOrderLinesTable, FulfilmentOrdersTable } from "../../storage/schema.js";

export type OrderRow = Selectable<FulfilmentOrdersTable>;
export type OrderLineRow = Selectable<FulfilmentOrderLinesTable>;
export type NewOrderRow = Insertable<FulfilmentOrdersTable>;
export type NewOrderLineRow = Insertable<FulfilmentOrderLinesTable>;
export type OrderPatch = Updateable<FulfilmentOrdersTable>;

export type OrderFilter = {
  limit: number;
  cursor?: string | undefined;
  invoiceId?: string | undefined;
  customerId?: string | undefined;
  status?: OrderRow["status"] | undefined;
};

/** Writes an order and its lines. */
export async function insertOrder(
  db: Kysely<DB>,
  order: NewOrderRow,
  lines: readonly NewOrderLineRow[],
): Promise<void> {
  await db.insertInto("fulfilment_orders").values(order).execute();
  if (lines.length > 0) await db.insertInto("fulfilment_order_lines").values(lines).execute();
}

export async function findOrder(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<OrderRow | undefined> {
  let q = db
    .selectFrom("fulfilment_orders")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The lines of the orders, in order and position. */
export async function linesOfOrders(
  db: Kysely<DB>,
  tenantId: string,
  orderIds: readonly string[],
): Promise<OrderLineRow[]> {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom("fulfilment_order_lines")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("order_id", "in", orderIds)
    .orderBy("order_id")
    .orderBy("position")
    .execute();
}

/** Orders after `cursor` by id, oldest first, at most `limit`. */
export function listOrderRows(
  db: Kysely<DB>,
  tenantId: string,
  f: OrderFilter,
): Promise<OrderRow[]> {
  let q = db.selectFrom("fulfilment_orders").selectAll().where("tenant_id", "=", tenantId);
  if (f.invoiceId) q = q.where("invoice_id", "=", f.invoiceId);
  if (f.customerId) q = q.where("customer_id", "=", f.customerId);
  if (f.status) q = q.where("status", "=", f.status);
  if (f.cursor) q = q.where("id", ">", f.cursor);
  return q.orderBy("id").limit(f.limit).execute();
}

export async function updateOrder(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  patch: OrderPatch,
): Promise<OrderRow> {
  return db
    .updateTable("fulfilment_orders")
    .set(patch)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteOrderRow(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  await db
    .deleteFrom("fulfilment_order_lines")
    .where("tenant_id", "=", tenantId)
    .where("order_id", "=", id)
    .execute();
  await db
    .deleteFrom("fulfilment_orders")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}

/** The id of the tenant's order with this number, if any. */
export async function orderNumbered(
  db: Kysely<DB>,
  tenantId: string,
  number: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("fulfilment_orders")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("number", "=", number)
    .executeTakeFirst();
  return row?.id;
}

/** The next value of the tenant's order-number sequence (1 first); the row stays locked. */
export async function nextSequenceValue(db: Kysely<DB>, tenantId: string): Promise<bigint> {
  const row = await db
    .insertInto("fulfilment_order_sequences")
    .values({ tenant_id: tenantId, last_value: 1n })
    .onConflict((oc) =>
      oc
        .column("tenant_id")
        .doUpdateSet({ last_value: sql`fulfilment_order_sequences.last_value + 1` }),
    )
    .returning("last_value")
    .executeTakeFirstOrThrow();
  return BigInt(row.last_value);
}

/**
 * The quantity of each invoice line that the invoice's live orders ship: orders not cancelled
 * and not resends (a resend ships the same goods again), `exceptOrderId` left out.
 */
export async function shippedQuantities(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
  exceptOrderId?: string,
): Promise<{ invoice_line_id: string; quantity: string }[]> {
  let q = db
    .selectFrom("fulfilment_order_lines as l")
    .innerJoin("fulfilment_orders as o", (j) =>
      j.onRef("o.id", "=", "l.order_id").onRef("o.tenant_id", "=", "l.tenant_id"),
    )
    .select(["l.invoice_line_id", sql<string>`sum(l.quantity)::text`.as("quantity")])
    .where("o.tenant_id", "=", tenantId)
    .where("o.invoice_id", "=", invoiceId)
    .where("o.status", "<>", "cancelled")
    .where("o.resent_from", "is", null);
  if (exceptOrderId) q = q.where("o.id", "<>", exceptOrderId);
  return q.groupBy("l.invoice_line_id").execute();
}

/** The id of a live (not cancelled) resend of the order, if any. */
export async function liveResendOf(
  db: Kysely<DB>,
  tenantId: string,
  orderId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("fulfilment_orders")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("resent_from", "=", orderId)
    .where("status", "<>", "cancelled")
    .executeTakeFirst();
  return row?.id;
}

/** Moves a merged customer's orders to the customer it was merged into; how many moved. */
export async function reassignFulfilmentOrders(
  db: Kysely<DB>,
  tenantId: string,
  fromCustomerId: string,
  toCustomerId: string,
): Promise<number> {
  const result = await db
    .updateTable("fulfilment_orders")
    .set({ customer_id: toCustomerId })
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", fromCustomerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
