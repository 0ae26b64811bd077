/**
 * Hosted pages that keep and extend a customer's contract, show it how to pay offline, and
 * the events a merchant records on a page:
 *
 * - extend_subscription: the customer extends its contract's current term, by billing
 *   periods or to a new end; completing it moves the term end through the term-end
 *   workflow (Chargebee's change term end), exactly as `POST /v1/contracts/{id}/change_term_end`;
 * - pre_cancel: shown before a cancellation with what the merchant offers to stay; the customer
 *   cancels (the portal's regular cancellation, or an end now) or stays (recorded only);
 * - view_voucher: the offline payment voucher of an issued invoice still owed — an ISO 11649
 *   payment reference, the amount and the day to pay by; the transfer quoting the reference is
 *   recorded as a payment of the invoice;
 * - events: what happened on a page (e.g. cancellation_page_loaded), kept with the page.
 *
 * Each is tried when the page is created (the term end estimated, the cancellation previewed,
 * the invoice checked), so a page that could not succeed is refused then and nothing is written.
 *
 * Modules: hosted-pages (the page), contracts, payments (the invoice owed); the term-end,
 * orders and portal workflows.
 */
import type { Static } from "typebox";
import { conflict, unprocessable } from "../domain/errors.js";
import { money, toDecimalString } from "../domain/money/index.js";
import { localDate } from "../domain/time/index.js";
import type { Ctx } from "../modules/context.js";
import { endContract } from "../modules/contracts/index.js";
import {
  DEFAULT_PAGE_VALIDITY_MINUTES,
  type ExtendSubscriptionPageBody,
  findPageForChange,
  type HostedPage,
  type HostedPageEventBody,
  lockOpenPage,
  newRfReference,
  type PreCancelCompleteBody,
  type PreCancelPageBody,
  recordHostedPage,
  recordPageEvent,
  succeedPage,
  type ViewVoucherPageBody,
} from "../modules/hosted-pages/index.js";
import { dueOf, openInvoice } from "../modules/payments/index.js";
import { assertType, guardedContract, guardedCustomer } from "./hosted-pages.js";
import { cancellationPreview } from "./orders.js";
import { cancel } from "./portal.js";
import { changeTermEnd, termEndAfterCycles, termEndPreview } from "./term-end.js";

type Created = { publicUrl: string };
type ExtendFields = Omit<Static<typeof ExtendSubscriptionPageBody>, "validity_minutes">;
type PreCancelFields = Omit<Static<typeof PreCancelPageBody>, "validity_minutes">;

/** The term end an extend page asks for now: its own, or its billing periods past the current. */
function extendedTermEnd(ctx: Ctx, fields: ExtendFields): Promise<string> {
  return fields.term_end !== undefined
    ? Promise.resolve(fields.term_end)
    : termEndAfterCycles(ctx, fields.contract_id, fields.billing_cycles!);
}

export async function createExtendPage(
  ctx: Ctx,
  body: Static<typeof ExtendSubscriptionPageBody>,
  { publicUrl }: Created,
): Promise<HostedPage> {
  const { validity_minutes, ...fields } = body;
  if ((fields.billing_cycles === undefined) === (fields.term_end === undefined)) {
    throw unprocessable(
      "hosted_page_extension_required",
      "name either billing_cycles (how many billing periods the term grows by) or term_end",
      { field: "billing_cycles" },
    );
  }
  const contract = await guardedContract(ctx, fields.contract_id);
  // the change estimated as it stands now: a term end that cannot be set is refused here
  await termEndPreview(ctx, contract.id, { term_end: await extendedTermEnd(ctx, fields) });
  return recordHostedPage(ctx, {
    type: "extend_subscription",
    customerId: contract.customer_id,
    contractId: contract.id,
    quoteId: null,
    fields,
    validityMinutes: validity_minutes,
    publicUrl,
  });
}

export async function createPreCancelPage(
  ctx: Ctx,
  body: Static<typeof PreCancelPageBody>,
  { publicUrl }: Created,
): Promise<HostedPage> {
  const { validity_minutes, ...fields } = body;
  const contract = await guardedContract(ctx, fields.contract_id);
  const preview = await cancellationPreview(ctx, contract.id);
  if (preview.already_ending && fields.end_of_term !== false) {
    throw conflict(
      "contract_already_ending",
      `contract ${contract.id} ends at ${preview.end_date} already`,
      { id: contract.id, end_date: preview.end_date },
    );
  }
  return recordHostedPage(ctx, {
    type: "pre_cancel",
    customerId: contract.customer_id,
    contractId: contract.id,
    quoteId: null,
    fields,
    validityMinutes: validity_minutes,
    publicUrl,
  });
}

export async function createVoucherPage(
  ctx: Ctx,
  body: Static<typeof ViewVoucherPageBody>,
  { publicUrl }: Created,
): Promise<HostedPage> {
  const { validity_minutes, ...fields } = body;
  const invoice = await openInvoice(ctx, fields.invoice_id);
  const customer = await guardedCustomer(ctx, invoice.customer_id);
  const due = await dueOf(ctx, invoice);
  if (due <= 0n) {
    throw conflict("invoice_settled", `invoice ${invoice.id} owes nothing`, { id: invoice.id });
  }
  const minutes = validity_minutes ?? DEFAULT_PAGE_VALIDITY_MINUTES;
  const expires = ctx.clock.now().add({ minutes });
  const dueDate =
    fields.due_date ?? invoice.due_date ?? localDate(expires, customer.time_zone).toString();
  return recordHostedPage(ctx, {
    type: "view_voucher",
    customerId: customer.id,
    contractId: invoice.contract_id,
    quoteId: null,
    invoiceId: invoice.id,
    voucher: {
      reference: newRfReference(),
      invoice_id: invoice.id,
      invoice_number: invoice.number,
      amount: toDecimalString(money(due, invoice.currency)),
      currency: invoice.currency,
      due_date: dueDate,
    },
    fields,
    validityMinutes: validity_minutes,
    publicUrl,
  });
}

/** Records an event on a page of the tenant, whatever its state. */
export async function recordHostedPageEvent(
  ctx: Ctx,
  id: string,
  body: Static<typeof HostedPageEventBody>,
): Promise<HostedPage> {
  const row = await findPageForChange(ctx, id);
  if (row.customer_id) await guardedCustomer(ctx, row.customer_id);
  return recordPageEvent(ctx, row, body);
}

// ---- the customer's side (/portal/api/hosted_page) -----------------------------------------

/** Completes an extend page: the contract's current term end moved as the page offers. */
export async function completeExtend(ctx: Ctx, id: string): Promise<HostedPage> {
  const row = await lockOpenPage(ctx, id);
  assertType(row, new Set(["extend_subscription"]));
  const fields = row.input as ExtendFields;
  await guardedContract(ctx, fields.contract_id);
  const changed = await changeTermEnd(ctx, fields.contract_id, {
    term_end: await extendedTermEnd(ctx, fields),
  });
  return succeedPage(ctx, row, {
    content: {
      contract_id: changed.id,
      previous_term_end: changed.previous_term_end,
      term_end: changed.term_end,
    },
  });
}

/**
 * Completes a pre-cancel page. "cancel": the contract ends as a regular cancellation ends it
 * (at the end its notice period reaches), or now when the page says so; "stay": nothing
 * changes but the page, which records the decision and the reason.
 */
export async function completePreCancel(
  ctx: Ctx,
  id: string,
  body: Static<typeof PreCancelCompleteBody>,
): Promise<HostedPage> {
  const row = await lockOpenPage(ctx, id);
  assertType(row, new Set(["pre_cancel"]));
  const fields = row.input as PreCancelFields;
  const contract = await guardedContract(ctx, fields.contract_id);
  const content: Record<string, unknown> = {
    decision: body.decision,
    reason: body.reason ?? null,
    contract_id: contract.id,
  };
  if (body.decision === "cancel") {
    if (fields.end_of_term === false) {
      const now = ctx.clock.now().toString();
      content.end_date = (await endContract(ctx, contract.id, { end_date: now })).end_date;
    } else {
      content.end_date = (await cancel(ctx, contract.id)).end_date;
    }
  }
  return succeedPage(ctx, row, { content });
}
