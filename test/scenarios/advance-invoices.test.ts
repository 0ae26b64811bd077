/**
 * Invoicing ahead over HTTP on a test clock: charging a contract's future renewals now (and
 * its estimate), schedules of advance invoices (fixed intervals, specific dates; edited and
 * removed), a quantity change inside an advance-billed period, and a charge at the term end.
 *
 * Catalog: "Seat plan" 30.00 per month and seat, prepaid, anniversary-aligned; customer in UTC.
 * Contracts start 2025-03-01 (March 31 days, April 30, May 31, June 30, July 31). Every amount
 * below is derived by hand.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { billingTenant, lines } from "../billing-tenant.js";
import { describeServer } from "../server.js";

const SEAT = (period: string, quantity = "1", amount = "30.00") =>
  ["Seat plan", period, quantity, "30", amount] as const;

describeServer("advance invoices", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const invoicesOf = async (contract: string) => (await api.invoices(contract)).map(lines);

  beforeAll(async () => {
    api = await billingTenant(t.server, "Advance", "2025-03-01T10:00:00Z");
    const { plan } = await api.plan();
    ids.variant = await api.variant(plan, {
      internal_name: "Seat plan",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    const trial = await api.plan({ trial_period: { unit: "day", count: 14 } });
    ids.trialVariant = await api.variant(trial.plan, {
      internal_name: "Trial plan",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.customer = await api.customer();
    for (const name of ["charged", "untouched"]) {
      ids[name] = await api.signup(ids.customer, ids.variant);
    }
    ids.trial = await api.signup(ids.customer, ids.trialVariant);
    // March 1: each contract's first month, March 1 – April 1: 30.00
    await api.run();
    await api.advance("2025-03-10T09:00:00Z");
  });

  describe("charging two future renewals now", () => {
    it("the estimate answers what charging will invoice, and writes nothing", async () => {
      const before = await api.get(`/v1/contracts/${ids.charged}/advance_invoice_schedule`);
      expect(before).toMatchObject({
        next_renewal_at: "2025-04-01T00:00:00.000Z",
        charged_through: null,
        schedule_type: null,
      });
      const estimate = await api.post("/v1/estimates/advance_invoice", {
        contract_id: ids.charged,
        terms_to_charge: 2,
      });
      // the two renewals after March: April 1 – May 1 and May 1 – June 1, 30.00 each = 60.00
      expect(lines(estimate)).toEqual([
        SEAT("2025-04-01..2025-05-01"),
        SEAT("2025-05-01..2025-06-01"),
      ]);
      expect(estimate.total_net).toBe("60.00");
      expect(await api.get(`/v1/contracts/${ids.charged}/advance_invoice_schedule`)).toEqual(
        before,
      );
      expect(await invoicesOf(ids.charged!)).toHaveLength(1);
      ids.estimate = JSON.stringify([lines(estimate), estimate.total_net, estimate.total_gross]);
    });

    it("invoices both renewals on one invoice, equal to the estimate", async () => {
      const res = await api.request("POST", `/v1/contracts/${ids.charged}/charge_future_renewals`, {
        terms_to_charge: 2,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({
        contract_id: ids.charged,
        next_renewal_at: "2025-04-01T00:00:00.000Z",
        charged_through: "2025-06-01T00:00:00.000Z",
        schedule_type: null,
      });
      const invoice = res.body.invoice;
      expect(JSON.stringify([lines(invoice), invoice.total_net, invoice.total_gross])).toBe(
        ids.estimate,
      );
      expect(await invoicesOf(ids.charged!)).toEqual([
        [SEAT("2025-03-01..2025-04-01")],
        [SEAT("2025-04-01..2025-05-01"), SEAT("2025-05-01..2025-06-01")],
      ]);
      // settling again finds both periods billed
      expect((await api.post(`/v1/contracts/${ids.charged}/settle`, {})).invoice).toBeNull();
    });

    it("the regular runs bill nothing for the advance-billed periods", async () => {
      await api.advance("2025-04-01T10:00:00Z");
      await api.run();
      await api.advance("2025-05-01T10:00:00Z");
      await api.run();
      expect(await invoicesOf(ids.charged!)).toHaveLength(2);
      // the untouched contract was billed as usual: March, April, May
      expect(await invoicesOf(ids.untouched!)).toEqual([
        [SEAT("2025-03-01..2025-04-01")],
        [SEAT("2025-04-01..2025-05-01")],
        [SEAT("2025-05-01..2025-06-01")],
      ]);
    });

    it("a quantity change inside an advance-billed period is corrected pro rata", async () => {
      await api.advance("2025-05-16T10:00:00Z");
      const order = await api.post("/v1/orders", { contract_id: ids.charged, quantity: "3" });
      expect((await api.post(`/v1/orders/${order.id}/commit`)).status).toBe("succeeded");
      await api.post(`/v1/contracts/${ids.charged}/settle`, {});
      // May has 31 days. Quantity 1 kept May 1 – 16: 15 days, 30 × 15/31 = 14.516… = 14.52,
      //   of 30.00 billed in advance: −15.48
      // quantity 3 from May 16 – June 1: 16 days, 30 × 3 × 16/31 = 46.451… = 46.45
      // −15.48 + 46.45 = 30.97
      const all = await api.invoices(ids.charged!);
      expect(all).toHaveLength(3);
      expect(lines(all[2])).toEqual([
        [
          "Seat plan (15 of 31 days) — correction of 30.00 billed",
          "2025-05-01..2025-05-16",
          "1",
          "-15.48",
          "-15.48",
        ],
        ["Seat plan (16 of 31 days)", "2025-05-16..2025-06-01", "3", "30", "46.45"],
      ]);
      expect(all[2].total_net).toBe("30.97");
    });

    it("normal billing resumes after the advance-billed periods", async () => {
      await api.advance("2025-06-01T10:00:00Z");
      await api.run();
      // June 1 – July 1 at quantity 3: 30 × 3 = 90.00
      const all = await api.invoices(ids.charged!);
      expect(all).toHaveLength(4);
      expect(lines(all[3])).toEqual([SEAT("2025-06-01..2025-07-01", "3", "90.00")]);
    });
  });

  describe("a charge at the term end", () => {
    it("is billed with the next renewal invoice, once", async () => {
      await api.advance("2025-06-10T10:00:00Z");
      const res = await api.request("POST", `/v1/contracts/${ids.charged}/add_charge_at_term_end`, {
        amount: "12.50",
        description: "Installation",
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      // the current term (June 1 – July 1) ends July 1
      expect(res.body).toMatchObject({
        description: "Installation",
        quantity: "1",
        price_per_unit: "12.5",
        due_at: "2025-07-01T00:00:00.000Z",
        billed: false,
      });
      // not now
      await api.run();
      expect((await api.post(`/v1/contracts/${ids.charged}/settle`, {})).invoice).toBeNull();
      expect(await invoicesOf(ids.charged!)).toHaveLength(4);

      // July 1: July 1 – August 1 at quantity 3 = 90.00, and the charge 12.50; 102.50
      await api.advance("2025-07-01T10:00:00Z");
      await api.run();
      let all = await api.invoices(ids.charged!);
      expect(all).toHaveLength(5);
      expect(lines(all[4])).toEqual([
        SEAT("2025-07-01..2025-08-01", "3", "90.00"),
        ["Installation", "2025-06-10..2025-06-10", "1", "12.5", "12.50"],
      ]);
      expect(all[4].total_net).toBe("102.50");

      // August 1: only the plan, 90.00
      await api.advance("2025-08-01T10:00:00Z");
      await api.run();
      all = await api.invoices(ids.charged!);
      expect(all).toHaveLength(6);
      expect(lines(all[5])).toEqual([SEAT("2025-08-01..2025-09-01", "3", "90.00")]);
    });
  });
});

describeServer("advance invoice schedules", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const invoicesOf = async (contract: string) => (await api.invoices(contract)).map(lines);
  const refused = async (method: string, url: string, body: unknown) => {
    const res = await api.request(method, url, body);
    return [res.status, res.body.error?.code];
  };

  beforeAll(async () => {
    api = await billingTenant(t.server, "Advance schedules", "2025-03-01T10:00:00Z");
    const { plan } = await api.plan();
    const variant = await api.variant(plan, {
      internal_name: "Seat plan",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    const trial = await api.plan({ trial_period: { unit: "day", count: 14 } });
    const trialVariant = await api.variant(trial.plan, {
      internal_name: "Trial plan",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.customer = await api.customer();
    for (const name of ["fixed", "dates", "ending"]) {
      ids[name] = await api.signup(ids.customer, variant);
    }
    ids.trial = await api.signup(ids.customer, trialVariant);
    await api.post(`/v1/contracts/${ids.ending}/end`, { end_date: "2025-05-01T00:00:00Z" });
    // March 1: each paid contract's first month, March 1 – April 1: 30.00
    await api.run();
    await api.advance("2025-03-10T09:00:00Z");
  });

  it("bad input is refused with a machine code and writes nothing", async () => {
    const charge = (id: string | undefined) => `/v1/contracts/${id}/charge_future_renewals`;
    expect(await refused("POST", charge(ids.fixed), { terms_to_charge: 0 })).toEqual([
      422,
      "invalid_terms_to_charge",
    ]);
    // the ending contract ends May 1: three renewals would run to July 1
    expect(await refused("POST", charge(ids.ending), { terms_to_charge: 3 })).toEqual([
      409,
      "renewals_beyond_contract_end",
    ]);
    expect(
      await refused("POST", charge(ids.ending), {
        schedule_type: "fixed_intervals",
        terms_to_charge: 1,
      }),
    ).toEqual([409, "contract_not_renewing"]);
    expect(await refused("POST", charge(ids.trial), { terms_to_charge: 1 })).toEqual([
      409,
      "contract_not_in_paid_phase",
    ]);
    expect(
      await refused("POST", charge(ids.dates), {
        schedule_type: "specific_dates",
        specific_dates_schedule: [{ date: "2025-03-05T00:00:00Z", terms_to_charge: 1 }],
      }),
    ).toEqual([422, "advance_schedule_invalid"]);
    expect(
      await refused("POST", `/v1/contracts/${ids.fixed}/edit_advance_invoice_schedule`, {
        schedule_type: "fixed_intervals",
        terms_to_charge: 2,
      }),
    ).toEqual([404, "advance_schedule_not_found"]);
    expect(
      await refused("POST", `/v1/contracts/${ids.fixed}/remove_advance_invoice_schedule`, {}),
    ).toEqual([404, "advance_schedule_not_found"]);
    for (const id of [ids.fixed, ids.dates, ids.ending, ids.trial]) {
      expect(await api.get(`/v1/contracts/${id}/advance_invoice_schedule`)).toMatchObject({
        charged_through: null,
        schedule_type: null,
      });
    }
    expect(await invoicesOf(ids.ending!)).toHaveLength(1);
  });

  it("schedules are set up, edited, run on their days, and removed", async () => {
    // fixed intervals of 2 from the next renewal (April 1)
    const fixed = await api.post(`/v1/contracts/${ids.fixed}/charge_future_renewals`, {
      schedule_type: "fixed_intervals",
      terms_to_charge: 2,
    });
    expect(fixed).toMatchObject({
      invoice: null,
      schedule_type: "fixed_intervals",
      fixed_intervals_schedule: {
        terms_to_charge: 2,
        starts_at: "2025-04-01T00:00:00.000Z",
        number_of_occurrences: null,
      },
    });
    // April 15 invoices the renewal after April 1 – May 1; edited to two renewals
    await api.post(`/v1/contracts/${ids.dates}/charge_future_renewals`, {
      schedule_type: "specific_dates",
      specific_dates_schedule: [{ date: "2025-04-15T12:00:00Z", terms_to_charge: 1 }],
    });
    const edited = await api.post(`/v1/contracts/${ids.dates}/edit_advance_invoice_schedule`, {
      schedule_type: "specific_dates",
      specific_dates_schedule: [{ date: "2025-04-15T12:00:00Z", terms_to_charge: 2 }],
    });
    expect(edited).toMatchObject({
      schedule_type: "specific_dates",
      specific_dates_schedule: [{ date: "2025-04-15T12:00:00.000Z", terms_to_charge: 2 }],
    });
    expect(
      await refused("POST", `/v1/contracts/${ids.dates}/charge_future_renewals`, {
        schedule_type: "fixed_intervals",
      }),
    ).toEqual([409, "advance_schedule_exists"]);

    // April 1: fixed invoices April and May (2 × 30.00); dates bills April as usual
    await api.advance("2025-04-01T10:00:00Z");
    await api.run();
    // April 15: dates invoices May and June ahead (2 × 30.00)
    await api.advance("2025-04-15T10:00:00Z");
    await api.run();
    // May 1, June 1: nothing for dates; June 1: fixed invoices June and July
    for (const at of ["2025-05-01T10:00:00Z", "2025-06-01T10:00:00Z"]) {
      await api.advance(at);
      await api.run();
    }
    expect(await invoicesOf(ids.fixed!)).toEqual([
      [SEAT("2025-03-01..2025-04-01")],
      [SEAT("2025-04-01..2025-05-01"), SEAT("2025-05-01..2025-06-01")],
      [SEAT("2025-06-01..2025-07-01"), SEAT("2025-07-01..2025-08-01")],
    ]);
    expect(await invoicesOf(ids.dates!)).toEqual([
      [SEAT("2025-03-01..2025-04-01")],
      [SEAT("2025-04-01..2025-05-01")],
      [SEAT("2025-05-01..2025-06-01"), SEAT("2025-06-01..2025-07-01")],
    ]);

    // removed on June 10: what it invoiced (through August 1) stays invoiced
    await api.advance("2025-06-10T10:00:00Z");
    const removed = await api.post(
      `/v1/contracts/${ids.fixed}/remove_advance_invoice_schedule`,
      {},
    );
    expect(removed).toMatchObject({
      schedule_type: null,
      fixed_intervals_schedule: null,
      charged_through: "2025-08-01T00:00:00.000Z",
    });
    // July 1: nothing for fixed (billed ahead); dates bills July as usual.
    // August 1: fixed bills August alone, as a monthly plan does again
    for (const at of ["2025-07-01T10:00:00Z", "2025-08-01T10:00:00Z"]) {
      await api.advance(at);
      await api.run();
    }
    const fixedAll = await invoicesOf(ids.fixed!);
    expect(fixedAll).toHaveLength(4);
    expect(fixedAll[3]).toEqual([SEAT("2025-08-01..2025-09-01")]);
    const datesAll = await invoicesOf(ids.dates!);
    expect(datesAll.slice(3)).toEqual([
      [SEAT("2025-07-01..2025-08-01")],
      [SEAT("2025-08-01..2025-09-01")],
    ]);
  });
});
