/**
 * The Mollie adapter of the gateway interface, on Mollie's official Node client
 * (`@mollie/api-client`). Mollie keeps a customer's card or SEPA bank account as a mandate
 * (`mdt_…`) of a Mollie customer (`cst_…`), made by the customer's first payment in Mollie's
 * checkout (`sequenceType: first`): Accrue never sees the card number or IBAN in full.
 *
 * - source: the provider token is a Mollie customer id (`cst_…`), whose newest valid (or
 *   pending) mandate is taken, or a mandate id (`mdt_…`) of the Mollie customer the Accrue
 *   customer already has at the account. The Mollie customer must be the Accrue customer's:
 *   the one already known, else one whose `metadata.accrue_customer_id` is this customer's or
 *   unset (then set). A creditcard mandate is a card (label, last four digits, expiry), a
 *   directdebit mandate a bank account (the IBAN's country and last four, the holder).
 * - charge: a recurring payment (`sequenceType: recurring`, `customerId`, `mandateId`), the
 *   description Mollie requires (the seller and the invoice numbers the charge pays, at most
 *   255 characters, Mollie's limit), the
 *   amount as Mollie writes it (`{currency, value}`, value a string with the currency's
 *   decimals: "10.00" EUR, "1000" JPY), the idempotency key as Mollie's Idempotency-Key, the
 *   account's event endpoint as `webhookUrl` when the account has `public_url`. `paid` is
 *   paid; `open`, `pending`, `authorized` are pending (a SEPA debit takes days); `failed`,
 *   `canceled`, `expired` are failed.
 * - refund: a Refund of the payment (`POST /payments/{id}/refunds`).
 * - startSetup: a first payment (`sequenceType: first`) for the customer's Mollie customer
 *   (created when it has none, `metadata.accrue_customer_id`) of the smallest amount the
 *   currency writes (0.01 EUR: {@link verificationAmount}), `redirectUrl` and `cancelUrl` the
 *   setup's return links, the account's `webhookUrl`, Accrue's setup id in its metadata; the
 *   customer pays it in Mollie's checkout (`_links.checkout`). setupOutcome reads it back:
 *   `paid`, its mandate (`mandateId`, read for the card or bank account) is the source;
 *   `open`, `pending`, `authorized` still open; `failed`, `canceled`, `expired` the setup
 *   expired. expireSetup cancels a payment Mollie says `isCancelable`; one it does not is
 *   answered as it stands (an open one keeps its setup open: it may still be paid). The verification amount is not refunded: Mollie's docs ask none.
 * - no holds and no copying of mandates: refused.
 * - events: Mollie's webhook posts only `id=tr_…`, with no signature. The notice is verified
 *   by reading that payment from Mollie with the account's API key (a payment the account does
 *   not hold is refused as `invalid_signature`), and what the payment says now becomes the
 *   events: paid (succeeded), failed, canceled or expired (failed), what was refunded of it so
 *   far (refunded), each chargeback (disputed) and its reversal (dispute reversed); a first
 *   payment of a setup, paid, that the customer saved a payment method (setup succeeded). Each
 *   event's id is made of the payment and its
 *   state, so a notice repeated with nothing new applies nothing twice.
 *
 * The client retries a 5xx twice under the same Idempotency-Key; it sets no timeout, so every
 * call has a deadline here. Mollie's refusals become a failed charge or a 422; anything that
 * leaves the outcome unknown (no answer in time, a 5xx, a rate limit) is `gateway_unreachable`.
 * The client speaks only HTTPS: a local stand-in (`api_base`, test keys only) is an HTTPS
 * server on a loopback address.
 */
import type { createMollieClient, MollieApiError } from "@mollie/api-client";
import { AccrueError, invalid, unprocessable } from "../errors.js";
import { isCurrency } from "../money/currency.js";
import { fromDecimalString, money, toDecimalString } from "../money/money.js";
import {
  badCredential,
  checkApiBase,
  clip,
  lazyLibrary,
  loadingFirst,
  MAX_CHARGE_DESCRIPTION,
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
import type { GatewayEvent } from "./gateway-events.js";
import type { CardDetails } from "./test-gateway.js";

type MollieClient = ReturnType<typeof createMollieClient>;

/** Mollie's client library, loaded by an adapter's first call (see loadingFirst). */
const library = lazyLibrary("Mollie", () => import("@mollie/api-client"));
const apiError = () => library.get().MollieApiError;
type Json = Record<string, unknown>;

/** What a Mollie gateway account's credentials hold, checked. */
export type MollieCredentials = {
  apiKey: string;
  /** Accrue's public URL as Mollie reaches it: payments name the account's event endpoint. */
  publicUrl: URL | null;
  /** A local stand-in of Mollie's API (an HTTPS test server); test keys only. */
  apiBase: URL | null;
};

const NAMES = ["api_key", "public_url", "api_base"] as const;

/**
 * Checks a Mollie account's credentials: `api_key` (`test_…` or `live_…`), optionally
 * `public_url` (the https URL Accrue is reached at; the webhook of each payment is
 * `{public_url}/v1/gateways/{account_id}/events`) and `api_base` (a local stand-in, test keys
 * only).
 */
export function checkMollieCredentials(
  credentials: Readonly<Record<string, string>>,
): MollieCredentials {
  onlyCredentials(credentials, NAMES, "Mollie");
  const apiKey = credentials.api_key;
  if (apiKey === undefined || !/^(test|live)_[A-Za-z0-9]{20,}$/.test(apiKey)) {
    throw badCredential("api_key", "api_key is a Mollie API key (test_… or live_…)");
  }
  let publicUrl: URL | null = null;
  if (credentials.public_url !== undefined) {
    publicUrl = URL.canParse(credentials.public_url) ? new URL(credentials.public_url) : null;
    if (
      publicUrl === null ||
      (publicUrl.protocol !== "https:" && publicUrl.protocol !== "http:") ||
      publicUrl.search !== "" ||
      publicUrl.hash !== "" ||
      publicUrl.username !== ""
    ) {
      throw badCredential(
        "public_url",
        "public_url is the http(s) URL Accrue is reached at from the internet (ACCRUE_PUBLIC_URL)",
      );
    }
  }
  const apiBase = checkApiBase(
    credentials.api_base,
    apiKey.startsWith("test_"),
    ["https:"],
    "test API key (test_…)",
  );
  return { apiKey, publicUrl, apiBase };
}

/** Minor units as Mollie writes an amount: 1000n EUR → "10.00", 1000n JPY → "1000". */
export function mollieAmount(
  amount: bigint,
  currency: string,
): { currency: string; value: string } {
  if (amount <= 0n) throw new RangeError(`not an amount Mollie takes: ${amount}`);
  return { currency, value: toDecimalString(money(amount, currency)) };
}

/**
 * The amount of the first payment that sets up a mandate on Mollie's checkout: the smallest the
 * currency writes (0.01 EUR, 1 JPY). Mollie takes €0.01 as a first payment's verification
 * amount for every first-payment method; €0.00 only for cards and PayPal, which would leave
 * out bank accounts (iDEAL, Bancontact, … make SEPA direct debit mandates).
 */
export function verificationAmount(currency: string): { currency: string; value: string } {
  return mollieAmount(1n, currency.toUpperCase());
}

/** A resource of Mollie's client as plain JSON (what Mollie answered). */
const asJson = (resource: unknown): Json => JSON.parse(JSON.stringify(resource)) as Json;

/** Mollie's `{currency, value}` as minor units; undefined when it is not one. */
export function minorOfMollie(value: unknown): { amount: bigint; currency: string } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { currency, value: text } = value as { currency?: unknown; value?: unknown };
  if (!isCurrency(currency) || typeof text !== "string" || text.length > 32) return undefined;
  try {
    const m = fromDecimalString(text, currency);
    return m.amount >= 0n ? { amount: m.amount, currency } : undefined;
  } catch {
    return undefined;
  }
}

/** A payment's status as a verdict on the charge. */
export function mollieVerdict(payment: Json): ChargeResult {
  const reference = String(payment.id ?? "");
  const status = String(payment.status ?? "");
  switch (status) {
    case "paid":
      return { status: "succeeded", reference };
    case "open":
    case "pending":
    case "authorized":
      return { status: "pending", reference };
    default:
      return { status: "failed", reference, ...failureOf(payment) };
  }
}

/** Why Mollie says a payment failed: its status reason, the card's failure, or the status. */
function failureOf(payment: Json): { code: string; message: string } {
  const status = String(payment.status ?? "failed");
  const reason = payment.statusReason as { code?: unknown; message?: unknown } | undefined;
  const details = payment.details as
    | {
        failureReason?: unknown;
        failureMessage?: unknown;
        bankReasonCode?: unknown;
        bankReason?: unknown;
      }
    | undefined;
  const code =
    textOf(reason?.code) ??
    textOf(details?.failureReason) ??
    textOf(details?.bankReasonCode) ??
    status;
  const message =
    textOf(reason?.message) ??
    textOf(details?.failureMessage) ??
    textOf(details?.bankReason) ??
    `the Mollie payment is ${status}`;
  return { code, message };
}

const textOf = (value: unknown): string | undefined =>
  typeof value === "string" && value.length > 0 && value.length <= 255 ? value : undefined;

/** A refusal of the request by Mollie (nothing happened), as opposed to no answer. */
const isRefusal = (error: unknown): error is MollieApiError =>
  error instanceof apiError() &&
  error.statusCode !== undefined &&
  error.statusCode >= 400 &&
  error.statusCode < 500 &&
  ![401, 403, 408, 429].includes(error.statusCode);

function unreachable(error: unknown): AccrueError {
  if (error instanceof AccrueError) return error;
  if (error instanceof apiError() && (error.statusCode === 401 || error.statusCode === 403)) {
    return unprocessable(
      "gateway_credentials_rejected",
      `Mollie refused the account's API key: ${error.message}`,
      { gateway: "mollie" },
    );
  }
  const detail =
    error instanceof apiError()
      ? `${error.statusCode ?? "no status"}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
  return unreachableError("Mollie", "mollie", detail);
}

const USABLE: ReadonlySet<string> = new Set(["valid", "pending"]);

const LABELS: Readonly<Record<string, CardDetails["brand"]>> = {
  visa: "visa",
  mastercard: "mastercard",
  "american express": "amex",
  amex: "amex",
  discover: "discover",
};

/**
 * A usable mandate as the source it is: a creditcard mandate a card (label, last four digits,
 * expiry; one expired before `today` refused, when `today` is given), a directdebit mandate a
 * bank account (the IBAN's country and last four, the holder); other methods refused.
 */
function sourceOfMandate(
  mandate: Json,
  mollieCustomer: string,
  today: string | null,
): CreatedSource {
  if (!USABLE.has(String(mandate.status))) {
    throw unprocessable(
      "mandate_not_usable",
      `the Mollie mandate ${String(mandate.id)} is ${String(mandate.status)}; the customer makes a new first payment`,
      { field: "provider_token", status: textOf(mandate.status) ?? null },
    );
  }
  const details = (mandate.details ?? {}) as Json;
  if (mandate.method === "creditcard") {
    const [year, month] = String(details.cardExpiryDate ?? "")
      .split("-")
      .map(Number);
    if (!year || !month) throw unreachable(new Error("Mollie answered a card without expiry"));
    if (today !== null) {
      const [thisYear, thisMonth] = today.split("-").map(Number) as [number, number];
      if (year < thisYear || (year === thisYear && month < thisMonth)) {
        throw unprocessable("card_expired", "the card expired before today", {
          field: "provider_token",
        });
      }
    }
    return {
      customerReference: mollieCustomer,
      reference: String(mandate.id),
      type: "card",
      card: {
        brand: LABELS[String(details.cardLabel ?? "").toLowerCase()] ?? "other",
        last4: String(details.cardNumber ?? "").slice(-4),
        exp_month: month,
        exp_year: year,
      },
    };
  }
  if (mandate.method === "directdebit") {
    const iban = String(details.consumerAccount ?? "").replace(/\s+/g, "");
    return {
      customerReference: mollieCustomer,
      reference: String(mandate.id),
      type: "bank_account",
      bankAccount: {
        country: iban.slice(0, 2),
        last4: iban.slice(-4),
        ...(textOf(details.consumerName) ? { holderName: String(details.consumerName) } : {}),
      },
    };
  }
  throw unprocessable(
    "payment_method_type_not_supported",
    `Accrue keeps creditcard and directdebit mandates, not ${String(mandate.method)}`,
    { field: "provider_token", type: String(mandate.method) },
  );
}

const notSupported = () =>
  unprocessable(
    "authorization_not_supported",
    "Mollie recurring payments through a mandate are charged at once: no amount is held to capture later; charge the source instead",
    { gateway: "mollie" },
  );

/** The Mollie adapter for an account's checked credentials; `accountId` names its endpoint. */
export function mollieGateway(
  credentials: MollieCredentials,
  options: { accountId?: string | undefined; timeoutMs?: number } = {},
): PaymentGateway {
  let made: MollieClient | undefined;
  /** The client, made on the first call, once the library is loaded. */
  const mollie = () => {
    made ??= library.get().createMollieClient({
      apiKey: credentials.apiKey,
      versionStrings: ["Accrue/1.0"],
      ...(credentials.apiBase ? { apiEndpoint: `${credentials.apiBase.origin}/v2/` } : {}),
    });
    return made;
  };
  const timeoutMs = options.timeoutMs ?? PROVIDER_TIMEOUT_MS;
  const webhookUrl =
    credentials.publicUrl && options.accountId
      ? `${credentials.publicUrl.href.replace(/\/+$/, "")}/v1/gateways/${options.accountId}/events`
      : undefined;
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await withDeadline(fn(), timeoutMs);
    } catch (error) {
      throw unreachable(error);
    }
  };
  const find = async <T>(fn: () => Promise<T>, whenMissing: () => AccrueError): Promise<T> => {
    try {
      return await withDeadline(fn(), timeoutMs);
    } catch (error) {
      if (error instanceof apiError() && error.statusCode === 404) throw whenMissing();
      throw unreachable(error);
    }
  };

  /** The mandate a token names, and the Mollie customer holding it. */
  async function mandateOf(token: string, known: string | null): Promise<[Json, string]> {
    if (token.startsWith("mdt_")) {
      if (known === null) {
        throw unprocessable(
          "invalid_provider_token",
          "the customer has no Mollie customer at this account yet: give the Mollie customer id (cst_…) the first time",
          { field: "provider_token" },
        );
      }
      const mandate = await find(
        () => mollie().customerMandates.get(token, { customerId: known }),
        () => invalidToken(token),
      );
      return [mandate as unknown as Json, known];
    }
    if (known !== null && known !== token) throw otherCustomer();
    const page = await find(
      () => mollie().customerMandates.page({ customerId: token, limit: 250 }),
      () => invalidToken(token),
    );
    const usable = [...page]
      .map((m) => m as unknown as Json)
      .filter((m) => USABLE.has(String(m.status)))
      .sort((a, b) => String(b.createdAt ?? "").localeCompare(String(a.createdAt ?? "")));
    if (usable[0] === undefined) {
      throw unprocessable(
        "mandate_not_usable",
        `the Mollie customer ${token} has no valid mandate; the customer makes a first payment in Mollie's checkout`,
        { field: "provider_token", status: null },
      );
    }
    return [usable[0], token];
  }

  /** Checks that a Mollie customer is this Accrue customer's, claiming it when unclaimed. */
  async function claimCustomer(customerId: string, mollieCustomer: string, known: string | null) {
    if (known !== null) return;
    const customer = await find(
      () => mollie().customers.get(mollieCustomer),
      () => invalidToken(mollieCustomer),
    );
    const metadata =
      typeof customer.metadata === "object" && customer.metadata !== null
        ? (customer.metadata as Json)
        : {};
    const owner = metadata.accrue_customer_id;
    if (owner !== undefined && owner !== customerId) throw otherCustomer();
    if (owner === undefined) {
      await call(() =>
        mollie().customers.update(mollieCustomer, {
          metadata: { ...metadata, accrue_customer_id: customerId },
        }),
      );
    }
  }

  /** A payment as Mollie answers it now. */
  async function readPayment(reference: string): Promise<Json> {
    return asJson(await call(() => mollie().payments.get(reference)));
  }

  /**
   * How a setup's first payment stands: paid, its mandate (read for the card or bank
   * account) is the source; open, pending or authorized, still open; failed, canceled or
   * expired, it can no longer be paid: the setup expired.
   */
  async function setupOf(payment: Json, customerReference: string): Promise<SourceSetupOutcome> {
    // the payment was made for this Mollie customer, and its mandate is that customer's
    if (payment.customerId !== customerReference) throw otherCustomer();
    const status = String(payment.status ?? "");
    if (status === "failed" || status === "canceled" || status === "expired") {
      return { status: "expired" };
    }
    const mandateId = textOf(payment.mandateId);
    if (status !== "paid" || mandateId === undefined) return { status: "open" };
    const mandate = await find(
      () => mollie().customerMandates.get(mandateId, { customerId: customerReference }),
      otherCustomer,
    );
    return {
      status: "succeeded",
      source: sourceOfMandate(asJson(mandate), customerReference, null),
    };
  }

  return loadingFirst(library, {
    kind: "mollie",
    async createSource({ customerId, customerReference, token, today }) {
      if (token.type !== "provider_token") {
        throw unprocessable(
          "provider_token_required",
          "a Mollie account takes a Mollie customer id (cst_…) or mandate id (mdt_…) from Mollie's checkout, never card numbers or IBANs",
          { field: token.type, gateway: "mollie" },
        );
      }
      if (!/^(cst|mdt)_[A-Za-z0-9]+$/.test(token.token)) throw invalidToken(token.token);
      const known = customerReference ?? null;
      const [mandate, mollieCustomer] = await mandateOf(token.token, known);
      const source = sourceOfMandate(mandate, mollieCustomer, today);
      await claimCustomer(customerId, mollieCustomer, known);
      return source;
    },
    async charge(input) {
      if (!input.customerReference) {
        throw new RangeError(`mandate ${input.reference} has no Mollie customer`);
      }
      try {
        const created = await withDeadline(
          mollie().payments.create({
            amount: mollieAmount(input.amount, input.currency),
            // required by Mollie: what the charge pays, else (no description given) its key
            description: clip(
              input.description?.trim() || `Accrue ${input.idempotencyKey}`,
              MAX_CHARGE_DESCRIPTION,
            ),
            sequenceType: "recurring" as never,
            customerId: input.customerReference,
            mandateId: input.reference,
            ...(webhookUrl ? { webhookUrl } : {}),
            metadata: { accrue_idempotency_key: input.idempotencyKey },
            idempotencyKey: input.idempotencyKey,
          }),
          timeoutMs,
        );
        return mollieVerdict(created as unknown as Json);
      } catch (error) {
        // Mollie's verdict that the payment cannot be made (mandate revoked, …)
        if (isRefusal(error)) {
          return {
            status: "failed",
            reference: input.idempotencyKey,
            code: error.field ? `invalid_${error.field}` : `mollie_${error.statusCode}`,
            message: error.message,
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
    async refund({ chargeReference, amount, currency, idempotencyKey }) {
      try {
        const refund = await withDeadline(
          mollie().paymentRefunds.create({
            paymentId: chargeReference,
            amount: mollieAmount(amount, currency),
            idempotencyKey,
          }),
          timeoutMs,
        );
        return { reference: refund.id };
      } catch (error) {
        if (isRefusal(error)) {
          throw unprocessable(
            "gateway_refund_refused",
            `Mollie refused the refund: ${error.message}`,
            { gateway: "mollie", provider_code: error.statusCode ?? null },
          );
        }
        throw unreachable(error);
      }
    },
    async fetchStatus({ chargeReference }): Promise<ChargeStatus> {
      const payment = await call(() => mollie().payments.get(chargeReference));
      return mollieVerdict(payment as unknown as Json).status;
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
      const metadata = { accrue_customer_id: customerId, accrue_setup_id: setupId };
      // the customer's Mollie customer, else one made for it now (claimed in its metadata)
      const customer =
        customerReference ??
        (
          await call(() =>
            mollie().customers.create({
              metadata: { accrue_customer_id: customerId },
              idempotencyKey: `${idempotencyKey}_customer`,
            }),
          )
        ).id;
      const payment = await call(() =>
        mollie().payments.create({
          amount: verificationAmount(currency ?? "EUR"),
          description: `Payment method verification ${setupId}`,
          sequenceType: "first" as never,
          customerId: customer,
          redirectUrl: successUrl,
          cancelUrl,
          ...(webhookUrl ? { webhookUrl } : {}),
          metadata,
          idempotencyKey,
        }),
      );
      const url = payment.getCheckoutUrl();
      if (!url) {
        throw unreachable(new Error(`Mollie's first payment ${payment.id} has no checkout`));
      }
      return { customerReference: customer, reference: payment.id, url };
    },
    async setupOutcome({ reference, customerReference }) {
      return setupOf(await readPayment(reference), customerReference);
    },
    async expireSetup({ reference, customerReference, idempotencyKey }) {
      const payment = await readPayment(reference);
      if (payment.isCancelable !== true) return setupOf(payment, customerReference);
      try {
        const canceled = await withDeadline(
          mollie().payments.cancel(reference, { idempotencyKey }),
          timeoutMs,
        );
        return setupOf(asJson(canceled), customerReference);
      } catch (error) {
        // no longer cancelable (paid at the last moment, or expired): as it stands
        if (!isRefusal(error)) throw unreachable(error);
      }
      return setupOf(await readPayment(reference), customerReference);
    },
    canCopyCardTo: () => false,
    async copyCard() {
      throw unprocessable(
        "card_copy_not_supported",
        "Mollie keeps its mandates to its own account; the customer adds the card anew",
        { from: "mollie" },
      );
    },
    async parseWebhook({ rawBody }) {
      const id = new URLSearchParams(rawBody.toString("utf8")).get("id");
      if (id === null || !/^tr_[A-Za-z0-9]{1,64}$/.test(id)) {
        throw invalid(
          "malformed_gateway_event",
          "a Mollie webhook posts the payment's id (id=tr_…)",
        );
      }
      let payment: Json;
      try {
        payment = JSON.parse(
          JSON.stringify(
            await withDeadline(
              mollie().payments.get(id, { embed: ["refunds", "chargebacks"] as never }),
              timeoutMs,
            ),
          ),
        ) as Json;
      } catch (error) {
        if (error instanceof apiError() && error.statusCode === 404) {
          throw invalid(
            "invalid_signature",
            `Mollie holds no payment ${id} for this account's API key: the notice is not Mollie's`,
            { field: "id" },
          );
        }
        throw unreachable(error);
      }
      if (payment.id !== id) {
        throw invalid("malformed_gateway_event", `Mollie answered another payment than ${id}`);
      }
      const setup = readMollieSetup(payment);
      return setup ? [setup] : readMolliePayment(payment);
    },
  });
}

const invalidToken = (token: string) =>
  unprocessable(
    "invalid_provider_token",
    `Mollie knows no customer or mandate ${token} in this account`,
    { field: "provider_token" },
  );

const otherCustomer = () =>
  unprocessable(
    "provider_token_other_customer",
    "the mandate belongs to another customer's Mollie customer",
    { field: "provider_token" },
  );

/**
 * A first payment Accrue opened for a payment method setup (`metadata.accrue_setup_id`), as
 * its event: paid, the setup succeeded (`tr_….paid`, the setup and the payment named, the
 * mandate read when the setup is completed); in any other state nothing to apply. Undefined:
 * not such a payment (read as a charge's).
 */
export function readMollieSetup(payment: Json): GatewayEvent | undefined {
  const metadata =
    typeof payment.metadata === "object" && payment.metadata !== null
      ? (payment.metadata as Json)
      : {};
  const setupId = textOf(metadata.accrue_setup_id);
  const id = textOf(payment.id);
  const status = textOf(payment.status);
  if (payment.sequenceType !== "first" || setupId === undefined || !id || !status) return undefined;
  if (status === "paid") {
    return {
      id: `${id}.paid`,
      providerType: "payment.paid",
      type: "setup.succeeded",
      chargeReference: null,
      setupId,
      setupReference: id,
      raw: payment,
    };
  }
  return {
    id: `${id}.${status}`,
    providerType: `payment.${status}`,
    type: "unknown",
    chargeReference: null,
    note: `the first payment of payment method setup ${setupId} is ${status}: nothing kept`,
    raw: payment,
  };
}

/**
 * A Mollie payment, as read from Mollie after its webhook, as the events it stands for: its
 * outcome (paid: succeeded; failed, canceled, expired: failed), what was refunded of it so far,
 * each chargeback, and each chargeback's reversal (`reversedAt` set: after the chargeback, so a
 * chargeback first seen reversed is recorded and undone). Ids are the payment's id with its
 * state (`tr_….paid`, `tr_….refunded.1500`, `tr_….chb_…`, `tr_….chb_….reversed`), so a
 * notice repeated with nothing new is recorded once.
 */
export function readMolliePayment(payment: Json): GatewayEvent[] {
  const id = textOf(payment.id);
  const status = textOf(payment.status);
  if (id === undefined || status === undefined) {
    throw invalid("malformed_gateway_event", "a Mollie payment has an id and a status");
  }
  const amount = minorOfMollie(payment.amount);
  const money = (m: { amount: bigint; currency: string } | undefined) =>
    m ? { amount: m.amount, currency: m.currency } : {};
  const events: GatewayEvent[] = [];
  const raw = payment;
  if (status === "paid") {
    events.push({
      id: `${id}.paid`,
      providerType: "payment.paid",
      type: "charge.succeeded",
      chargeReference: id,
      ...money(amount),
      raw,
    });
  } else if (status === "failed" || status === "canceled" || status === "expired") {
    events.push({
      id: `${id}.${status}`,
      providerType: `payment.${status}`,
      type: "charge.failed",
      chargeReference: id,
      ...money(amount),
      failure: failureOf(payment),
      raw,
    });
  }
  const embedded = (payment._embedded ?? {}) as { refunds?: Json[]; chargebacks?: Json[] };
  const refunded = minorOfMollie(payment.amountRefunded);
  if (refunded !== undefined && refunded.amount > 0n) {
    const newest = [...(embedded.refunds ?? [])]
      .filter((r) => r.status !== "canceled" && r.status !== "failed")
      .sort((a, b) => String(b.createdAt ?? "").localeCompare(String(a.createdAt ?? "")))[0];
    const reference = textOf(newest?.id);
    events.push({
      id: `${id}.refunded.${refunded.amount}`,
      providerType: "payment.refunded",
      type: "charge.refunded",
      chargeReference: id,
      ...money(refunded),
      ...(reference !== undefined ? { reference } : {}),
      raw,
    });
  }
  const chargebacks = embedded.chargebacks ?? [];
  for (const chargeback of chargebacks) {
    const reference = textOf(chargeback.id);
    if (reference === undefined) continue;
    const disputed = money(minorOfMollie(chargeback.amount));
    events.push({
      id: `${id}.${reference}`,
      providerType: "payment.chargeback",
      type: "charge.disputed",
      chargeReference: id,
      ...disputed,
      reference,
      raw,
    });
    // reversed: the bank took the chargeback back, the money is the merchant's again
    if (textOf(chargeback.reversedAt) !== undefined) {
      events.push({
        id: `${id}.${reference}.reversed`,
        providerType: "payment.chargeback_reversed",
        type: "charge.dispute_reversed",
        chargeReference: id,
        ...disputed,
        reference,
        raw,
      });
    }
  }
  const chargedBack = minorOfMollie(payment.amountChargedBack);
  if (chargebacks.length === 0 && chargedBack !== undefined && chargedBack.amount > 0n) {
    events.push({
      id: `${id}.chargeback.${chargedBack.amount}`,
      providerType: "payment.chargeback",
      type: "charge.disputed",
      chargeReference: id,
      ...money(chargedBack),
      raw,
    });
  }
  if (events.length === 0) {
    events.push({
      id: `${id}.${status}`,
      providerType: `payment.${status}`,
      type: "unknown",
      chargeReference: null,
      raw,
    });
  }
  return events;
}
