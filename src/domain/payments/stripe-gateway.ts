/**
 * The Stripe adapter of the gateway interface, on Stripe's official Node client. A Stripe
 * account keeps a customer's card or SEPA bank account as a PaymentMethod (`pm_…`) that
 * Stripe.js or Elements created in the customer's browser: Accrue never sees the number. It
 * attaches the PaymentMethod to the Stripe Customer of the Accrue customer (created on the
 * first source, `metadata.accrue_customer_id`), and charges it off-session with PaymentIntents.
 *
 * - charge: a PaymentIntent confirmed at once, off-session, under the customer; amounts in
 *   minor units, currency in lower case, the idempotency key as Stripe's Idempotency-Key (the
 *   client retries a timeout or a 5xx with the same key, so Stripe charges once).
 *   `succeeded` is paid; `processing` (a SEPA debit, days) is pending; a card error
 *   (`decline_code`) is failed. When the bank asks the customer to authenticate (Strong
 *   Customer Authentication: Stripe's card error `authentication_required` for an off-session
 *   charge, or the intent answered `requires_action`), the charge requires the customer's
 *   action: neither paid nor failed.
 * - confirmAction: the customer, present now, confirms the intent again with its payment
 *   method and a `return_url`; Stripe answers `next_action.redirect_to_url`, the bank's
 *   authentication, which sends the customer back to the return URL. actionOutcome reads the
 *   intent then: `succeeded`, or back at `requires_payment_method` with the authentication
 *   failed.
 * - authorize: the same with `capture_method: manual`; capture and release name the intent.
 * - refund: a Refund of the PaymentIntent.
 * - Stripe cannot copy a card to another provider, nor to another Stripe account unless both
 *   belong to one Connect platform, which Accrue does not manage: copying is refused.
 * - events: verified by the client's own verifier (`webhooks.constructEventAsync`, the
 *   Stripe-Signature header, the account's webhook secret, 300 seconds of tolerance) and read:
 *   payment_intent.succeeded and payment_intent.payment_failed settle a charge,
 *   charge.refunded reports what was refunded of it, charge.dispute.created a chargeback
 *   (named by its PaymentIntent, the charge reference Accrue keeps), charge.dispute.closed
 *   with `status: "won"` and charge.dispute.funds_reinstated its reversal;
 *   checkout.session.completed (a setup-mode session Accrue opened) and setup_intent.succeeded
 *   (its SetupIntent) tell that the customer saved a payment method on Stripe's hosted page.
 * - startSetup: a Checkout Session in `mode: "setup"` for the customer's Stripe Customer
 *   (created when it has none), cards and — when the account's `sepa_debit_payments`
 *   capability is active — SEPA debits, Accrue's setup id in its metadata and its
 *   SetupIntent's; setupOutcome reads it back with the SetupIntent and its PaymentMethod
 *   expanded. expireSetup expires a session the customer left unfinished (one no longer open
 *   is read back instead: the customer may have completed it at the last moment).
 * - cancelAction: an intent that waited too long for the customer's authentication is
 *   cancelled (`cancellation_reason: abandoned`); one that settled first answers as it stands.
 *   Stripe's other refusals are final: an intent it does not know (`resource_missing`) is
 *   `missing`; any other invalid request, the intent read back still waiting, `refused`.
 *
 * Stripe's own refusals become a failed charge (nothing moved) or a 422; anything that leaves
 * the outcome unknown (no answer, a 5xx, a rate limit) is `gateway_unreachable`, never a
 * failed charge that would invite charging again.
 */
import type Stripe from "stripe";
import { AccrueError, invalid, unprocessable } from "../errors.js";
import { lazyLibrary, loadingFirst } from "./adapter-kit.js";
import type {
  ActionConfirmation,
  CancelRefusal,
  ChargeInput,
  ChargeResult,
  ChargeStatus,
  CreatedSource,
  PaymentGateway,
  SourceSetup,
  SourceSetupOutcome,
} from "./gateway.js";
import { type GatewayEvent, headerValue, minorUnitsOf } from "./gateway-events.js";
import type { CardDetails } from "./test-gateway.js";

/** What a Stripe gateway account's credentials hold, checked. */
export type StripeCredentials = {
  secretKey: string;
  webhookSecret: string | null;
  /** A local stand-in of Stripe's API (stripe-mock, a test server); test-mode keys only. */
  apiBase: URL | null;
};

const CREDENTIAL_NAMES = new Set(["secret_key", "webhook_secret", "api_base"]);
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

const badCredential = (name: string, message: string) =>
  unprocessable("invalid_gateway_credentials", message, { field: `credentials.${name}` });

/**
 * Checks a Stripe account's credentials: `secret_key` (a secret or restricted key, test or
 * live mode), optionally `webhook_secret` (`whsec_…`) and `api_base`. `api_base` sends the
 * client to a local stand-in of Stripe's API instead of api.stripe.com: only a loopback
 * address, and only with a test-mode key, so a live key never leaves for another host.
 */
export function checkStripeCredentials(
  credentials: Readonly<Record<string, string>>,
): StripeCredentials {
  for (const name of Object.keys(credentials)) {
    if (!CREDENTIAL_NAMES.has(name)) {
      throw badCredential(name, `a Stripe account takes secret_key, webhook_secret and api_base`);
    }
  }
  const secretKey = credentials.secret_key;
  if (secretKey === undefined || !/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(secretKey)) {
    throw badCredential("secret_key", "secret_key is a Stripe secret key (sk_test_… or sk_live_…)");
  }
  const webhookSecret = credentials.webhook_secret ?? null;
  if (webhookSecret !== null && !/^whsec_[A-Za-z0-9]+$/.test(webhookSecret)) {
    throw badCredential("webhook_secret", "webhook_secret is a Stripe signing secret (whsec_…)");
  }
  let apiBase: URL | null = null;
  if (credentials.api_base !== undefined) {
    apiBase = URL.canParse(credentials.api_base) ? new URL(credentials.api_base) : null;
    if (
      apiBase === null ||
      (apiBase.protocol !== "http:" && apiBase.protocol !== "https:") ||
      !LOOPBACK.has(apiBase.hostname) ||
      (apiBase.pathname !== "/" && apiBase.pathname !== "")
    ) {
      throw badCredential("api_base", "api_base is the http(s) origin of a loopback address");
    }
    if (!secretKey.includes("_test_")) {
      throw badCredential("api_base", "api_base is taken only with a test-mode key (sk_test_…)");
    }
  }
  return { secretKey, webhookSecret, apiBase };
}

/** Stripe's client library, loaded by an adapter's first call (see loadingFirst). */
const library = lazyLibrary("Stripe", async () => (await import("stripe")).default);
const errors = () => library.get().errors;

function client(credentials: StripeCredentials): Stripe {
  const base = credentials.apiBase;
  const Client = library.get();
  return new Client(credentials.secretKey, {
    maxNetworkRetries: 2,
    timeout: 30_000,
    telemetry: false,
    appInfo: { name: "Accrue" },
    ...(base
      ? {
          host: base.hostname.replace(/^\[|\]$/g, ""),
          port: base.port || (base.protocol === "https:" ? 443 : 80),
          protocol: base.protocol === "https:" ? ("https" as const) : ("http" as const),
        }
      : {}),
  });
}

/** Stripe's message without the request id the client puts before it. */
const messageOf = (error: Stripe.errors.StripeError) =>
  (error.raw as { message?: string } | undefined)?.message ?? error.message;

/**
 * What Stripe's error means for the caller: refused credentials (422), or an outcome Stripe
 * did not give (503, retry). Card and request errors are handled where they are a verdict.
 */
function unreachable(error: unknown): AccrueError {
  if (error instanceof AccrueError) return error;
  if (
    error instanceof errors().StripeAuthenticationError ||
    error instanceof errors().StripePermissionError
  ) {
    return unprocessable(
      "gateway_credentials_rejected",
      `Stripe refused the account's secret key: ${messageOf(error)}`,
      { gateway: "stripe" },
    );
  }
  const detail =
    error instanceof errors().StripeError ? `${error.type}: ${messageOf(error)}` : String(error);
  return new AccrueError(
    "unavailable",
    "gateway_unreachable",
    `Stripe gave no answer to rely on (${detail}); nothing was recorded, retry`,
    { gateway: "stripe" },
  );
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw unreachable(error);
  }
}

const BRANDS: ReadonlySet<string> = new Set(["visa", "mastercard", "amex", "discover"]);
const brandOf = (brand: string): CardDetails["brand"] =>
  BRANDS.has(brand) ? (brand as CardDetails["brand"]) : "other";

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value === null || value === undefined ? null : typeof value === "string" ? value : value.id;

/** Minor units as the number Stripe takes (its amounts stay far below 2^53). */
function minorUnits(amount: bigint): number {
  if (amount <= 0n || amount > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`not an amount Stripe takes: ${amount}`);
  }
  return Number(amount);
}

/** A PaymentIntent's state as a verdict on the charge or hold. */
export function verdictOf(intent: Stripe.PaymentIntent): ChargeResult {
  const reference = intent.id;
  switch (intent.status) {
    case "succeeded":
    case "requires_capture":
      return { status: "succeeded", reference };
    case "processing":
      return { status: "pending", reference };
    case "requires_action":
      return authenticationRequired(reference);
    default: {
      const last = intent.last_payment_error;
      return {
        status: "failed",
        reference,
        code: last?.decline_code ?? last?.code ?? intent.status,
        message: last?.message ?? `the payment intent is ${intent.status}`,
      };
    }
  }
}

const authenticationRequired = (reference: string): ChargeResult => ({
  status: "requires_action",
  reference,
  code: "authentication_required",
  message: "the customer's bank asks the customer to authenticate this payment",
});

/**
 * The verdict on an intent the customer was asked to authenticate: one still waiting for it
 * (`requires_action`, or back at `requires_payment_method` only because the off-session charge
 * needed authentication) requires action; one whose authentication failed is failed.
 */
export function actionVerdictOf(intent: Stripe.PaymentIntent): ChargeResult {
  const waiting =
    intent.status === "requires_action" ||
    intent.status === "requires_confirmation" ||
    (intent.status === "requires_payment_method" &&
      intent.last_payment_error?.code === "authentication_required");
  return waiting ? authenticationRequired(intent.id) : verdictOf(intent);
}

const intentMissing = (reference: string): CancelRefusal => ({
  status: "missing",
  reference,
  message: `Stripe has no payment intent ${reference}`,
});

function declined(error: Stripe.errors.StripeError, fallback: string): ChargeResult {
  return {
    status: "failed",
    reference: error.payment_intent?.id ?? error.requestId ?? fallback,
    code: error.decline_code ?? error.code ?? "card_declined",
    message: messageOf(error),
  };
}

/** The Stripe adapter for an account's checked credentials. */
export function stripeGateway(credentials: StripeCredentials): PaymentGateway {
  let made: Stripe | undefined;
  /** The client, made on the first call, once the library is loaded. */
  const stripe = () => {
    made ??= client(credentials);
    return made;
  };

  async function intent(input: ChargeInput, manual: boolean): Promise<ChargeResult> {
    if (!input.customerReference) {
      throw new RangeError(`payment method ${input.reference} has no Stripe customer`);
    }
    const params: Stripe.PaymentIntentCreateParams = {
      amount: minorUnits(input.amount),
      currency: input.currency.toLowerCase(),
      customer: input.customerReference,
      payment_method: input.reference,
      confirm: true,
      off_session: true,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      ...(manual ? { capture_method: "manual" as const } : {}),
    };
    try {
      const created = await stripe().paymentIntents.create(params, {
        idempotencyKey: input.idempotencyKey,
      });
      return verdictOf(created);
    } catch (error) {
      // the bank asks the customer, who is not there, to authenticate the charge
      if (
        error instanceof errors().StripeCardError &&
        error.code === "authentication_required" &&
        error.payment_intent
      ) {
        return authenticationRequired(error.payment_intent.id);
      }
      // Stripe's verdict that the payment was refused: nothing moved
      if (
        error instanceof errors().StripeCardError ||
        error instanceof errors().StripeInvalidRequestError
      ) {
        return declined(error, input.idempotencyKey);
      }
      throw unreachable(error);
    }
  }

  /** The Stripe Customer to keep a source under, checked to be this Accrue customer's. */
  async function customerFor(
    customerId: string,
    known: string | null,
    attachedTo: string | null,
    nonce: string,
  ): Promise<string> {
    if (attachedTo !== null) {
      if (known !== null && attachedTo !== known) throw otherCustomer();
      if (known === null) {
        const customer = await call(() => stripe().customers.retrieve(attachedTo));
        if (customer.deleted || customer.metadata.accrue_customer_id !== customerId) {
          throw otherCustomer();
        }
      }
      return attachedTo;
    }
    if (known !== null) return known;
    const created = await call(() =>
      stripe().customers.create(
        { metadata: { accrue_customer_id: customerId } },
        { idempotencyKey: `accrue_customer_${customerId}_${nonce}` },
      ),
    );
    return created.id;
  }

  return loadingFirst(library, {
    kind: "stripe",
    async createSource({ customerId, customerReference, token, today, nonce }) {
      if (token.type !== "provider_token") {
        throw unprocessable(
          "provider_token_required",
          "a Stripe account takes a PaymentMethod id (pm_…) created by Stripe.js or Elements, never card numbers or IBANs",
          { field: token.type, gateway: "stripe" },
        );
      }
      if (!/^pm_[A-Za-z0-9_]+$/.test(token.token)) throw invalidToken(token.token);
      const method = await retrieveMethod(token.token);
      if (method.type !== "card" && method.type !== "sepa_debit") {
        throw unprocessable(
          "payment_method_type_not_supported",
          `Accrue keeps card and sepa_debit payment methods, not ${method.type}`,
          { field: "provider_token", type: method.type },
        );
      }
      if (method.card) {
        const [year, month] = today.split("-").map(Number) as [number, number];
        const { exp_year, exp_month } = method.card;
        if (exp_year < year || (exp_year === year && exp_month < month)) {
          throw unprocessable("card_expired", "the card expired before today", {
            field: "provider_token",
          });
        }
      }
      const attachedTo = idOf(method.customer);
      const customer = await customerFor(customerId, customerReference ?? null, attachedTo, nonce);
      const kept =
        attachedTo === null
          ? await call(() =>
              stripe().paymentMethods.attach(
                method.id,
                { customer },
                { idempotencyKey: `accrue_attach_${method.id}_${nonce}` },
              ),
            )
          : method;
      return sourceOf(customer, kept);
    },
    charge: (input) => intent(input, false),
    authorize: (input) => intent(input, true),
    async capture({ chargeReference, amount, idempotencyKey }) {
      try {
        const captured = await stripe().paymentIntents.capture(
          chargeReference,
          { amount_to_capture: minorUnits(amount) },
          { idempotencyKey },
        );
        return verdictOf(captured);
      } catch (error) {
        if (error instanceof errors().StripeInvalidRequestError) {
          return declined(error, chargeReference);
        }
        throw unreachable(error);
      }
    },
    async release({ chargeReference, idempotencyKey }) {
      await call(() => stripe().paymentIntents.cancel(chargeReference, {}, { idempotencyKey }));
    },
    async refund({ chargeReference, amount, idempotencyKey }) {
      try {
        const refund = await stripe().refunds.create(
          { payment_intent: chargeReference, amount: minorUnits(amount) },
          { idempotencyKey },
        );
        return { reference: refund.id };
      } catch (error) {
        if (error instanceof errors().StripeInvalidRequestError) {
          throw unprocessable(
            "gateway_refund_refused",
            `Stripe refused the refund: ${messageOf(error)}`,
            {
              gateway: "stripe",
              stripe_code: error.code ?? null,
            },
          );
        }
        throw unreachable(error);
      }
    },
    async fetchStatus({ chargeReference }): Promise<ChargeStatus> {
      const found = await call(() => stripe().paymentIntents.retrieve(chargeReference));
      return verdictOf(found).status;
    },
    async confirmAction({
      chargeReference,
      sourceReference,
      returnUrl,
      idempotencyKey,
    }): Promise<ActionConfirmation> {
      let confirmed: Stripe.PaymentIntent;
      try {
        confirmed = await stripe().paymentIntents.confirm(
          chargeReference,
          { payment_method: sourceReference, return_url: returnUrl },
          { idempotencyKey },
        );
      } catch (error) {
        if (error instanceof errors().StripeCardError) {
          return declined(error, chargeReference);
        }
        if (
          error instanceof errors().StripeInvalidRequestError &&
          error.code === "payment_intent_unexpected_state"
        ) {
          // settled meanwhile (succeeded, or cancelled): as it stands
          const found = await call(() => stripe().paymentIntents.retrieve(chargeReference));
          return verdictOf(found);
        }
        throw unreachable(error);
      }
      const next = confirmed.next_action;
      if (
        confirmed.status === "requires_action" &&
        next?.type === "redirect_to_url" &&
        next.redirect_to_url?.url
      ) {
        return { status: "redirect", url: next.redirect_to_url.url };
      }
      return actionVerdictOf(confirmed);
    },
    async actionOutcome({ chargeReference }) {
      const found = await call(() => stripe().paymentIntents.retrieve(chargeReference));
      return actionVerdictOf(found);
    },
    async cancelAction({ chargeReference, idempotencyKey }): Promise<ChargeResult | CancelRefusal> {
      let refusal: Stripe.errors.StripeInvalidRequestError;
      try {
        const cancelled = await stripe().paymentIntents.cancel(
          chargeReference,
          { cancellation_reason: "abandoned" },
          { idempotencyKey },
        );
        return verdictOf(cancelled);
      } catch (error) {
        // a 5xx, no answer, a rate limit, a lock or key conflict: unknown, asked again
        if (!(error instanceof errors().StripeInvalidRequestError)) throw unreachable(error);
        refusal = error;
      }
      if (refusal.code === "resource_missing") return intentMissing(chargeReference);
      // settled meanwhile (succeeded, processing, or cancelled) — or refused for another
      // reason: read as it stands, so that a charge the customer completed is never lost
      let found: Stripe.PaymentIntent;
      try {
        found = await stripe().paymentIntents.retrieve(chargeReference);
      } catch (error) {
        if (error instanceof errors().StripeInvalidRequestError) {
          if (error.code === "resource_missing") return intentMissing(chargeReference);
        }
        throw unreachable(error);
      }
      if (refusal.code === "payment_intent_unexpected_state") return verdictOf(found);
      const verdict = actionVerdictOf(found);
      if (verdict.status === "succeeded" || verdict.status === "pending") return verdict;
      // not cancelled, and Stripe will not cancel it: asking again would be refused again
      return {
        status: "refused",
        reference: chargeReference,
        code: refusal.code ?? refusal.type,
        message: messageOf(refusal),
      };
    },
    async startSetup({
      customerId,
      customerReference,
      setupId,
      successUrl,
      cancelUrl,
      idempotencyKey,
    }): Promise<SourceSetup> {
      const customer = await customerFor(customerId, customerReference ?? null, null, setupId);
      const types: Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[] = [
        "card",
        ...((await sepaDebitActive()) ? (["sepa_debit"] as const) : []),
      ];
      const metadata = { accrue_customer_id: customerId, accrue_setup_id: setupId };
      const session = await call(() =>
        stripe().checkout.sessions.create(
          {
            mode: "setup",
            customer,
            allowed_payment_method_types: types,
            success_url: successUrl,
            cancel_url: cancelUrl,
            client_reference_id: setupId,
            metadata,
            setup_intent_data: { metadata },
          },
          { idempotencyKey },
        ),
      );
      if (!session.url) throw unreachable(new Error(`Checkout Session ${session.id} has no url`));
      return { customerReference: customer, reference: session.id, url: session.url };
    },
    setupOutcome: ({ reference, customerReference }) => readSetup(reference, customerReference),
    async expireSetup({ reference, customerReference, idempotencyKey }) {
      try {
        await stripe().checkout.sessions.expire(reference, {}, { idempotencyKey });
        return { status: "expired" };
      } catch (error) {
        // no longer open (completed, or expired by Stripe): as it stands
        if (!(error instanceof errors().StripeInvalidRequestError)) throw unreachable(error);
      }
      return readSetup(reference, customerReference);
    },
    canCopyCardTo: () => false,
    async copyCard() {
      throw unprocessable(
        "card_copy_not_supported",
        "Stripe keeps its payment methods to its own account; the customer adds the card anew",
        { from: "stripe" },
      );
    },
    async parseWebhook({ rawBody, headers, receivedAt }) {
      if (credentials.webhookSecret === null) {
        throw unprocessable(
          "webhook_secret_not_configured",
          "the Stripe account has no webhook_secret (whsec_…) to verify its events with; set it in its credentials",
          { gateway: "stripe" },
        );
      }
      const signature = headerValue(headers["stripe-signature"]);
      if (!signature) {
        throw invalid("invalid_signature", "the event carries no Stripe-Signature header", {
          header: "stripe-signature",
        });
      }
      let event: Stripe.Event;
      try {
        event = await stripe().webhooks.constructEventAsync(
          rawBody,
          signature,
          credentials.webhookSecret,
          undefined,
          undefined,
          receivedAt,
        );
      } catch (error) {
        if (error instanceof errors().StripeSignatureVerificationError) {
          throw invalid(
            "invalid_signature",
            `Stripe's verifier refused the event: ${error.message}`,
            {
              header: "stripe-signature",
            },
          );
        }
        throw invalid("malformed_gateway_event", "the signed body is not a Stripe event");
      }
      return readStripeEvent(event);
    },
  });

  async function readSetup(
    reference: string,
    customerReference: string,
  ): Promise<SourceSetupOutcome> {
    const session = await call(() =>
      stripe().checkout.sessions.retrieve(reference, {
        expand: ["setup_intent", "setup_intent.payment_method"],
      }),
    );
    if (session.status === "expired") return { status: "expired" };
    const intent = session.setup_intent;
    if (session.status !== "complete" || intent === null || typeof intent === "string") {
      return { status: "open" };
    }
    const method = intent.payment_method;
    if (intent.status !== "succeeded" || method === null || typeof method === "string") {
      return { status: "open" };
    }
    // the session was opened for this Stripe Customer, and Stripe attached the method to it
    if (idOf(session.customer) !== customerReference) throw otherCustomer();
    return { status: "succeeded", source: sourceOf(customerReference, method) };
  }

  /**
   * Whether the account takes SEPA Direct Debit (its `sepa_debit_payments` capability is
   * active). A restricted key that may not read the account offers cards only.
   */
  async function sepaDebitActive(): Promise<boolean> {
    try {
      const account = await stripe().accounts.retrieveCurrent();
      return account.capabilities?.sepa_debit_payments === "active";
    } catch (error) {
      if (error instanceof errors().StripePermissionError) return false;
      throw unreachable(error);
    }
  }

  async function retrieveMethod(id: string): Promise<Stripe.PaymentMethod> {
    try {
      return await stripe().paymentMethods.retrieve(id);
    } catch (error) {
      if (error instanceof errors().StripeInvalidRequestError) throw invalidToken(id);
      throw unreachable(error);
    }
  }
}

/** What Accrue keeps of a card or SEPA PaymentMethod kept under a Stripe Customer. */
function sourceOf(customer: string, method: Stripe.PaymentMethod): CreatedSource {
  if (method.card) {
    return {
      customerReference: customer,
      reference: method.id,
      type: "card",
      card: {
        brand: brandOf(method.card.brand),
        last4: method.card.last4,
        exp_month: method.card.exp_month,
        exp_year: method.card.exp_year,
      },
    };
  }
  return {
    customerReference: customer,
    reference: method.id,
    type: "bank_account",
    bankAccount: {
      country: method.sepa_debit?.country ?? "",
      last4: method.sepa_debit?.last4 ?? "",
      ...(method.billing_details.name ? { holderName: method.billing_details.name } : {}),
    },
  };
}

const invalidToken = (token: string) =>
  unprocessable(
    "invalid_provider_token",
    `Stripe knows no payment method ${token} in this account`,
    { field: "provider_token" },
  );

const otherCustomer = () =>
  unprocessable(
    "provider_token_other_customer",
    "the payment method is attached to another customer's Stripe Customer",
    { field: "provider_token" },
  );

const textOf = (value: unknown): string | undefined =>
  typeof value === "string" && value.length > 0 && value.length <= 255 ? value : undefined;

/**
 * A verified Stripe event as Accrue reads it: a PaymentIntent that succeeded (`amount`: what it
 * received) or failed (Stripe's decline code or error code and message), a charge refunded
 * (`amount`: everything refunded of it so far, `reference`: its latest refund when listed), a
 * dispute opened (`amount`: what it takes back, `reference`: the dispute), a dispute won
 * (closed `won`, or its funds reinstated: `reference`, the dispute). Refunds and disputes
 * name the PaymentIntent of their charge, which is what Accrue keeps as a charge's reference.
 */
export function readStripeEvent(event: Stripe.Event): GatewayEvent {
  const id = textOf(event.id);
  if (id === undefined || typeof event.type !== "string") {
    throw invalid("malformed_gateway_event", "a Stripe event has an id and a type");
  }
  const base = { id, providerType: event.type, raw: event };
  const currencyOf = (value: unknown) => textOf(value)?.toUpperCase();
  const optional = (fields: { amount?: unknown; currency?: unknown; reference?: unknown }) => {
    const amount = minorUnitsOf(fields.amount);
    const currency = currencyOf(fields.currency);
    const reference = textOf(fields.reference);
    return {
      ...(amount !== undefined ? { amount } : {}),
      ...(currency !== undefined ? { currency } : {}),
      ...(reference !== undefined ? { reference } : {}),
    };
  };
  switch (event.type) {
    case "payment_intent.succeeded": {
      const intent = event.data.object;
      return {
        ...base,
        type: "charge.succeeded",
        chargeReference: textOf(intent.id) ?? null,
        ...optional({ amount: intent.amount_received, currency: intent.currency }),
      };
    }
    case "payment_intent.payment_failed": {
      const intent = event.data.object;
      const last = intent.last_payment_error;
      return {
        ...base,
        type: "charge.failed",
        chargeReference: textOf(intent.id) ?? null,
        ...optional({ amount: intent.amount, currency: intent.currency }),
        failure: {
          code: last?.decline_code ?? last?.code ?? "payment_failed",
          message: last?.message ?? "Stripe reports the payment failed",
        },
      };
    }
    case "charge.refunded": {
      const charge = event.data.object;
      return {
        ...base,
        type: "charge.refunded",
        chargeReference: textOf(idOf(charge.payment_intent)) ?? textOf(charge.id) ?? null,
        ...optional({
          amount: charge.amount_refunded,
          currency: charge.currency,
          reference: charge.refunds?.data?.[0]?.id,
        }),
      };
    }
    case "charge.dispute.created": {
      const dispute = event.data.object;
      return {
        ...base,
        type: "charge.disputed",
        chargeReference:
          textOf(idOf(dispute.payment_intent)) ?? textOf(idOf(dispute.charge)) ?? null,
        ...optional({ amount: dispute.amount, currency: dispute.currency, reference: dispute.id }),
      };
    }
    case "charge.dispute.closed":
    case "charge.dispute.funds_reinstated": {
      const dispute = event.data.object;
      const chargeReference =
        textOf(idOf(dispute.payment_intent)) ?? textOf(idOf(dispute.charge)) ?? null;
      // closed lost (or an inquiry closed): the chargeback stays as recorded
      if (event.type === "charge.dispute.closed" && dispute.status !== "won") {
        return {
          ...base,
          type: "unknown",
          chargeReference,
          note: `the dispute closed ${String(dispute.status)}: the chargeback stays`,
        };
      }
      return {
        ...base,
        type: "charge.dispute_reversed",
        chargeReference,
        ...optional({ currency: dispute.currency, reference: dispute.id }),
      };
    }
    case "checkout.session.completed": {
      const session = event.data.object;
      const setupId = textOf(session.metadata?.accrue_setup_id);
      if (session.mode !== "setup" || setupId === undefined) {
        return {
          ...base,
          type: "unknown",
          chargeReference: null,
          note: "a Checkout Session Accrue did not open to add a payment method",
        };
      }
      const setupReference = textOf(session.id);
      return {
        ...base,
        type: "setup.succeeded",
        chargeReference: null,
        setupId,
        ...(setupReference !== undefined ? { setupReference } : {}),
      };
    }
    case "setup_intent.succeeded": {
      const intent = event.data.object;
      const setupId = textOf(intent.metadata?.accrue_setup_id);
      if (setupId === undefined) {
        return {
          ...base,
          type: "unknown",
          chargeReference: null,
          note: "a SetupIntent of no Checkout Session Accrue opened to add a payment method",
        };
      }
      return { ...base, type: "setup.succeeded", chargeReference: null, setupId };
    }
    default:
      return { ...base, type: "unknown", chargeReference: null };
  }
}
