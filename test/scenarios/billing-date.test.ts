/**
 * A customer's billing date on a test clock: its contract renews on the new day from the end
 * of its current billing period, the days between billed pro rata against the whole period
 * they cut; every amount derived by hand.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant, lines } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("customer billing date", (t) => {
  const ids: Record<string, string> = {};
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const change = (customer: string, body: unknown) =>
    api.request("POST", `/v1/customers/${customer}/change_billing_date`, body);
  const eventsOf = async (subject: string) =>
    (
      await t.server.db
        .selectFrom("outbox_events")
        .select("type")
        .where("subject_id", "=", subject)
        .orderBy("id")
        .execute()
    ).map((e) => e.type);

  // 31.00 a month, prepaid, anniversary, customers in UTC; signed up on 2026-01-10, so the
  // contract renews on the 10th
  beforeAll(async () => {
    api = await billingTenant(t.server, "Billing date", "2026-01-10T10:00:00Z");
    const { plan } = await api.plan();
    const monthly = { recurring_fee: "31", fee_period: { unit: "month", count: 1 } };
    ids.variant = await api.variant(plan, { internal_name: "Monthly", ...monthly });
    ids.calendar = await api.variant(plan, {
      internal_name: "Calendar",
      billing_alignment: "calendar",
      ...monthly,
    });
    ids.customer = await api.customer();
    ids.contract = await api.signup(ids.customer, ids.variant);
    await api.run();
  });

  it("renews on the 25th from the end of the current period: a prorated period, then whole months", async () => {
    const id = ids.contract!;
    await api.advance("2026-02-10T10:00:00Z");
    await api.run();
    await api.advance("2026-03-10T10:00:00Z");
    await api.run();
    // billed: Jan 10 – Feb 10, Feb 10 – Mar 10, Mar 10 – Apr 10, 31.00 each
    expect((await api.invoices(id)).map((i) => i.total_net)).toEqual(["31.00", "31.00", "31.00"]);

    // on Mar 15 the billing date becomes the 25th: the current period Mar 10 – Apr 10 stays;
    // from Apr 10 the contract runs a short period to the first 25th on or after it, Apr 25
    await api.advance("2026-03-15T10:00:00Z");
    const res = await change(ids.customer!, { billing_date: 25 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.customer).toMatchObject({
      id: ids.customer,
      billing_date: 25,
      billing_date_mode: "manually_set",
    });
    expect(res.body.contracts).toEqual([
      {
        contract_id: id,
        current_period_start: "2026-03-10",
        current_period_end: "2026-04-10",
        anchor: "2026-04-25",
      },
    ]);
    expect(await eventsOf(ids.customer!)).toContain("customer.billing_date_changed");
    expect((await api.get(`/v1/customers/${ids.customer}`)).billing_date).toBe(25);
    // nothing is due before Apr 10: the run bills nothing, and a repeated change changes nothing
    await api.run();
    const again = await change(ids.customer!, { billing_date: 25 });
    expect(again.body.contracts).toEqual(res.body.contracts);
    await api.run();
    expect(await api.invoices(id)).toHaveLength(3);

    // Apr 10: the cell Apr 10 – May 10 (30 days) is cut at Apr 25: 15 of 30 days,
    // 31 × 15/30 = 15.50
    await api.advance("2026-04-10T10:00:00Z");
    await api.run();
    expect(lines((await api.invoices(id))[3])).toEqual([
      ["Monthly (15 of 30 days)", "2026-04-10..2026-04-25", "1", "31", "15.50"],
    ]);
    // Apr 25 and May 25: whole months on the 25th
    await api.advance("2026-04-25T10:00:00Z");
    await api.run();
    expect(lines((await api.invoices(id))[4])).toEqual([
      ["Monthly", "2026-04-25..2026-05-25", "1", "31", "31.00"],
    ]);
    await api.advance("2026-05-25T10:00:00Z");
    await api.run();
    expect(lines((await api.invoices(id))[5])).toEqual([
      ["Monthly", "2026-05-25..2026-06-25", "1", "31", "31.00"],
    ]);
    // a second run, and the same billing date again, bill nothing
    await api.run();
    const same = await change(ids.customer!, { billing_date: 25 });
    expect(same.body.contracts).toEqual([
      {
        contract_id: id,
        current_period_start: "2026-05-25",
        current_period_end: "2026-06-25",
        anchor: null,
      },
    ]);
    await api.run();
    expect(await api.invoices(id)).toHaveLength(6);
    // billing looks at the contract next on the 25th of June
    expect(await api.post(`/v1/contracts/${id}/settle`, {})).toMatchObject({
      invoice: null,
      next_billing_at: "2026-06-25T00:00:00.000Z",
    });
  });

  it("a customer without contracts keeps the setting; using_defaults clears it", async () => {
    const customer = await api.customer();
    const set = await change(customer, { billing_date: 1, billing_date_mode: "manually_set" });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      customer: { billing_date: 1, billing_date_mode: "manually_set" },
      contracts: [],
    });
    const cleared = await change(customer, { billing_date_mode: "using_defaults" });
    expect(cleared.body.customer).toMatchObject({
      billing_date: null,
      billing_date_mode: "using_defaults",
    });
  });

  it("refused: a day out of 1..28 (422), no day (422), another tenant's customer (404)", async () => {
    const customer = ids.customer!;
    for (const day of [0, 29, 31, -3]) {
      const res = await change(customer, { billing_date: day });
      expect([res.status, res.body.error.code]).toEqual([422, "billing_date_out_of_range"]);
    }
    const missing = await change(customer, {});
    expect([missing.status, missing.body.error.code]).toEqual([422, "billing_date_required"]);
    const other = await billingTenant(t.server, "Other", "2026-05-25T10:00:00Z");
    const res = await other.request("POST", `/v1/customers/${customer}/change_billing_date`, {
      billing_date: 5,
    });
    expect([res.status, res.body.error.code]).toEqual([404, "customer_not_found"]);
    // nothing changed
    expect((await api.get(`/v1/customers/${customer}`)).billing_date).toBe(25);
  });

  it("refused with nothing written: a contract with a fixed end, a calendar-aligned contract (409)", async () => {
    const fixed = await api.customer();
    const ending = await api.signup(fixed, ids.variant!);
    await api.post(`/v1/contracts/${ending}/end`, { end_date: "2026-09-01T00:00:00Z" });
    const res = await change(fixed, { billing_date: 3 });
    expect([res.status, res.body.error.code, res.body.error.details]).toEqual([
      409,
      "billing_date_not_changeable",
      { contract_id: ending, reason: "fixed_term" },
    ]);
    expect((await api.get(`/v1/customers/${fixed}`)).billing_date).toBeNull();

    const aligned = await api.customer();
    const calendar = await api.signup(aligned, ids.calendar!);
    const refused = await change(aligned, { billing_date: 3 });
    expect([refused.status, refused.body.error.details]).toEqual([
      409,
      { contract_id: calendar, reason: "calendar_aligned" },
    ]);
    expect((await api.get(`/v1/customers/${aligned}`)).billing_date).toBeNull();
  });

  it("a new contract of a customer with a billing date renews on it: a prorated first period", async () => {
    // the clock stands at 2026-05-25; the customer renews on the 5th
    const customer = await api.customer();
    await change(customer, { billing_date: 5 });
    const contract = await api.signup(customer, ids.variant!);
    await api.run();
    // May 25 – Jun 5: 11 of the 31 days of May 25 – Jun 25, 31 × 11/31 = 11.00
    expect(lines((await api.invoices(contract))[0])).toEqual([
      ["Monthly (11 of 31 days)", "2026-05-25..2026-06-05", "1", "31", "11.00"],
    ]);
    await api.advance("2026-06-05T10:00:00Z");
    await api.run();
    expect(lines((await api.invoices(contract))[1])).toEqual([
      ["Monthly", "2026-06-05..2026-07-05", "1", "31", "31.00"],
    ]);
    // the same billing date again changes nothing
    const same = await change(customer, { billing_date: 5 });
    expect(same.body.contracts[0].anchor).toBeNull();
    await api.run();
    expect(await api.invoices(contract)).toHaveLength(2);
  });
});
