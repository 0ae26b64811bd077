/**
 * A partner's customer on a test clock: registration with a verification code, billing that
 * skips a frozen customer's contract and catches up after it is unfrozen, a budget that
 * announces its threshold and refuses the order past it, and the partner's monthly bill.
 * Plans: 10.00 USD a month, net, no tax policy (tax 0).
 */
import { expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("partners: freeze, budgets, bill summary", (t) => {
  const s: Record<string, string> = {};
  const post = (url: string, body?: unknown) => t.server.post(url, body);
  const get = (url: string) => t.server.get(url);
  const events = async (type: string) =>
    t.server.db
      .selectFrom("outbox_events")
      .select(["payload", "subject_id"])
      .where("tenant_id", "=", t.server.tenant.tenant_id)
      .where("type", "=", type)
      .orderBy("id")
      .execute();
  const invoicesOf = async (customer: string) =>
    (await get(`/v1/invoices?limit=100`)).body.data.filter((i: any) => i.customer_id === customer);
  const signup = async (customer: string) => {
    const order = await post("/v1/orders", { customer_id: customer, plan_variant_id: s.variant });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    return post(`/v1/orders/${order.body.id}/commit`);
  };

  it("registers a customer with the code mailed to its address (never in the event)", async () => {
    await post("/v1/test_clock", { frozen_time: "2026-01-01T00:00:00Z" });
    s.partner = (await post("/v1/partners", { name: "Partner" })).body.id;
    const sent = await post(`/v1/partners/${s.partner}/verification_codes`, {
      email: "buyer@shop.example",
    });
    expect(sent.status).toBe(201);
    expect(JSON.stringify(sent.body)).not.toMatch(/"code"/);
    const [event] = await events("verification_code.sent");
    expect(event!.subject_id).toBe(sent.body.id);
    expect(JSON.stringify(event!.payload)).not.toMatch(/"code"/);
    // the code travels only in the message to the address
    const [message] = await t.server.db
      .selectFrom("messages")
      .select(["recipient", "kind", "body_text", "customer_id"])
      .where("event_id", "=", sent.body.id)
      .execute();
    expect(message).toMatchObject({
      recipient: "buyer@shop.example",
      kind: "verification_code",
      customer_id: null,
    });
    const code = /verification code.* is ([0-9A-Z]{8})\./.exec(message!.body_text)?.[1] ?? "";
    expect(code).toMatch(/^[0-9A-Z]{8}$/);
    expect(JSON.stringify(event!.payload)).not.toContain(code);
    const body = { account_name: "buyer-one", email: "buyer@shop.example", company_name: "Shop" };
    const wrong = await post(`/v1/partners/${s.partner}/customers`, {
      ...body,
      verification_code: code === "AAAAAAAA" ? "BBBBBBBB" : "AAAAAAAA",
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([422, "invalid_verification_code"]);
    const ok = await post(`/v1/partners/${s.partner}/customers`, {
      ...body,
      verification_code: code,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ account_name: "buyer-one", frozen: false });
    s.customer = ok.body.id;
    const taken = await post(`/v1/partners/${s.partner}/identity_checks`, {
      search_type: "name",
      search_value: "BUYER-ONE",
    });
    expect(taken.body).toEqual({ available: false });
    // a code serves once
    const again = await post(`/v1/partners/${s.partner}/customers`, {
      ...body,
      account_name: "buyer-two",
      email: "buyer@shop.example",
      verification_code: code,
    });
    expect(again.status).toBe(409);
  });

  it("bills January, then skips the frozen customer in February and refuses its orders", async () => {
    const group = (await post("/v1/plan_groups", { name: "G", currency: "USD", price_type: "net" }))
      .body;
    const plan = (await post("/v1/plans", { plan_group_id: group.id, name: "P" })).body;
    s.variant = (
      await post("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "V",
        recurring_fee: "10",
        fee_period: { unit: "month", count: 1 },
      })
    ).body.id;
    expect((await signup(s.customer!)).status).toBe(200);
    await post("/v1/billing_runs");
    expect((await invoicesOf(s.customer!)).map((i: any) => i.total_gross)).toEqual(["10.00"]);

    const frozen = await post(`/v1/partners/${s.partner}/customers/${s.customer}/freeze`, {
      reason: "unpaid reseller bill",
    });
    expect(frozen.status).toBe(200);
    expect(frozen.body).toMatchObject({ frozen: true, frozen_reason: "unpaid reseller bill" });
    expect((await events("customer.frozen")).map((e) => e.subject_id)).toEqual([s.customer]);

    await post("/v1/test_clock/advance", { frozen_time: "2026-02-01T06:00:00Z" });
    await post("/v1/billing_runs");
    expect(await invoicesOf(s.customer!)).toHaveLength(1);
    const order = await post("/v1/orders", {
      customer_id: s.customer,
      plan_variant_id: s.variant,
    });
    expect([order.status, order.body.error.code]).toEqual([409, "customer_frozen"]);
  });

  it("after unfreezing, billing catches up on February", async () => {
    const res = await post(`/v1/partners/${s.partner}/customers/${s.customer}/unfreeze`, {
      reason: "paid",
    });
    expect([res.status, res.body.frozen]).toEqual([200, false]);
    await post("/v1/billing_runs");
    const invoices = await invoicesOf(s.customer!);
    expect(invoices.map((i: any) => [i.service_period_start, i.total_gross]).sort()).toEqual([
      ["2026-01-01", "10.00"],
      ["2026-02-01", "10.00"],
    ]);
  });

  it("a budget announces its threshold once and refuses the order past it", async () => {
    // February so far: 10.00 used; budget 25.00, alert at 50 % (12.50)
    const set = await t.server.request(
      "PUT",
      `/v1/partners/${s.partner}/customers/${s.customer}/budget`,
      { body: { amount: "25.00", currency: "USD", alert_threshold_percent: 50 } },
    );
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({
      amount: "25.00",
      used_amount: "10.00",
      remaining_amount: "15.00",
      period: "2026-02",
    });
    // a second contract: 10.00 more → 20.00, past 12.50
    expect((await signup(s.customer!)).status).toBe(200);
    const crossed = await events("budget.threshold_crossed");
    expect(crossed.map((e) => e.payload)).toEqual([
      expect.objectContaining({
        used_amount: "10.00",
        projected_amount: "20.00",
        period: "2026-02",
      }),
    ]);
    await post("/v1/billing_runs");
    // a third: 20.00 + 10.00 = 30.00 > 25.00
    const refused = await signup(s.customer!);
    expect([refused.status, refused.body.error.code]).toEqual([422, "budget_exceeded"]);
    expect(refused.body.error.details).toMatchObject({
      budget_amount: "25.00",
      used_amount: "20.00",
      order_amount: "10.00",
    });
    expect(await events("budget.threshold_crossed")).toHaveLength(1);
    const budget = await get(`/v1/partners/${s.partner}/customers/${s.customer}/budget`);
    expect(budget.body.used_amount).toBe("20.00");
  });

  it("the partner's bill summary adds up its customers' documents per month", async () => {
    const feb = await get(`/v1/partners/${s.partner}/bill_summary?period=2026-02`);
    expect(feb.body.currencies).toEqual([
      {
        currency: "USD",
        invoiced_amount: "20.00",
        credited_amount: "0.00",
        tax_amount: "0.00",
        amount_due: "20.00",
        invoice_count: 2,
        credit_note_count: 0,
        customer_count: 1,
      },
    ]);
    const jan = await get(`/v1/partners/${s.partner}/bill_summary?period=2026-01`);
    expect(jan.body.currencies[0]).toMatchObject({ invoiced_amount: "10.00", invoice_count: 1 });
    expect(
      (await get(`/v1/partners/${s.partner}/bill_summary?period=2026-03`)).body.currencies,
    ).toEqual([]);
  });

  it("the partner's orders list counts what its filters hold when asked", async () => {
    const all = (await get(`/v1/partners/${s.partner}/orders?limit=100`)).body.data as any[];
    expect(all.length).toBeGreaterThan(1);
    expect(new Set(all.map((o) => o.status)).size).toBeGreaterThan(1);
    for (const status of [undefined, ...new Set(all.map((o) => o.status))]) {
      const q = `include_total=true${status ? `&status=${status}` : ""}`;
      const expected = all.filter((o) => !status || o.status === status).map((o) => o.id);
      const ids: string[] = [];
      const totals = new Set<unknown>();
      let cursor: string | null = null;
      do {
        const page: any = (
          await get(
            `/v1/partners/${s.partner}/orders?limit=1&${q}${cursor ? `&cursor=${cursor}` : ""}`,
          )
        ).body;
        for (const o of page.data) ids.push(o.id);
        totals.add(page.total_count);
        cursor = page.next_cursor;
      } while (cursor);
      expect(ids, q).toEqual(expected);
      expect(totals, q).toEqual(new Set([expected.length]));
    }
    const uncounted = await get(`/v1/partners/${s.partner}/orders`);
    expect(uncounted.body.total_count).toBeUndefined();
  });
});
