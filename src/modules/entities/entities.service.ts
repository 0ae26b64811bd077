/**
 * Business entities: the companies a tenant invoices as. Each has its own document numbers
 * (per entity and kind), sender data, payment terms, default tax policy and billing
 * currencies; customers and contracts belong to one.
 */
import { notFound, unprocessable } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import { toJson } from "../../lib/json.js";
import type { Ctx } from "../context.js";
import {
  assertEntityInput,
  type BusinessEntity,
  defaultEntity,
  type EntityRow,
  type EntityUpdate,
  toEntity,
} from "../invoicing/index.js";

export async function findEntity(ctx: Ctx, id: string): Promise<EntityRow | undefined> {
  return ctx.db
    .selectFrom("business_entities")
    .selectAll()
    .where("tenant_id", "=", ctx.tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
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
  if (id === undefined) return defaultEntity(ctx.db, ctx.tenantId, newId("entity"));
  const found = await findEntity(ctx, id);
  if (!found)
    throw unprocessable("unknown_business_entity", `no business entity ${id}`, { field, id });
  return found;
}

export async function createBusinessEntity(
  ctx: Ctx,
  input: EntityUpdate & { name: string },
): Promise<BusinessEntity> {
  await assertEntityInput(ctx, input);
  // the default exists before any other, so a tenant's first entity is always its default
  await defaultEntity(ctx.db, ctx.tenantId, newId("entity"));
  const { address, ...rest } = input;
  const row = await ctx.db
    .insertInto("business_entities")
    .values({
      ...rest,
      id: newId("entity"),
      tenant_id: ctx.tenantId,
      address: toJson(address ?? {}),
      is_default: false,
      created_at: new Date(ctx.clock.now().epochMilliseconds),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
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

/** A new tenant's default business entity, named as the tenant: every tenant bills through one. */
export async function createDefaultEntity(ctx: Ctx, name: string): Promise<void> {
  await ctx.db
    .insertInto("business_entities")
    .values({ id: newId("entity"), tenant_id: ctx.tenantId, name, is_default: true, address: "{}" })
    .execute();
}
