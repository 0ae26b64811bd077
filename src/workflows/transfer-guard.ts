/**
 * `Ctx.guard`: the facts behind Chargebee's restrictions on records a customer transfer left
 * in the source business entity, read from the modules that hold them (customers,
 * contracts, invoices, payments); the decision is src/domain/entities/guard.ts. The unit of
 * work gives every context this guard, so a module applies the rule without importing the
 * modules whose data it needs.
 */
import {
  assertAllowed,
  contractStateFrom,
  type GuardTarget,
  guardedId,
  invoiceStateFrom,
  isGuarded,
  usageStateFrom,
} from "../domain/entities/guard.js";
import type { TransferState } from "../domain/entities/rules.js";
import type { Ctx } from "../modules/context.js";
import { contractEntityId, hasOpenContractIn } from "../modules/contracts/index.js";
import { customerEntities } from "../modules/customers/index.js";
import { invoiceParties } from "../modules/invoicing/index.js";
import { allocatedInvoiceIds } from "../modules/payments/index.js";

async function customerEntity(ctx: Ctx, customerId: string): Promise<string | undefined> {
  return (await customerEntities(ctx.db, ctx.tenantId, [customerId])).get(customerId);
}

async function contractState(
  ctx: Ctx,
  row: { customer_id: string; business_entity_id: string; active_id: string | null },
): Promise<TransferState | null> {
  if (row.active_id !== null) return "transferred";
  return contractStateFrom({
    ...row,
    customer_entity_id: await customerEntity(ctx, row.customer_id),
  });
}

async function invoiceState(
  ctx: Ctx,
  row: { customer_id: string; contract_id: string | null; business_entity_id: string },
): Promise<TransferState | null> {
  const customer = await customerEntity(ctx, row.customer_id);
  if (customer === undefined || customer === row.business_entity_id) return null;
  const contract =
    row.contract_id === null ? null : await contractEntityId(ctx.db, ctx.tenantId, row.contract_id);
  return invoiceStateFrom(row.business_entity_id, customer, contract);
}

/** The transfer state of the record, or null: its customer never left its entity. */
export async function stateOf(ctx: Ctx, target: GuardTarget): Promise<TransferState | null> {
  switch (target.kind) {
    case "customer":
      if (target.row.active_id === null) return null;
      return (await hasOpenContractIn(
        ctx.db,
        ctx.tenantId,
        target.row.active_id,
        target.row.business_entity_id,
      ))
        ? "intermediate"
        : "transferred";
    case "contract":
      return contractState(ctx, target.row);
    case "invoice":
      return invoiceState(ctx, target.row);
    case "usage":
      return usageStateFrom(
        await contractState(ctx, target.contract),
        target.contract.moved_at,
        target.at,
      );
    case "payment": {
      const ids = await allocatedInvoiceIds(ctx.db, ctx.tenantId, target.id);
      let state: TransferState | null = null;
      for (const invoice of await invoiceParties(ctx.db, ctx.tenantId, ids)) {
        const s = await invoiceState(ctx, invoice);
        if (s === "transferred") return s;
        state ??= s;
      }
      return state;
    }
  }
}

/** `Ctx.guard` for `ctx`: reads the record's state only when the operation is guarded. */
export async function guardRecord(ctx: Ctx, target: GuardTarget): Promise<void> {
  if (!isGuarded(ctx.operation)) return;
  assertAllowed(ctx.operation, await stateOf(ctx, target), target.kind, guardedId(target));
}
