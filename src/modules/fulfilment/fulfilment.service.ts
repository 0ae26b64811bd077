/**
 * Fulfilment orders: the physical goods an issued invoice ships (Chargebee's orders). An order
 * copies the invoice lines it ships, each with the quantity shipped and its amount; the live
 * orders of an invoice never ship more of a line than the invoice bills (a resend ships the
 * same goods again and is not counted). Its status moves forward as fulfilment.states.ts
 * says; a cancellation or a refund may issue a credit note (src/workflows/fulfilment.ts).
 *
 * Every change locks the order, and checks the transfer rules on its invoice before anything
 * else. Order numbers are unique per tenant: given, or the next of the tenant's sequence.
 */
import type { Static } from "typebox";
import { conflict, notFound, unprocessable } from "../../domain/errors.js";
import type { EventType } from "../../domain/events.js";
import { Dec } from "../../domain/money/decimal.js";
import { fromDecimalString, money, toDecimalString } from "../../domain/money/index.js";
import { newId } from "../../lib/ids.js";
import { type Ctx, nowDate } from "../context.js";
import { findInvoice, getInvoice } from "../invoicing/index.js";
import { fetchPageBatch, type Page } from "../pagination.js";
import {
  deleteOrderRow,
  findOrder,
  insertOrder,
  linesOfOrders,
  listOrderRows,
  liveResendOf,
  type NewOrderLineRow,
  nextSequenceValue,
  type OrderFilter,
  type OrderLineRow,
  type OrderPatch,
  type OrderRow,
  orderNumbered,
  shippedQuantities,
  updateOrder,
} from "./fulfilment.repository.js";
import type {
  CreateFulfilmentOrderBody,
  FulfilmentOrderSchema,
  ImportFulfilmentOrderBody,
  ShippingAddressSchema,
  UpdateFulfilmentOrderBody,
} from "./fulfilment.schemas.js";
import {
  allowsAction,
  canMove,
  type FulfilmentAction,
  type FulfilmentStatus,
  shippedAmount,
} from "./fulfilment.states.js";

/** A fulfilment order as answered; FulfilmentOrderSchema defines it. */
export type FulfilmentOrder = Static<typeof FulfilmentOrderSchema>;
export type CreateFulfilmentOrderInput = Static<typeof CreateFulfilmentOrderBody>;
export type UpdateFulfilmentOrderInput = Static<typeof UpdateFulfilmentOrderBody>;
export type ImportFulfilmentOrderInput = Static<typeof ImportFulfilmentOrderBody>;
type ShippingAddress = Static<typeof ShippingAddressSchema>;

const SUBJECT = "fulfilment_order";

const dec = (minor: bigint | string, currency: string) =>
  toDecimalString(money(BigInt(minor), currency));
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toOrder(r: OrderRow, lines: readonly OrderLineRow[]): FulfilmentOrder {
  return {
    id: r.id,
    number: r.number,
    invoice_id: r.invoice_id,
    customer_id: r.customer_id,
    currency: r.currency,
    status: r.status,
    amount: dec(r.amount, r.currency),
    lines: lines.map((l) => ({
      id: l.id,
      position: l.position,
      invoice_line_id: l.invoice_line_id,
      description: l.description,
      quantity: l.quantity,
      amount: dec(l.amount, r.currency),
    })),
    tracking_id: r.tracking_id,
    tracking_url: r.tracking_url,
    carrier: r.carrier,
    shipping_address: (r.shipping_address as ShippingAddress | null) ?? null,
    notes: r.notes,
    cancellation_reason: r.cancellation_reason,
    cancellation_credit_note_id: r.cancellation_credit_note_id,
    refund_credit_note_id: r.refund_credit_note_id,
    resent_from: r.resent_from,
    imported: r.imported,
    order_date: r.order_date,
    shipped_at: iso(r.shipped_at),
    delivered_at: iso(r.delivered_at),
    cancelled_at: iso(r.cancelled_at),
    status_updated_at: r.status_updated_at.toISOString(),
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  };
}

async function answer(ctx: Ctx, row: OrderRow): Promise<FulfilmentOrder> {
  return toOrder(row, await linesOfOrders(ctx.db, ctx.tenantId, [row.id]));
}

const orderNotFound = (id: string) =>
  notFound("fulfilment_order_not_found", `no fulfilment order ${id}`, { id });

/**
 * The invoice an order ships, locked, with the transfer rules checked on it: the record every
 * fulfilment operation is guarded by.
 */
async function guardedInvoice(ctx: Ctx, invoiceId: string) {
  const invoice = await findInvoice(ctx.db, ctx.tenantId, invoiceId, { forUpdate: true });
  if (!invoice) {
    throw notFound("invoice_not_found", `no invoice ${invoiceId}`, {
      id: invoiceId,
      field: "invoice_id",
    });
  }
  await ctx.guard({ kind: "invoice", row: invoice });
  return invoice;
}

/** An order an operation changes: locked, its invoice checked against the transfer rules. */
export async function lockFulfilmentOrder(ctx: Ctx, id: string): Promise<OrderRow> {
  const row = await findOrder(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!row) throw orderNotFound(id);
  await guardedInvoice(ctx, row.invoice_id);
  return row;
}

/** Refuses `action` on an order whose status does not allow it (409). */
export function assertAction(row: OrderRow, action: FulfilmentAction): void {
  if (!allowsAction(action, row.status)) {
    throw conflict(
      "fulfilment_order_transition_not_allowed",
      `a ${row.status} fulfilment order cannot be ${ACTION_PAST[action]}`,
      { id: row.id, status: row.status, action },
    );
  }
}

const ACTION_PAST: Record<FulfilmentAction, string> = {
  cancel: "cancelled",
  refund: "refunded",
  reopen: "reopened",
  delete: "deleted",
  resend: "resent",
};

// ---- numbers --------------------------------------------------------------------------------------

async function assertNumberFree(ctx: Ctx, number: string): Promise<void> {
  const taken = await orderNumbered(ctx.db, ctx.tenantId, number);
  if (taken) {
    throw conflict("fulfilment_order_number_taken", `order number ${number} is taken`, {
      field: "number",
      number,
      fulfilment_order_id: taken,
    });
  }
}

/** The given number (checked free), or the next free number of the tenant's sequence. */
async function numberFor(ctx: Ctx, given: string | undefined): Promise<string> {
  if (given !== undefined) {
    await assertNumberFree(ctx, given);
    return given;
  }
  for (;;) {
    const next = String(await nextSequenceValue(ctx.db, ctx.tenantId));
    // a number given by hand (or imported) may have taken a value of the sequence
    if (!(await orderNumbered(ctx.db, ctx.tenantId, next))) return next;
  }
}

// ---- lines ----------------------------------------------------------------------------------------

type Shippable = Awaited<ReturnType<typeof shippableInvoice>>;

/** An issued invoice whose goods can be shipped, with its lines (locked and guarded). */
async function shippableInvoice(ctx: Ctx, invoiceId: string) {
  const row = await guardedInvoice(ctx, invoiceId);
  if (row.kind !== "invoice" || row.status !== "finalized") {
    throw unprocessable(
      "invoice_not_shippable",
      "a fulfilment order ships the goods of an issued invoice",
      { field: "invoice_id", id: invoiceId, kind: row.kind, status: row.status },
    );
  }
  const invoice = await getInvoice(ctx, invoiceId);
  return { row, invoice };
}

type LineChoice = { invoice_line_id: string; quantity?: string | undefined };

/**
 * The order's lines: each chosen invoice line (every line with an amount when none is chosen)
 * with the quantity shipped (what is left of it when not given) and its amount. The invoice's
 * live orders (`exceptOrderId` aside) never ship more of a line than the invoice bills.
 */
async function buildLines(
  ctx: Ctx,
  { row, invoice }: Shippable,
  chosen: readonly LineChoice[] | undefined,
  orderId: string,
  options: { exceptOrderId?: string; unchecked?: boolean } = {},
): Promise<{ lines: NewOrderLineRow[]; amount: bigint }> {
  const currency = row.currency;
  const shipped = new Map(
    (options.unchecked
      ? []
      : await shippedQuantities(ctx.db, ctx.tenantId, row.id, options.exceptOrderId)
    ).map((s) => [s.invoice_line_id, new Dec(s.quantity)]),
  );
  const shippable = invoice.lines.filter(
    (l) => fromDecimalString(l.amount, currency).amount > 0n && new Dec(l.quantity).gt(0),
  );
  const left = (l: (typeof shippable)[number]) =>
    new Dec(l.quantity).minus(shipped.get(l.id) ?? new Dec(0));
  const wanted: LineChoice[] = chosen
    ? [...chosen]
    : shippable.filter((l) => left(l).gt(0)).map((l) => ({ invoice_line_id: l.id }));
  if (wanted.length === 0) {
    throw unprocessable(
      "nothing_to_ship",
      "every line of the invoice is shipped by its orders already",
      { invoice_id: row.id },
    );
  }
  const seen = new Set<string>();
  const lines = wanted.map((w, i): NewOrderLineRow => {
    const field = `lines.${i}`;
    const line = shippable.find((l) => l.id === w.invoice_line_id);
    if (!line) {
      throw unprocessable(
        "unknown_invoice_line",
        `the invoice has no line ${w.invoice_line_id} with goods to ship`,
        { field: `${field}.invoice_line_id` },
      );
    }
    if (seen.has(line.id)) {
      throw unprocessable("duplicate_invoice_line", `line ${line.id} is named twice`, {
        field: `${field}.invoice_line_id`,
      });
    }
    seen.add(line.id);
    const remaining = left(line);
    const quantity = w.quantity === undefined ? remaining : new Dec(w.quantity);
    if (quantity.lte(0) || quantity.gt(remaining)) {
      throw unprocessable(
        "fulfilment_quantity_exceeds_line",
        `line ${line.id} has ${remaining.toFixed()} left to ship (of ${line.quantity})`,
        { field: `${field}.quantity`, remaining: remaining.toFixed() },
      );
    }
    const lineAmount = fromDecimalString(line.amount, currency).amount;
    return {
      id: newId("fulfilmentOrderLine"),
      tenant_id: ctx.tenantId,
      order_id: orderId,
      position: i + 1,
      invoice_line_id: line.id,
      description: line.description,
      quantity: quantity.toFixed(),
      amount: shippedAmount(lineAmount, line.quantity, quantity.toFixed(), currency),
    };
  });
  const amount = lines.reduce((s, l) => s + BigInt(l.amount), 0n);
  return { lines, amount };
}

const detailsOf = (input: {
  tracking_id?: string | null | undefined;
  tracking_url?: string | null | undefined;
  carrier?: string | null | undefined;
  shipping_address?: ShippingAddress | null | undefined;
  notes?: string | null | undefined;
}): OrderPatch => {
  const patch: OrderPatch = {};
  if (input.tracking_id !== undefined) patch.tracking_id = input.tracking_id;
  if (input.tracking_url !== undefined) patch.tracking_url = input.tracking_url;
  if (input.carrier !== undefined) patch.carrier = input.carrier;
  if (input.shipping_address !== undefined) {
    patch.shipping_address =
      input.shipping_address === null ? null : JSON.stringify(input.shipping_address);
  }
  if (input.notes !== undefined) patch.notes = input.notes;
  return patch;
};

const today = (ctx: Ctx) => nowDate(ctx).toISOString().slice(0, 10);

async function announce(
  ctx: Ctx,
  type: EventType,
  before: FulfilmentOrder | null,
  after: FulfilmentOrder,
): Promise<FulfilmentOrder> {
  ctx.audit({ targetType: SUBJECT, targetId: after.id, before, after });
  await ctx.emit({ type, subjectType: SUBJECT, subjectId: after.id, payload: after });
  return after;
}

// ---- operations -----------------------------------------------------------------------------------

/** A new order for goods of an issued invoice; numbered from the sequence unless given. */
export async function createFulfilmentOrder(
  ctx: Ctx,
  input: CreateFulfilmentOrderInput,
): Promise<FulfilmentOrder> {
  const shippable = await shippableInvoice(ctx, input.invoice_id);
  const id = newId("fulfilmentOrder");
  const { lines, amount } = await buildLines(ctx, shippable, input.lines, id);
  const number = input.number === null ? null : await numberFor(ctx, input.number);
  const now = nowDate(ctx);
  await insertOrder(
    ctx.db,
    {
      id,
      tenant_id: ctx.tenantId,
      number,
      invoice_id: shippable.row.id,
      customer_id: shippable.row.customer_id,
      currency: shippable.row.currency,
      status: "new",
      amount,
      ...detailsOf(input),
      order_date: input.order_date ?? today(ctx),
      status_updated_at: now,
      created_at: now,
      updated_at: now,
    } as Parameters<typeof insertOrder>[1],
    lines,
  );
  const row = await findOrder(ctx.db, ctx.tenantId, id);
  return announce(ctx, "fulfilment_order.created", null, await answer(ctx, row!));
}

/** An order another system made, with its own number, status and dates. */
export async function importFulfilmentOrder(
  ctx: Ctx,
  input: ImportFulfilmentOrderInput,
): Promise<FulfilmentOrder> {
  const shippable = await shippableInvoice(ctx, input.invoice_id);
  const cancelled = input.status === "cancelled";
  if (!cancelled && (input.cancelled_at !== undefined || input.cancellation_reason)) {
    throw unprocessable(
      "invalid_fulfilment_import",
      "cancelled_at and cancellation_reason belong to a cancelled order",
      { field: input.cancelled_at !== undefined ? "cancelled_at" : "cancellation_reason" },
    );
  }
  const id = newId("fulfilmentOrder");
  // a cancelled order ships nothing: its lines are not counted against the invoice's
  const { lines, amount } = await buildLines(ctx, shippable, input.lines, id, {
    unchecked: cancelled,
  });
  await assertNumberFree(ctx, input.number);
  const now = nowDate(ctx);
  await insertOrder(
    ctx.db,
    {
      id,
      tenant_id: ctx.tenantId,
      number: input.number,
      invoice_id: shippable.row.id,
      customer_id: shippable.row.customer_id,
      currency: shippable.row.currency,
      status: input.status,
      amount,
      ...detailsOf(input),
      cancellation_reason: cancelled ? (input.cancellation_reason ?? null) : null,
      imported: true,
      order_date: input.order_date,
      shipped_at: input.shipped_at ?? null,
      delivered_at: input.delivered_at ?? null,
      cancelled_at: cancelled ? (input.cancelled_at ?? now) : null,
      status_updated_at: now,
      created_at: now,
      updated_at: now,
    } as Parameters<typeof insertOrder>[1],
    lines,
  );
  const row = await findOrder(ctx.db, ctx.tenantId, id);
  return announce(ctx, "fulfilment_order.imported", null, await answer(ctx, row!));
}

export async function getFulfilmentOrder(ctx: Ctx, id: string): Promise<FulfilmentOrder> {
  const row = await findOrder(ctx.db, ctx.tenantId, id);
  if (!row) throw orderNotFound(id);
  return answer(ctx, row);
}

export async function listFulfilmentOrders(
  ctx: Ctx,
  f: OrderFilter,
): Promise<Page<FulfilmentOrder>> {
  return fetchPageBatch(
    f.limit,
    (limit) => listOrderRows(ctx.db, ctx.tenantId, { ...f, limit }),
    async (rows) => {
      const lines = await linesOfOrders(
        ctx.db,
        ctx.tenantId,
        rows.map((r) => r.id),
      );
      return rows.map((r) =>
        toOrder(
          r,
          lines.filter((l) => l.order_id === r.id),
        ),
      );
    },
  );
}

/** Moves an order on (new → processing → complete/shipped → delivered → returned), or changes its tracking and shipping details. */
export async function updateFulfilmentOrder(
  ctx: Ctx,
  id: string,
  input: UpdateFulfilmentOrderInput,
): Promise<FulfilmentOrder> {
  const row = await lockFulfilmentOrder(ctx, id);
  const before = await answer(ctx, row);
  const patch = detailsOf(input);
  const now = nowDate(ctx);
  const to: FulfilmentStatus = input.status ?? row.status;
  if (!canMove(row.status, to)) {
    throw conflict(
      "fulfilment_order_transition_not_allowed",
      `a ${row.status} fulfilment order cannot become ${to}`,
      { id, status: row.status, to, field: "status" },
    );
  }
  if (to !== row.status) {
    patch.status = to;
    patch.status_updated_at = now;
    if (to === "shipped") patch.shipped_at = now;
    if (to === "delivered") patch.delivered_at = now;
  }
  patch.updated_at = now;
  const after = await answer(ctx, await updateOrder(ctx.db, ctx.tenantId, id, patch));
  return announce(ctx, "fulfilment_order.updated", before, after);
}

/** Gives an order created without a number one: the given one, or the sequence's next. */
export async function assignOrderNumber(
  ctx: Ctx,
  id: string,
  number: string | undefined,
): Promise<FulfilmentOrder> {
  const row = await lockFulfilmentOrder(ctx, id);
  if (row.number !== null) {
    throw conflict("fulfilment_order_number_assigned", `the order is numbered ${row.number}`, {
      id,
      number: row.number,
    });
  }
  const before = await answer(ctx, row);
  const patch: OrderPatch = { number: await numberFor(ctx, number), updated_at: nowDate(ctx) };
  const after = await answer(ctx, await updateOrder(ctx.db, ctx.tenantId, id, patch));
  return announce(ctx, "fulfilment_order.number_assigned", before, after);
}

/** Records a checked cancellation (see src/workflows/fulfilment.ts), with its credit note. */
export async function recordCancellation(
  ctx: Ctx,
  row: OrderRow,
  input: { reason: string; creditNoteId: string | null },
): Promise<FulfilmentOrder> {
  const before = await answer(ctx, row);
  const now = nowDate(ctx);
  const after = await answer(
    ctx,
    await updateOrder(ctx.db, ctx.tenantId, row.id, {
      status: "cancelled",
      cancellation_reason: input.reason,
      cancellation_credit_note_id: input.creditNoteId,
      cancelled_at: now,
      status_updated_at: now,
      updated_at: now,
    }),
  );
  return announce(ctx, "fulfilment_order.cancelled", before, after);
}

/** An order to refund, checked: delivered or returned, and never refunded before. */
export function assertRefundable(row: OrderRow): void {
  assertAction(row, "refund");
  if (row.refund_credit_note_id !== null) {
    throw conflict(
      "fulfilment_order_refunded",
      `a credit note (${row.refund_credit_note_id}) refunds the order already`,
      { id: row.id, credit_note_id: row.refund_credit_note_id },
    );
  }
}

/** Records the refundable credit note issued for an order (src/workflows/fulfilment.ts). */
export async function recordRefund(
  ctx: Ctx,
  row: OrderRow,
  creditNoteId: string,
): Promise<FulfilmentOrder> {
  const before = await answer(ctx, row);
  const after = await answer(
    ctx,
    await updateOrder(ctx.db, ctx.tenantId, row.id, {
      refund_credit_note_id: creditNoteId,
      updated_at: nowDate(ctx),
    }),
  );
  return announce(ctx, "fulfilment_order.refunded", before, after);
}

/** The credit a credit note for the order gives: each line's amount against its invoice line. */
export async function creditOf(
  ctx: Ctx,
  row: OrderRow,
): Promise<{ line_id: string; amount: string }[]> {
  const lines = await linesOfOrders(ctx.db, ctx.tenantId, [row.id]);
  return lines
    .filter((l) => BigInt(l.amount) > 0n)
    .map((l) => ({ line_id: l.invoice_line_id, amount: dec(l.amount, row.currency) }));
}

/**
 * A cancelled order back to new, unless a credit note was issued for its cancellation (the
 * goods it ships were credited); its lines count against the invoice again.
 */
export async function reopenFulfilmentOrder(ctx: Ctx, id: string): Promise<FulfilmentOrder> {
  const row = await lockFulfilmentOrder(ctx, id);
  assertAction(row, "reopen");
  if (row.cancellation_credit_note_id !== null) {
    throw conflict(
      "fulfilment_order_credited",
      `a credit note (${row.cancellation_credit_note_id}) was issued for the cancellation; create a new order instead`,
      { id, credit_note_id: row.cancellation_credit_note_id },
    );
  }
  if (row.resent_from === null) {
    // the goods must still be left to ship: other orders may have taken them meanwhile
    const shippable = await shippableInvoice(ctx, row.invoice_id);
    const lines = await linesOfOrders(ctx.db, ctx.tenantId, [row.id]);
    await buildLines(
      ctx,
      shippable,
      lines.map((l) => ({ invoice_line_id: l.invoice_line_id, quantity: l.quantity })),
      row.id,
      { exceptOrderId: row.id },
    );
  } else {
    const live = await liveResendOf(ctx.db, ctx.tenantId, row.resent_from);
    if (live) {
      throw conflict("fulfilment_order_resent", `order ${live} ships the original again already`, {
        id,
        fulfilment_order_id: live,
      });
    }
  }
  const before = await answer(ctx, row);
  const now = nowDate(ctx);
  const after = await answer(
    ctx,
    await updateOrder(ctx.db, ctx.tenantId, id, {
      status: "new",
      cancellation_reason: null,
      cancelled_at: null,
      status_updated_at: now,
      updated_at: now,
    }),
  );
  return announce(ctx, "fulfilment_order.reopened", before, after);
}

/** Deletes a new or cancelled order (one that shipped nothing). */
export async function deleteFulfilmentOrder(ctx: Ctx, id: string): Promise<void> {
  const row = await lockFulfilmentOrder(ctx, id);
  if (!allowsAction("delete", row.status)) {
    throw conflict(
      "fulfilment_order_not_deletable",
      `a ${row.status} fulfilment order is not deleted; only a new or cancelled one is`,
      { id, status: row.status },
    );
  }
  const before = await answer(ctx, row);
  await deleteOrderRow(ctx.db, ctx.tenantId, id);
  ctx.audit({ targetType: SUBJECT, targetId: id, before, after: null });
  await ctx.emit({
    type: "fulfilment_order.deleted",
    subjectType: SUBJECT,
    subjectId: id,
    payload: before,
  });
}

/**
 * A new order shipping the same lines again (lost in transit, damaged), linked to the
 * original by `resent_from`. An order has at most one live resend.
 */
export async function resendFulfilmentOrder(
  ctx: Ctx,
  id: string,
  input: { number?: string | undefined; notes?: string | undefined },
): Promise<FulfilmentOrder> {
  const original = await lockFulfilmentOrder(ctx, id);
  assertAction(original, "resend");
  const live = await liveResendOf(ctx.db, ctx.tenantId, id);
  if (live) {
    throw conflict("fulfilment_order_resent", `order ${live} ships this order again already`, {
      id,
      fulfilment_order_id: live,
    });
  }
  const lines = await linesOfOrders(ctx.db, ctx.tenantId, [id]);
  const resendId = newId("fulfilmentOrder");
  const number = await numberFor(ctx, input.number);
  const now = nowDate(ctx);
  await insertOrder(
    ctx.db,
    {
      id: resendId,
      tenant_id: ctx.tenantId,
      number,
      invoice_id: original.invoice_id,
      customer_id: original.customer_id,
      currency: original.currency,
      status: "new",
      amount: original.amount,
      shipping_address:
        original.shipping_address === null ? null : JSON.stringify(original.shipping_address),
      notes: input.notes ?? null,
      resent_from: original.id,
      order_date: today(ctx),
      status_updated_at: now,
      created_at: now,
      updated_at: now,
    },
    lines.map((l) => ({
      id: newId("fulfilmentOrderLine"),
      tenant_id: ctx.tenantId,
      order_id: resendId,
      position: l.position,
      invoice_line_id: l.invoice_line_id,
      description: l.description,
      quantity: l.quantity,
      amount: l.amount,
    })),
  );
  const row = await findOrder(ctx.db, ctx.tenantId, resendId);
  const after = await answer(ctx, row!);
  ctx.audit({ targetType: SUBJECT, targetId: original.id, after: { resent_as: resendId } });
  return announce(ctx, "fulfilment_order.resent", null, after);
}
