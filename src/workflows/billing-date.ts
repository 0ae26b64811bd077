/**
 * Changing a customer's billing date (Chargebee: change billing date). The customer is locked
 * and checked, then its contracts (locked in one statement, as a transfer does); every running
 * contract is planned first (billing tells its current billing period and the next one), so a
 * contract that cannot renew on the new day refuses the whole change before anything is
 * written. Then the customer keeps the day and each contract records a restart of its billing
 * periods on it, from the end of its current period; billing bills the short period and the
 * whole ones after it through the diff engine.
 *
 * Modules: customers (the setting), contracts (the restarts and their rules), invoicing (the
 * billing periods).
 */
import { unprocessable } from "../domain/errors.js";
import type { Ctx } from "../modules/context.js";
import {
  type BillingDateChange,
  findContractIdsOfCustomer,
  loadBillingDateContract,
  lockCustomerContracts,
  plannedBillingDate,
  saveBillingDate,
  settledRestarts,
} from "../modules/contracts/index.js";
import {
  assertBillingDate,
  type Customer,
  customerForChange,
  setBillingDate,
} from "../modules/customers/index.js";
import { billingPeriodOf } from "../modules/invoicing/index.js";

export type BillingDateInput = {
  billing_date?: number | null | undefined;
  billing_date_mode?: "using_defaults" | "manually_set" | undefined;
};

export type BillingDateAnswer = {
  customer: Customer;
  contracts: Omit<BillingDateChange, "after">[];
};

/** A customer's contracts, at most this many, are re-anchored in one change. */
const MAX_CONTRACTS = 1000;

export async function changeBillingDate(
  ctx: Ctx,
  customerId: string,
  input: BillingDateInput,
): Promise<BillingDateAnswer> {
  const mode = input.billing_date_mode ?? "manually_set";
  const customer = await customerForChange(ctx, customerId);
  if (mode === "manually_set" && input.billing_date == null) {
    throw unprocessable(
      "billing_date_required",
      "a billing date is set with billing_date (a day from 1 to 28)",
      { field: "billing_date" },
    );
  }
  if (mode === "using_defaults" || input.billing_date == null) {
    // the setting is cleared: contracts keep the day they renew on now
    const saved = await setBillingDate(ctx, customer, null);
    const answer = { customer: saved, contracts: [] };
    await announce(ctx, customerId, answer);
    return answer;
  }
  const day = assertBillingDate(input.billing_date);
  await lockCustomerContracts(ctx.db, ctx.tenantId, customer.id);
  const planned = [];
  for (const id of await findContractIdsOfCustomer(
    ctx.db,
    ctx.tenantId,
    customer.id,
    MAX_CONTRACTS,
  )) {
    const found = await loadBillingDateContract(ctx, id);
    if (!found) continue;
    const settled = settledRestarts(ctx, found.timeline);
    const period = await billingPeriodOf(ctx, found.row, ctx.clock.now(), settled);
    const nextStart = period.end.toZonedDateTime({ timeZone: period.timeZone }).toInstant();
    const next = await billingPeriodOf(ctx, found.row, nextStart, settled);
    planned.push({
      ...found,
      change: plannedBillingDate(ctx, found.row, settled, period, next, day),
    });
  }
  const saved = await setBillingDate(ctx, customer, day);
  for (const { row, timeline, change } of planned) {
    // re-anchored, or a restart still ahead (an earlier change) dropped
    const pending = (timeline.restarts ?? []).length !== (change.after.restarts ?? []).length;
    if (change.anchor !== null || pending) await saveBillingDate(ctx, row, timeline, change);
  }
  const answer = {
    customer: saved,
    contracts: planned.map(({ change: { after: _after, ...rest } }) => rest),
  };
  await announce(ctx, customerId, answer);
  return answer;
}

async function announce(ctx: Ctx, customerId: string, answer: BillingDateAnswer) {
  await ctx.emit({
    type: "customer.billing_date_changed",
    subjectType: "customer",
    subjectId: customerId,
    payload: answer,
  });
}
