/**
 * The GoCardless adapter of the gateway interface, on GoCardless's official Node client
 * (`gocardless-nodejs`). GoCardless collects by bank debit (Bacs, SEPA, ACH, Autogiro, …)
 * against a mandate (`MD…`) the customer set up in GoCardless's hosted flow (a Billing
 * Request or a redirect flow): Accrue never sees the bank account number.
 *
 * - source: the provider token is a mandate id (`MD…`), or a GoCardless customer id (`CU…`),
 *   whose newest usable mandate is taken. The mandate must be usable (pending approval or
 *   submission, submitted, active). Its GoCardless customer must be the Accrue customer's: the
 *   one already known at the account, else one whose `metadata.accrue_customer_id` is this
 *   customer's or unset (then set, so no other Accrue customer can take its mandates). The
 *   source is a bank account: the bank account's country, the digits GoCardless shows of its
 *   number, the holder's name.
 * - charge: a Payment against the mandate, amount in minor units, the idempotency key as
 *   GoCardless's Idempotency-Key (a repeated key answers the payment made the first time: the
 *   client fetches the conflicting payment), `retry_if_possible: false` (Accrue's own retry
 *   schedule decides). A new payment is `pending` (pending_submission, submitted): GoCardless
 *   tells its outcome days later, by an event or when read (confirmed or paid_out: succeeded;
 *   failed, cancelled, customer_approval_denied: failed).
 * - refund: a Refund of the payment with `total_amount_confirmation` (everything refunded of
 *   the payment once this one is made, read from the payment first), as GoCardless requires.
 *   GoCardless enables refunds per account on request.
 * - startSetup: a Billing Request with a `mandate_request` (in the currency given, GoCardless
 *   picking the scheme; else left to GoCardless) for the customer's GoCardless customer (the
 *   one known at the account; else the one GoCardless creates with the request, claimed at
 *   once), Accrue's setup id in its metadata, then a Billing Request Flow whose
 *   `authorisation_url` is GoCardless's hosted page (`redirect_uri`: the return link,
 *   `exit_uri`: the cancel link). setupOutcome reads the Billing Request back: `fulfilled`, its
 *   mandate (`links.mandate_request_mandate`) is kept as createSource keeps a mandate;
 *   `cancelled`, the setup expired. expireSetup cancels a Billing Request the customer left
 *   unfinished (one no longer cancellable is read back instead).
 * - no holds (a debit is not authorized first) and no copying of mandates: refused.
 * - events: verified by the client's own verifier (`webhooks.parse`: the Webhook-Signature
 *   header, the hex HMAC-SHA256 of the body under the endpoint's secret). GoCardless sends
 *   its events in batches; each is read: payments confirmed and paid_out settle a charge as
 *   succeeded, failed, cancelled and customer_approval_denied as failed (the cause and
 *   description given), charged_back and late_failure_settled take the payment back (a
 *   dispute); refunds created report what was refunded of the payment so far (the refund and
 *   its payment read from GoCardless, since refund events carry no amount); refunds failed
 *   (the refund did not reach the customer: its money is back with the merchant) undo that
 *   refund, with GoCardless's cause and description as the reason; billing_requests fulfilled
 *   (a Billing Request Accrue opened to set up a mandate, named by `resource_metadata` or read
 *   back) completes that setup.
 *
 * The client has no option for another host than GoCardless's live and sandbox APIs; a local
 * stand-in (`api_base`, a loopback address, sandbox tokens only) is reached through the HTTP
 * agents the client takes (its `proxy` option), which connect to the stand-in whatever host a
 * request names. It sets no timeout either: every call has a deadline here. GoCardless's
 * refusals become a failed charge or a 422; anything that leaves the outcome unknown (no
 * answer in time, a 5xx, a rate limit) is `gateway_unreachable`.
 */
import { Agent as HttpsAgent } from "node:https";
import { connect as connectTcp, isIP } from "node:net";
import type { Duplex } from "node:stream";
import { connect as connectTls } from "node:tls";
import type { GoCardlessClient } from "gocardless-nodejs";
import type * as GoCardlessErrors from "gocardless-nodejs/errors";
import type { BillingRequest, Event, Mandate, Payment } from "gocardless-nodejs/types";
import { AccrueError, invalid, unprocessable } from "../errors.js";
import {
  badCredential,
  checkApiBase,
  lazyLibrary,
  loadingFirst,
  minorUnitsNumber,
  onlyCredentials,
  PROVIDER_TIMEOUT_MS,
  unreachableError,
  withDeadline,
} from "./adapter-kit.js";
import type {
  ChargeResult,
  ChargeStatus,
  CreatedSource,
  PaymentGateway,
  SourceSetup,
  SourceSetupOutcome,
} from "./gateway.js";
import { type GatewayEvent, headerValue, minorUnitsOf } from "./gateway-events.js";

/** What a GoCardless gateway account's credentials hold, checked. */
export type GoCardlessCredentials = {
  accessToken: string;
  sandbox: boolean;
  webhookSecret: string | null;
  /** A local stand-in of GoCardless's API (a test server); sandbox tokens only. */
  apiBase: URL | null;
};

const NAMES = ["access_token", "webhook_secret", "api_base"] as const;

/**
 * Checks a GoCardless account's credentials: `access_token` (`sandbox_…` or `live_…`, read-write),
 * optionally `webhook_secret` (the secret of the webhook endpoint created in GoCardless's
 * dashboard) and `api_base` (a local stand-in, with a sandbox token only).
 */
export function checkGoCardlessCredentials(
  credentials: Readonly<Record<string, string>>,
): GoCardlessCredentials {
  onlyCredentials(credentials, NAMES, "GoCardless");
  const accessToken = credentials.access_token;
  if (accessToken === undefined || !/^(sandbox|live)_[A-Za-z0-9_-]+$/.test(accessToken)) {
    throw badCredential(
      "access_token",
      "access_token is a GoCardless access token (sandbox_… or live_…)",
    );
  }
  const sandbox = accessToken.startsWith("sandbox_");
  const webhookSecret = credentials.webhook_secret ?? null;
  if (webhookSecret !== null && !/^[\x21-\x7e]{8,}$/.test(webhookSecret)) {
    throw badCredential(
      "webhook_secret",
      "webhook_secret is the secret of the GoCardless webhook endpoint (printable, no spaces)",
    );
  }
  const apiBase = checkApiBase(
    credentials.api_base,
    sandbox,
    ["http:", "https:"],
    "sandbox access token (sandbox_…)",
  );
  return { accessToken, sandbox, webhookSecret, apiBase };
}

/**
 * The client, for the live or sandbox API; with `api_base`, its requests to the sandbox go to
 * the local stand-in instead ({@link standInAgents}). Without it the client is GoCardless's
 * own, untouched.
 */
/** GoCardless's client library, loaded by an adapter's first call (see loadingFirst). */
const library = lazyLibrary("GoCardless", async () => {
  const [client, constants, errors, webhooks] = await Promise.all([
    import("gocardless-nodejs"),
    import("gocardless-nodejs/constants"),
    import("gocardless-nodejs/errors"),
    import("gocardless-nodejs/webhooks"),
  ]);
  return { gocardless: client.gocardless, Environments: constants.Environments, errors, webhooks };
});
const errors = () => library.get().errors;

function client(credentials: GoCardlessCredentials): GoCardlessClient {
  const { gocardless, Environments } = library.get();
  return gocardless(
    credentials.accessToken,
    credentials.sandbox ? Environments.Sandbox : Environments.Live,
    {
      raiseOnIdempotencyConflict: false,
      ...(credentials.apiBase !== null ? { proxy: standInAgents(credentials.apiBase) } : {}),
    },
  );
}

/**
 * The HTTP agents (the client's documented `proxy` option, handed to its HTTP library) that
 * carry every request the client makes — to the sandbox's HTTPS host, whose name it keeps in
 * the Host header — over a connection to the local stand-in at `apiBase` instead: plain TCP
 * for an `http:` stand-in, TLS for an `https:` one. Only ever made for `api_base`, which
 * takes a loopback address and a sandbox token only (checkApiBase).
 */
function standInAgents(apiBase: URL): { https: HttpsAgent } {
  const host = apiBase.hostname.replace(/^\[(.*)\]$/, "$1");
  const tls = apiBase.protocol === "https:";
  const port = Number(apiBase.port || (tls ? 443 : 80));
  class StandIn extends HttpsAgent {
    override createConnection(): Duplex {
      return tls
        ? connectTls({ host, port, ...(isIP(host) ? {} : { servername: host }) })
        : connectTcp({ host, port });
    }
  }
  return { https: new StandIn({ keepAlive: false }) };
}

const reasonOf = (error: GoCardlessErrors.ApiError): string | undefined =>
  (error.errors as { reason?: string }[] | undefined)?.find((e) => typeof e?.reason === "string")
    ?.reason;

const detailOf = (error: GoCardlessErrors.ApiError): string => {
  const fields = (error.errors as { field?: string; message?: string }[] | undefined) ?? [];
  const more = fields
    .filter((e) => e?.message && e.message !== error.message)
    .map((e) => (e.field ? `${e.field} ${e.message}` : e.message));
  return [error.message, ...more].join("; ");
};

/** A refusal of the request by GoCardless (nothing happened), as opposed to no answer. */
const isRefusal = (error: unknown): error is GoCardlessErrors.ApiError =>
  error instanceof errors().ValidationFailedError ||
  error instanceof errors().InvalidApiUsageError ||
  (error instanceof errors().InvalidStateError &&
    !(error instanceof errors().IdempotentCreationConflictError));

const notFound = (error: unknown) =>
  error instanceof errors().InvalidApiUsageError && Number(error.code) === 404;

/**
 * What GoCardless's error means for the caller: refused credentials (422), or an outcome
 * GoCardless did not give (503, retry). Refusals of a request are handled where they are a
 * verdict.
 */
function unreachable(error: unknown): AccrueError {
  if (error instanceof AccrueError) return error;
  if (error instanceof errors().AuthenticationError || error instanceof errors().PermissionsError) {
    return unprocessable(
      "gateway_credentials_rejected",
      `GoCardless refused the account's access token: ${error.message}`,
      { gateway: "gocardless" },
    );
  }
  const detail =
    error instanceof errors().ApiError
      ? `${error.errorType ?? "error"} ${error.code ?? ""}: ${error.message}`.trim()
      : error instanceof Error
        ? error.message
        : String(error);
  return unreachableError("GoCardless", "gocardless", detail);
}

/** A payment's status as a verdict on the charge. */
export function goCardlessVerdict(payment: Payment): ChargeResult {
  const reference = payment.id ?? "";
  switch (payment.status) {
    case "confirmed":
    case "paid_out":
      return { status: "succeeded", reference };
    case "pending_customer_approval":
    case "pending_submission":
    case "submitted":
      return { status: "pending", reference };
    default:
      return {
        status: "failed",
        reference,
        code: payment.status ?? "failed",
        message: `the GoCardless payment is ${payment.status ?? "in no known state"}`,
      };
  }
}

/** Mandates a payment can be taken against (now or once GoCardless submitted them). */
const USABLE: ReadonlySet<string> = new Set([
  "pending_customer_approval",
  "pending_submission",
  "submitted",
  "active",
]);

const notSupported = () =>
  unprocessable(
    "authorization_not_supported",
    "GoCardless collects by bank debit: it holds no amounts to capture later; charge the source instead",
    { gateway: "gocardless" },
  );

/** The GoCardless adapter for an account's checked credentials. */
export function goCardlessGateway(
  credentials: GoCardlessCredentials,
  options: { timeoutMs?: number } = {},
): PaymentGateway {
  let made: GoCardlessClient | undefined;
  /** The client, made on the first call, once the library is loaded. */
  const gc = () => {
    made ??= client(credentials);
    return made;
  };
  const timeoutMs = options.timeoutMs ?? PROVIDER_TIMEOUT_MS;
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await withDeadline(fn(), timeoutMs);
    } catch (error) {
      throw unreachable(error);
    }
  };
  /** Reads a resource; GoCardless's 404 is `whenMissing`. */
  const find = async <T>(fn: () => Promise<T>, whenMissing: () => AccrueError): Promise<T> => {
    try {
      return await withDeadline(fn(), timeoutMs);
    } catch (error) {
      if (notFound(error)) throw whenMissing();
      throw unreachable(error);
    }
  };

  async function mandateOf(token: string, known: string | null): Promise<Mandate> {
    if (token.startsWith("MD")) {
      return find(
        () => gc().mandates.find(token),
        () => invalidToken(token),
      );
    }
    if (known !== null && known !== token) throw otherCustomer();
    const listed = await find(
      () => gc().mandates.list({ customer: token, limit: 100 }),
      () => invalidToken(token),
    );
    const usable = (listed.mandates ?? [])
      .filter((m) => m.status !== undefined && USABLE.has(m.status))
      .sort((a, b) => (b.created_at ?? "").localeCompare(a.created_at ?? ""));
    if (usable[0] === undefined) {
      throw unprocessable(
        "mandate_not_usable",
        `the GoCardless customer ${token} has no usable mandate; the customer sets one up in GoCardless's payment pages`,
        { field: "provider_token", status: null },
      );
    }
    return usable[0];
  }

  /** The GoCardless customer of a mandate, checked to be this Accrue customer's (claimed). */
  async function claimCustomer(
    customerId: string,
    gcCustomer: string,
    known: string | null,
  ): Promise<void> {
    if (known !== null) {
      if (known !== gcCustomer) throw otherCustomer();
      return;
    }
    const customer = await find(
      () => gc().customers.find(gcCustomer),
      () => invalidToken(gcCustomer),
    );
    const owner = customer.metadata?.accrue_customer_id;
    if (owner !== undefined && owner !== customerId) throw otherCustomer();
    if (owner === undefined) {
      await call(() =>
        gc().customers.update(gcCustomer, {
          metadata: { ...customer.metadata, accrue_customer_id: customerId },
        }),
      );
    }
  }

  /** A mandate a payment can be taken against, with its customer and bank account. */
  function usableMandate(mandate: Mandate): {
    mandate: string;
    customer: string;
    bankAccount: string;
  } {
    if (mandate.status === undefined || !USABLE.has(mandate.status)) {
      throw unprocessable(
        "mandate_not_usable",
        `the GoCardless mandate ${mandate.id} is ${mandate.status ?? "in no known state"}; the customer sets up a new one`,
        { field: "provider_token", status: mandate.status ?? null },
      );
    }
    const customer = mandate.links?.customer;
    const bankAccount = mandate.links?.customer_bank_account;
    if (!mandate.id || !customer || !bankAccount) {
      throw unreachable(new Error("GoCardless answered a mandate without its links"));
    }
    return { mandate: mandate.id, customer, bankAccount };
  }

  /** What Accrue keeps of a usable mandate: its bank account as GoCardless shows it. */
  async function readSetup(
    reference: string,
    customerReference: string,
  ): Promise<SourceSetupOutcome> {
    const request: BillingRequest = await call(() => gc().billingRequests.find(reference));
    if (request.status === "cancelled") return { status: "expired" };
    const mandateId = request.links?.mandate_request_mandate;
    if (request.status !== "fulfilled" || !mandateId) return { status: "open" };
    // the request was opened for this GoCardless customer, and its mandate is that customer's
    if (request.links?.customer !== customerReference) throw otherCustomer();
    const linked = usableMandate(await call(() => gc().mandates.find(mandateId)));
    if (linked.customer !== customerReference) throw otherCustomer();
    return { status: "succeeded", source: await bankSource(linked) };
  }

  async function bankSource(linked: ReturnType<typeof usableMandate>): Promise<CreatedSource> {
    const account = await call(() => gc().customerBankAccounts.find(linked.bankAccount));
    return {
      customerReference: linked.customer,
      reference: linked.mandate,
      type: "bank_account",
      bankAccount: {
        country: account.country_code ?? "",
        last4: account.account_number_ending ?? "",
        ...(account.account_holder_name ? { holderName: account.account_holder_name } : {}),
      },
    };
  }

  return loadingFirst(library, {
    kind: "gocardless",
    async createSource({ customerId, customerReference, token }) {
      if (token.type !== "provider_token") {
        throw unprocessable(
          "provider_token_required",
          "a GoCardless account takes a mandate id (MD…) or a customer id (CU…) from GoCardless's payment pages, never bank account numbers",
          { field: token.type, gateway: "gocardless" },
        );
      }
      if (!/^(MD|CU)[0-9A-Z]+$/.test(token.token)) throw invalidToken(token.token);
      const mandate = await mandateOf(token.token, customerReference ?? null);
      const linked = usableMandate(mandate);
      await claimCustomer(customerId, linked.customer, customerReference ?? null);
      return bankSource(linked);
    },
    async charge(input) {
      try {
        const created = await withDeadline(
          gc().payments.create(
            {
              amount: minorUnitsNumber(input.amount, "GoCardless"),
              currency: input.currency.toUpperCase() as Payment["currency"] & string,
              links: { mandate: input.reference },
              retry_if_possible: false,
              // what the payment pays, in GoCardless's dashboard and its notifications to the
              // customer
              ...(input.description?.trim() ? { description: input.description.trim() } : {}),
            },
            input.idempotencyKey,
          ),
          timeoutMs,
        );
        return goCardlessVerdict(created);
      } catch (error) {
        // GoCardless's verdict that the payment cannot be taken (mandate cancelled, …)
        if (isRefusal(error)) {
          return {
            status: "failed",
            reference: error.requestId ?? input.idempotencyKey,
            code: reasonOf(error) ?? error.errorType ?? "payment_refused",
            message: detailOf(error),
          };
        }
        throw unreachable(error);
      }
    },
    authorize: async () => {
      throw notSupported();
    },
    capture: async () => {
      throw notSupported();
    },
    release: async () => {
      throw notSupported();
    },
    async refund({ chargeReference, amount, idempotencyKey }) {
      const payment = await call(() => gc().payments.find(chargeReference));
      const before = BigInt(payment.amount_refunded ?? 0);
      try {
        const refund = await withDeadline(
          gc().refunds.create(
            {
              amount: minorUnitsNumber(amount, "GoCardless"),
              total_amount_confirmation: minorUnitsNumber(before + amount, "GoCardless"),
              links: { payment: chargeReference },
            },
            idempotencyKey,
          ),
          timeoutMs,
        );
        return { reference: refund.id ?? "" };
      } catch (error) {
        if (isRefusal(error)) {
          throw unprocessable(
            "gateway_refund_refused",
            `GoCardless refused the refund: ${detailOf(error)}`,
            { gateway: "gocardless", provider_code: reasonOf(error) ?? error.errorType ?? null },
          );
        }
        throw unreachable(error);
      }
    },
    async fetchStatus({ chargeReference }): Promise<ChargeStatus> {
      const payment = await call(() => gc().payments.find(chargeReference));
      if (payment.status === "charged_back") return "refunded";
      return goCardlessVerdict(payment).status;
    },
    async startSetup({
      customerId,
      customerReference,
      setupId,
      currency,
      successUrl,
      cancelUrl,
      idempotencyKey,
    }): Promise<SourceSetup> {
      const known = customerReference ?? null;
      const metadata = { accrue_customer_id: customerId, accrue_setup_id: setupId };
      const request = await call(() =>
        gc().billingRequests.create(
          {
            mandate_request: currency ? { currency: currency.toUpperCase() } : {},
            ...(known !== null ? { links: { customer: known } } : {}),
            metadata,
          },
          idempotencyKey,
        ),
      );
      const customer = request.links?.customer;
      if (!customer) {
        throw unreachable(new Error(`Billing Request ${request.id} names no customer`));
      }
      // a customer GoCardless created with the request is this customer's from now on
      await claimCustomer(customerId, customer, known);
      const flow = await call(() =>
        gc().billingRequestFlows.create(
          {
            links: { billing_request: request.id },
            redirect_uri: successUrl,
            exit_uri: cancelUrl,
          },
          `${idempotencyKey}_flow`,
        ),
      );
      if (!flow.authorisation_url) {
        throw unreachable(new Error(`Billing Request Flow ${flow.id} has no authorisation_url`));
      }
      return { customerReference: customer, reference: request.id, url: flow.authorisation_url };
    },
    setupOutcome: ({ reference, customerReference }) => readSetup(reference, customerReference),
    async expireSetup({ reference, customerReference }) {
      try {
        await withDeadline(gc().billingRequests.cancel(reference, {}), timeoutMs);
        return { status: "expired" };
      } catch (error) {
        // no longer cancellable (fulfilled, or cancelled already): as it stands
        if (!isRefusal(error)) throw unreachable(error);
      }
      return readSetup(reference, customerReference);
    },
    canCopyCardTo: () => false,
    async copyCard() {
      throw unprocessable(
        "card_copy_not_supported",
        "GoCardless keeps bank debit mandates, no cards to copy",
        { from: "gocardless" },
      );
    },
    async parseWebhook({ rawBody, headers }) {
      if (credentials.webhookSecret === null) {
        throw unprocessable(
          "webhook_secret_not_configured",
          "the GoCardless account has no webhook_secret (the secret of its webhook endpoint) to verify its events with; set it in its credentials",
          { gateway: "gocardless" },
        );
      }
      const signature = headerValue(headers["webhook-signature"]);
      if (!signature) {
        throw invalid("invalid_signature", "the events carry no Webhook-Signature header", {
          header: "webhook-signature",
        });
      }
      let events: unknown;
      try {
        events = library.get().webhooks.parse(rawBody, credentials.webhookSecret, signature);
      } catch (error) {
        if (error instanceof library.get().webhooks.InvalidSignatureError) {
          throw invalid(
            "invalid_signature",
            "GoCardless's verifier refused the events: the signature is not the webhook secret's",
            { header: "webhook-signature" },
          );
        }
        throw invalid("malformed_gateway_event", "the signed body is not GoCardless's events");
      }
      if (!Array.isArray(events) || events.length === 0) {
        throw invalid("malformed_gateway_event", "the signed body holds no GoCardless events");
      }
      const read: GatewayEvent[] = [];
      for (const event of events as Event[]) read.push(await readEvent(event));
      return read;
    },
  });

  /**
   * A verified GoCardless event as Accrue reads it. A refund's event carries no amount: the
   * refund and its payment are read from GoCardless (what was refunded of it so far).
   */
  async function readEvent(event: Event): Promise<GatewayEvent> {
    const base = readGoCardlessEvent(event);
    if (base.type === "setup.succeeded") return setupOf(base);
    if (base.type === "charge.refund_failed") return refundFailed(base);
    if (base.type !== "charge.refunded") return base;
    const refundId = textOf(event.links?.refund);
    if (refundId === undefined) return { ...base, type: "unknown" };
    const refund = await call(() => gc().refunds.find(refundId));
    const paymentId = textOf(refund.links?.payment);
    if (paymentId === undefined) return { ...base, type: "unknown" };
    const payment = await call(() => gc().payments.find(paymentId));
    const amount = minorUnitsOf(payment.amount_refunded);
    const currency = textOf(payment.currency);
    return {
      ...base,
      chargeReference: paymentId,
      reference: refundId,
      ...(amount !== undefined ? { amount } : {}),
      ...(currency !== undefined ? { currency } : {}),
    };
  }

  /**
   * A fulfilled Billing Request's setup: named by the event's `resource_metadata`, else read
   * from the Billing Request's metadata; one Accrue did not open is not applied.
   */
  async function setupOf(base: GatewayEvent): Promise<GatewayEvent> {
    if (base.setupId !== undefined || base.setupReference === undefined) return base;
    const reference = base.setupReference;
    let request: BillingRequest;
    try {
      request = await withDeadline(gc().billingRequests.find(reference), timeoutMs);
    } catch (error) {
      if (notFound(error)) return { ...base, type: "unknown", note: NOT_OPENED };
      throw unreachable(error);
    }
    const setupId = textOf(request.metadata?.accrue_setup_id);
    return setupId === undefined
      ? { ...base, type: "unknown", note: NOT_OPENED }
      : { ...base, setupId };
  }

  /** A failed refund's payment: named by the event, else read from the refund. */
  async function refundFailed(base: GatewayEvent): Promise<GatewayEvent> {
    if (base.chargeReference !== null || base.reference === undefined) return base;
    const refundId = base.reference;
    const refund = await call(() => gc().refunds.find(refundId));
    const paymentId = textOf(refund.links?.payment);
    const currency = textOf(refund.currency);
    return paymentId === undefined
      ? { ...base, type: "unknown" }
      : {
          ...base,
          chargeReference: paymentId,
          ...(currency !== undefined ? { currency } : {}),
        };
  }
}

const invalidToken = (token: string) =>
  unprocessable(
    "invalid_provider_token",
    `GoCardless knows no mandate or customer ${token} in this account`,
    { field: "provider_token" },
  );

const otherCustomer = () =>
  unprocessable(
    "provider_token_other_customer",
    "the mandate belongs to another customer's GoCardless customer",
    { field: "provider_token" },
  );

const NOT_OPENED = "a Billing Request Accrue did not open to set up a mandate";

const textOf = (value: unknown): string | undefined =>
  typeof value === "string" && value.length > 0 && value.length <= 255 ? value : undefined;

/**
 * The actions of a refund's event that tell it did not reach the customer: failed, and the
 * money returned to the merchant after (applied once: the refund is failed already then).
 */
const REFUND_FAILED: ReadonlySet<string> = new Set(["failed", "refund_failed", "funds_returned"]);

/**
 * A verified GoCardless event as far as it tells by itself: its type (`resource_type.action`)
 * and the payment it names. A refund's amount is read by the adapter.
 */
export function readGoCardlessEvent(event: Event): GatewayEvent {
  const id = textOf(event?.id);
  const resource = textOf(event?.resource_type);
  const action = textOf(event?.action);
  if (id === undefined || resource === undefined || action === undefined) {
    throw invalid(
      "malformed_gateway_event",
      "a GoCardless event has an id, a resource_type and an action",
    );
  }
  const base = { id, providerType: `${resource}.${action}`, raw: event };
  const payment = textOf(event.links?.payment) ?? null;
  if (resource === "payments") {
    switch (action) {
      case "confirmed":
      case "paid_out":
        return { ...base, type: "charge.succeeded", chargeReference: payment };
      case "failed":
      case "cancelled":
      case "customer_approval_denied":
        return {
          ...base,
          type: "charge.failed",
          chargeReference: payment,
          failure: {
            code: textOf(event.details?.cause) ?? action,
            message:
              textOf(event.details?.description) ?? `GoCardless reports the payment ${action}`,
          },
        };
      case "charged_back":
      case "late_failure_settled":
        return { ...base, type: "charge.disputed", chargeReference: payment, reference: id };
    }
  }
  if (resource === "billing_requests" && action === "fulfilled") {
    const setupReference = textOf(event.links?.billing_request);
    if (setupReference === undefined) {
      return { ...base, type: "unknown", chargeReference: null, note: NOT_OPENED };
    }
    const setupId = textOf(event.resource_metadata?.accrue_setup_id);
    return {
      ...base,
      type: "setup.succeeded",
      chargeReference: null,
      setupReference,
      ...(setupId !== undefined ? { setupId } : {}),
    };
  }
  if (resource === "refunds" && action === "created") {
    return { ...base, type: "charge.refunded", chargeReference: payment };
  }
  if (resource === "refunds" && REFUND_FAILED.has(action)) {
    const refund = textOf(event.links?.refund);
    return {
      ...base,
      type: refund === undefined ? "unknown" : "charge.refund_failed",
      chargeReference: payment,
      ...(refund !== undefined ? { reference: refund } : {}),
      failure: {
        code: textOf(event.details?.cause) ?? "refund_failed",
        message:
          textOf(event.details?.description) ??
          "GoCardless reports the refund did not reach the customer",
      },
    };
  }
  return { ...base, type: "unknown", chargeReference: null };
}
