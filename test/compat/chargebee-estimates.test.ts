/**
 * Chargebee's official Node client against the `/api/v2` surface: estimates for
 * subscriptions (new, pause, resume, term end, advance invoice, renewal, upcoming invoices)
 * and usages, on a tenant with a test clock. Nothing an estimate answers is written.
 *
 * Catalog (EUR, net, no tax): Basic 10.00 a month, billed in advance; Seats 5.00 a month
 * each; API calls metered at 0.10 each. The clock starts on 1 April 2026 (a 30-day month).
 */
import type Chargebee from "chargebee";
import { beforeAll, expect, it } from "vitest";
import { describeServer } from "../server.js";
import { chargebeeClient, refusal } from "./chargebee-client.js";

const at = (iso: string) => Date.parse(iso) / 1000;
/** A decimal amount in cents. */
const minorOf = (amount: string) => Math.round(Number(amount) * 100);

describeServer("chargebee client: estimates and usages", (t) => {
  let cb: Chargebee;
  let key = "";
  const ids = { basic: "", seats: "", calls: "", customer: "", sub: "" };

  const native = async (method: string, url: string, body?: unknown) => {
    const res = await t.server.request(method, url, body === undefined ? { key } : { key, body });
    if (res.status >= 300) {
      throw new Error(`${method} ${url} → ${res.status}: ${JSON.stringify(res.body)}`);
    }
    return res.body;
  };
  const written = async () => [
    (await native("GET", `/v1/contracts?customer_id=${ids.customer}&limit=100`)).data.length,
    (await native("GET", `/v1/orders?customer_id=${ids.customer}&limit=100`)).data.length,
    (await native("GET", `/v1/invoices?customer_id=${ids.customer}&limit=100`)).data.length,
  ];

  beforeAll(async () => {
    ({ api_key: key } = await t.server.createTenant("Chargebee estimates"));
    cb = chargebeeClient(t.server, key);
    await native("POST", "/v1/test_clock", { frozen_time: "2026-04-01T00:00:00Z" });
    const group = await native("POST", "/v1/plan_groups", {
      name: "Cloud",
      currency: "EUR",
      price_type: "net",
    });
    const plan = await native("POST", "/v1/plans", { plan_group_id: group.id, name: "Cloud" });
    ids.basic = (
      await native("POST", "/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "Basic",
        recurring_fee: "10.00",
        fee_period: { unit: "month", count: 1 },
      })
    ).id;
    const component = (fields: Record<string, unknown>) =>
      native("POST", "/v1/components", {
        plan_group_id: group.id,
        price_model: "per_unit",
        ...fields,
      });
    ids.seats = (await component({ name: "Seats", type: "quantity", price_per_unit: "5.00" })).id;
    ids.calls = (
      await component({ name: "API calls", type: "metered", price_per_unit: "0.10" })
    ).id;
    ids.customer = (await cb.customer.create({ first_name: "Estimator" })).customer.id;
  });

  it("a new subscription's first invoice, for a stored customer and an inline one", async () => {
    const before = await written();
    const { estimate } = await cb.estimate.createSubItemForCustomerEstimate(ids.customer, {
      subscription_items: [
        { item_price_id: ids.basic, quantity: 2 },
        { item_price_id: ids.seats, quantity: 3 },
      ],
    });
    // Basic 2 × 10.00 = 20.00 and Seats 3 × 5.00 = 15.00 for 1 April – 1 May, no tax
    expect(estimate).toMatchObject({
      object: "estimate",
      created_at: at("2026-04-01T00:00:00Z"),
      subscription_estimate: { status: "active", currency_code: "EUR" },
      invoice_estimate: {
        currency_code: "EUR",
        price_type: "tax_exclusive",
        sub_total: 3500,
        total: 3500,
        amount_due: 3500,
        customer_id: ids.customer,
        object: "invoice_estimate",
      },
    });
    expect(estimate.invoice_estimate?.line_items).toEqual([
      expect.objectContaining({
        entity_type: "plan_item_price",
        entity_id: ids.basic,
        quantity: 2,
        unit_amount: 1000,
        amount: 2000,
        date_from: at("2026-04-01T00:00:00Z"),
        date_to: at("2026-05-01T00:00:00Z"),
      }),
      expect.objectContaining({
        entity_type: "addon_item_price",
        quantity: 3,
        unit_amount: 500,
        amount: 1500,
      }),
    ]);

    const inline = await cb.estimate.createSubItemEstimate({
      subscription_items: [{ item_price_id: ids.basic, quantity: 1 }],
      billing_address: { country: "DE" },
    } as never);
    expect(inline.estimate.invoice_estimate).toMatchObject({ sub_total: 1000, total: 1000 });
    expect(await written()).toEqual(before);
  });

  it("pause, resume, term end, advance invoice and renewal estimates of a running subscription", async () => {
    ids.sub = (
      await cb.subscription.createWithItems(ids.customer, {
        subscription_items: [{ item_price_id: ids.basic, quantity: 1 }],
        invoice_immediately: true,
      })
    ).subscription.id;
    // April is billed at the signup (10.00); on 16 April, 15 of April's 30 days are left
    await native("POST", "/v1/test_clock/advance", { frozen_time: "2026-04-16T00:00:00Z" });
    const before = await written();

    const pause = await cb.estimate.pauseSubscription(ids.sub, { pause_option: "immediately" });
    // paused from 16 April: 10.00 × 15/30 = 5.00 comes back
    expect(pause.estimate).toMatchObject({
      subscription_estimate: { id: ids.sub, status: "paused" },
      invoice_estimate: { sub_total: -500, total: -500 },
    });

    const term = await cb.estimate.changeTermEnd(ids.sub, {
      term_ends_at: at("2026-04-21T00:00:00Z"),
    });
    // the term ends on 21 April: 21 April – 1 May, 10 of 30 days, 10.00 × 10/30 = 3.33 back;
    // the next term, 21 April – 21 May, is due on 21 April: 10.00; −3.33 + 10.00 = 6.67
    expect(term.estimate).toMatchObject({
      subscription_estimate: { next_billing_at: at("2026-04-21T00:00:00Z") },
      invoice_estimate: { sub_total: 667, total: 667 },
    });
    expect(term.estimate.invoice_estimate?.line_items?.map((l) => l.amount)).toEqual([-333, 1000]);

    const advance = await cb.estimate.advanceInvoiceEstimate(ids.sub, { terms_to_charge: 1 });
    // the next renewal, 1 May – 1 June, invoiced now
    expect(advance.estimate.invoice_estimate).toMatchObject({ sub_total: 1000 });
    expect(advance.estimate.invoice_estimate?.line_items?.[0]).toMatchObject({
      date_from: at("2026-05-01T00:00:00Z"),
      date_to: at("2026-06-01T00:00:00Z"),
    });

    const renewal = await cb.estimate.renewalEstimate(ids.sub);
    expect(renewal.estimate).toMatchObject({
      subscription_estimate: { id: ids.sub, next_billing_at: at("2026-05-01T00:00:00Z") },
      invoice_estimate: { sub_total: 1000 },
    });
    const upcoming = await cb.estimate.upcomingInvoicesEstimate(ids.customer);
    expect(upcoming.estimate.invoice_estimates?.map((i) => i.sub_total)).toEqual([1000]);

    const notPaused = await refusal(cb.estimate.resumeSubscription(ids.sub, {}));
    expect(notPaused).toMatchObject({ http_status_code: 400 });
    const nothingVoided = await refusal(cb.estimate.regenerateInvoiceEstimate(ids.sub, {}));
    expect(nothingVoided).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
    });
    expect(await written()).toEqual(before);
  });

  it("usages: create with an id, retrieve, list, delete", async () => {
    const sub = (
      await cb.subscription.createWithItems(ids.customer, {
        // a metered component is billed from usage: it is not ordered
        subscription_items: [{ item_price_id: ids.basic, quantity: 1 }],
      })
    ).subscription.id;
    const { usage } = await cb.usage.create(sub, {
      id: "usage-1",
      item_price_id: ids.calls,
      quantity: "250",
      usage_date: at("2026-04-16T00:00:00Z"),
      note: "batch 1",
    });
    expect(usage).toMatchObject({
      id: "usage-1",
      subscription_id: sub,
      item_price_id: ids.calls,
      quantity: "250",
      usage_date: at("2026-04-16T00:00:00Z"),
      note: "batch 1",
      object: "usage",
    });
    // the same id again is not recorded twice
    await cb.usage.create(sub, {
      id: "usage-1",
      item_price_id: ids.calls,
      quantity: "250",
      usage_date: at("2026-04-16T00:00:00Z"),
    });
    await cb.usage.create(sub, {
      item_price_id: ids.calls,
      quantity: "5",
      usage_date: at("2026-04-16T00:00:00Z"),
    });
    const read = await cb.usage.retrieve(sub, { id: "usage-1" });
    expect(read.usage).toEqual(usage);
    const listed = await cb.usage.list({ subscription_id: { is: sub } } as never);
    expect(listed.list.map((e) => e.usage.quantity)).toEqual(["250", "5"]);

    const deleted = await cb.usage.delete(sub, { id: "usage-1" });
    expect(deleted.usage.id).toBe("usage-1");
    const gone = await refusal(cb.usage.retrieve(sub, { id: "usage-1" }));
    expect(gone).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found" });

    const badQuantity = await refusal(
      cb.usage.create(sub, {
        item_price_id: ids.calls,
        quantity: "lots",
        usage_date: at("2026-04-16T00:00:00Z"),
      }),
    );
    expect(badQuantity).toMatchObject({ api_error_code: "param_wrong_value", param: "quantity" });
    const noSubscription = await refusal(
      cb.usage.create("con_missing", {
        item_price_id: ids.calls,
        quantity: "1",
        usage_date: at("2026-04-16T00:00:00Z"),
      }),
    );
    expect(noSubscription).toMatchObject({ http_status_code: 404 });
  });

  it("unbilled charges: record, list, estimate, invoice now, delete", async () => {
    const sub = (
      await cb.subscription.createWithItems(ids.customer, {
        subscription_items: [{ item_price_id: ids.basic, quantity: 1 }],
        invoice_immediately: true,
      })
    ).subscription.id;
    const charge = (description: string, amount: number) =>
      cb.unbilledCharge.createUnbilledCharge({
        subscription_id: sub,
        currency_code: "EUR",
        charges: [{ amount, description }],
      } as never);
    const { unbilled_charges } = await charge("Installation", 4900);
    expect(unbilled_charges[0]).toMatchObject({
      subscription_id: sub,
      customer_id: ids.customer,
      currency_code: "EUR",
      unit_amount: 4900,
      quantity: 1,
      amount: 4900,
      description: "Installation",
      entity_type: "adhoc",
      is_voided: false,
      object: "unbilled_charge",
    });
    const second = (await charge("Training", 1500)).unbilled_charges[0];
    const listed = await cb.unbilledCharge.list({ subscription_id: { is: sub } } as never);
    expect(listed.list.map((e) => e.unbilled_charge.amount)).toEqual([4900, 1500]);

    const deleted = await cb.unbilledCharge.delete(String(second?.id));
    expect(deleted.unbilled_charge).toMatchObject({ description: "Training", deleted: true });

    const before = await written();
    const estimate = await cb.unbilledCharge.invoiceNowEstimate({ subscription_id: sub });
    // the signup's invoice billed the month; what is left is the installation, 49.00
    expect(estimate.estimate.invoice_estimates?.[0]).toMatchObject({
      sub_total: 4900,
      total: 4900,
    });
    expect(await written()).toEqual(before);

    const invoiced = await cb.unbilledCharge.invoiceUnbilledCharges({ subscription_id: sub });
    expect(invoiced.invoices[0]).toMatchObject({
      subscription_id: sub,
      customer_id: ids.customer,
      currency_code: "EUR",
      total: 4900,
      object: "invoice",
    });
    const left = await cb.unbilledCharge.list({ subscription_id: { is: sub } } as never);
    expect(left.list).toEqual([]);

    const wrongCurrency = await refusal(
      cb.unbilledCharge.createUnbilledCharge({
        subscription_id: sub,
        currency_code: "USD",
        charges: [{ amount: 100, description: "x" }],
      } as never),
    );
    expect(wrongCurrency).toMatchObject({
      api_error_code: "param_wrong_value",
      param: "currency_code",
    });
    const unknown = await refusal(cb.unbilledCharge.delete(`${sub}.rit_missing`));
    expect(unknown).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found" });
  });

  /** A customer of its own, with what an estimate must leave as it was. */
  const customerOf = async (name: string) => {
    const id = (await cb.customer.create({ first_name: name })).customer.id;
    const records = async () => [
      (await native("GET", `/v1/contracts?customer_id=${id}&limit=100`)).data.length,
      (await native("GET", `/v1/orders?customer_id=${id}&limit=100`)).data.length,
      (await native("GET", `/v1/invoices?customer_id=${id}&limit=100`)).data.length,
    ];
    return { id, records };
  };
  const invoicesOf = async (sub: string) =>
    (await native("GET", `/v1/invoices?contract_id=${sub}&limit=100`)).data.sort(
      (x: { created_at: string }, y: { created_at: string }) =>
        x.created_at.localeCompare(y.created_at),
    );

  it("Product Catalog 1.0: a plan and addons for a customer, as the subscription then bills", async () => {
    const { id: customer, records } = await customerOf("Classic");
    const before = await records();
    // the client's query string of a GET nests an object's second field under its first
    // (`subscription[plan_id][plan_quantity]`): the subscription's fields are given by name
    const { estimate } = await cb.estimate.createSubForCustomerEstimate(customer, {
      "subscription[plan_id]": ids.basic,
      "subscription[plan_quantity]": 2,
      addons: [{ id: ids.seats, quantity: 3 }],
    } as never);
    // on 16 April: Basic 2 × 10.00 = 20.00 and Seats 3 × 5.00 = 15.00 for 16 April – 16 May
    expect(estimate).toMatchObject({
      object: "estimate",
      created_at: at("2026-04-16T00:00:00Z"),
      subscription_estimate: { status: "active", currency_code: "EUR" },
      invoice_estimate: { sub_total: 3500, total: 3500, amount_due: 3500, customer_id: customer },
    });
    expect(estimate.invoice_estimate?.line_items).toEqual([
      expect.objectContaining({
        entity_type: "plan",
        entity_id: ids.basic,
        quantity: 2,
        unit_amount: 1000,
        amount: 2000,
        date_from: at("2026-04-16T00:00:00Z"),
        date_to: at("2026-05-16T00:00:00Z"),
      }),
      expect.objectContaining({ entity_type: "addon", quantity: 3, amount: 1500 }),
    ]);
    // the same subscription for items, estimated as Product Catalog 2.0 has it
    const items = await cb.estimate.createSubItemForCustomerEstimate(customer, {
      subscription_items: [
        { item_price_id: ids.basic, quantity: 2 },
        { item_price_id: ids.seats, quantity: 3 },
      ],
    });
    expect(items.estimate.invoice_estimate?.line_items?.map((l) => l.amount)).toEqual(
      estimate.invoice_estimate?.line_items?.map((l) => l.amount),
    );
    expect(await records()).toEqual(before);

    const { subscription } = await cb.subscription.createWithItems(customer, {
      subscription_items: [
        { item_price_id: ids.basic, quantity: 2 },
        { item_price_id: ids.seats, quantity: 3 },
      ],
      invoice_immediately: true,
    });
    const [first] = await invoicesOf(subscription.id);
    expect(first.total_gross).toBe("35.00");

    const refused = (input: Record<string, unknown>, customerId = customer) =>
      refusal(cb.estimate.createSubForCustomerEstimate(customerId, input as never));
    expect(await refused({ subscription: { plan_quantity: 1 } })).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "subscription[plan_id]",
    });
    expect(await refused({ subscription: { plan_id: "plv_missing" } })).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
      param: "subscription[plan_id]",
    });
    expect(
      await refused({ subscription: { plan_id: ids.basic }, addons: [{ id: "cmp_missing" }] }),
    ).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
      param: "addons[id][0]",
    });
    expect(await refused({ subscription: { plan_id: ids.basic } }, "cus_missing")).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
    });
  });

  it("a change of items: billed now, credited, left unbilled, or at the term's end", async () => {
    const { id: customer, records } = await customerOf("Changer");
    const sub = (
      await cb.subscription.createWithItems(customer, {
        subscription_items: [{ item_price_id: ids.basic, quantity: 1 }],
        invoice_immediately: true,
      })
    ).subscription.id;
    // 16 April – 16 May is billed at the signup (10.00); on 1 May, 15 of its 30 days are left
    await native("POST", "/v1/test_clock/advance", { frozen_time: "2026-05-01T00:00:00Z" });
    const change = {
      subscription_items: [
        { item_price_id: ids.basic, quantity: 3 },
        { item_price_id: ids.seats, quantity: 2 },
      ],
      invoice_immediately: true,
    };
    const before = await records();
    const up = (
      await cb.estimate.updateSubscriptionForItems({ subscription: { id: sub }, ...change })
    ).estimate;
    // Basic 1 → 3 for 1 – 16 May: 2 more × 10.00 × 15/30 = 10.00;
    // Seats 2 × 5.00 × 15/30 = 5.00; 15.00 at once
    expect(up).toMatchObject({
      created_at: at("2026-05-01T00:00:00Z"),
      subscription_estimate: {
        id: sub,
        status: "active",
        next_billing_at: at("2026-05-16T00:00:00Z"),
      },
      invoice_estimate: { sub_total: 1500, total: 1500, customer_id: customer },
      // then 16 May – 16 June: Basic 3 × 10.00 + Seats 2 × 5.00 = 40.00
      next_invoice_estimate: { total: 4000 },
    });
    expect(up.credit_note_estimates).toBeUndefined();
    expect(up.unbilled_charge_estimates).toBeUndefined();
    expect(await records()).toEqual(before);

    // the update then bills what its estimate said
    await cb.subscription.updateForItems(sub, change);
    const billed = (await invoicesOf(sub)).at(-1);
    expect([billed.kind, billed.total_gross]).toEqual(["invoice", "15.00"]);
    expect(billed.lines.map((l: { amount: string }) => minorOf(l.amount))).toEqual(
      up.invoice_estimate?.line_items?.map((l) => l.amount),
    );

    // back to one Basic now: 2 × 10.00 × 15/30 = 10.00 is credited
    const down = {
      subscription_items: [{ item_price_id: ids.basic, quantity: 1 }],
      invoice_immediately: true,
    };
    const credit = (
      await cb.estimate.updateSubscriptionForItems({ subscription: { id: sub }, ...down })
    ).estimate;
    expect(credit.invoice_estimate).toBeUndefined();
    expect(credit.credit_note_estimates).toEqual([
      expect.objectContaining({
        type: "adjustment",
        sub_total: 1000,
        total: 1000,
        amount_available: 1000,
        customer_id: customer,
        object: "credit_note_estimate",
      }),
    ]);
    await cb.subscription.updateForItems(sub, down);
    const credited = (await invoicesOf(sub)).filter(
      (d: { kind: string }) => d.kind === "credit_note",
    );
    expect(credited.map((d: { total_gross: string }) => d.total_gross)).toEqual(["-10.00"]);

    // without invoice_immediately the change's charges wait for the next billing date:
    // Seats 2 → 4 for 1 – 16 May, 4 × 5.00 × 15/30 = 10.00, less the 2 billed for it, −5.00;
    // then 16 May – 16 June, Basic 10.00 + Seats 4 × 5.00 = 30.00: 35.00
    const waiting = (
      await cb.estimate.updateSubscriptionForItems({
        subscription: { id: sub },
        subscription_items: [{ item_price_id: ids.seats, quantity: 4 }],
      })
    ).estimate;
    expect(waiting.invoice_estimate).toBeUndefined();
    expect(waiting.unbilled_charge_estimates?.map((c) => c.amount)).toEqual([1000, -500]);
    expect(waiting.unbilled_charge_estimates?.[0]).toMatchObject({
      subscription_id: sub,
      customer_id: customer,
      currency_code: "EUR",
      entity_type: "addon_item_price",
      date_from: at("2026-05-01T00:00:00Z"),
      date_to: at("2026-05-16T00:00:00Z"),
      object: "unbilled_charge",
    });
    expect(waiting.next_invoice_estimate).toMatchObject({ sub_total: 3500, total: 3500 });

    // at the term's end: nothing now; 16 May – 16 June bills Basic 2 × 10.00 + Seats 2 × 5.00
    const later = (
      await cb.estimate.updateSubscriptionForItems({
        subscription: { id: sub },
        subscription_items: [{ item_price_id: ids.basic, quantity: 2 }],
        change_option: "end_of_term",
      })
    ).estimate;
    expect(later.invoice_estimate).toBeUndefined();
    expect(later.unbilled_charge_estimates).toBeUndefined();
    expect(later.next_invoice_estimate).toMatchObject({ total: 3000 });
    expect(later.next_invoice_estimate?.line_items?.[0]).toMatchObject({
      date_from: at("2026-05-16T00:00:00Z"),
      date_to: at("2026-06-16T00:00:00Z"),
    });

    const settled = await records();
    const refused = (input: Record<string, unknown>) =>
      refusal(cb.estimate.updateSubscriptionForItems(input as never));
    expect(await refused({ subscription_items: [{ item_price_id: ids.basic }] })).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "subscription[id]",
    });
    expect(
      await refused({
        subscription: { id: "con_missing" },
        subscription_items: [{ item_price_id: ids.basic }],
      }),
    ).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
      param: "subscription[id]",
    });
    expect(
      await refused({
        subscription: { id: sub },
        subscription_items: [{ item_price_id: "plv_missing" }],
      }),
    ).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found" });
    expect(
      await refused({ subscription: { id: sub }, change_option: "specific_date" }),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "changes_scheduled_at",
    });
    expect(await records()).toEqual(settled);

    // the change left unbilled is invoiced on 16 May with the renewal, as estimated
    await cb.subscription.updateForItems(sub, {
      subscription_items: [{ item_price_id: ids.seats, quantity: 4 }],
    });
    await native("POST", "/v1/test_clock/advance", { frozen_time: "2026-05-16T00:00:00Z" });
    await native("POST", "/v1/billing_runs");
    const renewal = (await invoicesOf(sub)).at(-1);
    expect([renewal.kind, minorOf(renewal.total_gross)]).toEqual([
      "invoice",
      waiting.next_invoice_estimate?.total,
    ]);
  });
});
