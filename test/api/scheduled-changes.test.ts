/**
 * A contract's scheduled changes (change orders dated later) and their removal:
 * `GET /v1/contracts/{id}/scheduled_changes`, `POST /v1/contracts/{id}/remove_scheduled_changes`.
 */
import { expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("scheduled changes", (t) => {
  const setup = async (name: string) => {
    const api = await billingTenant(t.server, name, "2026-03-01T00:00:00Z");
    const monthly = { fee_period: { unit: "month", count: 1 } };
    const { group, plan } = await api.plan({ trial_period: { unit: "day", count: 14 } });
    const small = await api.variant(plan, { internal_name: "S", recurring_fee: "10", ...monthly });
    const large = await api.variant(plan, { internal_name: "L", recurring_fee: "40", ...monthly });
    const seats = (
      await api.post("/v1/components", {
        plan_group_id: group,
        name: "Seats",
        type: "quantity",
        price_per_unit: "5",
      })
    ).id as string;
    const discount = await api.post("/v1/discounts", {
      plan_group_id: group,
      name: "Half",
      percent: "50",
    });
    await api.post("/v1/coupons", { discount_id: discount.id, code: "HALF" });
    return { api, small, large, seats };
  };
  const phases = (c: { phases: Array<Record<string, string>> }) =>
    c.phases.map((p) => [p.type, p.start_date, p.plan_variant_id, p.quantity]);

  it("a change at a trial's end is listed, and removing it gives the trial its follow-up back", async () => {
    const { api, small, large, seats } = await setup("Scheduled trial");
    const customer = await api.customer();
    const contract = await api.signup(customer, small, {
      components: [{ component_id: seats, quantity: "2" }],
    });
    const before = await api.get(`/v1/contracts/${contract}`);
    expect(phases(before)).toEqual([
      ["trial", "2026-03-01T00:00:00Z", small, "1"],
      ["normal", "2026-03-15T00:00:00Z", small, "1"],
    ]);
    const order = await api.post("/v1/orders", {
      contract_id: contract,
      plan_variant_id: large,
      components: [{ component_id: seats, quantity: "5" }],
      coupon_code: "HALF",
      change_date: "2026-03-15T00:00:00Z",
      commit: true,
    });
    const listed = await api.get(`/v1/contracts/${contract}/scheduled_changes`);
    expect(listed).toEqual({
      contract_id: contract,
      data: [
        {
          order_id: order.id,
          change_date: "2026-03-15T00:00:00.000Z",
          plan_variant_id: large,
          quantity: "1",
          components: [{ component_id: seats, quantity: "5" }],
          coupon_code: "HALF",
        },
      ],
    });

    const removed = await api.post(`/v1/contracts/${contract}/remove_scheduled_changes`, {});
    expect(removed.removed.map((r: { order_id: string }) => r.order_id)).toEqual([order.id]);
    expect(phases(removed)).toEqual(phases(before));
    expect(phases(await api.get(`/v1/contracts/${contract}`))).toEqual(phases(before));
    // the two seats run on; the five never start
    const subs = (await api.get(`/v1/contracts/${contract}/component_subscriptions`)).data;
    expect(subs.map((s: Record<string, unknown>) => [s.quantity, s.end_date])).toEqual([
      ["2", null],
    ]);
    // the coupon's discount is gone: it never applies
    expect((await api.get(`/v1/contracts/${contract}/discounts`)).data).toEqual([]);
    expect((await api.get(`/v1/contracts/${contract}/scheduled_changes`)).data).toEqual([]);

    // the first paid period bills the small plan and two seats
    await api.advance("2026-03-15T00:30:00Z");
    await api.run();
    const paid = (await api.invoices(contract)).find(
      (i) => i.service_period_start === "2026-03-15",
    );
    expect(paid.lines.map((l: Record<string, string>) => [l.description, l.amount])).toEqual([
      ["S", "10.00"],
      ["Seats", "10.00"],
    ]);
  });

  it("nothing scheduled, or a change superseded by a later one: no_scheduled_changes", async () => {
    const { api, small, large } = await setup("Scheduled none");
    const customer = await api.customer();
    const contract = await api.signup(customer, small);
    const none = await api.request("POST", `/v1/contracts/${contract}/remove_scheduled_changes`);
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe("no_scheduled_changes");
    // a change dated later, superseded by an earlier-dated one: nothing of it is left
    await api.post("/v1/orders", {
      contract_id: contract,
      plan_variant_id: large,
      change_date: "2026-05-01T00:00:00Z",
      commit: true,
    });
    await api.post("/v1/orders", {
      contract_id: contract,
      quantity: "3",
      change_date: "2026-04-01T00:00:00Z",
      commit: true,
    });
    const listed = (await api.get(`/v1/contracts/${contract}/scheduled_changes`)).data;
    expect(listed.map((c: { change_date: string }) => c.change_date)).toEqual([
      "2026-04-01T00:00:00.000Z",
    ]);
    const removed = await api.post(`/v1/contracts/${contract}/remove_scheduled_changes`);
    expect(phases(removed)).toEqual([
      ["trial", "2026-03-01T00:00:00Z", small, "1"],
      ["normal", "2026-03-15T00:00:00Z", small, "1"],
    ]);
    const again = await api.request("POST", `/v1/contracts/${contract}/remove_scheduled_changes`);
    expect(again.status).toBe(409);
  });

  it("a pause written later at a change's date is not the change's: removal keeps it", async () => {
    const { api, small, large, seats } = await setup("Scheduled pause");
    const customer = await api.customer();
    const contract = await api.signup(customer, small, {
      components: [{ component_id: seats, quantity: "2" }],
    });
    await api.advance("2026-03-20T00:00:00Z");
    const order = await api.post("/v1/orders", {
      contract_id: contract,
      plan_variant_id: large,
      components: [{ component_id: seats, quantity: "5" }],
      change_date: "2026-04-01T00:00:00Z",
      commit: true,
    });
    // a pause from the same date, written after the change: it supersedes the change's phase
    await api.post("/v1/subscription_actions/deactivate", {
      contract_id: contract,
      billable_period_start_date: "2026-04-01T00:00:00Z",
    });
    const paused = [
      ["trial", "2026-03-01T00:00:00Z", small, "1"],
      ["normal", "2026-03-15T00:00:00Z", small, "1"],
      ["inactive", "2026-04-01T00:00:00Z", null, "0"],
    ];
    expect(phases(await api.get(`/v1/contracts/${contract}`))).toEqual(paused);
    // what the order still holds is its seats; its plan phase is gone
    const listed = (await api.get(`/v1/contracts/${contract}/scheduled_changes`)).data;
    expect(listed.map((c: { order_id: string }) => c.order_id)).toEqual([order.id]);
    const removed = await api.post(`/v1/contracts/${contract}/remove_scheduled_changes`);
    expect(phases(removed)).toEqual(paused);
    expect(phases(await api.get(`/v1/contracts/${contract}`))).toEqual(paused);
    const subs = (await api.get(`/v1/contracts/${contract}/component_subscriptions`)).data;
    expect(subs.map((s: Record<string, unknown>) => [s.quantity, s.end_date])).toEqual([
      ["2", null],
    ]);
  });

  it("a pause at a plan-only change's date: nothing is scheduled, the pause stays", async () => {
    const { api, small, large } = await setup("Scheduled pause only");
    const customer = await api.customer();
    const contract = await api.signup(customer, small);
    await api.advance("2026-03-20T00:00:00Z");
    await api.post("/v1/orders", {
      contract_id: contract,
      plan_variant_id: large,
      change_date: "2026-04-01T00:00:00Z",
      commit: true,
    });
    await api.post("/v1/subscription_actions/deactivate", {
      contract_id: contract,
      billable_period_start_date: "2026-04-01T00:00:00Z",
    });
    expect((await api.get(`/v1/contracts/${contract}/scheduled_changes`)).data).toEqual([]);
    const none = await api.request("POST", `/v1/contracts/${contract}/remove_scheduled_changes`);
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe("no_scheduled_changes");
    expect(phases(await api.get(`/v1/contracts/${contract}`)).at(-1)).toEqual([
      "inactive",
      "2026-04-01T00:00:00Z",
      null,
      "0",
    ]);
  });

  it("several changes on different dates with seats and a coupon: all removed, the next renewals bill the plan as it was", async () => {
    const { api, small, large, seats } = await setup("Scheduled several");
    const customer = await api.customer();
    const contract = await api.signup(customer, small, {
      components: [{ component_id: seats, quantity: "2" }],
    });
    await api.advance("2026-03-20T00:00:00Z");
    await api.run();
    const first = await api.post("/v1/orders", {
      contract_id: contract,
      plan_variant_id: large,
      components: [{ component_id: seats, quantity: "5" }],
      coupon_code: "HALF",
      change_date: "2026-04-15T00:00:00Z",
      commit: true,
    });
    const second = await api.post("/v1/orders", {
      contract_id: contract,
      quantity: "2",
      components: [{ component_id: seats, quantity: "7" }],
      change_date: "2026-05-15T00:00:00Z",
      commit: true,
    });
    const listed = (await api.get(`/v1/contracts/${contract}/scheduled_changes`)).data;
    expect(listed.map((c: { order_id: string }) => c.order_id)).toEqual([first.id, second.id]);
    const removed = await api.post(`/v1/contracts/${contract}/remove_scheduled_changes`);
    expect(removed.removed.map((r: { order_id: string }) => r.order_id)).toEqual([
      first.id,
      second.id,
    ]);
    expect(phases(removed)).toEqual([
      ["trial", "2026-03-01T00:00:00Z", small, "1"],
      ["normal", "2026-03-15T00:00:00Z", small, "1"],
    ]);
    const subs = (await api.get(`/v1/contracts/${contract}/component_subscriptions`)).data;
    expect(subs.map((s: Record<string, unknown>) => [s.quantity, s.end_date])).toEqual([
      ["2", null],
    ]);
    expect((await api.get(`/v1/contracts/${contract}/discounts`)).data).toEqual([]);
    // they do not come back
    expect((await api.get(`/v1/contracts/${contract}/scheduled_changes`)).data).toEqual([]);
    // renewals bill the small plan and two seats, once
    await api.advance("2026-05-15T00:30:00Z");
    await api.run();
    await api.run();
    const billed = (await api.invoices(contract))
      .flatMap((i) =>
        i.lines.map((l: Record<string, string>) => [l.period_start, l.description, l.amount]),
      )
      .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
    expect(billed).toEqual([
      ["2026-03-15", "S", "10.00"],
      ["2026-03-15", "Seats", "10.00"],
      ["2026-04-15", "S", "10.00"],
      ["2026-04-15", "Seats", "10.00"],
      ["2026-05-15", "S", "10.00"],
      ["2026-05-15", "Seats", "10.00"],
    ]);
  });
});
