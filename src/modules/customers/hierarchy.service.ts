/**
 * Account hierarchy (Chargebee's link_a_customer, delete_relationship,
 * update_hierarchy_settings): a customer linked under a parent customer of the same tenant,
 * with who receives its invoices and who pays them. No cycles, at most MAX_HIERARCHY_DEPTH
 * levels. Changes lock the customers concerned and run one at a time per tenant; a copy a
 * transfer left behind can be neither child nor parent.
 */
import type { Static } from "typebox";
import { unprocessable } from "../../domain/errors.js";
import { type Ctx, nowDate } from "../context.js";
import { findCustomer } from "./customers.repository.js";
import { customerForChange, displayName } from "./customers.service.js";
import {
  ancestorIds,
  childLinks,
  countChildren,
  deleteLink,
  findLink,
  type HierarchyRow,
  insertLink,
  lockHierarchy,
  subtreeHeight,
  updateLink,
} from "./hierarchy.repository.js";
import {
  type HierarchyLinkInput,
  type HierarchyLinkSchema,
  type HierarchySettingsInput,
  MAX_CHILDREN,
  MAX_HIERARCHY_DEPTH,
} from "./hierarchy.schemas.js";

export type HierarchyLink = Static<typeof HierarchyLinkSchema>;
export type HierarchyLinkData = Static<typeof HierarchyLinkInput>;
export type HierarchySettingsData = Static<typeof HierarchySettingsInput>;

export function toLink(row: HierarchyRow): HierarchyLink {
  return {
    customer_id: row.customer_id,
    parent_id: row.parent_id,
    invoice_owner: row.invoice_owner,
    payment_owner: row.payment_owner,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/** Invoices go to the parent only when the parent pays them too. */
function assertSettings(s: Pick<HierarchyLink, "invoice_owner" | "payment_owner">) {
  if (s.invoice_owner === "parent" && s.payment_owner !== "parent") {
    throw unprocessable(
      "hierarchy_settings_invalid",
      "invoices go to the parent only when the parent pays them (payment_owner parent)",
      { field: "payment_owner" },
    );
  }
}

async function linkOf(ctx: Ctx, customerId: string): Promise<HierarchyRow> {
  const row = await findLink(ctx.db, ctx.tenantId, customerId);
  if (!row) {
    throw unprocessable("hierarchy_not_linked", `customer ${customerId} has no parent`, {
      id: customerId,
    });
  }
  return row;
}

async function announce(
  ctx: Ctx,
  type: "customer_hierarchy.linked" | "customer_hierarchy.unlinked" | "customer_hierarchy.updated",
  customerId: string,
  before: HierarchyLink | null,
  after: HierarchyLink | null,
) {
  ctx.audit({ targetType: "customer_hierarchy", targetId: customerId, before, after });
  await ctx.emit({
    type,
    subjectType: "customer",
    subjectId: customerId,
    payload: (after ?? before) as HierarchyLink,
  });
}

/** Links the customer under `parent_id`; both default settings are `self`. */
export async function linkCustomer(
  ctx: Ctx,
  customerId: string,
  input: HierarchyLinkData,
): Promise<HierarchyLink> {
  await lockHierarchy(ctx.db, ctx.tenantId);
  // both rows locked in id order, so two links of the same pair cannot deadlock
  const [first, second] = [customerId, input.parent_id].sort();
  const parentExists = await findCustomer(ctx.db, ctx.tenantId, input.parent_id);
  if (customerId === input.parent_id) {
    await customerForChange(ctx, customerId);
    throw unprocessable("hierarchy_cycle", "a customer cannot be its own parent", {
      field: "parent_id",
    });
  }
  if (!parentExists) {
    await customerForChange(ctx, customerId);
    throw unprocessable("unknown_customer", `no customer ${input.parent_id}`, {
      field: "parent_id",
    });
  }
  await customerForChange(ctx, first!);
  await customerForChange(ctx, second!);
  const ancestors = await ancestorIds(ctx.db, ctx.tenantId, input.parent_id);
  if (ancestors.includes(customerId)) {
    throw unprocessable(
      "hierarchy_cycle",
      `customer ${input.parent_id} is below ${customerId} already`,
      { field: "parent_id" },
    );
  }
  const existing = await findLink(ctx.db, ctx.tenantId, customerId);
  if (existing) {
    throw unprocessable(
      "hierarchy_already_linked",
      `customer ${customerId} already has parent ${existing.parent_id}; unlink it first`,
      { id: customerId, parent_id: existing.parent_id },
    );
  }
  // levels: the parent's ancestors, the parent, the customer, what hangs below it
  const depth = ancestors.length + 2 + (await subtreeHeight(ctx.db, ctx.tenantId, customerId));
  if (depth > MAX_HIERARCHY_DEPTH) {
    throw unprocessable(
      "hierarchy_too_deep",
      `a hierarchy has at most ${MAX_HIERARCHY_DEPTH} levels; this link makes ${depth}`,
      { field: "parent_id", limit: MAX_HIERARCHY_DEPTH },
    );
  }
  if ((await countChildren(ctx.db, ctx.tenantId, input.parent_id)) >= MAX_CHILDREN) {
    throw unprocessable(
      "hierarchy_children_limit",
      `a customer has at most ${MAX_CHILDREN} direct children`,
      { field: "parent_id", limit: MAX_CHILDREN },
    );
  }
  const settings = {
    invoice_owner: input.invoice_owner ?? "self",
    payment_owner: input.payment_owner ?? "self",
  } as const;
  assertSettings(settings);
  const now = nowDate(ctx);
  const row = await insertLink(ctx.db, {
    customer_id: customerId,
    tenant_id: ctx.tenantId,
    parent_id: input.parent_id,
    ...settings,
    created_at: now,
    updated_at: now,
  });
  const after = toLink(row);
  await announce(ctx, "customer_hierarchy.linked", customerId, null, after);
  return after;
}

/** Removes the customer's link to its parent: it becomes a root (its children stay under it). */
export async function unlinkCustomer(ctx: Ctx, customerId: string): Promise<HierarchyLink> {
  await lockHierarchy(ctx.db, ctx.tenantId);
  await customerForChange(ctx, customerId);
  const before = toLink(await linkOf(ctx, customerId));
  await deleteLink(ctx.db, ctx.tenantId, customerId);
  await announce(ctx, "customer_hierarchy.unlinked", customerId, before, null);
  return before;
}

/** Changes who receives and who pays the customer's invoices. */
export async function updateHierarchySettings(
  ctx: Ctx,
  customerId: string,
  input: HierarchySettingsData,
): Promise<HierarchyLink> {
  await lockHierarchy(ctx.db, ctx.tenantId);
  await customerForChange(ctx, customerId);
  const row = await linkOf(ctx, customerId);
  const settings = {
    invoice_owner: input.invoice_owner ?? row.invoice_owner,
    payment_owner: input.payment_owner ?? row.payment_owner,
  };
  assertSettings(settings);
  const updated = await updateLink(ctx.db, ctx.tenantId, customerId, {
    ...settings,
    updated_at: nowDate(ctx),
  });
  const after = toLink(updated);
  await announce(ctx, "customer_hierarchy.updated", customerId, toLink(row), after);
  return after;
}

export type HierarchyPlace = {
  link: HierarchyLink | null;
  ancestors: string[];
  children: (HierarchyLink & { display_name: string; has_children: boolean })[];
};

/** Where the customer sits: its own link, its ancestors, its direct children. */
export async function hierarchyOf(ctx: Ctx, customerId: string): Promise<HierarchyPlace> {
  const link = await findLink(ctx.db, ctx.tenantId, customerId);
  const children: HierarchyPlace["children"] = [];
  for (const child of await childLinks(ctx.db, ctx.tenantId, customerId)) {
    const row = await findCustomer(ctx.db, ctx.tenantId, child.customer_id);
    children.push({
      ...toLink(child),
      display_name: row ? displayName(row) : "",
      has_children: (await countChildren(ctx.db, ctx.tenantId, child.customer_id)) > 0,
    });
  }
  return {
    link: link ? toLink(link) : null,
    ancestors: await ancestorIds(ctx.db, ctx.tenantId, customerId),
    children,
  };
}
