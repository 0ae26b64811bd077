/**
 * Regenerating a contract's invoice after it was voided (Chargebee: regenerate invoice, and its
 * estimate). A void document stops counting as billed, so the diff engine bills its charges
 * again by itself: regenerating is settling the contract now. Refused with 409
 * `nothing_to_regenerate` when the contract has no void invoice, or when settling now would
 * bill nothing (its charges were billed again already).
 */
import { conflict, notFound } from "../../domain/errors.js";
import type { Ctx } from "../context.js";
import { findContract } from "../contracts/index.js";
import { contractHasVoidInvoice } from "./contract-records.repository.js";
import { type BillingPreview, previewSettlement } from "./preview.js";
import { type Settlement, settleContract } from "./settle.js";

const nothing = (id: string, why: string) =>
  conflict("nothing_to_regenerate", `contract ${id}: ${why}`, { id });

async function assertVoidInvoice(ctx: Ctx, id: string): Promise<void> {
  const contract = await findContract(ctx.db, ctx.tenantId, id);
  if (!contract) throw notFound("contract_not_found", `no contract ${id}`, { id });
  await ctx.guard({ kind: "contract", row: contract });
  if (!(await contractHasVoidInvoice(ctx.db, ctx.tenantId, id))) {
    throw nothing(id, "no invoice of the contract was voided");
  }
}

/** Settles the contract now: the invoice that bills again what voided invoices billed. */
export async function regenerateInvoice(ctx: Ctx, id: string): Promise<Settlement> {
  await assertVoidInvoice(ctx, id);
  const settlement = await settleContract(ctx, id);
  // refused as a whole: the billing dates the settlement moved are rolled back with it
  if (settlement.invoice === null) throw nothing(id, "nothing voided is left to bill again");
  return settlement;
}

/** What regenerating would invoice now; nothing is written. */
export async function regenerateInvoicePreview(ctx: Ctx, id: string): Promise<BillingPreview> {
  await assertVoidInvoice(ctx, id);
  const preview = await previewSettlement(ctx, id);
  if (preview.lines.length === 0) throw nothing(id, "nothing voided is left to bill again");
  return preview;
}
