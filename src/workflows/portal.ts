/**
 * The customer portal: what the holder of a self-service token may see and do, for the one
 * contract the token opens — the contract and its plan, the next invoice, the customer's
 * issued documents, the billing address and contact, a plan change (order, preview, commit)
 * and a regular cancellation. Every call goes through the same services as the API; the
 * portal's routes (src/modules/portal/portal.routes.ts) call these.
 *
 * Modules: contracts, customers, catalog, invoicing; the orders workflow for plan changes and
 * cancellations. Also a portal link made for a contract and, when asked, mailed to its
 * customer (messages).
 */
import { Temporal } from "temporal-polyfill";
import { notFound, unprocessable } from "../domain/errors.js";
import { money, toDecimalString } from "../domain/money/index.js";
import { planVariantsOfGroup } from "../modules/catalog/index.js";
import type { Ctx } from "../modules/context.js";
import {
  type Contract,
  createChangeOrder,
  createSelfServiceToken,
  declinePortalOrders,
  endContract,
  findContract,
  findPortalChangeOrder,
  getContract,
  markPortalOrder,
  type Order,
  portalLinkId,
  type SelfServiceToken,
} from "../modules/contracts/index.js";
import {
  type Customer,
  type CustomerPatchData,
  findCustomer,
  getCustomer,
  patchCustomer,
} from "../modules/customers/index.js";
import {
  type BillingPreview,
  createDownloadLinks,
  latestDocuments,
  previewSettlement,
} from "../modules/invoicing/index.js";
import type { PeriodValue } from "../storage/schema.js";
import { queueDirectMessage } from "./message-facts.js";
import {
  type CancellationPreview,
  cancellationPreview,
  commitOrder,
  previewOrder,
} from "./orders.js";

/** How many of the customer's newest documents the portal lists. */
export const PORTAL_DOCUMENTS = 50;

export type PortalPlan = {
  plan_variant_id: string;
  plan_name: string;
  variant_name: string;
  description: string | null;
  recurring_fee: string;
  fee_period: PeriodValue;
  current: boolean;
};

export type PortalDocument = {
  id: string;
  kind: "invoice" | "credit_note";
  number: string | null;
  issue_date: string;
  due_date: string | null;
  total_gross: string;
  currency: string;
  status: "finalized" | "void";
  download_url: string;
};

export type PortalOverview = {
  contract: Contract;
  customer: Pick<
    Customer,
    "display_name" | "company_name" | "first_name" | "last_name" | "email" | "address"
  >;
  plan: PortalPlan | null;
  plan_options: PortalPlan[];
  next_invoice: (BillingPreview & { billing_date: string }) | null;
  documents: PortalDocument[];
};

/** The contract's plan variants a customer may choose in the portal (self-service, not hidden). */
async function planOptions(ctx: Ctx, contract: Contract): Promise<PortalPlan[]> {
  const current =
    contract.current_phase?.plan_variant_id ?? contract.phases.at(-1)?.plan_variant_id;
  const rows = await planVariantsOfGroup(ctx.db, ctx.tenantId, contract.plan_group_id);
  return rows
    .filter((r) => r.id === current || (r.allow_self_service && !r.hidden && !r.plan_hidden))
    .map((r) => ({
      plan_variant_id: r.id,
      plan_name: r.plan_name,
      variant_name: r.internal_name,
      description: r.description,
      recurring_fee: r.recurring_fee,
      fee_period: r.fee_period,
      current: r.id === current,
    }));
}

export async function portalOverview(
  ctx: Ctx,
  contractId: string,
  publicUrl: string,
): Promise<PortalOverview> {
  const contract = await getContract(ctx, contractId);
  const customer = await getCustomer(ctx, contract.customer_id);
  const options = await planOptions(ctx, contract);
  const row = await findContract(ctx.db, ctx.tenantId, contractId);
  let next: PortalOverview["next_invoice"] = null;
  if (row?.next_billing_at) {
    const at = Temporal.Instant.fromEpochMilliseconds(row.next_billing_at.getTime());
    const preview = await previewSettlement(ctx, contractId, { at });
    next = { ...preview, billing_date: preview.date };
  }
  // the newest documents first: the portal shows the last PORTAL_DOCUMENTS of them
  const rows = await latestDocuments(ctx.db, ctx.tenantId, customer.id, PORTAL_DOCUMENTS);
  const links = await createDownloadLinks(
    ctx,
    rows.map((r) => r.id),
    publicUrl,
  );
  const documents: PortalDocument[] = rows.map((d) => ({
    id: d.id,
    kind: d.kind,
    number: d.number,
    issue_date: d.issue_date,
    due_date: d.due_date,
    total_gross: toDecimalString(money(BigInt(d.total_gross), d.currency)),
    currency: d.currency,
    status: d.status as "finalized" | "void",
    download_url: links.get(d.id)!,
  }));
  return {
    contract,
    customer: {
      display_name: customer.display_name,
      company_name: customer.company_name,
      first_name: customer.first_name,
      last_name: customer.last_name,
      email: customer.email,
      address: customer.address,
    },
    plan: options.find((o) => o.current) ?? null,
    plan_options: options,
    next_invoice: next,
    documents,
  };
}

export type PortalContactPatch = Pick<
  CustomerPatchData,
  "company_name" | "first_name" | "last_name" | "email" | "address"
>;

/** The customer's billing address and contact: nothing else is theirs to change here. */
export async function updateContact(
  ctx: Ctx,
  contractId: string,
  patch: PortalContactPatch,
): Promise<PortalOverview["customer"]> {
  const contract = await getContract(ctx, contractId);
  const c = await patchCustomer(ctx, contract.customer_id, patch);
  return {
    display_name: c.display_name,
    company_name: c.company_name,
    first_name: c.first_name,
    last_name: c.last_name,
    email: c.email,
    address: c.address,
  };
}

export type PlanChange = { order: Order; preview: BillingPreview };

/** Step one of a plan change: an order for a self-service plan variant, and what it would bill. */
export async function proposePlanChange(
  ctx: Ctx,
  contractId: string,
  input: { plan_variant_id: string },
): Promise<PlanChange> {
  const contract = await getContract(ctx, contractId);
  const option = (await planOptions(ctx, contract)).find(
    (o) => o.plan_variant_id === input.plan_variant_id,
  );
  if (!option) {
    throw unprocessable("plan_not_available", "this plan cannot be chosen in the portal", {
      field: "plan_variant_id",
    });
  }
  if (option.current) {
    throw unprocessable("plan_unchanged", "the contract is already on this plan", {
      field: "plan_variant_id",
    });
  }
  // a new proposal replaces the customer's earlier ones that were never confirmed
  const superseded = await declinePortalOrders(
    ctx.db,
    ctx.tenantId,
    contractId,
    new Date(ctx.clock.now().epochMilliseconds),
  );
  for (const id of superseded) {
    ctx.audit({
      targetType: "order",
      targetId: id,
      after: { status: "declined", superseded: true },
    });
  }
  const order = await createChangeOrder(ctx, {
    contract_id: contractId,
    plan_variant_id: input.plan_variant_id,
    quantity: contract.current_phase?.quantity ?? "1",
  });
  await markPortalOrder(ctx.db, ctx.tenantId, order.id);
  return { order, preview: await previewOrder(ctx, order.id) };
}

/** Step two: commit the order the portal proposed for this contract. */
export async function commitPlanChange(
  ctx: Ctx,
  contractId: string,
  orderId: string,
): Promise<Order> {
  const row = await findPortalChangeOrder(ctx.db, ctx.tenantId, contractId, orderId);
  // only what the portal proposed for this contract, and still a plan the customer may choose
  if (!row) throw notFound("order_not_found", `no order ${orderId}`, { id: orderId });
  const contract = await getContract(ctx, contractId);
  const option = (await planOptions(ctx, contract)).find(
    (o) => o.plan_variant_id === row.plan_variant_id,
  );
  if (!option || option.current) {
    throw unprocessable("plan_not_available", "this plan cannot be chosen in the portal", {
      field: "plan_variant_id",
    });
  }
  return commitOrder(ctx, orderId);
}

export function previewCancellation(ctx: Ctx, contractId: string): Promise<CancellationPreview> {
  return cancellationPreview(ctx, contractId);
}

/** A regular cancellation: the contract ends at the date the preview names, never earlier. */
export async function cancel(ctx: Ctx, contractId: string): Promise<CancellationPreview> {
  const preview = await cancellationPreview(ctx, contractId);
  if (!preview.already_ending) await endContract(ctx, contractId, { end_date: preview.end_date });
  return { ...preview, already_ending: true };
}

/**
 * A portal link (self-service token) for a contract; with `sendEmail`, mailed to its customer
 * (billing contacts, else its own address) in the same transaction as a `portal_link`
 * message. The link is written only into the message and the answer, never into an event.
 */
export async function createPortalLink(
  ctx: Ctx,
  input: {
    contractId: string;
    validityMinutes?: number | undefined;
    publicUrl: string;
    sendEmail: boolean;
    defaultSender: string;
  },
): Promise<SelfServiceToken & { message_ids?: string[] }> {
  const created = await createSelfServiceToken(ctx, input);
  if (!input.sendEmail) return created;
  const contract = await findContract(ctx.db, ctx.tenantId, input.contractId);
  const customer = contract && (await findCustomer(ctx.db, ctx.tenantId, contract.customer_id));
  if (!contract || !customer) throw new Error(`contract ${input.contractId} has no customer`);
  const messageIds = await queueDirectMessage(ctx, {
    id: portalLinkId(created.token),
    content: {
      kind: "portal_link",
      contract_id: contract.id,
      url: created.url,
      expires_at: created.expires_at,
    },
    customer,
    defaultSender: input.defaultSender,
  });
  return { ...created, message_ids: messageIds };
}
