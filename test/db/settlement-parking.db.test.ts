/**
 * Failure isolation in billing: a contract whose settlement keeps failing is tried again less
 * and less often, parked after 5 failures with its error (shown by the API, announced by an
 * event), left alone until a retry; and tenants take turns, so one tenant's backlog does not
 * hold up another's billing.
 */

import pino from "pino";
import { expect, it } from "vitest";
import { billingJob } from "../../src/jobs/billing.js";
import { runBilling } from "../../src/workflows/billing-run.js";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

const systemNow = () => new Date();
const silent = pino({ level: "silent" });

describeServer("settlement failures", (t) => {
  it("a contract that keeps failing backs off, is parked after 5 attempts, and is retried on request", async () => {
    const a = await billingTenant(t.server, "Parking", "2026-05-01T08:00:00Z");
    const { plan } = await a.plan();
    const variant = await a.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "10",
      fee_period: { unit: "month", count: 1 },
    });
    const broken = await a.signup(await a.customer({ email: "broken@x.example" }), variant);
    const healthy = await a.signup(await a.customer({ email: "fine@x.example" }), variant);
    const { customer_id: brokenCustomer } = await t.server.db
      .selectFrom("contracts")
      .select("customer_id")
      .where("id", "=", broken)
      .executeTakeFirstOrThrow();
    // data no settlement can work with, written behind the API's back
    await t.server.db
      .updateTable("customers")
      .set({ time_zone: "Nowhere/Atlantis" })
      .where("id", "=", brokenCustomer)
      .execute();
    const job = billingJob({ now: systemNow });
    const nextAt = async () =>
      (
        await t.server.db
          .selectFrom("contracts")
          .select("next_billing_at")
          .where("id", "=", broken)
          .executeTakeFirstOrThrow()
      ).next_billing_at?.toISOString();

    // attempts 1 to 4: each waits twice as long as the one before (15, 30, 60, 120 minutes)
    let now = Date.parse("2026-05-01T08:00:00Z");
    for (const [attempt, waitMinutes] of [
      [1, 15],
      [2, 30],
      [3, 60],
      [4, 120],
    ] as const) {
      await job.run({ db: t.server.db, log: silent });
      expect(await nextAt(), `after attempt ${attempt}`).toBe(
        new Date(now + waitMinutes * 60_000).toISOString(),
      );
      const contract = await a.get(`/v1/contracts/${broken}`);
      expect(contract.settlement).toMatchObject({
        status: "retrying",
        failed_attempts: attempt,
        parked_at: null,
      });
      expect(contract.settlement.last_error).toContain("Unknown time zone");
      // a minute before the next attempt nothing happens
      await a.advance(new Date(now + (waitMinutes - 1) * 60_000).toISOString());
      await job.run({ db: t.server.db, log: silent });
      expect((await a.get(`/v1/contracts/${broken}`)).settlement.failed_attempts).toBe(attempt);
      now += waitMinutes * 60_000;
      await a.advance(new Date(now).toISOString());
    }
    // the healthy contract was billed once, at the first run
    expect(await a.invoices(healthy)).toHaveLength(1);

    // attempt 5 fails: parked
    await job.run({ db: t.server.db, log: silent });
    const parked = await a.get(`/v1/contracts/${broken}`);
    expect(parked.settlement).toMatchObject({
      status: "parked",
      failed_attempts: 5,
      parked_at: new Date(now).toISOString(),
      last_failed_at: new Date(now).toISOString(),
    });
    const events = await a.get(`/v1/events?type=contract.settlement_parked&subject_id=${broken}`);
    expect(events.data).toHaveLength(1);
    expect(events.data[0].data.settlement.status).toBe("parked");

    // parked: a day later billing still leaves it alone, and tries nothing
    await a.advance("2026-05-02T08:00:00Z");
    expect(await job.run({ db: t.server.db, log: silent })).toBe(0);
    expect((await a.get(`/v1/contracts/${broken}`)).settlement.failed_attempts).toBe(5);
    expect(await a.invoices(broken)).toHaveLength(0);

    // the retry needs billing:write
    const reader = await a.post("/v1/api_keys", { name: "reader", roles: ["read_only"] });
    const refused = await t.server.request("POST", `/v1/contracts/${broken}/settlement/retry`, {
      key: reader.secret,
    });
    expect(refused.status).toBe(403);

    // the data is repaired and the contract retried: billed at the next run
    await t.server.db
      .updateTable("customers")
      .set({ time_zone: "UTC" })
      .where("id", "=", brokenCustomer)
      .execute();
    const retried = await a.post(`/v1/contracts/${broken}/settlement/retry`);
    expect(retried.settlement).toEqual({
      status: "ok",
      failed_attempts: 0,
      last_error: null,
      last_failed_at: null,
      parked_at: null,
    });
    const audit = await a.get(
      `/v1/audit_events?operation=contracts.retry_settlement&target_id=${broken}`,
    );
    expect(audit.data).toHaveLength(1);
    expect(audit.data[0].before.settlement.status).toBe("parked");
    expect(await job.run({ db: t.server.db, log: silent })).toBe(1);
    expect(await a.invoices(broken)).toHaveLength(1);
    expect((await a.get(`/v1/contracts/${broken}`)).settlement.status).toBe("ok");

    // nothing failed: nothing to retry
    const again = await a.request("POST", `/v1/contracts/${broken}/settlement/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("settlement_not_failed");
  });
});

describeServer("billing: tenants take turns", (t) => {
  it("a tenant with a backlog does not hold up another tenant's due contract", {
    timeout: 120_000,
  }, async () => {
    // tenant "Busy": 30 contracts due since May; tenant "Small": one due since June
    const busy = await billingTenant(t.server, "Busy", "2026-05-01T08:00:00Z");
    const bp = await busy.plan();
    const bv = await busy.variant(bp.plan, {
      internal_name: "Monthly",
      recurring_fee: "10",
      fee_period: { unit: "month", count: 1 },
    });
    for (let i = 0; i < 30; i++) await busy.signup(await busy.customer(), bv);
    const small = await billingTenant(t.server, "Small", "2026-06-01T08:00:00Z");
    const sp = await small.plan();
    const sv = await small.variant(sp.plan, {
      internal_name: "Monthly",
      recurring_fee: "10",
      fee_period: { unit: "month", count: 1 },
    });
    const contract = await small.signup(await small.customer(), sv);

    // one pass of 12 contracts in turns of 10: the busy tenant's turn is bounded, the small
    // one is served
    const rotation = { last: null as string | null };
    const runs = await runBilling(t.server.db, {
      trigger: "worker",
      limit: 12,
      systemNow,
      rotation,
      batchSize: 10,
    });
    // busy 10, small 1, then busy again with what the pass has left (1)
    expect(runs.map((r) => r.contracts_billed).sort((x, y) => x - y)).toEqual([1, 11]);
    expect(await small.invoices(contract)).toHaveLength(1);
    // the next pass goes on after the last tenant served: the busy tenant's 19 left
    const next = await runBilling(t.server.db, {
      trigger: "worker",
      limit: 100,
      systemNow,
      rotation,
      batchSize: 10,
    });
    expect(next.map((r) => r.contracts_billed)).toEqual([19]);
  });

  it("a pass completes a tenant's run once it has nothing due, while it goes on with the others", {
    timeout: 120_000,
  }, async () => {
    const signups = async (name: string, n: number) => {
      const api = await billingTenant(t.server, name, "2026-05-01T08:00:00Z");
      const { plan } = await api.plan();
      const variant = await api.variant(plan, {
        internal_name: "Monthly",
        recurring_fee: "10",
        fee_period: { unit: "month", count: 1 },
      });
      let contract = "";
      for (let i = 0; i < n; i++) contract = await api.signup(await api.customer(), variant);
      const { tenant_id } = await t.server.db
        .selectFrom("contracts")
        .select("tenant_id")
        .where("id", "=", contract)
        .executeTakeFirstOrThrow();
      return tenant_id;
    };
    const long = await signups("Long backlog", 25);
    const short = await signups("Short backlog", 1);
    const runOf = (tenantId: string) =>
      t.server.db
        .selectFrom("billing_runs")
        .select(["status", "contracts_billed", "finished_at"])
        .where("tenant_id", "=", tenantId)
        .execute();
    // when each transaction of the pass was reported: in turns of 10, the long tenant's
    // three batches and the short one's single contract, the long one's last batch after the
    // short one has nothing due
    const reported: Date[] = [];
    await runBilling(t.server.db, {
      trigger: "worker",
      limit: Number.POSITIVE_INFINITY,
      systemNow,
      rotation: { last: null },
      batchSize: 10,
      progress: () => {
        reported.push(new Date());
      },
    });
    expect(reported).toHaveLength(4);
    const [shortRun] = await runOf(short);
    const [longRun] = await runOf(long);
    expect(shortRun).toMatchObject({ status: "completed", contracts_billed: 1 });
    expect(longRun).toMatchObject({ status: "completed", contracts_billed: 25 });
    // the short tenant's run was completed before the long tenant's last batch, not with it
    expect(shortRun!.finished_at!.getTime()).toBeLessThanOrEqual(reported[3]!.getTime());
    expect(shortRun!.finished_at!.getTime()).toBeLessThan(longRun!.finished_at!.getTime());
  });
});
