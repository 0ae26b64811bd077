/**
 * Chargebee's official Node client against the `/api/v2` surface: quotes of a new
 * subscription, of a change of one and of one-time charges; edited, extended, converted,
 * declined; and Chargebee's refusals.
 *
 * Catalog (EUR, net, no tax): M 30.00 a month, L 50.00 a month, Seats 5.00 each a month.
 * The clock stands at 10 March 2026, 09:00 UTC: a month from then is 10 April.
 */
import type Chargebee from "chargebee";
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";
import { chargebeeClient, refusal } from "./chargebee-client.js";

const at = (iso: string) => Date.parse(iso) / 1000;
const NOW = at("2026-03-10T09:00:00Z");
const DAY = at("2026-03-10T00:00:00Z");

describeServer("chargebee client: quotes", (t) => {
  let cb: Chargebee;
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids = { m: "", l: "", seats: "", customer: "", contract: "" };

  beforeAll(async () => {
    api = await billingTenant(t.server, "Chargebee quotes", "2026-03-10T09:00:00Z");
    cb = chargebeeClient(t.server, api.key);
    const { group, plan } = await api.plan();
    const monthly = { fee_period: { unit: "month", count: 1 } };
    ids.m = await api.variant(plan, { internal_name: "M", recurring_fee: "30", ...monthly });
    ids.l = await api.variant(plan, { internal_name: "L", recurring_fee: "50", ...monthly });
    ids.seats = (
      await api.post("/v1/components", {
        plan_group_id: group,
        name: "Seats",
        type: "quantity",
        price_per_unit: "5",
      })
    ).id;
    ids.customer = await api.customer({ first_name: "Quoted" });
  });

  const line = (fields: Record<string, unknown>) => ({
    id: expect.stringMatching(/^li_/),
    is_taxed: false,
    tax_rate: 0,
    customer_id: ids.customer,
    object: "line_item",
    ...fields,
  });

  it("a new subscription's quote: created, retrieved, listed, edited, extended, converted", async () => {
    const { quote } = await cb.quote.createSubItemsForCustomerQuote(ids.customer, {
      subscription_items: [
        { item_price_id: ids.m, quantity: 1 },
        { item_price_id: ids.seats, quantity: 3 },
      ],
      expires_at: at("2026-03-20T00:00:00Z"),
    });
    // M 30.00 and Seats 3 × 5.00 = 15.00 for 10 March – 10 April, no tax: 45.00
    expect(quote).toEqual({
      id: expect.stringMatching(/^qte_/),
      customer_id: ids.customer,
      status: "open",
      operation_type: "create_subscription_for_customer",
      price_type: "tax_exclusive",
      currency_code: "EUR",
      valid_till: at("2026-03-20T00:00:00Z"),
      date: NOW,
      sub_total: 4500,
      total: 4500,
      total_payable: 4500,
      charge_on_acceptance: 4500,
      credits_applied: 0,
      amount_paid: 0,
      amount_due: 4500,
      line_items: [
        line({
          date_from: DAY,
          date_to: at("2026-04-10T00:00:00Z"),
          unit_amount: 3000,
          quantity: 1,
          amount: 3000,
          description: "M",
          entity_type: "plan_item_price",
          entity_id: ids.m,
        }),
        line({
          date_from: DAY,
          date_to: at("2026-04-10T00:00:00Z"),
          unit_amount: 500,
          quantity: 3,
          amount: 1500,
          description: "Seats",
          entity_type: "addon_item_price",
        }),
      ],
      discounts: [],
      taxes: [],
      created_at: NOW,
      updated_at: NOW,
      resource_version: Date.parse("2026-03-10T09:00:00Z"),
      deleted: false,
      object: "quote",
    });

    expect((await cb.quote.retrieve(quote.id)).quote).toEqual(quote);
    const listed = await cb.quote.list({ customer_id: { is: ids.customer } } as never);
    expect(listed.list.map((e) => e.quote.id)).toContain(quote.id);

    // edited: M × 2 and no seats — 60.00
    const edited = await cb.quote.editCreateSubCustomerQuoteForItems(quote.id, {
      subscription_items: [{ item_price_id: ids.m, quantity: 2 }],
    });
    expect(edited.quote).toMatchObject({ sub_total: 6000, total: 6000, status: "open" });
    expect(edited.quote.line_items).toEqual([
      line({
        date_from: DAY,
        date_to: at("2026-04-10T00:00:00Z"),
        unit_amount: 3000,
        quantity: 2,
        amount: 6000,
        description: "M",
        entity_type: "plan_item_price",
        entity_id: ids.m,
      }),
    ]);

    const extended = await cb.quote.extendExpiryDate(quote.id, {
      valid_till: at("2026-03-31T00:00:00Z"),
    });
    expect(extended.quote.valid_till).toBe(at("2026-03-31T00:00:00Z"));

    const converted = await cb.quote.convert(quote.id, {});
    expect(converted.quote).toMatchObject({
      id: quote.id,
      status: "accepted",
      subscription_id: expect.stringMatching(/^con_/),
      invoice_id: expect.stringMatching(/^inv_/),
      total: 6000,
    });
    expect(converted.customer).toMatchObject({ id: ids.customer, object: "customer" });
    ids.contract = converted.quote.subscription_id as string;
    const sub = await cb.subscription.retrieve(ids.contract);
    expect(sub.subscription.subscription_items).toEqual([
      expect.objectContaining({ item_price_id: ids.m, quantity: 2 }),
    ]);

    // an accepted quote is not open any more
    const again = await refusal(cb.quote.updateStatus(quote.id, { status: "declined" }));
    expect(again).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
      accrue_error_code: "quote_not_open",
    });
  });

  it("a change quote of the subscription and a declined one", async () => {
    const { quote } = await cb.quote.updateSubscriptionQuoteForItems({
      subscription: { id: ids.contract },
      subscription_items: [{ item_price_id: ids.l, quantity: 1 }],
    });
    expect(quote).toMatchObject({
      status: "open",
      operation_type: "change_subscription",
      subscription_id: ids.contract,
      customer_id: ids.customer,
    });
    // on 10 March, L for M × 2 (quantity 1): L's 50.00 billed, the month's 60.00 back: −10.00
    expect(quote.line_items?.map((l) => [l.entity_type, l.amount])).toEqual([
      ["plan_item_price", 5000],
      ["plan_item_price", -6000],
    ]);
    expect(quote.total).toBe(-1000);

    const edited = await cb.quote.editUpdateSubscriptionQuoteForItems(quote.id, {
      subscription_items: [
        { item_price_id: ids.l, quantity: 1 },
        { item_price_id: ids.seats, quantity: 1 },
      ],
    });
    expect(edited.quote.total).toBe(-500);

    const declined = await cb.quote.updateStatus(quote.id, { status: "declined" });
    expect(declined.quote).toMatchObject({ id: quote.id, status: "declined" });
  });

  it("a quote of one-time charges, edited", async () => {
    const { quote } = await cb.quote.createForChargeItemsAndCharges({
      customer_id: ids.customer,
      currency_code: "EUR",
      charges: [{ amount: 10000, description: "Training" }],
    });
    expect(quote).toMatchObject({
      operation_type: "onetime_invoice",
      status: "open",
      sub_total: 10000,
      total: 10000,
      valid_till: at("2026-04-09T09:00:00Z"),
    });
    expect(quote.line_items).toEqual([
      line({
        date_from: DAY,
        date_to: DAY,
        unit_amount: 10000,
        quantity: 1,
        amount: 10000,
        description: "Training",
        entity_type: "adhoc",
      }),
    ]);
    const edited = await cb.quote.editForChargeItemsAndCharges(quote.id, {
      charges: [
        { amount: 10000, description: "Training" },
        { amount: 2550, description: "Travel" },
      ],
    });
    expect(edited.quote.line_items?.map((l) => [l.description, l.amount])).toEqual([
      ["Training", 10000],
      ["Travel", 2550],
    ]);
    expect(edited.quote.total).toBe(12550);
  });

  it("Chargebee's refusals: unknown ids, wrong values, unsupported values and parameters", async () => {
    expect(await refusal(cb.quote.retrieve("qte_missing"))).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
    });
    expect(
      await refusal(
        cb.quote.createSubItemsForCustomerQuote("cus_missing", {
          subscription_items: [{ item_price_id: ids.m }],
        }),
      ),
    ).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found" });
    expect(
      await refusal(
        cb.quote.updateSubscriptionQuoteForItems({
          subscription: { id: "con_missing" },
          subscription_items: [{ item_price_id: ids.l }],
        }),
      ),
    ).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
      param: "subscription[id]",
    });
    expect(
      await refusal(
        cb.quote.createSubItemsForCustomerQuote(ids.customer, {
          subscription_items: [{ item_price_id: ids.m, quantity: -1 }],
        }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "subscription_items[quantity][0]",
    });
    expect(
      await refusal(
        cb.quote.createForChargeItemsAndCharges({
          customer_id: ids.customer,
          currency_code: "EUR",
          charges: [{ description: "No amount" }],
        }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "charges[amount][0]",
    });
    const { quote } = await cb.quote.createForChargeItemsAndCharges({
      customer_id: ids.customer,
      currency_code: "EUR",
      charges: [{ amount: 100, description: "Small" }],
    });
    expect(await refusal(cb.quote.updateStatus(quote.id, { status: "voided" }))).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "status",
    });
    expect(
      await refusal(cb.quote.extendExpiryDate(quote.id, { valid_till: "soon" as never })),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "valid_till",
    });
    expect(
      await refusal(
        cb.quote.createForChargeItemsAndCharges({
          customer_id: ids.customer,
          currency_code: "EUR",
          po_number: "PO-1",
          charges: [{ amount: 100, description: "Small" }],
        }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "po_number",
    });
    // Accrue keeps its quotes: delete is not served
    expect(await refusal(cb.quote.delete(quote.id, {}))).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
    });
  });
});
