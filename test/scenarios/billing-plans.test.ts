/**
 * Billing of every plan shape on a test clock, through the HTTP API: yearly plans, fee and
 * billing periods that differ, postpaid fees, trials, calendar alignment, component quantities
 * changing mid-period, metered usage (tiered with a free quota, volume), customers far from UTC,
 * backdated changes and ends, concurrent runs, and gross prices. Each scenario runs in a tenant
 * of its own with its own clock. Every line is asserted exactly; every amount is derived in a
 * comment.
 */
import { expect, it } from "vitest";
import { billingTenant, lines } from "../billing-tenant.js";
import { describeServer } from "../server.js";

const monthly = { unit: "month", count: 1 } as const;
const yearly = { unit: "year", count: 1 } as const;

describeServer("billing plans", (t) => {
  /** The metered usage scenario's tenant and contract, continued by a later test. */
  const metered: {
    api?: Awaited<ReturnType<typeof tenant>>;
    contract?: string;
    calls?: string;
  } = {};

  const tenant = (name: string, at: string) => billingTenant(t.server, name, at);

  it("a yearly plan is billed once a year", async () => {
    const a = await tenant("Yearly", "2026-01-15T10:00:00Z");
    const { plan } = await a.plan();
    const v = await a.variant(plan, {
      internal_name: "Yearly",
      recurring_fee: "120",
      fee_period: yearly,
      billing_period: yearly,
    });
    const contract = await a.signup(await a.customer(), v);

    expect(await a.run()).toMatchObject({ contracts_billed: 1, invoices_created: 1 });
    const [first] = await a.invoices(contract);
    expect(lines(first)).toEqual([
      ["Yearly", "2026-01-15..2027-01-15", "1", "120", "120.00"], // the whole year in advance
    ]);
    expect(first).toMatchObject({
      kind: "invoice",
      number: "INV-000001",
      issue_date: "2026-01-15",
      due_date: "2026-01-29", // 14 days' payment terms
      service_period_start: "2026-01-15",
      service_period_end: "2027-01-15",
      total_net: "120.00",
      total_tax: "0.00",
      total_gross: "120.00",
    });

    // nothing is due until the next year: the contract is not even looked at
    for (const at of ["2026-02-15T10:00:00Z", "2026-07-15T10:00:00Z", "2027-01-14T23:59:59Z"]) {
      await a.advance(at);
      expect(await a.run()).toBeNull();
    }
    await a.advance("2027-01-15T00:00:00Z");
    expect(await a.run()).toMatchObject({ invoices_created: 1 });
    const all = await a.invoices(contract);
    expect(all).toHaveLength(2);
    expect(lines(all[1])).toEqual([["Yearly", "2027-01-15..2028-01-15", "1", "120", "120.00"]]);
    expect(all[1]).toMatchObject({ number: "INV-000002", total_net: "120.00" });
  });

  it("a yearly fee billed monthly is billed whole, once; a monthly fee billed yearly is billed 12 times at once", async () => {
    const a = await tenant("Mixed periods", "2026-01-15T10:00:00Z");
    const { plan } = await a.plan();
    const yearFee = await a.variant(plan, {
      internal_name: "Year fee",
      recurring_fee: "120",
      fee_period: yearly,
      billing_period: monthly,
    });
    const monthFee = await a.variant(plan, {
      internal_name: "Month fee",
      recurring_fee: "10",
      fee_period: monthly,
      billing_period: yearly,
    });
    const customer = await a.customer();
    const c1 = await a.signup(customer, yearFee);
    const c2 = await a.signup(customer, monthFee);

    expect(await a.run()).toMatchObject({ contracts_billed: 2, invoices_created: 2 });
    const [y] = await a.invoices(c1);
    // prepaid: the fee is due when the billing period holding the fee period's start begins
    expect(lines(y)).toEqual([["Year fee", "2026-01-15..2027-01-15", "1", "120", "120.00"]]);
    const [m] = await a.invoices(c2);
    // the billing period Jan 15, 2026 – Jan 15, 2027 holds 12 fee periods, each 10.00
    const months = [
      "2026-01-15..2026-02-15",
      "2026-02-15..2026-03-15",
      "2026-03-15..2026-04-15",
      "2026-04-15..2026-05-15",
      "2026-05-15..2026-06-15",
      "2026-06-15..2026-07-15",
      "2026-07-15..2026-08-15",
      "2026-08-15..2026-09-15",
      "2026-09-15..2026-10-15",
      "2026-10-15..2026-11-15",
      "2026-11-15..2026-12-15",
      "2026-12-15..2027-01-15",
    ];
    expect(lines(m)).toEqual(months.map((p) => ["Month fee", p, "1", "10", "10.00"]));
    expect(m).toMatchObject({
      service_period_start: "2026-01-15",
      service_period_end: "2027-01-15",
      total_net: "120.00", // 12 × 10.00
    });

    // the monthly billing of the yearly fee finds nothing more to bill until the year is over
    for (const at of ["2026-02-15T10:00:00Z", "2026-06-15T10:00:00Z", "2026-12-15T10:00:00Z"]) {
      await a.advance(at);
      const r = await a.run();
      expect(r).toMatchObject({ contracts_billed: 1, invoices_created: 0 }); // c1 only
    }
    expect(await a.invoices(c1)).toHaveLength(1);
    expect(await a.invoices(c2)).toHaveLength(1);

    await a.advance("2027-01-15T10:00:00Z");
    expect(await a.run()).toMatchObject({ contracts_billed: 2, invoices_created: 2 });
    expect(lines((await a.invoices(c1))[1])).toEqual([
      ["Year fee", "2027-01-15..2028-01-15", "1", "120", "120.00"],
    ]);
    const next = (await a.invoices(c2))[1];
    expect(next.lines).toHaveLength(12);
    expect(lines(next)[0]).toEqual(["Month fee", "2027-01-15..2027-02-15", "1", "10", "10.00"]);
    expect(lines(next)[11]).toEqual(["Month fee", "2027-12-15..2028-01-15", "1", "10", "10.00"]);
    expect(next.total_net).toBe("120.00");
  });

  it("a postpaid monthly fee is billed at the end of its period, and pro rata at the end", async () => {
    const a = await tenant("Postpaid", "2026-01-15T10:00:00Z");
    const { plan } = await a.plan();
    const v = await a.variant(plan, {
      internal_name: "Postpaid",
      recurring_fee: "30",
      fee_period: monthly,
      payment_period_mode: "postpaid",
    });
    const contract = await a.signup(await a.customer(), v);

    // looked at on its first day, but nothing is due before Feb 15
    expect(await a.run()).toMatchObject({ contracts_billed: 1, invoices_created: 0 });
    await a.advance("2026-02-14T23:59:59Z");
    expect(await a.run()).toBeNull();
    await a.advance("2026-02-15T00:00:00Z");
    expect(await a.run()).toMatchObject({ invoices_created: 1 });
    await a.advance("2026-03-15T00:00:00Z");
    expect(await a.run()).toMatchObject({ invoices_created: 1 });
    const [feb, mar] = await a.invoices(contract);
    expect(lines(feb)).toEqual([["Postpaid", "2026-01-15..2026-02-15", "1", "30", "30.00"]]);
    expect(feb).toMatchObject({ issue_date: "2026-02-15", total_net: "30.00" });
    expect(lines(mar)).toEqual([["Postpaid", "2026-02-15..2026-03-15", "1", "30", "30.00"]]);

    // ended on Mar 31: the final settlement bills the days used of Mar 15 – Apr 15
    await a.post(`/v1/contracts/${contract}/end`, { end_date: "2026-03-31T10:00:00Z" });
    await a.advance("2026-03-31T10:00:00Z");
    expect(await a.run()).toMatchObject({ invoices_created: 1 });
    const last = (await a.invoices(contract))[2];
    expect(lines(last)).toEqual([
      // Mar 15 – Apr 15 has 31 days, Mar 15 – Mar 31 16 of them: 30 × 16/31 = 15.4838… → 15.48
      ["Postpaid (16 of 31 days)", "2026-03-15..2026-03-31", "1", "30", "15.48"],
    ]);
    expect(last).toMatchObject({ kind: "invoice", total_net: "15.48" });
    await a.advance("2026-06-01T10:00:00Z");
    expect(await a.run()).toBeNull();
  });

  it("a 14-day trial bills only the setup fee at signup, and the first paid month at its end", async () => {
    const a = await tenant("Trial", "2026-03-01T10:00:00Z");
    const { plan } = await a.plan({ trial_period: { unit: "day", count: 14 } });
    const v = await a.variant(plan, {
      internal_name: "Starter",
      recurring_fee: "20",
      setup_fee: "5",
      fee_period: monthly,
    });
    const contract = await a.signup(await a.customer(), v);
    const c = await a.get(`/v1/contracts/${contract}`);
    expect(c.phases.map((p: any) => [p.type, p.start_date])).toEqual([
      ["trial", "2026-03-01T10:00:00Z"],
      ["normal", "2026-03-15T10:00:00Z"], // 14 days later
    ]);

    expect(await a.run()).toMatchObject({ invoices_created: 1 });
    const [setup] = await a.invoices(contract);
    expect(lines(setup)).toEqual([["Setup fee — Starter", "null..null", "1", "5", "5.00"]]);
    expect(setup).toMatchObject({
      issue_date: "2026-03-01",
      service_period_start: null,
      service_period_end: null,
      total_net: "5.00",
    });

    // nothing during the trial
    for (const at of ["2026-03-02T10:00:00Z", "2026-03-14T23:59:59Z"]) {
      await a.advance(at);
      expect(await a.run()).toBeNull();
    }
    expect(await a.invoices(contract)).toHaveLength(1);
    // the paid term starts on Mar 15 (UTC): its first month is billed that day
    await a.advance("2026-03-15T00:00:00Z");
    expect(await a.run()).toMatchObject({ invoices_created: 1 });
    const [, paid] = await a.invoices(contract);
    expect(lines(paid)).toEqual([["Starter", "2026-03-15..2026-04-15", "1", "20", "20.00"]]);
    expect(paid).toMatchObject({ issue_date: "2026-03-15", total_net: "20.00" });
    await a.advance("2026-04-15T00:00:00Z");
    await a.run();
    expect(lines((await a.invoices(contract))[2])).toEqual([
      ["Starter", "2026-04-15..2026-05-15", "1", "20", "20.00"],
    ]);
  });

  it("a trial on a calendar-aligned plan bills nothing before the trial ends", async () => {
    const a = await tenant("Calendar trial", "2026-03-05T10:00:00Z");
    const { plan } = await a.plan({ trial_period: { unit: "day", count: 14 } });
    const v = await a.variant(plan, {
      internal_name: "Cal",
      recurring_fee: "31",
      fee_period: monthly,
      billing_alignment: "calendar",
    });
    const contract = await a.signup(await a.customer(), v);
    // the trial runs Mar 5 – Mar 19; nothing is due before the paid term starts
    await a.run();
    expect(await a.invoices(contract)).toEqual([]);
    await a.advance("2026-03-18T23:59:59Z");
    await a.run();
    expect(await a.invoices(contract)).toEqual([]);

    await a.advance("2026-03-19T10:00:00Z");
    await a.run();
    const [first] = await a.invoices(contract);
    expect(lines(first)).toEqual([
      // the paid term covers Mar 19 – Apr 1, 13 of March's 31 days: 31 × 13/31 = 13.00
      ["Cal (13 of 31 days)", "2026-03-19..2026-04-01", "1", "31", "13.00"],
    ]);
    expect(first).toMatchObject({ issue_date: "2026-03-19", total_net: "13.00" });
    await a.advance("2026-04-01T00:00:00Z");
    await a.run();
    expect(lines((await a.invoices(contract))[1])).toEqual([
      ["Cal", "2026-04-01..2026-05-01", "1", "31", "31.00"],
    ]);
  });

  it("an anniversary on the 31st renews on the last day of shorter months", async () => {
    const a = await tenant("Month end", "2026-01-31T10:00:00Z");
    const { plan } = await a.plan();
    const v = await a.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "31",
      fee_period: monthly,
    });
    const contract = await a.signup(await a.customer(), v);
    await a.run();
    for (const at of ["2026-02-28T00:00:00Z", "2026-03-31T00:00:00Z", "2026-04-30T00:00:00Z"]) {
      await a.advance(at);
      expect(await a.run()).toMatchObject({ invoices_created: 1 });
    }
    // every period starts on the 31st or, in shorter months, on their last day
    expect((await a.invoices(contract)).map((i) => lines(i))).toEqual([
      [["Monthly", "2026-01-31..2026-02-28", "1", "31", "31.00"]],
      [["Monthly", "2026-02-28..2026-03-31", "1", "31", "31.00"]],
      [["Monthly", "2026-03-31..2026-04-30", "1", "31", "31.00"]],
      [["Monthly", "2026-04-30..2026-05-31", "1", "31", "31.00"]],
    ]);
  });

  it("calendar alignment from mid-month: a prorated first month, then whole calendar months (Berlin)", async () => {
    const a = await tenant("Calendar", "2026-01-10T10:00:00Z");
    const { plan } = await a.plan();
    const v = await a.variant(plan, {
      internal_name: "Calendar",
      recurring_fee: "29.90",
      fee_period: monthly,
      billing_alignment: "calendar",
    });
    const contract = await a.signup(await a.customer({ time_zone: "Europe/Berlin" }), v);

    await a.run();
    const [jan] = await a.invoices(contract);
    expect(lines(jan)).toEqual([
      // Jan 10 – Feb 1 is 22 of January's 31 days: 29.90 × 22/31 = 21.2193… → 21.22
      ["Calendar (22 of 31 days)", "2026-01-10..2026-02-01", "1", "29.9", "21.22"],
    ]);
    expect(jan.total_net).toBe("21.22");

    // Feb 1 begins at 2026-01-31T23:00Z in Berlin
    await a.advance("2026-01-31T22:59:59Z");
    expect(await a.run()).toBeNull();
    await a.advance("2026-01-31T23:00:00Z");
    expect(await a.run()).toMatchObject({ invoices_created: 1 });
    const [, feb] = await a.invoices(contract);
    expect(lines(feb)).toEqual([["Calendar", "2026-02-01..2026-03-01", "1", "29.9", "29.90"]]);
    expect(feb).toMatchObject({ issue_date: "2026-02-01", total_net: "29.90" });
  });

  it("a component quantity changed mid-period: the old quantity is credited and the new one charged by days", async () => {
    const a = await tenant("Seats", "2026-04-01T08:00:00Z");
    const { group, plan } = await a.plan();
    const v = await a.variant(plan, {
      internal_name: "Base",
      recurring_fee: "10",
      fee_period: monthly,
    });
    const seats = await a.post("/v1/components", {
      plan_group_id: group,
      name: "Seats",
      type: "quantity",
      price_per_unit: "5",
      fee_period: monthly,
      prorate: true,
    });
    const contract = await a.signup(await a.customer(), v);
    const three = await a.post(`/v1/contracts/${contract}/component_subscriptions`, {
      component_id: seats.id,
      quantity: "3",
      start_date: "2026-04-01T08:00:00Z",
    });

    await a.run();
    const [apr] = await a.invoices(contract);
    expect(lines(apr)).toEqual([
      ["Base", "2026-04-01..2026-05-01", "1", "10", "10.00"],
      ["Seats", "2026-04-01..2026-05-01", "3", "5", "15.00"], // 3 × 5
    ]);
    expect(apr.total_net).toBe("25.00");

    // on Apr 16 the customer goes from 3 to 5 seats
    await a.advance("2026-04-16T08:00:00Z");
    await a.post(`/v1/component_subscriptions/${three.id}/end`, {
      end_date: "2026-04-16T08:00:00Z",
    });
    await a.post(`/v1/contracts/${contract}/component_subscriptions`, {
      component_id: seats.id,
      quantity: "5",
      start_date: "2026-04-16T08:00:00Z",
    });
    expect(await a.run()).toBeNull(); // settled with May

    await a.advance("2026-05-01T08:00:00Z");
    await a.run();
    const [, may] = await a.invoices(contract);
    // Apr 1 – May 1 has 30 days: 3 seats kept 15 (Apr 1 – 16), 5 seats have the other 15
    expect(lines(may)).toEqual([
      ["Base", "2026-05-01..2026-06-01", "1", "10", "10.00"],
      // 15 × 15/30 = 7.50 is due for the 3 seats; 15.00 was billed → −7.50
      [
        "Seats (15 of 30 days) — correction of 15.00 billed",
        "2026-04-01..2026-04-16",
        "1",
        "-7.50",
        "-7.50",
      ],
      ["Seats (15 of 30 days)", "2026-04-16..2026-05-01", "5", "5", "12.50"], // 25 × 15/30
      ["Seats", "2026-05-01..2026-06-01", "5", "5", "25.00"], // 5 × 5
    ]);
    expect(may.total_net).toBe("40.00"); // 10.00 − 7.50 + 12.50 + 25.00
  });

  it("metered usage: tiered with a free quota and volume-priced, billed at the period end; late usage corrected; billed usage cannot be deleted", async () => {
    const a = await tenant("Usage", "2026-02-01T09:00:00Z");
    metered.api = a;
    const { group, plan } = await a.plan();
    const calls = await a.post("/v1/components", {
      plan_group_id: group,
      name: "API calls",
      type: "metered",
      price_model: "tiered",
      tiers: [
        { from: "0", price: "0.02" },
        { from: "1000", price: "0.01" },
      ],
    });
    const storage = await a.post("/v1/components", {
      plan_group_id: group,
      name: "Storage GB",
      type: "metered",
      price_model: "volume",
      tiers: [
        { from: "0", price: "0.5" },
        { from: "100", price: "0.4" },
        { from: "500", price: "0.3" },
      ],
    });
    const v = await a.variant(plan, {
      internal_name: "Metered",
      recurring_fee: "10",
      fee_period: monthly,
      quotas: [{ component_id: calls.id, quantity: "500" }],
    });
    const contract = await a.signup(await a.customer(), v);
    metered.contract = contract;
    metered.calls = calls.id;
    const usage = (component: string, quantity: string, due: string) =>
      a.post(`/v1/contracts/${contract}/usage`, {
        component_id: component,
        quantity,
        due_date: due,
      });

    await a.run(); // February's fee
    const billed = await usage(calls.id, "1000", "2026-02-05T12:00:00Z");
    await usage(calls.id, "1500", "2026-02-20T12:00:00Z");
    await usage(storage.id, "120", "2026-02-10T12:00:00Z");
    await usage(storage.id, "30", "2026-02-27T12:00:00Z");
    await a.advance("2026-02-28T12:00:00Z");
    expect(await a.run()).toBeNull(); // usage waits for the period's end

    await a.advance("2026-03-01T09:00:00Z");
    await a.run();
    const [feb, mar] = await a.invoices(contract);
    expect(lines(feb)).toEqual([["Metered", "2026-02-01..2026-03-01", "1", "10", "10.00"]]);
    expect(lines(mar)).toEqual([
      ["Metered", "2026-03-01..2026-04-01", "1", "10", "10.00"],
      // 2,500 calls, 500 free → 2,000: 1,000 × 0.02 + 1,000 × 0.01 = 30.00 (0.015 on average)
      ["API calls — usage 2500, 500 free", "2026-02-01..2026-03-01", "2000", "0.015", "30.00"],
      // 150 GB reach the tier above 100: all 150 × 0.40 = 60.00
      ["Storage GB — usage 150", "2026-02-01..2026-03-01", "150", "0.4", "60.00"],
    ]);
    expect(mar.total_net).toBe("100.00"); // 10.00 + 30.00 + 60.00

    // billed usage stays: it is corrected, not deleted
    const del = await a.request("DELETE", `/v1/contracts/${contract}/usage/${billed.id}`);
    expect(del.status).toBe(422);
    expect(del.body.error.code).toBe("usage_billed");

    // 300 more calls for February arrive late, on Mar 10; unbilled usage can still be deleted
    await a.advance("2026-03-10T09:00:00Z");
    await usage(calls.id, "300", "2026-02-25T12:00:00Z");
    const mistake = await usage(storage.id, "1000", "2026-03-05T12:00:00Z");
    const gone = await a.request("DELETE", `/v1/contracts/${contract}/usage/${mistake.id}`);
    expect(gone.status).toBe(204);
    expect(await a.run()).toBeNull(); // corrected with the next settlement

    await a.advance("2026-04-01T09:00:00Z");
    await a.run();
    const apr = (await a.invoices(contract))[2];
    expect(lines(apr)).toEqual([
      ["Metered", "2026-04-01..2026-05-01", "1", "10", "10.00"],
      // 2,800 calls, 500 free → 2,300: 1,000 × 0.02 + 1,300 × 0.01 = 33.00; 30.00 billed → 3.00
      [
        "API calls — usage 2800, 500 free — correction of 30.00 billed",
        "2026-02-01..2026-03-01",
        "1",
        "3.00",
        "3.00",
      ],
    ]);
    expect(apr.total_net).toBe("13.00");
    const records = (await a.get(`/v1/contracts/${contract}/usage?limit=100`)).data;
    expect(records.map((r: any) => [r.quantity, r.billed])).toEqual([
      ["1000", true],
      ["1500", true],
      ["120", true],
      ["30", true],
      ["300", true],
    ]);
  });

  it("usage posted late for an ended and finally settled contract is still billed", async () => {
    const { api: a, contract, calls } = metered;
    if (!a || !contract || !calls) throw new Error("needs the metered usage scenario");
    await a.advance("2026-04-20T09:00:00Z");
    await a.post(`/v1/contracts/${contract}/end`, { end_date: "2026-04-15T09:00:00Z" });
    expect(await a.run()).toMatchObject({ credit_notes_created: 1 });
    const final = (await a.invoices(contract))[3];
    expect(lines(final)).toEqual([
      // Apr 1 – May 1 has 30 days, 14 used: 10 × 14/30 = 4.666… → 4.67; 10.00 billed → −5.33
      [
        "Metered (14 of 30 days) — correction of 10.00 billed",
        "2026-04-01..2026-04-15",
        "1",
        "-5.33",
        "-5.33",
      ],
    ]);
    expect(final).toMatchObject({ kind: "credit_note", total_net: "-5.33" });

    // 600 calls made on Apr 10 arrive on Apr 22, after the final settlement
    await a.advance("2026-04-22T09:00:00Z");
    await a.post(`/v1/contracts/${contract}/usage`, {
      component_id: calls,
      quantity: "600",
      due_date: "2026-04-10T12:00:00Z",
    });
    const run = await a.run();
    expect(run).toMatchObject({ invoices_created: 1 });
    const late = (await a.invoices(contract))[4];
    expect(lines(late)).toEqual([
      // 600 calls, 500 free → 100 × 0.02 = 2.00; the period printed ends with the contract
      ["API calls — usage 600, 500 free", "2026-04-01..2026-04-15", "100", "0.02", "2.00"],
    ]);
  });

  it("customers far from UTC: periods follow the customer's calendar day", async () => {
    // 2026-01-31T11:00Z is Feb 1, 01:00 on Kiritimati (UTC+14)
    const east = await tenant("Kiritimati", "2026-01-31T11:00:00Z");
    const e = await east.plan();
    const ev = await east.variant(e.plan, {
      internal_name: "Monthly",
      recurring_fee: "28",
      fee_period: monthly,
    });
    const pings = await east.post("/v1/components", {
      plan_group_id: e.group,
      name: "Pings",
      type: "metered",
      price_per_unit: "0.1",
    });
    const ec = await east.signup(await east.customer({ time_zone: "Pacific/Kiritimati" }), ev);
    await east.run();
    const [feb] = await east.invoices(ec);
    expect(lines(feb)).toEqual([["Monthly", "2026-02-01..2026-03-01", "1", "28", "28.00"]]);
    expect(feb).toMatchObject({ issue_date: "2026-02-01", due_date: "2026-02-15" });
    // Mar 1 begins on Kiritimati at 2026-02-28T10:00Z
    await east.advance("2026-02-28T09:59:59Z");
    expect(await east.run()).toBeNull();
    await east.advance("2026-02-28T10:30:00Z");
    // 09:30Z is Feb 28, 23:30 on Kiritimati; 10:15Z is already Mar 1, 00:15
    const feb28 = await east.post(`/v1/contracts/${ec}/usage`, {
      component_id: pings.id,
      quantity: "7",
      due_date: "2026-02-28T09:30:00Z",
    });
    const mar1 = await east.post(`/v1/contracts/${ec}/usage`, {
      component_id: pings.id,
      quantity: "11",
      due_date: "2026-02-28T10:15:00Z",
    });
    await east.run();
    const [, mar] = await east.invoices(ec);
    expect(lines(mar)).toEqual([
      ["Monthly", "2026-03-01..2026-04-01", "1", "28", "28.00"],
      ["Pings — usage 7", "2026-02-01..2026-03-01", "7", "0.1", "0.70"], // 7 × 0.10
    ]);
    expect(mar).toMatchObject({ issue_date: "2026-03-01", total_net: "28.70" });
    const records = (await east.get(`/v1/contracts/${ec}/usage`)).data;
    expect(records.map((r: any) => [r.id, r.billed])).toEqual([
      [feb28.id, true],
      [mar1.id, false], // March's, billed on Apr 1
    ]);

    // 2026-03-01T05:00Z is still Feb 28, 18:00 in Pago Pago (UTC−11)
    const west = await tenant("Pago Pago", "2026-03-01T05:00:00Z");
    const w = await west.plan();
    const wv = await west.variant(w.plan, {
      internal_name: "Monthly",
      recurring_fee: "28",
      fee_period: monthly,
    });
    const wc = await west.signup(await west.customer({ time_zone: "Pacific/Pago_Pago" }), wv);
    await west.run();
    const [first] = await west.invoices(wc);
    expect(lines(first)).toEqual([["Monthly", "2026-02-28..2026-03-28", "1", "28", "28.00"]]);
    expect(first).toMatchObject({ issue_date: "2026-02-28", due_date: "2026-03-14" });
    // Mar 28 begins in Pago Pago at 2026-03-28T11:00Z
    await west.advance("2026-03-28T10:59:59Z");
    expect(await west.run()).toBeNull();
    await west.advance("2026-03-28T11:00:00Z");
    await west.run();
    const [, second] = await west.invoices(wc);
    expect(lines(second)).toEqual([["Monthly", "2026-03-28..2026-04-28", "1", "28", "28.00"]]);
  });

  it("a backdated downgrade is repaired at the next settlement; an end in the past gives a credit note", async () => {
    const a = await tenant("Backdated", "2026-01-10T10:00:00Z");
    const { plan } = await a.plan();
    const pro = await a.variant(plan, {
      internal_name: "Pro",
      recurring_fee: "60",
      fee_period: monthly,
    });
    const basic = await a.variant(plan, {
      internal_name: "Basic",
      recurring_fee: "30",
      fee_period: monthly,
    });
    const contract = await a.signup(await a.customer({ time_zone: "Europe/Berlin" }), pro);
    await a.run();
    for (const at of ["2026-02-10T10:00:00Z", "2026-03-10T10:00:00Z"]) {
      await a.advance(at);
      await a.run();
    }
    expect((await a.invoices(contract)).map((i) => lines(i))).toEqual([
      [["Pro", "2026-01-10..2026-02-10", "1", "60", "60.00"]],
      [["Pro", "2026-02-10..2026-03-10", "1", "60", "60.00"]],
      [["Pro", "2026-03-10..2026-04-10", "1", "60", "60.00"]],
    ]);

    // on Mar 20, a downgrade to Basic as of Feb 1 (before the last two billed periods)
    await a.advance("2026-03-20T10:00:00Z");
    const order = await a.post("/v1/orders", {
      contract_id: contract,
      plan_variant_id: basic,
      change_date: "2026-02-01T10:00:00Z",
    });
    await a.post(`/v1/orders/${order.id}/commit`);
    expect(await a.run()).toBeNull(); // repaired with the next settlement

    await a.advance("2026-04-10T10:00:00Z");
    expect(await a.run()).toMatchObject({ contracts_billed: 1, credit_notes_created: 1 });
    const repair = (await a.invoices(contract))[3];
    // Jan 10 – Feb 10 has 31 days: Pro kept 22 (Jan 10 – Feb 1), Basic has 9 (Feb 1 – 10)
    expect(lines(repair)).toEqual([
      // 60 × 22/31 = 42.5806… → 42.58; 60.00 billed → −17.42
      [
        "Pro (22 of 31 days) — correction of 60.00 billed",
        "2026-01-10..2026-02-01",
        "1",
        "-17.42",
        "-17.42",
      ],
      ["Basic (9 of 31 days)", "2026-02-01..2026-02-10", "1", "30", "8.71"], // 30 × 9/31 = 8.709…
      ["Basic", "2026-02-10..2026-03-10", "1", "30", "30.00"],
      ["Basic", "2026-03-10..2026-04-10", "1", "30", "30.00"],
      ["Basic", "2026-04-10..2026-05-10", "1", "30", "30.00"], // April, due today
      // Pro's February and March are no longer due at all
      ["Pro — no longer due", "2026-02-10..2026-03-10", "1", "-60.00", "-60.00"],
      ["Pro — no longer due", "2026-03-10..2026-04-10", "1", "-60.00", "-60.00"],
    ]);
    // −17.42 + 8.71 + 3 × 30.00 − 2 × 60.00 = −38.71: a credit note
    expect(repair).toMatchObject({
      kind: "credit_note",
      number: "CN-000001",
      due_date: null,
      total_net: "-38.71",
      total_tax: "0.00",
      total_gross: "-38.71",
    });

    // on Apr 20 the contract is ended as of Apr 15
    await a.advance("2026-04-20T10:00:00Z");
    await a.post(`/v1/contracts/${contract}/end`, { end_date: "2026-04-15T10:00:00Z" });
    expect(await a.run()).toMatchObject({ credit_notes_created: 1, invoices_created: 0 });
    const final = (await a.invoices(contract))[4];
    expect(lines(final)).toEqual([
      // Apr 10 – May 10 has 30 days, 5 used: 30 × 5/30 = 5.00; 30.00 billed → −25.00
      [
        "Basic (5 of 30 days) — correction of 30.00 billed",
        "2026-04-10..2026-04-15",
        "1",
        "-25.00",
        "-25.00",
      ],
    ]);
    expect(final).toMatchObject({
      kind: "credit_note",
      number: "CN-000002",
      total_net: "-25.00",
      total_tax: "0.00",
      total_gross: "-25.00",
    });
    const row = await t.server.db
      .selectFrom("contracts")
      .select("next_billing_at")
      .where("id", "=", contract)
      .executeTakeFirstOrThrow();
    expect(row.next_billing_at).toBeNull();
  });

  it("two billing runs at once bill each contract once, with gap-free numbers", async () => {
    const a = await tenant("Concurrent", "2026-05-01T10:00:00Z");
    const { plan } = await a.plan();
    const v = await a.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "15",
      fee_period: monthly,
    });
    const customer = await a.customer();
    const contracts: string[] = [];
    for (let i = 0; i < 6; i += 1) contracts.push(await a.signup(customer, v));

    const runs = await Promise.all([
      a.request("POST", "/v1/billing_runs"),
      a.request("POST", "/v1/billing_runs"),
    ]);
    expect(runs.map((r) => r.status)).toEqual([201, 201]);
    const done = runs.map((r) => r.body).filter((r) => r !== null);
    const sum = (f: string) => done.reduce((n, r) => n + r[f], 0);
    expect(sum("contracts_billed")).toBe(6);
    expect(sum("invoices_created")).toBe(6);
    expect(sum("failures")).toBe(0);
    const numbers: string[] = [];
    for (const c of contracts) {
      const docs = await a.invoices(c);
      expect(docs).toHaveLength(1);
      expect(lines(docs[0])).toEqual([["Monthly", "2026-05-01..2026-06-01", "1", "15", "15.00"]]);
      numbers.push(docs[0].number);
    }
    expect(numbers.sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `INV-00000${n}`));
    expect(await a.run()).toBeNull();
  });

  it("gross prices with 19 % VAT: the tax is extracted from the gross sum, rounded once per rate", async () => {
    const a = await tenant("Gross", "2026-06-01T10:00:00Z");
    const policy = await a.post("/v1/tax_policies", {
      name: "VAT",
      rates: [{ country: "DE", rate: "19" }],
    });
    const [entity] = (await a.get("/v1/business_entities")).data;
    const patch = await a.request("PATCH", `/v1/business_entities/${entity.id}`, {
      name: "Acme GmbH",
      country: "DE",
      default_tax_policy_id: policy.id,
    });
    expect(patch.status).toBe(200);
    const { plan } = await a.plan({}, { price_type: "gross" });
    const v = await a.variant(plan, {
      internal_name: "Gross",
      recurring_fee: "10",
      setup_fee: "10",
      fee_period: monthly,
    });
    const customer = await a.customer({
      time_zone: "Europe/Berlin",
      address: { city: "Berlin", country: "DE" },
    });
    const contract = await a.signup(customer, v);
    await a.run();
    const [invoice] = await a.invoices(contract);
    expect(lines(invoice)).toEqual([
      ["Setup fee — Gross", "null..null", "1", "10", "10.00"],
      ["Gross", "2026-06-01..2026-07-01", "1", "10", "10.00"],
    ]);
    expect(invoice.lines.map((l: any) => l.tax_rate)).toEqual(["19", "19"]);
    // gross 20.00; tax 20.00 × 19/119 = 3.1932… → 3.19, once for the rate (per line it would
    // be 2 × 1.60 = 3.20); net 20.00 − 3.19 = 16.81
    expect(invoice).toMatchObject({
      price_basis: "gross",
      total_gross: "20.00",
      total_tax: "3.19",
      total_net: "16.81",
      tax_rows: [{ rate: "19", net: "16.81", tax: "3.19", gross: "20.00" }],
    });
  });
});
