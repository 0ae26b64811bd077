/**
 * A local stand-in of Stripe's API for tests: the endpoints Accrue's Stripe adapter calls
 * (customers, payment_methods retrieve/attach, payment_intents create/retrieve/capture/cancel
 * — a cancel records its `cancellation_reason`, and refuses a succeeded or cancelled intent;
 * an unknown (or `forget`-ten) intent is 404 `resource_missing`, as Stripe answers it —,
 * refunds), answering Stripe's documented request and response shapes, and recording every
 * request as sent (form parameters flat as encoded, e.g. `metadata[accrue_customer_id]`).
 * Nothing reaches the internet: the official client is pointed here with a gateway account's
 * `api_base` credential.
 *
 * Payment methods are seeded by the test (`addCard`, `addSepaDebit`), standing for what
 * Stripe.js would have created in the customer's browser; a card's `behaviour` decides its
 * charges like Stripe's test cards (pm_card_visa, pm_card_chargeDeclinedInsufficientFunds,
 * pm_card_authenticationRequired); a SEPA debit stays `processing` until `settle`.
 *
 * A card that needs authentication is refused off-session as Stripe documents it (402
 * `card_error` `authentication_required`, the intent back at `requires_payment_method`), or,
 * with `authenticationAnswer = "requires_action"`, answered `requires_action`. Confirming the
 * intent again with a `return_url` answers `next_action.redirect_to_url`: this server's own
 * authentication page (`GET /authenticate/<intent>`, no API key, as a browser opens it), which
 * decides the intent (`authenticationOutcome`) and redirects to the return URL with
 * `payment_intent`, `payment_intent_client_secret` and `redirect_status`, as Stripe does.
 *
 * Checkout in setup mode (a card or SEPA account saved on Stripe's hosted page): creating a
 * session (`POST /v1/checkout/sessions`, `mode=setup`, answered with its SetupIntent and a
 * `url` on this server), retrieving it (`expand[]` of `setup_intent` and
 * `setup_intent.payment_method`) and expiring an open one (`POST …/expire`; 400 otherwise). The hosted page (`GET /checkout/<session>`, no API key) is a
 * tiny HTML page: its button saves `checkoutCard` (as `completeCheckout` does) and sends the
 * browser to the session's `success_url`; its link goes back to `cancel_url`. `GET /v1/account`
 * answers the account's capabilities (`sepaDebit`: `sepa_debit_payments` active).
 *
 * What Stripe would report in its events is read from here too: an intent as it stands
 * (`intent`), the Charge of an intent with its refunds (`charge`), a refund made in Stripe's
 * Dashboard (`refundInDashboard`). `loseAnswers` carries requests out but answers them with a
 * 500, as an answer lost on the way back.
 */
import Stripe from "stripe";
import { FakeProviderServer, type IncomingCall, type Reply } from "./provider-server.js";

export type RecordedRequest = {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  /** The form parameters as the client encoded them. */
  params: Record<string, string>;
  /** What was answered: the status and the JSON body. */
  answer?: { status: number; body: Record<string, unknown> };
  /** What was carried out when the answer was lost (`loseAnswers`). */
  carriedOut?: { status: number; body: Record<string, unknown> };
};

type CardBehaviour = "ok" | "decline" | "authentication";
type Json = Record<string, unknown>;
type Answer = { status: number; body: Json };

const stripeError = (status: number, error: Json): Answer => ({
  status,
  body: { error: { ...error, request_log_url: "https://dashboard.stripe.com/test/logs" } },
});

const missing = (what: string, id: string, param = "id"): Answer =>
  stripeError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    param,
    message: `No such ${what}: '${id}'`,
  });

/**
 * A Stripe event of `object` as Stripe posts it to a webhook endpoint: the body, and its
 * `Stripe-Signature` made by Stripe's own client with the endpoint's `secret`.
 */
export function signedStripeEvent(
  event: { id: string; type: string; object: unknown; apiVersion?: string },
  secret: string,
): { body: string; signature: string } {
  const body = JSON.stringify({
    id: event.id,
    object: "event",
    api_version: event.apiVersion ?? "2025-08-27.basil",
    created: Math.floor(Date.now() / 1000),
    data: { object: event.object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: event.type,
  });
  return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret }) };
}

export class FakeStripe extends FakeProviderServer<RecordedRequest> {
  /** Answers the next this many requests with a 500 (Stripe's api_error). */
  failNext = 0;
  /**
   * Carries out the next this many requests (a repeated idempotency key is replayed, as
   * Stripe does) but answers each with a 500, as if the answer were lost.
   */
  loseAnswers = 0;
  /** How a card that needs authentication is answered when charged off-session. */
  authenticationAnswer: "error" | "requires_action" = "error";
  /** What the customer does on the authentication page. */
  authenticationOutcome: "succeed" | "fail" = "succeed";
  /** Whether the account's `sepa_debit_payments` capability is active. */
  sepaDebit = false;
  /** The card the hosted Checkout page saves when its button is pressed. */
  checkoutCard = { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2031 };
  /**
   * Intents whose cancellation is refused with a 400 `invalid_request_error` of this `code`
   * and `message` (checked before the intent's state, as Stripe checks a request), the intent
   * left as it is.
   */
  readonly cancelRefusals = new Map<string, { code: string; message: string }>();
  private base = "";
  private seq = 0;
  private readonly sessions = new Map<string, Json>();
  private readonly setupIntents = new Map<string, Json>();
  private readonly customers = new Map<string, Json>();
  private readonly methods = new Map<string, Json & { behaviour?: CardBehaviour }>();
  private readonly intents = new Map<string, Json>();
  private readonly refunds = new Map<string, Json>();
  private readonly replays = new Map<string, Answer>();

  addCard(
    id: string,
    card: { brand: string; last4: string; exp_month: number; exp_year: number },
    behaviour: CardBehaviour = "ok",
  ): void {
    this.methods.set(id, {
      id,
      object: "payment_method",
      type: "card",
      customer: null,
      billing_details: { name: null, email: null },
      card: { ...card, country: "US", funding: "credit" },
      created: 1_700_000_000,
      livemode: false,
      metadata: {},
      behaviour,
    });
  }

  addSepaDebit(id: string, account: { country: string; last4: string; name: string }): void {
    this.methods.set(id, {
      id,
      object: "payment_method",
      type: "sepa_debit",
      customer: null,
      billing_details: { name: account.name, email: null },
      sepa_debit: { country: account.country, last4: account.last4, bank_code: "37040044" },
      created: 1_700_000_000,
      livemode: false,
      metadata: {},
    });
  }

  /** A payment method of another type than Accrue keeps. */
  addOther(id: string, type: string): void {
    this.methods.set(id, { id, object: "payment_method", type, customer: null, livemode: false });
  }

  override async start(options: { tls?: boolean } = {}): Promise<string> {
    this.base = await super.start(options);
    return this.base;
  }

  /** What Stripe would report later of a processing intent (a SEPA debit's outcome). */
  settle(intentId: string, status: "succeeded" | "requires_payment_method"): void {
    const intent = this.intents.get(intentId);
    if (!intent) throw new Error(`no intent ${intentId}`);
    intent.status = status;
    if (status === "succeeded") {
      intent.amount_received = intent.amount;
      intent.latest_charge ??= this.id("ch");
    } else {
      intent.last_payment_error = {
        type: "card_error",
        code: "payment_intent_payment_attempt_failed",
        message: "The SEPA debit was returned by the bank.",
      };
    }
  }

  /** Stripe no longer knows the intent (another account's, or test data deleted): 404 after. */
  forget(intentId: string): void {
    if (!this.intents.delete(intentId)) throw new Error(`no intent ${intentId}`);
  }

  /** An intent as Stripe holds it now (a copy). */
  intent(intentId: string): Json {
    const intent = this.intents.get(intentId);
    if (!intent) throw new Error(`no intent ${intentId}`);
    return structuredClone(intent);
  }

  /** The Charge of an intent as Stripe shows it: what was refunded of it, newest refund first. */
  charge(intentId: string): Json {
    const intent = this.intent(intentId);
    const refunds = [...this.refunds.values()]
      .filter((r) => r.payment_intent === intentId)
      .reverse();
    return {
      id: intent.latest_charge,
      object: "charge",
      amount: intent.amount,
      amount_captured: intent.amount_received,
      amount_refunded: refunds.reduce((s, r) => s + (r.amount as number), 0),
      currency: intent.currency,
      customer: intent.customer,
      payment_intent: intentId,
      payment_method: intent.payment_method,
      paid: true,
      refunded: refunds.reduce((s, r) => s + (r.amount as number), 0) === intent.amount_received,
      status: "succeeded",
      created: 1_700_000_000,
      livemode: false,
      metadata: {},
      refunds: { object: "list", data: refunds, has_more: false, url: "/v1/refunds" },
    };
  }

  /** A refund made in Stripe's Dashboard, not through the API Accrue calls. */
  refundInDashboard(intentId: string, amount: number): Json {
    const answer = this.refund({ payment_intent: intentId, amount: String(amount) });
    if (answer.status !== 200) throw new Error(JSON.stringify(answer.body));
    return answer.body;
  }

  private id(prefix: string): string {
    this.seq += 1;
    return `${prefix}_Fake${String(this.seq).padStart(6, "0")}`;
  }

  protected record(call: IncomingCall): RecordedRequest {
    const params = Object.fromEntries(
      (call.method === "GET" ? call.query : new URLSearchParams(call.raw)).entries(),
    );
    return { method: call.method, path: call.path, headers: call.headers, params };
  }

  protected answer(recorded: RecordedRequest): Reply {
    const headers: Record<string, string> = {};
    let answer: Answer;
    const key = recorded.headers["idempotency-key"];
    const replayKey = key ? `${recorded.method} ${recorded.path} ${key}` : undefined;
    if (recorded.method === "GET" && recorded.path.startsWith("/authenticate/")) {
      // the bank's page a browser is sent to: no API key
      answer = this.authenticate(recorded.path.split("/")[2] ?? "");
      recorded.answer = answer;
      const location = (answer.body as { location?: string }).location;
      return { ...answer, headers: location ? { location } : {} };
    }
    if (recorded.path.startsWith("/checkout/")) return this.checkoutPage(recorded);
    if (this.failNext > 0) {
      this.failNext -= 1;
      answer = stripeError(500, {
        type: "api_error",
        message: "An unknown error occurred while processing your request.",
      });
    } else if (!recorded.headers.authorization?.startsWith("Bearer sk_test_")) {
      answer = stripeError(401, {
        type: "invalid_request_error",
        message: "Invalid API Key provided.",
      });
    } else if (replayKey && this.replays.has(replayKey)) {
      answer = this.replays.get(replayKey)!;
      headers["idempotent-replayed"] = "true";
    } else {
      answer = this.route(recorded.method, recorded.path, recorded.params);
      if (replayKey && answer.status < 500) this.replays.set(replayKey, answer);
    }
    if (this.loseAnswers > 0 && answer.status < 500) {
      this.loseAnswers -= 1;
      // carried out (and kept for a replay), but the answer never arrives
      recorded.carriedOut = answer;
      answer = stripeError(500, {
        type: "api_error",
        message: "An unknown error occurred while processing your request.",
      });
    }
    recorded.answer = answer;
    return { ...answer, headers: { ...headers, "request-id": this.id("req") } };
  }

  private route(method: string, path: string, p: Record<string, string>): Answer {
    const parts = path.split("/").filter(Boolean); // ["v1", resource, id?, action?]
    const [, resource, id, action] = parts;
    if (method === "POST" && resource === "customers" && !id) return this.createCustomer(p);
    if (method === "GET" && resource === "customers" && id) {
      const customer = this.customers.get(id);
      return customer ? { status: 200, body: customer } : missing("customer", id);
    }
    if (resource === "payment_methods" && id) {
      const pm = this.methods.get(id);
      if (!pm) return missing("PaymentMethod", id);
      if (method === "GET" && !action) return { status: 200, body: this.view(pm) };
      if (method === "POST" && action === "attach") return this.attach(pm, p);
    }
    if (resource === "payment_intents") {
      if (method === "POST" && !id) return this.createIntent(p);
      const intent = id ? this.intents.get(id) : undefined;
      if (!intent || !id) return missing("payment_intent", id ?? "");
      if (method === "GET" && !action) return { status: 200, body: intent };
      if (method === "POST" && action === "capture") return this.capture(intent, p);
      if (method === "POST" && action === "confirm") return this.confirm(intent, p);
      if (method === "POST" && action === "cancel") return this.cancel(intent, p);
    }
    if (method === "POST" && resource === "refunds" && !id) return this.refund(p);
    if (method === "GET" && resource === "account" && !id) return this.account();
    if (resource === "checkout" && id === "sessions") {
      const sessionId = action;
      if (method === "POST" && !sessionId) return this.createSession(p);
      const session = sessionId ? this.sessions.get(sessionId) : undefined;
      if (!session || !sessionId) return missing("checkout.session", sessionId ?? "");
      if (method === "GET" && parts.length === 4) return this.retrieveSession(session, p);
      if (method === "POST" && parts[4] === "expire") return this.expireSession(session);
    }
    return stripeError(404, {
      type: "invalid_request_error",
      message: `Unrecognized request URL (${method}: ${path}).`,
    });
  }

  private view(pm: Json): Json {
    const { behaviour: _, ...shown } = pm;
    return shown;
  }

  private createCustomer(p: Record<string, string>): Answer {
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(p)) {
      const m = /^metadata\[(.+)\]$/.exec(k);
      if (m) metadata[m[1]!] = v;
    }
    const customer = {
      id: this.id("cus"),
      object: "customer",
      created: 1_700_000_000,
      livemode: false,
      email: p.email ?? null,
      name: p.name ?? null,
      metadata,
    };
    this.customers.set(customer.id, customer);
    return { status: 200, body: customer };
  }

  private attach(pm: Json, p: Record<string, string>): Answer {
    const customer = p.customer;
    if (!customer) {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "parameter_missing",
        param: "customer",
        message: "Missing required param: customer.",
      });
    }
    if (!this.customers.has(customer)) return missing("customer", customer, "customer");
    if (pm.customer !== null && pm.customer !== customer) {
      return stripeError(400, {
        type: "invalid_request_error",
        message: "The payment method you provided has already been attached to a customer.",
      });
    }
    pm.customer = customer;
    return { status: 200, body: this.view(pm) };
  }

  private createIntent(p: Record<string, string>): Answer {
    const amount = Number(p.amount);
    if (!/^[0-9]+$/.test(p.amount ?? "") || amount < 1) {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "parameter_invalid_integer",
        param: "amount",
        message: "Invalid integer: amount",
      });
    }
    if (!/^[a-z]{3}$/.test(p.currency ?? "")) {
      return stripeError(400, {
        type: "invalid_request_error",
        param: "currency",
        message: `Invalid currency: ${p.currency}`,
      });
    }
    const pm = p.payment_method ? this.methods.get(p.payment_method) : undefined;
    if (!pm) return missing("PaymentMethod", p.payment_method ?? "", "payment_method");
    if (pm.customer !== p.customer) {
      return stripeError(400, {
        type: "invalid_request_error",
        param: "payment_method",
        message: `The provided PaymentMethod belongs to another customer than ${p.customer}.`,
      });
    }
    const manual = p.capture_method === "manual";
    const intent: Json = {
      id: this.id("pi"),
      object: "payment_intent",
      amount,
      amount_capturable: 0,
      amount_received: 0,
      currency: p.currency,
      customer: p.customer ?? null,
      payment_method: pm.id,
      capture_method: manual ? "manual" : "automatic_async",
      confirmation_method: "automatic",
      created: 1_700_000_000,
      livemode: false,
      last_payment_error: null,
      latest_charge: null,
      metadata: {},
      next_action: null,
      status: "requires_confirmation",
    };
    intent.client_secret = `${intent.id}_secret_Fake`;
    this.intents.set(intent.id as string, intent);
    if (p.confirm !== "true") return { status: 200, body: intent };
    if (pm.type === "sepa_debit") {
      if (manual) {
        return stripeError(400, {
          type: "invalid_request_error",
          param: "capture_method",
          message: "sepa_debit does not support capture_method manual.",
        });
      }
      intent.status = "processing";
      return { status: 200, body: intent };
    }
    if (pm.behaviour === "authentication") {
      if (this.authenticationAnswer === "requires_action" || p.off_session !== "true") {
        intent.status = "requires_action";
        intent.next_action = { type: "use_stripe_sdk", use_stripe_sdk: {} };
        return { status: 200, body: intent };
      }
      const error = {
        type: "card_error",
        code: "authentication_required",
        decline_code: "authentication_required",
        doc_url: "https://stripe.com/docs/error-codes/authentication-required",
        message: "Your card was declined. This transaction requires authentication.",
        payment_method: this.view(pm),
      };
      intent.status = "requires_payment_method";
      intent.last_payment_error = error;
      return stripeError(402, { ...error, payment_intent: intent });
    }
    if (pm.behaviour === "decline") {
      const error = {
        type: "card_error",
        code: "card_declined",
        decline_code: "insufficient_funds",
        message: "Your card has insufficient funds.",
        charge: this.id("ch"),
      };
      intent.status = "requires_payment_method";
      intent.last_payment_error = error;
      return stripeError(402, { ...error, payment_intent: intent });
    }
    intent.latest_charge = this.id("ch");
    if (manual) {
      intent.status = "requires_capture";
      intent.amount_capturable = amount;
    } else {
      intent.status = "succeeded";
      intent.amount_received = amount;
    }
    return { status: 200, body: intent };
  }

  /** A Checkout Session as Stripe holds it now (a copy; its SetupIntent by id). */
  session(sessionId: string): Json {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    return structuredClone(session);
  }

  /** A SetupIntent as Stripe holds it now (a copy). */
  setupIntent(setupIntentId: string): Json {
    const intent = this.setupIntents.get(setupIntentId);
    if (!intent) throw new Error(`no SetupIntent ${setupIntentId}`);
    return structuredClone(intent);
  }

  /**
   * The customer saves a payment method on the hosted Checkout page: Stripe creates the
   * PaymentMethod, attaches it to the session's customer, the SetupIntent succeeds and the
   * session is complete. Answers the PaymentMethod's id.
   */
  completeCheckout(
    sessionId: string,
    method:
      | { card: { brand: string; last4: string; exp_month: number; exp_year: number } }
      | { sepa_debit: { country: string; last4: string; name: string } } = {
      card: this.checkoutCard,
    },
  ): string {
    const session = this.sessions.get(sessionId);
    if (session?.status !== "open") throw new Error(`session ${sessionId} is not open`);
    const id = this.id("pm");
    if ("card" in method) this.addCard(id, method.card);
    else this.addSepaDebit(id, method.sepa_debit);
    const pm = this.methods.get(id)!;
    pm.customer = session.customer;
    const intent = this.setupIntents.get(session.setup_intent as string)!;
    intent.status = "succeeded";
    intent.payment_method = id;
    session.status = "complete";
    return id;
  }

  private account(): Answer {
    return {
      status: 200,
      body: {
        id: "acct_FakeAccrue",
        object: "account",
        country: "DE",
        default_currency: "eur",
        capabilities: {
          card_payments: "active",
          sepa_debit_payments: this.sepaDebit ? "active" : "inactive",
        },
        charges_enabled: true,
      },
    };
  }

  private createSession(p: Record<string, string>): Answer {
    const unknown = Object.keys(p).find((k) => k.startsWith("payment_method_types"));
    if (unknown) {
      return stripeError(400, {
        type: "invalid_request_error",
        param: "payment_method_types",
        message: "Received unknown parameter: payment_method_types",
      });
    }
    if (p.mode !== "setup") {
      return stripeError(400, {
        type: "invalid_request_error",
        param: "mode",
        message: "This stand-in opens Checkout Sessions in setup mode only.",
      });
    }
    if (!p.success_url) {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "parameter_missing",
        param: "success_url",
        message: "Missing required param: success_url.",
      });
    }
    if (!p.customer || !this.customers.has(p.customer)) {
      return missing("customer", p.customer ?? "", "customer");
    }
    const types = Object.entries(p)
      .filter(([k]) => /^allowed_payment_method_types\[\d*\]$/.test(k))
      .map(([, v]) => v);
    if (types.length === 0 && !p.currency) {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "parameter_missing",
        param: "currency",
        message: "currency is required in setup mode when allowed_payment_method_types is not set.",
      });
    }
    if (types.includes("sepa_debit") && !this.sepaDebit) {
      return stripeError(400, {
        type: "invalid_request_error",
        param: "allowed_payment_method_types",
        message:
          "The payment method type provided: sepa_debit is invalid. Please ensure the provided type is activated in your dashboard.",
      });
    }
    const nested = (prefix: string) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(p)) {
        const m = new RegExp(`^${prefix.replace(/[[\]]/g, "\\$&")}\\[(.+)\\]$`).exec(k);
        if (m) out[m[1]!] = v;
      }
      return out;
    };
    const intent: Json = {
      id: this.id("seti"),
      object: "setup_intent",
      customer: p.customer,
      metadata: nested("setup_intent_data[metadata]"),
      payment_method: null,
      payment_method_types: types.length > 0 ? types : ["card"],
      status: "requires_payment_method",
      usage: "off_session",
      created: 1_700_000_000,
      livemode: false,
      last_setup_error: null,
      next_action: null,
    };
    intent.client_secret = `${intent.id}_secret_Fake`;
    this.setupIntents.set(intent.id as string, intent);
    const id = this.id("cs_test");
    const session: Json = {
      id,
      object: "checkout.session",
      mode: "setup",
      status: "open",
      customer: p.customer,
      client_reference_id: p.client_reference_id ?? null,
      metadata: nested("metadata"),
      allowed_payment_method_types: types.length > 0 ? types : null,
      payment_method_types: types.length > 0 ? types : ["card"],
      payment_status: "no_payment_required",
      currency: p.currency ?? null,
      setup_intent: intent.id,
      payment_intent: null,
      subscription: null,
      success_url: p.success_url,
      cancel_url: p.cancel_url ?? null,
      url: `${this.base}/checkout/${id}`,
      created: 1_700_000_000,
      expires_at: 1_700_086_400,
      livemode: false,
    };
    this.sessions.set(id, session);
    return { status: 200, body: session };
  }

  /** Stripe's expire of a Checkout Session: only an open one. */
  private expireSession(session: Json): Answer {
    if (session.status !== "open") {
      return stripeError(400, {
        type: "invalid_request_error",
        message: `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of ${session.status}.`,
      });
    }
    session.status = "expired";
    session.url = null;
    return { status: 200, body: session };
  }

  private retrieveSession(session: Json, p: Record<string, string>): Answer {
    const expand = new Set(
      Object.entries(p)
        .filter(([k]) => /^expand\[\d*\]$/.test(k))
        .map(([, v]) => v),
    );
    const shown = structuredClone(session);
    if (expand.has("setup_intent") && shown.setup_intent) {
      const intent = this.setupIntent(shown.setup_intent as string);
      if (expand.has("setup_intent.payment_method") && intent.payment_method) {
        intent.payment_method = this.view(this.methods.get(intent.payment_method as string)!);
      }
      shown.setup_intent = intent;
    }
    return { status: 200, body: shown };
  }

  /** The hosted Checkout page, as a browser opens it: no API key. */
  private checkoutPage(recorded: RecordedRequest): Reply {
    const [, , sessionId, step] = recorded.path.split("/");
    const session = this.sessions.get(sessionId ?? "");
    if (session?.status !== "open") {
      const answer = { status: 404, body: { error: "no Checkout Session is open here" } };
      recorded.answer = answer;
      return { ...answer, html: "<!doctype html><title>Expired</title><p>This page expired.</p>" };
    }
    if (step === "save") {
      this.completeCheckout(session.id as string);
      const answer = { status: 303, body: { location: session.success_url } };
      recorded.answer = answer;
      return { ...answer, headers: { location: session.success_url as string } };
    }
    recorded.answer = { status: 200, body: { page: "checkout" } };
    return {
      status: 200,
      body: {},
      html: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stripe Checkout</title><link rel="icon" href="data:,"></head>
<body><main><h1>Save a card</h1>
<form method="post" action="/checkout/${session.id}/save"><button type="submit">Save card</button></form>
<p><a href="${session.cancel_url}">Back</a></p>
</main></body></html>
`,
    };
  }

  /** Confirming again (the customer present): a card needing authentication is redirected. */
  private confirm(intent: Json, p: Record<string, string>): Answer {
    if (intent.status === "succeeded" || intent.status === "canceled") {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "payment_intent_unexpected_state",
        message: `You cannot confirm this PaymentIntent because it has a status of ${intent.status}.`,
      });
    }
    const pm = this.methods.get(p.payment_method ?? (intent.payment_method as string));
    if (!pm) return missing("PaymentMethod", p.payment_method ?? "", "payment_method");
    intent.payment_method = pm.id;
    intent.last_payment_error = null;
    if (pm.behaviour === "authentication") {
      if (!p.return_url) {
        intent.status = "requires_action";
        intent.next_action = { type: "use_stripe_sdk", use_stripe_sdk: {} };
        return { status: 200, body: intent };
      }
      intent.status = "requires_action";
      intent.next_action = {
        type: "redirect_to_url",
        redirect_to_url: {
          url: `${this.base}/authenticate/${intent.id as string}`,
          return_url: p.return_url,
        },
      };
      return { status: 200, body: intent };
    }
    intent.next_action = null;
    intent.status = "succeeded";
    intent.amount_received = intent.amount;
    intent.latest_charge ??= this.id("ch");
    return { status: 200, body: intent };
  }

  /** The bank's authentication page: the customer authenticates (or not), and is sent back. */
  private authenticate(intentId: string): Answer {
    const intent = this.intents.get(intentId);
    const next = intent?.next_action as { redirect_to_url?: { return_url: string } } | null;
    if (intent?.status !== "requires_action" || !next?.redirect_to_url) {
      return { status: 404, body: { error: "no authentication waits here" } };
    }
    const back = new URL(next.redirect_to_url.return_url);
    intent.next_action = null;
    if (this.authenticationOutcome === "succeed") {
      intent.status = "succeeded";
      intent.amount_received = intent.amount;
      intent.latest_charge = this.id("ch");
    } else {
      intent.status = "requires_payment_method";
      intent.last_payment_error = {
        type: "invalid_request_error",
        code: "payment_intent_authentication_failure",
        message:
          "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
      };
    }
    back.searchParams.set("payment_intent", intentId);
    back.searchParams.set("payment_intent_client_secret", intent.client_secret as string);
    back.searchParams.set(
      "redirect_status",
      this.authenticationOutcome === "succeed" ? "succeeded" : "failed",
    );
    return { status: 302, body: { location: back.toString() } };
  }

  private capture(intent: Json, p: Record<string, string>): Answer {
    if (intent.status !== "requires_capture") {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "payment_intent_unexpected_state",
        message: `This PaymentIntent could not be captured because it has a status of ${intent.status}.`,
      });
    }
    const amount = p.amount_to_capture ? Number(p.amount_to_capture) : (intent.amount as number);
    intent.status = "succeeded";
    intent.amount_capturable = 0;
    intent.amount_received = amount;
    return { status: 200, body: intent };
  }

  private cancel(intent: Json, p: Record<string, string>): Answer {
    const refusal = this.cancelRefusals.get(intent.id as string);
    if (refusal) return stripeError(400, { type: "invalid_request_error", ...refusal });
    if (intent.status === "succeeded" || intent.status === "canceled") {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "payment_intent_unexpected_state",
        message: `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`,
      });
    }
    intent.status = "canceled";
    intent.cancellation_reason = p.cancellation_reason ?? null;
    intent.canceled_at = 1_700_000_000;
    intent.next_action = null;
    intent.amount_capturable = 0;
    return { status: 200, body: intent };
  }

  private refund(p: Record<string, string>): Answer {
    const intent = p.payment_intent ? this.intents.get(p.payment_intent) : undefined;
    if (!intent) return missing("payment_intent", p.payment_intent ?? "", "payment_intent");
    const refunded = [...this.refunds.values()]
      .filter((r) => r.payment_intent === intent.id)
      .reduce((s, r) => s + (r.amount as number), 0);
    const left = (intent.amount_received as number) - refunded;
    const amount = p.amount ? Number(p.amount) : left;
    if (intent.status !== "succeeded" || amount > left) {
      return stripeError(400, {
        type: "invalid_request_error",
        code: left === 0 ? "charge_already_refunded" : "amount_too_large",
        param: "amount",
        message:
          left === 0
            ? `Charge ${intent.latest_charge} has already been refunded.`
            : `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
      });
    }
    const refund = {
      id: this.id("re"),
      object: "refund",
      amount,
      currency: intent.currency,
      charge: intent.latest_charge,
      payment_intent: intent.id,
      status: "succeeded",
      created: 1_700_000_000,
      metadata: {},
    };
    this.refunds.set(refund.id, refund);
    return { status: 200, body: refund };
  }
}
