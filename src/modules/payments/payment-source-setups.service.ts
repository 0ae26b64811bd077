/**
 * Payment sources the customer adds on the gateway's own hosted page (Stripe Checkout in
 * setup mode, GoCardless's Billing Request Flow for a bank debit mandate, Mollie's checkout of
 * a first payment) rather than typing a card number into Accrue: Accrue opens the page for the
 * customer's gateway's customer (created when it has none) and records it as an open setup;
 * the customer enters the card or bank account there and comes back. The setup is completed
 * by whichever arrives first of the customer's return and the gateway's event: the gateway is
 * asked what the page produced, and that payment method is kept as the customer's source
 * (its primary when it has none). The setup keeps the source it made, so the other arrival —
 * or a second return — adds nothing. Both run under the customer's lock.
 *
 * Only gateways with such a page (the adapter's `startSetup`, domain/payments/gateway.ts)
 * take it; the built-in test gateway takes the card number itself.
 *
 * A setup the customer does not finish expires {@link SETUP_EXPIRY_HOURS} hours after it was
 * opened, on the tenant's clock: the worker (or a return or event arriving later) ends the
 * gateway's page where the gateway allows it (the adapter's `expireSetup`) and marks the setup
 * `expired`; when the gateway answers that the customer finished it first, its source is kept
 * instead. An expired setup keeps nothing, whatever arrives after.
 */
import { notFound, unprocessable } from "../../domain/errors.js";
import { hasHostedSetup } from "../../domain/payments/gateway.js";
import { newId } from "../../lib/ids.js";
import { type Ctx, nowDate } from "../context.js";
import { customerForChange } from "../customers/index.js";
import { findGatewayAccount, type GatewayAccountRow } from "./gateway-accounts.repository.js";
import { adapterFor, resolveCustomerGateway } from "./gateway-accounts.service.js";
import { gatewayIdempotencyKey } from "./gateway-keys.js";
import {
  completePaymentSourceSetup,
  expirePaymentSourceSetup,
  findPaymentSourceSetup,
  insertPaymentSourceSetup,
  type PaymentSourceSetupRow,
  setupCustomerReference,
} from "./payment-source-setups.repository.js";
import { gatewayCustomerReference } from "./payment-sources.repository.js";
import {
  getPaymentSourceById,
  keepCreatedSource,
  type PaymentSource,
} from "./payment-sources.service.js";
import { lockCustomer } from "./payments.service.js";

/**
 * How long a setup stays open for the customer to finish on the gateway's page, on the
 * tenant's clock (Stripe's Checkout Sessions last 24 hours at most).
 */
export const SETUP_EXPIRY_HOURS = 24;

/** How the customer adds a card: typed in (the test gateway) or on the gateway's own page. */
export type SourceEntry = "form" | "hosted_page";

/** Where the customer's browser comes back to from the gateway's page, for one setup. */
export type SetupUrlsOf = (setupId: string) => Promise<{ successUrl: string; cancelUrl: string }>;

/** What became of a setup: `open` or `expired` (nothing kept), or `completed` with its source. */
export type SetupOutcome =
  | { status: "open" | "expired"; setup_id: string; payment_source: null }
  | {
      status: "completed";
      setup_id: string;
      payment_source: PaymentSource;
      /** Whether this call kept the source (false: an earlier arrival did). */
      added: boolean;
    };

/** How the customer's new cards are added, by the gateway account its new sources go to. */
export async function sourceEntry(
  ctx: Ctx,
  customer: { id: string; business_entity_id: string },
): Promise<SourceEntry> {
  const { account } = await resolveCustomerGateway(ctx, customer);
  // the kind decides: no credentials are opened to tell
  return account && hasHostedSetup(account.gateway) ? "hosted_page" : "form";
}

/**
 * Opens the gateway's hosted page for the customer to add a card (or a bank account, where the
 * account takes them; a bank debit mandate at GoCardless, for `currency`): answers the page's
 * address to send the browser to. The customer's new
 * sources must go to an account with such a page (`422 payment_source_setup_not_supported`).
 */
export async function startSourceSetup(
  ctx: Ctx,
  customerId: string,
  urlsOf: SetupUrlsOf,
  options: { currency?: string | undefined } = {},
): Promise<{ setup_id: string; redirect_url: string }> {
  const customer = await customerForChange(ctx, customerId);
  const { account } = await resolveCustomerGateway(ctx, customer);
  const adapter = account ? adapterFor(account) : undefined;
  if (!account || !adapter?.startSetup) {
    throw unprocessable(
      "payment_source_setup_not_supported",
      `the customer's payment methods go to the ${account?.gateway ?? "test"} gateway, which takes the card details directly`,
      { gateway: account?.gateway ?? "test" },
    );
  }
  const id = newId("paymentSourceSetup");
  const known =
    (await gatewayCustomerReference(ctx.db, ctx.tenantId, customerId, account.id)) ??
    (await setupCustomerReference(ctx.db, ctx.tenantId, customerId, account.id));
  const { successUrl, cancelUrl } = await urlsOf(id);
  const setup = await adapter.startSetup({
    customerId,
    customerReference: known,
    setupId: id,
    currency: options.currency,
    successUrl,
    cancelUrl,
    idempotencyKey: gatewayIdempotencyKey(ctx, "setup", id),
  });
  const now = nowDate(ctx);
  await insertPaymentSourceSetup(ctx.db, {
    id,
    tenant_id: ctx.tenantId,
    customer_id: customerId,
    gateway_account_id: account.id,
    gateway_customer_reference: setup.customerReference,
    provider_reference: setup.reference,
    status: "open",
    created_at: now,
    expires_at: new Date(now.getTime() + SETUP_EXPIRY_HOURS * 3_600_000),
  });
  return { setup_id: id, redirect_url: setup.url };
}

const setupNotFound = (id: string) =>
  notFound("payment_source_setup_not_found", `no payment source setup ${id}`, { id });

/** Whether an open setup is past its expiry on the tenant's clock. */
const pastExpiry = (ctx: Ctx, row: PaymentSourceSetupRow) =>
  row.expires_at.getTime() <= nowDate(ctx).getTime();

async function outcomeOf(ctx: Ctx, row: PaymentSourceSetupRow): Promise<SetupOutcome> {
  if (row.status === "completed" && row.payment_source_id) {
    return {
      status: "completed",
      setup_id: row.id,
      payment_source: await getPaymentSourceById(ctx, row.payment_source_id),
      added: false,
    };
  }
  const expired = row.status === "expired" || pastExpiry(ctx, row);
  return { status: expired ? "expired" : "open", setup_id: row.id, payment_source: null };
}

/** Marks a locked open setup expired (audited). */
async function markExpired(ctx: Ctx, row: PaymentSourceSetupRow): Promise<SetupOutcome> {
  const at = nowDate(ctx);
  if (await expirePaymentSourceSetup(ctx.db, ctx.tenantId, row.id, at)) {
    ctx.audit({
      targetType: "payment_source_setup",
      targetId: row.id,
      before: { status: row.status },
      after: { status: "expired", expired_at: at.toISOString() },
    });
  }
  return { status: "expired", setup_id: row.id, payment_source: null };
}

/**
 * Ends a locked open setup past its expiry: the gateway's page is ended where the gateway
 * allows it, and the setup marked expired; a setup the gateway says the customer finished
 * first keeps its source.
 */
async function endSetup(ctx: Ctx, row: PaymentSourceSetupRow): Promise<SetupOutcome> {
  const account = await findGatewayAccount(ctx.db, ctx.tenantId, row.gateway_account_id);
  const adapter = account ? adapterFor(account) : undefined;
  if (!account || !adapter || row.provider_reference === null) return markExpired(ctx, row);
  const request = {
    reference: row.provider_reference,
    customerReference: row.gateway_customer_reference,
  };
  const outcome = adapter.expireSetup
    ? await adapter.expireSetup({
        ...request,
        idempotencyKey: `expire_${row.id}`,
      })
    : adapter.setupOutcome
      ? await adapter.setupOutcome(request)
      : ({ status: "expired" } as const);
  if (outcome.status === "open") {
    // the gateway could not end its page (a payment it no longer lets be cancelled, which may
    // still be paid): the setup stays open, tried again on the next run, and what the gateway
    // tells later still counts — never a charge whose source is dropped
    return { status: "open", setup_id: row.id, payment_source: null };
  }
  if (outcome.status !== "succeeded") return markExpired(ctx, row);
  const source = await keepSource(ctx, row, account, outcome.source);
  return { status: "completed", setup_id: row.id, payment_source: source, added: true };
}

/** The setup, its customer locked and then the setup itself; not found when it is not there. */
async function lockSetup(ctx: Ctx, setupId: string): Promise<PaymentSourceSetupRow> {
  const unlocked = await findPaymentSourceSetup(ctx.db, ctx.tenantId, setupId);
  if (!unlocked) throw setupNotFound(setupId);
  await lockCustomer(ctx, unlocked.customer_id);
  const row = await findPaymentSourceSetup(ctx.db, ctx.tenantId, setupId, { forUpdate: true });
  if (!row) throw setupNotFound(setupId);
  return row;
}

/**
 * Expires a setup the customer left unfinished past its expiry (the worker): answers what
 * became of it, or null when it is not open or not due yet (finished, or expired before).
 */
export async function expireSourceSetup(ctx: Ctx, setupId: string): Promise<SetupOutcome | null> {
  const row = await lockSetup(ctx, setupId);
  if (row.status !== "open" || !pastExpiry(ctx, row)) return null;
  return endSetup(ctx, row);
}

/** A setup as it stands, asking the gateway nothing and writing nothing (a cancelled return). */
export async function sourceSetupState(ctx: Ctx, setupId: string): Promise<SetupOutcome> {
  const row = await findPaymentSourceSetup(ctx.db, ctx.tenantId, setupId);
  if (!row) throw setupNotFound(setupId);
  return outcomeOf(ctx, row);
}

/**
 * Completes a setup: the gateway tells what its page produced, and the payment method is kept
 * as the customer's source, once. `expect` names what the caller knows of it (the gateway
 * account an event came to, the gateway's session the event names): a setup that does not
 * match is not found.
 */
export async function completeSourceSetup(
  ctx: Ctx,
  setupId: string,
  expect: { gatewayAccountId?: string | undefined; reference?: string | undefined } = {},
): Promise<SetupOutcome> {
  const unlocked = await findPaymentSourceSetup(ctx.db, ctx.tenantId, setupId);
  if (
    !unlocked ||
    (expect.gatewayAccountId !== undefined &&
      unlocked.gateway_account_id !== expect.gatewayAccountId) ||
    (expect.reference !== undefined && unlocked.provider_reference !== expect.reference)
  ) {
    throw setupNotFound(setupId);
  }
  const row = await lockSetup(ctx, setupId);
  if (row.status !== "open" || row.provider_reference === null) return outcomeOf(ctx, row);
  // past its expiry and not expired by the worker yet: ended now, as the worker would
  if (pastExpiry(ctx, row)) return endSetup(ctx, row);
  const account = await findGatewayAccount(ctx.db, ctx.tenantId, row.gateway_account_id);
  const adapter = account ? adapterFor(account) : undefined;
  if (!account || !adapter?.setupOutcome) throw setupNotFound(setupId);
  const outcome = await adapter.setupOutcome({
    reference: row.provider_reference,
    customerReference: row.gateway_customer_reference,
  });
  if (outcome.status === "expired") return markExpired(ctx, row);
  if (outcome.status !== "succeeded") {
    return { status: outcome.status, setup_id: row.id, payment_source: null };
  }
  const source = await keepSource(ctx, row, account, outcome.source);
  return { status: "completed", setup_id: row.id, payment_source: source, added: true };
}

async function keepSource(
  ctx: Ctx,
  row: PaymentSourceSetupRow,
  account: GatewayAccountRow,
  created: Parameters<typeof keepCreatedSource>[2]["created"],
): Promise<PaymentSource> {
  const source = await keepCreatedSource(ctx, row.customer_id, {
    id: newId("paymentSource"),
    account,
    created,
  });
  await completePaymentSourceSetup(ctx.db, ctx.tenantId, row.id, {
    payment_source_id: source.id,
    completed_at: nowDate(ctx),
  });
  return source;
}
