/**
 * Chargebee's customers (with contacts, promotional credits, payment roles, billing date,
 * merge, clear personal data) over the native customer operations.
 *
 * Ids: Accrue chooses a customer's id. An `id` sent at creation is kept as the customer's
 * `external_id`, and every path that takes a customer id accepts it as well as Accrue's.
 */
import type { FastifyInstance } from "fastify";
import { type CbCall, cbRoute } from "./routes.js";
import {
  compact,
  fromMinor,
  listOf,
  minor,
  missing,
  notFound,
  notSupported,
  type Reader,
  sortedByCreation,
  unix,
  wrongValue,
} from "./wire.js";

// ---- the customer object -----------------------------------------------------------------------

type NativeCustomer = {
  id: string;
  external_id: string | null;
  company_name: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  locale: string | null;
  language: string | null;
  vat_id: string | null;
  customer_type: "consumer" | "business";
  einvoicing: boolean;
  einvoice_scheme: string | null;
  einvoice_endpoint_id: string | null;
  address: {
    line1?: string;
    line2?: string;
    street?: string;
    house_number?: string;
    postal_code?: string;
    city?: string;
    state?: string;
    country?: string;
  };
  custom_fields: Record<string, unknown>;
  business_entity_id: string;
  active_id: string | null;
  billing_date: number | null;
  billing_date_mode: "using_defaults" | "manually_set";
  auto_collection: "on" | "off";
  deletable: boolean;
  created_at: string;
  updated_at: string;
};

function billingAddress(c: NativeCustomer): Record<string, unknown> | undefined {
  const a = c.address ?? {};
  const line1 = a.line1 ?? ([a.street, a.house_number].filter(Boolean).join(" ") || undefined);
  if (!line1 && !a.line2 && !a.city && !a.postal_code && !a.state && !a.country) return undefined;
  return compact({
    line1,
    line2: a.line2,
    city: a.city,
    state: a.state,
    zip: a.postal_code,
    country: a.country,
    validation_status: "not_validated",
    object: "billing_address",
  });
}

/** Chargebee's customer object from Accrue's customer (and its credits, when read). */
export function customerObject(
  c: NativeCustomer,
  credits?: { currency: string; balance: string } | undefined,
): Record<string, unknown> {
  const custom: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(c.custom_fields ?? {})) {
    if (key.startsWith("cf_")) custom[key] = value;
  }
  return compact({
    id: c.id,
    first_name: c.first_name,
    last_name: c.last_name,
    email: c.email,
    company: c.company_name,
    locale: c.locale ?? c.language,
    vat_number: c.vat_id,
    is_einvoice_enabled: c.einvoicing,
    entity_identifier_scheme: c.einvoice_scheme,
    entity_identifier_standard: c.einvoice_scheme ? "iso6523-actorid-upis" : undefined,
    customer_type: c.customer_type === "business" ? "business" : "residential",
    billing_address: billingAddress(c),
    billing_date: c.billing_date,
    billing_date_mode: c.billing_date_mode,
    business_entity_id: c.business_entity_id,
    deleted: false,
    auto_collection: c.auto_collection,
    taxability: "taxable",
    allow_direct_debit: false,
    net_term_days: 0,
    pii_cleared: "active",
    channel: "web",
    object: "customer",
    created_at: unix(c.created_at),
    updated_at: unix(c.updated_at),
    resource_version: Date.parse(c.updated_at),
    ...(credits
      ? {
          preferred_currency_code: credits.currency,
          promotional_credits: minor(credits.balance, credits.currency),
        }
      : {}),
    ...(c.external_id ? { meta_data: { external_id: c.external_id } } : {}),
    ...custom,
  });
}

// ---- reading Chargebee's customer parameters ----------------------------------------------------

/** Accrue's customer fields from Chargebee's create/update parameters. */
function customerInput(p: Reader): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) out[key] = value;
  };
  set("first_name", p.text("first_name", 100));
  set("last_name", p.text("last_name", 100));
  set("email", p.text("email", 254));
  set("company_name", p.text("company", 200));
  set("locale", p.text("locale", 20));
  set("vat_id", p.text("vat_number", 20));
  set("einvoicing", p.bool("is_einvoice_enabled"));
  set("einvoice_scheme", p.text("entity_identifier_scheme", 4));
  const type = p.oneOf("customer_type", [
    "residential",
    "business",
    "senior_citizen",
    "industrial",
  ]);
  if (type) set("customer_type", type === "business" ? "business" : "consumer");
  // on: the worker charges the customer's invoices through its payment sources; off: an
  // offline customer, left to pay
  const auto = p.onOff("auto_collection");
  if (auto !== undefined) set("auto_collection", auto ? "on" : "off");
  // Accrue has no net terms nor tax exemptions on the customer: the defaults are accepted,
  // anything else is refused
  const netTerm = p.int("net_term_days", 0, 1000);
  if (netTerm) throw notSupported("net_term_days", "only 0 is supported");
  const taxability = p.oneOf("taxability", ["taxable", "exempt"]);
  if (taxability === "exempt") throw notSupported("taxability", "exempt is not supported");
  const address = p.object("billing_address");
  if (address) {
    const a: Record<string, unknown> = {};
    const line = (key: string, native: string, max: number) => {
      const value = address.text(key, max);
      if (value !== undefined && value !== null) a[native] = value;
    };
    line("line1", "line1", 200);
    line("line2", "line2", 200);
    line("city", "city", 100);
    line("zip", "postal_code", 20);
    line("country", "country", 2);
    // Chargebee has the state's code and its name; Accrue keeps one
    const state = address.text("state_code", 100) ?? address.text("state", 100);
    address.str("state", 100);
    if (state) a.state = state;
    address.str("validation_status");
    address.rejectUnread();
    out.address = a;
  }
  const custom: Record<string, unknown> = {};
  for (const key of Object.keys(p.params)) {
    if (key.startsWith("cf_")) custom[key] = p.text(key, 1000);
  }
  if (Object.keys(custom).length > 0) out.custom_fields = custom;
  return out;
}

// ---- shared lookups ------------------------------------------------------------------------------

/**
 * The Accrue id of the customer a Chargebee id names: Accrue's own id, or the `external_id`
 * a Chargebee `id` was kept as.
 */
export async function customerId(call: CbCall, id: string, param = "customer_id"): Promise<string> {
  const byId = await call.get(`/v1/customers/${encodeURIComponent(id)}`).catch((error: unknown) => {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  });
  if (byId) return (byId as NativeCustomer).id;
  const page = await call.get("/v1/customers", { external_id: id, limit: 1 });
  const found = (page.data as NativeCustomer[])[0];
  if (!found) throw notFound(`customer ${id}`, param);
  return found.id;
}

async function loadCustomer(call: CbCall, id: string): Promise<NativeCustomer> {
  const accrueId = await customerId(call, id, "id");
  return call.get(`/v1/customers/${accrueId}`);
}

/** The customer's promotional credits in one currency: the only, or the largest, balance. */
async function creditsOf(call: CbCall, id: string) {
  const page = await call.get(`/v1/customers/${id}/promotional_credits`, { limit: 1 });
  const balances = page.balances as Array<{ currency: string; balance: string }>;
  return balances.find((b) => b.balance !== "0" && !/^0(\.0+)?$/.test(b.balance)) ?? balances[0];
}

const withCustomer = async (call: CbCall, customer: NativeCustomer) => ({
  customer: customerObject(customer, await creditsOf(call, customer.id)),
});

function contactObject(c: {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string;
  phone: string | null;
  label: string | null;
  send_billing_email: boolean;
  send_account_email: boolean;
  enabled: boolean;
}) {
  return compact({
    id: c.id,
    first_name: c.first_name,
    last_name: c.last_name,
    email: c.email,
    phone: c.phone,
    label: c.label,
    enabled: c.enabled,
    send_account_email: c.send_account_email,
    send_billing_email: c.send_billing_email,
    object: "contact",
  });
}

function contactInput(p: Reader, creating: boolean): Record<string, unknown> {
  const c = p.object("contact");
  if (!c) throw missing("contact[email]");
  const out: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) out[key] = value;
  };
  c.str("id");
  set("email", creating ? c.required("email", 254) : c.str("email", 254));
  set("first_name", c.text("first_name", 100));
  set("last_name", c.text("last_name", 100));
  set("phone", c.text("phone", 50));
  set("label", c.text("label", 50));
  set("enabled", c.bool("enabled"));
  set("send_billing_email", c.bool("send_billing_email"));
  set("send_account_email", c.bool("send_account_email"));
  c.rejectUnread();
  return out;
}

function contactIdOf(p: Reader): string {
  const c = p.object("contact");
  const id = c?.str("id", 64);
  if (!id) throw missing("contact[id]");
  return id;
}

// ---- routes --------------------------------------------------------------------------------------

export async function chargebeeCustomerRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(app, "POST", "/customers", "customer.create", async (call) => {
    const p = call.params;
    const input = customerInput(p);
    const ownId = p.str("id", 50);
    if (ownId) input.external_id = ownId;
    const entity = p.str("business_entity_id", 64) ?? call.entity;
    if (entity) input.business_entity_id = entity;
    if (p.has("card") || p.has("payment_method")) {
      throw notSupported(
        p.has("card") ? "card" : "payment_method",
        "add the payment source with payment_sources.create_card after creating the customer",
      );
    }
    p.str("preferred_currency_code", 3);
    p.rejectUnread(["created_from_ip"]);
    const created = await call.change("POST", "/v1/customers", input);
    return { customer: customerObject(created) };
  });

  cbRoute(app, "GET", "/customers", "customer.list", async (call) => {
    const p = call.params;
    const { limit, offset } = p.page();
    const query: Record<string, string | number | undefined> = {
      limit,
      cursor: offset,
      email: p.filterIs("email", 254),
    };
    const is = p.filterIs("id", 64);
    if (p.bool("include_deleted"))
      throw notSupported("include_deleted", "deleted customers are gone");
    sortedByCreation(p);
    p.rejectUnread();
    if (is) {
      const id = await customerId(call, is).catch(() => undefined);
      if (!id) return listOf([], null);
      const one = await call.get(`/v1/customers/${id}`);
      return listOf([{ customer: customerObject(one) }], null);
    }
    const page = await call.get("/v1/customers", query);
    return listOf(
      (page.data as NativeCustomer[]).map((c) => ({ customer: customerObject(c) })),
      page.next_cursor,
    );
  });

  cbRoute(app, "GET", "/customers/:id", "customer.retrieve", async (call) => {
    return withCustomer(call, await loadCustomer(call, call.id));
  });

  cbRoute(app, "POST", "/customers/:id", "customer.update", async (call) => {
    const id = await customerId(call, call.id, "id");
    const input = customerInput(call.params);
    call.params.rejectUnread();
    const updated = await call.change("PATCH", `/v1/customers/${id}`, input);
    return withCustomer(call, updated);
  });

  cbRoute(
    app,
    "POST",
    "/customers/:id/update_billing_info",
    "customer.update_billing_info",
    async (call) => {
      const id = await customerId(call, call.id, "id");
      const p = call.params;
      const full = customerInput(p);
      p.rejectUnread();
      const input: Record<string, unknown> = {};
      for (const key of ["vat_id", "customer_type", "locale", "address"]) {
        if (full[key] !== undefined) input[key] = full[key];
      }
      for (const key of Object.keys(full)) {
        if (!(key in input)) throw notSupported(key === "company_name" ? "company" : key);
      }
      if (Object.keys(input).length === 0) throw missing("billing_address");
      const updated = await call.change("POST", `/v1/customers/${id}/update_billing_info`, input);
      return withCustomer(call, updated);
    },
  );

  cbRoute(app, "POST", "/customers/:id/delete", "customer.delete", async (call) => {
    const id = await customerId(call, call.id, "id");
    call.params.bool("delete_payment_method");
    call.params.rejectUnread();
    const customer = await loadCustomer(call, id);
    await call.change("DELETE", `/v1/customers/${id}`);
    return { customer: { ...customerObject(customer), deleted: true } };
  });

  cbRoute(
    app,
    "POST",
    "/customers/:id/clear_personal_data",
    "customer.clear_personal_data",
    async (call) => {
      const id = await customerId(call, call.id, "id");
      call.params.rejectUnread();
      const cleared = await call.change("POST", `/v1/customers/${id}/clear_personal_data`);
      return { customer: { ...customerObject(cleared), pii_cleared: "cleared" } };
    },
  );

  cbRoute(
    app,
    "POST",
    "/customers/:id/change_billing_date",
    "customer.change_billing_date",
    async (call) => {
      const id = await customerId(call, call.id, "id");
      const p = call.params;
      const day = p.int("billing_date", 1, 28);
      const mode = p.oneOf("billing_date_mode", ["using_defaults", "manually_set"]);
      const cycle = p.oneOf("billing_day_of_week_mode", ["using_defaults", "manually_set"]);
      if (cycle || p.has("billing_day_of_week") || p.has("billing_month")) {
        throw notSupported(p.has("billing_month") ? "billing_month" : "billing_day_of_week");
      }
      p.rejectUnread();
      const answer = await call.change("POST", `/v1/customers/${id}/change_billing_date`, {
        ...(day !== undefined ? { billing_date: day } : {}),
        ...(mode ? { billing_date_mode: mode } : {}),
      });
      return withCustomer(call, answer.customer);
    },
  );

  cbRoute(app, "POST", "/customers/merge", "customer.merge", async (call) => {
    const p = call.params;
    const from = p.required("from_customer_id", 64);
    const to = p.required("to_customer_id", 64);
    p.rejectUnread();
    const fromId = await customerId(call, from, "from_customer_id");
    const toId = await customerId(call, to, "to_customer_id");
    await call.change("POST", "/v1/customers/merge", {
      from_customer_id: fromId,
      to_customer_id: toId,
    });
    return withCustomer(call, await call.get(`/v1/customers/${toId}`));
  });

  // ---- contacts

  cbRoute(app, "GET", "/customers/:id/contacts", "customer.contacts_for_customer", async (call) => {
    const id = await customerId(call, call.id, "id");
    const p = call.params;
    const { limit, offset } = p.page();
    p.rejectUnread();
    const page = await call.get(`/v1/customers/${id}/contacts`, { limit, cursor: offset });
    const contacts = (page.data ?? page) as Parameters<typeof contactObject>[0][];
    return listOf(
      contacts.map((c) => ({ contact: contactObject(c) })),
      page.next_cursor ?? null,
    );
  });

  cbRoute(app, "POST", "/customers/:id/add_contact", "customer.add_contact", async (call) => {
    const id = await customerId(call, call.id, "id");
    const input = contactInput(call.params, true);
    call.params.rejectUnread();
    await call.change("POST", `/v1/customers/${id}/contacts`, input);
    return withCustomer(call, await call.get(`/v1/customers/${id}`));
  });

  cbRoute(app, "POST", "/customers/:id/update_contact", "customer.update_contact", async (call) => {
    const id = await customerId(call, call.id, "id");
    const contactId = contactIdOf(call.params);
    const input = contactInput(call.params, false);
    call.params.rejectUnread();
    await call.change(
      "PATCH",
      `/v1/customers/${id}/contacts/${encodeURIComponent(contactId)}`,
      input,
    );
    return withCustomer(call, await call.get(`/v1/customers/${id}`));
  });

  cbRoute(app, "POST", "/customers/:id/delete_contact", "customer.delete_contact", async (call) => {
    const id = await customerId(call, call.id, "id");
    const contactId = contactIdOf(call.params);
    call.params.rejectUnread();
    await call.change("DELETE", `/v1/customers/${id}/contacts/${encodeURIComponent(contactId)}`);
    return withCustomer(call, await call.get(`/v1/customers/${id}`));
  });

  // ---- promotional credits (on the customer; the promotional_credits resource has its own)

  for (const kind of ["add", "deduct", "set"] as const) {
    cbRoute(
      app,
      "POST",
      `/customers/:id/${kind}_promotional_credits`,
      `customer.${kind}_promotional_credits`,
      async (call) => {
        const id = await customerId(call, call.id, "id");
        const body = promotionalCreditInput(call.params);
        await call.change("POST", `/v1/customers/${id}/promotional_credits/${kind}`, body);
        return withCustomer(call, await call.get(`/v1/customers/${id}`));
      },
    );
  }
}

/** Chargebee's promotional credit parameters → the native ones. */
export function promotionalCreditInput(p: Reader): Record<string, unknown> {
  const currency = p.str("currency_code", 3);
  if (!currency) throw missing("currency_code");
  if (!/^[A-Z]{3}$/.test(currency)) throw wrongValue("currency_code", "must be an ISO 4217 code");
  const amount = p.int("amount", 0);
  if (amount === undefined) throw missing("amount");
  const description = p.required("description", 250);
  const reference = p.str("reference", 200);
  const creditType = p.oneOf("credit_type", ["loyalty_credits", "referral_rewards", "general"]);
  p.rejectUnread(["customer_id"]);
  return {
    amount: fromMinor(amount, currency),
    currency,
    description,
    ...(reference ? { reference } : creditType ? { reference: creditType } : {}),
  };
}
