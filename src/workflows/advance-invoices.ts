/**
 * Invoicing a contract ahead (Chargebee: charge future renewals, advance invoice schedules,
 * advance invoice estimate, add charge at term end). Charging the next `n` renewals records an
 * advance charge with the contract (the periods it runs through, from billing) and settles the
 * contract now: the settlement bills those periods, and later settlements find them billed.
 * A schedule is stored with the contract and makes such charges on its days (billing reads it
 * with the history); editing or removing it keeps the charges it made by today. The estimate
 * records the charge in a savepoint the caller rolls back and previews the settlement. A charge
 * at the term end is a rated item billed from the end of the current billing period.
 *
 * Modules: contracts (the contract, its advance billing, rated items), invoicing (the periods,
 * the settlement, the preview).
 */
import { Temporal } from "temporal-polyfill";
import { conflict, notFound, unprocessable } from "../domain/errors.js";
import type { AdvanceBilling, AdvanceSchedule } from "../domain/invoicing/index.js";
import { localDate, parseTimestamp, startOfLocalDay } from "../domain/time/index.js";
import type { Ctx } from "../modules/context.js";
import {
  addRatedItem,
  advanceBillingOf,
  type ContractRow,
  loadAdvanceContract,
  type RatedItem,
  saveAdvanceBilling,
} from "../modules/contracts/index.js";
import {
  type AdvanceState,
  advanceStateOf,
  type BillingPreview,
  billingPeriodOf,
  type Invoice,
  previewSettlement,
  settleContract,
} from "../modules/invoicing/index.js";

/** At most this many billing periods are invoiced ahead at once. */
export const MAX_TERMS = 120;

export type ScheduleType = "fixed_intervals" | "specific_dates";

export type ScheduleInput = {
  terms_to_charge?: number;
  fixed_intervals_schedule?: { number_of_occurrences?: number };
  specific_dates_schedule?: { date: string; terms_to_charge: number }[];
};

export type ChargeFutureRenewalsInput = ScheduleInput & {
  schedule_type?: "immediate" | ScheduleType;
};

export type AdvanceScheduleView = {
  contract_id: string;
  /** The next renewal: the end of the current billing period. */
  next_renewal_at: string;
  /** Where the periods invoiced in advance by now run through; null: none. */
  charged_through: string | null;
  schedule_type: ScheduleType | null;
  fixed_intervals_schedule: {
    terms_to_charge: number;
    starts_at: string;
    number_of_occurrences: number | null;
  } | null;
  specific_dates_schedule: { date: string; terms_to_charge: number }[] | null;
};

function termsOf(value: number | undefined, field: string): number {
  const n = value ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > MAX_TERMS) {
    throw unprocessable(
      "invalid_terms_to_charge",
      `${field} must be a whole number from 1 to ${MAX_TERMS}`,
      { field, max: MAX_TERMS },
    );
  }
  return n;
}

const instantOf = (d: Temporal.PlainDate, state: AdvanceState) =>
  startOfLocalDay(d, state.timeZone);
const iso = (i: Temporal.Instant) => new Date(i.epochMilliseconds).toISOString();

function viewOf(
  row: ContractRow,
  advance: AdvanceBilling,
  state: AdvanceState,
): AdvanceScheduleView {
  const s = advance.schedule;
  return {
    contract_id: row.id,
    next_renewal_at: iso(instantOf(state.renewal, state)),
    charged_through:
      state.chargedThrough === null ? null : iso(instantOf(state.chargedThrough, state)),
    schedule_type: s?.type ?? null,
    fixed_intervals_schedule:
      s?.type === "fixed_intervals"
        ? {
            terms_to_charge: s.terms,
            starts_at: iso(s.from),
            number_of_occurrences: s.occurrences,
          }
        : null,
    specific_dates_schedule:
      s?.type === "specific_dates"
        ? s.dates.map((d) => ({ date: iso(d.on), terms_to_charge: d.terms }))
        : null,
  };
}

/**
 * The schedule asked for: fixed intervals start at the first renewal not invoiced yet;
 * specific dates must lie after today.
 */
function scheduleOf(
  type: ScheduleType,
  input: ScheduleInput,
  state: AdvanceState,
): AdvanceSchedule {
  const other = type === "fixed_intervals" ? "specific_dates_schedule" : "fixed_intervals_schedule";
  if (input[other] !== undefined) {
    throw unprocessable(
      "advance_schedule_invalid",
      `${other} does not go with schedule_type ${type}`,
      {
        field: other,
      },
    );
  }
  if (type === "fixed_intervals") {
    const charged = state.chargedThrough;
    const from =
      charged !== null && Temporal.PlainDate.compare(state.renewal, charged) < 0
        ? charged
        : state.renewal;
    const occurrences = input.fixed_intervals_schedule?.number_of_occurrences;
    return {
      type,
      terms: termsOf(input.terms_to_charge, "terms_to_charge"),
      from: instantOf(from, state),
      occurrences: occurrences ?? null,
    };
  }
  const dates = input.specific_dates_schedule;
  if (!dates || dates.length === 0) {
    throw unprocessable(
      "advance_schedule_invalid",
      "specific_dates_schedule lists the dates to invoice on",
      { field: "specific_dates_schedule" },
    );
  }
  return {
    type,
    dates: dates
      .map((d, i) => {
        const field = `specific_dates_schedule.${i}.date`;
        const on = parseTimestamp(d.date, field);
        if (Temporal.PlainDate.compare(localDate(on, state.timeZone), state.today) <= 0) {
          throw unprocessable("advance_schedule_invalid", `${field} must be after today`, {
            field,
          });
        }
        return {
          on,
          terms: termsOf(d.terms_to_charge, `specific_dates_schedule.${i}.terms_to_charge`),
        };
      })
      .sort((a, b) => Temporal.Instant.compare(a.on, b.on)),
  };
}

/**
 * Records an advance charge of the next `terms` renewals not invoiced yet; refused when the
 * contract ends before them.
 */
async function recordAdvanceCharge(ctx: Ctx, id: string, terms: number) {
  const { row, timeline } = await loadAdvanceContract(ctx, id, {
    forUpdate: true,
    require: "paid",
  });
  const state = await advanceStateOf(ctx, row, terms);
  if (timeline.end !== null) {
    const end = localDate(timeline.end, state.timeZone);
    if (Temporal.PlainDate.compare(state.through, end) > 0) {
      throw conflict(
        "renewals_beyond_contract_end",
        `contract ${id} ends at ${timeline.end}, before ${terms} more renewal(s) would end (${state.through})`,
        { id, end_date: timeline.end.toString(), through: state.through.toString() },
      );
    }
  }
  const before = advanceBillingOf(row);
  const after: AdvanceBilling = {
    ...before,
    charges: [...before.charges, { on: ctx.clock.now(), through: instantOf(state.through, state) }],
  };
  await saveAdvanceBilling(ctx, row, after);
  return { row, after };
}

/**
 * Charges the contract's next renewals now (`immediate`, the default), or sets up a schedule
 * of advance invoices; either way the contract is settled now, and the invoice it wrote (null:
 * nothing was due) is answered with the schedule.
 */
export async function chargeFutureRenewals(
  ctx: Ctx,
  id: string,
  input: ChargeFutureRenewalsInput,
): Promise<AdvanceScheduleView & { invoice: Invoice | null }> {
  const type = input.schedule_type ?? "immediate";
  let saved: { row: ContractRow; after: AdvanceBilling };
  if (type === "immediate") {
    for (const field of ["fixed_intervals_schedule", "specific_dates_schedule"] as const) {
      if (input[field] !== undefined) {
        throw unprocessable("advance_schedule_invalid", `${field} needs its schedule_type`, {
          field,
        });
      }
    }
    saved = await recordAdvanceCharge(ctx, id, termsOf(input.terms_to_charge, "terms_to_charge"));
  } else {
    const { row } = await loadAdvanceContract(ctx, id, { forUpdate: true, require: "renewing" });
    const before = advanceBillingOf(row);
    if (before.schedule !== null) {
      throw conflict(
        "advance_schedule_exists",
        `contract ${id} has an advance invoice schedule already`,
        { id, schedule_type: before.schedule.type },
      );
    }
    const after = { ...before, schedule: scheduleOf(type, input, await advanceStateOf(ctx, row)) };
    await saveAdvanceBilling(ctx, row, after);
    saved = { row, after };
  }
  const settlement = await settleContract(ctx, id);
  const { row } = await loadAdvanceContract(ctx, id, { forUpdate: false, require: "any" });
  const state = await advanceStateOf(ctx, row);
  return { ...viewOf(saved.row, saved.after, state), invoice: settlement.invoice };
}

/** What charging the next `terms` renewals now would invoice (run in a rolled-back savepoint). */
export async function advanceInvoiceEstimate(
  ctx: Ctx,
  input: { contract_id: string; terms_to_charge?: number },
): Promise<BillingPreview> {
  await recordAdvanceCharge(
    ctx,
    input.contract_id,
    termsOf(input.terms_to_charge, "terms_to_charge"),
  );
  return previewSettlement(ctx, input.contract_id);
}

/** The contract's advance invoice schedule and where its advance invoices run through. */
export async function getAdvanceSchedule(ctx: Ctx, id: string): Promise<AdvanceScheduleView> {
  const { row } = await loadAdvanceContract(ctx, id, { forUpdate: false, require: "any" });
  return viewOf(row, advanceBillingOf(row), await advanceStateOf(ctx, row));
}

/**
 * Replaces (`input` with `schedule_type`) or removes (null) the contract's schedule. The
 * advance charges it made by today stay, as charges of their own: what they invoiced stays
 * billed in advance.
 */
export async function replaceAdvanceSchedule(
  ctx: Ctx,
  id: string,
  input: (ScheduleInput & { schedule_type: ScheduleType }) | null,
): Promise<AdvanceScheduleView> {
  const { row } = await loadAdvanceContract(ctx, id, {
    forUpdate: true,
    require: input === null ? "any" : "renewing",
  });
  const before = advanceBillingOf(row);
  if (before.schedule === null) {
    throw notFound("advance_schedule_not_found", `contract ${id} has no advance invoice schedule`, {
      id,
    });
  }
  const state = await advanceStateOf(ctx, row);
  const kept: AdvanceBilling = {
    charges: state.grants.map((g) => ({
      on: instantOf(g.on, state),
      through: instantOf(g.through, state),
    })),
    schedule: null,
  };
  const after =
    input === null ? kept : { ...kept, schedule: scheduleOf(input.schedule_type, input, state) };
  await saveAdvanceBilling(ctx, row, after);
  return viewOf(row, after, state);
}

/**
 * A one-time charge billed with the contract's next renewal (or its end, if earlier): a rated
 * item of quantity 1 billed from the end of the current billing period.
 */
export async function addChargeAtTermEnd(
  ctx: Ctx,
  id: string,
  input: { amount: string; description: string; date_from?: string; date_to?: string },
): Promise<RatedItem> {
  const { row, timeline } = await loadAdvanceContract(ctx, id, {
    forUpdate: true,
    require: "running",
  });
  const period = await billingPeriodOf(ctx, row, ctx.clock.now());
  let termEnd = startOfLocalDay(period.end, period.timeZone);
  if (timeline.end !== null && Temporal.Instant.compare(timeline.end, termEnd) < 0) {
    termEnd = timeline.end;
  }
  return addRatedItem(
    ctx,
    id,
    {
      description: input.description,
      quantity: "1",
      price_per_unit: input.amount,
      ...(input.date_from === undefined ? {} : { period_start: input.date_from }),
      ...(input.date_to === undefined ? {} : { period_end: input.date_to }),
    },
    { dueAt: termEnd },
  );
}
