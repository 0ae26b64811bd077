/**
 * The world of the tests of payments through a provider, over HTTP: a tenant on its test clock
 * with a monthly plan, a gateway account of a provider pointed at its local stand-in
 * (test/fakes/), customers signed up with a portal link, and what the customer's browser and
 * the provider do — call the portal, come back to a return page, send a signed event (or
 * Mollie's unsigned notice).
 */
import { expect } from "vitest";
import { countFailedPayments } from "../../src/modules/payments/index.js";
import { billingTenant } from "../billing-tenant.js";
import { signedEvents } from "../fakes/gocardless-server.js";
import { notice } from "../fakes/mollie-server.js";
import type { Json } from "../fakes/provider-server.js";
import { signedStripeEvent } from "../fakes/stripe-server.js";
import type { Response, TestServer } from "../server.js";

export type Api = Awaited<ReturnType<typeof billingTenant>>;

/** A tenant of its own on a test clock set to `at`, with a plan variant of 30.00 EUR a month. */
export async function monthlyTenant(
  server: TestServer,
  name: string,
  at = "2026-03-01T00:00:00Z",
): Promise<{ api: Api; variant: string }> {
  const api = await billingTenant(server, name, at);
  const { plan } = await api.plan();
  const variant = await api.variant(plan, {
    internal_name: "Monthly",
    recurring_fee: "30",
    fee_period: { unit: "month", count: 1 },
  });
  return { api, variant };
}

/** A customer of the tenant signed up to `variant`: its ids and its portal link's token. */
export type PortalCustomer = {
  id: string;
  contract: string;
  token: string;
  /** The payment source added before the signup, when one was given. */
  source: string | undefined;
};

/**
 * Creates a customer (`<name>@x.example`), adds `source` when given (before the signup, so
 * that billing collects through it), signs it up to `variant` and opens a portal link
 * (`validityMinutes`: the API's default when absent).
 */
export async function portalCustomer(
  api: Api,
  variant: string,
  name: string,
  options: { source?: Record<string, unknown>; validityMinutes?: number } = {},
): Promise<PortalCustomer> {
  const id = await api.customer({ email: `${name}@x.example` });
  const source = options.source
    ? ((await api.post(`/v1/customers/${id}/payment_sources`, options.source)).id as string)
    : undefined;
  const contract = await api.signup(id, variant);
  const token = (
    await api.post(
      `/v1/contracts/${contract}/self_service_token`,
      options.validityMinutes === undefined ? {} : { validity_minutes: options.validityMinutes },
    )
  ).token as string;
  return { id, contract, token, source };
}

/**
 * The customers of a suite by name — their ids (`ids[name]`, and `ids[name + "Source"]` for a
 * source given), contracts and portal link tokens — and the portal as each one's browser
 * calls it (`server` read at call time, so a suite can start it in beforeAll).
 */
export function portalCustomers(server: () => TestServer) {
  const ids: Record<string, string> = {};
  const contracts: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  return {
    ids,
    contracts,
    tokens,
    /** Signs `name` up ({@link portalCustomer}) and files it under its name. */
    add: async (
      api: Api,
      variant: string,
      name: string,
      options: Parameters<typeof portalCustomer>[3] = {},
    ): Promise<PortalCustomer> => {
      const customer = await portalCustomer(api, variant, name, options);
      ids[name] = customer.id;
      if (customer.source) ids[`${name}Source`] = customer.source;
      contracts[name] = customer.contract;
      tokens[name] = customer.token;
      return customer;
    },
    /** A call of the portal's API by `name`'s browser. */
    portal: (name: string, method: string, path: string, idempotencyKey?: string) =>
      portalCall(server(), tokens[name]!, method, path, idempotencyKey),
  };
}

/** A payment method return link as a provider's page is given it (the public URL is the server's). */
export const METHOD_RETURN_LINK =
  /^http:\/\/127\.0\.0\.1\/portal\/payment_method_return\/[\w-]+\.[\w-]+\.[\w-]+$/;

/** A provider's account of the tenant, the default of its entity: its id and secret. */
export type GatewayAccount = { id: string; webhookSecret: string };

/**
 * Connects an account of `gateway` whose API is the stand-in at `credentials.api_base`, with
 * the endpoint's `webhook_secret` (Stripe: `secret_key`; GoCardless: `access_token`).
 */
export async function connectAccount(
  api: Api,
  gateway: "stripe" | "gocardless",
  credentials: Record<string, string> & { webhook_secret: string; api_base: string },
): Promise<GatewayAccount> {
  const account = await api.post("/v1/gateway_accounts", {
    gateway,
    name: gateway === "stripe" ? "Stripe (test mode)" : "GoCardless (sandbox)",
    default: true,
    credentials,
  });
  return { id: account.id, webhookSecret: credentials.webhook_secret };
}

/** A call of the portal's API with a portal link's token (and an Idempotency-Key). */
export function portalCall(
  server: TestServer,
  token: string,
  method: string,
  path: string,
  idempotencyKey?: string,
): Promise<Response> {
  return server.request(method, `/portal/api${path}`, {
    key: token,
    ...(idempotencyKey ? { headers: { "idempotency-key": idempotencyKey } } : {}),
  });
}

/**
 * The browser back at a return page of Accrue (the public URL is the server's), with the
 * cookie the portal set, if any.
 */
export function comeBack(server: TestServer, url: string | URL, cookie?: string) {
  const back = new URL(url);
  return server.request("GET", `${back.pathname}${back.search}`, {
    key: null,
    ...(cookie ? { headers: { cookie } } : {}),
  });
}

/** The cookie a Set-Cookie header sets, as a browser sends it back. */
export const cookieOf = (setCookie: string | null): string => setCookie!.split(";")[0]!;

/** The gateway's reference of a payment (its PaymentIntent, …): stored, never answered. */
export async function gatewayReferenceOf(server: TestServer, paymentId: string): Promise<string> {
  const row = await server.db
    .selectFrom("payments")
    .select("gateway_reference")
    .where("id", "=", paymentId)
    .executeTakeFirstOrThrow();
  return row.gateway_reference!;
}

/** The failed payments dunning counts for a customer, in EUR, since `since`. */
export async function failedPaymentsOf(
  server: TestServer,
  customerId: string,
  since = "2026-03-01T00:00:00Z",
): Promise<number> {
  const { tenant_id } = await server.db
    .selectFrom("customers")
    .select("tenant_id")
    .where("id", "=", customerId)
    .executeTakeFirstOrThrow();
  return countFailedPayments(server.db, tenant_id, customerId, "EUR", new Date(since));
}

/** The customer's payment sources, as the API lists them. */
export async function sourcesOf(api: Api, customerId: string): Promise<any[]> {
  return (await api.get(`/v1/customers/${customerId}/payment_sources`)).data;
}

/**
 * How many payment sources the customer has, and how many `payment_source.added` events
 * announced one: a payment method kept once is one more of each.
 */
export async function sourceCounts(
  api: Api,
  customerId: string,
): Promise<{ sources: number; added: number }> {
  return {
    sources: (await sourcesOf(api, customerId)).length,
    added: (await addedEvents(api, customerId)).length,
  };
}

/** What Accrue keeps of a payment source at the provider (stored, never answered). */
export function keptReferences(server: TestServer, sourceId: string) {
  return server.db
    .selectFrom("payment_sources")
    .select(["gateway_reference", "gateway_customer_reference"])
    .where("id", "=", sourceId)
    .executeTakeFirstOrThrow();
}

/** The `payment_source.added` events of the customer. */
export async function addedEvents(api: Api, customerId: string): Promise<any[]> {
  return (await api.get("/v1/events?limit=100")).data.filter(
    (e: any) => e.type === "payment_source.added" && e.data.customer_id === customerId,
  );
}

/** The record of a provider's event that kept the payment method of setup `setupId`. */
export const setupApplied = (setupId: string, sourceId: string) => ({
  type: "setup.succeeded",
  status: "applied",
  payment_id: null,
  detail: `payment source ${sourceId} added (setup ${setupId})`,
});

/** The record of a provider's event of a setup whose payment method was kept before. */
export const setupKeptAlready = (setupId: string, sourceId: string) => ({
  type: "setup.succeeded",
  status: "ignored",
  detail: `payment source setup ${setupId} added payment source ${sourceId} already`,
});

/** A Stripe event of `object`, signed by Stripe's client with the account's endpoint secret. */
export function sendStripeEvent(
  server: TestServer,
  account: GatewayAccount,
  event: { id: string; type: string; object: unknown; apiVersion?: string },
): Promise<Response> {
  const { body, signature } = signedStripeEvent(event, account.webhookSecret);
  return server.request("POST", `/v1/gateways/${account.id}/events`, {
    raw: body,
    key: null,
    headers: { "stripe-signature": signature },
  });
}

/** GoCardless's events, signed with the account's endpoint secret: the records Accrue made. */
export async function sendGoCardlessEvents(
  server: TestServer,
  account: GatewayAccount,
  events: Json[],
): Promise<any[]> {
  const { body, signature } = signedEvents(events, account.webhookSecret);
  const sent = await server.request("POST", `/v1/gateways/${account.id}/events`, {
    raw: body,
    key: null,
    headers: { "webhook-signature": signature },
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  return sent.body.data;
}

/** A Mollie account of the tenant, the default of its entity (Mollie signs no notices). */
export type MollieAccount = { id: string };

/**
 * Connects a Mollie account whose API is the stand-in at `credentials.api_base` (HTTPS), with
 * the `api_key` and, when given, the `public_url` its payments' `webhookUrl` is made of.
 */
export async function connectMollie(
  api: Api,
  credentials: { api_key: string; api_base: string; public_url?: string },
): Promise<MollieAccount> {
  const account = await api.post("/v1/gateway_accounts", {
    gateway: "mollie",
    name: "Mollie (test mode)",
    default: true,
    credentials,
  });
  return { id: account.id };
}

/**
 * Mollie's notice of a payment (`id=tr_…`, unsigned: Accrue reads the payment back to verify
 * it), as Mollie posts it to the account's endpoint: the answer as it came.
 */
export function postMollieNotice(
  server: TestServer,
  account: MollieAccount,
  paymentId: string,
): Promise<Response> {
  return server.request("POST", `/v1/gateways/${account.id}/events`, {
    raw: notice(paymentId),
    key: null,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

/** Mollie's notice of a payment, accepted: the records Accrue made of what it read back. */
export async function sendMollieNotice(
  server: TestServer,
  account: MollieAccount,
  paymentId: string,
): Promise<any[]> {
  const sent = await postMollieNotice(server, account, paymentId);
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  return sent.body.data;
}
