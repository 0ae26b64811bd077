/**
 * The dashboard's figures: monthly recurring revenue and active contracts at the end of each
 * month (the current month: now), what was invoiced and credited by issue date, and what was
 * collected by payment date — per currency, all as of the tenant's clock.
 */
import { sql } from "kysely";
import { Temporal } from "temporal-polyfill";
import { money, toDecimalString } from "../../domain/money/index.js";
import { type FeeSum, type FeeUnit, monthlyRecurring } from "../../domain/reports/mrr.js";
import type { Ctx } from "../context.js";
import { INVOICE_DUE } from "../payments/index.js";

export type DashboardMonth = {
  month: string;
  mrr: string;
  active_contracts: number;
  invoiced: string;
  credited: string;
  collected: string;
};
export type DashboardCurrency = {
  currency: string;
  mrr: string;
  active_contracts: number;
  months: DashboardMonth[];
};
export type Dashboard = {
  as_of: string;
  active_contracts: number;
  customers: number;
  open_invoices: number;
  currencies: DashboardCurrency[];
};

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
  const fees = await sql<{
    at: Date;
    currency: string;
    unit: FeeUnit;
    count: number;
    contracts: string;
    amount: string;
  }>`
    SELECT p.at, c.currency, v.fee_period->>'unit' AS unit, (v.fee_period->>'count')::int AS count,
           count(*)::text AS contracts, sum(v.recurring_fee::numeric * ph.quantity::numeric)::text AS amount
    FROM unnest(${instants}::timestamptz[]) AS p(at)
    JOIN contracts c ON c.tenant_id = ${ctx.tenantId} AND c.active_id IS NULL AND c.start_at <= p.at
      AND (c.end_at IS NULL OR c.end_at > p.at)
    CROSS JOIN LATERAL (
      SELECT type, plan_variant_id, quantity FROM contract_phases
      WHERE contract_id = c.id AND start_at <= p.at ORDER BY start_at DESC LIMIT 1
    ) ph
    JOIN plan_variants v ON v.id = ph.plan_variant_id
    WHERE ph.type = 'normal'
    GROUP BY p.at, c.currency, unit, count
  `.execute(ctx.db);

  const documents = await sql<{ month: string; currency: string; kind: string; total: string }>`
    SELECT to_char(issue_date::date, 'YYYY-MM') AS month, currency, kind, sum(total_gross)::text AS total
    FROM invoices
    WHERE tenant_id = ${ctx.tenantId} AND status = 'finalized' AND issue_date >= ${from}
    GROUP BY 1, 2, 3
  `.execute(ctx.db);

  const payments = await sql<{ month: string; currency: string; total: string }>`
    SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, currency,
           sum(CASE WHEN kind = 'refund' THEN -amount ELSE amount END)::text AS total
    FROM payments
    WHERE tenant_id = ${ctx.tenantId} AND status = 'succeeded' AND kind IN ('payment', 'refund')
      AND received_at >= ${`${from}T00:00:00Z`}::timestamptz
      AND received_at <= ${instants[instants.length - 1]}::timestamptz
    GROUP BY 1, 2
  `.execute(ctx.db);

  const counts = await sql<{ customers: string; open_invoices: string }>`
    SELECT (SELECT count(*) FROM customers WHERE tenant_id = ${ctx.tenantId} AND deleted_at IS NULL
              AND active_id IS NULL)::text AS customers,
           (SELECT count(*) FROM invoices i WHERE i.tenant_id = ${ctx.tenantId} AND i.kind = 'invoice'
              AND i.status = 'finalized' AND ${INVOICE_DUE} > 0)::text AS open_invoices
  `.execute(ctx.db);

  const currencies = new Set<string>();
  for (const r of fees.rows) currencies.add(r.currency);
  for (const r of documents.rows) currencies.add(r.currency);
  for (const r of payments.rows) currencies.add(r.currency);

  const pointKey = (at: Date) => at.toISOString();
  const out: DashboardCurrency[] = [...currencies].sort().map((currency) => {
    const months = points.map((p, i): DashboardMonth => {
      const key = pointKey(new Date(instants[i]!));
      const here = fees.rows.filter((r) => r.currency === currency && pointKey(r.at) === key);
      const sums: FeeSum[] = here.map((r) => ({ unit: r.unit, count: r.count, amount: r.amount }));
      const doc = (kind: string) =>
        BigInt(
          documents.rows.find(
            (r) => r.currency === currency && r.month === p.month && r.kind === kind,
          )?.total ?? "0",
        );
      const collected = BigInt(
        payments.rows.find((r) => r.currency === currency && r.month === p.month)?.total ?? "0",
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

  const row = counts.rows[0]!;
  return {
    as_of: now.toString(),
    active_contracts: out.reduce((n, c) => n + c.active_contracts, 0),
    customers: Number(row.customers),
    open_invoices: Number(row.open_invoices),
    currencies: out,
  };
}
