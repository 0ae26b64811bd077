/**
 * Orders that succeed: committing, approving or declining an order, and what an order or a
 * cancellation would bill. Committing a signup creates the contract with its components and
 * coupon; committing a change changes the contract at its change date; either may bill at
 * once (an interim settlement) in the same unit of work.
 *
 * Modules: contracts (orders, contracts, components, discounts), customers (the ordering
 * customer, read once and locked), partners (frozen customers and budgets), catalog
 * (coupons), invoicing (previews and interim settlements).
 */
import { Temporal } from "temporal-polyfill";
import { unprocessable } from "../domain/errors.js";
import { countRedemption, redeemableCoupon } from "../modules/catalog/index.js";
import type { Ctx } from "../modules/context.js";
import {
  applyChange,
  assertOrderingCustomer,
  assertPaymentData,
  type CancellationPlan,
  type ContractRow,
  createContract,
  createOrder,
  createSignupOrder,
  findContract,
  grantDiscount,
  lockOrder,
  needsApproval,
  type Order,
  type OrderRow,
  orderedSettlement,
  planCancellation,
  recordPaymentMethod,
  type SignupInput,
  setComponentQuantity,
  setOrderStatus,
} from "../modules/contracts/index.js";
import {
  type Customer,
  type CustomerInputData,
  type CustomerRow,
  createCustomer,
  findCustomer,
} from "../modules/customers/index.js";
import {
  type BillingPreview,
  previewSettlement,
  settleContract,
} from "../modules/invoicing/index.js";
import { admitOrder } from "../modules/partners/index.js";

const toInstant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());

/**
 * A signup for a customer created with it (Billwerk's order with an inline `Customer`): the
 * customer, then the order, in the caller's unit of work.
 */
export async function signupWithNewCustomer(
  ctx: Ctx,
  input: { customer: CustomerInputData; order: Omit<SignupInput, "customer_id"> },
): Promise<{ customer: Customer; order: Order }> {
  const customer = await createCustomer(ctx, input.customer);
  const order = await createSignupOrder(ctx, { ...input.order, customer_id: customer.id });
  return { customer, order };
}

/**
 * Commits an order: it succeeds (and the contract exists), or awaits approval. A signup for a
 * plan variant that does not allow signups without payment data needs `payment_method`.
 */
export async function commitOrder(
  ctx: Ctx,
  id: string,
  input: { payment_method?: string | undefined } = {},
): Promise<Order> {
  const found = await lockOrder(ctx, id, "commit");
  await assertPaymentData(ctx, found, input.payment_method);
  const customer = await admitCustomer(ctx, found);
  const order = await recordPaymentMethod(ctx, found, input.payment_method);
  if (await needsApproval(ctx, order)) return setOrderStatus(ctx, order, "approval_pending");
  await fulfil(ctx, order, customer, "commit");
  await billInterim(ctx, order);
  return setOrderStatus(ctx, order, "succeeded");
}

/**
 * Creates an order and, with `commit`, commits it in the same unit of work: a signup or a
 * change in one request (Chargebee's create and update subscription), all or nothing.
 */
export async function placeOrder(
  ctx: Ctx,
  input: Parameters<typeof createOrder>[1] & { commit?: boolean | undefined },
): Promise<Order> {
  const { commit, ...fields } = input;
  const order = await createOrder(ctx, fields);
  return commit ? commitOrder(ctx, order.id) : order;
}

export async function approveOrder(ctx: Ctx, id: string): Promise<Order> {
  const order = await lockOrder(ctx, id, "approve");
  const customer = await admitCustomer(ctx, order);
  await fulfil(ctx, order, customer, "approval");
  await billInterim(ctx, order);
  return setOrderStatus(ctx, order, "succeeded");
}

export async function declineOrder(ctx: Ctx, id: string): Promise<Order> {
  return setOrderStatus(ctx, await lockOrder(ctx, id, "decline"), "declined");
}

/**
 * Writes what an in-progress order's success writes (the contract created or changed, its
 * components and coupon), without the approval step, payment data, the order's status or its
 * interim invoice (what that bills is what pricing previews): the pricing of an order, a quote
 * (src/workflows/quotes.ts), a checkout or an estimate, inside a savepoint it rolls back.
 */
export async function fulfilForPricing(ctx: Ctx, id: string): Promise<void> {
  const order = await lockOrder(ctx, id, "commit");
  const customer = await findCustomer(ctx.db, ctx.tenantId, order.customer_id, {
    forUpdate: true,
  });
  await fulfil(ctx, order, customer, "commit");
}

/**
 * The order's customer, read once and locked for the rest of the unit of work: a frozen
 * customer orders nothing; one with a budget orders only within it.
 */
async function admitCustomer(ctx: Ctx, order: OrderRow): Promise<CustomerRow | undefined> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, order.customer_id, {
    forUpdate: true,
  });
  if (customer) await admitOrder(ctx, customer, () => preview(ctx, order.id, customer));
  return customer;
}

/**
 * Carries out a succeeded order: creates the contract, or changes it. A committed signup
 * starts now unless it names a start; an approved one at the original order date.
 */
async function fulfil(
  ctx: Ctx,
  order: OrderRow,
  found: CustomerRow | undefined,
  via: "commit" | "approval",
): Promise<void> {
  const customer = await assertOrderingCustomer(ctx, found, order.customer_id);
  if (order.type === "change") {
    const { row, at } = await applyChange(ctx, order);
    await redeemCoupon(ctx, order, row, at, via);
  } else {
    const contract = await createContract(
      ctx,
      order,
      via === "approval" ? order.created_at : new Date(ctx.clock.now().epochMilliseconds),
      customer,
    );
    const start = toInstant(contract.start_at);
    for (const item of order.components) await setComponentQuantity(ctx, contract, item, start);
    await redeemCoupon(ctx, order, contract, start, via);
  }
}

/** An order's interim invoice, when it asks for one: what is due now, in its unit of work. */
async function billInterim(ctx: Ctx, order: OrderRow): Promise<void> {
  if (order.trigger_interim_billing) await settleContract(ctx, order.contract_id);
}

/**
 * Redeems the order's coupon: checked again (under lock) when the order succeeds — against
 * the order date when approved, as the customer ordered then — counted, and its discount
 * granted from `start`.
 */
async function redeemCoupon(
  ctx: Ctx,
  order: OrderRow,
  contract: ContractRow,
  start: Temporal.Instant,
  via: "commit" | "approval",
): Promise<void> {
  if (order.coupon_code === null) return;
  const { coupon, discount } = await redeemableCoupon(ctx, {
    code: order.coupon_code,
    planGroupId: contract.plan_group_id,
    at: via === "approval" ? toInstant(order.created_at) : ctx.clock.now(),
    forUpdate: true,
  });
  await countRedemption(ctx, coupon);
  await grantDiscount(ctx, contract, discount, start, {
    couponId: coupon.id,
    orderId: order.id,
    field: "coupon_code",
  });
}

async function preview(ctx: Ctx, id: string, customer?: CustomerRow): Promise<BillingPreview> {
  const planned = await orderedSettlement(ctx, id, customer);
  return previewSettlement(ctx, planned.contractId, {
    at: planned.at,
    timeline: planned.timeline,
    ...(planned.unsaved ? { unsaved: planned.unsaved } : {}),
  });
}

/**
 * What an order still in progress bills when it is committed now, its cart's components and
 * coupon included: carried out as committing it would (without the approval step or payment
 * data) in a savepoint that is rolled back, then billing's preview of the contract at its
 * start or change date, or now if that is later. Nothing is written. An order no longer in
 * progress (awaiting approval, succeeded, declined) has no such price: null.
 */
export async function priceOrder(ctx: Ctx, order: Order): Promise<BillingPreview | null> {
  if (order.status !== "in_progress") return null;
  const done = unprocessable("estimate_priced", "an order's pricing keeps nothing it wrote");
  let found: BillingPreview | undefined;
  const refused = await ctx.attempt(async () => {
    found = await carriedOutPrice(ctx, order);
    throw done;
  });
  if (refused !== done) throw refused ?? new Error("an order's pricing was not rolled back");
  return found!;
}

/**
 * The order carried out for pricing (fulfilForPricing), then billing's preview of its
 * contract at its start or change date, or now if that is later: what its success bills, at
 * once when it asks for an interim invoice. Run it in a savepoint that is rolled back.
 */
async function carriedOutPrice(ctx: Ctx, order: Order): Promise<BillingPreview> {
  await fulfilForPricing(ctx, order.id);
  const now = ctx.clock.now();
  const date = order.start_date ?? order.change_date;
  const from = date ? Temporal.Instant.from(date) : now;
  return previewSettlement(ctx, order.contract_id, {
    at: Temporal.Instant.compare(from, now) > 0 ? from : now,
  });
}

/**
 * What the order would bill when it succeeds now: for a signup, the new contract's first
 * settlement; for a plan change, the settlement at the change date (corrections for the old
 * plan variant, charges for the new one). Component quantities of a cart are not priced here
 * yet. Nothing is written.
 */
export async function previewOrder(ctx: Ctx, id: string): Promise<BillingPreview> {
  return preview(ctx, id);
}

export type OrderEstimate = {
  /**
   * What billing invoices for the order at its start or change date (now, if that is past):
   * for an order taking effect now with `trigger_interim_billing`, the invoice its success
   * issues at once; otherwise what waits for a later billing. Negative: a credit note.
   */
  invoice: BillingPreview;
  /** When billing looks at the contract next, once the order succeeded (null: never). */
  next_billing_at: string | null;
  /** What billing would invoice then (null: never). */
  next_invoice: BillingPreview | null;
};

/**
 * What an order would bill if it were placed and committed now, without keeping it: the order
 * is created and carried out as committing it would (without the approval step or payment
 * data), its start or change date is previewed, and its interim invoice (when it asks for one)
 * is settled before the contract's next billing date is previewed. Run it in a savepoint that
 * is rolled back; a refusal is the order's own (creating it, or carrying it out).
 */
export async function estimateOrder(
  ctx: Ctx,
  input: Parameters<typeof createOrder>[1],
): Promise<OrderEstimate> {
  const order = await createOrder(ctx, input);
  const invoice = await carriedOutPrice(ctx, order);
  // its interim invoice, once what it bills has been previewed: as a draft, so that no
  // invoice number is taken
  if (order.trigger_interim_billing) {
    await settleContract(ctx, order.contract_id, { draft: true });
  }
  const now = ctx.clock.now();
  const contract = await findContract(ctx.db, ctx.tenantId, order.contract_id);
  const next = contract?.next_billing_at ?? null;
  if (next === null) return { invoice, next_billing_at: null, next_invoice: null };
  const due = toInstant(next);
  const nextInvoice = await previewSettlement(ctx, order.contract_id, {
    at: Temporal.Instant.compare(due, now) > 0 ? due : now,
  });
  return { invoice, next_billing_at: next.toISOString(), next_invoice: nextInvoice };
}

export type CancellationPreview = Omit<CancellationPlan, "final"> & {
  /** What billing would still invoice up to and including the end (the final settlement). */
  invoice: BillingPreview;
};

/**
 * Regular cancellation per the plan variant's terms (src/modules/contracts: planCancellation),
 * with the final settlement billing would still invoice. Nothing is written.
 */
export async function cancellationPreview(ctx: Ctx, id: string): Promise<CancellationPreview> {
  const { final, ...plan } = await planCancellation(ctx, id);
  return { ...plan, invoice: await previewSettlement(ctx, id, final) };
}
