/**
 * What invoicing needs configured: tax policies (rates per country) and business entities
 * (the invoicing company: sender data, numbering prefixes, payment terms, default tax
 * policy). Every tenant has a default business entity, created from its name on first use.
 */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { notFound, unprocessable } from "../../domain/errors.js";
import { parseDecimal } from "../../domain/money/index.js";
import { newId } from "../../lib/ids.js";
import { toJson } from "../../lib/json.js";
import type { Address, DB, TaxRate } from "../../storage/schema.js";
import type { Ctx } from "../context.js";
import { fetchPage, type Page } from "../pagination.js";
import { defaultEntity, type EntityRow } from "./invoicing.repository.js";

export type TaxPolicyView = {
  id: string;
  name: string;
  rates: TaxRate[];
  default_rate: string;
  created_at: string;
};

const COUNTRY = /^[A-Z]{2}$/;

function assertRate(rate: string, field: string): string {
  const value = parseDecimal(rate, field);
  if (value.lt(0) || value.gte(100)) {
    throw unprocessable("invalid_tax_rate", `${field} must be at least 0 and below 100`, { field });
  }
  return value.toFixed();
}

export async function createTaxPolicy(
  ctx: Ctx,
  input: { name: string; rates: TaxRate[]; default_rate?: string | undefined },
): Promise<TaxPolicyView> {
  const seen = new Set<string>();
  const rates = input.rates.map((r, i) => {
    if (!COUNTRY.test(r.country)) {
      throw unprocessable("invalid_country", "a country is an ISO 3166-1 alpha-2 code", {
        field: `rates.${i}.country`,
      });
    }
    if (seen.has(r.country)) {
      throw unprocessable("duplicate_country", `${r.country} has two rates`, {
        field: `rates.${i}.country`,
      });
    }
    seen.add(r.country);
    return { country: r.country, rate: assertRate(r.rate, `rates.${i}.rate`) };
  });
  const row = await ctx.db
    .insertInto("tax_policies")
    .values({
      id: newId("taxPolicy"),
      tenant_id: ctx.tenantId,
      name: input.name,
      rates: toJson(rates),
      default_rate: assertRate(input.default_rate ?? "0", "default_rate"),
      created_at: new Date(ctx.clock.now().epochMilliseconds),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const view = toTaxPolicy(row);
  ctx.audit({ targetType: "tax_policy", targetId: row.id, after: view });
  return view;
}

const toTaxPolicy = (r: {
  id: string;
  name: string;
  rates: TaxRate[];
  default_rate: string;
  created_at: Date;
}): TaxPolicyView => ({
  id: r.id,
  name: r.name,
  rates: r.rates,
  default_rate: parseDecimal(r.default_rate).toFixed(),
  created_at: r.created_at.toISOString(),
});

export async function listTaxPolicies(
  ctx: Ctx,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<TaxPolicyView>> {
  let q = ctx.db.selectFrom("tax_policies").selectAll().where("tenant_id", "=", ctx.tenantId);
  if (page.cursor) q = q.where("id", ">", page.cursor);
  return fetchPage(page.limit, (n) => q.orderBy("id").limit(n).execute(), toTaxPolicy);
}

export async function assertTaxPolicy(ctx: Ctx, id: string, field: string): Promise<void> {
  const found = await ctx.db
    .selectFrom("tax_policies")
    .select("id")
    .where("tenant_id", "=", ctx.tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!found) throw unprocessable("unknown_tax_policy", `no tax policy ${id}`, { field, id });
}

export type BusinessEntity = {
  id: string;
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
  is_default: boolean;
};

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

export async function listBusinessEntities(ctx: Ctx): Promise<BusinessEntity[]> {
  await defaultEntity(ctx.db, ctx.tenantId, newId("entity"));
  const rows = await ctx.db
    .selectFrom("business_entities")
    .selectAll()
    .where("tenant_id", "=", ctx.tenantId)
    .orderBy("id")
    .execute();
  return rows.map(toEntity);
}

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

/** Checks what the schema cannot: the country code and the tax policy. */
export async function assertEntityInput(ctx: Ctx, input: EntityUpdate): Promise<void> {
  if (input.country !== undefined && input.country !== null && !COUNTRY.test(input.country)) {
    throw unprocessable("invalid_country", "a country is an ISO 3166-1 alpha-2 code", {
      field: "country",
    });
  }
  if (input.default_tax_policy_id !== undefined && input.default_tax_policy_id !== null) {
    await assertTaxPolicy(ctx, input.default_tax_policy_id, "default_tax_policy_id");
  }
}

/** Changes apply to documents issued from now on; issued ones keep their sender. */
export async function updateBusinessEntity(
  ctx: Ctx,
  id: string,
  input: EntityUpdate,
): Promise<BusinessEntity> {
  await defaultEntity(ctx.db, ctx.tenantId, newId("entity"));
  const before = await ctx.db
    .selectFrom("business_entities")
    .selectAll()
    .where("tenant_id", "=", ctx.tenantId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw notFound("business_entity_not_found", `no business entity ${id}`, { id });
  await assertEntityInput(ctx, input);
  const { address, ...rest } = input;
  const row = await ctx.db
    .updateTable("business_entities")
    .set({ ...rest, ...(address !== undefined ? { address: toJson(address) } : {}) })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = toEntity(row);
  ctx.audit({ targetType: "business_entity", targetId: id, before: toEntity(before), after });
  return after;
}

/** The tenant's secret for `purpose`, made on first use (shared by every process). */
export async function signingKey(
  db: Kysely<DB>,
  tenantId: string,
  purpose: string,
): Promise<Uint8Array> {
  const found = await db
    .selectFrom("signing_keys")
    .select("secret")
    .where("tenant_id", "=", tenantId)
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  if (found) return Buffer.from(found.secret, "base64");
  await db
    .insertInto("signing_keys")
    .values({ tenant_id: tenantId, purpose, secret: randomBytes(32).toString("base64") })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return signingKey(db, tenantId, purpose);
}
