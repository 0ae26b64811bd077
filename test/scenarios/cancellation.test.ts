/**
 * Cancellation previews on a test clock, each expected date derived by hand in a comment.
 */
import { expect, it } from "vitest";
import { verifySelfServiceToken } from "../../src/modules/contracts/self-service.js";
import { describeServer } from "../server.js";

describeServer("cancellation preview and self-service tokens", (t) => {
  async function signup(options: {
    now: string;
    timeZone: string;
    trial?: { unit: string; count: number };
    variant: Record<string, unknown>;
  }) {
    const tenant = await t.server.createTenant("Cancel");
    const key = tenant.api_key;
    const as = (url: string, body?: unknown) => t.server.post(url, body, { key });
    await as("/v1/test_clock", { frozen_time: options.now });
    const group = (await as("/v1/plan_groups", { name: "G", currency: "EUR", price_type: "net" }))
      .body;
    const plan = (
      await as("/v1/plans", {
        plan_group_id: group.id,
        name: "P",
        ...(options.trial ? { trial_period: options.trial } : {}),
      })
    ).body;
    const variant = (
      await as("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "V",
        recurring_fee: "10",
        ...options.variant,
      })
    ).body;
    const customer = (
      await as("/v1/customers", { email: "c@x.example", time_zone: options.timeZone })
    ).body;
    const order = (
      await as("/v1/orders", { customer_id: customer.id, plan_variant_id: variant.id })
    ).body;
    await as(`/v1/orders/${order.id}/commit`);
    return { key, contract: order.contract_id as string };
  }

  it("monthly fee, 12-month minimum term, monthly renewals, 3 months' notice (UTC)", async () => {
    const { key, contract } = await signup({
      now: "2025-01-31T10:00:00Z",
      timeZone: "UTC",
      variant: {
        fee_period: { unit: "month", count: 1 },
        contract_period: { unit: "month", count: 12 },
        later_contract_period: { unit: "month", count: 1 },
        notice_period: { unit: "month", count: 3 },
      },
    });
    // asked Jan 31 2025: Jan 31 + 3 months = Apr 30 2025 ≤ first term end Jan 31 2026 → ends then;
    // last notice: Oct 31 2025 (+3 months = Jan 31); Nov 1 + 3 months = Feb 1 is too late
    const first = await t.server.get(`/v1/contracts/${contract}/cancellation_preview`, { key });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      end_date: "2026-01-31T10:00:00Z",
      last_notice_date: "2025-10-31",
    });
    expect(first.body.contract_after).toMatchObject({
      end_date: "2026-01-31T10:00:00Z",
      status: "active",
    });
    // nothing was written
    expect((await t.server.get(`/v1/contracts/${contract}`, { key })).body.end_date).toBeNull();

    // asked Nov 5 2025: +3 months = Feb 5 2026 misses Jan 31 2026; the next monthly term end is
    // start + 13 months = Feb 28 2026 (month end); last notice Nov 30 (+3 months = Feb 28)
    await t.server.post("/v1/test_clock/advance", { frozen_time: "2025-11-05T08:00:00Z" }, { key });
    const later = await t.server.get(`/v1/contracts/${contract}/cancellation_preview`, { key });
    expect(later.body).toMatchObject({
      end_date: "2026-02-28T10:00:00Z",
      last_notice_date: "2025-11-30",
    });

    // Billwerk's view of the same preview: the last moment is the end of the last notice day
    const bw = await t.server.get(`/api/v1/Contracts/${contract}/cancellationPreview`, { key });
    expect(bw.body).toMatchObject({
      NextPossibleCancellationDate: "2025-11-30T23:59:59.9990000Z",
      EndDate: "2026-02-28T10:00:00.0000000Z",
      ContractAfter: { Id: contract, EndDate: "2026-02-28T10:00:00.0000000Z" },
    });

    // terminate with notice: end at the preview's end date
    const ended = await t.server.post(
      `/v1/contracts/${contract}/end`,
      { end_date: later.body.end_date },
      { key },
    );
    expect(ended.body.end_date).toBe("2026-02-28T10:00:00Z");
  });

  it("yearly terms after a 14-day trial from a leap day, 1 month's notice (Berlin)", async () => {
    const { key, contract } = await signup({
      now: "2024-02-15T09:00:00Z", // 10:00 in Berlin
      timeZone: "Europe/Berlin",
      trial: { unit: "day", count: 14 },
      variant: {
        fee_period: { unit: "year", count: 1 },
        contract_period: { unit: "year", count: 1 },
        notice_period: { unit: "month", count: 1 },
      },
    });
    // the paid term starts after the trial: Feb 15 + 14 days = Feb 29 2024, 10:00 Berlin
    const c = (await t.server.get(`/v1/contracts/${contract}`, { key })).body;
    expect(c.phases[1]).toMatchObject({ type: "normal", start_date: "2024-02-29T09:00:00Z" });

    // asked Mar 1 2024: first term end = Feb 29 2024 + 1 year = Feb 28 2025 (10:00 Berlin = 09:00Z);
    // last notice Jan 31 2025 (+1 month = Feb 28); Feb 1 + 1 month = Mar 1 is too late
    await t.server.post("/v1/test_clock/advance", { frozen_time: "2024-03-01T00:00:00Z" }, { key });
    const first = await t.server.get(`/v1/contracts/${contract}/cancellation_preview`, { key });
    expect(first.body).toMatchObject({
      end_date: "2025-02-28T09:00:00Z",
      last_notice_date: "2025-01-31",
    });

    // asked Feb 10 2025: +1 month = Mar 10 misses Feb 28 2025; renewal by the contract period:
    // Feb 29 2024 + 2 years = Feb 28 2026
    await t.server.post("/v1/test_clock/advance", { frozen_time: "2025-02-10T00:00:00Z" }, { key });
    const renewed = await t.server.get(`/v1/contracts/${contract}/cancellation_preview`, { key });
    expect(renewed.body).toMatchObject({
      end_date: "2026-02-28T09:00:00Z",
      last_notice_date: "2026-01-31",
    });
  });

  it("no minimum term: ends after the notice from today", async () => {
    const { key, contract } = await signup({
      now: "2025-03-10T12:00:00Z",
      timeZone: "UTC",
      variant: {
        fee_period: { unit: "month", count: 1 },
        notice_period: { unit: "day", count: 30 },
      },
    });
    // Mar 10 + 30 days = Apr 9, at the paid term's time of day
    const res = await t.server.get(`/v1/contracts/${contract}/cancellation_preview`, { key });
    expect(res.body).toMatchObject({
      end_date: "2025-04-09T12:00:00Z",
      last_notice_date: "2025-03-10",
    });
  });

  it("end after the first contract period: the end is set at signup, after the trial, in the customer's zone", async () => {
    const { key, contract } = await signup({
      now: "2025-01-31T10:00:00Z", // 11:00 in Berlin (CET)
      timeZone: "Europe/Berlin",
      trial: { unit: "day", count: 14 },
      variant: {
        fee_period: { unit: "month", count: 1 },
        contract_period: { unit: "month", count: 3 },
        notice_period: { unit: "month", count: 1 },
        end_after_first_contract_period: true,
      },
    });
    // paid term from Jan 31 + 14 days = Feb 14, 11:00 Berlin (10:00Z); + 3 months = May 14,
    // 11:00 Berlin, which is summer time (CEST, UTC+2): 09:00Z
    const c = (await t.server.get(`/v1/contracts/${contract}`, { key })).body;
    expect(c).toMatchObject({ status: "in_trial", end_date: "2025-05-14T09:00:00Z" });
    expect(
      c.phases.map((p: { type: string; start_date: string }) => [p.type, p.start_date]),
    ).toEqual([
      ["trial", "2025-01-31T10:00:00Z"],
      ["normal", "2025-02-14T10:00:00Z"],
      ["inactive", "2025-05-14T09:00:00Z"],
    ]);
    // the preview reports the end already set; a cancellation until its last day changes nothing
    const preview = await t.server.get(`/v1/contracts/${contract}/cancellation_preview`, { key });
    expect(preview.body).toMatchObject({
      end_date: "2025-05-14T09:00:00Z",
      already_ending: true,
      last_notice_date: "2025-05-14",
      contract_after: { end_date: "2025-05-14T09:00:00Z" },
    });
    const bw = await t.server.get(`/api/v1/Contracts/${contract}/cancellationPreview`, { key });
    expect(bw.body).toMatchObject({
      EndDate: "2025-05-14T09:00:00.0000000Z",
      NextPossibleCancellationDate: "2025-05-14T08:59:59.9990000Z",
      ContractAfter: { EndDate: "2025-05-14T09:00:00.0000000Z" },
    });
    // once ended, there is nothing to preview
    await t.server.post("/v1/test_clock/advance", { frozen_time: "2025-05-14T09:00:00Z" }, { key });
    const ended = await t.server.get(`/v1/contracts/${contract}/cancellation_preview`, { key });
    expect(ended.status).toBe(422);
    expect(ended.body.error).toMatchObject({
      code: "contract_already_ended",
      details: { end_date: "2025-05-14T09:00:00Z" },
    });
    const bwEnded = await t.server.get(`/api/v1/Contracts/${contract}/cancellationPreview`, {
      key,
    });
    expect(bwEnded.status).toBe(422);
    expect(bwEnded.body.Code).toBe("contract_already_ended");
  });

  it("an end set earlier than notice allows is reported as is; a later one is moved forward", async () => {
    const { key, contract } = await signup({
      now: "2025-03-10T12:00:00Z",
      timeZone: "UTC",
      variant: {
        fee_period: { unit: "month", count: 1 },
        contract_period: { unit: "month", count: 12 },
        notice_period: { unit: "month", count: 1 },
      },
    });
    // without an end: first term end Mar 10 2026, last notice Feb 10 2026
    const open = await t.server.get(`/v1/contracts/${contract}/cancellation_preview`, { key });
    expect(open.body).toMatchObject({ end_date: "2026-03-10T12:00:00Z", already_ending: false });

    await t.server.post(
      `/v1/contracts/${contract}/end`,
      { end_date: "2025-04-01T00:00:00Z" },
      { key },
    );
    const early = await t.server.get(`/v1/contracts/${contract}/cancellation_preview`, { key });
    // Apr 1 00:00 is earlier than the term end: it stands; its last day is Mar 31
    expect(early.body).toMatchObject({
      end_date: "2025-04-01T00:00:00Z",
      already_ending: true,
      last_notice_date: "2025-03-31",
    });

    await t.server.post(
      `/v1/contracts/${contract}/end`,
      { end_date: "2027-01-01T00:00:00Z" },
      { key },
    );
    const late = await t.server.get(`/v1/contracts/${contract}/cancellation_preview`, { key });
    expect(late.body).toMatchObject({
      end_date: "2026-03-10T12:00:00Z",
      last_notice_date: "2026-02-10",
      already_ending: false,
      contract_after: { end_date: "2026-03-10T12:00:00Z" },
    });
  });

  it("self-service tokens: scoped to one contract, validity capped at 7 days, shown once", async () => {
    const { key, contract } = await signup({
      now: "2025-03-10T12:00:00Z",
      timeZone: "UTC",
      variant: { fee_period: { unit: "month", count: 1 } },
    });
    const created = await t.server.post(
      `/v1/contracts/${contract}/self_service_token`,
      { validity_minutes: 30 },
      { key },
    );
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^sst_/);
    expect(created.body.url).toBe(`http://127.0.0.1/portal/${created.body.token}`);
    const minutes = (Date.parse(created.body.expires_at) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
    const opened = await verifySelfServiceToken(t.server.db, created.body.token);
    expect(opened.contractId).toBe(contract);
    await expect(verifySelfServiceToken(t.server.db, "sst_forged")).rejects.toThrow(/expired/);

    const tooLong = await t.server.post(
      `/v1/contracts/${contract}/self_service_token`,
      { validity_minutes: 10_081 },
      { key },
    );
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.code).toBe("invalid_token_validity");

    const bw = await t.server.get(
      `/api/v1/Contracts/${contract}/SelfServiceToken?tokenValidity=10080`,
      { key },
    );
    expect(bw.body).toMatchObject({ Purpose: "CustomerPortal" });
    expect(bw.body.Token).toMatch(/^sst_/);
    expect(bw.body.Url).toContain(`/portal/${bw.body.Token}`);
    const bwTooLong = await t.server.get(
      `/api/v1/Contracts/${contract}/SelfServiceToken?tokenValidity=20000`,
      { key },
    );
    expect(bwTooLong.status).toBe(422);
    expect(bwTooLong.body.Code).toBe("invalid_token_validity");

    const stored = await t.server.db
      .selectFrom("self_service_tokens")
      .select("token_hash")
      .execute();
    expect(JSON.stringify(stored)).not.toContain(created.body.token);
  });
});
