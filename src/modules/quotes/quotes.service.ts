/**
 * Quotes: a priced offer to a customer — a new subscription, a change of a contract, or
 * one-time charges — whose lines, tax rows and totals are fixed when it is created or edited.
 * The pricing and the acceptance are the quotes workflow's (src/workflows/quotes.ts): this
 * module stores the quote and holds its status machine.
 *
 *   open ──accept──▶ accepted
 *     │ ──decline──▶ declined
 *     └─(tenant's now reaches valid_until)─▶ expired   (read as such; never stored)
 *
 * Editing, accepting or declining anything but an open quote is refused (409 `quote_not_open`,
 * or `quote_expired`), and nothing is written.
 */
import { Temporal } from "temporal-polyfill";
import type { Static } from "typebox";
import { conflict, notFound, unprocessable } from "../../domain/errors.js";
import { fromDecimalString, money, toDecimalString } from "../../domain/money/index.js";
import { parseTimestamp } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import { toJson } from "../../lib/json.js";
import type { QuoteLine, QuotesTable, TaxRow } from "../../storage/schema.js";
import { type Ctx, dateOf, nowDate } from "../context.js";
import { quotePdf } from "../invoicing/index.js";
import {
  type CursorValueShape,
  fetchPage,
  INSTANT_KEY,
  type Page,
  sortKeyPaging,
  utcDayStart,
} from "../pagination.js";
import {
  countQuoteRows,
  findQuote,
  insertQuote,
  type ListedQuote,
  listQuoteRows,
  type QuoteListFilter,
  type QuoteRow,
  type QuoteSort,
  type QuoteStatus,
  updateQuote,
} from "./quotes.repository.js";
import type { QuoteSchema } from "./quotes.schemas.js";

export type Quote = Static<typeof QuoteSchema>;
export type QuoteType = QuotesTable["type"];
export type { QuoteRow };

/** What pricing a quote found: the amounts as billing computed them (decimal strings). */
export type QuotePricing = {
  currency: string;
  price_basis: "net" | "gross";
  reverse_charge: boolean;
  /** The customer's day the amounts are billed as of (YYYY-MM-DD). */
  date: string;
  lines: QuoteLine[];
  tax_rows: TaxRow[];
  total_net: string;
  total_tax: string;
  total_gross: string;
};

/** How long a quote is valid when it names no valid_until. */
export const DEFAULT_VALIDITY_DAYS = 30;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toQuote(r: QuoteRow, now: Date): Quote {
  const str = (minor: string) => toDecimalString(money(BigInt(minor), r.currency));
  return {
    id: r.id,
    type: r.type,
    status: r.status === "open" && r.valid_until <= now ? "expired" : r.status,
    customer_id: r.customer_id,
    contract_id: r.contract_id,
    input: r.input,
    starts_at: iso(r.starts_at),
    currency: r.currency,
    price_basis: r.price_basis,
    reverse_charge: r.reverse_charge,
    priced_on: r.priced_on,
    lines: r.lines,
    tax_rows: r.tax_rows,
    total_net: str(r.total_net),
    total_tax: str(r.total_tax),
    total_gross: str(r.total_gross),
    valid_until: r.valid_until.toISOString(),
    order_id: r.order_id,
    invoice_id: r.invoice_id,
    accepted_at: iso(r.accepted_at),
    declined_at: iso(r.declined_at),
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  };
}

/** The columns of a priced quote: totals in minor units. */
function pricedColumns(p: QuotePricing) {
  const minor = (value: string, field: string) =>
    String(fromDecimalString(value, p.currency, field).amount);
  return {
    currency: p.currency,
    price_basis: p.price_basis,
    reverse_charge: p.reverse_charge,
    priced_on: p.date,
    lines: toJson(p.lines),
    tax_rows: toJson(p.tax_rows),
    total_net: minor(p.total_net, "total_net"),
    total_tax: minor(p.total_tax, "total_tax"),
    total_gross: minor(p.total_gross, "total_gross"),
  };
}

/** The quote's valid_until: as given (after now), or DEFAULT_VALIDITY_DAYS from now. */
export function validUntilOf(ctx: Ctx, given: string | undefined): Date {
  const now = ctx.clock.now();
  if (given === undefined) {
    return dateOf(now.add({ hours: 24 * DEFAULT_VALIDITY_DAYS }));
  }
  const at = parseTimestamp(given, "valid_until");
  if (Temporal.Instant.compare(at, now) <= 0) {
    throw unprocessable("valid_until_not_future", "valid_until must lie after now", {
      field: "valid_until",
    });
  }
  return dateOf(at);
}

async function announce(
  ctx: Ctx,
  type: "quote.created" | "quote.updated" | "quote.accepted" | "quote.declined",
  quote: Quote,
  before?: Quote,
) {
  ctx.audit({
    targetType: "quote",
    targetId: quote.id,
    ...(before ? { before } : {}),
    after: quote,
  });
  await ctx.emit({ type, subjectType: "quote", subjectId: quote.id, payload: quote });
}

/** Stores a new open quote with its pricing. */
export async function recordQuote(
  ctx: Ctx,
  input: {
    type: QuoteType;
    customerId: string;
    contractId: string | null;
    fields: Record<string, unknown>;
    startsAt: Date | null;
    validUntil: Date;
    pricing: QuotePricing;
  },
): Promise<Quote> {
  const now = nowDate(ctx);
  const row = await insertQuote(ctx.db, {
    id: newId("quote"),
    tenant_id: ctx.tenantId,
    type: input.type,
    status: "open",
    customer_id: input.customerId,
    contract_id: input.contractId,
    input: toJson(input.fields),
    starts_at: input.startsAt,
    ...pricedColumns(input.pricing),
    valid_until: input.validUntil,
    order_id: null,
    invoice_id: null,
    accepted_at: null,
    declined_at: null,
    created_at: now,
    updated_at: now,
  });
  const quote = toQuote(row, now);
  await announce(ctx, "quote.created", quote);
  return quote;
}

/**
 * The quote an action (edit, accept, decline) is taken on, locked: refused unless it is open
 * and not past valid_until.
 */
export async function lockOpenQuote(ctx: Ctx, id: string): Promise<QuoteRow> {
  const row = await findQuote(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!row) throw notFound("quote_not_found", `no quote ${id}`, { id });
  const status = toQuote(row, nowDate(ctx)).status;
  if (status === "expired") {
    throw conflict("quote_expired", `quote ${id} expired at ${row.valid_until.toISOString()}`, {
      id,
      status,
      valid_until: row.valid_until.toISOString(),
    });
  }
  if (status !== "open") {
    throw conflict("quote_not_open", `quote ${id} is ${status}`, { id, status });
  }
  return row;
}

/** Stores an open quote's new fields and pricing. */
export async function repriceQuote(
  ctx: Ctx,
  before: QuoteRow,
  input: {
    fields: Record<string, unknown>;
    startsAt: Date | null;
    validUntil: Date;
    pricing: QuotePricing;
  },
): Promise<Quote> {
  const now = nowDate(ctx);
  const row = await updateQuote(ctx.db, ctx.tenantId, before.id, {
    input: toJson(input.fields),
    starts_at: input.startsAt,
    ...pricedColumns(input.pricing),
    valid_until: input.validUntil,
    updated_at: now,
  });
  const quote = toQuote(row, now);
  await announce(ctx, "quote.updated", quote, toQuote(before, now));
  return quote;
}

/** Closes an open quote: accepted (with what accepting it made) or declined. */
export async function closeQuote(
  ctx: Ctx,
  before: QuoteRow,
  outcome:
    | {
        status: "accepted";
        orderId: string | null;
        contractId: string | null;
        invoiceId: string | null;
      }
    | { status: "declined" },
): Promise<Quote> {
  const now = nowDate(ctx);
  const row = await updateQuote(
    ctx.db,
    ctx.tenantId,
    before.id,
    outcome.status === "accepted"
      ? {
          status: "accepted",
          order_id: outcome.orderId,
          contract_id: outcome.contractId ?? before.contract_id,
          invoice_id: outcome.invoiceId,
          accepted_at: now,
          updated_at: now,
        }
      : { status: "declined", declined_at: now, updated_at: now },
  );
  const quote = toQuote(row, now);
  await announce(ctx, `quote.${outcome.status}`, quote, toQuote(before, now));
  return quote;
}

export async function getQuote(ctx: Ctx, id: string): Promise<Quote> {
  const row = await findQuote(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("quote_not_found", `no quote ${id}`, { id });
  return toQuote(row, nowDate(ctx));
}

/** What a keyset cursor of each of the quotes list's sorts holds. */
const SORT_VALUES: Record<Exclude<QuoteSort, "created">, CursorValueShape[]> = {
  valid_until: [INSTANT_KEY],
};

/**
 * A page of the tenant's quotes in the order `sort` and `order` name (by creation, ascending,
 * when absent), narrowed by customer, status (an open quote past its valid_until is expired,
 * as of the tenant's now) and the UTC days created (each end included). A list by creation
 * pages by id; by valid_until by an opaque keyset cursor, refused for another sort or
 * direction. With `includeTotal`, also how many quotes match (one COUNT more).
 */
export async function listQuotes(
  ctx: Ctx,
  req: {
    limit: number;
    cursor?: string | undefined;
    customerId?: string | undefined;
    status?: QuoteStatus | undefined;
    /** Created on this UTC day (YYYY-MM-DD) or later. */
    createdFrom?: string | undefined;
    /** Created on this UTC day or earlier. */
    createdTo?: string | undefined;
    sort?: QuoteSort | undefined;
    order?: "asc" | "desc" | undefined;
    includeTotal?: boolean | undefined;
  },
): Promise<Page<Quote> & { total_count?: number }> {
  const now = nowDate(ctx);
  const filter: QuoteListFilter = {
    customerId: req.customerId,
    status: req.status ? { is: req.status, at: now } : undefined,
    createdFrom: req.createdFrom ? utcDayStart(req.createdFrom, 0) : undefined,
    createdBefore: req.createdTo ? utcDayStart(req.createdTo, 1) : undefined,
  };
  const { sort, order, ...paging } = sortKeyPaging<keyof typeof SORT_VALUES, ListedQuote>({
    kind: "quote",
    cursor: req.cursor,
    sort: req.sort,
    order: req.order,
    shapes: SORT_VALUES,
  });
  const page = await fetchPage(
    req.limit,
    (limit) =>
      listQuoteRows(ctx.db, ctx.tenantId, {
        ...filter,
        limit,
        cursor: paging.idCursor,
        after: paging.after,
        sort,
        order,
      }),
    (row) => toQuote(row, now),
    paging.cursorOf,
  );
  if (!req.includeTotal) return page;
  return { ...page, total_count: await countQuoteRows(ctx.db, ctx.tenantId, filter) };
}

/** The quote's PDF (its lines and totals as quoted). */
export async function quotePdfOf(ctx: Ctx, id: string): Promise<{ name: string; bytes: Buffer }> {
  const row = await findQuote(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("quote_not_found", `no quote ${id}`, { id });
  const quote = toQuote(row, nowDate(ctx));
  return quotePdf(ctx, {
    ...quote,
    created_at: row.created_at,
    valid_until: row.valid_until,
  });
}
