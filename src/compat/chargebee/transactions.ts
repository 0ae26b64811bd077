/**
 * Chargebee's transactions over Accrue's payments: a payment is a `payment` transaction, a
 * refund a `refund` one, an authorization (a hold on a payment source) an `authorization`.
 * Write-offs and withheld tax settle invoices without money: they are not transactions.
 * A transaction a gateway handled names the gateway and gateway account of the payment source
 * it went through (a refund without a source of its own: the refunded payment's).
 */
import type { FastifyInstance } from "fastify";
import { customerId } from "./customers.js";
import { type CbCall, cbRoute } from "./routes.js";
import {
  CbError,
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

export type NativePayment = {
  id: string;
  customer_id: string;
  kind: "payment" | "refund" | "write_off" | "tax_withheld";
  method:
    | "offline"
    | "test_card"
    | "test_direct_debit"
    | "card"
    | "direct_debit"
    | "write_off"
    | "tax_withheld";
  status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
  amount: string;
  currency: string;
  reference: string | null;
  card_last4: string | null;
  failure: { code?: string; message?: string } | null;
  refunds_payment_id: string | null;
  payment_method: string | null;
  payment_source_id: string | null;
  authorized_until: string | null;
  allocations: Array<{ invoice_id: string; amount: string }>;
  unapplied: string;
  received_at: string;
  created_at: string;
};

/** A payment that moves money (not a write-off nor withheld tax). */
export const isTransaction = (p: NativePayment) => p.kind === "payment" || p.kind === "refund";

/**
 * Money that moved outside any gateway: an offline payment (or its refund), and a refund
 * recorded by hand, which names how the money went back (`payment_method`).
 */
const byHand = (p: NativePayment) =>
  p.method === "offline" || (p.kind === "refund" && p.payment_method !== null);

/** How money recorded by hand was paid, as Chargebee names it. */
const recordedMethod = (method: string | null) =>
  method && (REFUND_METHODS as readonly string[]).includes(method) ? method : "other";

function paymentMethodOf(p: NativePayment): string {
  if (byHand(p)) return recordedMethod(p.payment_method);
  if (p.method === "test_card" || p.method === "card") return "card";
  if (p.method === "test_direct_debit" || p.method === "direct_debit") return "direct_debit";
  return recordedMethod(p.payment_method);
}

const STATUS = {
  succeeded: "success",
  failed: "failure",
  authorized: "success",
  voided: "voided",
  // a charge the gateway decides later (a direct debit)
  pending: "in_progress",
} as const;

/** The gateway account a transaction went through, and the kind of its gateway. */
type Gateway = { gateway: string; gateway_account_id: string | null };

/** Gateway kinds as Chargebee names them: the built-in test gateway is Chargebee's own. */
const GATEWAY_NAME: Record<string, string> = { test: "chargebee" };

function gatewayOf(p: NativePayment, via: Gateway | undefined): string | undefined {
  if (byHand(p)) return "not_applicable";
  if (via) return GATEWAY_NAME[via.gateway] ?? via.gateway;
  // the built-in test gateway's methods; a provider's payment whose source is gone names none
  return p.method === "test_card" || p.method === "test_direct_debit" ? "chargebee" : undefined;
}

/** A transaction, with the gateway its payment source is held by. */
export async function transactionObject(
  call: CbCall,
  p: NativePayment,
): Promise<Record<string, unknown>> {
  const [one] = await transactionObjects(call, [p]);
  return one!;
}

/** Transactions, each payment source (and refunded payment) read once. */
export async function transactionObjects(
  call: CbCall,
  payments: readonly NativePayment[],
): Promise<Array<Record<string, unknown>>> {
  const gateways = await gatewaysOf(call, payments);
  return payments.map((p) => transactionOf(p, gateways.get(p.id)));
}

/**
 * The gateway of each payment a gateway handled: that of the payment source it went through,
 * or, for a refund without a source of its own, of the payment it refunds. A source (or
 * payment) no longer found leaves the transaction without one.
 */
async function gatewaysOf(
  call: CbCall,
  payments: readonly NativePayment[],
): Promise<Map<string, Gateway>> {
  const known = new Map(payments.map((p) => [p.id, p]));
  const parents = new Map<string, Promise<NativePayment | null>>();
  const sources = new Map<string, Promise<Gateway | null>>();
  const absent = (error: unknown) => {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  };
  const parent = (id: string) => {
    const found = known.get(id);
    if (found) return Promise.resolve(found);
    if (!parents.has(id)) {
      parents.set(
        id,
        call.get(`/v1/payments/${enc(id)}`).then((x) => x as NativePayment, absent),
      );
    }
    return parents.get(id)!;
  };
  const source = (id: string) => {
    if (!sources.has(id)) {
      sources.set(
        id,
        call
          .get(`/v1/payment_sources/${enc(id)}`)
          .then((x) => ({ gateway: x.gateway, gateway_account_id: x.gateway_account_id }), absent),
      );
    }
    return sources.get(id)!;
  };
  const out = new Map<string, Gateway>();
  for (const p of payments) {
    if (byHand(p) || !isTransaction(p)) continue;
    let sourceId = p.payment_source_id;
    if (sourceId === null && p.kind === "refund" && p.refunds_payment_id !== null) {
      sourceId = (await parent(p.refunds_payment_id))?.payment_source_id ?? null;
    }
    const found = sourceId === null ? null : await source(sourceId);
    if (found) out.set(p.id, found);
  }
  return out;
}

function transactionOf(p: NativePayment, via: Gateway | undefined): Record<string, unknown> {
  const amount = Math.abs(minor(p.amount, p.currency));
  // an authorization stays one once voided (by hand, or when the gateway let its hold go)
  const held = p.status === "authorized" || (p.status === "voided" && p.authorized_until !== null);
  const type = p.kind === "refund" ? "refund" : held ? "authorization" : "payment";
  const method = paymentMethodOf(p);
  const linked = p.allocations.map((a) => ({
    invoice_id: a.invoice_id,
    applied_amount: Math.abs(minor(a.amount, p.currency)),
    applied_at: unix(p.received_at),
  }));
  return compact({
    id: p.id,
    customer_id: p.customer_id,
    payment_source_id: p.payment_source_id,
    payment_method: method,
    reference_number: p.reference,
    gateway: gatewayOf(p, via),
    gateway_account_id: byHand(p) ? undefined : via?.gateway_account_id,
    type,
    date: unix(p.received_at),
    amount,
    currency_code: p.currency,
    amount_unused: p.kind === "payment" ? minor(p.unapplied, p.currency) : undefined,
    status: STATUS[p.status],
    // a refund recorded as paid back otherwise than to the card names no card
    masked_card_number:
      p.card_last4 && method === "card" ? `************${p.card_last4}` : undefined,
    error_code: p.failure?.code,
    error_text: p.failure?.message,
    refunded_txn_id: p.refunds_payment_id,
    authorization_reason: type === "authorization" ? "verification" : undefined,
    voided_at: undefined,
    linked_invoices: p.kind === "payment" ? linked : undefined,
    linked_refunds: undefined,
    deleted: false,
    object: "transaction",
    created_at: unix(p.created_at),
    updated_at: unix(p.created_at),
  });
}

const enc = encodeURIComponent;

export async function loadPayment(
  call: CbCall,
  id: string,
  param?: string,
): Promise<NativePayment> {
  try {
    return await call.get(`/v1/payments/${enc(id)}`);
  } catch (error) {
    if ((error as { status?: number }).status === 404) throw notFound(`transaction ${id}`, param);
    throw error;
  }
}

/** Every payment of a customer (the native list pages through them, oldest first). */
export async function paymentsOf(call: CbCall, customer: string): Promise<NativePayment[]> {
  const all: NativePayment[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const answer = await call.get("/v1/payments", { customer_id: customer, limit: 100, cursor });
    for (const payment of answer.data as NativePayment[]) all.push(payment);
    cursor = answer.next_cursor ?? undefined;
    if (!cursor) break;
  }
  return all;
}

function listParams(p: Reader): { limit: number; offset: string | undefined } {
  const { limit, offset } = p.page();
  sortedByCreation(p);
  return { limit, offset };
}

async function transactionList(
  call: CbCall,
  customer: string | undefined,
  limit: number,
  offset: string | undefined,
) {
  const page = await call.get("/v1/payments", { customer_id: customer, limit, cursor: offset });
  const transactions = await transactionObjects(
    call,
    (page.data as NativePayment[]).filter(isTransaction),
  );
  return listOf(
    transactions.map((transaction) => ({ transaction })),
    page.next_cursor,
  );
}

export async function chargebeeTransactionRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(app, "GET", "/transactions", "transaction.list", async (call) => {
    const p = call.params;
    const { limit, offset } = listParams(p);
    const customer = p.filterIs("customer_id", 64);
    p.rejectUnread();
    const id = customer ? await customerId(call, customer) : undefined;
    return transactionList(call, id, limit, offset);
  });

  cbRoute(
    app,
    "GET",
    "/customers/:id/transactions",
    "transaction.transactions_for_customer",
    async (call) => {
      const p = call.params;
      const { limit, offset } = listParams(p);
      p.rejectUnread();
      return transactionList(call, await customerId(call, call.id, "id"), limit, offset);
    },
  );

  cbRoute(app, "GET", "/transactions/:id", "transaction.retrieve", async (call) => {
    call.params.rejectUnread();
    const payment = await loadPayment(call, call.id);
    if (!isTransaction(payment)) throw notFound(`transaction ${call.id}`);
    return { transaction: await transactionObject(call, payment) };
  });

  cbRoute(
    app,
    "GET",
    "/invoices/:id/payments",
    "transaction.payments_for_invoice",
    async (call) => {
      const p = call.params;
      const { limit, offset } = listParams(p);
      p.rejectUnread();
      const invoice = await call.get(`/v1/invoices/${enc(call.id)}`).catch((error: unknown) => {
        if ((error as { status?: number }).status === 404) throw notFound(`invoice ${call.id}`);
        throw error;
      });
      const payments = (await paymentsOf(call, invoice.customer_id)).filter(
        (x) => isTransaction(x) && x.allocations.some((a) => a.invoice_id === invoice.id),
      );
      const start = offset ? Number.parseInt(offset, 10) : 0;
      if (!Number.isSafeInteger(start) || start < 0) throw wrongValue("offset", "is not valid");
      const slice = payments.slice(start, start + limit);
      return listOf(
        (await transactionObjects(call, slice)).map((transaction) => ({ transaction })),
        start + limit < payments.length ? String(start + limit) : null,
      );
    },
  );

  cbRoute(app, "POST", "/transactions/:id/refund", "transaction.refund", async (call) => {
    const p = call.params;
    const payment = await loadPayment(call, call.id);
    const amount = p.int("amount", 1);
    const comment = p.str("comment", 200);
    p.rejectUnread();
    const refund: NativePayment = await call.change("POST", `/v1/payments/${enc(call.id)}/refund`, {
      ...(amount !== undefined ? { amount: fromMinor(amount, payment.currency) } : {}),
      ...(comment ? { reference: comment } : {}),
    });
    return { transaction: await transactionObject(call, refund) };
  });

  cbRoute(app, "POST", "/transactions/:id/void", "transaction.void_transaction", async (call) => {
    call.params.rejectUnread();
    await loadPayment(call, call.id);
    const voided = await call.change("POST", `/v1/payments/${enc(call.id)}/void`);
    return { transaction: await transactionObject(call, voided) };
  });

  cbRoute(
    app,
    "POST",
    "/transactions/create_authorization",
    "transaction.create_authorization",
    async (call) => {
      const p = call.params;
      const customer = p.required("customer_id", 64);
      const amount = p.int("amount", 1);
      const currency = p.str("currency_code", 3);
      const source = p.str("payment_source_id", 64);
      p.rejectUnread();
      if (amount === undefined) throw missing("amount");
      if (!currency) throw missing("currency_code");
      const id = await customerId(call, customer);
      const held = await call.change("POST", `/v1/customers/${id}/authorize_payment`, {
        amount: fromMinor(amount, currency),
        currency,
        ...(source ? { payment_source_id: source } : {}),
      });
      return { transaction: await transactionObject(call, held) };
    },
  );

  cbRoute(
    app,
    "POST",
    "/transactions/:id/delete_offline_transaction",
    "transaction.delete_offline_transaction",
    async (call) => {
      const p = call.params;
      p.str("comment", 300);
      p.rejectUnread();
      const payment = await loadPayment(call, call.id);
      await call.change("DELETE", `/v1/payments/${enc(call.id)}`);
      return { transaction: { ...(await transactionObject(call, payment)), deleted: true } };
    },
  );

  cbRoute(
    app,
    "POST",
    "/transactions/:id/record_refund",
    "transaction.record_refund",
    async (call) => {
      const p = call.params;
      const payment = await loadPayment(call, call.id);
      const amount = p.int("amount", 1);
      const method = p.str("payment_method", 50);
      const date = p.timestamp("date");
      const reference = p.str("reference_number", 100);
      const comment = p.str("comment", 300);
      p.rejectUnread();
      if (!method) throw missing("payment_method");
      if (!(REFUND_METHODS as readonly string[]).includes(method)) {
        throw notSupported("payment_method", `takes ${REFUND_METHODS.join(", ")}`);
      }
      if (!date) throw missing("date");
      const refund: NativePayment = await call
        .change(
          "POST",
          `/v1/payments/${enc(call.id)}/refund`,
          compact({
            amount: amount === undefined ? undefined : fromMinor(amount, payment.currency),
            payment_method: method,
            refunded_at: date,
            reference: reference || comment || undefined,
          }),
        )
        .catch((error: unknown) => {
          // the native refund's date is Chargebee's `date`, a value Chargebee refuses
          if (error instanceof CbError && error.param === "refunded_at") {
            throw new CbError(
              400,
              "param_wrong_value",
              `date : ${error.message}`,
              error.type,
              "date",
              error.accrueCode,
            );
          }
          throw error;
        });
      return { transaction: await transactionObject(call, refund) };
    },
  );

  cbRoute(app, "POST", "/transactions/:id/sync", "transaction.sync_transaction", async (call) => {
    call.params.rejectUnread();
    await loadPayment(call, call.id);
    const synced: NativePayment = await call.change("POST", `/v1/payments/${enc(call.id)}/sync`);
    return { transaction: await transactionObject(call, synced) };
  });

  cbRoute(app, "POST", "/transactions/:id/reconcile", "transaction.reconcile", async () => {
    throw notSupported("id", "offline transactions are not reconciled");
  });
}

/** How a recorded refund gave the money back, as the native refund keeps it. */
const REFUND_METHODS = ["cash", "check", "bank_transfer", "card", "other"] as const;
