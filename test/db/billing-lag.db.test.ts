/**
 * Billing a long history yields to the event loop: while one tenant's contracts with ten
 * years of daily fees are billed, a timer keeps firing, and (on PostgreSQL, where the
 * database works off the process's thread) /healthz keeps answering. Without the yields the
 * timer does not fire once in the whole run.
 */
import { expect, it } from "vitest";
import { runBilling } from "../../src/workflows/billing-run.js";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

/** The largest gap between two firings of a 5 ms timer while `work` runs, and the run's length. */
async function loopGaps(work: () => Promise<unknown>) {
  let last = performance.now();
  let maxGap = 0;
  let fires = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    fires += 1;
  }, 5);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const ended = performance.now();
  return { maxGap: Math.max(maxGap, ended - last), fires, took: ended - started };
}

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

    const health: number[] = [];
    let billing = true;
    const probe = (async () => {
      while (billing) {
        const started = performance.now();
        const res = await fetch(`${t.server.url}/healthz`);
        await res.text();
        expect(res.status).toBe(200);
        health.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const { maxGap, fires, took } = await loopGaps(async () => {
      const runs = await runBilling(t.server.db, {
        trigger: "worker",
        limit: 100,
        systemNow: () => new Date(),
      });
      expect(runs.map((r) => r.contracts_billed)).toEqual([3]);
    });
    billing = false;
    await probe;
    const invoices = await heavy.get("/v1/invoices?limit=10");
    expect(invoices.data).toHaveLength(3);
    // 3,652 daily fees each
    expect(invoices.data.every((i: { total_net: string }) => i.total_net === "3652.00")).toBe(true);

    // the loop was never held for long: the timer fired throughout the run, its largest gap
    // less than half the run (relative, so a loaded machine slows both alike, and one garbage
    // collection or statement of a slow machine does not decide; without the yields the gap
    // is the whole run on PGlite, the longest computation on PostgreSQL)
    expect(fires).toBeGreaterThan(20);
    expect(maxGap, `a ${Math.round(took)} ms run`).toBeLessThan(took / 2);
    if (t.backend === "postgres") {
      // /healthz answered throughout, promptly (on embedded PGlite a request that needs the
      // database waits for the batch's transaction)
      expect(health.length).toBeGreaterThan(5);
      expect(
        health.reduce((a, b) => Math.max(a, b), 0),
        `a ${Math.round(took)} ms run`,
      ).toBeLessThan(took / 2);
    }
  });
});
