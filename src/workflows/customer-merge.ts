/**
 * Merging two customers (Chargebee's merge_customers): everything customer `from` has moves to
 * customer `to` — contracts and orders, invoices and credit notes (as issued: their printed
 * parties are not rewritten), payments, payment sources, contacts and promotional credits —
 * and `from` is deleted. What either customer owes or is owed is unchanged in sum: the
 * documents and payments move together.
 *
 * Both customers are locked (in id order, so two merges of the same pair cannot deadlock),
 * then `from`'s contracts, as a transfer does, so a billing run either settled them before or
 * sees them under `to`. Merging is refused when it would change how anything bills or who may
 * see it: another business entity or time zone, a copy a transfer left or a customer with
 * such copies, an account hierarchy, a partner's customer.
 *
 * Modules: customers (the records, contacts, closing), contracts, invoicing, payments
 * (payments and sources), credits, partners (who registered a customer).
 */
import { notFound, unprocessable } from "../domain/errors.js";
import { type Ctx, nowDate } from "../modules/context.js";
import { lockCustomerContracts, reassignContracts } from "../modules/contracts/index.js";
import { mergePromotionalCredits } from "../modules/credits/index.js";
import {
  type Customer,
  type CustomerRow,
  closeMergedCustomer,
  findCustomer,
  getCustomer,
  inHierarchy,
  transferredCopies,
} from "../modules/customers/index.js";
import { reassignFulfilmentOrders } from "../modules/fulfilment/index.js";
import { reassignDocuments } from "../modules/invoicing/index.js";
import { partnerOfCustomer } from "../modules/partners/index.js";
import { reassignPaymentSources, reassignPayments } from "../modules/payments/index.js";

export type MergeInput = { from_customer_id: string; to_customer_id: string };

export type MergeResult = {
  customer: Customer;
  merged_customer_id: string;
  moved: {
    contracts: number;
    documents: number;
    payments: number;
    payment_sources: number;
    contacts: number;
    promotional_credit_currencies: string[];
  };
};

const refuse = (reason: string, message: string, details: Record<string, unknown> = {}) =>
  unprocessable("customers_not_mergeable", message, { reason, ...details });

async function lockBoth(ctx: Ctx, input: MergeInput): Promise<[CustomerRow, CustomerRow]> {
  if (input.from_customer_id === input.to_customer_id) {
    throw refuse("same_customer", "a customer cannot be merged into itself");
  }
  const rows = new Map<string, CustomerRow>();
  for (const id of [input.from_customer_id, input.to_customer_id].sort()) {
    const row = await findCustomer(ctx.db, ctx.tenantId, id, { forUpdate: true });
    const field = id === input.from_customer_id ? "from_customer_id" : "to_customer_id";
    if (!row) throw notFound("customer_not_found", `no customer ${id}`, { id, field });
    await ctx.guard({ kind: "customer", row });
    rows.set(id, row);
  }
  return [rows.get(input.from_customer_id)!, rows.get(input.to_customer_id)!];
}

async function assertMergeable(ctx: Ctx, from: CustomerRow, to: CustomerRow): Promise<void> {
  if (from.business_entity_id !== to.business_entity_id) {
    throw refuse("business_entity", "the customers belong to different business entities", {
      from: from.business_entity_id,
      to: to.business_entity_id,
    });
  }
  if (from.time_zone !== to.time_zone) {
    // billing days are the customer's calendar days: moving contracts would move their periods
    throw refuse("time_zone", "the customers bill in different time zones", {
      from: from.time_zone,
      to: to.time_zone,
    });
  }
  if (from.active_id !== null || to.active_id !== null) {
    throw refuse("transferred", "a copy a business-entity transfer left behind cannot be merged");
  }
  const copies = await transferredCopies(ctx.db, ctx.tenantId, [from.id]);
  if (copies.length > 0) {
    throw refuse(
      "transferred",
      `customer ${from.id} has records a transfer left in another business entity`,
    );
  }
  for (const c of [from, to]) {
    if (await inHierarchy(ctx.db, ctx.tenantId, c.id)) {
      throw refuse("hierarchy", `customer ${c.id} is in an account hierarchy; unlink it first`, {
        customer_id: c.id,
      });
    }
  }
  const partners = [
    await partnerOfCustomer(ctx.db, ctx.tenantId, from.id),
    await partnerOfCustomer(ctx.db, ctx.tenantId, to.id),
  ];
  if (partners[0] !== undefined || partners[1] !== undefined) {
    throw refuse("partner", "a customer registered by a partner cannot be merged");
  }
}

/** Merges customer `from` into customer `to`; see the module doc. */
export async function mergeCustomers(ctx: Ctx, input: MergeInput): Promise<MergeResult> {
  const [from, to] = await lockBoth(ctx, input);
  await assertMergeable(ctx, from, to);
  await lockCustomerContracts(ctx.db, ctx.tenantId, from.id);
  const before = await getCustomer(ctx, to.id);
  const moved = {
    contracts: await reassignContracts(ctx.db, ctx.tenantId, from.id, to.id),
    documents: await reassignDocuments(ctx.db, ctx.tenantId, from.id, to.id),
    payments: await reassignPayments(ctx.db, ctx.tenantId, from.id, to.id),
    payment_sources: await reassignPaymentSources(
      ctx.db,
      ctx.tenantId,
      from.id,
      to.id,
      nowDate(ctx),
    ),
    promotional_credit_currencies: await mergePromotionalCredits(ctx, from.id, to.id),
    contacts: 0,
  };
  // fulfilment orders follow the documents they ship
  await reassignFulfilmentOrders(ctx.db, ctx.tenantId, from.id, to.id);
  moved.contacts = await closeMergedCustomer(ctx, from, to);
  const result: MergeResult = {
    customer: await getCustomer(ctx, to.id),
    merged_customer_id: from.id,
    moved,
  };
  ctx.audit({
    targetType: "customer",
    targetId: from.id,
    before: { id: from.id },
    after: { deleted: true, merged_into: to.id },
  });
  ctx.audit({ targetType: "customer", targetId: to.id, before, after: result });
  await ctx.emit({
    type: "customer.merged",
    subjectType: "customer",
    subjectId: to.id,
    payload: { customer_id: to.id, merged_customer_id: from.id, moved },
  });
  return result;
}
