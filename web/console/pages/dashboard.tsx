/** The dashboard: the tenant's key figures and monthly charts per currency. */
import type { JSX } from "preact";
import { BarChart, LineChart } from "../../shared/chart.js";
import { formatDateTime, formatMoney } from "../../shared/format.js";
import { Show, useAsync } from "../../shared/ui.js";
import type { PageProps } from "../main.js";

export function DashboardPage({ api }: PageProps): JSX.Element {
  const [dash] = useAsync(
    async () =>
      (await api.GET("/v1/reports/dashboard", { params: { query: { months: 12 } } })).data,
    [],
  );
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
            {d.currencies.length === 0 && <p>No contracts or invoices yet.</p>}
            {d.currencies.map((c) => {
              const labels = c.months.map((m) => m.month);
              return (
                <section key={c.currency} aria-labelledby={`cur-${c.currency}`}>
                  <h2 id={`cur-${c.currency}`}>{c.currency}</h2>
                  <div class="charts">
                    <LineChart
                      title={`Monthly recurring revenue (${c.currency})`}
                      labels={labels}
                      unit={c.currency}
                      series={[
                        { name: "MRR", values: c.months.map((m) => m.mrr), className: "s1" },
                      ]}
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
                      title="Active contracts"
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
    </>
  );
}
