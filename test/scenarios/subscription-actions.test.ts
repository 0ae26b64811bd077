/**
 * Subscription actions on a test clock: each action's allowed and refused states, scheduled
 * execution and cancellation, duplicate transaction reference numbers, the grace period's
 * parameters, identification by customer, and amend_services' effect on the next invoice.
 */
import { pino } from "pino";
import { beforeAll, expect, it } from "vitest";
import { scheduledActionsJob } from "../../src/jobs/scheduled-actions.js";
import { runDueActions } from "../../src/workflows/scheduled-actions.js";
import { billingTenant, lines } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("subscription actions", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const job = scheduledActionsJob();
  const runDue = () => job.run({ db: t.server.db, log: pino({ enabled: false }) });
  const act = (action: string, body: Record<string, unknown>) =>
    api.request("POST", `/v1/subscription_actions/${action}`, body);
  const state = async (contract = ids.contract) =>
    (await api.get(`/v1/subscription_actions?contract_id=${contract}&limit=100`)).data;
  const contract = (id = ids.contract) => api.get(`/v1/contracts/${id}`);
  const actionCount = async () => (await state()).length;

  // a monthly plan of 30 EUR with a 10 EUR service, a contract from Jan 1
  beforeAll(async () => {
    api = await billingTenant(t.server, "Actions", "2026-01-01T00:00:00Z");
    const { group, plan } = await api.plan();
    ids.variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.service = (
      await api.post("/v1/components", {
        plan_group_id: group,
        name: "Static IP",
        type: "on_off",
        price_per_unit: "10",
      })
    ).id;
    ids.customer = await api.customer();
    ids.contract = await api.signup(ids.customer, ids.variant);
    ids.north = (await api.post("/v1/provisioning_distributors", { name: "North" })).id;
    ids.south = (await api.post("/v1/provisioning_distributors", { name: "South" })).id;
    expect(Object.values(ids).every(Boolean)).toBe(true);
  });

  it("deactivate an effective subscription; a second deactivation is refused and writes nothing", async () => {
    await api.advance("2026-01-05T00:00:00Z");
    const res = await act("deactivate", {
      contract_id: ids.contract,
      performed_by_user: "agent-7",
      classification: "non-payment",
      udf_string_1: "ticket 42",
      udf_float_2: 1.5,
      udf_date_1: "2026-01-01T00:00:00Z",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      action: "deactivate",
      behaviour_code: "deactivate_subscription",
      state: "executed",
      number: "1",
      subscription_state: "not_effective",
      performed_by_user: "agent-7",
      classification: "non-payment",
      udf_string_1: "ticket 42",
      udf_float_2: 1.5,
      udf_date_1: "2026-01-01T00:00:00.000Z",
      udf_string_2: null,
      executed_on: "2026-01-05T00:00:00.000Z",
    });
    expect(res.body.submitted_by.type).toBe("api_key");
    expect((await contract()).status).toBe("temporarily_inactive");
    const again = await act("deactivate", { contract_id: ids.contract });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe("invalid_life_cycle_state");
    expect(again.body.error.details).toMatchObject({ state: "not_effective" });
    expect(await actionCount()).toBe(1);
  });

  it("activate a not-effective subscription; rest and end resting; refused in the wrong states", async () => {
    expect((await act("activate", { contract_id: ids.contract })).body.subscription_state).toBe(
      "effective",
    );
    expect((await act("end_resting", { contract_id: ids.contract })).body.error.code).toBe(
      "invalid_life_cycle_state",
    );
    expect((await act("rest", { contract_id: ids.contract })).body.subscription_state).toBe(
      "in_resting",
    );
    for (const refused of ["rest", "deactivate", "activate", "extend_grace_period"]) {
      const res = await act(refused, {
        contract_id: ids.contract,
        ...(refused === "extend_grace_period" ? { end_grace_period_after_specific_days: 3 } : {}),
      });
      expect(res.status, refused).toBe(422);
      expect(res.body.error.code).toBe("invalid_life_cycle_state");
    }
    expect((await act("end_resting", { contract_id: ids.contract })).body.subscription_state).toBe(
      "effective",
    );
    expect((await contract()).status).toBe("active");
    expect((await state()).map((a: any) => a.behaviour_code)).toEqual([
      "deactivate_subscription",
      "activate_subscription",
      "rest_subscription",
      "end_subscription_resting",
    ]);
  });

  it("a transaction reference number is used once per tenant; a repeat changes nothing", async () => {
    const first = await act("rest", {
      contract_id: ids.contract,
      transaction_reference_number: "TRN-1",
    });
    expect(first.status).toBe(201);
    const repeat = await act("end_resting", {
      contract_id: ids.contract,
      transaction_reference_number: "TRN-1",
    });
    expect(repeat.status).toBe(409);
    expect(repeat.body.error.code).toBe("duplicate_transaction_reference_number");
    expect((await contract()).status).toBe("temporarily_inactive");
    expect(
      (
        await act("end_resting", {
          contract_id: ids.contract,
          transaction_reference_number: "TRN-2",
        })
      ).status,
    ).toBe(201);
  });

  it("extend_grace_period takes exactly one of its two parameters", async () => {
    const count = await actionCount();
    const both = await act("extend_grace_period", {
      contract_id: ids.contract,
      end_grace_period_on: "2026-02-01T00:00:00Z",
      end_grace_period_after_specific_days: 5,
    });
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe("mutually_exclusive_parameters");
    const neither = await act("extend_grace_period", { contract_id: ids.contract });
    expect(neither.status).toBe(400);
    expect(neither.body.error.code).toBe("missing_parameter");
    expect(await actionCount()).toBe(count);

    const days = await act("extend_grace_period", {
      contract_id: ids.contract,
      end_grace_period_after_specific_days: 10,
    });
    expect(days.status).toBe(201);
    expect(days.body.effects).toEqual([
      { type: "grace_period_extended", from: null, to: "2026-01-15T00:00:00Z" },
    ]);
    const earlier = await act("extend_grace_period", {
      contract_id: ids.contract,
      end_grace_period_on: "2026-01-10T00:00:00Z",
    });
    expect(earlier.status).toBe(422);
    expect(earlier.body.error.code).toBe("grace_period_not_extended");
  });

  it("a customer with exactly one contract identifies it; with two it does not", async () => {
    const byCustomer = await act("rest", { customer_id: ids.customer });
    expect(byCustomer.status).toBe(201);
    expect(byCustomer.body.contract_id).toBe(ids.contract);
    await act("end_resting", { customer_id: ids.customer });
    const both = await act("rest", { customer_id: ids.customer, contract_id: ids.contract });
    expect(both.body.error.code).toBe("ambiguous_identifier");
    const none = await act("rest", {});
    expect(none.body.error.code).toBe("missing_identifier");
    const other = (await api.customer({ email: "two@x.example" })) as string;
    await api.signup(other, ids.variant!);
    await api.signup(other, ids.variant!);
    const two = await act("rest", { customer_id: other });
    expect(two.status).toBe(422);
    expect(two.body.error.code).toBe("customer_owns_multiple_subscriptions");
  });

  it("a scheduled action waits for its date, runs once, and cannot be cancelled after", async () => {
    const scheduled = await act("rest", {
      contract_id: ids.contract,
      scheduled_date: "2026-01-20T00:00:00Z",
    });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body).toMatchObject({ state: "scheduled", executed_on: null });
    expect(await runDue()).toBe(0);
    await api.advance("2026-01-19T23:59:59Z");
    expect(await runDue()).toBe(0);
    expect((await contract()).status).toBe("active");
    await api.advance("2026-01-20T08:00:00Z");
    expect(await runDue()).toBe(1);
    expect(await runDue()).toBe(0);
    const done = await api.get(`/v1/subscription_actions/${scheduled.body.id}`);
    expect(done).toMatchObject({ state: "executed", subscription_state: "in_resting" });
    // the pause starts at the scheduled date, not when the worker came by
    expect((await contract()).current_phase).toMatchObject({
      type: "inactive",
      start_date: "2026-01-20T00:00:00Z",
    });
    const cancel = await api.request(
      "POST",
      `/v1/subscription_actions/${scheduled.body.id}/cancel`,
    );
    expect(cancel.status).toBe(422);
    expect(cancel.body.error.code).toBe("invalid_action_state");
  });

  it("a cancelled scheduled action never runs; one no longer allowed when due is rejected", async () => {
    const cancelled = await act("end_resting", {
      contract_id: ids.contract,
      scheduled_date: "2026-01-25T00:00:00Z",
    });
    const cancel = await api.request(
      "POST",
      `/v1/subscription_actions/${cancelled.body.id}/cancel`,
    );
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({
      state: "cancelled",
      cancelled_on: "2026-01-20T08:00:00.000Z",
    });
    // due at the same date as the cancelled one, but resting by then is ended by hand first
    const doomed = await act("end_resting", {
      contract_id: ids.contract,
      scheduled_date: "2026-01-26T00:00:00Z",
    });
    await act("end_resting", { contract_id: ids.contract });
    await api.advance("2026-01-27T00:00:00Z");
    expect(await runDue()).toBe(1);
    expect((await api.get(`/v1/subscription_actions/${cancelled.body.id}`)).state).toBe(
      "cancelled",
    );
    const rejected = await api.get(`/v1/subscription_actions/${doomed.body.id}`);
    expect(rejected).toMatchObject({
      state: "rejected",
      executed_on: null,
      rejection: { code: "invalid_life_cycle_state" },
    });
    expect((await contract()).status).toBe("active");
  });

  it("amend_services adds a service from its billable period start: the next invoice prorates it", async () => {
    const scheduledItems = await act("amend_services", {
      contract_id: ids.contract,
      scheduled_date: "2026-02-01T00:00:00Z",
      installed_items_to_add: [{ serial_number: "SN-1" }],
    });
    expect(scheduledItems.status).toBe(422);
    expect(scheduledItems.body.error.code).toBe("scheduled_installed_items_not_allowed");

    const add = await act("amend_services", {
      contract_id: ids.contract,
      billable_period_start_date: "2026-01-27T00:00:00Z",
      services_to_add: [{ component_id: ids.service, distributor_ids: [ids.north, ids.south] }],
      installed_items_to_add: [
        { serial_number: "SN-1", product: "Router", distributor_ids: [ids.north] },
      ],
    });
    expect(add.status, JSON.stringify(add.body)).toBe(201);
    expect(add.body.effects.map((e: any) => e.type)).toEqual([
      "add_service",
      "distribute_service",
      "add_installed_item",
    ]);
    const twice = await act("amend_services", {
      contract_id: ids.contract,
      services_to_add: [{ component_id: ids.service, distributor_ids: [ids.north] }],
    });
    expect(twice.body.error.code).toBe("service_already_on_subscription");
    const serialTaken = await act("amend_services", {
      contract_id: ids.contract,
      installed_items_to_add: [{ serial_number: "SN-1" }],
    });
    expect(serialTaken.body.error.code).toBe("serial_number_installed");

    const invoice = await api.post(`/v1/contracts/${ids.contract}/settle`);
    const billed = lines(invoice.invoice ?? invoice).filter((l) => l[0].includes("Static IP"));
    // 5 of January's 31 days (27th–31st) of 10 EUR
    expect(billed).toEqual([
      [
        expect.stringContaining("Static IP"),
        "2026-01-27..2026-02-01",
        "1",
        expect.any(String),
        "1.61",
      ],
    ]);
  });

  it("removing a service from one distributor keeps it; from the last one ends it", async () => {
    await api.advance("2026-01-29T00:00:00Z");
    const one = await act("amend_services", {
      contract_id: ids.contract,
      services_to_remove: [{ component_id: ids.service, distributor_ids: [ids.north] }],
    });
    expect(one.body.effects).toEqual([
      { type: "undistribute_service", component_id: ids.service, distributor_ids: [ids.north] },
    ]);
    const notThere = await act("amend_services", {
      contract_id: ids.contract,
      services_to_remove: [{ component_id: ids.service, distributor_ids: [ids.north] }],
    });
    expect(notThere.body.error.code).toBe("service_not_distributed");
    const last = await act("amend_services", {
      contract_id: ids.contract,
      services_to_remove: [{ component_id: ids.service, distributor_ids: [ids.south] }],
      installed_items_to_remove: [{ serial_number: "SN-1" }],
    });
    expect(last.body.effects.map((e: any) => e.type)).toEqual([
      "remove_service",
      "remove_installed_item",
    ]);
    const components = await api.get(`/v1/contracts/${ids.contract}/component_subscriptions`);
    expect(components.data.map((c: any) => c.end_date)).toEqual(["2026-01-29T00:00:00.000Z"]);
  });

  it("terminate ends the contract; a cancelled subscription takes no more actions", async () => {
    const res = await act("terminate", {
      contract_id: ids.contract,
      billable_period_start_date: "2026-01-31T00:00:00Z",
    });
    expect(res.status).toBe(201);
    expect((await contract()).end_date).toBe("2026-01-31T00:00:00Z");
    await api.advance("2026-02-01T00:00:00Z");
    for (const action of [
      "activate",
      "rest",
      "terminate",
      "amend_services",
      "extend_grace_period",
    ]) {
      const refused = await act(action, {
        contract_id: ids.contract,
        ...(action === "extend_grace_period" ? { end_grace_period_after_specific_days: 1 } : {}),
        ...(action === "amend_services"
          ? { services_to_add: [{ component_id: ids.service }] }
          : {}),
      });
      expect(refused.body.error?.code, action).toBe("invalid_life_cycle_state");
    }
    const numbers = (await state()).map((a: any) => Number(a.number));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it("a draft subscription activated early starts at once; other actions wait for it", async () => {
    const customer = (await api.customer({ email: "later@x.example" })) as string;
    const draft = await api.signup(customer, ids.variant as string, {
      start_date: "2026-03-01T00:00:00Z",
    });
    expect((await contract(draft)).status).toBe("future");
    const rest = await act("rest", { contract_id: draft });
    expect(rest.body.error.code).toBe("invalid_life_cycle_state");
    expect(rest.body.error.details.state).toBe("draft");
    const activated = await act("activate", { contract_id: draft });
    expect(activated.status, JSON.stringify(activated.body)).toBe(201);
    expect(activated.body.subscription_state).toBe("effective");
    const after = await contract(draft);
    expect(after).toMatchObject({ status: "active", start_date: "2026-02-01T00:00:00Z" });
    expect(after.phases[0].start_date).toBe("2026-02-01T00:00:00Z");
    // billed from the activation
    const invoice = await api.post(`/v1/contracts/${draft}/settle`);
    expect(lines(invoice.invoice ?? invoice)[0]?.[1]).toBe("2026-02-01..2026-03-01");
  });

  it("a scheduled action is judged as of its date, however late the worker comes", async () => {
    const customer = (await api.customer({ email: "early@x.example" })) as string;
    const draft = await api.signup(customer, ids.variant as string, {
      start_date: "2026-04-01T00:00:00Z",
    });
    const scheduled = await act("activate", {
      contract_id: draft,
      scheduled_date: "2026-03-15T00:00:00Z",
    });
    expect(scheduled.body.state).toBe("scheduled");
    // the clock jumps past the contract's own start before the worker runs
    await api.advance("2026-04-05T00:00:00Z");
    expect(await runDue()).toBeGreaterThanOrEqual(1);
    const done = await api.get(`/v1/subscription_actions/${scheduled.body.id}`);
    expect(done.state).toBe("executed");
    expect((await contract(draft)).start_date).toBe("2026-03-15T00:00:00Z");
  });

  it("an action that fails unexpectedly holds up no other and stays scheduled", async () => {
    const customer = (await api.customer({ email: "broken@x.example" })) as string;
    const contract = await api.signup(customer, ids.variant as string);
    const broken = await act("rest", {
      contract_id: contract,
      scheduled_date: "2026-04-10T00:00:00Z",
    });
    const other = await api.signup(customer, ids.variant as string);
    const fine = await act("rest", { contract_id: other, scheduled_date: "2026-04-11T00:00:00Z" });
    expect([broken.status, fine.status]).toEqual([201, 201]);
    // a record no code path can run (as a bug would leave it)
    await t.server.db
      .updateTable("subscription_actions")
      .set({ parameters: JSON.stringify({ action: "no_such_action" }) })
      .where("id", "=", broken.body.id)
      .execute();
    await api.advance("2026-04-12T00:00:00Z");
    const errors: string[] = [];
    const ran = await runDueActions(t.server.db, {
      now: () => new Date(),
      limit: 10,
      onError: (id) => errors.push(id),
    });
    expect(ran).toBe(2);
    expect(errors).toEqual([broken.body.id]);
    const left = await t.server.db
      .selectFrom("subscription_actions")
      .select("state")
      .where("id", "=", broken.body.id)
      .executeTakeFirstOrThrow();
    expect(left.state).toBe("scheduled");
    expect((await api.get(`/v1/subscription_actions/${fine.body.id}`)).state).toBe("executed");
  });
});
