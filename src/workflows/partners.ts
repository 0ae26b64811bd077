/**
 * Partners' use cases that reach into contracts: freezing and unfreezing a partner's
 * customer (its contracts' billing with it), and the orders of a partner's customers; and
 * into messages: a verification code mailed to the address it proves.
 */
import type { Static } from "typebox";
import { notFound } from "../domain/errors.js";
import type { Ctx } from "../modules/context.js";
import {
  type CustomerOrderFilter,
  countCustomerOrders,
  listCustomerOrderRows,
  type OrderRow,
  setBillingFrozen,
} from "../modules/contracts/index.js";
import { fetchPage, type Page } from "../modules/pagination.js";
import {
  createVerificationCode,
  freezePartnerCustomer,
  type PartnerCustomer,
  type PartnerOrderSchema,
  type PartnerRow,
  partnerCustomerIds,
  unfreezePartnerCustomer,
  type VerificationCodeSent,
} from "../modules/partners/index.js";
import { queueDirectMessage } from "./message-facts.js";

/**
 * A verification code for registering a customer with an e-mail address, mailed to that
 * address in the same transaction (a `verification_code` message, sent by the worker). The
 * code is stored as a hash and written only into the message: not into the answer, the
 * audit log or the `verification_code.sent` event.
 */
export async function sendVerificationCode(
  ctx: Ctx,
  partner: PartnerRow,
  input: { email: string; timeout_minutes?: number | undefined; language?: string | undefined },
  mail: { defaultSender: string },
): Promise<VerificationCodeSent> {
  const { sent, code, minutes } = await createVerificationCode(ctx, partner, input);
  await queueDirectMessage(ctx, {
    id: sent.id,
    content: {
      kind: "verification_code",
      code,
      valid_minutes: minutes,
      partner_name: partner.name,
    },
    customer: null,
    recipient: sent.email,
    language: input.language ?? null,
    defaultSender: mail.defaultSender,
  });
  return sent;
}

/** Freezes a customer: no orders, no self-service, its contracts are not billed. */
export async function freezeCustomer(
  ctx: Ctx,
  partner: PartnerRow,
  customerId: string,
  reason: string,
): Promise<PartnerCustomer> {
  const frozen = await freezePartnerCustomer(ctx, partner, customerId, reason);
  await setBillingFrozen(ctx.db, ctx.tenantId, customerId, true);
  return frozen;
}

/** Unfreezes a customer: it orders again, and billing catches up on its contracts. */
export async function unfreezeCustomer(
  ctx: Ctx,
  partner: PartnerRow,
  customerId: string,
  reason: string,
): Promise<PartnerCustomer> {
  const unfrozen = await unfreezePartnerCustomer(ctx, partner, customerId, reason);
  await setBillingFrozen(ctx.db, ctx.tenantId, customerId, false);
  return unfrozen;
}

// ---- orders -------------------------------------------------------------------------------

/** An order of a partner's customer as answered; PartnerOrderSchema defines it. */
export type PartnerOrder = Static<typeof PartnerOrderSchema>;

export type OrderFilter = {
  customer_id?: string | undefined;
  order_id?: string | undefined;
  status?: string | undefined;
  created_from?: Date | undefined;
  created_to?: Date | undefined;
  newest_first?: boolean | undefined;
};

const toPartnerOrder = (r: OrderRow & { currency: string | null }): PartnerOrder => ({
  id: r.id,
  customer_id: r.customer_id,
  contract_id: r.contract_id,
  type: r.type,
  status: r.status,
  plan_variant_id: r.plan_variant_id,
  quantity: r.quantity,
  currency: r.currency,
  created_at: r.created_at.toISOString(),
  updated_at: r.updated_at.toISOString(),
});

/** The orders of a partner's customers, with their count. */
export async function listPartnerOrders(
  ctx: Ctx,
  partner: PartnerRow,
  query: OrderFilter & { limit: number; cursor?: string | undefined; offset?: number | undefined },
): Promise<Page<PartnerOrder> & { count: number }> {
  const customers = partnerCustomerIds(ctx.db, ctx.tenantId, partner.id);
  const filter: CustomerOrderFilter = {
    customerId: query.customer_id,
    orderId: query.order_id,
    status: query.status,
    createdFrom: query.created_from,
    createdTo: query.created_to,
  };
  const page = await fetchPage(
    query.limit,
    (n) =>
      listCustomerOrderRows(ctx.db, ctx.tenantId, customers, {
        ...filter,
        limit: n,
        after: query.cursor,
        offset: query.offset,
        newestFirst: query.newest_first,
      }),
    toPartnerOrder,
  );
  const count = await countCustomerOrders(ctx.db, ctx.tenantId, customers, filter);
  return { ...page, count };
}

/** One order of a partner's customers. */
export async function getPartnerOrder(
  ctx: Ctx,
  partner: PartnerRow,
  orderId: string,
): Promise<PartnerOrder> {
  const page = await listPartnerOrders(ctx, partner, { order_id: orderId, limit: 1 });
  const order = page.data[0];
  if (!order) throw notFound("order_not_found", `no order ${orderId}`, { id: orderId });
  return order;
}
