/**
 * The dashboard: the tenant's key figures, a chosen period's figures against the previous
 * period (MRR, ARR, net revenue, new and churned contracts, churn rate, failed payments) and
 * monthly charts per currency. Every figure is as the API computed it, on the tenant's clock.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { operations } from "../../../sdk/src/schema.js";
import { BarChart, LineChart } from "../../shared/chart.js";
import { formatDateTime, formatMoney } from "../../shared/format.js";
import { Field, SelectField, Show, useAsync } from "../../shared/ui.js";
import type { PageProps } from "../main.js";

type Summary = operations["reports.summary"]["responses"][200]["content"]["application/json"];
type SummaryCurrency = Summary["currencies"][number];
type PeriodKind = Summary["period"];

const PERIODS: readonly (readonly [PeriodKind, string])[] = [
  ["last_30_days", "Last 30 days"],
  ["this_month", "This month so far"],
  ["last_month", "Last month"],
  ["this_quarter", "This quarter so far"],
  ["last_quarter", "Last quarter"],
  ["this_year", "This year so far"],
  ["last_year", "Last year"],
  ["custom", "Custom range"],
];

/** "25.00" → "+25.00 %"; "-50.00" → "−50.00 %"; null (nothing before) → "no base". */
function changeText(percent: string | null): string {
  if (percent === null) return "no base to compare";
  if (percent.startsWith("-")) return `−${percent.slice(1)} %`;
  return `+${percent} %`;
}

type Tile = { label: string; value: string; previous: string; change?: string | null };

function tiles(c: SummaryCurrency): Tile[] {
  const money = (v: string) => formatMoney(v, c.currency);
  const rate = (v: string | null) => (v === null ? "—" : `${v} %`);
  const { current: now, previous: before, change } = c;
  return [
    { label: "MRR", value: money(now.mrr), previous: money(before.mrr), change: change.mrr_growth },
    { label: "ARR", value: money(now.arr), previous: money(before.arr), change: change.mrr_growth },
    {
      label: "Net revenue",
      value: money(now.net_revenue),
      previous: money(before.net_revenue),
      change: change.net_revenue,
    },
    {
      label: "New contracts",
      value: String(now.new_contracts),
      previous: String(before.new_contracts),
      change: change.new_contracts,
    },
    {
      label: "Churned contracts",
      value: String(now.churned_contracts),
      previous: String(before.churned_contracts),
      change: change.churned_contracts,
    },
    { label: "Churn rate", value: rate(now.churn_rate), previous: rate(before.churn_rate) },
    {
      label: "Failed payments",
      value: `${now.failed_payments} (${money(now.failed_amount)})`,
      previous: `${before.failed_payments} (${money(before.failed_amount)})`,
      change: change.failed_amount,
    },
  ];
}

function PeriodFigures(props: { summary: Summary }): JSX.Element {
  const s = props.summary;
  return (
    <>
      <p class="muted" data-testid="period-range">
        {s.current.start} to {s.current.end}, against {s.previous.start} to {s.previous.end}
      </p>
      {s.currencies.length === 0 && <p>Nothing in this period or the one before.</p>}
      {s.currencies.map((c) => (
        <section key={c.currency} aria-labelledby={`period-${c.currency}`}>
          <h3 id={`period-${c.currency}`}>Figures in {c.currency}</h3>
          <dl class="tiles">
            {tiles(c).map((t) => (
              <div key={t.label}>
                <dt>{t.label}</dt>
                <dd>
                  <span class="tile-value">{t.value}</span>
                  <span class="tile-change">
                    {t.change !== undefined && <>{changeText(t.change)}; </>}
                    previous period {t.previous}
                  </span>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}

/**
 * The months the charts show for a period: from the previous period's first month to the
 * current period's last, at least six (ending at the same month) and at most 36.
 */
export function chartMonths(s: Pick<Summary, "current" | "previous">): {
  months: number;
  until: string;
} {
  const month = (date: string) => {
    const [y, m] = date.split("-").map(Number) as [number, number];
    return y * 12 + (m - 1);
  };
  const last = month(s.current.end);
  const span = last - month(s.previous.start) + 1;
  return { months: Math.min(36, Math.max(6, span)), until: s.current.end.slice(0, 7) };
}

function PeriodReport({
  api,
  onSummary,
}: Pick<PageProps, "api"> & { onSummary: (s: Summary) => void }): JSX.Element {
  const [period, setPeriod] = useState<PeriodKind>("this_month");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  // what is shown: a custom range is asked for only once both ends are applied
  const [applied, setApplied] = useState<{ from: string; to: string } | null>(null);
  const [summary] = useAsync(async () => {
    if (period === "custom" && !applied) return null;
    const query = period === "custom" && applied ? { period, ...applied } : { period };
    const s = (await api.GET("/v1/reports/summary", { params: { query } })).data;
    if (s) onSummary(s);
    return s;
  }, [period, applied?.from, applied?.to]);
  return (
    <section aria-labelledby="period-heading" class="period">
      <h2 id="period-heading">Against the previous period</h2>
      <form
        class="period-picker"
        aria-label="Choose the period"
        onSubmit={(e) => {
          e.preventDefault();
          if (period === "custom") setApplied({ from, to });
        }}
      >
        <SelectField
          label="Period"
          name="period"
          value={period}
          options={PERIODS}
          onChange={(p) => {
            setPeriod(p);
            setApplied(null);
          }}
        />
        {period === "custom" && (
          <>
            <Field label="From" name="from" type="date" value={from} onInput={setFrom} required />
            <Field label="To" name="to" type="date" value={to} onInput={setTo} required />
            <button type="submit">Show</button>
          </>
        )}
      </form>
      <div aria-live="polite">
        <Show value={summary}>
          {(s) =>
            s ? (
              <PeriodFigures summary={s} />
            ) : (
              <p class="muted">Choose the first and last day, then Show.</p>
            )
          }
        </Show>
      </div>
    </section>
  );
}

/** Month-by-month charts per currency over `range` (the months of the chosen period). */
function MonthCharts({
  api,
  range,
}: Pick<PageProps, "api"> & { range: { months: number; until: string } }): JSX.Element {
  const [dash] = useAsync(
    async () => (await api.GET("/v1/reports/dashboard", { params: { query: range } })).data,
    [range.months, range.until],
  );
  return (
    <Show value={dash}>
      {(d) => (
        <>
          <h2>Month by month</h2>
          <p class="muted" data-testid="chart-months">
            {d.currencies[0]?.months[0]?.month ?? range.until} to {range.until}
          </p>
          {d.currencies.length === 0 && <p>No contracts or invoices yet.</p>}
          {d.currencies.map((c) => {
            const labels = c.months.map((m) => m.month);
            return (
              <section key={c.currency} aria-labelledby={`cur-${c.currency}`}>
                <h3 id={`cur-${c.currency}`}>{c.currency}</h3>
                <div class="charts">
                  <LineChart
                    title={`Monthly recurring revenue (${c.currency})`}
                    labels={labels}
                    unit={c.currency}
                    series={[{ name: "MRR", values: c.months.map((m) => m.mrr), className: "s1" }]}
                  />
                  <BarChart
                    title={`Invoiced and collected per month (${c.currency})`}
                    labels={labels}
                    unit={c.currency}
                    series={[
                      {
                        name: "Invoiced",
                        values: c.months.map((m) => m.invoiced),
                        className: "s1",
                      },
                      {
                        name: "Collected",
                        values: c.months.map((m) => m.collected),
                        className: "s2",
                      },
                      {
                        name: "Credited",
                        values: c.months.map((m) => m.credited),
                        className: "s3",
                      },
                    ]}
                  />
                  <LineChart
                    title={`Active contracts (${c.currency})`}
                    labels={labels}
                    unit="contracts"
                    series={[
                      {
                        name: "Active contracts",
                        values: c.months.map((m) => String(m.active_contracts)),
                        className: "s2",
                      },
                    ]}
                  />
                </div>
              </section>
            );
          })}
        </>
      )}
    </Show>
  );
}

export function DashboardPage({ api }: PageProps): JSX.Element {
  // the key figures are now's: one month is enough
  const [dash] = useAsync(
    async () => (await api.GET("/v1/reports/dashboard", { params: { query: { months: 1 } } })).data,
    [],
  );
  const [range, setRange] = useState<{ months: number; until: string } | null>(null);
  return (
    <>
      <h1>Dashboard</h1>
      <Show value={dash}>
        {(d) => (
          <>
            <p class="muted">As of {formatDateTime(d.as_of)} (the tenant's clock).</p>
            <dl class="kpis">
              <div>
                <dt>Active contracts</dt>
                <dd>{d.active_contracts}</dd>
              </div>
              <div>
                <dt>Customers</dt>
                <dd>{d.customers}</dd>
              </div>
              <div>
                <dt>Open invoices</dt>
                <dd>{d.open_invoices}</dd>
              </div>
              {d.currencies.map((c) => (
                <div key={c.currency}>
                  <dt>MRR ({c.currency})</dt>
                  <dd>{formatMoney(c.mrr, c.currency)}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
      </Show>
      <PeriodReport api={api} onSummary={(s) => setRange(chartMonths(s))} />
      {range && <MonthCharts api={api} range={range} />}
    </>
  );
}
