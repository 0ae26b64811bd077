/**
 * The dashboard's figures: monthly recurring revenue and active contracts at the end of each
 * month (the current month: now), what was invoiced and credited by issue date, and what was
 * collected by payment date — per currency, all as of the tenant's clock.
 */
import { Temporal } from "temporal-polyfill";
import type { Static } from "typebox";
import { money, toDecimalString } from "../../domain/money/index.js";
import { type FeeSum, monthlyRecurring } from "../../domain/reports/mrr.js";
import type { Ctx } from "../context.js";
import { issuedTotalsByMonth } from "../invoicing/index.js";
import { collectedByMonth } from "../payments/index.js";
import { customerAndOpenInvoiceCounts, recurringFeesAt } from "./reports.repository.js";
import type {
  DashboardCurrencySchema,
  DashboardMonthSchema,
  DashboardSchema,
} from "./reports.schemas.js";

export type DashboardMonth = Static<typeof DashboardMonthSchema>;
export type DashboardCurrency = Static<typeof DashboardCurrencySchema>;
/** The dashboard as answered; DashboardSchema defines it. */
export type Dashboard = Static<typeof DashboardSchema>;

type MonthPoint = { month: string; start: Temporal.PlainDate; at: Temporal.Instant };

/** The last `count` calendar months (UTC) up to the one holding `now`; each measured at its end. */
export function monthPoints(now: Temporal.Instant, count: number): MonthPoint[] {
  const today = now.toZonedDateTimeISO("UTC").toPlainDate();
  const first = today.toPlainYearMonth().subtract({ months: count - 1 });
  const points: MonthPoint[] = [];
  for (let i = 0; i < count; i++) {
    const ym = first.add({ months: i });
    const start = ym.toPlainDate({ day: 1 });
    const end = start.add({ months: 1 }).toZonedDateTime("UTC").toInstant();
    // a month still running is measured now, not at its end
    const at = Temporal.Instant.compare(end, now) > 0 ? now : end.subtract({ nanoseconds: 1000 });
    points.push({ month: ym.toString(), start, at });
  }
  return points;
}

export async function dashboard(ctx: Ctx, input: { months: number }): Promise<Dashboard> {
  const now = ctx.clock.now();
  const points = monthPoints(now, input.months);
  const instants = points.map((p) => new Date(p.at.epochMilliseconds).toISOString());
  const from = points[0]!.start.toString();

  // recurring fees of the plan variant in force at each point, per currency and fee period
  const fees = await recurringFeesAt(ctx.db, ctx.tenantId, instants);
  const documents = await issuedTotalsByMonth(ctx.db, ctx.tenantId, from);
  const payments = await collectedByMonth(
    ctx.db,
    ctx.tenantId,
    `${from}T00:00:00Z`,
    instants[instants.length - 1]!,
  );
  const counts = await customerAndOpenInvoiceCounts(ctx.db, ctx.tenantId);

  const currencies = new Set<string>();
  for (const r of fees) currencies.add(r.currency);
  for (const r of documents) currencies.add(r.currency);
  for (const r of payments) currencies.add(r.currency);

  const pointKey = (at: Date) => at.toISOString();
  const out: DashboardCurrency[] = [...currencies].sort().map((currency) => {
    const months = points.map((p, i): DashboardMonth => {
      const key = pointKey(new Date(instants[i]!));
      const here = fees.filter((r) => r.currency === currency && pointKey(r.at) === key);
      const sums: FeeSum[] = here.map((r) => ({ unit: r.unit, count: r.count, amount: r.amount }));
      const doc = (kind: string) =>
        BigInt(
          documents.find((r) => r.currency === currency && r.month === p.month && r.kind === kind)
            ?.total ?? "0",
        );
      const collected = BigInt(
        payments.find((r) => r.currency === currency && r.month === p.month)?.total ?? "0",
      );
      const show = (minor: bigint) => toDecimalString(money(minor, currency));
      return {
        month: p.month,
        mrr: show(monthlyRecurring(currency, sums)),
        active_contracts: here.reduce((n, r) => n + Number(r.contracts), 0),
        invoiced: show(doc("invoice")),
        // credit notes carry negative totals; the dashboard shows what they gave back
        credited: show(-doc("credit_note")),
        collected: show(collected),
      };
    });
    const last = months[months.length - 1]!;
    return { currency, mrr: last.mrr, active_contracts: last.active_contracts, months };
  });

  return {
    as_of: now.toString(),
    active_contracts: out.reduce((n, c) => n + c.active_contracts, 0),
    customers: Number(counts.customers),
    open_invoices: Number(counts.open_invoices),
    currencies: out,
  };
}
