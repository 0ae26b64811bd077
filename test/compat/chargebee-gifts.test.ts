/**
 * Chargebee's official Node client against the `/api/v2` surface: gifts bought for items,
 * read, listed, claimed, rescheduled and cancelled; and Chargebee's refusals.
 *
 * Catalog (EUR, net, no tax): Monthly 10.00 a month. The clock stands at 1 May 2026, 12:00
 * UTC.
 */
import type Chargebee from "chargebee";
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";
import { chargebeeClient, refusal } from "./chargebee-client.js";

const at = (iso: string) => Date.parse(iso) / 1000;
const NOW = at("2026-05-01T12:00:00Z");

describeServer("chargebee client: gifts", (t) => {
  let cb: Chargebee;
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids = { monthly: "", gifter: "", friend: "" };

  beforeAll(async () => {
    api = await billingTenant(t.server, "Chargebee gifts", "2026-05-01T12:00:00Z");
    cb = chargebeeClient(t.server, api.key);
    const { plan } = await api.plan();
    ids.monthly = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "10",
      fee_period: { unit: "month", count: 1 },
    });
    ids.gifter = await api.customer({ first_name: "Gifter" });
    ids.friend = await api.customer({ first_name: "Friend", email: "friend@x.example" });
  });

  const buy = (extra: Record<string, unknown> = {}) =>
    cb.gift.createForItems({
      gifter: { customer_id: ids.gifter, signature: "Ann", note: "Enjoy" },
      gift_receiver: {
        customer_id: ids.friend,
        email: "friend@x.example",
        first_name: "Fred",
        last_name: "Friend",
      },
      subscription_items: [{ item_price_id: ids.monthly, quantity: 1 }],
      ...extra,
    } as never);

  it("a gift bought now: unclaimed, read, listed, then claimed", async () => {
    const { gift } = await buy();
    expect(gift).toEqual({
      id: expect.stringMatching(/^gft_/),
      status: "unclaimed",
      scheduled_at: NOW,
      auto_claim: false,
      no_expiry: true,
      resource_version: Date.parse("2026-05-01T12:00:00Z"),
      updated_at: NOW,
      gifter: {
        customer_id: ids.gifter,
        invoice_id: expect.stringMatching(/^inv_/),
        signature: "Ann",
        note: "Enjoy",
        object: "gifter",
      },
      gift_receiver: {
        customer_id: ids.friend,
        first_name: "Fred",
        last_name: "Friend",
        email: "friend@x.example",
        object: "gift_receiver",
      },
      gift_timelines: [{ status: "unclaimed", occurred_at: NOW, object: "gift_timeline" }],
      object: "gift",
    });
    // the gifter's invoice is the gifted month: 10.00
    const invoice = await api.get(`/v1/invoices/${gift.gifter.invoice_id}`);
    expect([invoice.customer_id, invoice.total_gross]).toEqual([ids.gifter, "10.00"]);

    expect((await cb.gift.retrieve(gift.id)).gift).toEqual(gift);
    const listed = await cb.gift.list({ gifter: { customer_id: { is: ids.gifter } } } as never);
    expect(listed.list.map((e) => e.gift.id)).toContain(gift.id);

    await api.advance("2026-05-02T12:00:00Z");
    const claimed = await cb.gift.claim(gift.id);
    expect(claimed.gift).toMatchObject({
      id: gift.id,
      status: "claimed",
      gift_receiver: {
        customer_id: ids.friend,
        subscription_id: expect.stringMatching(/^con_/),
      },
      gift_timelines: [
        { status: "unclaimed", occurred_at: NOW, object: "gift_timeline" },
        { status: "claimed", occurred_at: at("2026-05-02T12:00:00Z"), object: "gift_timeline" },
      ],
    });
    const claimedList = await cb.gift.list({ status: { is: "claimed" } } as never);
    expect(claimedList.list.map((e) => e.gift.id)).toEqual([gift.id]);

    // claimed: it cannot be cancelled
    expect(await refusal(cb.gift.cancel(gift.id))).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
    });
  });

  it("a scheduled gift with a claim expiry: rescheduled, then cancelled", async () => {
    const { gift } = await buy({
      scheduled_at: at("2026-06-01T00:00:00Z"),
      claim_expiry_date: at("2026-07-01T00:00:00Z"),
    });
    const now = at("2026-05-02T12:00:00Z");
    expect(gift).toMatchObject({
      status: "scheduled",
      scheduled_at: at("2026-06-01T00:00:00Z"),
      no_expiry: false,
      claim_expiry_date: at("2026-07-01T00:00:00Z"),
      gift_timelines: [{ status: "scheduled", occurred_at: now, object: "gift_timeline" }],
    });
    const moved = await cb.gift.updateGift(gift.id, {
      scheduled_at: at("2026-06-15T00:00:00Z"),
      comment: "later",
    });
    expect(moved.gift).toMatchObject({
      status: "scheduled",
      scheduled_at: at("2026-06-15T00:00:00Z"),
    });
    const cancelled = await cb.gift.cancel(gift.id);
    expect(cancelled.gift).toMatchObject({
      status: "cancelled",
      gift_timelines: [
        { status: "scheduled", occurred_at: now },
        { status: "cancelled", occurred_at: now },
      ],
    });
    expect(await refusal(cb.gift.claim(gift.id))).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
    });
  });

  it("Chargebee's refusals", async () => {
    expect(await refusal(cb.gift.retrieve("gft_missing"))).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
    });
    expect(
      await refusal(
        cb.gift.createForItems({
          gifter: { customer_id: "cus_missing", signature: "X" },
          gift_receiver: { email: "a@x.example" },
          subscription_items: [{ item_price_id: ids.monthly }],
        } as never),
      ),
    ).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
      param: "gifter[customer_id]",
    });
    expect(
      await refusal(
        cb.gift.createForItems({
          gifter: { customer_id: ids.gifter },
          subscription_items: [{ item_price_id: ids.monthly }],
        } as never),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "gift_receiver[email]",
    });
    expect(await refusal(buy({ scheduled_at: "tomorrow" }))).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "scheduled_at",
    });
    expect(await refusal(buy({ auto_claim: true }))).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "auto_claim",
    });
    expect(await refusal(buy({ coupon_ids: ["TEN"] }))).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "coupon_ids",
    });
    expect(
      await refusal(cb.gift.list({ gift_receiver: { email: { is: "a@x.example" } } } as never)),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "gift_receiver[email]",
    });
  });

  it("a gift's estimate: the gifter's invoice, as buying the gift then issues it", async () => {
    const gifts = async () => (await api.get("/v1/gifts?limit=100")).data.length;
    const invoices = async () =>
      (await api.get(`/v1/invoices?customer_id=${ids.gifter}&limit=100`)).data.length;
    const before = [await gifts(), await invoices()];
    const input = {
      gifter: { customer_id: ids.gifter, signature: "Ann" },
      gift_receiver: { customer_id: ids.friend, email: "friend@x.example" },
      subscription_items: [{ item_price_id: ids.monthly, quantity: 2 }],
    };
    const { estimate } = await cb.estimate.giftSubscriptionForItems({
      ...input,
      gift: { scheduled_at: at("2026-06-01T00:00:00Z"), no_expiry: true },
    } as never);
    // the gifted month, 2 × 10.00, for 2 May – 2 June (the clock stands at 2 May, 12:00)
    expect(estimate).toEqual({
      created_at: at("2026-05-02T12:00:00Z"),
      object: "estimate",
      invoice_estimate: expect.objectContaining({
        recurring: true,
        price_type: "tax_exclusive",
        currency_code: "EUR",
        sub_total: 2000,
        total: 2000,
        amount_due: 2000,
        customer_id: ids.gifter,
        object: "invoice_estimate",
      }),
    });
    expect(estimate.invoice_estimate?.line_items).toEqual([
      expect.objectContaining({
        entity_type: "plan_item_price",
        entity_id: ids.monthly,
        quantity: 2,
        unit_amount: 1000,
        amount: 2000,
        date_from: at("2026-05-02T00:00:00Z"),
        date_to: at("2026-06-02T00:00:00Z"),
      }),
    ]);
    // the preview's subscription is not kept: no line names one
    expect(estimate.invoice_estimate?.line_items?.[0]?.subscription_id).toBeUndefined();
    expect([await gifts(), await invoices()]).toEqual(before);

    const { gift } = await cb.gift.createForItems(input as never);
    const invoice = await api.get(`/v1/invoices/${gift.gifter.invoice_id}`);
    expect(invoice.total_gross).toBe("20.00");
    expect(invoice.lines.map((l: { amount: string }) => l.amount)).toEqual(["20.00"]);

    const refused = (extra: Record<string, unknown>) =>
      refusal(cb.estimate.giftSubscriptionForItems({ ...input, ...extra } as never));
    expect(await refused({ gifter: { customer_id: "cus_missing" } })).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
      param: "gifter[customer_id]",
    });
    expect(await refused({ gift_receiver: { first_name: "Fred" } })).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "gift_receiver[email]",
    });
    expect(await refused({ gift: { auto_claim: true } })).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "gift[auto_claim]",
    });
    // an unknown item price: Chargebee's 404, naming the row's parameter
    const unknown = (code: string, row: number) => ({
      message: expect.any(String),
      type: "invalid_request",
      api_error_code: "resource_not_found",
      error_code: "resource_not_found",
      error_msg: expect.any(String),
      param: `subscription_items[item_price_id][${row}]`,
      error_param: `subscription_items[item_price_id][${row}]`,
      http_status_code: 404,
      accrue_error_code: code,
      request_id: expect.stringMatching(/^req_/),
      headers: expect.any(Object),
    });
    expect(await refused({ subscription_items: [{ item_price_id: "plv_missing" }] })).toEqual(
      unknown("unknown_plan_variant", 0),
    );
    const withAddon = {
      subscription_items: [
        { item_price_id: ids.monthly, quantity: 1 },
        { item_price_id: "cmp_missing", quantity: 1 },
      ],
    };
    expect(await refused(withAddon)).toEqual(unknown("unknown_component", 1));
    // buying the gift refuses them alike
    expect(await refusal(buy({ subscription_items: [{ item_price_id: "plv_missing" }] }))).toEqual(
      unknown("unknown_plan_variant", 0),
    );
    expect(await refusal(buy(withAddon))).toEqual(unknown("unknown_component", 1));
    expect([await gifts(), await invoices()]).toEqual([before[0]! + 1, before[1]! + 1]);
  });
});
