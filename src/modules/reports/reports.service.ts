/**
 * The dashboard's figures: monthly recurring revenue and active contracts at the end of each
 * month (the current month: now), what was invoiced and credited by issue date, and what was
 * collected by payment date — per currency, all as of the tenant's clock.
 */
import { Temporal } from "temporal-polyfill";
import type { Static } from "typebox";
import { unprocessable } from "../../domain/errors.js";
import { money, toDecimalString } from "../../domain/money/index.js";
import { type FeeSum, monthlyRecurring } from "../../domain/reports/mrr.js";
import {
  customRangeProblem,
  type DayRange,
  dayStart,
  growthPercent,
  measuredAt,
  type PeriodKind,
  ratePercent,
  resolvePeriods,
} from "../../domain/reports/periods.js";
import { assertDateInRange } from "../../domain/time/index.js";
import type { Ctx } from "../context.js";
import { contractMovements } from "../contracts/index.js";
import { issuedTotalsBetween, issuedTotalsByMonth } from "../invoicing/index.js";
import { collectedByMonth, failedPaymentsBetween } from "../payments/index.js";
import { customerAndOpenInvoiceCounts, recurringFeesAt } from "./reports.repository.js";
import type {
  DashboardCurrencySchema,
  DashboardMonthSchema,
  DashboardSchema,
  PeriodFiguresSchema,
  ReportSummarySchema,
  SummaryCurrencySchema,
} from "./reports.schemas.js";

export type DashboardMonth = Static<typeof DashboardMonthSchema>;
export type DashboardCurrency = Static<typeof DashboardCurrencySchema>;
/** The dashboard as answered; DashboardSchema defines it. */
export type Dashboard = Static<typeof DashboardSchema>;

type MonthPoint = { month: string; start: Temporal.PlainDate; at: Temporal.Instant };

/**
 * `count` calendar months (UTC) up to `until` (by default the one holding `now`); each
 * measured at its end, or now while it runs.
 */
export function monthPoints(
  now: Temporal.Instant,
  count: number,
  until?: Temporal.PlainYearMonth,
): MonthPoint[] {
  const last = until ?? now.toZonedDateTimeISO("UTC").toPlainDate().toPlainYearMonth();
  const first = last.subtract({ months: count - 1 });
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

export async function dashboard(
  ctx: Ctx,
  input: { months: number; until?: string | undefined },
): Promise<Dashboard> {
  const now = ctx.clock.now();
  let until: Temporal.PlainYearMonth | undefined;
  if (input.until !== undefined) {
    until = Temporal.PlainYearMonth.from(input.until);
    assertDateInRange(until.toPlainDate({ day: 1 }), "until", input.until);
    const current = now.toZonedDateTimeISO("UTC").toPlainDate().toPlainYearMonth();
    if (Temporal.PlainYearMonth.compare(until, current) > 0) {
      throw unprocessable(
        "invalid_report_period",
        `until (${input.until}) is after the tenant clock's month (${current.toString()})`,
        { field: "until" },
      );
    }
  }
  const points = monthPoints(now, input.months, until);
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

export type PeriodFigures = Static<typeof PeriodFiguresSchema>;
export type SummaryCurrency = Static<typeof SummaryCurrencySchema>;
/** The period summary as answered; ReportSummarySchema defines it. */
export type ReportSummary = Static<typeof ReportSummarySchema>;

/** A period's figures per currency, in minor units and counts. */
type Raw = {
  mrr: bigint;
  invoiced: bigint;
  credited: bigint;
  atStart: number;
  started: number;
  ended: number;
  failed: number;
  failedAmount: bigint;
};

const EMPTY: Raw = {
  mrr: 0n,
  invoiced: 0n,
  credited: 0n,
  atStart: 0,
  started: 0,
  ended: 0,
  failed: 0,
  failedAmount: 0n,
};

const iso = (i: Temporal.Instant) => new Date(i.epochMilliseconds).toISOString();
/** An instant with its microseconds, as PostgreSQL keeps them. */
const isoMicros = (i: Temporal.Instant) => i.toString({ smallestUnit: "microsecond" });

/** One range's figures per currency, read from each owner. */
async function rangeFigures(
  ctx: Ctx,
  range: DayRange,
  now: Temporal.Instant,
): Promise<Map<string, Raw>> {
  const start = dayStart(range.start);
  const at = measuredAt(range, now);
  const [fees, documents, movements, failed] = await Promise.all([
    recurringFeesAt(ctx.db, ctx.tenantId, [isoMicros(at)]),
    issuedTotalsBetween(ctx.db, ctx.tenantId, range.start.toString(), range.end.toString()),
    contractMovements(ctx.db, ctx.tenantId, { start: iso(start), at: isoMicros(at) }),
    failedPaymentsBetween(ctx.db, ctx.tenantId, iso(start), isoMicros(at)),
  ]);
  const out = new Map<string, Raw>();
  const of = (currency: string): Raw => {
    let raw = out.get(currency);
    if (!raw) {
      raw = { ...EMPTY };
      out.set(currency, raw);
    }
    return raw;
  };
  const sums = new Map<string, FeeSum[]>();
  for (const r of fees) {
    const list = sums.get(r.currency) ?? [];
    list.push({ unit: r.unit, count: r.count, amount: r.amount });
    sums.set(r.currency, list);
  }
  for (const [currency, list] of sums) of(currency).mrr = monthlyRecurring(currency, list);
  for (const r of documents) {
    // credit notes carry negative totals; the report shows what they gave back
    if (r.kind === "invoice") of(r.currency).invoiced += BigInt(r.total);
    else of(r.currency).credited -= BigInt(r.total);
  }
  for (const r of movements) {
    const raw = of(r.currency);
    raw.atStart = Number(r.at_start);
    raw.started = Number(r.started);
    raw.ended = Number(r.ended);
  }
  for (const r of failed) {
    const raw = of(r.currency);
    raw.failed = Number(r.count);
    raw.failedAmount = BigInt(r.total);
  }
  return out;
}

function figures(raw: Raw, currency: string): PeriodFigures {
  const show = (minor: bigint) => toDecimalString(money(minor, currency));
  return {
    mrr: show(raw.mrr),
    arr: show(raw.mrr * 12n),
    invoiced: show(raw.invoiced),
    credited: show(raw.credited),
    net_revenue: show(raw.invoiced - raw.credited),
    contracts_at_start: raw.atStart,
    new_contracts: raw.started,
    churned_contracts: raw.ended,
    churn_rate: ratePercent(raw.ended, raw.atStart),
    failed_payments: raw.failed,
    failed_amount: show(raw.failedAmount),
  };
}

/**
 * The figures of a period and of the previous one of the same length, per currency, on the
 * tenant's clock (see src/domain/reports/periods.ts for the periods).
 */
export async function reportSummary(
  ctx: Ctx,
  input: { period: PeriodKind; from?: string | undefined; to?: string | undefined },
): Promise<ReportSummary> {
  const now = ctx.clock.now();
  const today = now.toZonedDateTimeISO("UTC").toPlainDate();
  let custom: { from: Temporal.PlainDate; to: Temporal.PlainDate } | undefined;
  if (input.period === "custom") {
    if (!input.from || !input.to) {
      throw unprocessable("invalid_report_period", "a custom period needs from and to", {
        field: input.from ? "to" : "from",
      });
    }
    custom = { from: Temporal.PlainDate.from(input.from), to: Temporal.PlainDate.from(input.to) };
    const problem = customRangeProblem(custom.from, custom.to);
    if (problem) throw unprocessable("invalid_report_period", problem, { field: "to" });
  } else if (input.from !== undefined || input.to !== undefined) {
    throw unprocessable("invalid_report_period", "from and to go with a custom period only", {
      field: input.from !== undefined ? "from" : "to",
    });
  }
  const periods = resolvePeriods(input.period, today, custom);
  const [current, previous] = await Promise.all([
    rangeFigures(ctx, periods.current, now),
    rangeFigures(ctx, periods.previous, now),
  ]);
  const currencies = [...new Set([...current.keys(), ...previous.keys()])].sort();
  const range = (r: DayRange) => ({
    start: r.start.toString(),
    end: r.end.subtract({ days: 1 }).toString(),
    measured_at: measuredAt(r, now).toString(),
  });
  return {
    as_of: now.toString(),
    period: input.period,
    current: range(periods.current),
    previous: range(periods.previous),
    currencies: currencies.map((currency): SummaryCurrency => {
      const cur = current.get(currency) ?? EMPTY;
      const prev = previous.get(currency) ?? EMPTY;
      return {
        currency,
        current: figures(cur, currency),
        previous: figures(prev, currency),
        change: {
          mrr_growth: growthPercent(prev.mrr, cur.mrr),
          net_revenue: growthPercent(prev.invoiced - prev.credited, cur.invoiced - cur.credited),
          new_contracts: growthPercent(prev.started, cur.started),
          churned_contracts: growthPercent(prev.ended, cur.ended),
          failed_amount: growthPercent(prev.failedAmount, cur.failedAmount),
        },
      };
    }),
  };
}
