/**
 * The billing preview: what settling a contract would bill, without writing anything (the
 * preview of an order or of a cancellation).
 */
import type { Temporal } from "temporal-polyfill";
import type { Timeline } from "../../domain/contracts/phases.js";
import { notFound } from "../../domain/errors.js";
import { diffItems, expectedItemsStepwise } from "../../domain/invoicing/index.js";
import { taxTotals } from "../../domain/invoicing/tax.js";
import { money, toDecimalString } from "../../domain/money/index.js";
import { localDate } from "../../domain/time/index.js";
import { drive, type Yielder, yielder } from "../../lib/yield.js";
import type { Ctx } from "../context.js";
import { type ContractRow, findContract } from "../contracts/index.js";
import { findCustomer } from "../customers/index.js";
import { loadBilledItems, loadHistory } from "./invoicing.repository.js";
import { taxContext } from "./tax-context.js";

export type BillingPreview = {
  contract_id: string;
  currency: string;
  price_basis: "net" | "gross";
  reverse_charge: boolean;
  /** As of this day (the customer's calendar). */
  date: string;
  lines: {
    kind: string;
    charge_key: string;
    description: string;
    period_start: string | null;
    period_end: string | null;
    quantity: string;
    unit_price: string;
    amount: string;
    tax_rate: string;
  }[];
  tax_rows: { rate: string; net: string; tax: string; gross: string }[];
  total_net: string;
  total_tax: string;
  total_gross: string;
};

/**
 * What settling the contract would bill as of `at` (default: the tenant's now), without
 * writing anything. `timeline` replaces the contract's phases (a cancellation preview).
 */
export async function previewSettlement(
  ctx: Ctx,
  contractId: string,
  options: {
    at?: Temporal.Instant;
    timeline?: Timeline;
    /** A contract not stored yet (a signup order's), with `timeline`. */
    unsaved?: ContractRow;
    /** Shared by a caller that previews many contracts (default: a new one). */
    yields?: Yielder;
  } = {},
): Promise<BillingPreview> {
  const contract = options.unsaved ?? (await findContract(ctx.db, ctx.tenantId, contractId));
  if (!contract)
    throw notFound("contract_not_found", `no contract ${contractId}`, { id: contractId });
  if (!options.unsaved) await ctx.guard({ kind: "contract", row: contract });
  const customer = await findCustomer(ctx.db, ctx.tenantId, contract.customer_id);
  if (!customer) throw notFound("customer_not_found", `no customer ${contract.customer_id}`);
  const tz = customer.time_zone;
  const history = await loadHistory(ctx.db, ctx.tenantId, contract, tz, options.timeline);
  const billed = await loadBilledItems(ctx.db, ctx.tenantId, contract.id, contract.currency);
  const target = localDate(options.at ?? ctx.clock.now(), tz);
  // a long history is computed in steps that let the event loop run, as billing does; its
  // thousands of items are compared and totalled in steps of their own too
  const yields = options.yields ?? yielder();
  const expected = await drive(expectedItemsStepwise(history, target), yields);
  await yields.pause();
  const items = diffItems(expected, billed, contract.currency, target);
  await yields.pause();
  const { group, treatment } = await taxContext(ctx, contract, customer);
  const currency = contract.currency;
  const totals = taxTotals(
    items.map((i) => ({ amount: i.amount, rate: treatment.rate })),
    group.price_type,
    currency,
  );
  await yields.pause();
  const str = (m: { amount: bigint }) => toDecimalString(money(m.amount, currency));
  const lines: BillingPreview["lines"] = [];
  for (const i of items) {
    lines.push({
      kind: i.kind,
      charge_key: i.key,
      description: i.description,
      period_start: i.period ? i.period.start.toString() : null,
      period_end: i.period ? i.period.end.toString() : null,
      quantity: i.quantity,
      unit_price: i.unitPrice,
      amount: str(i.amount),
      tax_rate: treatment.rate,
    });
    await yields.pause();
  }
  return {
    contract_id: contract.id,
    currency,
    price_basis: group.price_type,
    reverse_charge: treatment.reverseCharge,
    date: target.toString(),
    lines,
    tax_rows: totals.rows.map((r) => ({
      rate: r.rate,
      net: str(r.net),
      tax: str(r.tax),
      gross: str(r.gross),
    })),
    total_net: str(totals.net),
    total_tax: str(totals.tax),
    total_gross: str(totals.gross),
  };
}
