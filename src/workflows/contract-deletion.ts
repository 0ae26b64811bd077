/**
 * Deleting a contract that never billed (Chargebee: delete subscription): the contract is
 * locked and checked against the transfer rules; refused with 409 `contract_has_billing` when
 * any document or line names it (a void one too: a finalised document is never removed, and
 * payments, refunds and credits only ever apply to documents). Otherwise each owner removes its
 * own records — usage (usage), subscription actions with their provisioning records (actions),
 * then phases, components, discounts, rated items, portal links, open orders and the contract
 * (contracts) — in the request's unit of work.
 *
 * Modules: contracts, invoicing, usage, actions.
 */
import { conflict } from "../domain/errors.js";
import { deleteContractActionRows } from "../modules/actions/index.js";
import type { Ctx } from "../modules/context.js";
import {
  type Contract,
  lockContractForDeletion,
  removeContract,
} from "../modules/contracts/index.js";
import { contractHasDocuments } from "../modules/invoicing/index.js";
import { deleteContractUsageRows } from "../modules/usage/index.js";

export type ContractDeletion = { contract: Contract; removed: Record<string, number> };

export async function deleteContract(ctx: Ctx, id: string): Promise<ContractDeletion> {
  const row = await lockContractForDeletion(ctx, id);
  if (await contractHasDocuments(ctx.db, ctx.tenantId, id)) {
    throw conflict(
      "contract_has_billing",
      `contract ${id} has invoices or credit notes; end it instead (POST /v1/contracts/${id}/end)`,
      { id },
    );
  }
  const usage = await deleteContractUsageRows(ctx.db, ctx.tenantId, id);
  const actions = await deleteContractActionRows(ctx.db, ctx.tenantId, id);
  return removeContract(ctx, row, { usage_records: usage, ...actions });
}
