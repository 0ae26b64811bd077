/**
 * Chargebee's official Node client against the `/api/v2` surface: subscriptions for items
 * (create, read, list, change, cancel, pause, resume, reactivate, term end, delete, import)
 * over Accrue's contracts, on a tenant with a test clock.
 *
 * Catalog (EUR): plan variants Basic 10.00 and Pro 30.00 a month, Trial 20.00 a month after a
 * 14-day trial, and the per-unit component Seats at 5.00 a month. Item price ids are the
 * catalog's own ids.
 */
import type Chargebee from "chargebee";
import { beforeAll, expect, it } from "vitest";
import { runDueActions } from "../../src/workflows/scheduled-actions.js";
import type { Response } from "../server.js";
import { describeServer } from "../server.js";
import { chargebeeClient, refusal } from "./chargebee-client.js";

const at = (iso: string) => Date.parse(iso) / 1000;

describeServer("chargebee client: subscriptions", (t) => {
  let cb: Chargebee;
  let key = "";
  let tenantId = "";
  const ids = { basic: "", pro: "", trial: "", expiring: "", seats: "" };

  const native = async (method: string, url: string, body?: unknown) => {
    const res: Response = await t.server.request(
      method,
      url,
      body === undefined ? { key } : { key, body },
    );
    if (res.status >= 300)
      throw new Error(`${method} ${url} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const advance = (to: string) => native("POST", "/v1/test_clock/advance", { frozen_time: to });
  const newCustomer = async (name: string) =>
    (await cb.customer.create({ first_name: name, email: `${name}@example.com` })).customer.id;
  const subscribe = async (customer: string, items: Array<[string, number]>, extra = {}) =>
    (
      await cb.subscription.createWithItems(customer, {
        subscription_items: items.map(([item_price_id, quantity]) => ({ item_price_id, quantity })),
        ...extra,
      } as never)
    ).subscription;

  beforeAll(async () => {
    ({ api_key: key, tenant_id: tenantId } =
      await t.server.createTenant("Chargebee subscriptions"));
    cb = chargebeeClient(t.server, key);
    await native("POST", "/v1/test_clock", { frozen_time: "2026-04-01T00:00:00Z" });
    const group = await native("POST", "/v1/plan_groups", {
      name: "Cloud",
      currency: "EUR",
      price_type: "net",
    });
    const plan = await native("POST", "/v1/plans", { plan_group_id: group.id, name: "Cloud" });
    const trialPlan = await native("POST", "/v1/plans", {
      plan_group_id: group.id,
      name: "Cloud with trial",
      trial_period: { unit: "day", count: 14 },
    });
    const monthly = { fee_period: { unit: "month", count: 1 } };
    const variant = async (planId: string, name: string, fee: string) =>
      (
        await native("POST", "/v1/plan_variants", {
          plan_id: planId,
          internal_name: name,
          recurring_fee: fee,
          ...monthly,
        })
      ).id as string;
    ids.basic = await variant(plan.id, "Basic", "10.00");
    ids.pro = await variant(plan.id, "Pro", "30.00");
    ids.trial = await variant(trialPlan.id, "Trial", "20.00");
    const expiringPlan = await native("POST", "/v1/plans", {
      plan_group_id: group.id,
      name: "Cloud with an expiring trial",
      trial_period: { unit: "day", count: 7 },
      trial_end_policy: "expire",
    });
    ids.expiring = await variant(expiringPlan.id, "Expiring", "20.00");
    ids.seats = (
      await native("POST", "/v1/components", {
        plan_group_id: group.id,
        name: "Seats",
        type: "quantity",
        price_model: "per_unit",
        price_per_unit: "5.00",
      })
    ).id;
  });

  it("createWithItems answers the subscription and its customer in Chargebee's shapes", async () => {
    const customer = await newCustomer("ada");
    const created = await cb.subscription.createWithItems(customer, {
      subscription_items: [
        { item_price_id: ids.basic, quantity: 2 },
        { item_price_id: ids.seats, quantity: 3 },
      ],
    });
    expect(created.subscription).toMatchObject({
      customer_id: customer,
      status: "active",
      currency_code: "EUR",
      billing_period: 1,
      billing_period_unit: "month",
      started_at: at("2026-04-01T00:00:00Z"),
      activated_at: at("2026-04-01T00:00:00Z"),
      current_term_start: at("2026-04-01T00:00:00Z"),
      current_term_end: at("2026-05-01T00:00:00Z"),
      next_billing_at: at("2026-05-01T00:00:00Z"),
      deleted: false,
      object: "subscription",
      subscription_items: [
        {
          item_price_id: ids.basic,
          item_type: "plan",
          quantity: 2,
          unit_price: 1000,
          amount: 2000,
          object: "subscription_item",
        },
        {
          item_price_id: ids.seats,
          item_type: "addon",
          quantity: 3,
          unit_price: 500,
          amount: 1500,
        },
      ],
    });
    expect(created.subscription.id).toMatch(/^con_/);
    expect(created.subscription.business_entity_id).toMatch(/\w/);
    expect(created.customer).toMatchObject({ id: customer, object: "customer" });

    const read = await cb.subscription.retrieve(created.subscription.id);
    expect(read.subscription).toEqual(created.subscription);
    expect(read.customer.id).toBe(customer);
  });

  it("lists by customer and status, and per customer", async () => {
    const customer = await newCustomer("lister");
    const one = await subscribe(customer, [[ids.basic, 1]]);
    const two = await subscribe(customer, [[ids.pro, 1]]);
    await cb.subscription.cancelForItems(two.id, { end_of_term: true });

    const all = await cb.subscription.list({ customer_id: { is: customer } } as never);
    expect(all.list.map((e) => e.subscription.id)).toEqual([one.id, two.id]);
    expect(all.list[0]?.customer.id).toBe(customer);
    const active = await cb.subscription.list({
      customer_id: { is: customer },
      status: { is: "active" },
    } as never);
    expect(active.list.map((e) => e.subscription.id)).toEqual([one.id]);
    const mine = await cb.subscription.subscriptionsForCustomer(customer);
    expect(mine.list.map((e) => e.subscription.id)).toEqual([one.id, two.id]);
  });

  it("updateForItems upgrades the plan and sets addon quantities", async () => {
    const customer = await newCustomer("grower");
    const sub = await subscribe(customer, [[ids.basic, 1]]);
    const changed = await cb.subscription.updateForItems(sub.id, {
      subscription_items: [
        { item_price_id: ids.pro, quantity: 1 },
        { item_price_id: ids.seats, quantity: 4 },
      ],
    });
    expect(changed.subscription.subscription_items).toEqual([
      expect.objectContaining({ item_price_id: ids.pro, quantity: 1, unit_price: 3000 }),
      expect.objectContaining({ item_price_id: ids.seats, quantity: 4, amount: 2000 }),
    ]);
    // the same plan with another quantity
    const more = await cb.subscription.updateForItems(sub.id, {
      subscription_items: [{ item_price_id: ids.pro, quantity: 3 }],
    });
    expect(more.subscription.subscription_items?.[0]).toMatchObject({
      item_price_id: ids.pro,
      quantity: 3,
      amount: 9000,
    });
  });

  it("cancel at the end of the term: non_renewing, then cancelled when the clock passes it", async () => {
    const customer = await newCustomer("leaver");
    const sub = await subscribe(customer, [[ids.basic, 1]]);
    const cancelled = await cb.subscription.cancelForItems(sub.id, { end_of_term: true });
    expect(cancelled.subscription).toMatchObject({
      status: "non_renewing",
      cancelled_at: at("2026-05-01T00:00:00Z"),
      current_term_end: at("2026-05-01T00:00:00Z"),
    });
    expect(cancelled.subscription.next_billing_at).toBeUndefined();
    await advance("2026-05-02T00:00:00Z");
    // the worker runs the cancellation scheduled for 1 May
    await runDueActions(t.server.db, { now: () => new Date(), limit: 10, tenantId });
    const later = await cb.subscription.retrieve(sub.id);
    expect(later.subscription).toMatchObject({
      status: "cancelled",
      cancelled_at: at("2026-05-01T00:00:00Z"),
    });
  });

  it("a scheduled cancellation can be removed", async () => {
    const customer = await newCustomer("stayer");
    const sub = await subscribe(customer, [[ids.basic, 1]]);
    await cb.subscription.cancelForItems(sub.id, { end_of_term: true });
    const kept = await cb.subscription.removeScheduledCancellation(sub.id);
    expect(kept.subscription).toMatchObject({
      status: "active",
      current_term_end: sub.current_term_end,
      next_billing_at: sub.current_term_end,
    });
    expect(kept.subscription.cancelled_at).toBeUndefined();
    const none = await refusal(cb.subscription.removeScheduledCancellation(sub.id));
    expect(none).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
    });
  });

  it("cancel at a date and immediately", async () => {
    const customer = await newCustomer("quitter");
    const one = await subscribe(customer, [[ids.basic, 1]]);
    const dated = await cb.subscription.cancelForItems(one.id, {
      cancel_option: "specific_date",
      cancel_at: at("2026-06-15T00:00:00Z"),
    });
    expect(dated.subscription).toMatchObject({
      status: "non_renewing",
      cancelled_at: at("2026-06-15T00:00:00Z"),
    });
    const two = await subscribe(customer, [[ids.basic, 1]]);
    // a subscription ends after its start
    await advance("2026-05-03T00:00:00Z");
    const now = await cb.subscription.cancelForItems(two.id, { cancel_option: "immediately" });
    expect(now.subscription.status).toBe("cancelled");
    // a cancelled subscription comes back with reactivate? Only an expired one: ended is final
    const again = await refusal(cb.subscription.pause(two.id, { pause_option: "immediately" }));
    expect(again).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
    });
  });

  it("pause and resume, now and scheduled; a scheduled pause can be removed", async () => {
    const customer = await newCustomer("sleeper");
    const sub = await subscribe(customer, [[ids.basic, 1]]);
    // a pause starts after the subscription's start
    await advance("2026-05-04T00:00:00Z");
    const clock = await native("GET", "/v1/test_clock");
    const paused = await cb.subscription.pause(sub.id, { pause_option: "immediately" });
    expect(paused.subscription).toMatchObject({ status: "paused", pause_date: at(clock.now) });
    const resumed = await cb.subscription.resume(sub.id, { resume_option: "immediately" });
    expect(resumed.subscription.status).toBe("active");
    expect(resumed.subscription.pause_date).toBeUndefined();

    const pauseAt = Date.parse(clock.now) / 1000 + 10 * 86_400;
    const scheduled = await cb.subscription.pause(sub.id, {
      pause_option: "specific_date",
      pause_date: pauseAt,
    });
    expect(scheduled.subscription).toMatchObject({ status: "active", pause_date: pauseAt });
    const removed = await cb.subscription.removeScheduledPause(sub.id);
    expect(removed.subscription.pause_date).toBeUndefined();
    const none = await refusal(cb.subscription.removeScheduledPause(sub.id));
    expect(none).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
    });
  });

  it("a change at the term end is scheduled: shown, removed, and the renewal bills the old price", async () => {
    const customer = await newCustomer("hesitant");
    const sub = await subscribe(customer, [
      [ids.basic, 1],
      [ids.seats, 2],
    ]);
    await native("POST", "/v1/billing_runs");
    const renewal = sub.current_term_end as number;
    const scheduled = await cb.subscription.updateForItems(sub.id, {
      change_option: "end_of_term",
      subscription_items: [
        { item_price_id: ids.pro, quantity: 1 },
        { item_price_id: ids.seats, quantity: 4 },
      ],
    });
    // until the term ends the subscription bills what it bills now
    expect(scheduled.subscription).toMatchObject({ has_scheduled_changes: true });
    expect(scheduled.subscription.subscription_items).toEqual([
      expect.objectContaining({ item_price_id: ids.basic, unit_price: 1000 }),
      expect.objectContaining({ item_price_id: ids.seats, quantity: 2, amount: 1000 }),
    ]);
    const ahead = await cb.subscription.retrieveWithScheduledChanges(sub.id);
    expect(ahead.subscription).toMatchObject({ id: sub.id, has_scheduled_changes: true });
    expect(ahead.subscription.subscription_items).toEqual([
      expect.objectContaining({ item_price_id: ids.pro, unit_price: 3000, amount: 3000 }),
      expect.objectContaining({ item_price_id: ids.seats, quantity: 4, amount: 2000 }),
    ]);

    const removed = await cb.subscription.removeScheduledChanges(sub.id);
    expect(removed.subscription).toMatchObject({
      has_scheduled_changes: false,
      next_billing_at: renewal,
    });
    expect(removed.subscription.subscription_items).toEqual([
      expect.objectContaining({ item_price_id: ids.basic, unit_price: 1000 }),
      expect.objectContaining({ item_price_id: ids.seats, quantity: 2, amount: 1000 }),
    ]);
    const contract = await native("GET", `/v1/contracts/${sub.id}`);
    expect(contract.phases.map((p: { plan_variant_id: string }) => p.plan_variant_id)).toEqual([
      ids.basic,
    ]);
    const nothing = await refusal(cb.subscription.retrieveWithScheduledChanges(sub.id));
    expect(nothing).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
    });
    const again = await refusal(cb.subscription.removeScheduledChanges(sub.id));
    expect(again).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
      accrue_error_code: "no_scheduled_changes",
    });

    // the renewal bills Basic and two seats again: 10.00 + 2 × 5.00
    await advance(new Date((renewal + 86_400) * 1000).toISOString());
    await native("POST", "/v1/billing_runs");
    const invoices = (await native("GET", `/v1/invoices?limit=100&contract_id=${sub.id}`)).data;
    const day = new Date(renewal * 1000).toISOString().slice(0, 10);
    const renewed = invoices.find(
      (i: { service_period_start: string }) => i.service_period_start === day,
    );
    expect(renewed).toMatchObject({ total_net: "20.00" });
    expect(
      renewed.lines.map((l: Record<string, string>) => [l.description, l.quantity, l.amount]),
    ).toEqual([
      ["Basic", "1", "10.00"],
      ["Seats", "2", "10.00"],
    ]);
  });

  it("a plan with a trial starts in_trial, its term the trial", async () => {
    const customer = await newCustomer("trier");
    const clock = await native("GET", "/v1/test_clock");
    const sub = await subscribe(customer, [[ids.trial, 1]]);
    const trialEnd = Date.parse(clock.now) / 1000 + 14 * 86_400;
    expect(sub).toMatchObject({
      status: "in_trial",
      trial_start: at(clock.now),
      trial_end: trialEnd,
      current_term_start: at(clock.now),
      current_term_end: trialEnd,
    });
    expect(sub.activated_at).toBeUndefined();
  });

  it("a future subscription, then deleted", async () => {
    const customer = await newCustomer("planner");
    const clock = await native("GET", "/v1/test_clock");
    const start = Date.parse(clock.now) / 1000 + 30 * 86_400;
    const sub = await subscribe(customer, [[ids.basic, 1]], { start_date: start });
    expect(sub).toMatchObject({ status: "future", start_date: start, started_at: start });
    const deleted = await cb.subscription.delete(sub.id);
    expect(deleted.subscription).toMatchObject({ id: sub.id, deleted: true });
    const gone = await refusal(cb.subscription.retrieve(sub.id));
    expect(gone).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found" });
  });

  it("changeTermEnd moves the renewal earlier", async () => {
    const customer = await newCustomer("mover");
    const sub = await subscribe(customer, [[ids.basic, 1]]);
    const end = (sub.current_term_end as number) - 10 * 86_400;
    const moved = await cb.subscription.changeTermEnd(sub.id, { term_ends_at: end });
    expect(moved.subscription).toMatchObject({
      current_term_start: sub.current_term_start,
      current_term_end: end,
      next_billing_at: end,
    });
  });

  it("chargeFutureRenewals invoices the next renewal now", async () => {
    const customer = await newCustomer("prepayer");
    const sub = await subscribe(customer, [[ids.basic, 1]]);
    const charged = await cb.subscription.chargeFutureRenewals(sub.id, { terms_to_charge: 1 });
    expect(charged.subscription).toMatchObject({ id: sub.id, status: "active" });
    const schedule = await native("GET", `/v1/contracts/${sub.id}/advance_invoice_schedule`);
    // the current term and the next one are invoiced: through two months from the start
    const through = new Date((sub.started_at as number) * 1000);
    through.setUTCMonth(through.getUTCMonth() + 2);
    expect(schedule.charged_through).toBe(through.toISOString());
  });

  it("reactivate brings back a subscription whose trial expired", async () => {
    const customer = await newCustomer("returner");
    const clock = await native("GET", "/v1/test_clock");
    const sub = await subscribe(customer, [[ids.expiring, 1]]);
    expect(sub.status).toBe("in_trial");
    const after = new Date(Date.parse(clock.now) + 8 * 86_400_000).toISOString();
    await advance(after);
    const expired = await cb.subscription.retrieve(sub.id);
    expect(expired.subscription.status).toBe("cancelled");
    const back = await cb.subscription.reactivate(sub.id);
    expect(back.subscription).toMatchObject({ status: "active", activated_at: at(after) });
  });

  it("importForItems brings a running subscription billed until its term end", async () => {
    const customer = await newCustomer("migrant");
    const clock = await native("GET", "/v1/test_clock");
    const started = Date.parse(clock.now) / 1000 - 20 * 86_400;
    const termEnd = Date.parse(clock.now) / 1000 + 10 * 86_400;
    const imported = await cb.subscription.importForItems(customer, {
      subscription_items: [{ item_price_id: ids.basic, quantity: 1 }],
      started_at: started,
      current_term_end: termEnd,
      status: "active",
    } as never);
    expect(imported.subscription).toMatchObject({
      status: "active",
      started_at: started,
      current_term_end: termEnd,
    });
  });

  it("refuses in Chargebee's terms", async () => {
    const customer = await newCustomer("refused");
    const unknown = await refusal(cb.subscription.retrieve("con_missing"));
    expect(unknown).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found" });
    const noItem = await refusal(
      cb.subscription.createWithItems(customer, {
        subscription_items: [{ item_price_id: "nope", quantity: 1 }],
      }),
    );
    expect(noItem).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
      param: "subscription_items[item_price_id][0]",
    });
    const noPlan = await refusal(
      cb.subscription.createWithItems(customer, {
        subscription_items: [{ item_price_id: ids.seats, quantity: 1 }],
      }),
    );
    expect(noPlan).toMatchObject({ http_status_code: 400, api_error_code: "param_wrong_value" });
    const badQuantity = await refusal(
      cb.subscription.createWithItems(customer, {
        subscription_items: [{ item_price_id: ids.basic, quantity: "many" as never }],
      }),
    );
    expect(badQuantity).toMatchObject({
      api_error_code: "param_wrong_value",
      param: "subscription_items[quantity][0]",
    });
    const trialEnd = await refusal(
      cb.subscription.createWithItems(customer, {
        subscription_items: [{ item_price_id: ids.basic, quantity: 1 }],
        trial_end: 1_900_000_000,
      }),
    );
    expect(trialEnd).toMatchObject({ api_error_code: "param_not_supported", param: "trial_end" });
    const sub = await subscribe(customer, [[ids.basic, 1]]);
    const notPaused = await refusal(
      cb.subscription.resume(sub.id, { resume_option: "immediately" }),
    );
    expect(notPaused).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
    });
  });
});
