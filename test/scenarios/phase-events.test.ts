/**
 * Time-driven contract events: the worker job announces each phase start (and an approaching
 * trial end) once, when the tenant's test clock passes it.
 */
import { pino } from "pino";
import { beforeAll, expect, it } from "vitest";
import { contractPhaseEvents } from "../../src/jobs/contract-phase-events.js";
import { getWebhookFormat } from "../../src/modules/webhooks/formats.js";
import { describeServer } from "../server.js";

describeServer("contract phase events", (t) => {
  const ids: Record<string, string> = {};
  const post = (url: string, body?: unknown) => t.server.post(url, body);
  const job = contractPhaseEvents({ trialEndNoticeDays: 3 });
  const run = () => job.run({ db: t.server.db, log: pino({ enabled: false }) });
  const advance = (to: string) => post("/v1/test_clock/advance", { frozen_time: to });
  const events = async (type: string) =>
    (await t.server.get(`/v1/events?type=${type}&subject_id=${ids.contract}`)).body.data;

  // a signup with a 14-day trial on a test clock
  beforeAll(async () => {
    const create = (url: string, body?: unknown) => t.server.must("POST", url, body);
    await create("/v1/test_clock", { frozen_time: "2025-01-31T10:00:00Z" });
    const customer = (await create("/v1/customers", { email: "p@x.example" })).id;
    const group = (
      await create("/v1/plan_groups", { name: "G", currency: "EUR", price_type: "net" })
    ).id;
    const plan = (
      await create("/v1/plans", {
        plan_group_id: group,
        name: "P",
        trial_period: { unit: "day", count: 14 },
      })
    ).id;
    const monthly = { recurring_fee: "10", fee_period: { unit: "month", count: 1 } };
    ids.variant = (
      await create("/v1/plan_variants", { plan_id: plan, internal_name: "V", ...monthly })
    ).id;
    ids.bigger = (
      await create("/v1/plan_variants", { plan_id: plan, internal_name: "XL", ...monthly })
    ).id;
    const order = await create("/v1/orders", {
      customer_id: customer,
      plan_variant_id: ids.variant,
    });
    await create(`/v1/orders/${order.id}/commit`);
    ids.contract = order.contract_id;
    expect(Object.values(ids).every(Boolean)).toBe(true);
  });

  it("nothing is due at signup: the trial's start was announced by contract.created", async () => {
    expect(await run()).toBe(0);
    expect(await events("contract.phase_started")).toEqual([]);
    expect((await events("contract.created")).length).toBe(1);
  });

  it("three days before the trial ends: contract.trial_end_approaching, once", async () => {
    await advance("2025-02-11T09:59:59Z");
    await run();
    expect(await events("contract.trial_end_approaching")).toEqual([]);
    await advance("2025-02-11T10:00:00Z");
    expect(await run()).toBe(1);
    expect(await run()).toBe(0);
    const approaching = await events("contract.trial_end_approaching");
    expect(approaching).toHaveLength(1);
    expect(approaching[0].data).toMatchObject({
      trial_end_date: "2025-02-14T10:00:00Z",
      notice_days: 3,
    });
    // Billwerk-format endpoints receive it under Billwerk's name
    const row = await t.server.db
      .selectFrom("outbox_events")
      .selectAll()
      .where("id", "=", approaching[0].id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(getWebhookFormat("billwerk")!.render(row))).toMatchObject({
      Event: "TrialEndApproaching",
      ContractId: ids.contract,
    });
  });

  it("the trial ends: contract.phase_started and contract.trial_ended, once each", async () => {
    await advance("2025-02-20T00:00:00Z");
    expect(await run()).toBe(1);
    expect(await run()).toBe(0);
    const started = await events("contract.phase_started");
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({
      tenant_time: "2025-02-20T00:00:00.000Z",
      data: {
        phase: { type: "normal", start_date: "2025-02-14T10:00:00Z", plan_variant_id: ids.variant },
        previous_phase_type: "trial",
      },
    });
    const ended = await events("contract.trial_ended");
    expect(ended).toHaveLength(1);
    expect(ended[0].data).toMatchObject({
      trial_start_date: "2025-01-31T10:00:00Z",
      trial_end_date: "2025-02-14T10:00:00Z",
      next_phase_type: "normal",
    });
    // the approaching notice is not repeated
    expect(await events("contract.trial_end_approaching")).toHaveLength(1);
  });

  it("a future change is announced when it takes effect; one taking effect now by its own event", async () => {
    const later = (
      await post("/v1/orders", {
        contract_id: ids.contract,
        plan_variant_id: ids.bigger,
        change_date: "2025-03-01T00:00:00Z",
      })
    ).body;
    await post(`/v1/orders/${later.id}/commit`);
    expect(await run()).toBe(0);
    // two runs at once after the clock passes it: one announcement
    await advance("2025-03-01T00:00:00Z");
    const [a, b] = await Promise.all([run(), run()]);
    expect(a + b).toBe(1);
    const started = await events("contract.phase_started");
    expect(started).toHaveLength(2);
    expect(started[0].data).toMatchObject({
      phase: { plan_variant_id: ids.bigger, start_date: "2025-03-01T00:00:00Z" },
      previous_phase_type: "normal",
    });
    expect(await events("contract.trial_ended")).toHaveLength(1);

    const now = (
      await post("/v1/orders", { contract_id: ids.contract, plan_variant_id: ids.variant })
    ).body;
    await post(`/v1/orders/${now.id}/commit`);
    expect(await run()).toBe(0);
    expect(await events("contract.phase_started")).toHaveLength(2);
  });

  it("a change rewriting the phases keeps the marks: nothing is announced twice", async () => {
    await post(`/v1/contracts/${ids.contract}/end`, { end_date: "2025-06-30T00:00:00Z" });
    expect(await run()).toBe(0);
    await advance("2025-07-01T00:00:00Z");
    expect(await run()).toBe(1);
    const started = await events("contract.phase_started");
    expect(started).toHaveLength(3);
    expect(started[0].data.phase).toMatchObject({
      type: "inactive",
      start_date: "2025-06-30T00:00:00Z",
    });
    expect((await t.server.get(`/v1/contracts/${ids.contract}`)).body.status).toBe("ended");
    expect(await run()).toBe(0);
  });
});
