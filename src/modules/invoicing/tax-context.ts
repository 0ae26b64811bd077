/**
 * A contract's tax context: the business entity that issues its documents, the plan group's
 * price basis, and the tax treatment of its customer under the applicable tax policy. A batch
 * looks each of these up once.
 */
import { type TaxPolicy, taxTreatment } from "../../domain/invoicing/tax.js";
import { planGroupTaxTerms } from "../catalog/index.js";
import type { Ctx } from "../context.js";
import type { ContractRow } from "../contracts/index.js";
import type { CustomerRow } from "../customers/index.js";
import { listEntities } from "../entities/index.js";
import { findTaxPolicy } from "../taxes/index.js";
import { findTenant } from "../tenants/index.js";
import type { EntityRow } from "./invoicing.repository.js";

async function taxPolicy(ctx: Ctx, id: string | null): Promise<TaxPolicy | null> {
  if (!id) return null;
  const row = await findTaxPolicy(ctx.db, ctx.tenantId, id);
  return row
    ? { id: row.id, name: row.name, rates: row.rates, defaultRate: row.default_rate }
    : null;
}

/** Per batch: the tenant's business entities and settings, each plan group's tax treatment. */
export function taxContexts(ctx: Ctx) {
  let entities: Map<string, EntityRow> | undefined;
  let autoFinalize: boolean | undefined;
  const groups = new Map<string, { price_type: "net" | "gross"; tax_policy_id: string | null }>();
  const policies = new Map<string, TaxPolicy | null>();
  return {
    async autoFinalize() {
      if (autoFinalize === undefined) {
        const tenant = await findTenant(ctx.db, ctx.tenantId);
        if (!tenant) throw new Error(`no tenant ${ctx.tenantId}`);
        autoFinalize = tenant.auto_finalize_invoices;
      }
      return autoFinalize;
    },
    async of(contract: ContractRow, customer: CustomerRow) {
      // every entity of the tenant in one statement, once per batch
      entities ??= new Map((await listEntities(ctx.db, ctx.tenantId)).map((e) => [e.id, e]));
      const entity = entities.get(contract.business_entity_id);
      if (!entity) throw new Error(`contract ${contract.id} names no entity of its tenant`);
      let group = groups.get(contract.plan_group_id);
      if (!group) {
        group = await planGroupTaxTerms(ctx.db, ctx.tenantId, contract.plan_group_id);
        groups.set(contract.plan_group_id, group);
      }
      const policyId = group.tax_policy_id ?? entity.default_tax_policy_id;
      let policy: TaxPolicy | null = null;
      if (policyId) {
        if (!policies.has(policyId)) policies.set(policyId, await taxPolicy(ctx, policyId));
        policy = policies.get(policyId)!;
      }
      return { entity, group, treatment: treatmentOf(entity, customer, policy) };
    },
  };
}

/** Who issues the contract's documents, on which price basis, and the customer's tax. */
export async function taxContext(ctx: Ctx, contract: ContractRow, customer: CustomerRow) {
  return taxContexts(ctx).of(contract, customer);
}

function treatmentOf(
  entity: EntityRow,
  customer: {
    address: { country?: string };
    vat_id: string | null;
    customer_type: "consumer" | "business";
  },
  policy: TaxPolicy | null,
): { rate: string; reverseCharge: boolean } {
  if (!policy) return { rate: "0", reverseCharge: false };
  return taxTreatment({
    policy,
    sellerCountry: entity.country ?? entity.address.country ?? null,
    customerCountry: customer.address.country ?? null,
    customerVatId: customer.vat_id,
    customerType: customer.customer_type,
  });
}

/** How the customer is taxed on charges its business entity bills by hand (its default policy). */
export async function customerTreatment(
  ctx: Ctx,
  entity: EntityRow,
  customer: CustomerRow,
): Promise<{ rate: string; reverseCharge: boolean }> {
  return treatmentOf(entity, customer, await taxPolicy(ctx, entity.default_tax_policy_id));
}
