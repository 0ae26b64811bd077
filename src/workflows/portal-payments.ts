/**
 * Paying and payment methods in the customer portal, for the customer of the contract the
 * self-service token opens: its open invoices with what each still owes, paid now through its
 * primary (then backup) payment source, and its cards and bank accounts — listed, added, made
 * primary, removed. Every call goes through the payments module's services, as the API's
 * `collect_payment` and payment source routes do: a charge the gateway declines is a failed
 * payment, kept like any other attempt.
 *
 *
 * A payment the customer's bank asks the customer to authenticate (3-D Secure) is confirmed
 * here too: the gateway confirms it again for the customer, now present, and answers the
 * bank's authentication page; the customer's browser comes back from it to a signed,
 * expiring return link (`/portal/payment_return/<token>`: an HS256 token naming the tenant
 * and the payment, signed with the tenant's key for this purpose), where the gateway is asked
 * how it went and the payment is settled so.
 *
 * Modules: contracts (the token's contract), invoicing (the invoice named; the tenant's
 * signing key), tenants, payments.
 */
import { decodeJwt } from "jose";
import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { gone, notFound } from "../domain/errors.js";
import { money, toDecimalString } from "../domain/money/index.js";
import { type LinkClaims, signLinkToken, verifyLinkToken } from "../lib/signed-link.js";
import type { Ctx } from "../modules/context.js";
import { getContract } from "../modules/contracts/index.js";
import { findCustomer } from "../modules/customers/index.js";
import { existingSigningKey, findInvoice, signingKey } from "../modules/invoicing/index.js";
import {
  addPaymentSource,
  assignPaymentRole,
  collectCustomerPayment,
  collectInvoicePayment,
  completePaymentAction,
  completeSourceSetup,
  confirmPaymentAction,
  deletePaymentSource,
  invoiceDues,
  listPaymentSources,
  type OnCancelRefused,
  type Payment,
  type PaymentSource,
  paymentsToConfirm,
  type SetupOutcome,
  type SourceEntry,
  sourceEntry,
  sourceSetupState,
  startSourceSetup,
  type UpdatePaymentMethodInput,
} from "../modules/payments/index.js";
import { findTenant } from "../modules/tenants/index.js";
import type { DB } from "../storage/schema.js";
import { storeOf } from "./unit-of-work.js";

export type PortalOpenInvoice = {
  id: string;
  number: string | null;
  issue_date: string;
  currency: string;
  total_gross: string;
  amount_due: string;
};

/** A payment source as the portal shows it: what it is, never the gateway's references. */
export type PortalPaymentSource = Pick<
  PaymentSource,
  "id" | "type" | "role" | "status" | "card" | "bank_account"
>;

/** A payment waiting for the customer to authenticate it at their bank. */
export type PortalPaymentToConfirm = Pick<
  Payment,
  "id" | "amount" | "currency" | "received_at" | "card_last4"
>;

export type PortalPayments = {
  open_invoices: PortalOpenInvoice[];
  payment_sources: PortalPaymentSource[];
  payments_to_confirm: PortalPaymentToConfirm[];
  /**
   * How the customer adds a card: `form`, the card number typed into the portal (the built-in
   * test gateway); `hosted_page`, on the payment provider's own page (Stripe Checkout,
   * GoCardless's Billing Request Flow for a bank debit mandate).
   */
  source_entry: SourceEntry;
};

/** How many payment sources the portal lists (a customer holds a few). */
const PORTAL_SOURCES = 100;

const customerOf = async (ctx: Ctx, contractId: string): Promise<string> =>
  (await getContract(ctx, contractId)).customer_id;

async function entryOf(ctx: Ctx, customerId: string): Promise<SourceEntry> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  return customer ? sourceEntry(ctx, customer) : "form";
}

const portalSource = (s: PaymentSource): PortalPaymentSource => ({
  id: s.id,
  type: s.type,
  role: s.role,
  status: s.status,
  card: s.card,
  bank_account: s.bank_account,
});

async function sourcesOf(ctx: Ctx, customerId: string): Promise<PortalPaymentSource[]> {
  const page = await listPaymentSources(ctx, customerId, { limit: PORTAL_SOURCES });
  return page.data.map(portalSource);
}

/** The customer's issued invoices that still owe something (oldest first), and its sources. */
export async function portalPayments(ctx: Ctx, contractId: string): Promise<PortalPayments> {
  const customerId = await customerOf(ctx, contractId);
  const dues = await invoiceDues(ctx, customerId);
  return {
    open_invoices: dues
      .filter((d) => d.due > 0n)
      .map((d) => ({
        id: d.id,
        number: d.number,
        issue_date: d.issue_date,
        currency: d.currency,
        total_gross: toDecimalString(money(d.total, d.currency)),
        amount_due: toDecimalString(money(d.due, d.currency)),
      })),
    payment_sources: await sourcesOf(ctx, customerId),
    payments_to_confirm: (await paymentsToConfirm(ctx, customerId)).map((p) => ({
      id: p.id,
      amount: p.amount,
      currency: p.currency,
      received_at: p.received_at,
      card_last4: p.card_last4,
    })),
    source_entry: await entryOf(ctx, customerId),
  };
}

/**
 * Pays one open invoice of the customer (`invoice_id`), or everything it owes (in its one
 * currency, or the `currency` named), through its primary and then its backup source. The
 * attempt is answered whatever its outcome: a declined charge is a failed payment.
 */
export async function portalPay(
  ctx: Ctx,
  contractId: string,
  input: { invoice_id?: string | undefined; currency?: string | undefined },
): Promise<Payment> {
  const customerId = await customerOf(ctx, contractId);
  if (input.invoice_id === undefined) {
    return collectCustomerPayment(
      ctx,
      customerId,
      input.currency === undefined ? {} : { currency: input.currency },
    );
  }
  const invoice = await findInvoice(ctx.db, ctx.tenantId, input.invoice_id);
  // another customer's invoice is not there for this token
  if (!invoice || invoice.customer_id !== customerId) {
    throw notFound("invoice_not_found", `no invoice ${input.invoice_id}`, {
      id: input.invoice_id,
    });
  }
  return collectInvoicePayment(ctx, invoice.id, {});
}

export async function portalPaymentSources(
  ctx: Ctx,
  contractId: string,
): Promise<{ data: PortalPaymentSource[] }> {
  return { data: await sourcesOf(ctx, await customerOf(ctx, contractId)) };
}

/** Adds a card or bank account; the customer's first one becomes its primary source. */
export async function portalAddPaymentSource(
  ctx: Ctx,
  contractId: string,
  input: Static<typeof UpdatePaymentMethodInput>,
): Promise<PortalPaymentSource> {
  const customerId = await customerOf(ctx, contractId);
  return portalSource(await addPaymentSource(ctx, customerId, input));
}

/** Makes one of the customer's sources its primary one (the former primary keeps no role). */
export async function portalMakePrimary(
  ctx: Ctx,
  contractId: string,
  sourceId: string,
): Promise<PortalPaymentSource> {
  const customerId = await customerOf(ctx, contractId);
  return portalSource(
    await assignPaymentRole(ctx, customerId, { payment_source_id: sourceId, role: "primary" }),
  );
}

/** Removes one of the customer's sources; a removed primary hands its role to the backup. */
export async function portalRemovePaymentSource(
  ctx: Ctx,
  contractId: string,
  sourceId: string,
): Promise<PortalPaymentSource> {
  const customerId = await customerOf(ctx, contractId);
  return portalSource(await deletePaymentSource(ctx, customerId, sourceId));
}

// ---- confirming a payment the bank asks the customer to authenticate -----------------------------

/** The purpose the tenant's signing key for payment return links is stored under. */
const PAYMENT_RETURN_KEY = "payment_return";
/** The path of the route the customer's browser comes back to, before the token. */
export const PAYMENT_RETURN_PATH = "/portal/payment_return/";
/** How long a return link works: the customer authenticates at their bank in the meantime. */
export const PAYMENT_RETURN_HOURS = 24;

const RETURN_LINK = {
  audience: "accrue:payment-return",
  what: "payment return link",
  expired: () =>
    gone("payment_return_link_expired", "the link back from the bank's authentication expired"),
  invalid: () => invalidReturnLink(),
};

const invalidReturnLink = () =>
  notFound(
    "payment_return_link_invalid",
    "the link back from the bank's authentication is not valid",
  );

/**
 * The claims of an authentic, unexpired return link: the tenant it names signed it with its
 * key for return links (the tenant read from the token first, to find that key).
 */
async function verifyReturnLink(
  db: Kysely<DB>,
  link: Parameters<typeof verifyLinkToken>[1],
  token: string,
  now: Date,
): Promise<LinkClaims> {
  let tenantId: unknown;
  try {
    tenantId = decodeJwt(token).tid;
  } catch {
    tenantId = undefined;
  }
  const tenant = typeof tenantId === "string" ? await findTenant(db, tenantId) : undefined;
  // a tenant that never signed such a link has no key: not valid, and nothing is written
  const key = tenant ? await existingSigningKey(db, tenant.id, PAYMENT_RETURN_KEY) : undefined;
  if (!tenant || !key) throw link.invalid();
  return verifyLinkToken(key, link, token, now);
}

/**
 * Confirms one of the customer's payments that waits for its authentication: answers the
 * address of the bank's authentication to send the customer to (`redirect_url`), or the
 * payment settled at once (`redirect_url` null). `now` (real time: the bank's page and the
 * browser's return run on it) starts the return link's validity.
 */
export async function portalConfirmPayment(
  ctx: Ctx,
  contractId: string,
  paymentId: string,
  options: { publicUrl: string; now: Date; onCancelRefused?: OnCancelRefused },
): Promise<{ payment: Payment; redirect_url: string | null }> {
  const customerId = await customerOf(ctx, contractId);
  return confirmPaymentAction(
    ctx,
    customerId,
    paymentId,
    async (payment) => {
      const key = await signingKey(ctx.db, ctx.tenantId, PAYMENT_RETURN_KEY);
      const token = await signLinkToken(key, RETURN_LINK, {
        tenantId: ctx.tenantId,
        subject: payment.id,
        expiresAt: new Date(options.now.getTime() + PAYMENT_RETURN_HOURS * 3_600_000),
      });
      return `${options.publicUrl}${PAYMENT_RETURN_PATH}${token}`;
    },
    options.onCancelRefused,
  );
}

/**
 * The customer's browser came back from the bank's authentication to its return link: the
 * gateway is asked how the payment went and it is settled so, in one unit of work by the
 * system (once: the gateway's event may have settled it first). A payment still waiting past
 * the tenant's `authentication_expiry_hours` is expired instead, as the worker and the
 * portal's confirmation expire it (cancelled at the gateway under the same key, failed
 * `authentication_expired`). 404 `payment_return_link_invalid` for a link that is not
 * authentic, 410 `payment_return_link_expired` once it has expired.
 */
export async function returnFromAuthentication(
  db: Kysely<DB>,
  input: { token: string; now: Date; requestId: string; onCancelRefused?: OnCancelRefused },
): Promise<Payment> {
  const claims = await verifyReturnLink(db, RETURN_LINK, input.token, input.now);
  return storeOf(db).unit(async (work) => {
    const ctx = await work.context({
      tenantId: claims.tenantId,
      actor: { type: "system", id: "payment-return" },
      requestId: input.requestId,
      operation: "payments.confirm_return",
    });
    return completePaymentAction(ctx, claims.subject, input.onCancelRefused);
  });
}

// ---- adding a payment method on the provider's hosted page ---------------------------------------

/** The path of the route the browser comes back to from the provider's page, before the token. */
export const PAYMENT_METHOD_RETURN_PATH = "/portal/payment_method_return/";
/** How long the customer has on the provider's page (Stripe's Checkout Session: 24 hours). */
const PAYMENT_METHOD_RETURN_HOURS = 24;

const METHOD_RETURN_LINK = {
  audience: "accrue:payment-method-return",
  what: "payment method return link",
  expired: () =>
    gone(
      "payment_method_return_link_expired",
      "the link back from the payment provider's page expired",
    ),
  invalid: () => invalidMethodReturnLink(),
};

const invalidMethodReturnLink = () =>
  notFound(
    "payment_method_return_link_invalid",
    "the link back from the payment provider's page is not valid",
  );

/**
 * Sends the customer to the payment provider's page to add a card (or bank account): answers
 * its address (`redirect_url`). The browser comes back to a signed, expiring return link
 * naming the setup — `?cancelled=true` when the customer left the page without saving.
 */
export async function portalStartSourceSetup(
  ctx: Ctx,
  contractId: string,
  options: { publicUrl: string; now: Date },
): Promise<{ setup_id: string; redirect_url: string }> {
  const contract = await getContract(ctx, contractId);
  const customerId = contract.customer_id;
  return startSourceSetup(
    ctx,
    customerId,
    async (setupId) => {
      const key = await signingKey(ctx.db, ctx.tenantId, PAYMENT_RETURN_KEY);
      const token = await signLinkToken(key, METHOD_RETURN_LINK, {
        tenantId: ctx.tenantId,
        subject: setupId,
        expiresAt: new Date(options.now.getTime() + PAYMENT_METHOD_RETURN_HOURS * 3_600_000),
      });
      const back = `${options.publicUrl}${PAYMENT_METHOD_RETURN_PATH}${token}`;
      return { successUrl: back, cancelUrl: `${back}?cancelled=true` };
    },
    // a mandate is set up for the contract's currency (GoCardless picks its scheme)
    { currency: contract.currency },
  );
}

/**
 * The browser came back from the provider's page: saved, the provider is asked what the page
 * made and it is kept as the customer's payment source, once, by the system in one unit of
 * work (the provider's event may have kept it first); cancelled, nothing is asked or written.
 * 404 `payment_method_return_link_invalid` for a link that is not authentic, 410
 * `payment_method_return_link_expired` once it has expired, 410 `payment_source_setup_expired`
 * once the setup it names has expired (nothing is kept, whatever the provider's page made).
 */
export async function returnFromSourceSetup(
  db: Kysely<DB>,
  input: { token: string; cancelled: boolean; now: Date; requestId: string },
): Promise<SetupOutcome> {
  const claims = await verifyReturnLink(db, METHOD_RETURN_LINK, input.token, input.now);
  const outcome = await storeOf(db).unit(async (work) => {
    const ctx = await work.context({
      tenantId: claims.tenantId,
      actor: { type: "system", id: "payment-method-return" },
      requestId: input.requestId,
      operation: "payment_sources.setup_return",
    });
    // left the page: the setup as it stands (an event may have completed it), nothing asked
    if (input.cancelled) return sourceSetupState(ctx, claims.subject);
    return completeSourceSetup(ctx, claims.subject);
  });
  // refused after the unit committed: a setup this return found past its expiry stays expired
  if (outcome.status === "expired") {
    throw gone(
      "payment_source_setup_expired",
      "the payment method setup expired before it was finished",
      { id: claims.subject },
    );
  }
  return outcome;
}
