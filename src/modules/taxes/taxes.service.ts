/**
 * Tax policies: the rate per country (ISO 3166-1 alpha-2) and a default rate, which plan
 * groups and business entities name and invoicing applies.
 */
import type { Static } from "typebox";
import { unprocessable } from "../../domain/errors.js";
import { parseDecimal } from "../../domain/money/index.js";
import { newId } from "../../lib/ids.js";
import { toJson } from "../../lib/json.js";
import type { TaxRate } from "../../storage/schema.js";
import type { Ctx } from "../context.js";
import { fetchPage, type Page } from "../pagination.js";
import {
  findTaxPolicy,
  insertTaxPolicy,
  listTaxPolicyRows,
  type TaxPolicyRow,
} from "./taxes.repository.js";
import type { TaxPolicySchema } from "./taxes.schemas.js";

/** A tax policy as answered; TaxPolicySchema defines it. */
export type TaxPolicyView = Static<typeof TaxPolicySchema>;

/** A country code: ISO 3166-1 alpha-2. */
export const COUNTRY = /^[A-Z]{2}$/;

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
  const row = await insertTaxPolicy(ctx.db, {
    id: newId("taxPolicy"),
    tenant_id: ctx.tenantId,
    name: input.name,
    rates: toJson(rates),
    default_rate: assertRate(input.default_rate ?? "0", "default_rate"),
    created_at: new Date(ctx.clock.now().epochMilliseconds),
  });
  const view = toTaxPolicy(row);
  ctx.audit({ targetType: "tax_policy", targetId: row.id, after: view });
  return view;
}

const toTaxPolicy = (r: TaxPolicyRow): TaxPolicyView => ({
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
  return fetchPage(
    page.limit,
    (n) => listTaxPolicyRows(ctx.db, ctx.tenantId, { limit: n, after: page.cursor }),
    toTaxPolicy,
  );
}

/** A 422 naming `field` when the tenant has no tax policy `id`. */
export async function assertTaxPolicy(ctx: Ctx, id: string, field: string): Promise<void> {
  const found = await findTaxPolicy(ctx.db, ctx.tenantId, id);
  if (!found) throw unprocessable("unknown_tax_policy", `no tax policy ${id}`, { field, id });
}
