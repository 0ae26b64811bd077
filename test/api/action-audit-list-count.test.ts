/**
 * The subscription actions and the audit log with include_total: how many rows each filter
 * holds (an action's contract and state; a record's operation and target), the same on every
 * page, and no count unless asked. Each expectation is the same filter applied to the whole
 * list in memory.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { pageThrough } from "../paging.js";
import { describeServer } from "../server.js";

type Row = Record<string, any> & { id: string };

describeServer("the subscription actions and audit log counted", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let actions: Row[] = [];
  let audit: Row[] = [];
  const contracts: string[] = [];

  /** Every row of the list at `path` with `query`, a page at a time, and each page's total. */
  const pages = (path: string, query: string, limit = 1) =>
    pageThrough<Row>((p) => api.get(p), path, query, limit);

  beforeAll(async () => {
    api = await billingTenant(t.server, "Counted actions", "2026-01-05T10:00:00Z");
    const { plan } = await api.plan();
    const variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "10",
      fee_period: { unit: "month", count: 1 },
    });
    for (const name of ["Acme", "Globex"]) {
      const customer = await api.customer({ company_name: name });
      const order = await api.post("/v1/orders", {
        customer_id: customer,
        plan_variant_id: variant,
        commit: true,
      });
      contracts.push(order.contract_id);
    }
    const [a = "", b = ""] = contracts;
    await api.advance("2026-01-06T10:00:00Z");
    // executed now, and scheduled for later: two states on each contract
    await api.post("/v1/subscription_actions/deactivate", { contract_id: a });
    await api.post("/v1/subscription_actions/rest", {
      contract_id: b,
      scheduled_date: "2026-02-20T00:00:00Z",
    });
    await api.post("/v1/subscription_actions/rest", {
      contract_id: a,
      scheduled_date: "2026-03-01T00:00:00Z",
    });
    actions = (await api.get("/v1/subscription_actions?limit=100")).data;
    audit = (await api.get("/v1/audit_events?limit=100")).data;
  });

  it("has actions in two states on two contracts, and records of several operations", () => {
    expect(actions).toHaveLength(3);
    expect(new Set(actions.map((r) => r.state)).size).toBe(2);
    expect(new Set(actions.map((r) => r.contract_id))).toEqual(new Set(contracts));
    expect(new Set(audit.map((r) => r.operation)).size).toBeGreaterThan(3);
  });

  it("counts the subscription actions each filter holds", async () => {
    const states = [undefined, ...new Set(actions.map((r) => r.state))];
    for (const state of states) {
      for (const contract of [undefined, ...contracts]) {
        const q = [state && `state=${state}`, contract && `contract_id=${contract}`]
          .filter(Boolean)
          .join("&");
        const expected = actions.filter(
          (r) => (!state || r.state === state) && (!contract || r.contract_id === contract),
        );
        const { ids, totals } = await pages("/v1/subscription_actions", `${q}&include_total=true`);
        expect(ids, q).toEqual(expected.map((r) => r.id));
        expect(new Set(totals), q).toEqual(new Set([expected.length]));
      }
    }
  });

  it("counts the audit records each filter holds", async () => {
    const [a = ""] = contracts;
    const cases: [string, (r: Row) => boolean][] = [
      ["", () => true],
      ["operation=subscription_actions.rest", (r) => r.operation === "subscription_actions.rest"],
      ["operation=customers.create", (r) => r.operation === "customers.create"],
      ["operation=nothing.done", () => false],
      [`target_id=${a}`, (r) => r.target?.id === a],
    ];
    for (const [q, holds] of cases) {
      const expected = audit.filter(holds);
      const { ids, totals } = await pages("/v1/audit_events", `${q}&include_total=true`, 3);
      expect(ids, q).toEqual(expected.map((r) => r.id));
      expect(new Set(totals), q).toEqual(new Set([expected.length]));
    }
    expect(audit.filter((r) => r.operation === "subscription_actions.rest")).toHaveLength(2);
  });

  it("counts only when asked", async () => {
    const listed = await pages("/v1/subscription_actions", "", 2);
    expect(new Set(listed.totals)).toEqual(new Set([undefined]));
    const records = await pages("/v1/audit_events", "operation=customers.create", 1);
    expect(records.ids).toHaveLength(2);
    expect(new Set(records.totals)).toEqual(new Set([undefined]));
  });
});
