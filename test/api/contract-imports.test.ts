/**
 * Contract imports over HTTP, on a test clock at 2026-03-01 09:00 UTC: a company brings its
 * running subscriptions from another billing system without billing its customers twice.
 *
 * Catalog: M 30.00 / month with a 10.00 setup fee, billed a month in advance from the start;
 * Seats 5.00 per seat and month (prorated). Customers in UTC, no tax. Each story runs in a
 * tenant of its own. Every amount below is derived by hand.
 */
import { expect, it } from "vitest";
import { billingTenant, lines } from "../billing-tenant.js";
import { describeServer, type TestServer } from "../server.js";

const NOW = "2026-03-01T09:00:00Z";
const monthly = { unit: "month", count: 1 };

async function tenant(server: TestServer, name: string) {
  const api = await billingTenant(server, name, NOW);
  const { group, plan } = await api.plan();
  const m = await api.variant(plan, {
    internal_name: "M",
    recurring_fee: "30",
    setup_fee: "10",
    fee_period: monthly,
  });
  const seats = (
    await api.post("/v1/components", {
      plan_group_id: group,
      name: "Seats",
      type: "quantity",
      price_per_unit: "5",
      fee_period: monthly,
      prorate: true,
    })
  ).id as string;
  const customer = await api.customer({ company_name: "Migrated" });
  /** A monthly contract started on 15 January, billed by the other system until 15 March. */
  const halfBilled = (extra: Record<string, unknown> = {}) =>
    api.post("/v1/contracts/import", {
      customer_id: customer,
      plan_variant_id: m,
      start_date: "2026-01-15T00:00:00Z",
      billed_until: "2026-03-15T00:00:00Z",
      ...extra,
    });
  return { api, group, plan, m, seats, customer, halfBilled };
}

describeServer("contract imports", (t) => {
  it("bills a half-billed contract from its billed-until date only, once, with its unbilled charges", async () => {
    const { api, m, seats, customer, halfBilled } = await tenant(t.server, "Imports");
    const contract = await halfBilled({
      quantity: "2",
      components: [{ component_id: seats, quantity: "3" }],
    });
    expect(contract).toMatchObject({
      customer_id: customer,
      status: "active",
      start_date: "2026-01-15T00:00:00Z",
      end_date: null,
      billed_until: "2026-03-15T00:00:00.000Z",
      contract_term: null,
    });
    expect(contract.phases).toEqual([
      { type: "normal", start_date: "2026-01-15T00:00:00Z", plan_variant_id: m, quantity: "2" },
    ]);
    // charges the other system had not billed yet: consulting for February, and two seats
    // it added on 15 February
    const imported = await api.post(`/v1/contracts/${contract.id}/import_unbilled_charges`, {
      charges: [
        {
          entity_type: "adhoc",
          description: "Consulting, February",
          unit_amount: "120",
          date_from: "2026-02-01T00:00:00Z",
          date_to: "2026-03-01T00:00:00Z",
        },
        {
          entity_type: "addon",
          entity_id: seats,
          description: "Seats added 15 February",
          quantity: "2",
          unit_amount: "5",
          date_from: "2026-02-15T00:00:00Z",
          date_to: "2026-03-15T00:00:00Z",
        },
      ],
    });
    expect(imported.rated_items.map((r: any) => [r.description, r.billed])).toEqual([
      ["Consulting, February", false],
      ["Seats added 15 February", false],
    ]);

    // 1 March: nothing is due; the other system billed until 15 March
    await api.run();
    expect(await api.invoices(contract.id)).toEqual([]);

    // 15 March: 15 March – 15 April only; 15 January – 15 March and the setup fee were billed
    // by the other system
    await api.advance("2026-03-15T01:00:00Z");
    await api.run();
    const [first, ...rest] = await api.invoices(contract.id);
    expect(rest).toEqual([]);
    // M: 2 × 30.00 = 60.00; Seats: 3 × 5.00 = 15.00, a whole month;
    // imported: 1 × 120.00 = 120.00 and 2 × 5.00 = 10.00; total 60 + 15 + 120 + 10 = 205.00
    expect(lines(first)).toEqual([
      ["M", "2026-03-15..2026-04-15", "2", "30", "60.00"],
      ["Seats", "2026-03-15..2026-04-15", "3", "5", "15.00"],
      ["Consulting, February", "2026-02-01..2026-03-01", "1", "120", "120.00"],
      ["Seats added 15 February", "2026-02-15..2026-03-15", "2", "5", "10.00"],
    ]);
    expect(first.total_gross).toBe("205.00");

    // a second run the same day bills nothing more
    await api.run();
    expect(await api.invoices(contract.id)).toHaveLength(1);
    const items = await api.get(`/v1/contracts/${contract.id}/rated_items`);
    expect(items.data.map((r: any) => r.billed)).toEqual([true, true]);

    // 15 April: the next month, without the imported charges again: 60.00 + 15.00 = 75.00
    await api.advance("2026-04-15T01:00:00Z");
    await api.run();
    await api.run();
    const after = await api.invoices(contract.id);
    expect(after).toHaveLength(2);
    expect(lines(after[1])).toEqual([
      ["M", "2026-04-15..2026-05-15", "2", "30", "60.00"],
      ["Seats", "2026-04-15..2026-05-15", "3", "5", "15.00"],
    ]);
  });

  it("continues billing periods from a billed-until date that is not the start's anniversary", async () => {
    const { api, halfBilled } = await tenant(t.server, "Imports off grid");
    // started 15 January, but the other system billed on the 1st: until 1 April
    const contract = await halfBilled({ billed_until: "2026-04-01T00:00:00Z" });
    await api.advance("2026-03-20T00:00:00Z");
    await api.run();
    expect(await api.invoices(contract.id)).toEqual([]);
    // 1 April: periods repeat from 1 April: 1 April – 1 May, 30.00
    await api.advance("2026-04-01T01:00:00Z");
    await api.run();
    const invoices = await api.invoices(contract.id);
    expect(invoices.map(lines)).toEqual([[["M", "2026-04-01..2026-05-01", "1", "30", "30.00"]]]);
  });

  it("follows an imported contract term: renewed from its end, or cancelled at it", async () => {
    const { api, halfBilled } = await tenant(t.server, "Imports terms");
    const renewing = await halfBilled();
    const cancelling = await halfBilled();
    const term = (action: string) => ({
      contract_start: "2026-01-15T00:00:00Z",
      contract_end: "2026-04-01T00:00:00Z",
      billing_cycles: 3,
      action_at_term_end: action,
    });
    const renewed = await api.post(
      `/v1/contracts/${renewing.id}/import_contract_term`,
      term("renew"),
    );
    expect(renewed).toMatchObject({
      end_date: null,
      contract_term: {
        start: "2026-01-15T00:00:00Z",
        end: "2026-04-01T00:00:00Z",
        billing_cycles: 3,
        action_at_term_end: "renew",
      },
    });
    const cancelled = await api.post(
      `/v1/contracts/${cancelling.id}/import_contract_term`,
      term("cancel"),
    );
    expect(cancelled.end_date).toBe("2026-04-01T00:00:00Z");

    // 15 March: the term ends on 1 April, inside the period 15 March – 15 April (31 days):
    // 17 of 31 days, 30.00 × 17 / 31 = 16.4516… = 16.45, for both contracts
    await api.advance("2026-03-15T01:00:00Z");
    await api.run();
    const cut = ["M (17 of 31 days)", "2026-03-15..2026-04-01", "1", "30", "16.45"];
    expect((await api.invoices(renewing.id)).map(lines)).toEqual([[cut]]);
    expect((await api.invoices(cancelling.id)).map(lines)).toEqual([[cut]]);

    // 1 April: the renewed contract's next term's periods start at the term end, 1 April –
    // 1 May, 30.00; the cancelled one has ended and bills nothing more
    await api.advance("2026-04-01T01:00:00Z");
    await api.run();
    await api.run();
    expect((await api.invoices(renewing.id)).map(lines)).toEqual([
      [cut],
      [["M", "2026-04-01..2026-05-01", "1", "30", "30.00"]],
    ]);
    expect((await api.invoices(cancelling.id)).map(lines)).toEqual([[cut]]);
    expect((await api.get(`/v1/contracts/${cancelling.id}`)).status).toBe("ended");
  });

  it("imports a cancelled contract and bills what the other system left unbilled before its end", async () => {
    const { api, halfBilled } = await tenant(t.server, "Imports cancelled");
    // billed until 15 February, ended 25 February: 10 days of 15 February – 15 March (28 days)
    const contract = await halfBilled({
      billed_until: "2026-02-15T00:00:00Z",
      status: "cancelled",
      end_date: "2026-02-25T00:00:00Z",
    });
    expect(contract.status).toBe("ended");
    await api.run();
    await api.run();
    // 30.00 × 10 / 28 = 10.714… = 10.71
    expect((await api.invoices(contract.id)).map(lines)).toEqual([
      [["M (10 of 28 days)", "2026-02-15..2026-02-25", "1", "30", "10.71"]],
    ]);
  });

  it("refuses bad imports with a code and writes nothing", async () => {
    const { api, m, group, customer, halfBilled } = await tenant(t.server, "Imports refused");
    const other = await billingTenant(t.server, "Imports other", NOW);
    const stranger = await other.customer({ company_name: "Elsewhere" });
    const base = {
      customer_id: customer,
      plan_variant_id: m,
      start_date: "2026-01-15T00:00:00Z",
      billed_until: "2026-03-15T00:00:00Z",
    };
    const refused: [Record<string, unknown>, number, string][] = [
      [{ billed_until: "2026-01-10T00:00:00Z" }, 422, "billed_until_before_start"],
      [{ start_date: "2026-03-10T00:00:00Z" }, 422, "import_start_in_future"],
      [{ plan_variant_id: "plv_unknown" }, 422, "unknown_plan_variant"],
      [{ customer_id: stranger }, 422, "unknown_customer"],
      [{ end_date: "2026-06-01T00:00:00Z" }, 422, "import_status_mismatch"],
      [{ status: "cancelled", end_date: "2026-06-01T00:00:00Z" }, 422, "import_status_mismatch"],
      [{ status: "non_renewing" }, 422, "import_status_mismatch"],
      [{ status: "non_renewing", end_date: "2026-03-10T00:00:00Z" }, 422, "billed_until_after_end"],
      [{ components: [{ component_id: "cmp_unknown", quantity: "1" }] }, 422, "unknown_component"],
    ];
    for (const [change, status, code] of refused) {
      const res = await api.request("POST", "/v1/contracts/import", { ...base, ...change });
      expect([res.status, res.body.error?.code], JSON.stringify(change)).toEqual([status, code]);
    }
    expect((await api.get(`/v1/contracts?customer_id=${customer}`)).data).toEqual([]);
    // the other tenant's customer got nothing either
    expect((await other.get(`/v1/contracts?customer_id=${stranger}`)).data).toEqual([]);

    const contract = await halfBilled();
    const unbilled = (charges: unknown[]) =>
      api.request("POST", `/v1/contracts/${contract.id}/import_unbilled_charges`, { charges });
    const good = {
      entity_type: "charge",
      entity_id: "legacy-charge-7",
      description: "Installation",
      unit_amount: "50",
      date_from: "2026-02-01T00:00:00Z",
      date_to: "2026-02-02T00:00:00Z",
    };
    const otherPlan = await api.variant((await api.plan()).plan, {
      internal_name: "X",
      recurring_fee: "1",
      fee_period: monthly,
    });
    for (const [bad, code] of [
      [{ ...good, entity_type: "plan", entity_id: otherPlan }, "charge_entity_not_of_contract"],
      [{ ...good, entity_type: "addon", entity_id: group }, "charge_entity_not_of_contract"],
      [{ ...good, date_to: "2026-01-31T00:00:00Z" }, "end_before_start"],
    ] as const) {
      const res = await unbilled([good, bad]);
      expect([res.status, res.body.error?.code]).toEqual([422, code]);
    }
    expect((await api.get(`/v1/contracts/${contract.id}/rated_items`)).data).toEqual([]);

    const term = (fields: Record<string, unknown>) =>
      api.request("POST", `/v1/contracts/${contract.id}/import_contract_term`, {
        contract_start: "2026-01-15T00:00:00Z",
        contract_end: "2027-01-15T00:00:00Z",
        action_at_term_end: "renew",
        ...fields,
      });
    for (const [fields, status, code] of [
      [{ contract_end: "2026-03-10T00:00:00Z" }, 422, "before_billed_until"],
      [{ contract_end: "2026-02-15T00:00:00Z" }, 422, "term_end_in_past"],
      [{ contract_start: "2026-01-01T00:00:00Z" }, 422, "start_before_contract"],
      [{ contract_end: "2026-01-15T00:00:00Z" }, 422, "end_before_start"],
    ] as const) {
      const res = await term(fields);
      expect([res.status, res.body.error?.code], JSON.stringify(fields)).toEqual([status, code]);
    }
    const ending = await halfBilled({ status: "non_renewing", end_date: "2026-09-15T00:00:00Z" });
    const conflict = await api.request("POST", `/v1/contracts/${ending.id}/import_contract_term`, {
      contract_start: "2026-01-15T00:00:00Z",
      contract_end: "2026-07-15T00:00:00Z",
      action_at_term_end: "evergreen",
    });
    expect([conflict.status, conflict.body.error.code]).toEqual([409, "term_action_conflict"]);
    expect((await api.get(`/v1/contracts/${contract.id}`)).end_date).toBeNull();
    expect((await api.get(`/v1/contracts/${ending.id}`)).end_date).toBe("2026-09-15T00:00:00Z");
  });

  it("refuses changes dated before an imported contract's billed-until date", async () => {
    const { api, seats, halfBilled } = await tenant(t.server, "Imports history");
    const contract = await halfBilled();
    const before = "2026-03-10T00:00:00Z";
    const attempts: [string, Record<string, unknown>][] = [
      [`/v1/contracts/${contract.id}/end`, { end_date: before }],
      [
        `/v1/contracts/${contract.id}/component_subscriptions`,
        { component_id: seats, quantity: "1", start_date: before },
      ],
    ];
    for (const [url, body] of attempts) {
      const res = await api.request("POST", url, body);
      expect([res.status, res.body.error?.code], url).toEqual([422, "before_billed_until"]);
      expect(res.body.error.details.billed_until).toBe("2026-03-15T00:00:00.000Z");
    }
    // on or after the billed-until date, the same changes are taken
    await api.post(`/v1/contracts/${contract.id}/component_subscriptions`, {
      component_id: seats,
      quantity: "1",
      start_date: "2026-03-15T00:00:00Z",
    });
    const ended = await api.post(`/v1/contracts/${contract.id}/end`, {
      end_date: "2026-04-15T00:00:00Z",
    });
    expect(ended.end_date).toBe("2026-04-15T00:00:00Z");
    expect(
      (await api.get(`/v1/contracts/${contract.id}/component_subscriptions`)).data,
    ).toHaveLength(1);
  });
});
