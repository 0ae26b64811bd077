/**
 * Hosted pages (Chargebee's hosted_pages): a page of the customer portal through which a
 * customer completes one thing — a checkout, a payment method, paying open invoices, accepting
 * a quote. The page is opened by its own short-lived token (`hpt_…`, stored as a hash) at
 * `/portal/<token>`; what completing it does is the hosted pages workflow's
 * (src/workflows/hosted-pages.ts). This module stores the page and holds its state machine:
 *
 *   created ──open──▶ requested ──complete──▶ succeeded ──acknowledge──▶ acknowledged
 *      │                  │
 *      └──────cancel──────┴──▶ cancelled
 *
 * A page can be opened, completed or cancelled until `expires_at` on the tenant's clock
 * (409 `hosted_page_expired` after); anything but an open page is refused (409
 * `hosted_page_not_open`), and nothing is written.
 */
import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { conflict, notFound, unauthenticated } from "../../domain/errors.js";
import { HOSTED_PAGE_PERMISSION } from "../../domain/operations.js";
import { parseTimestamp } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import { toJson } from "../../lib/json.js";
import type { DB, HostedPagesTable } from "../../storage/schema.js";
import { generateSecret, hashSecret, type Principal } from "../access/index.js";
import { type Ctx, nowDate } from "../context.js";
import { fetchPage, type Page } from "../pagination.js";
import {
  findHostedPage,
  findPageByToken,
  type HostedPageRow,
  insertHostedPage,
  listHostedPageRows,
  updateHostedPage,
} from "./hosted-pages.repository.js";
import { DEFAULT_PAGE_VALIDITY_MINUTES, type HostedPageSchema } from "./hosted-pages.schemas.js";

export type HostedPage = Static<typeof HostedPageSchema>;
export type HostedPageType = HostedPagesTable["type"];
export type { HostedPageRow };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const OPEN: ReadonlySet<HostedPagesTable["state"]> = new Set(["created", "requested"]);

function toHostedPage(r: HostedPageRow, now: Date, url: string | null = null): HostedPage {
  return {
    id: r.id,
    type: r.type,
    state: r.state,
    url,
    customer_id: r.customer_id,
    contract_id: r.contract_id,
    quote_id: r.quote_id,
    invoice_id: r.invoice_id,
    voucher: r.voucher as HostedPage["voucher"],
    events: r.events as HostedPage["events"],
    input: r.input,
    content: r.content,
    expires_at: r.expires_at.toISOString(),
    expired: OPEN.has(r.state) && r.expires_at <= now,
    requested_at: iso(r.requested_at),
    succeeded_at: iso(r.succeeded_at),
    cancelled_at: iso(r.cancelled_at),
    acknowledged_at: iso(r.acknowledged_at),
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  };
}

function record(ctx: Ctx, page: HostedPage, before?: HostedPage) {
  ctx.audit({
    targetType: "hosted_page",
    targetId: page.id,
    ...(before ? { before } : {}),
    after: page,
  });
}

/** Stores a new page; answers it with its URL (the only time the token is seen). */
export async function recordHostedPage(
  ctx: Ctx,
  input: {
    type: HostedPageType;
    customerId: string | null;
    contractId: string | null;
    quoteId: string | null;
    invoiceId?: string | undefined;
    voucher?: Record<string, unknown> | undefined;
    fields: Record<string, unknown>;
    validityMinutes: number | undefined;
    publicUrl: string;
  },
): Promise<HostedPage> {
  const now = nowDate(ctx);
  const minutes = input.validityMinutes ?? DEFAULT_PAGE_VALIDITY_MINUTES;
  const token = generateSecret("hpt");
  const row = await insertHostedPage(ctx.db, {
    id: newId("hostedPage"),
    tenant_id: ctx.tenantId,
    type: input.type,
    state: "created",
    token_hash: hashSecret(token),
    customer_id: input.customerId,
    contract_id: input.contractId,
    quote_id: input.quoteId,
    invoice_id: input.invoiceId ?? null,
    voucher: input.voucher ? toJson(input.voucher) : null,
    input: toJson(input.fields),
    content: null,
    // the page's own deadline, on the tenant's clock (a test clock moves it)
    expires_at: new Date(now.getTime() + minutes * 60_000),
    requested_at: null,
    succeeded_at: null,
    cancelled_at: null,
    acknowledged_at: null,
    created_at: now,
    updated_at: now,
  });
  const page = toHostedPage(row, now);
  record(ctx, page);
  return { ...page, url: `${input.publicUrl}/portal/${token}` };
}

/**
 * The page a customer acts on (opens, completes, cancels), locked: refused unless it is
 * created or requested and the tenant's now is before expires_at.
 */
export async function lockOpenPage(ctx: Ctx, id: string): Promise<HostedPageRow> {
  const row = await findHostedPage(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!row) throw notFound("hosted_page_not_found", `no hosted page ${id}`, { id });
  if (!OPEN.has(row.state)) {
    throw conflict("hosted_page_not_open", `hosted page ${id} is ${row.state}`, {
      id,
      state: row.state,
    });
  }
  if (row.expires_at <= nowDate(ctx)) {
    throw conflict(
      "hosted_page_expired",
      `hosted page ${id} expired at ${row.expires_at.toISOString()}`,
      { id, expires_at: row.expires_at.toISOString() },
    );
  }
  return row;
}

/** The customer opened the page: created becomes requested (a requested page stays so). */
export async function markRequested(ctx: Ctx, before: HostedPageRow): Promise<HostedPage> {
  const now = nowDate(ctx);
  if (before.state === "requested") return toHostedPage(before, now);
  const row = await updateHostedPage(ctx.db, ctx.tenantId, before.id, {
    state: "requested",
    requested_at: now,
    updated_at: now,
  });
  const page = toHostedPage(row, now);
  record(ctx, page, toHostedPage(before, now));
  return page;
}

/** The page was completed: succeeded, with what it produced. */
export async function succeedPage(
  ctx: Ctx,
  before: HostedPageRow,
  outcome: {
    content: Record<string, unknown>;
    customerId?: string | undefined;
    contractId?: string | null | undefined;
  },
): Promise<HostedPage> {
  const now = nowDate(ctx);
  const row = await updateHostedPage(ctx.db, ctx.tenantId, before.id, {
    state: "succeeded",
    content: toJson(outcome.content),
    customer_id: outcome.customerId ?? before.customer_id,
    contract_id: outcome.contractId ?? before.contract_id,
    requested_at: before.requested_at ?? now,
    succeeded_at: now,
    updated_at: now,
  });
  const page = toHostedPage(row, now);
  record(ctx, page, toHostedPage(before, now));
  await ctx.emit({
    type: "hosted_page.succeeded",
    subjectType: "hosted_page",
    subjectId: page.id,
    payload: page,
  });
  return page;
}

/** The customer left the page without completing it. */
export async function cancelPage(ctx: Ctx, before: HostedPageRow): Promise<HostedPage> {
  const now = nowDate(ctx);
  const row = await updateHostedPage(ctx.db, ctx.tenantId, before.id, {
    state: "cancelled",
    cancelled_at: now,
    updated_at: now,
  });
  const page = toHostedPage(row, now);
  record(ctx, page, toHostedPage(before, now));
  return page;
}

/** A page by its id; refused (404) when the tenant has none. */
export async function findPageForChange(ctx: Ctx, id: string): Promise<HostedPageRow> {
  const row = await findHostedPage(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!row) throw notFound("hosted_page_not_found", `no hosted page ${id}`, { id });
  return row;
}

/** The merchant took a succeeded page's content over: it becomes acknowledged. */
export async function acknowledgePage(ctx: Ctx, before: HostedPageRow): Promise<HostedPage> {
  if (before.state !== "succeeded") {
    throw conflict(
      "hosted_page_not_succeeded",
      `hosted page ${before.id} is ${before.state}: only a succeeded page is acknowledged`,
      { id: before.id, state: before.state },
    );
  }
  const now = nowDate(ctx);
  const row = await updateHostedPage(ctx.db, ctx.tenantId, before.id, {
    state: "acknowledged",
    acknowledged_at: now,
    updated_at: now,
  });
  const page = toHostedPage(row, now);
  record(ctx, page, toHostedPage(before, now));
  return page;
}

/** The most events a page keeps. */
export const MAX_PAGE_EVENTS = 100;

/** Records an event on a page, in any state; answers the page with it. */
export async function recordPageEvent(
  ctx: Ctx,
  before: HostedPageRow,
  event: { event_name: string; occurred_at?: string | undefined; data?: Record<string, unknown> },
): Promise<HostedPage> {
  if (before.events.length >= MAX_PAGE_EVENTS) {
    throw conflict(
      "hosted_page_events_full",
      `hosted page ${before.id} keeps ${MAX_PAGE_EVENTS} events at most`,
      { id: before.id, limit: MAX_PAGE_EVENTS },
    );
  }
  const now = nowDate(ctx);
  const occurredAt = event.occurred_at
    ? new Date(parseTimestamp(event.occurred_at, "occurred_at").epochMilliseconds)
    : now;
  const events = [
    ...before.events,
    {
      event_name: event.event_name,
      occurred_at: occurredAt.toISOString(),
      data: event.data ?? {},
      recorded_at: now.toISOString(),
    },
  ];
  const row = await updateHostedPage(ctx.db, ctx.tenantId, before.id, {
    events: toJson(events),
    updated_at: now,
  });
  const page = toHostedPage(row, now);
  record(ctx, page, toHostedPage(before, now));
  return page;
}

export async function getHostedPage(ctx: Ctx, id: string): Promise<HostedPage> {
  const row = await findHostedPage(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("hosted_page_not_found", `no hosted page ${id}`, { id });
  return toHostedPage(row, nowDate(ctx));
}

export async function listHostedPages(
  ctx: Ctx,
  req: {
    limit: number;
    cursor?: string | undefined;
    customerId?: string | undefined;
    state?: HostedPagesTable["state"] | undefined;
  },
): Promise<Page<HostedPage>> {
  const now = nowDate(ctx);
  return fetchPage(
    req.limit,
    (limit) => listHostedPageRows(ctx.db, ctx.tenantId, { ...req, limit }),
    (row) => toHostedPage(row, now),
  );
}

/** The tenant and page a hosted page's token opens, whatever the page's state; or 401. */
export async function verifyHostedPageToken(
  db: Kysely<DB>,
  token: string,
): Promise<{ tenantId: string; pageId: string; testClockNow: Date | null }> {
  const row = token.startsWith("hpt_") ? await findPageByToken(db, hashSecret(token)) : undefined;
  if (!row) throw unauthenticated("invalid_token", "the hosted page link is unknown");
  return { tenantId: row.tenant_id, pageId: row.id, testClockNow: row.test_clock_now };
}

/**
 * Resolves `Authorization: Bearer hpt_…` on the hosted page part of the portal's API to a
 * principal acting for the one page the token opens, or 401. The page's own state and expiry
 * are checked by what the caller asks for, on the tenant's clock.
 */
export async function authenticateHostedPage(
  db: Kysely<DB>,
  authorization: string | undefined,
): Promise<Principal> {
  const match = authorization ? /^Bearer\s+(hpt_\S+)\s*$/i.exec(authorization) : null;
  if (!match) throw unauthenticated("invalid_token", "the hosted page link is unknown");
  const opened = await verifyHostedPageToken(db, match[1]!);
  return {
    tenantId: opened.tenantId,
    actor: { type: "hosted_page", id: opened.pageId },
    roles: [],
    permissions: new Set([HOSTED_PAGE_PERMISSION]),
    testClockNow: opened.testClockNow,
    partnerId: null,
  };
}
