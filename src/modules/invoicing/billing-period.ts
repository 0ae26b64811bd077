/** A contract's current billing period as billing sees it (its term, for a term-end change). */
import type { Temporal } from "temporal-polyfill";
import type { Timeline } from "../../domain/contracts/phases.js";
import { notFound } from "../../domain/errors.js";
import { billingPeriodAt } from "../../domain/invoicing/index.js";
import { localDate, type Period } from "../../domain/time/index.js";
import type { Ctx } from "../context.js";
import type { ContractRow } from "../contracts/index.js";
import { findCustomer } from "../customers/index.js";
import { loadHistory } from "./invoicing.repository.js";

export type BillingPeriod = {
  /** The customer's calendar days [start, end). */
  start: Temporal.PlainDate;
  end: Temporal.PlainDate;
  alignment: "anniversary" | "calendar";
  timeZone: string;
  /** How long the plan variant's billing periods are. */
  length: Period;
};

/** The billing period holding `at` (the customer's day), on `timeline` (default: the stored one). */
export async function billingPeriodOf(
  ctx: Ctx,
  contract: ContractRow,
  at: Temporal.Instant,
  timeline?: Timeline,
): Promise<BillingPeriod> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, contract.customer_id);
  if (!customer) throw notFound("customer_not_found", `no customer ${contract.customer_id}`);
  const tz = customer.time_zone;
  const history = await loadHistory(ctx.db, ctx.tenantId, contract, tz, timeline);
  const { period, alignment, length } = billingPeriodAt(history, localDate(at, tz));
  return { start: period.start, end: period.end, alignment, timeZone: tz, length };
}
