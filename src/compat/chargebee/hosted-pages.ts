/**
 * Chargebee's hosted pages and portal sessions over Accrue's hosted pages and portal links.
 *
 * Hosted pages: each Chargebee page type is the native `/v1/hosted_pages/*` route of the same
 * type, one request each; the page's `content` names the records completing it produced.
 *
 * Portal sessions: Accrue's portal links open one contract, so a session is created for a
 * customer with exactly one live subscription (else refused); its id names the link and the
 * contract (`ssl_….con_…`). Logout revokes that link; activate activates a link by its token.
 */
import type { FastifyInstance } from "fastify";
import { customerId } from "./customers.js";
import { giftInput } from "./gifts.js";
import { itemPriceChargeLine, readItemPriceCharge } from "./invoices.js";
import { chargeLines } from "./quotes.js";
import { type CbCall, cbRoute } from "./routes.js";
import { cartOf, couponOf } from "./subscriptions.js";
import {
  CbError,
  compact,
  listOf,
  missing,
  notFound,
  type Reader,
  sortedByCreation,
  unix,
  wrongValue,
} from "./wire.js";

type PageState = "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";

export type NativeHostedPage = {
  id: string;
  type: string;
  state: PageState;
  url: string | null;
  customer_id: string | null;
  contract_id: string | null;
  quote_id: string | null;
  invoice_id: string | null;
  content: Record<string, unknown> | null;
  expires_at: string;
  created_at: string;
  updated_at: string;
};

const STATES = ["created", "requested", "succeeded", "cancelled", "acknowledged"] as const;

/** The records a native `content` names (`customer_id`, …) → Chargebee's content objects. */
const CONTENT: Record<string, string> = {
  customer_id: "customer",
  contract_id: "subscription",
  invoice_id: "invoice",
  quote_id: "quote",
  payment_source_id: "payment_source",
  gift_id: "gift",
};

function contentOf(content: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, resource] of Object.entries(CONTENT)) {
    const id = content[key];
    if (typeof id === "string") out[resource] = { id, object: resource };
  }
  const invoices = content.invoice_ids;
  if (Array.isArray(invoices)) {
    out.invoices = invoices.map((id) => ({ id, object: "invoice" }));
  }
  const payments = content.payment_ids;
  if (Array.isArray(payments)) {
    out.transactions = payments.map((id) => ({ id, object: "transaction" }));
  }
  return out;
}

export function hostedPageObject(h: NativeHostedPage): Record<string, unknown> {
  const done = h.state === "succeeded" || h.state === "acknowledged";
  return compact({
    id: h.id,
    type: h.type,
    url: h.url,
    state: h.state,
    embed: false,
    created_at: unix(h.created_at),
    expires_at: unix(h.expires_at),
    updated_at: unix(h.updated_at),
    resource_version: Date.parse(h.updated_at),
    content: done && h.content ? contentOf(h.content) : undefined,
    object: "hosted_page",
  });
}

const one = (h: NativeHostedPage) => ({ hosted_page: hostedPageObject(h) });

const create = async (call: CbCall, route: string, body: Record<string, unknown>) =>
  one(await call.change("POST", `/v1/hosted_pages/${route}`, body));

/** `resource[id]` (`customer[id]`, `subscription[id]`, …), required. */
function idOf(p: Reader, resource: string, extra: string[] = []): string {
  const object = p.object(resource);
  const id = object?.str("id", 64);
  if (!object || !id) throw missing(`${resource}[id]`);
  for (const key of extra) object.str(key, 100);
  object.rejectUnread();
  return id;
}

/** `currency_code`, as a three-letter code. */
function currencyOf(p: Reader): string | undefined {
  const currency = p.str("currency_code", 3);
  if (currency === undefined || currency === "") return undefined;
  if (!/^[A-Z]{3}$/.test(currency)) throw wrongValue("currency_code", "must be an ISO 4217 code");
  return currency;
}

/** `customer[…]` of a new-subscription checkout: a stored customer, or one created with it. */
async function checkoutCustomer(call: CbCall, p: Reader): Promise<Record<string, unknown>> {
  const c = p.object("customer");
  if (!c) throw missing("customer[id]");
  const id = c.str("id", 64);
  if (id) {
    c.rejectUnread();
    return { customer_id: await customerId(call, id, "customer[id]") };
  }
  const fields = compact({
    email: c.str("email", 254) || undefined,
    first_name: c.str("first_name", 150) || undefined,
    last_name: c.str("last_name", 150) || undefined,
    company_name: c.str("company", 250) || undefined,
    locale: c.str("locale", 50) || undefined,
  });
  c.rejectUnread();
  return { customer: fields };
}

/** The cart of a checkout or gift: the order's plan variant, quantity, components, coupon. */
function cartFields(p: Reader, requirePlan: boolean): Record<string, unknown> {
  const cart = cartOf(p, requirePlan);
  return compact({
    plan_variant_id: cart.plan_variant_id,
    quantity: cart.quantity,
    components: cart.components.length > 0 ? cart.components : undefined,
    coupon_code: couponOf(p),
  });
}

// ---- portal sessions --------------------------------------------------------------------------

type PortalLink = {
  id: string;
  contract_id: string;
  status: "live" | "expired" | "revoked";
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
};

/** A portal session's id: the portal link and the contract it opens. */
const sessionId = (link: string, contract: string) => `${link}.${contract}`;

function parseSession(id: string): { link: string; contract: string } {
  const dot = id.indexOf(".");
  if (dot <= 0 || dot === id.length - 1) throw notFound(`portal_session ${id}`, "id");
  return { link: id.slice(0, dot), contract: id.slice(dot + 1) };
}

/** The contracts a portal session can open: every one that has not ended. */
const LIVE = new Set(["future", "in_trial", "active", "temporarily_inactive", "transferred"]);

function sessionObject(
  link: PortalLink,
  customer: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const status = link.status === "live" ? "created" : "logged_out";
  return compact({
    id: sessionId(link.id, link.contract_id),
    status,
    created_at: unix(link.created_at),
    expires_at: unix(link.expires_at),
    customer_id: customer,
    logout_at: unix(link.revoked_at),
    object: "portal_session",
    ...extra,
  });
}

async function linkOf(call: CbCall, id: string): Promise<{ link: PortalLink; customer: string }> {
  const { link, contract } = parseSession(id);
  const missingSession = () => notFound(`portal_session ${id}`, "id");
  const found = await call.get(`/v1/contracts/${encodeURIComponent(contract)}`).catch(() => {
    throw missingSession();
  });
  const links = (await call.get(`/v1/contracts/${found.id}/portal_links`)).data as PortalLink[];
  const match = links.find((l) => l.id === link);
  if (!match) throw missingSession();
  return { link: match, customer: found.customer_id as string };
}

export async function chargebeePortalSessionRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(app, "POST", "/portal_sessions", "portal_session.create", async (call) => {
    const p = call.params;
    const id = idOf(p, "customer");
    p.rejectUnread();
    const customer = await customerId(call, id, "customer[id]");
    const contracts = (await call.get("/v1/contracts", { customer_id: customer, limit: 100 }))
      .data as Array<{ id: string; status: string }>;
    const live = contracts.filter((c) => LIVE.has(c.status));
    if (live.length !== 1) {
      throw new CbError(
        400,
        "invalid_request",
        `customer[id] : a portal session opens one subscription, and customer ${id} has ${live.length} live subscriptions`,
        "invalid_request",
        "customer[id]",
      );
    }
    const contract = live[0]?.id as string;
    const made = await call.change("POST", `/v1/contracts/${contract}/self_service_token`, {});
    const links = (await call.get(`/v1/contracts/${contract}/portal_links`)).data as PortalLink[];
    const link = links.find((l) => l.expires_at === made.expires_at) ?? links[0];
    if (!link) throw new Error("the portal link just made is not listed");
    return {
      portal_session: sessionObject(link, customer, {
        token: made.token ?? undefined,
        access_url: made.url ?? undefined,
      }),
    };
  });

  cbRoute(app, "GET", "/portal_sessions/:id", "portal_session.retrieve", async (call) => {
    call.params.rejectUnread();
    const { link, customer } = await linkOf(call, call.id);
    return { portal_session: sessionObject(link, customer) };
  });

  cbRoute(app, "POST", "/portal_sessions/:id/logout", "portal_session.logout", async (call) => {
    call.params.rejectUnread();
    const { link, contract } = parseSession(call.id);
    await call
      .change("POST", `/v1/contracts/${encodeURIComponent(contract)}/portal_links/revoke`, {
        link_id: link,
      })
      .catch((error: unknown) => {
        if ((error as { status?: number }).status === 404) {
          throw notFound(`portal_session ${call.id}`, "id");
        }
        throw error;
      });
    const found = await linkOf(call, call.id);
    return { portal_session: sessionObject(found.link, found.customer) };
  });

  cbRoute(app, "POST", "/portal_sessions/:id/activate", "portal_session.activate", async (call) => {
    const p = call.params;
    const token = p.required("token", 200);
    p.rejectUnread();
    const activated = await call.change("POST", "/v1/portal_sessions/activate", { token });
    return {
      portal_session: compact({
        id: sessionId(activated.id, activated.contract_id),
        status: "activated",
        customer_id: activated.customer_id,
        login_at: unix(activated.activated_at),
        expires_at: unix(activated.expires_at),
        object: "portal_session",
      }),
    };
  });
}

// ---- hosted pages -------------------------------------------------------------------------------

export async function chargebeeHostedPageRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(
    app,
    "POST",
    "/hosted_pages/checkout_new_for_items",
    "hosted_page.checkout_new_for_items",
    async (call) => {
      const p = call.params;
      const subscription = cartFields(p, true);
      const sub = p.object("subscription");
      const start = sub?.timestamp("start_date");
      sub?.rejectUnread();
      const customer = await checkoutCustomer(call, p);
      p.rejectUnread();
      return create(call, "checkout_new_for_items", {
        ...customer,
        subscription: { ...subscription, ...(start ? { start_date: start } : {}) },
      });
    },
  );

  cbRoute(
    app,
    "POST",
    "/hosted_pages/checkout_existing_for_items",
    "hosted_page.checkout_existing_for_items",
    async (call) => {
      const p = call.params;
      const contract = idOf(p, "subscription");
      const cart = cartFields(p, false);
      const at = p.timestamp("changes_scheduled_at");
      p.rejectUnread();
      return create(call, "checkout_existing_for_items", {
        contract_id: contract,
        ...cart,
        ...(at ? { change_date: at } : {}),
      });
    },
  );

  cbRoute(
    app,
    "POST",
    "/hosted_pages/checkout_one_time_for_items",
    "hosted_page.checkout_one_time_for_items",
    async (call) => {
      const p = call.params;
      const id = idOf(p, "customer");
      const currency = currencyOf(p);
      if (!currency) throw missing("currency_code");
      const lines = chargeLines(p, currency);
      if (lines.length === 0) throw missing("charges[amount][0]");
      p.rejectUnread();
      return create(call, "checkout_one_time_for_items", {
        customer_id: await customerId(call, id, "customer[id]"),
        currency,
        lines,
      });
    },
  );

  // Product Catalog 1.0's one-time checkout: an addon id names the addon item price (the
  // component) with that id, priced in its plan group's currency
  cbRoute(
    app,
    "POST",
    "/hosted_pages/checkout_one_time",
    "hosted_page.checkout_one_time",
    async (call) => {
      const p = call.params;
      const id = idOf(p, "customer");
      let currency = currencyOf(p);
      const addons = p
        .rows("addons", 100)
        .map((row, i) => readItemPriceCharge(row, "id", (key) => `addons[${key}][${i}]`));
      const lines: Array<Record<string, unknown>> = [];
      for (const addon of addons) {
        const priced = await itemPriceChargeLine(call, addon, currency);
        currency = priced.currency;
        lines.push(priced.line);
      }
      if (!currency) throw missing("currency_code");
      for (const line of chargeLines(p, currency)) lines.push(line);
      p.rejectUnread();
      if (lines.length === 0) throw missing("addons[id][0]");
      return create(call, "checkout_one_time", {
        customer_id: await customerId(call, id, "customer[id]"),
        currency,
        lines,
      });
    },
  );

  for (const [route, operation] of [
    ["manage_payment_sources", "hosted_page.manage_payment_sources"],
    ["update_payment_method", "hosted_page.update_payment_method"],
  ] as const) {
    cbRoute(app, "POST", `/hosted_pages/${route}`, operation, async (call) => {
      const p = call.params;
      const id = idOf(p, "customer");
      p.rejectUnread();
      return create(call, route, { customer_id: await customerId(call, id, "customer[id]") });
    });
  }

  cbRoute(app, "POST", "/hosted_pages/collect_now", "hosted_page.collect_now", async (call) => {
    const p = call.params;
    const id = idOf(p, "customer");
    const currency = currencyOf(p);
    p.rejectUnread();
    return create(call, "collect_now", {
      customer_id: await customerId(call, id, "customer[id]"),
      ...(currency ? { currency } : {}),
    });
  });

  cbRoute(app, "POST", "/hosted_pages/accept_quote", "hosted_page.accept_quote", async (call) => {
    const p = call.params;
    const quote = idOf(p, "quote");
    p.rejectUnread();
    return create(call, "accept_quote", { quote_id: quote });
  });

  cbRoute(
    app,
    "POST",
    "/hosted_pages/extend_subscription",
    "hosted_page.extend_subscription",
    async (call) => {
      const p = call.params;
      const contract = idOf(p, "subscription");
      const cycles = p.int("billing_cycle", 1, 120);
      if (cycles === undefined) throw missing("billing_cycle");
      p.rejectUnread();
      return create(call, "extend_subscription", {
        contract_id: contract,
        billing_cycles: cycles,
      });
    },
  );

  cbRoute(app, "POST", "/hosted_pages/pre_cancel", "hosted_page.pre_cancel", async (call) => {
    const p = call.params;
    const contract = idOf(p, "subscription");
    p.rejectUnread();
    return create(call, "pre_cancel", { contract_id: contract });
  });

  cbRoute(app, "POST", "/hosted_pages/view_voucher", "hosted_page.view_voucher", async (call) => {
    const p = call.params;
    // Accrue's vouchers are the page's own: the voucher is named by the invoice it pays
    const invoice = idOf(p, "payment_voucher");
    p.rejectUnread();
    return create(call, "view_voucher", { invoice_id: invoice });
  });

  cbRoute(
    app,
    "POST",
    "/hosted_pages/checkout_gift_for_items",
    "hosted_page.checkout_gift_for_items",
    async (call) => {
      const p = call.params;
      const body = await giftInput(call, p, false);
      p.rejectUnread();
      return create(call, "checkout_gift_for_items", body);
    },
  );

  cbRoute(app, "POST", "/hosted_pages/claim_gift", "hosted_page.claim_gift", async (call) => {
    const p = call.params;
    const gift = idOf(p, "gift");
    const c = p.object("customer");
    const id = c?.str("id", 64);
    c?.rejectUnread();
    p.rejectUnread();
    return create(call, "claim_gift", {
      gift_id: gift,
      ...(id ? { customer_id: await customerId(call, id, "customer[id]") } : {}),
    });
  });

  cbRoute(app, "POST", "/hosted_pages/events", "hosted_page.events", async (call) => {
    const p = call.params;
    const name = p.required("event_name", 100);
    const occurred = p.timestamp("occurred_at");
    const raw = p.str("event_data", 20_000);
    p.rejectUnread();
    let data: unknown;
    try {
      data = raw ? JSON.parse(raw) : undefined;
    } catch {
      throw wrongValue("event_data", "must be a JSON object");
    }
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      throw wrongValue("event_data", "must be a JSON object naming the hosted_page_id");
    }
    const { hosted_page_id: page, ...rest } = data as Record<string, unknown>;
    if (typeof page !== "string" || page === "") {
      throw wrongValue("event_data", "must name the hosted_page_id the event happened on");
    }
    await call.change("POST", `/v1/hosted_pages/${encodeURIComponent(page)}/events`, {
      event_name: name,
      ...(occurred ? { occurred_at: occurred } : {}),
      data: rest,
    });
    return { success: true };
  });

  cbRoute(app, "POST", "/hosted_pages/:id/acknowledge", "hosted_page.acknowledge", async (call) => {
    call.params.rejectUnread();
    return one(
      await call.change("POST", `/v1/hosted_pages/${encodeURIComponent(call.id)}/acknowledge`),
    );
  });

  cbRoute(app, "GET", "/hosted_pages/:id", "hosted_page.retrieve", async (call) => {
    call.params.rejectUnread();
    return one(await call.get(`/v1/hosted_pages/${encodeURIComponent(call.id)}`));
  });

  cbRoute(app, "GET", "/hosted_pages", "hosted_page.list", async (call) => {
    const p = call.params;
    const { limit, offset } = p.page();
    const state = p.filterIs("state", 20);
    if (state !== undefined && !(STATES as readonly string[]).includes(state)) {
      throw wrongValue("state[is]", `must be one of ${STATES.join(", ")}`);
    }
    const customer = p.filterIs("customer_id", 64);
    sortedByCreation(p);
    p.rejectUnread();
    const page = await call.get("/v1/hosted_pages", {
      limit,
      cursor: offset,
      state,
      customer_id: customer,
    });
    return listOf((page.data as NativeHostedPage[]).map(one), page.next_cursor);
  });
}
