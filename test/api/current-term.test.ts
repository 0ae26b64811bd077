/**
 * `GET /v1/contracts/{id}/current_term`: the billing period holding now, as billing sees it.
 * A monthly contract from 1 April: 1 April – 1 May; with its term end moved to 21 April,
 * 1 April – 21 April; a contract not in a paid phase now has no current term (409).
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("contracts: current term", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids = { variant: "", trial: "", customer: "" };

  beforeAll(async () => {
    api = await billingTenant(t.server, "Term", "2026-04-01T00:00:00Z");
    const monthly = { fee_period: { unit: "month", count: 1 } };
    const { plan } = await api.plan();
    ids.variant = await api.variant(plan, { internal_name: "M", recurring_fee: "30", ...monthly });
    const trial = await api.plan({ trial_period: { unit: "day", count: 14 } });
    ids.trial = await api.variant(trial.plan, {
      internal_name: "T",
      recurring_fee: "30",
      ...monthly,
    });
    ids.customer = await api.customer();
  });

  it("answers the billing period holding now, a moved term end included", async () => {
    const contract = await api.signup(ids.customer, ids.variant);
    await api.advance("2026-04-10T00:00:00Z");
    expect(await api.get(`/v1/contracts/${contract}/current_term`)).toEqual({
      contract_id: contract,
      term_start: "2026-04-01T00:00:00Z",
      term_end: "2026-05-01T00:00:00Z",
      billing_period: { unit: "month", count: 1 },
    });
    await api.post(`/v1/contracts/${contract}/change_term_end`, {
      term_end: "2026-04-21T00:00:00Z",
    });
    expect(await api.get(`/v1/contracts/${contract}/current_term`)).toMatchObject({
      term_start: "2026-04-01T00:00:00Z",
      term_end: "2026-04-21T00:00:00Z",
    });
  });

  it("a contract in a trial has no current term", async () => {
    const contract = await api.signup(ids.customer, ids.trial);
    const res = await api.request("GET", `/v1/contracts/${contract}/current_term`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("term_end_not_changeable");
  });
});
