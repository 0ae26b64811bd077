/**
 * A fulfilment order's states and what each allows. Pure: no I/O.
 *
 *            update          update             update          update
 *   new ─────────▶ processing ─────▶ complete ─────▶ shipped ─────▶ delivered ──▶ returned
 *    │                 │   └──────────────────────────▲  (complete ──▶ delivered too)
 *    │ cancel          │ cancel          │ cancel
 *    ▼                 ▼                 ▼
 *   cancelled ◀────────────────────────────
 *    │ reopen (no credit note issued for the cancellation)
 *    └──────▶ new
 *
 * refund: a delivered or returned order, once. resend: a shipped or delivered order (lost in
 * transit, damaged), once while the resend is live. delete: a new or cancelled order.
 */
import { exact, pow10 } from "../../domain/money/decimal.js";
import { applyRatio, money } from "../../domain/money/index.js";

export const FULFILMENT_STATUSES = [
  "new",
  "processing",
  "complete",
  "shipped",
  "delivered",
  "returned",
  "cancelled",
] as const;

export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

/** The statuses an update may move an order to, from each status. */
export const UPDATE_TRANSITIONS: Readonly<Record<FulfilmentStatus, readonly FulfilmentStatus[]>> = {
  new: ["processing"],
  processing: ["complete", "shipped"],
  complete: ["shipped", "delivered"],
  shipped: ["delivered"],
  delivered: ["returned"],
  returned: [],
  cancelled: [],
};

export type FulfilmentAction = "cancel" | "refund" | "reopen" | "delete" | "resend";

/** The statuses each action starts from. */
export const ACTION_FROM: Readonly<Record<FulfilmentAction, readonly FulfilmentStatus[]>> = {
  cancel: ["new", "processing", "complete"],
  refund: ["delivered", "returned"],
  reopen: ["cancelled"],
  delete: ["new", "cancelled"],
  resend: ["shipped", "delivered"],
};

/** Whether an update may move an order from `from` to `to` (staying put always may). */
export const canMove = (from: FulfilmentStatus, to: FulfilmentStatus): boolean =>
  from === to || UPDATE_TRANSITIONS[from].includes(to);

/** Whether an order in `status` allows `action`. */
export const allowsAction = (action: FulfilmentAction, status: FulfilmentStatus): boolean =>
  ACTION_FROM[action].includes(status);

/**
 * The amount of `quantity` of an invoice line of `lineAmount` (minor units) for
 * `lineQuantity`: the whole line's amount for the whole quantity, else its share, rounded once
 * (lineAmount × quantity / lineQuantity). Quantities are plain decimal strings.
 */
export function shippedAmount(
  lineAmount: bigint,
  lineQuantity: string,
  quantity: string,
  currency: string,
): bigint {
  const q = exact(quantity, "quantity");
  const whole = exact(lineQuantity, "quantity");
  // q.units / 10^q.scale ÷ whole.units / 10^whole.scale
  const numerator = q.units * pow10(whole.scale);
  const denominator = whole.units * pow10(q.scale);
  if (numerator === denominator) return lineAmount;
  return applyRatio(money(lineAmount, currency), numerator, denominator).amount;
}
