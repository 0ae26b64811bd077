/**
 * Paying and payment methods in the customer portal, for the customer of the contract the
 * self-service token opens: its open invoices with what each still owes, paid now through its
 * primary (then backup) payment source, and its cards and bank accounts — listed, added, made
 * primary, removed. Every call goes through the payments module's services, as the API's
 * `collect_payment` and payment source routes do: a charge the gateway declines is a failed
 * payment, kept like any other attempt.
 *
 * Modules: contracts (the token's contract), invoicing (the invoice named), payments.
 */
import type { Static } from "typebox";
import { notFound } from "../domain/errors.js";
import { money, toDecimalString } from "../domain/money/index.js";
import type { Ctx } from "../modules/context.js";
import { getContract } from "../modules/contracts/index.js";
import { findInvoice } from "../modules/invoicing/index.js";
import {
  addPaymentSource,
  assignPaymentRole,
  collectCustomerPayment,
  collectInvoicePayment,
  deletePaymentSource,
  invoiceDues,
  listPaymentSources,
  type Payment,
  type PaymentSource,
  type UpdatePaymentMethodInput,
} from "../modules/payments/index.js";

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

export type PortalPayments = {
  open_invoices: PortalOpenInvoice[];
  payment_sources: PortalPaymentSource[];
};

/** How many payment sources the portal lists (a customer holds a few). */
const PORTAL_SOURCES = 100;

const customerOf = async (ctx: Ctx, contractId: string): Promise<string> =>
  (await getContract(ctx, contractId)).customer_id;

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
