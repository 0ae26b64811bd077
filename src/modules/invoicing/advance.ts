/**
 * A contract's renewals invoiced in advance as billing sees them: its next renewal, where the
 * advance charges made by today run through, and where charging the next `n` renewals would.
 */
import type { Temporal } from "temporal-polyfill";
import type { Timeline } from "../../domain/contracts/phases.js";
import { notFound } from "../../domain/errors.js";
import { type AdvanceGrant, advanceAt } from "../../domain/invoicing/index.js";
import { localDate } from "../../domain/time/index.js";
import type { Ctx } from "../context.js";
import type { ContractRow } from "../contracts/index.js";
import { findCustomer } from "../customers/index.js";
import { loadHistory } from "./invoicing.repository.js";

export type AdvanceState = {
  /** The customer's calendar days. */
  today: Temporal.PlainDate;
  renewal: Temporal.PlainDate;
  chargedThrough: Temporal.PlainDate | null;
  /** The end of the next `n` renewals not invoiced yet. */
  through: Temporal.PlainDate;
  /** The advance charges made by today, the schedule's included. */
  grants: readonly AdvanceGrant[];
  timeZone: string;
};

export async function advanceStateOf(
  ctx: Ctx,
  contract: ContractRow,
  n = 0,
  timeline?: Timeline,
): Promise<AdvanceState> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, contract.customer_id);
  if (!customer) throw notFound("customer_not_found", `no customer ${contract.customer_id}`);
  const tz = customer.time_zone;
  const history = await loadHistory(ctx.db, ctx.tenantId, contract, tz, timeline);
  const today = localDate(ctx.clock.now(), tz);
  return { today, ...advanceAt(history, today, n), timeZone: tz };
}
