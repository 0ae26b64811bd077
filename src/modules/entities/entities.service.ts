/**
 * Business entities: the companies a tenant invoices as. Each has its own document numbers
 * (per entity and kind), sender data, payment terms, default tax policy and billing
 * currencies; customers and contracts belong to one. Every tenant has a default entity,
 * created from its name on first use.
 */

import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { notFound, unprocessable } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import { toJson } from "../../lib/json.js";
import type { Address, DB } from "../../storage/schema.js";
import type { Ctx } from "../context.js";
import { assertTaxPolicy, COUNTRY } from "../taxes/index.js";
import { findTenant } from "../tenants/index.js";
import {
  type EntityRow,
  findDefaultEntity,
  findEntity as findEntityRow,
  insertDefaultEntity,
  insertEntity,
  listEntities,
  updateEntity,
} from "./entities.repository.js";
import type { BusinessEntitySchema } from "./entities.schemas.js";

/** A business entity as answered; BusinessEntitySchema defines it. */
export type BusinessEntity = Static<typeof BusinessEntitySchema>;

export const toEntity = (e: EntityRow): BusinessEntity => ({
  id: e.id,
  name: e.name,
  address: e.address,
  country: e.country,
  vat_id: e.vat_id,
  tax_number: e.tax_number,
  email: e.email,
  invoice_prefix: e.invoice_prefix,
  credit_note_prefix: e.credit_note_prefix,
  payment_terms_days: e.payment_terms_days,
  default_tax_policy_id: e.default_tax_policy_id,
  currencies: e.currencies,
  is_default: e.is_default,
});

export type EntityUpdate = Partial<{
  name: string;
  address: Address;
  country: string | null;
  vat_id: string | null;
  tax_number: string | null;
  email: string | null;
  invoice_prefix: string;
  credit_note_prefix: string;
  payment_terms_days: number;
  default_tax_policy_id: string | null;
  currencies: string[];
}>;

export async function findEntity(ctx: Ctx, id: string): Promise<EntityRow | undefined> {
  return findEntityRow(ctx.db, ctx.tenantId, id);
}

/** The tenant's default business entity, created on first use from the tenant's name. */
export async function defaultEntity(db: Kysely<DB>, tenantId: string): Promise<EntityRow> {
  const found = await findDefaultEntity(db, tenantId);
  if (found) return found;
  const tenant = await findTenant(db, tenantId);
  if (!tenant) throw new Error(`no tenant ${tenantId}`);
  await insertDefaultEntity(db, tenantId, newId("entity"), tenant.name);
  const made = await findDefaultEntity(db, tenantId);
  if (!made) throw new Error(`tenant ${tenantId} has no default business entity`);
  return made;
}

/**
 * The entity a new customer is placed in: the named one (a 422 naming `field` when the
 * tenant has no such entity), else the tenant's default.
 */
export async function entityForNewRecord(
  ctx: Ctx,
  id: string | undefined,
  field: string,
): Promise<EntityRow> {
  if (id === undefined) return defaultEntity(ctx.db, ctx.tenantId);
  const found = await findEntity(ctx, id);
  if (!found)
    throw unprocessable("unknown_business_entity", `no business entity ${id}`, { field, id });
  return found;
}

/** Checks what the schema cannot: the country code and the tax policy. */
async function assertEntityInput(ctx: Ctx, input: EntityUpdate): Promise<void> {
  if (input.country !== undefined && input.country !== null && !COUNTRY.test(input.country)) {
    throw unprocessable("invalid_country", "a country is an ISO 3166-1 alpha-2 code", {
      field: "country",
    });
  }
  if (input.default_tax_policy_id !== undefined && input.default_tax_policy_id !== null) {
    await assertTaxPolicy(ctx, input.default_tax_policy_id, "default_tax_policy_id");
  }
}

export async function createBusinessEntity(
  ctx: Ctx,
  input: EntityUpdate & { name: string },
): Promise<BusinessEntity> {
  await assertEntityInput(ctx, input);
  // the default exists before any other, so a tenant's first entity is always its default
  await defaultEntity(ctx.db, ctx.tenantId);
  const { address, ...rest } = input;
  const row = await insertEntity(ctx.db, {
    ...rest,
    id: newId("entity"),
    tenant_id: ctx.tenantId,
    address: toJson(address ?? {}),
    is_default: false,
    created_at: new Date(ctx.clock.now().epochMilliseconds),
  });
  const entity = toEntity(row);
  ctx.audit({ targetType: "business_entity", targetId: row.id, after: entity });
  await ctx.emit({
    type: "business_entity.created",
    subjectType: "business_entity",
    subjectId: row.id,
    payload: entity,
  });
  return entity;
}

export async function getBusinessEntity(ctx: Ctx, id: string): Promise<BusinessEntity> {
  const row = await findEntity(ctx, id);
  if (!row) throw notFound("business_entity_not_found", `no business entity ${id}`, { id });
  return toEntity(row);
}

export async function listBusinessEntities(ctx: Ctx): Promise<BusinessEntity[]> {
  await defaultEntity(ctx.db, ctx.tenantId);
  return (await listEntities(ctx.db, ctx.tenantId)).map(toEntity);
}

/** Changes apply to documents issued from now on; issued ones keep their sender. */
export async function updateBusinessEntity(
  ctx: Ctx,
  id: string,
  input: EntityUpdate,
): Promise<BusinessEntity> {
  await defaultEntity(ctx.db, ctx.tenantId);
  const before = await findEntityRow(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!before) throw notFound("business_entity_not_found", `no business entity ${id}`, { id });
  await assertEntityInput(ctx, input);
  const { address, ...rest } = input;
  const row = await updateEntity(ctx.db, ctx.tenantId, id, {
    ...rest,
    ...(address !== undefined ? { address: toJson(address) } : {}),
  });
  const after = toEntity(row);
  ctx.audit({ targetType: "business_entity", targetId: id, before: toEntity(before), after });
  return after;
}

/** A new tenant's default business entity, named as the tenant: every tenant bills through one. */
export async function createDefaultEntity(ctx: Ctx, name: string): Promise<void> {
  await insertDefaultEntity(ctx.db, ctx.tenantId, newId("entity"), name);
}
