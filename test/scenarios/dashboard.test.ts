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
