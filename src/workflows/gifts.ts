/**
 * Gift subscriptions (Chargebee's gifts). A customer (the gifter) buys a subscription for a
 * recipient named by e-mail: the subscription's first invoice is computed by billing exactly
 * as for a signup of the gifter's (the signup order carried out in a savepoint that is rolled
 * back, billing's settlement preview taken — the estimate answers that preview) and issued to
 * the gifter at once, charged through a payment source given. The gifted term is the plan
 * variant's billing period, which that first invoice covers. From the gift's date on the
 * recipient claims it: its customer is found or created, and a contract starts then for the
 * gifted term, non-renewing (it ends at the term's end) and billed until that end, so it
 * bills the recipient nothing. Cancelling a gift not yet claimed credits the gifter's invoice.
 * Hosted pages: a gift checkout (the gifter buys it in the portal) and a gift claim.
 *
 * Modules: gifts (the gift), customers, contracts (the signup preview's order, the claimed
 * contract), invoicing (the preview, the gifter's invoice, its credit note), payments,
 * hosted-pages; the orders and estimates workflows.
 */
import { Temporal } from "temporal-polyfill";
import type { Static } from "typebox";
import { conflict, notFound, unprocessable } from "../domain/errors.js";
import { fromDecimalString } from "../domain/money/index.js";
import { parseTimestamp, periodDuration } from "../domain/time/index.js";
import { type Ctx, dateOf } from "../modules/context.js";
import { importContract, variantWithPlan } from "../modules/contracts/index.js";
import { createCustomer, findCustomer } from "../modules/customers/index.js";
import {
  type ClaimGiftPageBody,
  findGiftRow,
  type Gift,
  type GiftCheckoutCompleteBody,
  type GiftCheckoutPageBody,
  type GiftClaimBody,
  type GiftCreateBody,
  type GiftItems,
  type GiftUpdateBody,
  lockCancellableGift,
  lockClaimableGift,
  markCancelled,
  markClaimed,
  recordGift,
  reschedule,
} from "../modules/gifts/index.js";
import {
  type HostedPage,
  lockOpenPage,
  recordHostedPage,
  succeedPage,
} from "../modules/hosted-pages/index.js";
import {
  type BillingPreview,
  createCreditNote,
  type Invoice,
  issuePreviewInvoice,
} from "../modules/invoicing/index.js";
import {
  addPaymentSource,
  collectInvoicePayment,
  type Payment,
} from "../modules/payments/index.js";
import { signupEstimate } from "./estimates.js";

type CreateBody = Static<typeof GiftCreateBody>;
const cmp = Temporal.Instant.compare;

/**
 * Runs `fn` in a savepoint that is always rolled back (its writes, audit records and events
 * with it) and answers what it found; a business-rule error of `fn` is thrown on.
 */
async function rolledBack<T>(ctx: Ctx, fn: () => Promise<T>): Promise<T> {
  let found: { value: T } | undefined;
  const done = unprocessable("gift_priced", "a gift's trial keeps nothing");
  const refused = await ctx.attempt(async () => {
    found = { value: await fn() };
    throw done;
  });
  if (refused !== done) throw refused ?? new Error("a gift's trial was not rolled back");
  return found!.value;
}

async function guardedCustomer(ctx: Ctx, id: string, field: string) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, id);
  if (!customer) throw notFound("customer_not_found", `no customer ${id}`, { id, field });
  await ctx.guard({ kind: "customer", row: customer });
  return customer;
}

/**
 * The gifted term: the plan variant's billing period, which a signup's first invoice covers
 * in full only when it is billed ahead (prepaid), from the start (anniversary) and without a
 * trial; any other plan variant is refused.
 */
async function giftedTerm(ctx: Ctx, items: GiftItems) {
  const { variant, plan } = await variantWithPlan(ctx, items.plan_variant_id, "plan_variant_id");
  const reason =
    variant.payment_period_mode !== "prepaid"
      ? "its fees are billed after each period (postpaid)"
      : variant.billing_alignment !== "anniversary"
        ? "its billing periods follow the calendar"
        : plan.trial_period !== null
          ? "its plan starts with a trial"
          : null;
  if (reason !== null) {
    throw unprocessable(
      "gift_not_giftable",
      `plan variant ${variant.id} cannot be gifted: ${reason}`,
      { field: "subscription.plan_variant_id", id: variant.id, reason },
    );
  }
  return variant.billing_period;
}

/** The gift's dates, checked against the tenant's now. */
function giftDates(ctx: Ctx, body: Pick<CreateBody, "scheduled_at" | "claim_expiry_date">) {
  const now = ctx.clock.now();
  const scheduled =
    body.scheduled_at === undefined ? now : parseTimestamp(body.scheduled_at, "scheduled_at");
  if (cmp(scheduled, now) < 0) {
    throw unprocessable(
      "gift_date_in_past",
      `scheduled_at ${scheduled} is before now (${now}); leave it out to give the gift now`,
      { field: "scheduled_at" },
    );
  }
  const expiry =
    body.claim_expiry_date === undefined
      ? null
      : parseTimestamp(body.claim_expiry_date, "claim_expiry_date");
  if (expiry !== null && cmp(expiry, scheduled) <= 0) {
    throw unprocessable(
      "gift_claim_expiry_before_date",
      `claim_expiry_date ${expiry} is not after the gift's date ${scheduled}`,
      { field: "claim_expiry_date" },
    );
  }
  return { scheduled, expiry };
}

/**
 * What the gifter is invoiced: the first invoice of the gifted subscription signed up for the
 * gifter now, by billing's preview of the signup's settlement. Run in a savepoint that is
 * rolled back (the estimate's, or `rolledBack`).
 */
function firstInvoice(ctx: Ctx, gifterId: string, items: GiftItems): Promise<BillingPreview> {
  return signupEstimate(ctx, {
    customer_id: gifterId,
    plan_variant_id: items.plan_variant_id,
    quantity: items.quantity,
    components: items.components,
  });
}

/** The checks of a gift and the invoice its gifter would get; nothing written is kept. */
async function priced(
  ctx: Ctx,
  body: CreateBody,
  trial: (fn: () => Promise<BillingPreview>) => Promise<BillingPreview>,
) {
  const gifter = await guardedCustomer(ctx, body.gifter.customer_id, "gifter.customer_id");
  const receiverId = body.gift_receiver.customer_id;
  if (receiverId !== undefined) await guardedCustomer(ctx, receiverId, "gift_receiver.customer_id");
  const dates = giftDates(ctx, body);
  const term = await giftedTerm(ctx, body.subscription);
  const preview = await trial(() => firstInvoice(ctx, gifter.id, body.subscription));
  if (
    preview.lines.length === 0 ||
    fromDecimalString(preview.total_gross, preview.currency).amount <= 0n
  ) {
    throw unprocessable(
      "gift_nothing_to_invoice",
      "the gifted subscription's first invoice is empty: there is nothing to pay for",
      { field: "subscription.plan_variant_id" },
    );
  }
  return { gifter, dates, term, preview };
}

/** Estimate (Chargebee: estimate a gift subscription): the gifter's invoice, nothing kept. */
export async function giftEstimate(ctx: Ctx, body: CreateBody): Promise<BillingPreview> {
  // the estimate runs in a savepoint its caller rolls back
  return (await priced(ctx, body, (fn) => fn())).preview;
}

export type BoughtGift = { gift: Gift; invoice: Invoice; payment: Payment | null };

/**
 * Buys a gift (Chargebee: create a gift subscription for items): the gifter's invoice for the
 * gifted term issued (and charged through the payment source given; a failed charge refuses
 * the whole purchase), the gift stored, scheduled for its date or claimable now.
 */
export async function buyGift(ctx: Ctx, body: CreateBody): Promise<BoughtGift> {
  const { gifter, dates, term, preview } = await priced(ctx, body, (fn) => rolledBack(ctx, fn));
  const invoice = await issuePreviewInvoice(ctx, gifter.id, preview);
  let payment: Payment | null = null;
  const sourceId = body.gifter.payment_source_id;
  if (sourceId !== undefined && invoice.status === "finalized") {
    payment = await collectInvoicePayment(ctx, invoice.id, { payment_source_id: sourceId });
    // a direct debit pending at the gateway is not a failure: the gift stands
    if (payment.status !== "succeeded" && payment.status !== "pending") {
      throw unprocessable(
        "gift_payment_failed",
        `the payment failed: ${payment.failure?.message ?? payment.status}`,
        { failure: payment.failure },
      );
    }
  }
  const receiver = body.gift_receiver;
  const gift = await recordGift(ctx, {
    gifterCustomerId: gifter.id,
    note: body.gifter.note ?? null,
    signature: body.gifter.signature ?? null,
    receiver: {
      customerId: receiver.customer_id ?? null,
      email: receiver.email,
      firstName: receiver.first_name ?? null,
      lastName: receiver.last_name ?? null,
    },
    items: {
      plan_variant_id: body.subscription.plan_variant_id,
      ...(body.subscription.quantity === undefined ? {} : { quantity: body.subscription.quantity }),
      ...(body.subscription.components === undefined
        ? {}
        : { components: body.subscription.components }),
    },
    term,
    scheduledAt: dateOf(dates.scheduled),
    claimExpiresAt: dates.expiry === null ? null : dateOf(dates.expiry),
    invoiceId: invoice.id,
  });
  return { gift, invoice, payment };
}

/**
 * Claims a gift (Chargebee: claim a gift): the customer named (or the gift's receiver
 * customer, else one created from the receiver's e-mail and name in the gifter's business
 * entity) gets a contract from now for the gifted term, ending then (non-renewing) and billed
 * until its end, so billing invoices it nothing.
 */
export async function claimGift(
  ctx: Ctx,
  id: string,
  body: Static<typeof GiftClaimBody>,
): Promise<Gift> {
  const row = await lockClaimableGift(ctx, id);
  const named = body.customer_id ?? row.receiver_customer_id;
  let customer: { id: string; time_zone: string };
  if (named) {
    customer = await guardedCustomer(ctx, named, "customer_id");
  } else {
    const gifter = await findCustomer(ctx.db, ctx.tenantId, row.gifter_customer_id);
    customer = await createCustomer(ctx, {
      email: row.receiver_email,
      first_name: row.receiver_first_name,
      last_name: row.receiver_last_name,
      ...(gifter ? { business_entity_id: gifter.business_entity_id } : {}),
    });
  }
  const items = row.subscription as GiftItems;
  const start = ctx.clock.now();
  const end = start
    .toZonedDateTimeISO(customer.time_zone)
    .add(periodDuration(row.term))
    .toInstant();
  const contract = await importContract(ctx, {
    customer_id: customer.id,
    plan_variant_id: items.plan_variant_id,
    quantity: items.quantity,
    components: items.components,
    start_date: start.toString(),
    billed_until: end.toString(),
    status: "non_renewing",
    end_date: end.toString(),
  });
  return markClaimed(ctx, row, { customerId: customer.id, contractId: contract.id });
}

/**
 * Cancels a gift not claimed yet (Chargebee: cancel a gift): the gifter's invoice is credited
 * by a credit note for what remains of it.
 */
export async function cancelGift(ctx: Ctx, id: string): Promise<Gift> {
  const row = await lockCancellableGift(ctx, id);
  await guardedCustomer(ctx, row.gifter_customer_id, "gifter.customer_id");
  const note = await createCreditNote(ctx, row.invoice_id, { reason: `Gift ${id} cancelled` });
  return markCancelled(ctx, row, note.id);
}

/** Moves a scheduled gift's date (Chargebee: update a gift); not before now. */
export async function updateGiftDate(
  ctx: Ctx,
  id: string,
  body: Static<typeof GiftUpdateBody>,
): Promise<Gift> {
  const row = await findGiftRow(ctx, id);
  await guardedCustomer(ctx, row.gifter_customer_id, "gifter.customer_id");
  const { scheduled } = giftDates(ctx, {
    scheduled_at: body.scheduled_at,
    ...(row.claim_expires_at ? { claim_expiry_date: row.claim_expires_at.toISOString() } : {}),
  });
  return reschedule(ctx, id, dateOf(scheduled));
}

// ---- hosted pages ---------------------------------------------------------------------------

type Created = { publicUrl: string };

/**
 * A gift checkout page (Chargebee: checkout a gift subscription for items): the purchase is
 * tried in a savepoint that is rolled back, so a gift that could not be bought is refused
 * when the page is created.
 */
export async function createGiftCheckoutPage(
  ctx: Ctx,
  body: Static<typeof GiftCheckoutPageBody>,
  { publicUrl }: Created,
): Promise<HostedPage> {
  const { validity_minutes, ...fields } = body;
  await rolledBack(ctx, () => buyGift(ctx, fields));
  return recordHostedPage(ctx, {
    type: "checkout_gift",
    customerId: fields.gifter.customer_id,
    contractId: null,
    quoteId: null,
    fields,
    validityMinutes: validity_minutes,
    publicUrl,
  });
}

/** A gift claim page (Chargebee: claim a gift): for a gift the recipient can claim now. */
export async function createClaimGiftPage(
  ctx: Ctx,
  body: Static<typeof ClaimGiftPageBody>,
  { publicUrl }: Created,
): Promise<HostedPage> {
  const { validity_minutes, ...fields } = body;
  const gift = await lockClaimableGift(ctx, fields.gift_id);
  const customerId = fields.customer_id ?? gift.receiver_customer_id;
  if (customerId) await guardedCustomer(ctx, customerId, "customer_id");
  return recordHostedPage(ctx, {
    type: "claim_gift",
    customerId,
    contractId: null,
    quoteId: null,
    fields,
    validityMinutes: validity_minutes,
    publicUrl,
  });
}

function assertPageType(page: { id: string; type: string }, type: string) {
  if (page.type !== type) {
    throw conflict(
      "hosted_page_wrong_type",
      `hosted page ${page.id} is a ${page.type} page: complete it through its own call`,
      { id: page.id, type: page.type },
    );
  }
}

/**
 * What completing a gift checkout page would invoice the gifter (the page must still be
 * open); run in a savepoint its caller rolls back.
 */
export async function giftCheckoutPreview(ctx: Ctx, pageId: string): Promise<BillingPreview> {
  const page = await lockOpenPage(ctx, pageId);
  assertPageType(page, "checkout_gift");
  return giftEstimate(ctx, page.input as CreateBody);
}

/** Completes a gift checkout page: the gift bought, charged through a card or account given. */
export async function completeGiftCheckout(
  ctx: Ctx,
  pageId: string,
  body: Static<typeof GiftCheckoutCompleteBody>,
): Promise<HostedPage> {
  const page = await lockOpenPage(ctx, pageId);
  assertPageType(page, "checkout_gift");
  const fields = page.input as Omit<Static<typeof GiftCheckoutPageBody>, "validity_minutes">;
  const source = body.payment_source
    ? await addPaymentSource(ctx, fields.gifter.customer_id, body.payment_source)
    : null;
  const bought = await buyGift(ctx, {
    ...fields,
    gifter: { ...fields.gifter, ...(source ? { payment_source_id: source.id } : {}) },
  });
  return succeedPage(ctx, page, {
    content: {
      gift_id: bought.gift.id,
      invoice_id: bought.invoice.id,
      ...(source ? { payment_source_id: source.id } : {}),
      ...(bought.payment ? { payment_ids: [bought.payment.id] } : {}),
    },
  });
}

/** Completes a gift claim page: the gift claimed, the recipient's contract started. */
export async function completeClaimGift(ctx: Ctx, pageId: string): Promise<HostedPage> {
  const page = await lockOpenPage(ctx, pageId);
  assertPageType(page, "claim_gift");
  const fields = page.input as { gift_id: string; customer_id?: string };
  const gift = await claimGift(
    ctx,
    fields.gift_id,
    fields.customer_id === undefined ? {} : { customer_id: fields.customer_id },
  );
  return succeedPage(ctx, page, {
    content: {
      gift_id: gift.id,
      customer_id: gift.gift_receiver.customer_id,
      contract_id: gift.subscription.contract_id,
    },
    customerId: gift.gift_receiver.customer_id ?? undefined,
    contractId: gift.subscription.contract_id,
  });
}
