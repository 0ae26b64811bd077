/**
 * Chargebee's payment sources, payment roles, account hierarchy, promotional credits,
 * business entity transfers, events and time machine, over the native operations.
 */
import type { FastifyInstance } from "fastify";
import { EVENT_TYPES } from "../../domain/events.js";
import { customerId, customerObject, promotionalCreditInput } from "./customers.js";
import { type CbCall, cbRoute } from "./routes.js";
import { type NativePayment, transactionObject } from "./transactions.js";
import {
  compact,
  listOf,
  minor,
  missing,
  notSupported,
  type Reader,
  sortedByCreation,
  unix,
  wrongValue,
} from "./wire.js";

// ---- payment sources -----------------------------------------------------------------------------

type NativeSource = {
  id: string;
  customer_id: string;
  type: "card" | "bank_account";
  gateway: string;
  gateway_account_id: string | null;
  role: "primary" | "backup" | "none";
  status: "valid" | "expired" | "deleted";
  card: { brand: string; last4: string; exp_month: number; exp_year: number } | null;
  bank_account: { country: string; last4: string; account_holder_name: string } | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
};

export function paymentSourceObject(s: NativeSource): Record<string, unknown> {
  return compact({
    id: s.id,
    customer_id: s.customer_id,
    type: s.type === "card" ? "card" : "direct_debit",
    status: s.status === "deleted" ? "invalid" : s.status,
    gateway: s.gateway,
    gateway_account_id: s.gateway_account_id,
    reference_id: s.id,
    deleted: s.deleted_at !== null,
    card: s.card
      ? {
          last4: s.card.last4,
          brand: s.card.brand,
          expiry_month: s.card.exp_month,
          expiry_year: s.card.exp_year,
          masked_number: `************${s.card.last4}`,
          object: "card",
        }
      : undefined,
    bank_account: s.bank_account
      ? {
          last4: s.bank_account.last4,
          name_on_account: s.bank_account.account_holder_name,
          object: "bank_account",
        }
      : undefined,
    created_at: unix(s.created_at),
    updated_at: unix(s.updated_at),
    resource_version: Date.parse(s.updated_at),
    object: "payment_source",
  });
}

/** Chargebee's card resource: a card payment source as the customer's card. */
function cardObject(s: NativeSource): Record<string, unknown> {
  const card = s.card as NonNullable<NativeSource["card"]>;
  return compact({
    status: s.status === "deleted" ? "expired" : s.status,
    gateway: s.gateway,
    gateway_account_id: s.gateway_account_id,
    last4: card.last4,
    card_type: card.brand,
    expiry_month: card.exp_month,
    expiry_year: card.exp_year,
    masked_number: `************${card.last4}`,
    customer_id: s.customer_id,
    payment_source_id: s.id,
    object: "card",
  });
}

/** The customer a payment source belongs to, and the source, from its id alone. */
async function sourceById(call: CbCall, id: string): Promise<NativeSource> {
  return call.get(`/v1/payment_sources/${encodeURIComponent(id)}`);
}

const answerSource = async (call: CbCall, source: NativeSource) => ({
  customer: customerObject(await call.get(`/v1/customers/${source.customer_id}`)),
  payment_source: paymentSourceObject(source),
});

function cardInput(p: Reader): Record<string, unknown> {
  const card = p.object("card");
  if (!card) throw missing("card[number]");
  const number = card.required("number", 23);
  const month = card.int("expiry_month", 1, 12);
  const year = card.int("expiry_year", 2000, 2199);
  if (month === undefined) throw missing("card[expiry_month]");
  if (year === undefined) throw missing("card[expiry_year]");
  const cvc = card.str("cvv", 4);
  // the holder's name and address are not kept by Accrue's gateways
  for (const key of ["first_name", "last_name"]) card.str(key, 100);
  card.rejectUnread();
  return { number, exp_month: month, exp_year: year, ...(cvc ? { cvc } : {}) };
}

function bankAccountInput(p: Reader): Record<string, unknown> {
  const bank = p.object("bank_account");
  if (!bank) throw missing("bank_account[iban]");
  const iban = bank.required("iban", 42);
  const first = bank.str("first_name", 100);
  const last = bank.str("last_name", 100);
  const company = bank.str("company", 200);
  const holder = company ?? [first, last].filter(Boolean).join(" ");
  if (!holder) throw missing("bank_account[first_name]");
  bank.rejectUnread();
  return { iban, account_holder_name: holder };
}

export async function chargebeePaymentSourceRoutes(app: FastifyInstance): Promise<void> {
  for (const kind of ["card", "bank_account"] as const) {
    cbRoute(
      app,
      "POST",
      kind === "card" ? "/payment_sources/create_card" : "/payment_sources/create_bank_account",
      kind === "card" ? "payment_source.create_card" : "payment_source.create_bank_account",
      async (call) => {
        const p = call.params;
        const customer = await customerId(call, p.required("customer_id", 64));
        const primary = p.bool("replace_primary_payment_source");
        const details = kind === "card" ? cardInput(p) : bankAccountInput(p);
        p.rejectUnread();
        const source = await call.change("POST", `/v1/customers/${customer}/payment_sources`, {
          type: kind,
          [kind]: details,
          ...(primary ? { role: "primary" } : {}),
        });
        return answerSource(call, source);
      },
    );
  }

  cbRoute(app, "GET", "/payment_sources/:id", "payment_source.retrieve", async (call) => {
    call.params.rejectUnread();
    return { payment_source: paymentSourceObject(await sourceById(call, call.id)) };
  });

  cbRoute(app, "GET", "/payment_sources", "payment_source.list", async (call) => {
    const p = call.params;
    const { limit, offset } = p.page();
    const is = p.filterIs("customer_id", 64);
    if (!is) throw missing("customer_id[is]");
    p.rejectUnread();
    const customer = await customerId(call, is, "customer_id[is]");
    const page = await call.get(`/v1/customers/${customer}/payment_sources`, {
      limit,
      cursor: offset,
    });
    return listOf(
      (page.data as NativeSource[]).map((s) => ({ payment_source: paymentSourceObject(s) })),
      page.next_cursor,
    );
  });

  for (const [path, operation] of [
    ["/payment_sources/:id/delete", "payment_source.delete"],
    ["/payment_sources/:id/delete_local", "payment_source.delete_local"],
  ] as const) {
    cbRoute(app, "POST", path, operation, async (call) => {
      call.params.rejectUnread();
      const source = await sourceById(call, call.id);
      const deleted = await call.change(
        "DELETE",
        `/v1/customers/${source.customer_id}/payment_sources/${source.id}`,
      );
      return answerSource(call, deleted);
    });
  }

  cbRoute(
    app,
    "POST",
    "/payment_sources/:id/switch_gateway_account",
    "payment_source.switch_gateway_account",
    async (call) => {
      const account = call.params.required("gateway_account_id", 64);
      call.params.rejectUnread();
      const source = await sourceById(call, call.id);
      const switched = await call.change(
        "POST",
        `/v1/customers/${source.customer_id}/payment_sources/${source.id}/switch_gateway_account`,
        { gateway_account_id: account },
      );
      return answerSource(call, switched);
    },
  );

  cbRoute(
    app,
    "POST",
    "/payment_sources/:id/export_payment_source",
    "payment_source.export_payment_source",
    async (call) => {
      const account = call.params.required("gateway_account_id", 64);
      call.params.rejectUnread();
      const source = await sourceById(call, call.id);
      const copy = await call.change(
        "POST",
        `/v1/customers/${source.customer_id}/payment_sources/${source.id}/copy_card`,
        { gateway_account_id: account },
      );
      return {
        third_party_payment_method: compact({
          type: "card",
          gateway: copy.gateway,
          gateway_account_id: copy.gateway_account_id,
          reference_id: copy.id,
          object: "third_party_payment_method",
        }),
      };
    },
  );

  // Chargebee's card resource: switching a customer's gateway is the customer's gateway account
  cbRoute(
    app,
    "POST",
    "/customers/:id/switch_gateway",
    "card.switch_gateway_for_customer",
    async (call) => {
      const p = call.params;
      const account = p.required("gateway_account_id", 64);
      if (p.has("gateway")) {
        throw notSupported("gateway", "gateway_account_id names the account and its gateway");
      }
      p.rejectUnread();
      const id = await customerId(call, call.id, "id");
      await call.change("POST", `/v1/customers/${id}/switch_gateway_account`, {
        gateway_account_id: account,
      });
      const sources = (await call.get(`/v1/customers/${id}/payment_sources`, { limit: 100 }))
        .data as NativeSource[];
      const card = sources.find(
        (s) => s.type === "card" && s.role === "primary" && s.deleted_at === null,
      );
      return compact({
        customer: customerObject(await call.get(`/v1/customers/${id}`)),
        card: card ? cardObject(card) : undefined,
      });
    },
  );

  cbRoute(
    app,
    "POST",
    "/customers/:id/collect_payment",
    "customer.collect_payment",
    async (call) => {
      const id = await customerId(call, call.id, "id");
      const p = call.params;
      const currency = p.str("currency_code", 3);
      const amount = currency ? p.amount("amount", currency) : undefined;
      if (!currency && p.has("amount")) throw missing("currency_code");
      const source = p.str("payment_source_id", 64);
      if (p.has("invoice_allocations")) {
        throw notSupported(
          "invoice_allocations",
          "a collected payment settles the oldest invoices first",
        );
      }
      p.rejectUnread();
      const payment = (await call.change("POST", `/v1/customers/${id}/collect_payment`, {
        ...(currency ? { currency } : {}),
        ...(amount ? { amount } : {}),
        ...(source ? { payment_source_id: source } : {}),
      })) as NativePayment;
      return {
        customer: customerObject(await call.get(`/v1/customers/${id}`)),
        transaction: await transactionObject(call, payment),
      };
    },
  );

  cbRoute(
    app,
    "POST",
    "/customers/:id/record_excess_payment",
    "customer.record_excess_payment",
    async (call) => {
      const id = await customerId(call, call.id, "id");
      const t = call.params.object("transaction");
      if (!t) throw missing("transaction[amount]");
      const currency = t.str("currency_code", 3);
      if (!currency) throw missing("transaction[currency_code]");
      const amount = t.amount("amount", currency);
      if (amount === undefined) throw missing("transaction[amount]");
      const method = t.oneOf("payment_method", ["cash", "check", "bank_transfer", "card", "other"]);
      const reference = t.str("reference_number", 200);
      const date = t.timestamp("date");
      t.rejectUnread();
      call.params.rejectUnread();
      const payment = (await call.change("POST", `/v1/customers/${id}/record_excess_payment`, {
        amount,
        currency,
        ...(method ? { payment_method: method } : {}),
        ...(reference ? { reference } : {}),
        ...(date ? { received_at: date } : {}),
      })) as NativePayment;
      return {
        customer: customerObject(await call.get(`/v1/customers/${id}`)),
        transaction: await transactionObject(call, payment),
      };
    },
  );

  cbRoute(
    app,
    "POST",
    "/customers/:id/assign_payment_role",
    "customer.assign_payment_role",
    async (call) => {
      const id = await customerId(call, call.id, "id");
      const p = call.params;
      const source = p.required("payment_source_id", 64);
      const role = p.oneOf("role", ["primary", "backup", "none"]);
      if (!role) throw missing("role");
      p.rejectUnread();
      const assigned = await call.change("POST", `/v1/customers/${id}/assign_payment_role`, {
        payment_source_id: source,
        role,
      });
      return answerSource(call, assigned);
    },
  );
}

// ---- account hierarchy ---------------------------------------------------------------------------

type NativeLink = {
  customer_id: string;
  parent_id: string;
  invoice_owner: "self" | "parent";
  payment_owner: "self" | "parent";
};

/** Chargebee's relationship from a native link: owners are customer ids there. */
function relationshipOf(link: NativeLink, root: string) {
  return {
    parent_id: link.parent_id,
    payment_owner_id: link.payment_owner === "parent" ? link.parent_id : link.customer_id,
    invoice_owner_id: link.invoice_owner === "parent" ? link.parent_id : link.customer_id,
    root_id: root,
  };
}

/** Chargebee's `*_owner_id` (a customer id) → the native `self`/`parent`. */
function ownerOf(
  p: Reader,
  key: "payment_owner_id" | "invoice_owner_id",
  self: string,
  parent: string,
  selfGiven: string,
  parentGiven: string,
): "self" | "parent" | undefined {
  const owner = p.str(key, 64);
  if (owner === undefined) return undefined;
  if (owner === self || owner === selfGiven) return "self";
  if (owner === parent || owner === parentGiven) return "parent";
  throw wrongValue(key, "must be the customer itself or its parent");
}

async function withRelationship(call: CbCall, id: string) {
  const hierarchy = await call.get(`/v1/customers/${id}/hierarchy`);
  const customer = customerObject(await call.get(`/v1/customers/${id}`));
  const root = (hierarchy.ancestors as string[]).at(-1) ?? id;
  return {
    customer: hierarchy.link
      ? { ...customer, relationship: relationshipOf(hierarchy.link as NativeLink, root) }
      : customer,
  };
}

export async function chargebeeHierarchyRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(app, "POST", "/customers/:id/relationships", "customer.relationships", async (call) => {
    const id = await customerId(call, call.id, "id");
    const p = call.params;
    const parentGiven = p.required("parent_id", 64);
    const parent = await customerId(call, parentGiven, "parent_id");
    const payment = ownerOf(p, "payment_owner_id", id, parent, call.id, parentGiven);
    const invoice = ownerOf(p, "invoice_owner_id", id, parent, call.id, parentGiven);
    p.bool("use_default_hierarchy_settings");
    if (p.has("parent_account_access") || p.has("child_account_access")) {
      throw notSupported(
        p.has("parent_account_access") ? "parent_account_access" : "child_account_access",
      );
    }
    p.rejectUnread();
    await call.change("POST", `/v1/customers/${id}/hierarchy/link`, {
      parent_id: parent,
      ...(payment ? { payment_owner: payment } : {}),
      ...(invoice ? { invoice_owner: invoice } : {}),
    });
    return withRelationship(call, id);
  });

  cbRoute(
    app,
    "POST",
    "/customers/:id/delete_relationship",
    "customer.delete_relationship",
    async (call) => {
      const id = await customerId(call, call.id, "id");
      call.params.rejectUnread();
      await call.change("POST", `/v1/customers/${id}/hierarchy/unlink`);
      return { customer: customerObject(await call.get(`/v1/customers/${id}`)) };
    },
  );

  cbRoute(
    app,
    "POST",
    "/customers/:id/update_hierarchy_settings",
    "customer.update_hierarchy_settings",
    async (call) => {
      const id = await customerId(call, call.id, "id");
      const p = call.params;
      const hierarchy = await call.get(`/v1/customers/${id}/hierarchy`);
      const parent = (hierarchy.link as NativeLink | null)?.parent_id ?? "";
      const payment = ownerOf(p, "payment_owner_id", id, parent, call.id, parent);
      const invoice = ownerOf(p, "invoice_owner_id", id, parent, call.id, parent);
      p.bool("use_default_hierarchy_settings");
      if (p.has("parent_account_access") || p.has("child_account_access")) {
        throw notSupported(
          p.has("parent_account_access") ? "parent_account_access" : "child_account_access",
        );
      }
      p.rejectUnread();
      await call.change("POST", `/v1/customers/${id}/hierarchy/settings`, {
        ...(payment ? { payment_owner: payment } : {}),
        ...(invoice ? { invoice_owner: invoice } : {}),
      });
      return withRelationship(call, id);
    },
  );

  cbRoute(app, "GET", "/customers/:id/hierarchy", "customer.hierarchy", async (call) => {
    const id = await customerId(call, call.id, "id");
    const type = call.params.oneOf("hierarchy_operation_type", [
      "complete_hierarchy",
      "subordinates",
      "path_to_root",
    ]);
    if (!type) throw missing("hierarchy_operation_type");
    call.params.rejectUnread();
    const entry = async (customer: string) => {
      const h = await call.get(`/v1/customers/${customer}/hierarchy`);
      const children = h.children as Array<{ customer_id: string }>;
      return {
        hierarchy: h,
        row: compact({
          customer_id: customer,
          parent_id: (h.link as NativeLink | null)?.parent_id,
          payment_owner_id: h.link
            ? relationshipOf(h.link as NativeLink, customer).payment_owner_id
            : undefined,
          invoice_owner_id: h.link
            ? relationshipOf(h.link as NativeLink, customer).invoice_owner_id
            : undefined,
          has_children: children.length > 0,
          children_ids: children.map((c) => c.customer_id),
          object: "hierarchy",
        }),
      };
    };
    const rows: Record<string, unknown>[] = [];
    const start = await entry(id);
    const ancestors = start.hierarchy.ancestors as string[];
    if (type === "path_to_root") {
      rows.push(start.row);
      for (const ancestor of ancestors) rows.push((await entry(ancestor)).row);
      return { hierarchies: rows };
    }
    // subordinates: the customer and everyone under it; complete: from the root down
    const top = type === "complete_hierarchy" ? (ancestors.at(-1) ?? id) : id;
    const queue = [top];
    let guard = 0;
    while (queue.length > 0 && guard < 1000) {
      guard += 1;
      const next = await entry(queue.shift() as string);
      rows.push(next.row);
      for (const child of next.row.children_ids as string[]) queue.push(child);
    }
    return { hierarchies: rows };
  });
}

// ---- promotional credits -------------------------------------------------------------------------

type NativeCreditEntry = {
  id: string;
  customer_id: string;
  currency: string;
  kind: "add" | "deduct" | "set" | "applied";
  amount: string;
  balance_after: string;
  description: string | null;
  reference: string | null;
  created_at: string;
};

function promotionalCreditObject(e: NativeCreditEntry) {
  const amount = minor(e.amount, e.currency);
  return compact({
    id: e.id,
    customer_id: e.customer_id,
    type: amount < 0 ? "decrement" : "increment",
    amount: Math.abs(amount),
    currency_code: e.currency,
    description: e.description,
    reference: e.reference,
    closing_balance: minor(e.balance_after, e.currency),
    created_at: unix(e.created_at),
    object: "promotional_credit",
  });
}

export async function chargebeePromotionalCreditRoutes(app: FastifyInstance): Promise<void> {
  for (const kind of ["add", "deduct", "set"] as const) {
    cbRoute(
      app,
      "POST",
      `/promotional_credits/${kind}`,
      `promotional_credit.${kind}`,
      async (call) => {
        const id = await customerId(call, call.params.required("customer_id", 64));
        const body = promotionalCreditInput(call.params);
        const answer = await call.change(
          "POST",
          `/v1/customers/${id}/promotional_credits/${kind}`,
          body,
        );
        const customer = customerObject(await call.get(`/v1/customers/${id}`), {
          currency: answer.currency,
          balance: answer.balance,
        });
        return {
          customer,
          promotional_credit: promotionalCreditObject(answer.entry as NativeCreditEntry),
        };
      },
    );
  }

  cbRoute(app, "GET", "/promotional_credits", "promotional_credit.list", async (call) => {
    const p = call.params;
    const { limit, offset } = p.page();
    const is = p.filterIs("customer_id", 64);
    if (!is) throw missing("customer_id[is]");
    p.rejectUnread();
    const id = await customerId(call, is, "customer_id[is]");
    const page = await call.get(`/v1/customers/${id}/promotional_credits`, {
      limit,
      cursor: offset,
    });
    return listOf(
      (page.data as NativeCreditEntry[]).map((e) => ({
        promotional_credit: promotionalCreditObject(e),
      })),
      page.next_cursor,
    );
  });
}

// ---- business entity transfers -------------------------------------------------------------------

type NativeTransfer = {
  id: string;
  resource_type: "customer" | "subscription";
  resource_id: string;
  active_resource_id: string;
  source_business_entity_id: string;
  destination_business_entity_id: string;
  reason_code: string;
  created_at: string;
};

const transferObject = (t: NativeTransfer) => ({
  ...t,
  created_at: unix(t.created_at),
  object: "business_entity_transfer",
});

export async function chargebeeTransferRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(
    app,
    "POST",
    "/business_entities/transfers",
    "business_entity.create_transfers",
    async (call) => {
      if (call.entity) {
        throw wrongValue("chargebee-business-entity-id", "must not be sent with a transfer");
      }
      const p = call.params;
      const ids = p.values("active_resource_ids");
      const destinations = p.values("destination_business_entity_ids");
      const sources = p.values("source_business_entity_ids");
      const types = p.values("resource_types");
      const reasons = p.values("reason_codes");
      p.rejectUnread();
      if (ids.length === 0) throw missing("active_resource_ids[0]");
      if (ids.length > 1) {
        throw notSupported("active_resource_ids[1]", "one customer is transferred a call");
      }
      if (!destinations[0]) throw missing("destination_business_entity_ids[0]");
      if (types[0] !== "customer") throw wrongValue("resource_types[0]", "must be customer");
      if (reasons[0] !== "correction") throw wrongValue("reason_codes[0]", "must be correction");
      const customer = await customerId(call, ids[0] as string, "active_resource_ids[0]");
      const transfer = await call.change("POST", "/v1/business_entity_transfers", {
        customer_id: customer,
        destination_business_entity_id: destinations[0],
        ...(sources[0] ? { source_business_entity_id: sources[0] } : {}),
        reason_code: "correction",
      });
      return { business_entity_transfer: transferObject(transfer) };
    },
  );

  cbRoute(
    app,
    "GET",
    "/business_entities/transfers",
    "business_entity.get_transfers",
    async (call) => {
      const p = call.params;
      const { limit, offset } = p.page();
      const type = p.filterIs("resource_type", 20);
      if (type !== undefined && type !== "customer" && type !== "subscription") {
        throw wrongValue("resource_type[is]", "must be customer or subscription");
      }
      const active = p.filterIs("active_resource_id", 64);
      sortedByCreation(p);
      p.rejectUnread();
      const page = await call.get("/v1/business_entity_transfers", {
        limit,
        cursor: offset,
        resource_type: type,
        active_resource_id: active,
      });
      return listOf(
        (page.data as NativeTransfer[]).map((t) => ({
          business_entity_transfer: transferObject(t),
        })),
        page.next_cursor,
      );
    },
  );
}

// ---- events --------------------------------------------------------------------------------------

type NativeEvent = {
  id: string;
  type: string;
  timestamp: string;
  tenant_time: string;
  subject: { type: string; id: string } | null;
  data: unknown;
};

/** Chargebee's name of each native event type (`payment_source.added` → `payment_source_added`). */
const NATIVE_EVENT_TYPE = new Map(
  Object.keys(EVENT_TYPES).map((type) => [type.replaceAll(".", "_"), type]),
);

/**
 * Chargebee's event: `customer.created` is `customer_created`; the content carries the
 * subject under its resource name — in Chargebee's shape for customers, in Accrue's native
 * shape for the rest (see docs/compat/chargebee.md).
 */
function eventObject(e: NativeEvent) {
  const resource = e.subject?.type ?? e.type.split(".")[0] ?? "resource";
  const data = e.data as Record<string, unknown> | null;
  const content =
    resource === "customer" && data && typeof data === "object" && "business_entity_id" in data
      ? { customer: customerObject(data as Parameters<typeof customerObject>[0]) }
      : { [resource]: data };
  return {
    id: e.id,
    occurred_at: unix(e.tenant_time),
    source: "api",
    api_version: "v2",
    event_type: e.type.replaceAll(".", "_"),
    webhook_status: "not_applicable",
    content,
    object: "event",
  };
}

export async function chargebeeEventRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(app, "GET", "/events", "event.list", async (call) => {
    const p = call.params;
    const { limit, offset } = p.page();
    const type = p.filterIs("event_type", 100);
    const sort = p.object("sort_by");
    if (sort) {
      // events answer newest first
      if (sort.has("asc")) throw notSupported("sort_by[asc]", "events answer newest first");
      sort.str("desc", 50);
      sort.rejectUnread();
    }
    p.rejectUnread();
    const native = type === undefined ? undefined : NATIVE_EVENT_TYPE.get(type);
    if (type !== undefined && !native) return listOf([], null);
    const page = await call.get("/v1/events", {
      limit,
      cursor: offset,
      type: native,
    });
    return listOf(
      (page.data as NativeEvent[]).map((e) => ({ event: eventObject(e) })),
      page.next_cursor,
    );
  });

  cbRoute(app, "GET", "/events/:id", "event.retrieve", async (call) => {
    call.params.rejectUnread();
    return { event: eventObject(await call.get(`/v1/events/${encodeURIComponent(call.id)}`)) };
  });
}

// ---- time machine --------------------------------------------------------------------------------

/** Chargebee's one time machine is named `delorean`; it is the tenant's test clock. */
const TIME_MACHINE = "delorean";

function timeMachineObject(clock: { mode: string; now: string }) {
  return {
    name: TIME_MACHINE,
    time_travel_status: clock.mode === "test" ? "succeeded" : "not_enabled",
    destination_time: unix(clock.now),
    object: "time_machine",
  };
}

export async function chargebeeTimeMachineRoutes(app: FastifyInstance): Promise<void> {
  const named = (call: CbCall) => {
    if (call.id !== TIME_MACHINE) throw wrongValue("time_machine_name", `must be ${TIME_MACHINE}`);
  };

  cbRoute(app, "GET", "/time_machines/:id", "time_machine.retrieve", async (call) => {
    named(call);
    call.params.rejectUnread();
    return { time_machine: timeMachineObject(await call.get("/v1/test_clock")) };
  });

  cbRoute(
    app,
    "POST",
    "/time_machines/:id/travel_forward",
    "time_machine.travel_forward",
    async (call) => {
      named(call);
      const destination = call.params.timestamp("destination_time");
      if (!destination) throw missing("destination_time");
      call.params.rejectUnread();
      const clock = await call.get("/v1/test_clock");
      const answer =
        clock.mode === "test"
          ? await call.change("POST", "/v1/test_clock/advance", { frozen_time: destination })
          : await call.change("POST", "/v1/test_clock", { frozen_time: destination });
      return { time_machine: timeMachineObject(answer) };
    },
  );
}
