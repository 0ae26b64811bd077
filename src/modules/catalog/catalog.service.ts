/**
 * The product catalog: plan groups (currency, net or gross prices), plans (trial, order
 * approval), plan variants (fees and periods) and components (quantity, on/off, metered with
 * a price model). Prices are decimal strings; amounts are computed by the billing engine.
 * See README.md in this folder for the rules.
 */
import type { Static } from "typebox";
import { conflict, type ErrorCode, notFound, unprocessable } from "../../domain/errors.js";
import type { SubjectWith } from "../../domain/events.js";
import { assertCurrency, parseDecimal } from "../../domain/money/index.js";
import { newId } from "../../lib/ids.js";
import { canonicalJson, toJson } from "../../lib/json.js";
import type { PeriodValue } from "../../storage/schema.js";
import { type Ctx, nowDate } from "../context.js";
import { fetchPage, type Page } from "../pagination.js";
import { assertTaxPolicy } from "../taxes/index.js";

export type { Page };

import {
  type ComponentRow,
  findExternalIdOwner,
  findInTenant,
  insertRow,
  listInTenant,
  type PlanGroupRow,
  type PlanRow,
  type PlanVariantRow,
  updateInTenant,
} from "./catalog.repository.js";
import type {
  ComponentInput,
  ComponentPatch,
  ComponentSchema,
  PlanGroupInput,
  PlanGroupPatch,
  PlanGroupSchema,
  PlanInput,
  PlanPatch,
  PlanSchema,
  PlanVariantInput,
  PlanVariantPatch,
  PlanVariantSchema,
} from "./catalog.schemas.js";

export type PlanGroup = Static<typeof PlanGroupSchema>;
export type Plan = Static<typeof PlanSchema>;
export type Component = Static<typeof ComponentSchema>;
export type PlanVariant = Static<typeof PlanVariantSchema>;

export type PageRequest = {
  limit: number;
  cursor?: string | undefined;
  offset?: number | undefined;
  parentId?: string | undefined;
};

export const toPlanGroup = (r: PlanGroupRow): PlanGroup => ({
  id: r.id,
  name: r.name,
  name_translations: r.name_translations,
  currency: r.currency,
  price_type: r.price_type,
  tax_policy_id: r.tax_policy_id,
  created_at: r.created_at.toISOString(),
});

export const toPlan = (r: PlanRow): Plan => ({
  id: r.id,
  plan_group_id: r.plan_group_id,
  name: r.name,
  name_translations: r.name_translations,
  description: r.description,
  trial_period: r.trial_period,
  trial_end_policy: r.trial_end_policy,
  requires_order_approval: r.requires_order_approval,
  hidden: r.hidden,
  created_at: r.created_at.toISOString(),
});

/** Decimals as the API writes them: no trailing zeros from the numeric column. */
const decimal = (value: string) => parseDecimal(value).toFixed();

export const toComponent = (r: ComponentRow): Component => ({
  id: r.id,
  plan_group_id: r.plan_group_id,
  name: r.name,
  name_translations: r.name_translations,
  external_id: r.external_id,
  type: r.type,
  unit: r.unit,
  price_model: r.price_model,
  price_per_unit: decimal(r.price_per_unit),
  tiers: r.tiers,
  package_size: r.package_size === null ? null : decimal(r.package_size),
  fee_period: r.fee_period,
  prorate: r.prorate,
  bill_in_trial: r.bill_in_trial,
  hidden: r.hidden,
  created_at: r.created_at.toISOString(),
});

export const toPlanVariant = (
  r: PlanVariantRow,
  plan: PlanRow,
  group: PlanGroupRow,
): PlanVariant => ({
  id: r.id,
  plan_id: r.plan_id,
  plan_group_id: plan.plan_group_id,
  currency: group.currency,
  external_id: r.external_id,
  internal_name: r.internal_name,
  description: r.description,
  recurring_fee: decimal(r.recurring_fee),
  setup_fee: decimal(r.setup_fee),
  fee_period: r.fee_period,
  billing_period: r.billing_period,
  payment_period_mode: r.payment_period_mode,
  billing_alignment: r.billing_alignment,
  contract_period: r.contract_period,
  later_contract_period: r.later_contract_period,
  notice_period: r.notice_period,
  later_notice_period: r.later_notice_period,
  end_after_first_contract_period: r.end_after_first_contract_period,
  allow_self_service: r.allow_self_service,
  allow_without_payment_data: r.allow_without_payment_data,
  hidden: r.hidden,
  quotas: r.quotas,
  created_at: r.created_at.toISOString(),
});

async function mustFind<T extends "plan_groups" | "plans" | "components" | "plan_variants">(
  ctx: Ctx,
  table: T,
  id: string,
  code: ErrorCode,
  field?: string,
) {
  const row = await findInTenant(ctx.db, table, ctx.tenantId, id);
  if (row) return row;
  const what = table.replace(/s$/, "").replace("_", " ");
  // an unknown id in the path is 404; one named in a body is a 422 naming the field
  throw field
    ? unprocessable(code, `no ${what} ${id}`, { field, id })
    : notFound(code, `no ${what} ${id}`, { id });
}

async function record(ctx: Ctx, type: SubjectWith<"created">, id: string, after: unknown) {
  ctx.audit({ targetType: type, targetId: id, after });
  await ctx.emit({ type: `${type}.created`, subjectType: type, subjectId: id, payload: after });
}

// ---- plan groups -------------------------------------------------------------------------

export async function createPlanGroup(
  ctx: Ctx,
  input: Static<typeof PlanGroupInput>,
): Promise<PlanGroup> {
  assertCurrency(input.currency);
  if (input.tax_policy_id !== undefined && input.tax_policy_id !== null) {
    await assertTaxPolicy(ctx, input.tax_policy_id, "tax_policy_id");
  }
  const row = await insertRow(ctx.db, "plan_groups", {
    id: newId("planGroup"),
    tenant_id: ctx.tenantId,
    name: input.name,
    name_translations: toJson(input.name_translations ?? {}),
    currency: input.currency,
    price_type: input.price_type,
    tax_policy_id: input.tax_policy_id ?? null,
    created_at: nowDate(ctx),
  });
  const group = toPlanGroup(row);
  await record(ctx, "plan_group", group.id, group);
  return group;
}

export async function getPlanGroup(ctx: Ctx, id: string): Promise<PlanGroup> {
  return toPlanGroup(await mustFind(ctx, "plan_groups", id, "plan_group_not_found"));
}

export async function listPlanGroups(ctx: Ctx, req: PageRequest): Promise<Page<PlanGroup>> {
  return fetchPage(
    req.limit,
    (limit) => listInTenant(ctx.db, "plan_groups", ctx.tenantId, { ...req, limit }),
    toPlanGroup,
  );
}

// ---- plans --------------------------------------------------------------------------------

export async function createPlan(ctx: Ctx, input: Static<typeof PlanInput>): Promise<Plan> {
  await mustFind(ctx, "plan_groups", input.plan_group_id, "unknown_plan_group", "plan_group_id");
  const row = await insertRow(ctx.db, "plans", {
    id: newId("plan"),
    tenant_id: ctx.tenantId,
    plan_group_id: input.plan_group_id,
    name: input.name,
    name_translations: toJson(input.name_translations ?? {}),
    description: input.description ?? null,
    trial_period: input.trial_period ? toJson(input.trial_period) : null,
    trial_end_policy: input.trial_end_policy ?? "continue",
    requires_order_approval: input.requires_order_approval ?? false,
    hidden: input.hidden ?? false,
    created_at: nowDate(ctx),
  });
  const plan = toPlan(row);
  await record(ctx, "plan", plan.id, plan);
  return plan;
}

export async function getPlan(ctx: Ctx, id: string): Promise<Plan> {
  return toPlan(await mustFind(ctx, "plans", id, "plan_not_found"));
}

export async function listPlans(ctx: Ctx, req: PageRequest): Promise<Page<Plan>> {
  return fetchPage(
    req.limit,
    (limit) =>
      listInTenant(ctx.db, "plans", ctx.tenantId, {
        ...req,
        limit,
        parent: req.parentId ? { column: "plan_group_id", id: req.parentId } : undefined,
      }),
    toPlan,
  );
}

// ---- components ---------------------------------------------------------------------------

/** Tier boundaries start at 0 and strictly increase; a tiered model needs tiers. */
function validatePricing(input: Static<typeof ComponentInput>): void {
  const model = input.price_model ?? "per_unit";
  const tiers = input.tiers ?? [];
  if ((model === "tiered" || model === "volume") && tiers.length === 0) {
    throw unprocessable("tiers_required", `price model ${model} needs tiers`, { field: "tiers" });
  }
  if ((model === "per_unit" || model === "package") && tiers.length > 0) {
    throw unprocessable("tiers_not_allowed", `price model ${model} takes no tiers`, {
      field: "tiers",
    });
  }
  if (model === "package") {
    if (!input.package_size || parseDecimal(input.package_size).lte(0)) {
      throw unprocessable("package_size_required", "package pricing needs a package_size above 0", {
        field: "package_size",
      });
    }
  } else if (input.package_size !== undefined) {
    throw unprocessable("package_size_not_allowed", "package_size is for package pricing", {
      field: "package_size",
    });
  }
  if ((model === "per_unit" || model === "package") && input.price_per_unit === undefined) {
    throw unprocessable("price_required", `price model ${model} needs price_per_unit`, {
      field: "price_per_unit",
    });
  }
  tiers.forEach((tier, i) => {
    const from = parseDecimal(tier.from);
    if (i === 0 && !from.isZero()) {
      throw unprocessable("invalid_tiers", "the first tier starts at 0", { field: "tiers.0.from" });
    }
    if (i > 0 && !from.gt(parseDecimal(tiers[i - 1]!.from))) {
      throw unprocessable("invalid_tiers", "tier boundaries must strictly increase", {
        field: `tiers.${i}.from`,
      });
    }
  });
}

export async function createComponent(
  ctx: Ctx,
  input: Static<typeof ComponentInput>,
): Promise<Component> {
  await mustFind(ctx, "plan_groups", input.plan_group_id, "unknown_plan_group", "plan_group_id");
  validatePricing(input);
  if (input.external_id) await assertFreeExternalId(ctx, "components", input.external_id);
  const row = await insertRow(ctx.db, "components", {
    id: newId("component"),
    tenant_id: ctx.tenantId,
    plan_group_id: input.plan_group_id,
    external_id: input.external_id ?? null,
    name: input.name,
    name_translations: toJson(input.name_translations ?? {}),
    type: input.type,
    unit: input.unit ?? null,
    price_model: input.price_model ?? "per_unit",
    price_per_unit: input.price_per_unit ?? "0",
    tiers: toJson(input.tiers ?? []),
    package_size: input.package_size ?? null,
    fee_period: toJson(input.fee_period ?? { unit: "month", count: 1 }),
    prorate: input.prorate ?? input.type !== "metered",
    bill_in_trial: input.bill_in_trial ?? false,
    hidden: input.hidden ?? false,
    created_at: nowDate(ctx),
  });
  const component = toComponent(row);
  await record(ctx, "component", component.id, component);
  return component;
}

export async function getComponent(ctx: Ctx, id: string): Promise<Component> {
  return toComponent(await mustFind(ctx, "components", id, "component_not_found"));
}

export async function listComponents(ctx: Ctx, req: PageRequest): Promise<Page<Component>> {
  return fetchPage(
    req.limit,
    (limit) =>
      listInTenant(ctx.db, "components", ctx.tenantId, {
        ...req,
        limit,
        parent: req.parentId ? { column: "plan_group_id", id: req.parentId } : undefined,
      }),
    toComponent,
  );
}

// ---- plan variants ------------------------------------------------------------------------

/** Length of a period in its base unit: months for month/year, days for day/week. */
function inBaseUnit(p: PeriodValue): { base: "month" | "day"; n: number } {
  switch (p.unit) {
    case "year":
      return { base: "month", n: p.count * 12 };
    case "month":
      return { base: "month", n: p.count };
    case "week":
      return { base: "day", n: p.count * 7 };
    case "day":
      return { base: "day", n: p.count };
  }
}

/**
 * The fee is never divided (SEEDS §1.5.12): a billing period holds whole fee periods, or a
 * fee period whole billing periods. Other pairs have no exact answer and are refused.
 */
export function assertCompatiblePeriods(fee: PeriodValue, billing: PeriodValue): void {
  const a = inBaseUnit(fee);
  const b = inBaseUnit(billing);
  if (a.base !== b.base || (a.n % b.n !== 0 && b.n % a.n !== 0)) {
    throw unprocessable(
      "incompatible_periods",
      `a fee period of ${fee.count} ${fee.unit} and a billing period of ${billing.count} ${billing.unit} do not divide each other`,
      { field: "billing_period" },
    );
  }
}

async function assertFreeExternalId(
  ctx: Ctx,
  table: "components" | "plan_variants",
  externalId: string,
  exceptId?: string,
) {
  const taken = await findExternalIdOwner(ctx.db, table, ctx.tenantId, externalId, exceptId);
  if (taken) {
    throw conflict("external_id_taken", `external_id "${externalId}" is already used by ${taken}`, {
      field: "external_id",
    });
  }
}

export async function createPlanVariant(
  ctx: Ctx,
  input: Static<typeof PlanVariantInput>,
): Promise<PlanVariant> {
  const plan = await mustFind(ctx, "plans", input.plan_id, "unknown_plan", "plan_id");
  const group = await mustFind(ctx, "plan_groups", plan.plan_group_id, "unknown_plan_group");
  const billingPeriod = input.billing_period ?? input.fee_period;
  assertCompatiblePeriods(input.fee_period, billingPeriod);
  if (input.later_contract_period && !input.contract_period) {
    throw unprocessable(
      "contract_period_required",
      "later_contract_period needs a contract_period",
      {
        field: "later_contract_period",
      },
    );
  }
  if (input.later_notice_period && !input.notice_period) {
    throw unprocessable("notice_period_required", "later_notice_period needs a notice_period", {
      field: "later_notice_period",
    });
  }
  const quotas = input.quotas ?? [];
  for (const [i, quota] of quotas.entries()) {
    const component = await mustFind(
      ctx,
      "components",
      quota.component_id,
      "unknown_component",
      `quotas.${i}.component_id`,
    );
    if (component.plan_group_id !== plan.plan_group_id || component.type === "on_off") {
      throw unprocessable(
        "invalid_quota",
        "a free quota applies to a quantity or metered component of the same plan group",
        { field: `quotas.${i}.component_id` },
      );
    }
  }
  if (new Set(quotas.map((q) => q.component_id)).size !== quotas.length) {
    throw unprocessable("invalid_quota", "one quota per component", { field: "quotas" });
  }
  if (input.external_id) await assertFreeExternalId(ctx, "plan_variants", input.external_id);
  const period = (p: PeriodValue | null | undefined) => (p ? toJson(p) : null);
  const row = await insertRow(ctx.db, "plan_variants", {
    id: newId("planVariant"),
    tenant_id: ctx.tenantId,
    plan_id: plan.id,
    external_id: input.external_id ?? null,
    internal_name: input.internal_name,
    description: input.description ?? null,
    recurring_fee: input.recurring_fee,
    setup_fee: input.setup_fee ?? "0",
    fee_period: toJson(input.fee_period),
    billing_period: toJson(billingPeriod),
    payment_period_mode: input.payment_period_mode ?? "prepaid",
    billing_alignment: input.billing_alignment ?? "anniversary",
    contract_period: period(input.contract_period),
    later_contract_period: period(input.later_contract_period),
    notice_period: period(input.notice_period),
    later_notice_period: period(input.later_notice_period),
    end_after_first_contract_period: input.end_after_first_contract_period ?? false,
    allow_self_service: input.allow_self_service ?? true,
    allow_without_payment_data: input.allow_without_payment_data ?? true,
    hidden: input.hidden ?? false,
    quotas: toJson(quotas),
    created_at: nowDate(ctx),
  });
  const variant = toPlanVariant(row, plan, group);
  await record(ctx, "plan_variant", variant.id, variant);
  return variant;
}

async function expandVariant(ctx: Ctx, row: PlanVariantRow): Promise<PlanVariant> {
  const plan = await mustFind(ctx, "plans", row.plan_id, "plan_not_found");
  const group = await mustFind(ctx, "plan_groups", plan.plan_group_id, "plan_group_not_found");
  return toPlanVariant(row, plan, group);
}

export async function getPlanVariant(ctx: Ctx, id: string): Promise<PlanVariant> {
  return expandVariant(ctx, await mustFind(ctx, "plan_variants", id, "plan_variant_not_found"));
}

export async function listPlanVariants(ctx: Ctx, req: PageRequest): Promise<Page<PlanVariant>> {
  return fetchPage(
    req.limit,
    (limit) =>
      listInTenant(ctx.db, "plan_variants", ctx.tenantId, {
        ...req,
        limit,
        parent: req.parentId ? { column: "plan_id", id: req.parentId } : undefined,
      }),
    (r) => expandVariant(ctx, r),
  );
}

// ---- updates --------------------------------------------------------------------------------
//
// Existing contracts are billed by what the catalog says, so only descriptive fields change.
// A field that decides what is billed (prices, tiers, periods, terms, payment mode, currency,
// quotas, trial) is fixed once created: a price change is a new plan variant. A patch may
// repeat such a field with its current value (a client sending back what it read); any other
// value is `422 immutable_field`.

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** Equal values compare equal however decimals are written ("29.90" = "29.9"). */
function normalise(value: unknown): unknown {
  if (typeof value === "string" && DECIMAL_TEXT.test(value)) return parseDecimal(value).toFixed();
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

function assertOnlyMutable(
  patch: Record<string, unknown>,
  current: Record<string, unknown>,
  mutable: readonly string[],
  what: string,
): void {
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined || mutable.includes(field)) continue;
    if (canonicalJson(normalise(value)) === canonicalJson(normalise(current[field] ?? null))) {
      continue;
    }
    throw unprocessable(
      "immutable_field",
      `${field} of a ${what} cannot change: existing contracts are billed by it${
        what === "plan variant" || what === "component" ? `; create a new ${what} instead` : ""
      }`,
      { field, mutable_fields: mutable },
    );
  }
}

/** Only the fields the patch names; null clears a nullable field. */
function changes(patch: Record<string, unknown>, fields: readonly string[]) {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (patch[field] === undefined) continue;
    out[field] = field === "name_translations" ? toJson(patch[field]) : patch[field];
  }
  return out;
}

async function updateRow<T extends "plan_groups" | "plans" | "components" | "plan_variants">(
  ctx: Ctx,
  table: T,
  id: string,
  values: Record<string, unknown>,
) {
  if (Object.keys(values).length === 0) return findInTenant(ctx.db, table, ctx.tenantId, id);
  return updateInTenant(ctx.db, table, ctx.tenantId, id, values);
}

async function recordUpdate(
  ctx: Ctx,
  type: SubjectWith<"updated">,
  id: string,
  before: unknown,
  after: unknown,
) {
  ctx.audit({ targetType: type, targetId: id, before, after });
  await ctx.emit({
    type: `${type}.updated`,
    subjectType: type,
    subjectId: id,
    payload: after,
  });
}

export const MUTABLE_FIELDS = {
  plan_group: ["name", "name_translations", "tax_policy_id"],
  plan: ["name", "name_translations", "description", "requires_order_approval", "hidden"],
  plan_variant: [
    "internal_name",
    "description",
    "external_id",
    "allow_self_service",
    "allow_without_payment_data",
    "hidden",
  ],
  component: ["name", "name_translations", "external_id", "unit", "hidden"],
} as const;

export async function updatePlanGroup(
  ctx: Ctx,
  id: string,
  patch: Static<typeof PlanGroupPatch>,
): Promise<PlanGroup> {
  const before = toPlanGroup(await mustFind(ctx, "plan_groups", id, "plan_group_not_found"));
  assertOnlyMutable(patch, before, MUTABLE_FIELDS.plan_group, "plan group");
  if (patch.tax_policy_id !== undefined && patch.tax_policy_id !== null) {
    await assertTaxPolicy(ctx, patch.tax_policy_id, "tax_policy_id");
  }
  const row = await updateRow(ctx, "plan_groups", id, changes(patch, MUTABLE_FIELDS.plan_group));
  const after = toPlanGroup(row!);
  await recordUpdate(ctx, "plan_group", id, before, after);
  return after;
}

export async function updatePlan(
  ctx: Ctx,
  id: string,
  patch: Static<typeof PlanPatch>,
): Promise<Plan> {
  const before = toPlan(await mustFind(ctx, "plans", id, "plan_not_found"));
  assertOnlyMutable(patch, before, MUTABLE_FIELDS.plan, "plan");
  const row = await updateRow(ctx, "plans", id, changes(patch, MUTABLE_FIELDS.plan));
  const after = toPlan(row!);
  await recordUpdate(ctx, "plan", id, before, after);
  return after;
}

export async function updateComponent(
  ctx: Ctx,
  id: string,
  patch: Static<typeof ComponentPatch>,
): Promise<Component> {
  const before = toComponent(await mustFind(ctx, "components", id, "component_not_found"));
  assertOnlyMutable(patch, before, MUTABLE_FIELDS.component, "component");
  if (patch.external_id) await assertFreeExternalId(ctx, "components", patch.external_id, id);
  const row = await updateRow(ctx, "components", id, changes(patch, MUTABLE_FIELDS.component));
  const after = toComponent(row!);
  await recordUpdate(ctx, "component", id, before, after);
  return after;
}

export async function updatePlanVariant(
  ctx: Ctx,
  id: string,
  patch: Static<typeof PlanVariantPatch>,
): Promise<PlanVariant> {
  const current = await mustFind(ctx, "plan_variants", id, "plan_variant_not_found");
  const before = await expandVariant(ctx, current);
  assertOnlyMutable(patch, before, MUTABLE_FIELDS.plan_variant, "plan variant");
  if (patch.external_id) await assertFreeExternalId(ctx, "plan_variants", patch.external_id, id);
  const row = await updateRow(
    ctx,
    "plan_variants",
    id,
    changes(patch, MUTABLE_FIELDS.plan_variant),
  );
  const after = await expandVariant(ctx, row!);
  await recordUpdate(ctx, "plan_variant", id, before, after);
  return after;
}
