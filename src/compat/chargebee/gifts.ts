/**
 * Chargebee's gifts (Product Catalog 2.0: "for items") over Accrue's gifts: a subscription one
 * customer (the gifter) buys for another (the receiver), who claims it. Each call is one
 * native request: `POST /v1/gifts`, `…/claim`, `…/cancel`, `…/update_gift`.
 *
 * Accrue's gifts are claimed by the receiver (`auto_claim` is false); the gifted subscription
 * is the receiver's contract once claimed (`gift_receiver.subscription_id`). The timeline is
 * read from the gift's dates.
 */
import type { FastifyInstance } from "fastify";
import { customerId } from "./customers.js";
import { invoiceEstimate } from "./estimates.js";
import { type CbCall, cbRoute } from "./routes.js";
import { cartOf } from "./subscriptions.js";
import {
  CbError,
  compact,
  listOf,
  missing,
  notFound,
  notSupported,
  type Reader,
  unix,
  wrongValue,
} from "./wire.js";

type GiftStatus = "scheduled" | "unclaimed" | "claimed" | "cancelled" | "expired";

export type NativeGift = {
  id: string;
  status: GiftStatus;
  scheduled_at: string;
  claim_expiry_date: string | null;
  gifter: {
    customer_id: string;
    invoice_id: string;
    credit_note_id: string | null;
    note: string | null;
    signature: string | null;
  };
  gift_receiver: {
    customer_id: string | null;
    email: string;
    first_name: string | null;
    last_name: string | null;
  };
  subscription: { contract_id: string | null };
  claimed_at: string | null;
  cancelled_at: string | null;
  expired_at: string | null;
  created_at: string;
  updated_at: string;
};

const STATUSES = ["scheduled", "unclaimed", "claimed", "cancelled", "expired"] as const;

/** The gift's timeline, oldest first, from its dates. */
function timelineOf(g: NativeGift): Array<Record<string, unknown>> {
  const created = Date.parse(g.created_at);
  const scheduled = Date.parse(g.scheduled_at);
  const claimable = Math.max(created, scheduled);
  const out: Array<{ status: GiftStatus; at: number }> = [];
  if (scheduled > created) out.push({ status: "scheduled", at: created });
  const cancelledBefore = g.cancelled_at !== null && Date.parse(g.cancelled_at) < claimable;
  if (g.status !== "scheduled" && !cancelledBefore) {
    out.push({ status: "unclaimed", at: claimable });
  }
  if (g.claimed_at) out.push({ status: "claimed", at: Date.parse(g.claimed_at) });
  if (g.cancelled_at) out.push({ status: "cancelled", at: Date.parse(g.cancelled_at) });
  if (g.expired_at) out.push({ status: "expired", at: Date.parse(g.expired_at) });
  return out.map((t) => ({
    status: t.status,
    occurred_at: Math.floor(t.at / 1000),
    object: "gift_timeline",
  }));
}

export function giftObject(g: NativeGift): Record<string, unknown> {
  return compact({
    id: g.id,
    status: g.status,
    scheduled_at: unix(g.scheduled_at),
    auto_claim: false,
    no_expiry: g.claim_expiry_date === null,
    claim_expiry_date: unix(g.claim_expiry_date),
    resource_version: Date.parse(g.updated_at),
    updated_at: unix(g.updated_at),
    gifter: compact({
      customer_id: g.gifter.customer_id,
      invoice_id: g.gifter.invoice_id,
      signature: g.gifter.signature,
      note: g.gifter.note,
      object: "gifter",
    }),
    gift_receiver: compact({
      customer_id: g.gift_receiver.customer_id,
      subscription_id: g.subscription.contract_id,
      first_name: g.gift_receiver.first_name,
      last_name: g.gift_receiver.last_name,
      email: g.gift_receiver.email,
      object: "gift_receiver",
    }),
    gift_timelines: timelineOf(g),
    object: "gift",
  });
}

const one = (g: NativeGift) => ({ gift: giftObject(g) });

const path = (call: CbCall, suffix = "") => `/v1/gifts/${encodeURIComponent(call.id)}${suffix}`;

/**
 * A gift's fields as Chargebee names them (`gifter[…]`, `gift_receiver[…]`,
 * `subscription_items[…][i]`, `scheduled_at`, `claim_expiry_date`) → the native gift body.
 * `payment` reads `gifter[payment_src_id]` too (a gift bought through the API). `dates` is
 * where the gift's own fields are (`scheduled_at`, `no_expiry`, …): the call's parameters, or
 * the estimate's `gift[…]`.
 */
export async function giftInput(
  call: CbCall,
  p: Reader,
  payment: boolean,
  dates: { reader: Reader | undefined; prefix?: string } = { reader: p },
): Promise<Record<string, unknown>> {
  const gifter = p.object("gifter");
  const gifterId = gifter?.str("customer_id", 64);
  if (!gifter || !gifterId) throw missing("gifter[customer_id]");
  const signature = gifter.str("signature", 200);
  const note = gifter.str("note", 1000);
  const source = payment ? gifter.str("payment_src_id", 64) : undefined;
  gifter.rejectUnread();
  const receiver = p.object("gift_receiver");
  const email = receiver?.str("email", 254);
  if (!receiver || !email) throw missing("gift_receiver[email]");
  const receiverId = receiver.str("customer_id", 64);
  const firstName = receiver.str("first_name", 100);
  const lastName = receiver.str("last_name", 100);
  receiver.rejectUnread();
  const cart = cartOf(p, true);
  const gift = dates.reader;
  const name = (key: string) => (dates.prefix ? `${dates.prefix}[${key}]` : key);
  const scheduled = gift?.timestamp("scheduled_at");
  const expiry = gift?.timestamp("claim_expiry_date");
  const noExpiry = gift?.bool("no_expiry");
  if (noExpiry && expiry) {
    throw wrongValue(name("claim_expiry_date"), "is not taken with no_expiry true");
  }
  if (noExpiry === false && !expiry) throw missing(name("claim_expiry_date"));
  if (gift?.bool("auto_claim")) {
    throw notSupported(name("auto_claim"), "the receiver claims a gift");
  }
  if (gift !== p) gift?.rejectUnread();
  return compact({
    gifter: compact({
      customer_id: await customerId(call, gifterId, "gifter[customer_id]"),
      signature: signature || undefined,
      note: note || undefined,
      payment_source_id: source || undefined,
    }),
    gift_receiver: compact({
      customer_id: receiverId
        ? await customerId(call, receiverId, "gift_receiver[customer_id]")
        : undefined,
      email,
      first_name: firstName || undefined,
      last_name: lastName || undefined,
    }),
    subscription: compact({
      plan_variant_id: cart.plan_variant_id,
      quantity: cart.quantity,
      components: cart.components.length > 0 ? cart.components : undefined,
    }),
    scheduled_at: scheduled,
    claim_expiry_date: expiry,
  });
}

/**
 * An item price the catalog does not have, refused by the native gift: Chargebee's 404
 * `resource_not_found` naming the row that gave it (`subscription_items[item_price_id][i]`).
 * The native refusal names the plan variant, or the k-th component: the k-th addon row.
 */
function unknownItemPrice(p: Reader): (error: unknown) => never {
  return (error) => {
    if (!(error instanceof CbError)) throw error;
    const ids = p.rows("subscription_items", 50).map((row) => row.str("item_price_id", 64) ?? "");
    let row: number | undefined;
    if (error.accrueCode === "unknown_plan_variant") {
      row = ids.findIndex((id) => id.startsWith("plv_"));
    } else if (error.accrueCode === "unknown_component") {
      const k = /components\.(\d+)\.component_id$/.exec(error.param ?? "")?.[1];
      const addons = ids.flatMap((id, i) => (id.startsWith("cmp_") ? [i] : []));
      row = k === undefined ? undefined : addons[Number(k)];
    }
    if (row === undefined || row < 0) throw error;
    throw new CbError(
      404,
      "resource_not_found",
      error.message,
      "invalid_request",
      `subscription_items[item_price_id][${row}]`,
      error.accrueCode,
    );
  };
}

async function loadGift(call: CbCall): Promise<NativeGift> {
  return call.get(path(call)).catch((error: unknown) => {
    if ((error as { status?: number }).status === 404) throw notFound(`gift ${call.id}`, "id");
    throw error;
  });
}

export async function chargebeeGiftRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(app, "POST", "/gifts/create_for_items", "gift.create_for_items", async (call) => {
    const p = call.params;
    const body = await giftInput(call, p, true);
    p.rejectUnread();
    return one(await call.change("POST", "/v1/gifts", body).catch(unknownItemPrice(p)));
  });

  // the gifter's invoice for the gifted term, as buying the gift would issue it
  cbRoute(
    app,
    "POST",
    "/estimates/gift_subscription_for_items",
    "estimate.gift_subscription_for_items",
    async (call) => {
      const p = call.params;
      const body = await giftInput(call, p, true, { reader: p.object("gift"), prefix: "gift" });
      p.rejectUnread();
      const preview = (
        await call
          .native({ method: "POST", url: "/v1/estimates/gift_subscription_for_items", body })
          .catch(unknownItemPrice(p))
      ).body;
      const gifter = (body.gifter as { customer_id: string }).customer_id;
      const clock = await call.get("/v1/test_clock");
      return {
        estimate: {
          created_at: unix(clock.now),
          object: "estimate",
          // the preview's contract is the gifted subscription's, not kept
          invoice_estimate: invoiceEstimate(preview, gifter, false),
        },
      };
    },
  );

  cbRoute(app, "GET", "/gifts/:id", "gift.retrieve", async (call) => {
    call.params.rejectUnread();
    return one(await loadGift(call));
  });

  cbRoute(app, "GET", "/gifts", "gift.list", async (call) => {
    const p = call.params;
    const { limit, offset } = p.page();
    const status = p.filterIs("status", 20);
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
      throw wrongValue("status[is]", `must be one of ${STATUSES.join(", ")}`);
    }
    const gifter = p.object("gifter");
    const gifterId = gifter?.filterIs("customer_id", 64);
    gifter?.rejectUnread();
    const receiver = p.object("gift_receiver");
    const receiverId = receiver?.filterIs("customer_id", 64);
    receiver?.rejectUnread();
    p.rejectUnread();
    const page = await call.get("/v1/gifts", {
      limit,
      cursor: offset,
      status,
      gifter_customer_id: gifterId,
      receiver_customer_id: receiverId,
    });
    return listOf((page.data as NativeGift[]).map(one), page.next_cursor);
  });

  cbRoute(app, "POST", "/gifts/:id/claim", "gift.claim", async (call) => {
    call.params.rejectUnread();
    return one(await call.change("POST", path(call, "/claim"), {}));
  });

  cbRoute(app, "POST", "/gifts/:id/cancel", "gift.cancel", async (call) => {
    call.params.rejectUnread();
    return one(await call.change("POST", path(call, "/cancel")));
  });

  cbRoute(app, "POST", "/gifts/:id/update_gift", "gift.update_gift", async (call) => {
    const p = call.params;
    const scheduled = p.timestamp("scheduled_at");
    if (!scheduled) throw missing("scheduled_at");
    const comment = p.str("comment", 500);
    p.rejectUnread();
    return one(
      await call.change("POST", path(call, "/update_gift"), {
        scheduled_at: scheduled,
        ...(comment ? { comment } : {}),
      }),
    );
  });
}
