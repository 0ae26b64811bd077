/**
 * A local stand-in of GoCardless's API for tests: the endpoints Accrue's GoCardless adapter
 * calls (mandates find and list, customers find and update, customer bank accounts, payments
 * create and find, refunds create and find), answering GoCardless's documented request and
 * response shapes (JSON envelopes named by resource, `{"error": {type, code, errors}}` on
 * refusals, `idempotent_creation_conflict` with the conflicting resource's id when a creation
 * repeats an Idempotency-Key), and recording every request as sent. Nothing reaches the
 * internet: the official client is pointed here with a gateway account's `api_base`.
 *
 * Mandates, customers and bank accounts are seeded by the test (`addMandate`), standing for
 * what GoCardless's payment pages made. A payment stays `pending_submission` until the test
 * moves it (`settle`), as GoCardless does over days; `refundInDashboard` stands for a refund
 * made in GoCardless's dashboard. `failNext` answers with a 500, `loseAnswers` carries a
 * request out but answers a 500 (an answer lost on the way back), `hangNext` never answers.
 * `signedEvents` makes a webhook body and its Webhook-Signature as GoCardless sends them.
 *
 * Billing Requests (`mandate_request`) and Billing Request Flows stand for GoCardless's hosted
 * mandate set-up: creating a request without `links.customer` creates an empty customer, as
 * GoCardless does; the flow's `authorisation_url` is a page of this server (`/flow/BRF…`)
 * whose form (`POST /flow/BRF…/complete`, or `fulfil` from the test) fulfils the request — a
 * customer bank account and a mandate made, `links.mandate_request_mandate` set — and sends the
 * browser to the flow's `redirect_uri`; its "Back" link is the `exit_uri`. A pending Billing
 * Request is cancelled by `POST /billing_requests/BRQ…/actions/cancel` (a fulfilled or
 * cancelled one is refused with `invalid_state`).
 */
import { createHmac } from "node:crypto";
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
  /** The JSON body as the client sent it. */
  body: Json | null;
  answer?: Answer;
};

const gcError = (status: number, type: string, message: string, errors: Json[] = []): Answer => ({
  status,
  body: {
    error: {
      message,
      documentation_url: `https://developer.gocardless.com/api-reference#${type}`,
      type,
      request_id: "0AD2DA42E1F6A1B0",
      code: status,
      errors,
    },
  },
});

const notFound = (path: string) =>
  gcError(404, "invalid_api_usage", "Resource not found", [
    { reason: "resource_not_found", message: `Resource not found at ${path}` },
  ]);

/** A GoCardless webhook body with its Webhook-Signature under `secret`. */
export function signedEvents(events: Json[], secret: string): { body: string; signature: string } {
  const body = JSON.stringify({ events, meta: { webhook_id: "WB000TEST" } });
  return { body, signature: createHmac("sha256", secret).update(body).digest("hex") };
}

export class FakeGoCardless extends FakeProviderServer<RecordedRequest> {
  failNext = 0;
  loseAnswers = 0;
  private seq = 0;
  private readonly token: string;
  readonly customers = new Map<string, Json>();
  readonly mandates = new Map<string, Json>();
  readonly bankAccounts = new Map<string, Json>();
  readonly payments = new Map<string, Json>();
  readonly refunds = new Map<string, Json>();
  readonly billingRequests = new Map<string, Json>();
  readonly flows = new Map<string, Json>();
  private readonly created = new Map<string, string>();
  private base = "";

  constructor(token: string) {
    super();
    this.token = token;
  }

  /** A mandate of a customer and bank account, as GoCardless's payment pages leave them. */
  addMandate(input: {
    mandate: string;
    customer: string;
    status?: string;
    metadata?: Record<string, string>;
    account?: { country: string; ending: string; holder: string };
    createdAt?: string;
  }): void {
    const bank = `BA${input.mandate.slice(2)}`;
    if (!this.customers.has(input.customer)) {
      this.customers.set(input.customer, {
        id: input.customer,
        created_at: "2026-01-01T00:00:00.000Z",
        email: "payer@example.com",
        given_name: "Pat",
        family_name: "Payer",
        company_name: null,
        country_code: input.account?.country ?? "GB",
        language: "en",
        metadata: input.metadata ?? {},
      });
    }
    this.bankAccounts.set(bank, {
      id: bank,
      created_at: "2026-01-01T00:00:00.000Z",
      account_holder_name: input.account?.holder ?? "PAT PAYER",
      account_number_ending: input.account?.ending ?? "11",
      account_type: null,
      country_code: input.account?.country ?? "GB",
      currency: input.account?.country === "GB" || !input.account ? "GBP" : "EUR",
      bank_name: "BARCLAYS BANK PLC",
      metadata: {},
      enabled: true,
      links: { customer: input.customer },
    });
    this.mandates.set(input.mandate, {
      id: input.mandate,
      created_at: input.createdAt ?? "2026-01-02T00:00:00.000Z",
      reference: `REF-${input.mandate}`,
      status: input.status ?? "active",
      scheme: input.account?.country === "GB" || !input.account ? "bacs" : "sepa_core",
      next_possible_charge_date: "2026-01-10",
      payments_require_approval: false,
      metadata: {},
      links: { creditor: "CR000TEST", customer: input.customer, customer_bank_account: bank },
    });
  }

  override async start(options: { tls?: boolean } = {}): Promise<string> {
    this.base = await super.start(options);
    return this.base;
  }

  /**
   * The customer finishes the hosted flow of a Billing Request: a bank account and a mandate
   * (pending submission) of its customer are made and the request is fulfilled.
   */
  fulfil(
    billingRequest: string,
    account?: { country: string; ending: string; holder: string },
  ): string {
    const request = this.billingRequests.get(billingRequest);
    if (!request) throw new Error(`no billing request ${billingRequest}`);
    const mandate = this.id("MD");
    const gbp = request.mandate_request.currency === "GBP";
    this.addMandate({
      mandate,
      customer: request.links.customer,
      status: "pending_submission",
      account: account ?? {
        country: gbp ? "GB" : "DE",
        ending: gbp ? "11" : "00",
        holder: "PAT PAYER",
      },
      createdAt: "2026-03-01T00:00:00.000Z",
    });
    request.status = "fulfilled";
    request.links.customer_bank_account = `BA${mandate.slice(2)}`;
    request.links.mandate_request_mandate = mandate;
    return mandate;
  }

  /** A Billing Request as GoCardless shows it. */
  billingRequest(id: string): Json {
    const request = this.billingRequests.get(id);
    if (!request) throw new Error(`no billing request ${id}`);
    return request;
  }

  /** What GoCardless reports of a payment days later (confirmed, paid_out, failed, …). */
  settle(paymentId: string, status: string): void {
    const payment = this.payments.get(paymentId);
    if (!payment) throw new Error(`no payment ${paymentId}`);
    payment.status = status;
  }

  /** A refund made in GoCardless's dashboard. */
  refundInDashboard(paymentId: string, amount: number): Json {
    const payment = this.payments.get(paymentId);
    if (!payment) throw new Error(`no payment ${paymentId}`);
    return this.makeRefund(payment, amount);
  }

  private id(prefix: string): string {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(10, "0")}`;
  }

  private makeRefund(payment: Json, amount: number): Json {
    const refund = {
      id: this.id("RF"),
      created_at: "2026-03-10T00:00:00.000Z",
      amount,
      currency: payment.currency,
      reference: null,
      status: "created",
      metadata: {},
      links: { payment: payment.id, mandate: payment.links.mandate },
    };
    payment.amount_refunded += amount;
    this.refunds.set(refund.id, refund);
    return refund;
  }

  protected record(call: IncomingCall): RecordedRequest {
    return {
      method: call.method,
      path: call.path,
      query: Object.fromEntries(call.query.entries()),
      headers: call.headers,
      body: call.raw ? JSON.parse(call.raw) : null,
    };
  }

  protected answer(recorded: RecordedRequest): Reply {
    if (recorded.path.startsWith("/flow/")) return this.flowPage(recorded);
    let answer: Answer;
    if (this.failNext > 0) {
      this.failNext -= 1;
      answer = gcError(500, "gocardless", "Uh-oh, something went wrong", [
        { reason: "internal_server_error", message: "Uh-oh, something went wrong" },
      ]);
    } else if (recorded.headers.authorization !== `Bearer ${this.token}`) {
      answer = gcError(401, "invalid_api_usage", "Invalid token", [
        { reason: "unauthorized", message: "Invalid token" },
      ]);
    } else {
      answer = this.route(recorded);
      if (this.loseAnswers > 0) {
        this.loseAnswers -= 1;
        answer = gcError(500, "gocardless", "Uh-oh, something went wrong", [
          { reason: "internal_server_error", message: "Uh-oh, something went wrong" },
        ]);
      }
    }
    recorded.answer = answer;
    return answer;
  }

  private route(r: RecordedRequest): Answer {
    const parts = r.path.split("/").filter(Boolean);
    const [collection, id] = parts;
    if (r.method === "GET" && collection === "mandates" && id) {
      const m = this.mandates.get(id);
      return m ? { status: 200, body: { mandates: m } } : notFound(r.path);
    }
    if (r.method === "GET" && collection === "mandates") {
      const list = [...this.mandates.values()].filter(
        (m) => !r.query.customer || m.links.customer === r.query.customer,
      );
      return {
        status: 200,
        body: {
          mandates: list,
          meta: { cursors: { before: null, after: null }, limit: Number(r.query.limit ?? 50) },
        },
      };
    }
    if (collection === "customers" && id) {
      const c = this.customers.get(id);
      if (!c) return notFound(r.path);
      if (r.method === "PUT") Object.assign(c, r.body?.customers ?? {});
      return { status: 200, body: { customers: c } };
    }
    if (r.method === "GET" && collection === "customer_bank_accounts" && id) {
      const a = this.bankAccounts.get(id);
      return a ? { status: 200, body: { customer_bank_accounts: a } } : notFound(r.path);
    }
    if (r.method === "GET" && (collection === "payments" || collection === "refunds") && id) {
      const found = (collection === "payments" ? this.payments : this.refunds).get(id);
      return found ? { status: 200, body: { [collection]: found } } : notFound(r.path);
    }
    if (r.method === "GET" && collection === "billing_requests" && id) {
      const found = this.billingRequests.get(id);
      return found ? { status: 200, body: { billing_requests: found } } : notFound(r.path);
    }
    if (
      r.method === "POST" &&
      collection === "billing_requests" &&
      id &&
      parts[2] === "actions" &&
      parts[3] === "cancel"
    ) {
      return this.cancelBillingRequest(id);
    }
    if (r.method === "POST" && collection === "billing_request_flows" && !id) {
      return this.createFlow(r.body?.billing_request_flows);
    }
    if (
      r.method === "POST" &&
      (collection === "payments" ||
        collection === "refunds" ||
        collection === "billing_requests") &&
      !id
    ) {
      const key = r.headers["idempotency-key"] ?? "";
      const earlier = this.created.get(`${collection}:${key}`);
      if (earlier) {
        return gcError(
          409,
          "invalid_state",
          "A resource has already been created with this idempotency key",
          [
            {
              reason: "idempotent_creation_conflict",
              message: "A resource has already been created with this idempotency key",
              links: { conflicting_resource_id: earlier },
            },
          ],
        );
      }
      const answer =
        collection === "payments"
          ? this.createPayment(r.body?.payments)
          : collection === "refunds"
            ? this.createRefund(r.body?.refunds)
            : this.createBillingRequest(r.body?.billing_requests);
      if (answer.status === 201) {
        this.created.set(`${collection}:${key}`, answer.body[collection].id);
      }
      return answer;
    }
    return gcError(404, "invalid_api_usage", "Path not found", [
      { reason: "path_not_found", message: `no route ${r.method} ${r.path}` },
    ]);
  }

  private createBillingRequest(params: Json | undefined): Answer {
    const request = params?.mandate_request;
    if (!request || (!request.currency && !request.scheme)) {
      return gcError(422, "validation_failed", "Validation failed", [
        {
          field: "mandate_request",
          message: "must name a currency or a scheme",
          request_pointer: "/billing_requests/mandate_request",
        },
      ]);
    }
    let customer = params?.links?.customer as string | undefined;
    if (customer === undefined) {
      customer = this.id("CU");
      this.customers.set(customer, {
        id: customer,
        created_at: "2026-03-01T00:00:00.000Z",
        email: null,
        given_name: null,
        family_name: null,
        company_name: null,
        country_code: null,
        language: "en",
        metadata: {},
      });
    } else if (!this.customers.has(customer)) {
      return gcError(422, "invalid_api_usage", "Resource not found", [
        { reason: "invalid_document_structure", field: "links.customer", message: "not found" },
      ]);
    }
    const currency = request.currency ?? (request.scheme === "bacs" ? "GBP" : "EUR");
    const billingRequest = {
      id: this.id("BRQ"),
      created_at: "2026-03-01T00:00:00.000Z",
      status: "pending",
      mandate_request: {
        currency,
        scheme: request.scheme ?? (currency === "GBP" ? "bacs" : "sepa_core"),
        verify: "recommended",
        metadata: request.metadata ?? {},
        links: {},
      },
      payment_request: null,
      metadata: params?.metadata ?? {},
      links: {
        creditor: "CR000TEST",
        customer,
        customer_billing_detail: this.id("CBD"),
        mandate_request: this.id("MRQ"),
        organisation: "OR000TEST",
      },
    };
    this.billingRequests.set(billingRequest.id, billingRequest);
    return { status: 201, body: { billing_requests: billingRequest } };
  }

  /** GoCardless's cancel action of a Billing Request: refused once fulfilled or cancelled. */
  private cancelBillingRequest(id: string): Answer {
    const request = this.billingRequests.get(id);
    if (!request) return notFound(`/billing_requests/${id}/actions/cancel`);
    if (request.status === "fulfilled" || request.status === "cancelled") {
      return gcError(422, "invalid_state", "Billing request cannot be cancelled", [
        {
          reason: `billing_request_already_${request.status}`,
          message: `This billing request has already been ${request.status}`,
        },
      ]);
    }
    request.status = "cancelled";
    return { status: 200, body: { billing_requests: request } };
  }

  private createFlow(params: Json | undefined): Answer {
    const request = this.billingRequests.get(params?.links?.billing_request ?? "");
    if (!request) {
      return gcError(422, "invalid_api_usage", "Resource not found", [
        {
          reason: "invalid_document_structure",
          field: "links.billing_request",
          message: "not found",
        },
      ]);
    }
    const id = this.id("BRF");
    const flow = {
      id,
      created_at: "2026-03-01T00:00:00.000Z",
      expires_at: "2026-03-08T00:00:00.000Z",
      authorisation_url: `${this.base}/flow/${id}`,
      redirect_uri: params!.redirect_uri ?? null,
      exit_uri: params!.exit_uri ?? null,
      auto_fulfil: true,
      lock_bank_account: false,
      lock_currency: false,
      lock_customer_details: false,
      session_token: null,
      show_redirect_buttons: false,
      links: { billing_request: request.id },
    };
    this.flows.set(id, flow);
    return { status: 201, body: { billing_request_flows: flow } };
  }

  /** The hosted flow's page, as a browser opens it: no access token. */
  private flowPage(recorded: RecordedRequest): Reply {
    const [, , flowId, step] = recorded.path.split("/");
    const flow = this.flows.get(flowId ?? "");
    const request = flow ? this.billingRequests.get(flow.links.billing_request) : undefined;
    if (!flow || request?.status !== "pending") {
      const answer = { status: 404, body: { error: "no Billing Request Flow is open here" } };
      recorded.answer = answer;
      return { ...answer, html: "<!doctype html><title>Expired</title><p>This page expired.</p>" };
    }
    if (step === "complete" && recorded.method === "POST") {
      this.fulfil(request.id);
      const answer = { status: 303, body: { location: flow.redirect_uri } };
      recorded.answer = answer;
      return { ...answer, headers: { location: flow.redirect_uri as string } };
    }
    recorded.answer = { status: 200, body: { page: "flow" } };
    return {
      status: 200,
      body: {},
      html: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GoCardless</title><link rel="icon" href="data:,"></head>
<body><main><h1>Set up a Direct Debit</h1>
<form method="post" action="/flow/${flow.id}/complete"><button type="submit">Set up Direct Debit</button></form>
<p><a href="${flow.exit_uri}">Back</a></p>
</main></body></html>
`,
    };
  }

  private createPayment(params: Json | undefined): Answer {
    const mandate = this.mandates.get(params?.links?.mandate ?? "");
    if (!mandate) {
      return gcError(422, "invalid_api_usage", "Resource not found", [
        { reason: "invalid_document_structure", field: "links.mandate", message: "not found" },
      ]);
    }
    if (
      !["pending_customer_approval", "pending_submission", "submitted", "active"].includes(
        mandate.status,
      )
    ) {
      return gcError(422, "invalid_state", "Mandate is not active", [
        {
          reason: "mandate_is_inactive",
          message: "The mandate is not active",
          links: { mandate: mandate.id },
        },
      ]);
    }
    if (!Number.isInteger(params?.amount) || params!.amount <= 0) {
      return gcError(422, "validation_failed", "Validation failed", [
        {
          field: "amount",
          message: "must be a positive integer",
          request_pointer: "/payments/amount",
        },
      ]);
    }
    const payment = {
      id: this.id("PM"),
      created_at: "2026-03-01T00:00:00.000Z",
      charge_date: "2026-03-06",
      amount: params!.amount,
      amount_refunded: 0,
      currency: params!.currency,
      description: params!.description ?? null,
      reference: null,
      status: "pending_submission",
      retry_if_possible: params!.retry_if_possible ?? false,
      metadata: params!.metadata ?? {},
      links: { mandate: mandate.id, creditor: "CR000TEST" },
    };
    this.payments.set(payment.id, payment);
    return { status: 201, body: { payments: payment } };
  }

  private createRefund(params: Json | undefined): Answer {
    const payment = this.payments.get(params?.links?.payment ?? "");
    if (!payment) {
      return gcError(422, "invalid_api_usage", "Resource not found", [
        { reason: "invalid_document_structure", field: "links.payment", message: "not found" },
      ]);
    }
    if (params!.total_amount_confirmation !== payment.amount_refunded + params!.amount) {
      return gcError(422, "validation_failed", "Validation failed", [
        {
          field: "total_amount_confirmation",
          message: "does not match the total amount refunded",
          request_pointer: "/refunds/total_amount_confirmation",
        },
      ]);
    }
    if (payment.amount_refunded + params!.amount > payment.amount) {
      return gcError(422, "invalid_state", "Refund amount too high", [
        {
          reason: "total_amount_confirmation_invalid",
          message: "The refund would exceed the payment",
        },
      ]);
    }
    return { status: 201, body: { refunds: this.makeRefund(payment, params!.amount) } };
  }
}
