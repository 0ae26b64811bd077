/**
 * Deleting a contract that never billed: locked and checked here (the transfer rules, no
 * transfer copy); the workflow (src/workflows/contract-deletion.ts) asks billing and the other
 * owners first, then this module removes its own rows and the contract.
 */
import { conflict } from "../../domain/errors.js";
import type { Ctx } from "../context.js";
import type { ContractRow } from "./contracts.repository.js";
import { type Contract, loadContract, toContract } from "./contracts.service.js";
import {
  deleteContractRows,
  hasTransferCopy,
  type RemovedContractRecords,
} from "./deletion.repository.js";

/** The contract to delete, locked: refused when a transfer copy names it (its history moved). */
export async function lockContractForDeletion(ctx: Ctx, id: string): Promise<ContractRow> {
  const row = await loadContract(ctx, id, true);
  if (row.active_id !== null || (await hasTransferCopy(ctx.db, ctx.tenantId, id))) {
    throw conflict(
      "contract_has_billing",
      `contract ${id} moved between business entities; its billing history stays`,
      { id },
    );
  }
  return row;
}

/**
 * Removes the contract with its phases, components, discounts, rated items, portal links and
 * open orders; audited with what it was, and announced as `contract.deleted`.
 */
export async function removeContract(
  ctx: Ctx,
  row: ContractRow,
  removedElsewhere: Record<string, number>,
): Promise<{ contract: Contract; removed: Record<string, number> }> {
  const contract = await toContract(ctx, row);
  const own: RemovedContractRecords = await deleteContractRows(ctx.db, ctx.tenantId, row.id);
  const removed = { ...own, ...removedElsewhere };
  ctx.audit({
    targetType: "contract",
    targetId: row.id,
    before: { ...contract, removed },
    after: null,
  });
  await ctx.emit({
    type: "contract.deleted",
    subjectType: "contract",
    subjectId: row.id,
    payload: contract,
  });
  return { contract, removed };
}
