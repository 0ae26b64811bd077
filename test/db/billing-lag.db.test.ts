/**
 * Billing a long history yields to the event loop: while one tenant's contracts with ten
 * years of daily fees are billed, a timer keeps firing, and (on PostgreSQL, where the
 * database works off the process's thread) /healthz keeps answering. Without the yields the
 * timer does not fire once in the whole run.
 */
import { expect, it } from "vitest";
import { runBilling } from "../../src/workflows/billing-run.js";
import { billingTenant } from "../billing-tenant.js";
import { expectLoopFree, measureLag } from "../loop-lag.js";
import { describeServer } from "../server.js";

describeServer("billing a long history", (t) => {
  it("lets the event loop run: timers fire, /healthz answers", async () => {
    // three contracts with a daily fee since ten years back (the earliest start a signup takes)
    const heavy = await billingTenant(t.server, "Heavy", "2026-05-01T00:00:00Z");
    const { plan } = await heavy.plan();
    const variant = await heavy.variant(plan, {
      internal_name: "Daily",
      recurring_fee: "1",
      fee_period: { unit: "day", count: 1 },
    });
    for (let i = 0; i < 3; i++) {
      await heavy.signup(await heavy.customer(), variant, { start_date: "2016-05-02T00:00:00Z" });
    }

    const lag = await measureLag(t.server.url, () =>
      runBilling(t.server.db, {
        trigger: "worker",
        limit: 100,
        systemNow: () => new Date(),
      }),
    );
    expect(lag.result.map((r) => r.contracts_billed)).toEqual([3]);
    const invoices = await heavy.get("/v1/invoices?limit=10");
    expect(invoices.data).toHaveLength(3);
    // 3,652 daily fees each
    expect(invoices.data.every((i: { total_net: string }) => i.total_net === "3652.00")).toBe(true);

    // without the yields the timer's gap is the whole run on PGlite, the longest computation
    // on PostgreSQL; on embedded PGlite a request that needs the database waits for the
    // batch's transaction, so /healthz is checked on PostgreSQL
    expectLoopFree(lag, { healthz: t.backend === "postgres" });
  });
});
