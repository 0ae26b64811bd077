/**
 * A contract's renewals invoiced in advance (Chargebee: charge future renewals, advance invoice
 * schedules) as stored with the contract: the advance charges made (each the instant it was
 * made and the billing-period boundary it runs through) and the schedule that makes more.
 * Billing reads them with the contract's history (src/domain/invoicing/advance.ts); the
 * workflow (src/workflows/advance-invoices.ts) asks billing for the periods and settles.
 */
import { Temporal } from "temporal-polyfill";
import { phaseAt, type Timeline } from "../../domain/contracts/phases.js";
import { conflict } from "../../domain/errors.js";
import type { AdvanceBilling } from "../../domain/invoicing/index.js";
import type { AdvanceBillingJson } from "../../storage/schema.js";
import { type Ctx, dateOf } from "../context.js";
import { setAdvanceBilling } from "./billing-facts.repository.js";
import { type ContractRow, loadTimeline } from "./contracts.repository.js";
import { loadContract } from "./contracts.service.js";

const instant = (s: string) => Temporal.Instant.from(s);

export const NO_ADVANCE: AdvanceBilling = { charges: [], schedule: null };

/** The contract's advance billing as billing reads it. */
export function advanceBillingOf(row: Pick<ContractRow, "advance_billing">): AdvanceBilling {
  const a = row.advance_billing;
  if (!a) return NO_ADVANCE;
  const s = a.schedule;
  return {
    charges: a.charges.map((c) => ({ on: instant(c.on), through: instant(c.through) })),
    schedule:
      s === null
        ? null
        : s.type === "fixed_intervals"
          ? { ...s, from: instant(s.from) }
          : { type: s.type, dates: s.dates.map((d) => ({ on: instant(d.on), terms: d.terms })) },
  };
}

function toJson(a: AdvanceBilling): AdvanceBillingJson {
  const s = a.schedule;
  return {
    charges: a.charges.map((c) => ({ on: c.on.toString(), through: c.through.toString() })),
    schedule:
      s === null
        ? null
        : s.type === "fixed_intervals"
          ? { ...s, from: s.from.toString() }
          : {
              type: s.type,
              dates: s.dates.map((d) => ({ on: d.on.toString(), terms: d.terms })),
            },
  };
}

/**
 * The contract, checked as `require` asks: `any`; `running`, not ended; `paid`, also in a paid
 * (normal) phase now (its renewals can be invoiced ahead); `renewing`, also without an end.
 */
export async function loadAdvanceContract(
  ctx: Ctx,
  id: string,
  options: { forUpdate: boolean; require: "any" | "running" | "paid" | "renewing" },
): Promise<{ row: ContractRow; timeline: Timeline }> {
  const row = await loadContract(ctx, id, options.forUpdate);
  const timeline = await loadTimeline(ctx.db, row);
  const now = ctx.clock.now();
  if (options.require === "any") return { row, timeline };
  if (timeline.end !== null && Temporal.Instant.compare(timeline.end, now) <= 0) {
    throw conflict("contract_ended", `contract ${id} ended at ${timeline.end}`, {
      id,
      end_date: timeline.end.toString(),
    });
  }
  if (options.require === "running") return { row, timeline };
  const current = phaseAt(timeline, now);
  if (current?.type !== "normal") {
    throw conflict(
      "contract_not_in_paid_phase",
      `contract ${id} is not in a paid (normal) phase now${current ? ` but ${current.type}` : ""}`,
      { id, phase_type: current?.type ?? null },
    );
  }
  if (options.require === "renewing" && timeline.end !== null) {
    throw conflict(
      "contract_not_renewing",
      `contract ${id} ends at ${timeline.end} and has no renewals to schedule`,
      { id, end_date: timeline.end.toString() },
    );
  }
  return { row, timeline };
}

/**
 * Stores the contract's advance billing, audited; billing looks at the contract now (a charge
 * made now is billed at once, a schedule's next day is taken into its billing date).
 */
export async function saveAdvanceBilling(
  ctx: Ctx,
  row: ContractRow,
  after: AdvanceBilling,
): Promise<void> {
  const json = toJson(after);
  await setAdvanceBilling(ctx.db, ctx.tenantId, row.id, json, dateOf(ctx.clock.now()));
  ctx.audit({
    targetType: "contract",
    targetId: row.id,
    before: { advance_billing: row.advance_billing },
    after: { advance_billing: json },
  });
}
