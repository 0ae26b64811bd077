/**
 * Estimates (Chargebee: estimates). A new subscription's first invoice, for a customer stored
 * or given inline: the signup really runs (the order, its fulfilment) in a savepoint the
 * caller rolls back, and the billing preview answers its first settlement. The upcoming
 * invoices of a customer: what billing would invoice for each of its contracts at its next
 * billing date, by the billing preview, with the totals per currency. Nothing is written.
 *
 * Pausing and resuming run the subscription actions (now, or scheduled and executed at their
 * dates on a clock standing there) before the preview.
 *
 * Modules: customers (the customer), contracts (orders, contracts), actions (pause, resume),
 * invoicing (the preview).
 */
import { Temporal } from "temporal-polyfill";
import { fixedClock } from "../domain/clock.js";
import { notFound, unprocessable } from "../domain/errors.js";
import { fromDecimalString, money, toDecimalString } from "../domain/money/index.js";
import { parseTimestamp } from "../domain/time/index.js";
import { yielder } from "../lib/yield.js";
import { executeScheduledAction, findAction, submitAction } from "../modules/actions/index.js";
import type { Ctx } from "../modules/context.js";
import {
  createSignupOrder,
  findContract,
  findContractIdsOfCustomer,
  type SignupInput,
} from "../modules/contracts/index.js";
import {
  type CustomerInputData,
  createCustomer,
  findCustomer,
} from "../modules/customers/index.js";
import { type BillingPreview, previewSettlement } from "../modules/invoicing/index.js";
import { fulfilForPricing } from "./orders.js";

/** At most this many contracts of a customer are estimated. */
const MAX_CONTRACTS = 500;

export type UpcomingInvoices = {
  customer_id: string;
  /** One preview per contract billing has still to look at, at its next billing date. */
  invoices: { next_billing_at: string; invoice: BillingPreview }[];
  /** Per currency: the sums of the previews' totals. */
  totals: { currency: string; total_net: string; total_tax: string; total_gross: string }[];
};

export async function upcomingInvoices(ctx: Ctx, customerId: string): Promise<UpcomingInvoices> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  if (!customer)
    throw notFound("customer_not_found", `no customer ${customerId}`, { id: customerId });
  await ctx.guard({ kind: "customer", row: customer });
  const ids = await findContractIdsOfCustomer(ctx.db, ctx.tenantId, customerId, MAX_CONTRACTS);
  const invoices: UpcomingInvoices["invoices"] = [];
  // up to MAX_CONTRACTS previews, each a few statements and a computation: the event loop
  // runs between them and within a long one (an embedded database answers on its thread)
  const yields = yielder();
  for (const id of ids.sort()) {
    await yields.pause();
    const row = await findContract(ctx.db, ctx.tenantId, id);
    // ended and fully billed, frozen (billing leaves it alone), or a copy a transfer left behind
    if (!row || row.next_billing_at === null || row.billing_frozen || row.active_id !== null)
      continue;
    const due = Temporal.Instant.fromEpochMilliseconds(row.next_billing_at.getTime());
    const now = ctx.clock.now();
    const at = Temporal.Instant.compare(due, now) > 0 ? due : now;
    const preview = await previewSettlement(ctx, id, { at, yields });
    invoices.push({ next_billing_at: row.next_billing_at.toISOString(), invoice: preview });
  }
  const sums = new Map<string, { net: bigint; tax: bigint; gross: bigint }>();
  const minor = (s: string, c: string) => fromDecimalString(s, c).amount;
  for (const { invoice: p } of invoices) {
    const s = sums.get(p.currency) ?? { net: 0n, tax: 0n, gross: 0n };
    s.net += minor(p.total_net, p.currency);
    s.tax += minor(p.total_tax, p.currency);
    s.gross += minor(p.total_gross, p.currency);
    sums.set(p.currency, s);
  }
  const str = (a: bigint, c: string) => toDecimalString(money(a, c));
  return {
    customer_id: customerId,
    invoices,
    totals: [...sums.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([c, s]) => ({
        currency: c,
        total_net: str(s.net, c),
        total_tax: str(s.tax, c),
        total_gross: str(s.gross, c),
      })),
  };
}

/**
 * The first invoice of a new subscription: the signup order is created and fulfilled (as
 * committing it would), then the contract's first settlement is previewed at its start (or
 * now, if later). Run it in a savepoint that is rolled back.
 */
export async function signupEstimate(ctx: Ctx, input: SignupInput): Promise<BillingPreview> {
  const order = await createSignupOrder(ctx, input);
  await fulfilForPricing(ctx, order.id);
  const contract = await findContract(ctx.db, ctx.tenantId, order.contract_id);
  const now = ctx.clock.now();
  const start = contract
    ? Temporal.Instant.fromEpochMilliseconds(contract.start_at.getTime())
    : now;
  const at = Temporal.Instant.compare(start, now) > 0 ? start : now;
  return previewSettlement(ctx, order.contract_id, { at });
}

/** The same for a customer not stored yet, given inline: created first, in the savepoint. */
export async function newCustomerSignupEstimate(
  ctx: Ctx,
  input: { customer: CustomerInputData; subscription: Omit<SignupInput, "customer_id"> },
): Promise<BillingPreview> {
  const customer = await createCustomer(ctx, input.customer);
  return signupEstimate(ctx, { ...input.subscription, customer_id: customer.id });
}

/** When a pause starts and ends: absent, now and never. */
export type PauseDates = { pause_date?: string | undefined; resume_date?: string | undefined };

/**
 * What pausing (a rest action) or resuming (ending the rest) the contract would bill or
 * credit. Now: the action runs now, then the contract's settlement is previewed now. On a
 * date (`pause_date`), and with a resume date: the actions are scheduled as the API schedules
 * them, and each runs as the scheduled actions job runs it, on the tenant's clock standing at
 * its date; the settlement is previewed at the last of them. Run it in a savepoint that is
 * rolled back; a refusal is the action's.
 */
export async function pauseEstimate(
  ctx: Ctx,
  action: "rest" | "end_resting",
  contractId: string,
  dates: PauseDates = {},
): Promise<BillingPreview> {
  const { pause_date: pause, resume_date: resume } = dates;
  if (pause !== undefined && resume !== undefined) {
    const [p, r] = [parseTimestamp(pause, "pause_date"), parseTimestamp(resume, "resume_date")];
    if (Temporal.Instant.compare(r, p) <= 0) {
      throw unprocessable("end_before_start", "the resume date must be after the pause date", {
        field: "resume_date",
      });
    }
  }
  const scheduled = [];
  if (pause === undefined) await submitAction(ctx, action, { contract_id: contractId });
  else
    scheduled.push(
      await submitAction(ctx, action, { contract_id: contractId, scheduled_date: pause }),
    );
  if (resume !== undefined) {
    scheduled.push(
      await submitAction(ctx, "end_resting", { contract_id: contractId, scheduled_date: resume }),
    );
  }
  const instantOf = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());
  let then = ctx;
  for (const submitted of scheduled) {
    const row = await findAction(ctx.db, ctx.tenantId, submitted.id, { forUpdate: true });
    if (!row?.scheduled_date) throw new Error(`scheduled action ${submitted.id} went missing`);
    then = { ...ctx, clock: fixedClock(instantOf(row.scheduled_date)) };
    await executeScheduledAction(then, row);
  }
  return previewSettlement(then, contractId);
}
