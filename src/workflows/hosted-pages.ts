/**
 * Hosted pages (Chargebee's hosted_pages): the merchant creates a page for one thing a
 * customer completes in the portal, and the customer completes it there with the page's
 * token. Creating a checkout page tries its order or invoice in a savepoint that is rolled
 * back, so a page that could not succeed is refused when it is created. Completing one runs
 * the same use cases as the API: the order committed (and billed at once when it starts now),
 * the invoice of the charges issued, a payment source added or made primary, the open
 * invoices collected, the quote accepted. The page then succeeds with what it produced.
 *
 * Modules: hosted-pages (the page), customers, contracts (orders), invoicing (charges,
 * settlement), payments (payment sources, collecting), quotes; the orders and quotes
 * workflows.
 */
import { Temporal } from "temporal-polyfill";
import type { Static } from "typebox";
import { conflict, notFound, unprocessable } from "../domain/errors.js";
import { fromDecimalString } from "../domain/money/index.js";
import type { Ctx } from "../modules/context.js";
import {
  createChangeOrder,
  createSignupOrder,
  findContract,
  type Order,
} from "../modules/contracts/index.js";
import { createCustomer, findCustomer } from "../modules/customers/index.js";
import {
  type AcceptQuotePageBody,
  acknowledgePage,
  type CheckoutCompleteBody,
  type CheckoutExistingBody,
  type CheckoutNewBody,
  type CheckoutOneTimeBody,
  type CollectCompleteBody,
  type CollectPageBody,
  type CustomerPageBody,
  cancelPage,
  findPageForChange,
  type HostedPage,
  type HostedPageRow,
  type HostedPageType,
  lockOpenPage,
  markRequested,
  type PaymentSourceCompleteBody,
  recordHostedPage,
  succeedPage,
} from "../modules/hosted-pages/index.js";
import {
  type BillingPreview,
  createChargeInvoice,
  type Invoice,
  previewSettlement,
  settleContract,
} from "../modules/invoicing/index.js";
import {
  addPaymentSource,
  collectCustomerPayment,
  collectInvoicePayment,
  type Payment,
  updatePaymentMethod,
} from "../modules/payments/index.js";
import { getQuote } from "../modules/quotes/index.js";
import { commitOrder, fulfilForPricing } from "./orders.js";
import { acceptQuote } from "./quotes.js";

type NewFields = Omit<Static<typeof CheckoutNewBody>, "validity_minutes">;
type ExistingFields = Omit<Static<typeof CheckoutExistingBody>, "validity_minutes">;
type OneTimeFields = Omit<Static<typeof CheckoutOneTimeBody>, "validity_minutes">;

/**
 * Runs `fn` in a savepoint that is always rolled back (its writes, audit records and events
 * with it) and answers what it found; a business-rule error of `fn` is thrown on.
 */
async function tryOut<T>(ctx: Ctx, fn: () => Promise<T>): Promise<T> {
  let found: { value: T } | undefined;
  const done = unprocessable("hosted_page_checked", "a checkout page's trial keeps nothing");
  const refused = await ctx.attempt(async () => {
    found = { value: await fn() };
    throw done;
  });
  if (refused !== done) throw refused ?? new Error("a checkout page's trial was not rolled back");
  return found!.value;
}

export async function guardedCustomer(ctx: Ctx, id: string) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, id);
  if (!customer) throw notFound("customer_not_found", `no customer ${id}`, { id });
  await ctx.guard({ kind: "customer", row: customer });
  return customer;
}

export async function guardedContract(ctx: Ctx, id: string) {
  const contract = await findContract(ctx.db, ctx.tenantId, id);
  if (!contract) throw notFound("contract_not_found", `no contract ${id}`, { id });
  await ctx.guard({ kind: "contract", row: contract });
  return contract;
}

const instant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());
const later = (a: Temporal.Instant, b: Temporal.Instant) =>
  Temporal.Instant.compare(a, b) > 0 ? a : b;

// ---- what a checkout would do: tried when the page is created, previewed when it is opened ----

/** The order of a new-subscription checkout, created (with its new customer) in the unit. */
async function newOrder(ctx: Ctx, fields: NewFields, customerId: string | null): Promise<Order> {
  const id = customerId ?? (await createCustomer(ctx, fields.customer!)).id;
  return createSignupOrder(ctx, { ...fields.subscription, customer_id: id });
}

/** What completing the checkout now would bill, tried in a savepoint; nothing is kept. */
function checkoutPreview(
  ctx: Ctx,
  type: "checkout_new" | "checkout_existing" | "checkout_one_time",
  fields: Record<string, unknown>,
  customerId: string | null,
): Promise<BillingPreview | Invoice> {
  return tryOut(ctx, async () => {
    if (type === "checkout_one_time") {
      return createChargeInvoice(ctx, { ...(fields as OneTimeFields), draft: true });
    }
    const order =
      type === "checkout_new"
        ? await newOrder(ctx, fields as NewFields, customerId)
        : await createChangeOrder(ctx, fields as ExistingFields);
    await fulfilForPricing(ctx, order.id);
    const start = order.start_date ?? order.change_date;
    const now = ctx.clock.now();
    const at = start ? later(Temporal.Instant.from(start), now) : now;
    return previewSettlement(ctx, order.contract_id, { at });
  });
}

// ---- the merchant's side (/v1) ------------------------------------------------------------

type Created = { publicUrl: string };

export async function createCheckoutNew(
  ctx: Ctx,
  body: Static<typeof CheckoutNewBody>,
  { publicUrl }: Created,
): Promise<HostedPage> {
  const { validity_minutes, ...fields } = body;
  if ((fields.customer_id === undefined) === (fields.customer === undefined)) {
    throw unprocessable(
      "hosted_page_customer_required",
      "name either customer_id (a stored customer) or customer (a new one)",
      { field: "customer_id" },
    );
  }
  const customerId = fields.customer_id ?? null;
  if (customerId) await guardedCustomer(ctx, customerId);
  await checkoutPreview(ctx, "checkout_new", fields, customerId);
  return recordHostedPage(ctx, {
    type: "checkout_new",
    customerId,
    contractId: null,
    quoteId: null,
    fields,
    validityMinutes: validity_minutes,
    publicUrl,
  });
}

export async function createCheckoutExisting(
  ctx: Ctx,
  body: Static<typeof CheckoutExistingBody>,
  { publicUrl }: Created,
): Promise<HostedPage> {
  const { validity_minutes, ...fields } = body;
  const contract = await guardedContract(ctx, fields.contract_id);
  await checkoutPreview(ctx, "checkout_existing", fields, contract.customer_id);
  return recordHostedPage(ctx, {
    type: "checkout_existing",
    customerId: contract.customer_id,
    contractId: contract.id,
    quoteId: null,
    fields,
    validityMinutes: validity_minutes,
    publicUrl,
  });
}

export async function createCheckoutOneTime(
  ctx: Ctx,
  body: Static<typeof CheckoutOneTimeBody>,
  { publicUrl }: Created,
): Promise<HostedPage> {
  const { validity_minutes, ...fields } = body;
  const customer = await guardedCustomer(ctx, fields.customer_id);
  await checkoutPreview(ctx, "checkout_one_time", fields, customer.id);
  return recordHostedPage(ctx, {
    type: "checkout_one_time",
    customerId: customer.id,
    contractId: null,
    quoteId: null,
    fields,
    validityMinutes: validity_minutes,
    publicUrl,
  });
}

/** A page of a customer's payment sources, or of paying what it owes. */
export async function createCustomerPage(
  ctx: Ctx,
  type: "manage_payment_sources" | "update_payment_method" | "collect_now",
  body: Static<typeof CustomerPageBody> | Static<typeof CollectPageBody>,
  { publicUrl }: Created,
): Promise<HostedPage> {
  const { validity_minutes, ...fields } = body;
  const customer = await guardedCustomer(ctx, fields.customer_id);
  return recordHostedPage(ctx, {
    type,
    customerId: customer.id,
    contractId: null,
    quoteId: null,
    fields,
    validityMinutes: validity_minutes,
    publicUrl,
  });
}

/** A page on which the customer accepts an open quote. */
export async function createAcceptQuotePage(
  ctx: Ctx,
  body: Static<typeof AcceptQuotePageBody>,
  { publicUrl }: Created,
): Promise<HostedPage> {
  const { validity_minutes, ...fields } = body;
  const quote = await getQuote(ctx, fields.quote_id);
  await guardedCustomer(ctx, quote.customer_id);
  if (quote.type === "change" && quote.contract_id) await guardedContract(ctx, quote.contract_id);
  if (quote.status !== "open") {
    throw conflict(
      quote.status === "expired" ? "quote_expired" : "quote_not_open",
      `quote ${quote.id} is ${quote.status}`,
      { id: quote.id, status: quote.status },
    );
  }
  return recordHostedPage(ctx, {
    type: "accept_quote",
    customerId: quote.customer_id,
    contractId: quote.contract_id,
    quoteId: quote.id,
    fields,
    validityMinutes: validity_minutes,
    publicUrl,
  });
}

export async function acknowledgeHostedPage(ctx: Ctx, id: string): Promise<HostedPage> {
  const row = await findPageForChange(ctx, id);
  if (row.customer_id) await guardedCustomer(ctx, row.customer_id);
  return acknowledgePage(ctx, row);
}

// ---- the customer's side (/portal/api/hosted_page) -----------------------------------------

const CHECKOUTS: ReadonlySet<HostedPageType> = new Set([
  "checkout_new",
  "checkout_existing",
  "checkout_one_time",
]);

export function assertType(row: HostedPageRow, types: ReadonlySet<HostedPageType>): void {
  if (!types.has(row.type)) {
    throw conflict(
      "hosted_page_wrong_type",
      `hosted page ${row.id} is a ${row.type} page: complete it through its own call`,
      { id: row.id, type: row.type },
    );
  }
}

export type OpenedPage = {
  page: HostedPage;
  /** A checkout's bill as completing it now would make it (a draft invoice for charges). */
  preview: BillingPreview | Invoice | null;
};

/** The customer opened the page: it becomes requested; a checkout answers what it would bill. */
export async function openHostedPage(ctx: Ctx, id: string): Promise<OpenedPage> {
  const row = await lockOpenPage(ctx, id);
  const page = await markRequested(ctx, row);
  const preview = CHECKOUTS.has(row.type)
    ? await checkoutPreview(
        ctx,
        row.type as "checkout_new" | "checkout_existing" | "checkout_one_time",
        row.input,
        row.customer_id,
      )
    : null;
  return { page, preview };
}

/** Charges `invoice` through `sourceId`; a failed charge refuses the whole completion. */
async function pay(ctx: Ctx, invoice: Invoice, sourceId: string): Promise<Payment | null> {
  if (invoice.status !== "finalized") return null;
  if (fromDecimalString(invoice.total_gross, invoice.currency).amount <= 0n) return null;
  const payment = await collectInvoicePayment(ctx, invoice.id, { payment_source_id: sourceId });
  return paid(payment);
}

/** A charge that failed refuses the completion; one pending at the gateway (a direct debit) does not. */
function paid(payment: Payment): Payment {
  if (payment.status !== "succeeded" && payment.status !== "pending") {
    throw unprocessable(
      "hosted_page_payment_failed",
      `the payment failed: ${payment.failure?.message ?? payment.status}`,
      { failure: payment.failure },
    );
  }
  return payment;
}

/**
 * Completes a checkout page: a new subscription's customer created (when the page brought
 * one) and its order committed, a change's order committed, or the charges' invoice issued.
 * An order that starts now is billed at once; with a payment source given, the invoice is
 * charged through it.
 */
export async function completeCheckout(
  ctx: Ctx,
  id: string,
  body: Static<typeof CheckoutCompleteBody>,
): Promise<HostedPage> {
  const row = await lockOpenPage(ctx, id);
  assertType(row, CHECKOUTS);
  const content: Record<string, unknown> = {};
  let customerId = row.customer_id;
  if (row.type === "checkout_new" && customerId === null) {
    customerId = (await createCustomer(ctx, (row.input as NewFields).customer!)).id;
  }
  content.customer_id = customerId;
  const source = body.payment_source
    ? await addPaymentSource(ctx, customerId!, body.payment_source)
    : null;
  if (source) content.payment_source_id = source.id;
  let invoice: Invoice | null = null;
  let contractId: string | null = row.contract_id;
  if (row.type === "checkout_one_time") {
    invoice = await createChargeInvoice(ctx, row.input as OneTimeFields);
  } else {
    const order =
      row.type === "checkout_new"
        ? await newOrder(ctx, row.input as NewFields, customerId)
        : await createChangeOrder(ctx, row.input as ExistingFields);
    const committed = await commitOrder(
      ctx,
      order.id,
      body.payment_method === undefined ? {} : { payment_method: body.payment_method },
    );
    content.order_id = order.id;
    content.order_status = committed.status;
    contractId = order.contract_id;
    content.contract_id = contractId;
    const start = order.start_date ?? order.change_date;
    const startsNow =
      start === null || Temporal.Instant.compare(instant(new Date(start)), ctx.clock.now()) <= 0;
    if (committed.status === "succeeded" && startsNow) {
      invoice = (await settleContract(ctx, order.contract_id)).invoice ?? null;
    }
  }
  if (invoice) {
    content.invoice_id = invoice.id;
    if (source) {
      const payment = await pay(ctx, invoice, source.id);
      if (payment) content.payment_ids = [payment.id];
    }
  }
  return succeedPage(ctx, row, { content, customerId: customerId!, contractId });
}

/** Completes a payment source page: the source added, or made the primary one. */
export async function completePaymentSource(
  ctx: Ctx,
  id: string,
  body: Static<typeof PaymentSourceCompleteBody>,
): Promise<HostedPage> {
  const row = await lockOpenPage(ctx, id);
  assertType(row, new Set(["manage_payment_sources", "update_payment_method"]));
  const source =
    row.type === "update_payment_method"
      ? await updatePaymentMethod(ctx, row.customer_id!, body)
      : await addPaymentSource(ctx, row.customer_id!, body);
  return succeedPage(ctx, row, { content: { payment_source_id: source.id } });
}

/**
 * Completes a collect page: what the customer owes (in the page's currency) charged through
 * the source given (added first) or its primary then backup source, applied to the open
 * invoices oldest first.
 */
export async function completeCollect(
  ctx: Ctx,
  id: string,
  body: Static<typeof CollectCompleteBody>,
): Promise<HostedPage> {
  const row = await lockOpenPage(ctx, id);
  assertType(row, new Set(["collect_now"]));
  const customerId = row.customer_id!;
  const source = body.payment_source
    ? await addPaymentSource(ctx, customerId, body.payment_source)
    : null;
  const currency = (row.input as Static<typeof CollectPageBody>).currency;
  const payment = paid(
    await collectCustomerPayment(ctx, customerId, {
      ...(currency === undefined ? {} : { currency }),
      ...(source ? { payment_source_id: source.id } : {}),
    }),
  );
  return succeedPage(ctx, row, {
    content: {
      payment_ids: [payment.id],
      amount: payment.amount,
      currency: payment.currency,
      invoice_ids: payment.allocations.map((a) => a.invoice_id),
      ...(source ? { payment_source_id: source.id } : {}),
    },
  });
}

/** Completes a quote page: the quote accepted (its order committed or its invoice issued). */
export async function completeAcceptQuote(ctx: Ctx, id: string): Promise<HostedPage> {
  const row = await lockOpenPage(ctx, id);
  assertType(row, new Set(["accept_quote"]));
  const quote = await acceptQuote(ctx, row.quote_id!);
  return succeedPage(ctx, row, {
    content: {
      quote_id: quote.id,
      order_id: quote.order_id,
      contract_id: quote.contract_id,
      invoice_id: quote.invoice_id,
    },
    contractId: quote.contract_id,
  });
}

/** The customer left the page: it becomes cancelled. */
export async function cancelHostedPage(ctx: Ctx, id: string): Promise<HostedPage> {
  return cancelPage(ctx, await lockOpenPage(ctx, id));
}
