/**
 * Gift subscriptions (Chargebee's gifts): a customer (the gifter) buys a subscription for a
 * recipient named by e-mail and pays for the gifted term at once; from the gift's date on the
 * recipient claims it, and a non-renewing contract runs for the term. What buying and claiming
 * do across modules is the gifts workflow's (src/workflows/gifts.ts); this module stores the
 * gift and holds its state machine, read on the tenant's clock:
 *
 *   scheduled ──date comes──▶ unclaimed ──claim──▶ claimed
 *      │                        │    └──claim expiry date passes──▶ expired
 *      └─────────cancel─────────┴──▶ cancelled
 *
 * A scheduled gift whose date the clock passed reads (and is claimed) as unclaimed at once;
 * the gift job stores the change and announces it (`gift.unclaimed`, `gift.expired`).
 * Anything else is refused with a 409 naming the gift's status, and nothing is written.
 */
import type { Kysely } from "kysely";
import type { Static } from "typebox";
import type { Clock } from "../../domain/clock.js";
import { conflict, notFound } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import { toJson } from "../../lib/json.js";
import { yielder } from "../../lib/yield.js";
import type { DB, GiftsTable, PeriodValue } from "../../storage/schema.js";
import { clockFor } from "../clock/index.js";
import { type Ctx, nowDate } from "../context.js";
import { fetchPage, type Page } from "../pagination.js";
import {
  claimDueGifts,
  findGift,
  type GiftRow,
  insertGift,
  listGiftRows,
  updateGift,
} from "./gifts.repository.js";
import type { GiftSchema, GiftSubscriptionBody } from "./gifts.schemas.js";

export type Gift = Static<typeof GiftSchema>;
export type GiftStatus = GiftsTable["status"];
export type GiftItems = Static<typeof GiftSubscriptionBody>;
export type { GiftRow };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The gift's status at `now`: a stored status the clock has overtaken reads as it will be. */
export function giftStatusAt(row: GiftRow, now: Date): GiftStatus {
  const expired = row.claim_expires_at !== null && row.claim_expires_at <= now;
  if (row.status === "scheduled" && row.scheduled_at <= now) {
    return expired ? "expired" : "unclaimed";
  }
  if (row.status === "unclaimed" && expired) return "expired";
  return row.status;
}

function toGift(r: GiftRow, now: Date): Gift {
  const items = r.subscription as GiftItems;
  return {
    id: r.id,
    status: giftStatusAt(r, now),
    scheduled_at: r.scheduled_at.toISOString(),
    claim_expiry_date: iso(r.claim_expires_at),
    gifter: {
      customer_id: r.gifter_customer_id,
      invoice_id: r.invoice_id,
      credit_note_id: r.credit_note_id,
      note: r.gifter_note,
      signature: r.gifter_signature,
    },
    gift_receiver: {
      customer_id: r.receiver_customer_id,
      email: r.receiver_email,
      first_name: r.receiver_first_name,
      last_name: r.receiver_last_name,
    },
    subscription: {
      plan_variant_id: items.plan_variant_id,
      quantity: items.quantity ?? "1",
      components: [...(items.components ?? [])],
      term: r.term,
      contract_id: r.contract_id,
    },
    claimed_at: iso(r.claimed_at),
    cancelled_at: iso(r.cancelled_at),
    expired_at: iso(r.expired_at),
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  };
}

function record(ctx: Ctx, gift: Gift, before?: Gift) {
  ctx.audit({ targetType: "gift", targetId: gift.id, ...(before ? { before } : {}), after: gift });
}

async function announce(ctx: Ctx, type: Parameters<Ctx["emit"]>[0]["type"], gift: Gift) {
  await ctx.emit({ type, subjectType: "gift", subjectId: gift.id, payload: gift });
}

export type NewGift = {
  gifterCustomerId: string;
  note: string | null;
  signature: string | null;
  receiver: {
    customerId: string | null;
    email: string;
    firstName: string | null;
    lastName: string | null;
  };
  items: GiftItems;
  term: PeriodValue;
  scheduledAt: Date;
  claimExpiresAt: Date | null;
  invoiceId: string;
};

/**
 * Stores a bought gift: `gift.scheduled`, and `gift.unclaimed` at once when its date is now.
 */
export async function recordGift(ctx: Ctx, input: NewGift): Promise<Gift> {
  const now = nowDate(ctx);
  const due = input.scheduledAt <= now;
  const row = await insertGift(ctx.db, {
    id: newId("gift"),
    tenant_id: ctx.tenantId,
    status: due ? "unclaimed" : "scheduled",
    gifter_customer_id: input.gifterCustomerId,
    gifter_note: input.note,
    gifter_signature: input.signature,
    receiver_customer_id: input.receiver.customerId,
    receiver_email: input.receiver.email,
    receiver_first_name: input.receiver.firstName,
    receiver_last_name: input.receiver.lastName,
    subscription: toJson(input.items),
    term: toJson(input.term),
    scheduled_at: input.scheduledAt,
    claim_expires_at: input.claimExpiresAt,
    invoice_id: input.invoiceId,
    credit_note_id: null,
    contract_id: null,
    claimed_at: null,
    cancelled_at: null,
    expired_at: null,
    created_at: now,
    updated_at: now,
  });
  const gift = toGift(row, now);
  record(ctx, gift);
  await announce(ctx, "gift.scheduled", { ...gift, status: "scheduled" });
  if (due) await announce(ctx, "gift.unclaimed", gift);
  return gift;
}

/** A gift by its id, locked for a change; 404 when the tenant has none. */
export async function lockGift(ctx: Ctx, id: string): Promise<GiftRow> {
  const row = await findGift(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!row) throw notFound("gift_not_found", `no gift ${id}`, { id });
  return row;
}

/** Refuses a gift in `status` for what the caller asks; the code names the status. */
function refuse(row: GiftRow, status: GiftStatus, what: string) {
  const details = { id: row.id, status };
  switch (status) {
    case "scheduled":
      return conflict(
        "gift_not_claimable",
        `gift ${row.id} is scheduled for ${row.scheduled_at.toISOString()}: it is ${what} from then on`,
        { ...details, scheduled_at: row.scheduled_at.toISOString() },
      );
    case "claimed":
      return conflict("gift_already_claimed", `gift ${row.id} was claimed`, details);
    case "cancelled":
      return conflict("gift_cancelled", `gift ${row.id} was cancelled`, details);
    case "expired":
      return conflict("gift_expired", `gift ${row.id} expired unclaimed`, details);
    default:
      return conflict("gift_not_scheduled", `gift ${row.id} is ${status}`, details);
  }
}

/** The locked gift, refused unless it can be claimed now (unclaimed at the tenant's now). */
export async function lockClaimableGift(ctx: Ctx, id: string): Promise<GiftRow> {
  const row = await lockGift(ctx, id);
  const status = giftStatusAt(row, nowDate(ctx));
  if (status !== "unclaimed") throw refuse(row, status, "claimed");
  return row;
}

/** The locked gift, refused unless it is scheduled or unclaimed (it can be cancelled). */
export async function lockCancellableGift(ctx: Ctx, id: string): Promise<GiftRow> {
  const row = await lockGift(ctx, id);
  const status = giftStatusAt(row, nowDate(ctx));
  if (status !== "scheduled" && status !== "unclaimed") throw refuse(row, status, "cancelled");
  return row;
}

/** The recipient claimed it: its customer and contract recorded; `gift.claimed`. */
export async function markClaimed(
  ctx: Ctx,
  before: GiftRow,
  outcome: { customerId: string; contractId: string },
): Promise<Gift> {
  const now = nowDate(ctx);
  const row = await updateGift(ctx.db, ctx.tenantId, before.id, {
    status: "claimed",
    receiver_customer_id: outcome.customerId,
    contract_id: outcome.contractId,
    claimed_at: now,
    updated_at: now,
  });
  const gift = toGift(row, now);
  record(ctx, gift, toGift(before, now));
  await announce(ctx, "gift.claimed", gift);
  return gift;
}

/** The gift was cancelled, its invoice credited by `creditNoteId`; `gift.cancelled`. */
export async function markCancelled(
  ctx: Ctx,
  before: GiftRow,
  creditNoteId: string | null,
): Promise<Gift> {
  const now = nowDate(ctx);
  const row = await updateGift(ctx.db, ctx.tenantId, before.id, {
    status: "cancelled",
    credit_note_id: creditNoteId,
    cancelled_at: now,
    updated_at: now,
  });
  const gift = toGift(row, now);
  record(ctx, gift, toGift(before, now));
  await announce(ctx, "gift.cancelled", gift);
  return gift;
}

/** A scheduled gift's new date (checked by the caller not to be before now); `gift.updated`. */
export async function reschedule(ctx: Ctx, id: string, scheduledAt: Date): Promise<Gift> {
  const before = await lockGift(ctx, id);
  const now = nowDate(ctx);
  const status = giftStatusAt(before, now);
  if (status !== "scheduled") {
    throw conflict(
      "gift_not_scheduled",
      `gift ${id} is ${status}: only a scheduled gift's date changes`,
      { id, status },
    );
  }
  const due = scheduledAt <= now;
  const row = await updateGift(ctx.db, ctx.tenantId, id, {
    scheduled_at: scheduledAt,
    status: due ? "unclaimed" : "scheduled",
    updated_at: now,
  });
  const gift = toGift(row, now);
  record(ctx, gift, toGift(before, now));
  await announce(ctx, "gift.updated", gift);
  if (due) await announce(ctx, "gift.unclaimed", gift);
  return gift;
}

export async function getGift(ctx: Ctx, id: string): Promise<Gift> {
  const row = await findGift(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("gift_not_found", `no gift ${id}`, { id });
  return toGift(row, nowDate(ctx));
}

/** The gift's stored row (for the workflow), or 404. */
export async function findGiftRow(ctx: Ctx, id: string): Promise<GiftRow> {
  const row = await findGift(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("gift_not_found", `no gift ${id}`, { id });
  return row;
}

export async function listGifts(
  ctx: Ctx,
  req: {
    limit: number;
    cursor?: string | undefined;
    status?: GiftStatus | undefined;
    gifterCustomerId?: string | undefined;
    receiverCustomerId?: string | undefined;
  },
): Promise<Page<Gift>> {
  const now = nowDate(ctx);
  if (req.status === undefined) {
    return fetchPage(
      req.limit,
      (limit) => listGiftRows(ctx.db, ctx.tenantId, { ...req, limit }),
      (row) => toGift(row, now),
    );
  }
  // the status is read on the clock: filter the answered gifts, reading on until a page is full
  const data: Gift[] = [];
  let cursor = req.cursor;
  for (;;) {
    const rows = await listGiftRows(ctx.db, ctx.tenantId, { ...req, cursor, limit: 200 });
    for (const row of rows) {
      const gift = toGift(row, now);
      if (gift.status !== req.status) continue;
      if (data.length === req.limit) {
        return { data, has_more: true, next_cursor: data.at(-1)!.id };
      }
      data.push(gift);
    }
    if (rows.length < 200) return { data, has_more: false, next_cursor: null };
    cursor = rows.at(-1)!.id;
  }
}

/** A context of the tenant's, in the caller's unit of work, for the events it announces. */
export type TenantContexts = (tenantId: string, clock: Clock) => Promise<Ctx>;

/**
 * Stores what the clock did to gifts, each once: a scheduled gift whose date came becomes
 * unclaimed (`gift.unclaimed`); an unclaimed one past its claim expiry date, expired
 * (`gift.expired`). Run by the gift job in its own transaction `trx`.
 */
export async function announceDueGifts(
  trx: Kysely<DB>,
  options: { now: () => Date; limit: number },
  contextOf: TenantContexts,
): Promise<number> {
  const now = options.now();
  const due = await claimDueGifts(trx, now, options.limit);
  // hundreds of statements, which an embedded database answers without letting go of the
  // event loop: it runs between gifts (src/lib/yield.ts)
  const yields = yielder();
  for (const { test_clock_now, ...before } of due) {
    await yields.pause();
    const at = test_clock_now ?? now;
    const ctx = await contextOf(before.tenant_id, clockFor(at));
    const status = giftStatusAt(before, at);
    if (before.status === "scheduled") {
      // its date came: claimable (announced even when its claim expiry passed as well)
      const row = await updateGift(trx, before.tenant_id, before.id, {
        status: "unclaimed",
        updated_at: at,
      });
      await announce(ctx, "gift.unclaimed", toGift(row, at));
    }
    if (status === "expired") {
      const row = await updateGift(trx, before.tenant_id, before.id, {
        status: "expired",
        expired_at: at,
        updated_at: at,
      });
      const gift = toGift(row, at);
      record(ctx, gift, toGift(before, at));
      await announce(ctx, "gift.expired", gift);
    }
  }
  return due.length;
}
