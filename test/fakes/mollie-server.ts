/**
 * A local stand-in of Mollie's API (v2) for tests: the endpoints Accrue's Mollie adapter calls
 * (customers get and update, a customer's mandates, payments create and get with embedded
 * refunds and chargebacks, a payment's refunds), answering Mollie's documented request and
 * response shapes (HAL resources, amounts as `{currency, value}` strings, errors as
 * `{status, title, detail, field}`), replaying the answer of a repeated Idempotency-Key as
 * Mollie does, and recording every request as sent. It listens on HTTPS (Mollie's client
 * speaks nothing else) with a self-signed loopback certificate (test/fakes/loopback-tls.ts);
 * nothing reaches the internet.
 *
 * Customers and mandates are seeded by the test (`addMandate`), standing for a first payment
 * in Mollie's checkout. A recurring payment of a directdebit mandate stays `pending` until the
 * test moves it (`settle`); one of a creditcard mandate is `paid` at once, or `failed` for a
 * mandate seeded with `decline`. `refundInDashboard`, `chargeback` and `reverseChargeback`
 * stand for what happens in Mollie's dashboard and at the bank. `failNext` answers with a 500 (`Retry-After: 0`, so
 * the client's own retries do not wait), `loseAnswers` carries a request out but answers a
 * 500, `hangNext` never answers. `notice` is the body Mollie's webhook posts.
 *
 * Customers are created as Mollie creates them (`POST /v2/customers`). A first payment
 * (`sequenceType: first`, a customer, no mandate, `redirectUrl` required) stands for Mollie's
 * hosted mandate set-up: it is `open`, cancelable (`isCancelable`; a test may clear it), with
 * `_links.checkout` a page of this server (`/checkout/tr_…`) whose forms pay it by card or by
 * iDEAL (`POST /checkout/tr_…/creditcard` or `…/ideal`, or `pay` from the test): paid, a
 * creditcard or directdebit mandate of its customer is made and named by the payment's
 * `mandateId`, and the browser is sent to its `redirectUrl`; its "Cancel" link cancels it and
 * goes to its `cancelUrl`. `DELETE /v2/payments/tr_…` cancels a cancelable payment (another
 * is refused, 422).
 */
import {
  type Answer,
  FakeProviderServer,
  type IncomingCall,
  type Json,
  type Reply,
} from "./provider-server.js";

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  body: Json | null;
  answer?: Answer;
};

const mollieError = (status: number, title: string, detail: string, field?: string): Answer => ({
  status,
  body: {
    status,
    title,
    detail,
    ...(field ? { field } : {}),
    _links: {
      documentation: {
        href: "https://docs.mollie.com/overview/handling-errors",
        type: "text/html",
      },
    },
  },
});

/** What Mollie's webhook posts about a payment. */
export const notice = (paymentId: string) => `id=${paymentId}`;

const cents = (value: string) => Math.round(Number(value) * 100);
const value = (amount: number) => (amount / 100).toFixed(2);

export class FakeMollie extends FakeProviderServer<RecordedRequest> {
  failNext = 0;
  loseAnswers = 0;
  private seq = 0;
  private readonly key: string;
  readonly customers = new Map<string, Json>();
  readonly mandates = new Map<string, Json & { decline?: boolean }>();
  readonly payments = new Map<string, Json>();
  private readonly replays = new Map<string, Answer>();
  private base = "";

  constructor(apiKey: string) {
    // Mollie's client speaks only HTTPS
    super(true);
    this.key = apiKey;
  }

  override async start(options: { tls?: boolean } = {}): Promise<string> {
    this.base = await super.start(options);
    return this.base;
  }

  /**
   * The customer pays an open first payment in Mollie's checkout (by card, or by iDEAL: a SEPA
   * direct debit mandate): paid, with the mandate it made. Answers the mandate's id.
   */
  pay(paymentId: string, method: "creditcard" | "ideal" = "creditcard"): string {
    const p = this.payment(paymentId);
    if (p.status !== "open" || p.sequenceType !== "first") {
      throw new Error(`payment ${paymentId} is no open first payment`);
    }
    const mandate = this.id("mdt");
    this.addMandate({
      customer: p.customerId,
      mandate,
      method: method === "creditcard" ? "creditcard" : "directdebit",
      createdAt: "2026-03-01T00:00:00+00:00",
    });
    p.status = "paid";
    p.paidAt = "2026-03-01T00:00:00+00:00";
    p.method = method;
    p.isCancelable = false;
    p.mandateId = mandate;
    p.details =
      method === "creditcard"
        ? { cardNumber: "6787", cardHolder: "Pat Payer", cardLabel: "Mastercard" }
        : { consumerName: "Pat Payer", consumerAccount: "NL55INGB0000000000" };
    return mandate;
  }

  addMandate(input: {
    customer: string;
    mandate: string;
    method: "creditcard" | "directdebit" | "paypal";
    status?: "valid" | "pending" | "invalid";
    metadata?: Json | null;
    decline?: boolean;
    createdAt?: string;
    expiry?: string;
  }): void {
    if (!this.customers.has(input.customer)) {
      this.customers.set(input.customer, {
        resource: "customer",
        id: input.customer,
        mode: "test",
        name: "Pat Payer",
        email: "payer@example.com",
        locale: "nl_NL",
        metadata: input.metadata ?? null,
        createdAt: "2026-01-01T00:00:00+00:00",
        _links: {},
      });
    }
    this.mandates.set(input.mandate, {
      resource: "mandate",
      id: input.mandate,
      mode: "test",
      status: input.status ?? "valid",
      method: input.method,
      details:
        input.method === "creditcard"
          ? {
              cardHolder: "Pat Payer",
              cardNumber: "6787",
              cardLabel: "Mastercard",
              cardFingerprint: "fp_test",
              cardExpiryDate: input.expiry ?? "2030-12-31",
            }
          : input.method === "directdebit"
            ? {
                consumerName: "Pat Payer",
                consumerAccount: "NL55INGB0000000000",
                consumerBic: "INGBNL2A",
              }
            : { consumerName: "Pat Payer", consumerAccount: "pat@example.com" },
      mandateReference: null,
      signatureDate: "2026-01-01",
      createdAt: input.createdAt ?? "2026-01-02T00:00:00+00:00",
      customerId: input.customer,
      decline: input.decline ?? false,
      _links: {},
    });
  }

  /** What Mollie reports later of a pending payment. */
  settle(paymentId: string, status: "paid" | "failed" | "canceled" | "expired"): void {
    const p = this.payment(paymentId);
    p.status = status;
    if (status === "paid") p.paidAt = "2026-03-04T00:00:00+00:00";
    if (status === "failed") {
      p.failedAt = "2026-03-04T00:00:00+00:00";
      p.details = { ...p.details, bankReasonCode: "AM04", bankReason: "Insufficient funds" };
    }
  }

  refundInDashboard(paymentId: string, amount: number): Json {
    const answer = this.refund(this.payment(paymentId), amount);
    if (answer.status !== 201) throw new Error(JSON.stringify(answer.body));
    return answer.body;
  }

  chargeback(paymentId: string, amount: number): Json {
    const p = this.payment(paymentId);
    const chargeback = {
      resource: "chargeback",
      id: this.id("chb"),
      amount: { currency: p.amount.currency, value: value(amount) },
      paymentId,
      createdAt: "2026-03-20T00:00:00+00:00",
      reversedAt: null,
      _links: {},
    };
    p._chargebacks.push(chargeback);
    return chargeback;
  }

  /** The bank reverses a chargeback (the dispute is decided for the merchant). */
  reverseChargeback(paymentId: string, chargebackId: string): Json {
    const chargeback = (this.payment(paymentId)._chargebacks as Json[]).find(
      (c) => c.id === chargebackId,
    );
    if (!chargeback) throw new Error(`no chargeback ${chargebackId} of ${paymentId}`);
    chargeback.reversedAt = "2026-04-02T00:00:00+00:00";
    return chargeback;
  }

  private payment(id: string): Json {
    const p = this.payments.get(id);
    if (!p) throw new Error(`no payment ${id}`);
    return p;
  }

  private id(prefix: string): string {
    this.seq += 1;
    return `${prefix}_Fake${String(this.seq).padStart(6, "0")}`;
  }

  /** A payment as Mollie shows it, with what it embeds when asked. */
  private view(p: Json, embed: string[]): Json {
    const { _refunds, _chargebacks, ...rest } = p;
    const refunded = (_refunds as Json[]).reduce((s, r) => s + cents(r.amount.value), 0);
    const chargedBack = (_chargebacks as Json[]).reduce((s, c) => s + cents(c.amount.value), 0);
    const currency = p.amount.currency;
    return {
      ...rest,
      ...(p.status === "paid"
        ? {
            amountRefunded: { currency, value: value(refunded) },
            amountRemaining: { currency, value: value(cents(p.amount.value) - refunded) },
            ...(chargedBack > 0
              ? { amountChargedBack: { currency, value: value(chargedBack) } }
              : {}),
          }
        : {}),
      ...(embed.length > 0
        ? {
            _embedded: {
              ...(embed.includes("refunds") ? { refunds: _refunds } : {}),
              ...(embed.includes("chargebacks") ? { chargebacks: _chargebacks } : {}),
            },
          }
        : {}),
    };
  }

  private refund(p: Json, amount: number): Answer {
    const refunded = (p._refunds as Json[]).reduce((s, r) => s + cents(r.amount.value), 0);
    if (p.status !== "paid") {
      return mollieError(422, "Unprocessable Entity", "The payment cannot be refunded", "amount");
    }
    if (refunded + amount > cents(p.amount.value)) {
      return mollieError(
        422,
        "Unprocessable Entity",
        "The amount of the refund is higher than the remaining amount",
        "amount",
      );
    }
    const refund = {
      resource: "refund",
      id: this.id("re"),
      amount: { currency: p.amount.currency, value: value(amount) },
      status: "pending",
      createdAt: `2026-03-${String(10 + p._refunds.length).padStart(2, "0")}T00:00:00+00:00`,
      description: "",
      paymentId: p.id,
      _links: {},
    };
    p._refunds.push(refund);
    return { status: 201, body: refund };
  }

  protected record(call: IncomingCall): RecordedRequest {
    return {
      method: call.method,
      path: call.path,
      query: Object.fromEntries(call.query.entries()),
      headers: call.headers,
      body: call.raw && call.path.startsWith("/v2/") ? JSON.parse(call.raw) : null,
    };
  }

  protected answer(recorded: RecordedRequest): Reply {
    if (recorded.path.startsWith("/checkout/")) return this.checkoutPage(recorded);
    let answer: Answer;
    const key = recorded.headers["idempotency-key"];
    const replay = key ? this.replays.get(`${recorded.method} ${recorded.path} ${key}`) : undefined;
    if (this.failNext > 0) {
      this.failNext -= 1;
      answer = mollieError(500, "Internal Server Error", "Something went wrong on Mollie's end");
    } else if (recorded.headers.authorization !== `Bearer ${this.key}`) {
      answer = mollieError(
        401,
        "Unauthorized Request",
        "Missing authentication, or failed to authenticate",
      );
    } else {
      answer = replay ?? this.route(recorded);
      if (key && !replay && answer.status < 500) {
        this.replays.set(`${recorded.method} ${recorded.path} ${key}`, answer);
      }
      if (this.loseAnswers > 0) {
        this.loseAnswers -= 1;
        answer = mollieError(500, "Internal Server Error", "Something went wrong on Mollie's end");
      }
    }
    recorded.answer = answer;
    return {
      ...answer,
      headers: {
        "content-type": answer.status >= 400 ? "application/problem+json" : "application/hal+json",
        ...(answer.status >= 500 ? { "retry-after": "0" } : {}),
      },
    };
  }

  private route(r: RecordedRequest): Answer {
    const parts = r.path.split("/").filter(Boolean); // v2, collection, id, sub, subId
    const [, collection, id, sub, subId] = parts;
    const missing = () => mollieError(404, "Not Found", `No ${collection} exists with this id`);
    if (collection === "customers" && !id && r.method === "POST") {
      const c = {
        resource: "customer",
        id: this.id("cst"),
        mode: "test",
        name: r.body?.name ?? null,
        email: r.body?.email ?? null,
        locale: r.body?.locale ?? null,
        metadata: r.body?.metadata ?? null,
        createdAt: "2026-03-01T00:00:00+00:00",
        _links: {},
      };
      this.customers.set(c.id, c);
      return { status: 201, body: c };
    }
    if (collection === "customers" && id && !sub) {
      const c = this.customers.get(id);
      if (!c) return missing();
      if (r.method === "PATCH") Object.assign(c, r.body ?? {});
      return { status: 200, body: c };
    }
    if (collection === "customers" && id && sub === "mandates" && r.method === "GET") {
      if (!this.customers.has(id)) return missing();
      const strip = ({ decline: _d, customerId: _c, ...m }: Json) => m;
      if (subId) {
        const m = this.mandates.get(subId);
        return m && m.customerId === id ? { status: 200, body: strip(m) } : missing();
      }
      const list = [...this.mandates.values()].filter((m) => m.customerId === id).map(strip);
      return {
        status: 200,
        body: {
          count: list.length,
          _embedded: { mandates: list },
          _links: {
            self: { href: r.path, type: "application/hal+json" },
            previous: null,
            next: null,
          },
        },
      };
    }
    if (collection === "payments" && !id && r.method === "POST")
      return this.createPayment(r.body ?? {});
    if (collection === "payments" && id && !sub && r.method === "GET") {
      const p = this.payments.get(id);
      return p
        ? { status: 200, body: this.view(p, (r.query.embed ?? "").split(",").filter(Boolean)) }
        : missing();
    }
    if (collection === "payments" && id && !sub && r.method === "DELETE") {
      const p = this.payments.get(id);
      if (!p) return missing();
      if (p.isCancelable !== true) {
        return mollieError(422, "Unprocessable Entity", "The payment cannot be canceled");
      }
      p.status = "canceled";
      p.canceledAt = "2026-03-04T00:00:00+00:00";
      p.isCancelable = false;
      return { status: 200, body: this.view(p, []) };
    }
    if (collection === "payments" && id && sub === "refunds" && r.method === "POST") {
      const p = this.payments.get(id);
      if (!p) return missing();
      return this.refund(p, cents(r.body?.amount?.value ?? "0"));
    }
    return mollieError(404, "Not Found", `no route ${r.method} ${r.path}`);
  }

  private createPayment(body: Json): Answer {
    if (body.sequenceType === "first") return this.createFirstPayment(body);
    const mandate = this.mandates.get(body.mandateId ?? "");
    if (!mandate || mandate.customerId !== body.customerId) {
      return mollieError(
        422,
        "Unprocessable Entity",
        "The mandate is not valid for this customer",
        "mandateId",
      );
    }
    if (mandate.status === "invalid") {
      return mollieError(422, "Unprocessable Entity", "The mandate is invalid", "mandateId");
    }
    if (body.sequenceType !== "recurring") {
      return mollieError(
        422,
        "Unprocessable Entity",
        "Only recurring payments here",
        "sequenceType",
      );
    }
    const format = body.amount?.currency === "JPY" ? /^\d+$/ : /^\d+\.\d{2}$/;
    if (typeof body.amount?.value !== "string" || !format.test(body.amount.value)) {
      return mollieError(422, "Unprocessable Entity", "The amount is invalid", "amount.value");
    }
    const card = mandate.method === "creditcard";
    const p: Json = {
      resource: "payment",
      id: this.id("tr"),
      mode: "test",
      createdAt: "2026-03-01T00:00:00+00:00",
      amount: body.amount,
      description: body.description,
      method: card ? "creditcard" : "directdebit",
      metadata: body.metadata ?? null,
      status: card ? (mandate.decline ? "failed" : "paid") : "pending",
      ...(card && mandate.decline
        ? {
            details: {
              failureReason: "insufficient_funds",
              failureMessage: "The card was declined",
            },
          }
        : { details: {} }),
      isCancelable: !card,
      sequenceType: "recurring",
      profileId: "pfl_test",
      customerId: body.customerId,
      mandateId: body.mandateId,
      ...(body.webhookUrl ? { webhookUrl: body.webhookUrl } : {}),
      _links: {},
      _refunds: [],
      _chargebacks: [],
    };
    this.payments.set(p.id, p);
    return { status: 201, body: this.view(p, []) };
  }
  /** A first payment: open in Mollie's checkout until the customer pays or cancels it. */
  private createFirstPayment(body: Json): Answer {
    if (!this.customers.has(body.customerId ?? "")) {
      return mollieError(422, "Unprocessable Entity", "The customer does not exist", "customerId");
    }
    if (body.mandateId !== undefined) {
      return mollieError(
        422,
        "Unprocessable Entity",
        "A first payment creates a mandate",
        "mandateId",
      );
    }
    if (typeof body.redirectUrl !== "string") {
      return mollieError(
        422,
        "Unprocessable Entity",
        "The redirect URL is required",
        "redirectUrl",
      );
    }
    if (typeof body.description !== "string" || body.description === "") {
      return mollieError(422, "Unprocessable Entity", "The description is required", "description");
    }
    const format = body.amount?.currency === "JPY" ? /^\d+$/ : /^\d+\.\d{2}$/;
    if (typeof body.amount?.value !== "string" || !format.test(body.amount.value)) {
      return mollieError(422, "Unprocessable Entity", "The amount is invalid", "amount.value");
    }
    const id = this.id("tr");
    const p: Json = {
      resource: "payment",
      id,
      mode: "test",
      createdAt: "2026-03-01T00:00:00+00:00",
      amount: body.amount,
      description: body.description,
      method: null,
      metadata: body.metadata ?? null,
      status: "open",
      isCancelable: true,
      expiresAt: "2026-03-01T00:15:00+00:00",
      details: null,
      profileId: "pfl_test",
      sequenceType: "first",
      redirectUrl: body.redirectUrl,
      ...(body.cancelUrl ? { cancelUrl: body.cancelUrl } : {}),
      ...(body.webhookUrl ? { webhookUrl: body.webhookUrl } : {}),
      customerId: body.customerId,
      _links: {
        self: { href: `${this.base}/v2/payments/${id}`, type: "application/hal+json" },
        checkout: { href: `${this.base}/checkout/${id}`, type: "text/html" },
      },
      _refunds: [],
      _chargebacks: [],
    };
    this.payments.set(id, p);
    return { status: 201, body: this.view(p, []) };
  }

  /** Mollie's checkout of a first payment, as a browser opens it: no API key. */
  private checkoutPage(recorded: RecordedRequest): Reply {
    const [, , paymentId, step] = recorded.path.split("/");
    const p = this.payments.get(paymentId ?? "");
    if (p?.status !== "open") {
      const answer = { status: 404, body: { error: "no open payment here" } };
      recorded.answer = answer;
      return {
        ...answer,
        html: "<!doctype html><title>Expired</title><p>This payment is closed.</p>",
      };
    }
    const away = (location: string): Reply => {
      const answer = { status: 303, body: { location } };
      recorded.answer = answer;
      return { ...answer, headers: { location } };
    };
    if (recorded.method === "POST" && (step === "creditcard" || step === "ideal")) {
      this.pay(p.id, step);
      return away(p.redirectUrl);
    }
    if (recorded.method === "GET" && step === "cancel") {
      p.status = "canceled";
      p.canceledAt = "2026-03-01T00:05:00+00:00";
      p.isCancelable = false;
      return away(p.cancelUrl ?? p.redirectUrl);
    }
    recorded.answer = { status: 200, body: { page: "checkout" } };
    return {
      status: 200,
      body: {},
      html: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mollie</title><link rel="icon" href="data:,"></head>
<body><main><h1>Pay ${p.amount.currency} ${p.amount.value}</h1><p>${p.description}</p>
<form method="post" action="/checkout/${p.id}/creditcard"><button type="submit">Pay by card</button></form>
<form method="post" action="/checkout/${p.id}/ideal"><button type="submit">Pay with iDEAL</button></form>
<p><a href="/checkout/${p.id}/cancel">Cancel</a></p>
</main></body></html>
`,
    };
  }
}
