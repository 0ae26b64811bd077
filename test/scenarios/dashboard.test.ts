/**
 * The dashboard's figures, derived by hand: MRR from the plans in force at each month's end,
 * invoiced and credited by issue date, collected by payment date.
 */
import { expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("dashboard", (t0) => {
  const server = () => t0.server;
  it("counts MRR, active contracts, invoiced, credited and collected per month", async () => {
    const t = await billingTenant(server(), "Dashboard", "2026-01-01T00:00:00Z");
    const { plan } = await t.plan();
    const monthly = await t.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "10.00",
      fee_period: { unit: "month", count: 1 },
    });
    const yearly = await t.variant(plan, {
      internal_name: "Yearly",
      recurring_fee: "120.00",
      fee_period: { unit: "year", count: 1 },
    });
    // two contracts at 10.00 a month (one with quantity 2: 20.00), one at 120.00 a year (10.00)
    const a = await t.signup(await t.customer(), monthly);
    await t.signup(await t.customer(), monthly, { quantity: "2" });
    await t.signup(await t.customer(), yearly);
    await t.run(); // January: 10.00 + 20.00 + 120.00 = 150.00 invoiced (net; no tax policy)

    await t.advance("2026-02-10T00:00:00Z");
    await t.run(); // February: the two monthly contracts again, 30.00
    const [janInvoice] = await t.invoices(a);
    const customerA = janInvoice.customer_id;
    await t.post("/v1/payments", {
      customer_id: customerA,
      amount: "20.00",
      currency: "EUR",
      method: "offline",
    }); // February: 20.00 collected (A's two invoices)
    await t.post(`/v1/invoices/${janInvoice.id}/credit_notes`, {
      lines: [{ line_id: janInvoice.lines[0].id, amount: "4.00" }],
      reason: "goodwill",
    }); // February: 4.00 credited
    // A ends at the end of February: March's MRR is 20.00 + 10.00
    await t.post(`/v1/contracts/${a}/end`, { end_date: "2026-03-01T00:00:00Z" });
    await t.advance("2026-03-15T00:00:00Z");

    const d = await t.get("/v1/reports/dashboard?months=3");
    expect(d.as_of).toBe("2026-03-15T00:00:00Z");
    expect(d.customers).toBe(3);
    expect(d.active_contracts).toBe(2);
    expect(d.currencies).toEqual([
      {
        currency: "EUR",
        mrr: "30.00",
        active_contracts: 2,
        months: [
          {
            month: "2026-01",
            mrr: "40.00",
            active_contracts: 3,
            invoiced: "150.00",
            credited: "0.00",
            collected: "0.00",
          },
          {
            month: "2026-02",
            mrr: "40.00",
            active_contracts: 3,
            invoiced: "30.00",
            credited: "4.00",
            collected: "20.00",
          },
          {
            month: "2026-03",
            mrr: "30.00",
            active_contracts: 2,
            invoiced: "0.00",
            credited: "0.00",
            collected: "0.00",
          },
        ],
      },
    ]);

    // the same months, ending at February: February is measured at its end
    const feb = await t.get("/v1/reports/dashboard?months=2&until=2026-02");
    expect(feb.currencies[0].months).toEqual(d.currencies[0].months.slice(0, 2));
    expect(feb.currencies[0].mrr).toBe("40.00");
    expect(feb.currencies[0].active_contracts).toBe(3);
    const later = await t.request("GET", "/v1/reports/dashboard?until=2026-04");
    expect(later.status).toBe(422);
    expect(later.body.error.code).toBe("invalid_report_period");
    const early = await t.request("GET", "/v1/reports/dashboard?until=1999-12");
    expect(early.status).toBe(400);
    expect(early.body.error.code).toBe("date_out_of_range");
  });

  it("sums up a period against the previous one: MRR, ARR, net revenue, churn, failed payments", async () => {
    const t = await billingTenant(server(), "Summary", "2026-01-01T00:00:00Z");
    const { plan } = await t.plan();
    const monthly = await t.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "10.00",
      fee_period: { unit: "month", count: 1 },
    });
    const yearly = (fee: string) =>
      t.variant(plan, {
        internal_name: `Yearly ${fee}`,
        recurring_fee: fee,
        fee_period: { unit: "year", count: 1 },
      });
    // 1 January: A 10.00 a month, B 2 × 10.00, C 120.00 a year (10.00): MRR 40.00
    const a = await t.signup(await t.customer(), monthly);
    const b = await t.signup(await t.customer(), monthly, { quantity: "2" });
    await t.signup(await t.customer(), await yearly("120.00"));
    await t.run(); // 1 January: 10.00 + 20.00 + 120.00 = 150.00 invoiced
    const customerOf = async (contract: string) => (await t.invoices(contract))[0].customer_id;
    const declined = (customer_id: string, amount: string) =>
      t.post("/v1/payments", {
        customer_id,
        amount,
        currency: "EUR",
        method: "card",
        card_number: "4000000000000002",
      });

    await t.advance("2026-02-10T00:00:00Z");
    await t.run(); // 10 February: A and B again, 30.00
    const [janInvoice] = await t.invoices(a);
    await t.post(`/v1/invoices/${janInvoice.id}/credit_notes`, {
      lines: [{ line_id: janInvoice.lines[0].id, amount: "4.00" }],
      reason: "goodwill",
    }); // 10 February: 4.00 credited
    expect((await declined(await customerOf(b), "15.00")).status).toBe("failed");
    await t.post(`/v1/contracts/${a}/end`, { end_date: "2026-03-01T00:00:00Z" }); // A churns

    await t.advance("2026-03-05T00:00:00Z");
    // 5 March: D, 240.00 a year (20.00 a month); no billing run in March
    const d = await t.signup(await t.customer(), await yearly("240.00"));
    await t.advance("2026-03-15T12:00:00Z");
    await t.run(); // 15 March: D's first year, 240.00, and B's March, 20.00
    expect((await declined(await customerOf(d), "7.50")).status).toBe("failed");

    // this month so far (1–15 March) against 1–15 February
    const month = await t.get("/v1/reports/summary?period=this_month");
    expect(month.as_of).toBe("2026-03-15T12:00:00Z");
    expect([month.current, month.previous]).toEqual([
      { start: "2026-03-01", end: "2026-03-15", measured_at: "2026-03-15T12:00:00Z" },
      { start: "2026-02-01", end: "2026-02-15", measured_at: "2026-02-15T23:59:59.999999Z" },
    ]);
    expect(month.currencies).toEqual([
      {
        currency: "EUR",
        current: {
          // B 20.00 + C 10.00 + D 20.00
          mrr: "50.00",
          arr: "600.00",
          invoiced: "260.00",
          credited: "0.00",
          net_revenue: "260.00",
          // A, B and C were in force on 28 February; A ended on 1 March, D started
          contracts_at_start: 3,
          new_contracts: 1,
          churned_contracts: 1,
          churn_rate: "33.33",
          failed_payments: 1,
          failed_amount: "7.50",
        },
        previous: {
          mrr: "40.00",
          arr: "480.00",
          invoiced: "30.00",
          credited: "4.00",
          net_revenue: "26.00",
          contracts_at_start: 3,
          new_contracts: 0,
          churned_contracts: 0,
          churn_rate: "0.00",
          failed_payments: 1,
          failed_amount: "15.00",
        },
        change: {
          mrr_growth: "25.00", // 40.00 → 50.00
          net_revenue: "900.00", // 26.00 → 260.00: 234/26 = 9
          new_contracts: null, // none before: no base
          churned_contracts: null,
          failed_amount: "-50.00", // 15.00 → 7.50
        },
      },
    ]);

    // the whole of February against the whole of January
    const last = await t.get("/v1/reports/summary?period=last_month");
    expect([last.current.start, last.current.end, last.previous.start, last.previous.end]).toEqual([
      "2026-02-01",
      "2026-02-28",
      "2026-01-01",
      "2026-01-31",
    ]);
    const [eur] = last.currencies;
    expect([eur.current.mrr, eur.current.net_revenue, eur.current.churned_contracts]).toEqual([
      "40.00",
      "26.00",
      0,
    ]);
    expect(eur.previous).toMatchObject({
      mrr: "40.00",
      net_revenue: "150.00",
      contracts_at_start: 0,
      new_contracts: 3,
      churn_rate: null, // nothing in force before 1 January
      failed_payments: 0,
      failed_amount: "0.00",
    });
    expect(eur.change).toEqual({
      mrr_growth: "0.00",
      net_revenue: "-82.67", // 150.00 → 26.00: −124/150 = −82.666…
      new_contracts: "-100.00",
      churned_contracts: null,
      failed_amount: null,
    });

    // a custom range: 1–15 March against the 15 days before (14–28 February: nothing issued)
    const custom = await t.get("/v1/reports/summary?period=custom&from=2026-03-01&to=2026-03-15");
    expect(custom.currencies[0].current).toEqual(month.currencies[0].current);
    expect(custom.previous).toEqual({
      start: "2026-02-14",
      end: "2026-02-28",
      measured_at: "2026-02-28T23:59:59.999999Z",
    });
    expect(custom.currencies[0].previous).toMatchObject({
      mrr: "40.00",
      net_revenue: "0.00",
      failed_payments: 0,
    });

    // refused: a custom range without its ends or backwards, ends with a named period
    const refused = async (query: string, status = 422) => {
      const res = await t.request("GET", `/v1/reports/summary?${query}`);
      expect(res.status, query).toBe(status);
      return res.body.error.code;
    };
    expect(await refused("period=custom&from=2026-03-01")).toBe("invalid_report_period");
    expect(await refused("period=custom&from=2026-03-02&to=2026-03-01")).toBe(
      "invalid_report_period",
    );
    expect(await refused("period=this_month&from=2026-03-01")).toBe("invalid_report_period");
    expect(await refused("period=fortnight", 400)).toBeTruthy();

    // another tenant sees none of it
    const other = await server().createTenant("Elsewhere");
    const foreign = await server().get("/v1/reports/summary", { key: other.api_key });
    expect(foreign.body.currencies).toEqual([]);
  });

  it("finds customers by part of a name or e-mail, with LIKE's wildcards taken literally", async () => {
    const t = await billingTenant(server(), "Search", "2026-01-01T00:00:00Z");
    await t.customer({ company_name: "Nordlicht GmbH", email: "billing@nordlicht.example" });
    await t.customer({ first_name: "Ada", last_name: "Lovelace", email: "ada@x.example" });
    await t.customer({ company_name: "100% Bio AG", email: "bio@x.example" });
    const names = async (q: string) =>
      (await t.get(`/v1/customers?q=${encodeURIComponent(q)}`)).data.map(
        (c: { display_name: string }) => c.display_name,
      );
    expect(await names("nordLICHT")).toEqual(["Nordlicht GmbH"]);
    expect(await names("lovelace")).toEqual(["Ada Lovelace"]);
    expect(await names("ada@x")).toEqual(["Ada Lovelace"]);
    expect(await names("ada lovelace")).toEqual(["Ada Lovelace"]);
    expect(await names("100%")).toEqual(["100% Bio AG"]);
    expect(await names("%")).toEqual(["100% Bio AG"]);
    expect(await names("_")).toEqual([]);
    const other = await server().createTenant("Elsewhere");
    const foreign = await server().get("/v1/customers?q=nordlicht", { key: other.api_key });
    expect(foreign.body.data).toEqual([]);
  });
});
