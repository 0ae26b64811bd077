/**
 * Quotes priced and accepted. A quote's amounts are what accepting it bills, computed by
 * billing itself: its order (a signup or a change) is created and carried out, or its invoice
 * of hand-entered charges created as a draft, inside a savepoint; the settlement billing would
 * make (the order preview's engine) or the draft's lines and totals are taken, and the
 * savepoint is rolled back, so nothing of it stays. The quote stores those amounts: a fixed
 * offer.
 *
 * Accepting creates and commits the order with the quoted start or change date, or issues the
 * invoice, and checks that billing bills exactly what was quoted; when it would not (prices,
 * taxes or the contract changed since), nothing is written: 409 `quote_outdated`.
 *
 * Modules: quotes (the quote and its status), contracts (orders, contracts), invoicing
 * (previews, settlements, invoices of hand-entered charges); orders.ts for committing.
 */
import { Temporal } from "temporal-polyfill";
import type { Static } from "typebox";
import { conflict, unprocessable } from "../domain/errors.js";
import { Dec, fromDecimalString } from "../domain/money/index.js";
import { parseTimestamp } from "../domain/time/index.js";
import { type Ctx, dateOf } from "../modules/context.js";
import { createChangeOrder, createSignupOrder, type Order } from "../modules/contracts/index.js";
import {
  type BillingPreview,
  createChargeInvoice,
  type Invoice,
  previewSettlement,
  settleContract,
} from "../modules/invoicing/index.js";
import {
  type ChangeQuoteBody,
  closeQuote,
  lockOpenQuote,
  type OneTimeQuoteBody,
  type Quote,
  type QuotePricing,
  type QuoteRow,
  type QuoteType,
  type QuoteUpdateBody,
  recordQuote,
  repriceQuote,
  type SubscriptionQuoteBody,
  validUntilOf,
} from "../modules/quotes/index.js";
import { commitOrder, fulfilForPricing } from "./orders.js";

type SubscriptionFields = Omit<Static<typeof SubscriptionQuoteBody>, "valid_until">;
type ChangeFields = Omit<Static<typeof ChangeQuoteBody>, "valid_until">;
type OneTimeFields = Omit<Static<typeof OneTimeQuoteBody>, "valid_until">;
type Fields = SubscriptionFields | ChangeFields | OneTimeFields;

/** The fields of each type of quote an edit may replace. */
const EDITABLE: Record<QuoteType, ReadonlySet<string>> = {
  subscription: new Set(["plan_variant_id", "quantity", "start_date", "components", "coupon_code"]),
  change: new Set(["plan_variant_id", "quantity", "change_date", "components", "coupon_code"]),
  one_time: new Set(["currency", "price_basis", "lines"]),
};

const instant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());
const later = (a: Temporal.Instant, b: Temporal.Instant) =>
  Temporal.Instant.compare(a, b) > 0 ? a : b;

/**
 * Runs `fn` in a savepoint that is always rolled back (its writes, audit records and events
 * with it) and answers what `fn` found; a business-rule error of `fn` is thrown on.
 */
async function dryRun<T>(ctx: Ctx, fn: () => Promise<T>): Promise<T> {
  let found: { value: T } | undefined;
  const done = unprocessable("quote_priced", "a quote's pricing keeps nothing it wrote");
  const refused = await ctx.attempt(async () => {
    found = { value: await fn() };
    throw done;
  });
  if (refused !== done) throw refused ?? new Error("a quote's pricing was not rolled back");
  return found!.value;
}

const fromPreview = (p: BillingPreview): QuotePricing => ({
  currency: p.currency,
  price_basis: p.price_basis,
  reverse_charge: p.reverse_charge,
  date: p.date,
  lines: p.lines.map((l) => ({
    kind: l.kind,
    description: l.description,
    period_start: l.period_start,
    period_end: l.period_end,
    quantity: l.quantity,
    unit_price: l.unit_price,
    amount: l.amount,
    tax_rate: l.tax_rate,
  })),
  tax_rows: p.tax_rows,
  total_net: p.total_net,
  total_tax: p.total_tax,
  total_gross: p.total_gross,
});

const fromInvoice = (i: Invoice): QuotePricing => ({
  currency: i.currency,
  price_basis: i.price_basis,
  reverse_charge: i.reverse_charge,
  date: i.issue_date,
  lines: i.lines.map((l) => ({
    kind: l.kind,
    description: l.description,
    period_start: l.period_start,
    period_end: l.period_end,
    quantity: l.quantity,
    unit_price: l.unit_price,
    amount: l.amount,
    tax_rate: l.tax_rate,
  })),
  tax_rows: i.tax_rows,
  total_net: i.total_net,
  total_tax: i.total_tax,
  total_gross: i.total_gross,
});

/** The order a subscription or change quote stands for, created in the caller's unit. */
function createQuotedOrder(
  ctx: Ctx,
  type: "subscription" | "change",
  fields: Fields,
  startsAt: Date,
): Promise<Order> {
  return type === "subscription"
    ? createSignupOrder(ctx, {
        ...(fields as SubscriptionFields),
        start_date: startsAt.toISOString(),
      })
    : createChangeOrder(ctx, { ...(fields as ChangeFields), change_date: startsAt.toISOString() });
}

/** What accepting the quote now would bill, and the customer it is for; nothing is kept. */
async function price(
  ctx: Ctx,
  type: QuoteType,
  fields: Fields,
  startsAt: Date | null,
): Promise<{ pricing: QuotePricing; customerId: string }> {
  if (type === "one_time") {
    const draft = await dryRun(ctx, () =>
      createChargeInvoice(ctx, { ...(fields as OneTimeFields), draft: true }),
    );
    return { pricing: fromInvoice(draft), customerId: draft.customer_id };
  }
  return dryRun(ctx, async () => {
    const order = await createQuotedOrder(ctx, type, fields, startsAt!);
    await fulfilForPricing(ctx, order.id);
    const at = later(instant(startsAt!), ctx.clock.now());
    const preview = await previewSettlement(ctx, order.contract_id, { at });
    return { pricing: fromPreview(preview), customerId: order.customer_id };
  });
}

/** When a subscription starts or a change takes effect: as given, else now. */
function startOf(ctx: Ctx, type: QuoteType, fields: Record<string, unknown>): Date | null {
  if (type === "one_time") return null;
  const given = type === "subscription" ? fields.start_date : fields.change_date;
  const field = type === "subscription" ? "start_date" : "change_date";
  return dateOf(typeof given === "string" ? parseTimestamp(given, field) : ctx.clock.now());
}

/** Creates a quote of `type`, priced as accepting it now would bill. */
export async function createQuote(
  ctx: Ctx,
  type: QuoteType,
  body:
    | Static<typeof SubscriptionQuoteBody>
    | Static<typeof ChangeQuoteBody>
    | Static<typeof OneTimeQuoteBody>,
): Promise<Quote> {
  const { valid_until, ...fields } = body;
  const validUntil = validUntilOf(ctx, valid_until);
  const startsAt = startOf(ctx, type, fields);
  const { pricing, customerId } = await price(ctx, type, fields, startsAt);
  return recordQuote(ctx, {
    type,
    customerId,
    contractId: "contract_id" in fields ? fields.contract_id : null,
    fields,
    startsAt,
    validUntil,
    pricing,
  });
}

/** Edits an open quote: the fields given replace its own; it is priced again as of now. */
export async function updateQuote(
  ctx: Ctx,
  id: string,
  body: Static<typeof QuoteUpdateBody>,
): Promise<Quote> {
  const row = await lockOpenQuote(ctx, id);
  const { valid_until, ...changes } = body;
  const fields: Record<string, unknown> = { ...row.input };
  for (const [key, value] of Object.entries(changes)) {
    if (!EDITABLE[row.type].has(key)) {
      throw unprocessable("quote_field_not_applicable", `a ${row.type} quote has no field ${key}`, {
        field: key,
        type: row.type,
      });
    }
    if (value === null) delete fields[key];
    else fields[key] = value;
  }
  const validUntil = valid_until === undefined ? row.valid_until : validUntilOf(ctx, valid_until);
  const startsAt = startOf(ctx, row.type, fields);
  const { pricing } = await price(ctx, row.type, fields as Fields, startsAt);
  return repriceQuote(ctx, row, { fields, startsAt, validUntil, pricing });
}

const same = (a: string, b: string) => new Dec(a).equals(new Dec(b));

/** Refuses (409 `quote_outdated`) when billing would bill anything but what was quoted. */
function assertAsQuoted(row: QuoteRow, billed: QuotePricing): void {
  const quoted = row.lines;
  const minor = (value: string) => fromDecimalString(value, billed.currency).amount;
  const matches =
    billed.currency === row.currency &&
    billed.price_basis === row.price_basis &&
    billed.reverse_charge === row.reverse_charge &&
    billed.lines.length === quoted.length &&
    billed.lines.every((l, i) => {
      const q = quoted[i]!;
      return (
        l.kind === q.kind &&
        l.description === q.description &&
        l.period_start === q.period_start &&
        l.period_end === q.period_end &&
        same(l.quantity, q.quantity) &&
        same(l.unit_price, q.unit_price) &&
        same(l.amount, q.amount) &&
        same(l.tax_rate, q.tax_rate)
      );
    }) &&
    billed.tax_rows.length === row.tax_rows.length &&
    billed.tax_rows.every((t, i) => {
      const q = row.tax_rows[i]!;
      return (
        same(t.rate, q.rate) && same(t.net, q.net) && same(t.tax, q.tax) && same(t.gross, q.gross)
      );
    }) &&
    minor(billed.total_net) === BigInt(row.total_net) &&
    minor(billed.total_tax) === BigInt(row.total_tax) &&
    minor(billed.total_gross) === BigInt(row.total_gross);
  if (!matches) {
    throw conflict(
      "quote_outdated",
      `billing would bill ${billed.total_gross} ${billed.currency} in ${billed.lines.length} lines now, not what quote ${row.id} quoted; edit the quote to price it again`,
      { id: row.id, billed: billed.lines.length === 0 ? [] : billed.lines },
    );
  }
}

/**
 * Accepts an open quote: a one-time quote's invoice is issued; a subscription or change
 * quote's order is created with the quoted start or change date and committed, and — when
 * it succeeds and the date has come — the contract is billed at once. Either way billing must
 * bill exactly the quoted lines and totals, or nothing is written (409 `quote_outdated`).
 * An order that awaits approval leaves the quote accepted with no contract or invoice yet.
 */
export async function acceptQuote(
  ctx: Ctx,
  id: string,
  body: { payment_method?: string | undefined } = {},
): Promise<Quote> {
  const row = await lockOpenQuote(ctx, id);
  const fields = row.input as Fields;
  if (row.type === "one_time") {
    const invoice = await createChargeInvoice(ctx, fields as OneTimeFields);
    assertAsQuoted(row, fromInvoice(invoice));
    return closeQuote(ctx, row, {
      status: "accepted",
      orderId: null,
      contractId: null,
      invoiceId: invoice.id,
    });
  }
  const startsAt = row.starts_at!;
  const order = await createQuotedOrder(ctx, row.type, fields, startsAt);
  const committed = await commitOrder(
    ctx,
    order.id,
    body.payment_method === undefined ? {} : { payment_method: body.payment_method },
  );
  let invoiceId: string | null = null;
  if (committed.status === "succeeded") {
    const now = ctx.clock.now();
    const at = later(instant(startsAt), now);
    assertAsQuoted(row, fromPreview(await previewSettlement(ctx, order.contract_id, { at })));
    if (Temporal.Instant.compare(instant(startsAt), now) <= 0) {
      const { invoice } = await settleContract(ctx, order.contract_id);
      if (invoice) {
        assertAsQuoted(row, fromInvoice(invoice));
        invoiceId = invoice.id;
      }
    }
  }
  return closeQuote(ctx, row, {
    status: "accepted",
    orderId: order.id,
    contractId: order.contract_id,
    invoiceId,
  });
}

/** Declines an open quote. */
export async function declineQuote(ctx: Ctx, id: string): Promise<Quote> {
  return closeQuote(ctx, await lockOpenQuote(ctx, id), { status: "declined" });
}
