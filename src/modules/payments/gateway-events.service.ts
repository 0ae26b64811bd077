/**
 * Events payment gateways send about their charges (webhooks), received at
 * `POST /v1/gateways/{account_id}/events`. The account named in the URL gives the tenant and
 * the business entity; the gateway's signature, checked by the account's adapter with its
 * webhook secret, is the only credential (Mollie signs nothing: its adapter reads the payment
 * the notice names back from Mollie with the account's key). A provider may send several
 * events at once (GoCardless's batches; a Mollie payment read as paid and then refunded).
 * Every event is recorded once per account (the provider's event id), and applied in the
 * same unit of work by the system, in order, audited:
 *
 * - `charge.succeeded` / `charge.failed`: a pending payment (a direct debit), or one waiting
 *   for the customer to authenticate it, is settled as a sync would settle it; a payment
 *   recorded failed whose charge the gateway, asked, says succeeded after all is recorded
 *   succeeded (the money was taken)
 *   (`settlePayment`): succeeded, applied to the open invoices oldest first; failed, with the
 *   gateway's reason, counted by dunning as any failed payment. The failure that only says
 *   the charge needs the customer's authentication leaves it waiting;
 * - `charge.refunded`: what the gateway refunded of the charge and Accrue has not recorded
 *   (its refunds of the payment, chargebacks aside, against the gateway's cumulative amount)
 *   is recorded as a refund of the payment; the invoices it paid owe again;
 * - `charge.disputed`: a chargeback: the disputed amount is taken back as a refund with
 *   `payment_method: "chargeback"`, the invoices owe again, `payment.disputed` is emitted;
 * - `charge.refund_failed`: a refund that did not reach the customer (GoCardless): the refund
 *   recorded with the gateway's reference is undone and marked failed with the gateway's
 *   reason; what it reopened is paid again (a credit note it paid out has the amount again),
 *   `payment.refund_failed` is emitted;
 * - `setup.succeeded`: the customer saved a card or bank account on the gateway's page Accrue
 *   opened (payment-source-setups.service.ts): the setup is completed, the source kept once;
 * - `charge.dispute_reversed`: a chargeback the bank reversed (Mollie; a dispute Stripe
 *   reports won or its funds reinstated): the chargeback
 *   recorded for the dispute is undone (voided), the invoices it reopened are paid again,
 *   `payment.dispute_reversed` is emitted.
 *
 * An event whose charge Accrue does not know, of a type it does not apply, or that finds the
 * payment already as it says, is recorded as ignored. One refused before its content could be
 * trusted (a bad signature) is recorded as rejected with nothing of it used, and the refusal is
 * answered. Each runs under its customer's lock, like every money movement, so an event never
 * races the request that charged or refunded through the gateway.
 */
import type { Static } from "typebox";
import { AccrueError, invalid, isAccrueError, notFound } from "../../domain/errors.js";
import type { EventType } from "../../domain/events.js";
import type { GatewayEvent, WebhookInput } from "../../domain/payments/gateway.js";
import { newId } from "../../lib/ids.js";
import { type Ctx, nowDate, type Store } from "../context.js";
import { fetchPage, type Page } from "../pagination.js";
import { findGatewayAccount, type GatewayAccountRow } from "./gateway-accounts.repository.js";
import { eventAdapterFor } from "./gateway-accounts.service.js";
import {
  findAccountOfEvents,
  findGatewayEvent,
  type GatewayEventRow,
  insertGatewayEvent,
  listGatewayEventRows,
  paymentOfCharge,
  refundsWithReferences,
  updateGatewayEvent,
} from "./gateway-events.repository.js";
import type { GatewayEventSchema } from "./gateway-events.schemas.js";
import { announceInvoice } from "./invoice-payments.service.js";
import { findPaymentSourceSetup } from "./payment-source-setups.repository.js";
import { completeSourceSetup } from "./payment-source-setups.service.js";
import { chargeStatusAtGateway, settlePayment } from "./payment-sources.service.js";
import {
  allocationsOf,
  appendAllocations,
  markRefundUndone,
  type PaymentRow,
} from "./payments.repository.js";
import {
  dec,
  insertRefund,
  invoiceDues,
  loadPayment,
  lockCustomer,
  view,
} from "./payments.service.js";

export type GatewayEventView = Static<typeof GatewayEventSchema>;

/** Why a charge waits for the customer: the bank asks the customer to authenticate it. */
const AUTHENTICATION_REQUIRED = "authentication_required";

/** How a chargeback's reversal is marked on the refund that records it. */
export const CHARGEBACK = "chargeback";

const ACTOR = { type: "system", id: "gateway-events" } as const;

export function toGatewayEvent(row: GatewayEventRow): GatewayEventView {
  return {
    id: row.id,
    gateway_account_id: row.gateway_account_id,
    provider_event_id: row.provider_event_id,
    type: row.type,
    provider_type: row.provider_type,
    status: row.status,
    error_code: row.error_code,
    detail: row.detail,
    charge_reference: row.charge_reference,
    payment_id: row.payment_id,
    received_at: row.received_at.toISOString(),
    payload: row.payload ?? null,
  };
}

/**
 * What receiving came to: the events as recorded (one, or a provider's batch), whether the
 * provider sent a batch (answered as a list), and the refusal to answer, if any.
 */
export type Received = { events: GatewayEventView[]; batch: boolean; refused: AccrueError | null };

/**
 * Receives what a provider sent to an account's endpoint: verified and read by the account's
 * adapter (outside the transaction: an adapter may ask its provider), then each event
 * recorded and applied, in order, in one unit of work. A refusal is recorded (status
 * rejected) and handed back to be answered; an account that does not exist (or was deleted,
 * its secrets erased) is 404 and nothing is recorded.
 */
export async function receiveGatewayEvent(
  store: Store,
  input: WebhookInput & { accountId: string; requestId: string },
): Promise<Received> {
  const account = await findAccountOfEvents(store.db, input.accountId);
  if (!account || account.deleted_at) {
    throw notFound("gateway_account_not_found", `no gateway account ${input.accountId}`, {
      id: input.accountId,
    });
  }
  let read: GatewayEvent | GatewayEvent[] | AccrueError;
  try {
    read = await eventAdapterFor(account).parseWebhook(input);
  } catch (error) {
    if (!isAccrueError(error)) throw error;
    read = error;
  }
  // PostgreSQL keeps no NUL character in text or JSON: no gateway sends one
  if (
    !(read instanceof AccrueError) &&
    [read].flat().some((e) => JSON.stringify(e.raw).includes("\\u0000"))
  ) {
    read = invalid("malformed_gateway_event", "the event holds a NUL character");
  }
  return store.unit(async (work) => {
    const ctx = await work.context({
      tenantId: account.tenant_id,
      actor: ACTOR,
      requestId: input.requestId,
      operation: "gateway_events.apply",
    });
    const common = () => ({
      id: newId("gatewayEvent"),
      tenant_id: account.tenant_id,
      gateway_account_id: account.id,
      received_at: nowDate(ctx),
    });
    if (read instanceof AccrueError) {
      // nothing of a refused event is trusted: neither its id nor its type nor its body
      const row = await insertGatewayEvent(ctx.db, {
        ...common(),
        status: "rejected",
        error_code: read.code,
        detail: read.message,
      });
      return { events: [toGatewayEvent(row!)], batch: false, refused: read };
    }
    const events: GatewayEventView[] = [];
    for (const event of [read].flat()) {
      events.push(await recordEvent(ctx, account, common(), event));
    }
    return { events, batch: Array.isArray(read), refused: null };
  });
}

/** Records one verified event once per account, and applies it (audited) when it is new. */
async function recordEvent(
  ctx: Ctx,
  account: GatewayAccountRow,
  common: { id: string; tenant_id: string; gateway_account_id: string; received_at: Date },
  event: GatewayEvent,
): Promise<GatewayEventView> {
  const inserted = await insertGatewayEvent(ctx.db, {
    ...common,
    provider_event_id: event.id,
    type: event.type,
    provider_type: event.providerType,
    status: "ignored",
    charge_reference: event.chargeReference,
    payload: JSON.stringify(event.raw),
  });
  if (!inserted) {
    // delivered again: answered as recorded the first time, nothing applied twice
    const first = await findGatewayEvent(ctx.db, account.tenant_id, account.id, event.id);
    if (!first) throw new Error(`gateway event ${event.id} was recorded and is gone`);
    return toGatewayEvent(first);
  }
  let outcome: Outcome = ignored("not applied");
  const refused = await ctx.attempt(async () => {
    outcome = await applyEvent(ctx, account, event);
  });
  // the provider out of reach while the event is applied (a setup read back, a status
  // fetched): nothing is recorded and the provider is answered 503, so it delivers again
  if (refused?.code === "gateway_unreachable") throw refused;
  if (refused !== null) {
    outcome = { status: "ignored", detail: refused.message, paymentId: null, code: refused.code };
  }
  const row = await updateGatewayEvent(ctx.db, account.tenant_id, inserted.id, {
    status: outcome.status,
    detail: outcome.detail,
    error_code: outcome.code ?? null,
    payment_id: outcome.paymentId,
  });
  const recorded = toGatewayEvent(row);
  const { payload: _payload, ...audited } = recorded;
  ctx.audit({ targetType: "gateway_event", targetId: row.id, after: audited });
  return recorded;
}

/** An account's recorded events, newest first. */
export async function listGatewayEvents(
  ctx: Ctx,
  accountId: string,
  query: {
    limit: number;
    cursor?: string | undefined;
    status?: GatewayEventRow["status"] | undefined;
  },
): Promise<Page<GatewayEventView>> {
  const account = await findGatewayAccount(ctx.db, ctx.tenantId, accountId);
  if (!account) {
    throw notFound("gateway_account_not_found", `no gateway account ${accountId}`, {
      id: accountId,
    });
  }
  return fetchPage(
    query.limit,
    (limit) =>
      listGatewayEventRows(ctx.db, ctx.tenantId, accountId, {
        limit,
        before: query.cursor,
        ...(query.status ? { status: query.status } : {}),
      }),
    toGatewayEvent,
  );
}

// ---- applying ---------------------------------------------------------------------------------

type Outcome = {
  status: "applied" | "ignored";
  detail: string;
  paymentId: string | null;
  code?: string;
};

const ignored = (detail: string, paymentId: string | null = null): Outcome => ({
  status: "ignored",
  detail,
  paymentId,
});

const applied = (detail: string, paymentId: string): Outcome => ({
  status: "applied",
  detail,
  paymentId,
});

async function applyEvent(
  ctx: Ctx,
  account: GatewayAccountRow,
  event: GatewayEvent,
): Promise<Outcome> {
  if (event.type === "unknown") {
    return ignored(event.note ?? `Accrue does not apply ${event.providerType} events`);
  }
  if (event.type === "setup.succeeded") return setupSucceeded(ctx, account, event);
  if (event.chargeReference === null) return ignored("the event names no charge");
  const found = await paymentOfCharge(ctx.db, ctx.tenantId, account, event.chargeReference);
  if (!found) {
    return ignored(`no payment through this gateway has the charge ${event.chargeReference}`);
  }
  await lockCustomer(ctx, found.customer_id);
  const payment = await loadPayment(ctx, found.id, true);
  if (event.currency !== undefined && event.currency !== payment.currency) {
    return ignored(
      `the event is in ${event.currency}; payment ${payment.id} is in ${payment.currency}`,
      payment.id,
    );
  }
  if (
    event.type === "charge.succeeded" &&
    payment.status === "failed" &&
    // an event older than the failure says nothing: the gateway is asked how it stands now
    (await chargeStatusAtGateway(ctx, payment)) === "succeeded"
  ) {
    // the gateway took the money after Accrue recorded the charge failed (a cancel it refused,
    // then the customer paid; a debit the bank resubmitted): the money is recorded, never left
    // out; what it pays beyond the open invoices is the customer's credit
    const settled = await settlePayment(ctx, payment, "succeeded");
    return applied(
      `payment ${payment.id} ${settled.status} at the gateway after it was recorded failed`,
      payment.id,
    );
  }
  if (event.type === "charge.succeeded" || event.type === "charge.failed") {
    if (payment.status !== "pending" && payment.status !== "requires_action") {
      return ignored(`payment ${payment.id} is ${payment.status} already`, payment.id);
    }
    // the off-session charge's own failure: it waits for the customer to authenticate it
    if (
      payment.status === "requires_action" &&
      event.type === "charge.failed" &&
      event.failure?.code === AUTHENTICATION_REQUIRED
    ) {
      return ignored(`payment ${payment.id} waits for the customer to authenticate it`, payment.id);
    }
    const settled = await settlePayment(
      ctx,
      payment,
      event.type === "charge.succeeded" ? "succeeded" : "failed",
      event.failure,
    );
    return applied(`payment ${payment.id} ${settled.status}`, payment.id);
  }
  if (payment.status !== "succeeded") {
    return ignored(
      `payment ${payment.id} is ${payment.status}: nothing of it to give back`,
      payment.id,
    );
  }
  switch (event.type) {
    case "charge.refunded":
      return refundedAtGateway(ctx, payment, event);
    case "charge.disputed":
      return disputed(ctx, payment, event);
    case "charge.refund_failed":
      return refundFailed(ctx, payment, event);
    case "charge.dispute_reversed":
      return disputeReversed(ctx, payment, event);
  }
}

/**
 * The customer saved a payment method on the gateway's page Accrue opened: the setup is
 * completed as the customer's return completes it (the gateway asked what the page made),
 * and whichever arrives second finds it completed and adds nothing.
 */
async function setupSucceeded(
  ctx: Ctx,
  account: GatewayAccountRow,
  event: GatewayEvent,
): Promise<Outcome> {
  const setupId = event.setupId ?? "";
  const found = await findPaymentSourceSetup(ctx.db, ctx.tenantId, setupId);
  if (
    !found ||
    found.gateway_account_id !== account.id ||
    (event.setupReference !== undefined && event.setupReference !== found.provider_reference)
  ) {
    return ignored(`no payment source setup ${setupId} through this gateway account`);
  }
  const outcome = await completeSourceSetup(ctx, setupId, { gatewayAccountId: account.id });
  if (outcome.status !== "completed") {
    return ignored(`payment source setup ${setupId} is ${outcome.status} at the gateway`);
  }
  const source = outcome.payment_source.id;
  return outcome.added
    ? {
        status: "applied",
        detail: `payment source ${source} added (setup ${setupId})`,
        paymentId: null,
      }
    : ignored(`payment source setup ${setupId} added payment source ${source} already`);
}

/**
 * What of a payment is left to give back, and its refunds: `refunds` those that hold, `all`
 * with the failed ones and the reversed chargebacks.
 */
async function refundState(ctx: Ctx, payment: PaymentRow) {
  const all = await refundsWithReferences(ctx.db, ctx.tenantId, payment.id);
  const refunds = all.filter((r) => r.status === "succeeded");
  const total = refunds.reduce((s, r) => s + BigInt(r.amount), 0n);
  return { all, refunds, refundable: BigInt(payment.amount) - total };
}

/**
 * Records what the gateway refunded of a charge beyond what Accrue recorded: the gateway
 * reports everything refunded so far, so an event that arrives late or twice records nothing
 * more, and refunds Accrue made through the gateway are not counted twice.
 */
async function refundedAtGateway(
  ctx: Ctx,
  payment: PaymentRow,
  event: GatewayEvent,
): Promise<Outcome> {
  if (event.amount === undefined) {
    return ignored("the event does not tell how much was refunded", payment.id);
  }
  const { all, refunds, refundable } = await refundState(ctx, payment);
  const recorded = refunds
    .filter((r) => r.payment_method !== CHARGEBACK)
    .reduce((s, r) => s + BigInt(r.amount), 0n);
  const c = payment.currency;
  const missing = event.amount - recorded;
  if (missing <= 0n) {
    return ignored(
      `the gateway refunded ${dec(event.amount, c)} ${c} of payment ${payment.id}, all recorded`,
      payment.id,
    );
  }
  const amount = missing < refundable ? missing : refundable;
  if (amount <= 0n) return ignored(`payment ${payment.id} has nothing left to refund`, payment.id);
  // the refund the event names, unless it is one Accrue knows (then the missing one is another)
  const known = all.some((r) => r.gateway_reference === event.reference);
  const reference = event.reference !== undefined && !known ? event.reference : null;
  const refund = await reverse(ctx, payment, amount, {
    reference,
    paymentMethod: null,
    gatewayReference: reference,
    type: "payment.refunded",
  });
  return applied(
    `refunded ${dec(amount, c)} ${c} of payment ${payment.id} (${refund})`,
    payment.id,
  );
}

/** A chargeback: the disputed amount (at most what is left of the payment) is taken back. */
async function disputed(ctx: Ctx, payment: PaymentRow, event: GatewayEvent): Promise<Outcome> {
  const { all, refundable } = await refundState(ctx, payment);
  if (
    event.reference !== undefined &&
    all.some((r) => r.payment_method === CHARGEBACK && r.gateway_reference === event.reference)
  ) {
    return ignored(`the dispute ${event.reference} is recorded already`, payment.id);
  }
  const asked = event.amount ?? BigInt(payment.amount);
  const amount = asked < refundable ? asked : refundable;
  const c = payment.currency;
  if (amount <= 0n)
    return ignored(`payment ${payment.id} has nothing left to take back`, payment.id);
  const refund = await reverse(ctx, payment, amount, {
    reference: event.reference ?? null,
    paymentMethod: CHARGEBACK,
    gatewayReference: event.reference ?? null,
    type: "payment.disputed",
  });
  return applied(
    `chargeback of ${dec(amount, c)} ${c} of payment ${payment.id} (${refund})`,
    payment.id,
  );
}

/**
 * Takes `amount` of a payment back (a refund at the gateway, a chargeback): recorded as a
 * refund of it, audited and announced as `type`; each invoice that owed nothing and owes again
 * is announced reopened. Answers the refund's id.
 */
async function reverse(
  ctx: Ctx,
  payment: PaymentRow,
  amount: bigint,
  values: {
    reference: string | null;
    paymentMethod: string | null;
    gatewayReference: string | null;
    type: Extract<EventType, "payment.refunded" | "payment.disputed">;
  },
): Promise<string> {
  const before = new Map(
    (await invoiceDues(ctx, payment.customer_id, { currency: payment.currency })).map((d) => [
      d.id,
      d,
    ]),
  );
  const row = await insertRefund(ctx, payment, amount, {
    reference: values.reference,
    paymentMethod: values.paymentMethod,
    gatewayReference: values.gatewayReference,
    receivedAt: nowDate(ctx),
  });
  const refund = await view(ctx, row);
  ctx.audit({ targetType: "payment", targetId: refund.id, after: refund });
  await ctx.emit({
    type: values.type,
    subjectType: "customer",
    subjectId: refund.customer_id,
    payload: values.type === "payment.disputed" ? { ...refund, reason: CHARGEBACK } : refund,
  });
  for (const a of refund.allocations) {
    const invoice = before.get(a.invoice_id);
    if (invoice && invoice.due === 0n && a.amount.startsWith("-")) {
      await announceInvoice(ctx, invoice, "invoice.reopened", refund.id);
    }
  }
  return refund.id;
}

/**
 * A refund that did not reach the customer (GoCardless's failed refunds): the refund of the
 * payment the event names is undone, failed with the gateway's reason; what it reopened is
 * paid again, and a credit note it paid out has the amount again.
 */
async function refundFailed(ctx: Ctx, payment: PaymentRow, event: GatewayEvent): Promise<Outcome> {
  if (event.reference === undefined) return ignored("the event names no refund", payment.id);
  const { all } = await refundState(ctx, payment);
  const refund = all.find(
    (r) => r.payment_method !== CHARGEBACK && r.gateway_reference === event.reference,
  );
  if (!refund) {
    return ignored(
      `payment ${payment.id} has no refund ${event.reference} recorded: nothing to undo`,
      payment.id,
    );
  }
  if (refund.status !== "succeeded") {
    return ignored(`refund ${refund.id} is ${refund.status} already`, payment.id);
  }
  const failure = event.failure ?? {
    code: "refund_failed",
    message: "the gateway reports the refund did not reach the customer",
  };
  await undoRefund(ctx, payment, refund.id, {
    status: "failed",
    failure,
    type: "payment.refund_failed",
  });
  const c = payment.currency;
  return applied(
    `refund ${refund.id} of ${dec(BigInt(refund.amount), c)} ${c} failed (${failure.code}: ${failure.message}); payment ${payment.id} holds it again`,
    payment.id,
  );
}

/**
 * A chargeback the bank or card scheme reversed (the dispute decided for the merchant): the
 * chargeback recorded for the dispute is undone (voided), and what it reopened is paid again.
 */
async function disputeReversed(
  ctx: Ctx,
  payment: PaymentRow,
  event: GatewayEvent,
): Promise<Outcome> {
  if (event.reference === undefined) return ignored("the event names no dispute", payment.id);
  const { all } = await refundState(ctx, payment);
  const chargeback = all.find(
    (r) => r.payment_method === CHARGEBACK && r.gateway_reference === event.reference,
  );
  if (!chargeback) {
    return ignored(
      `payment ${payment.id} has no chargeback ${event.reference} recorded: nothing to reverse`,
      payment.id,
    );
  }
  if (chargeback.status !== "succeeded") {
    return ignored(`the chargeback ${event.reference} is reversed already`, payment.id);
  }
  await undoRefund(ctx, payment, chargeback.id, {
    status: "voided",
    failure: null,
    type: "payment.dispute_reversed",
  });
  const c = payment.currency;
  return applied(
    `chargeback ${chargeback.id} of ${dec(BigInt(chargeback.amount), c)} ${c} reversed; payment ${payment.id} holds it again`,
    payment.id,
  );
}

/**
 * Undoes a refund (or chargeback) of a payment: its allocations netted out (appended
 * opposites: the invoices it reopened owe what they owed before it), marked `status`, audited
 * and announced as `type`; each invoice that owed and owes nothing now is announced paid.
 */
async function undoRefund(
  ctx: Ctx,
  payment: PaymentRow,
  refundId: string,
  values: {
    status: "failed" | "voided";
    failure: { code: string; message: string } | null;
    type: Extract<EventType, "payment.refund_failed" | "payment.dispute_reversed">;
  },
): Promise<void> {
  const dues = async () =>
    new Map(
      (await invoiceDues(ctx, payment.customer_id, { currency: payment.currency })).map((d) => [
        d.id,
        d,
      ]),
    );
  const before = await dues();
  const refund = await loadPayment(ctx, refundId, true);
  const shown = await view(ctx, refund);
  const net = new Map<string, bigint>();
  for (const a of await allocationsOf(ctx.db, [refund.id])) {
    net.set(a.invoice_id, (net.get(a.invoice_id) ?? 0n) + BigInt(a.amount));
  }
  const opposite = [...net]
    .filter(([, amount]) => amount !== 0n)
    .map(([invoiceId, amount]) => ({ invoiceId, amount: -amount }));
  await appendAllocations(ctx.db, ctx.tenantId, refund.id, opposite);
  const row = await markRefundUndone(ctx.db, ctx.tenantId, refund.id, values);
  if (!row) throw new Error(`refund ${refund.id} is no longer a succeeded refund`);
  const after = await view(ctx, row);
  ctx.audit({ targetType: "payment", targetId: row.id, before: shown, after });
  await ctx.emit({
    type: values.type,
    subjectType: "customer",
    subjectId: row.customer_id,
    payload: after,
  });
  const now = await dues();
  for (const { invoiceId } of opposite) {
    const was = before.get(invoiceId);
    if (was && was.due > 0n && now.get(invoiceId)?.due === 0n) {
      await announceInvoice(ctx, was, "invoice.paid", payment.id);
    }
  }
}
