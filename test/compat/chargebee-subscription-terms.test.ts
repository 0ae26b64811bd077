/**
 * Chargebee's official Node client against the `/api/v2` surface: a charge at the term end,
 * the advance invoice schedule, regenerating an invoice, importing a contract term and
 * unbilled charges, removing coupons, and the cancellation and one-off invoice estimates, on
 * a tenant of its own with a test clock.
 *
 * Catalog (EUR, net): the plan variant Monthly at 30.00 a month and Other (another plan
 * group's plan) at 10.00; the discount Ten (10 %) with the coupon SAVE10, and Five (5 %).
 */
import type Chargebee from "chargebee";
import { expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";
import { chargebeeClient, refusal } from "./chargebee-client.js";

const at = (iso: string) => Date.parse(iso) / 1000;
/** The answer's body, without what the client adds (headers, status, replay flag). */
const bare = (answer: unknown) => {
  const { headers, httpStatusCode, isIdempotencyReplayed, ...body } = answer as Record<
    string,
    unknown
  >;
  return body;
};
const START = "2026-03-01T00:00:00Z";

describeServer("chargebee client: subscription terms, charges and schedules", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let cb: Chargebee;
  const ids = { monthly: "", other: "", ten: "", five: "" };
  /** A new customer signed up to Monthly now: [customer, contract]. */
  const subscribed = async (extra: Record<string, unknown> = {}) => {
    const customer = await api.customer();
    return [customer, await api.signup(customer, ids.monthly, extra)] as const;
  };
  const notFoundFor = async (promise: Promise<unknown>) =>
    expect(await refusal(promise)).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
      type: "invalid_request",
    });

  /** A tenant of its own for each case (its test clock only moves forward), with the catalog. */
  const fresh = async () => {
    api = await billingTenant(t.server, "Chargebee terms", START);
    cb = chargebeeClient(t.server, api.key);
    const { group, plan } = await api.plan();
    const monthly = { fee_period: { unit: "month", count: 1 } };
    ids.monthly = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "30",
      ...monthly,
    });
    const other = await api.plan({ name: "Other" });
    ids.other = await api.variant(other.plan, {
      internal_name: "Other",
      recurring_fee: "10",
      ...monthly,
    });
    ids.ten = (
      await api.post("/v1/discounts", { plan_group_id: group, name: "Ten", percent: "10" })
    ).id;
    ids.five = (
      await api.post("/v1/discounts", { plan_group_id: group, name: "Five", percent: "5" })
    ).id;
    await api.post("/v1/coupons", { code: "SAVE10", discount_id: ids.ten });
  };

  it("addChargeAtTermEnd answers Chargebee's estimate; the renewal bills the charge", async () => {
    await fresh();
    const [customer, contract] = await subscribed();
    await api.run();
    const added = await cb.subscription.addChargeAtTermEnd(contract, {
      amount: 1250,
      description: "Setup",
      date_from: at("2026-03-01T00:00:00Z"),
      date_to: at("2026-04-01T00:00:00Z"),
    });
    const charge = added.estimate.unbilled_charge_estimates?.[0];
    expect(charge?.id).toMatch(new RegExp(`^${contract}\\.`));
    expect(bare(added)).toEqual({
      estimate: {
        created_at: at(START),
        object: "estimate",
        subscription_estimate: {
          id: contract,
          currency_code: "EUR",
          status: "active",
          next_billing_at: at("2026-04-01T00:00:00Z"),
          object: "subscription_estimate",
        },
        unbilled_charge_estimates: [
          {
            id: charge?.id,
            customer_id: customer,
            subscription_id: contract,
            date_from: at("2026-03-01T00:00:00Z"),
            date_to: at("2026-04-01T00:00:00Z"),
            unit_amount: 1250,
            pricing_model: "flat_fee",
            quantity: 1,
            amount: 1250,
            currency_code: "EUR",
            discount_amount: 0,
            description: "Setup",
            entity_type: "adhoc",
            is_voided: false,
            deleted: false,
            object: "unbilled_charge",
            created_at: at(START),
            updated_at: at(START),
          },
        ],
      },
    });
    // not billed now: with the renewal on 1 April
    expect((await api.post(`/v1/contracts/${contract}/settle`, {})).invoice).toBeNull();
    await api.advance("2026-04-01T00:30:00Z");
    await api.run();
    const renewal = (await api.invoices(contract)).at(-1);
    expect(renewal.lines.map((l: any) => [l.description, l.amount])).toContainEqual([
      "Setup",
      "12.50",
    ]);

    expect(
      await refusal(cb.subscription.addChargeAtTermEnd(contract, { amount: -5, description: "x" })),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "amount",
    });
    expect(
      await refusal(
        cb.subscription.addChargeAtTermEnd(contract, {
          amount_in_decimal: "1.5",
          description: "x",
        }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "amount_in_decimal",
    });
    await notFoundFor(
      cb.subscription.addChargeAtTermEnd("con_none", { amount: 1, description: "x" }),
    );
  });

  it("edits, retrieves and removes the advance invoice schedule", async () => {
    await fresh();
    const [customer, contract] = await subscribed();
    await api.run();
    // only a schedule set up before is edited
    expect(
      await refusal(
        cb.subscription.editAdvanceInvoiceSchedule(contract, { schedule_type: "fixed_intervals" }),
      ),
    ).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found" });
    await cb.subscription.chargeFutureRenewals(contract, {
      schedule_type: "fixed_intervals",
      fixed_interval_schedule: { number_of_occurrences: 1 },
    });
    const fixed = await cb.subscription.editAdvanceInvoiceSchedule(contract, {
      terms_to_charge: 1,
      schedule_type: "fixed_intervals",
      fixed_interval_schedule: {
        number_of_occurrences: 2,
        end_schedule_on: "after_number_of_intervals",
      },
    });
    expect(bare(fixed)).toEqual({
      advance_invoice_schedules: [
        {
          id: `${contract}.fixed_intervals`,
          schedule_type: "fixed_intervals",
          fixed_interval_schedule: {
            end_schedule_on: "after_number_of_intervals",
            number_of_occurrences: 2,
            days_before_renewal: 0,
            terms_to_charge: 1,
          },
          object: "advance_invoice_schedule",
        },
      ],
    });
    expect(bare(await cb.subscription.retrieveAdvanceInvoiceSchedule(contract))).toEqual(
      bare(fixed),
    );

    const dates = await cb.subscription.editAdvanceInvoiceSchedule(contract, {
      schedule_type: "specific_dates",
      specific_dates_schedule: [
        { date: at("2026-03-20T00:00:00Z"), terms_to_charge: 1 },
        { date: at("2026-05-20T00:00:00Z"), terms_to_charge: 2 },
      ],
    });
    expect(bare(dates)).toEqual({
      advance_invoice_schedules: [
        {
          id: `${contract}.date_1`,
          schedule_type: "specific_dates",
          specific_dates_schedule: { terms_to_charge: 1, date: at("2026-03-20T00:00:00Z") },
          object: "advance_invoice_schedule",
        },
        {
          id: `${contract}.date_2`,
          schedule_type: "specific_dates",
          specific_dates_schedule: { terms_to_charge: 2, date: at("2026-05-20T00:00:00Z") },
          object: "advance_invoice_schedule",
        },
      ],
    });
    const native = await api.get(`/v1/contracts/${contract}/advance_invoice_schedule`);
    expect(native.schedule_type).toBe("specific_dates");

    const removed = await cb.subscription.removeAdvanceInvoiceSchedule(contract);
    expect(bare(removed)).toEqual(bare(await cb.subscription.retrieve(contract)));
    expect(removed.subscription.id).toBe(contract);
    expect((removed as any).customer.id).toBe(customer);
    expect(bare(await cb.subscription.retrieveAdvanceInvoiceSchedule(contract))).toEqual({
      advance_invoice_schedules: [],
    });
    expect(
      (await api.get(`/v1/contracts/${contract}/advance_invoice_schedule`)).schedule_type,
    ).toBeNull();

    expect(
      await refusal(
        cb.subscription.editAdvanceInvoiceSchedule(contract, {
          schedule_type: "immediate",
        } as never),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "schedule_type",
    });
    expect(
      await refusal(
        cb.subscription.editAdvanceInvoiceSchedule(contract, {
          schedule_type: "fixed_intervals",
          fixed_interval_schedule: {
            end_schedule_on: "specific_date",
            end_date: at("2026-09-01T00:00:00Z"),
          },
        }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "fixed_interval_schedule[end_schedule_on]",
    });
    await notFoundFor(cb.subscription.retrieveAdvanceInvoiceSchedule("con_none"));
    await notFoundFor(cb.subscription.removeAdvanceInvoiceSchedule("con_none"));
  });

  it("regenerateInvoice invoices again what a voided invoice billed", async () => {
    await fresh();
    const [customer, contract] = await subscribed();
    await api.run();
    const [first] = await api.invoices(contract);
    await api.post(`/v1/invoices/${first.id}/void`);
    const regenerated = await cb.subscription.regenerateInvoice(contract);
    expect(regenerated.invoice?.id).not.toBe(first.id);
    expect(bare(regenerated)).toEqual({
      invoice: (await cb.invoice.retrieve(regenerated.invoice?.id as string)).invoice,
    });
    expect(regenerated.invoice).toMatchObject({
      customer_id: customer,
      subscription_id: contract,
      currency_code: "EUR",
      sub_total: 3000,
      object: "invoice",
      line_items: [expect.objectContaining({ amount: 3000, entity_id: ids.monthly })],
    });
    // nothing is left to bill again
    expect(await refusal(cb.subscription.regenerateInvoice(contract))).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
    });
    expect(
      await refusal(cb.subscription.regenerateInvoice(contract, { date_from: at(START) })),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "date_from",
    });
    await notFoundFor(cb.subscription.regenerateInvoice("con_none"));
  });

  it("importContractTerm answers the contract term", async () => {
    await fresh();
    const [, contract] = await subscribed();
    const imported = await cb.subscription.importContractTerm(contract, {
      contract_term: {
        contract_start: at(START),
        contract_end: at("2027-03-01T00:00:00Z"),
        billing_cycle: 12,
        action_at_term_end: "renew",
      },
    });
    expect(bare(imported)).toEqual({
      contract_term: {
        id: `${contract}.contract_term`,
        status: "active",
        contract_start: at(START),
        contract_end: at("2027-03-01T00:00:00Z"),
        billing_cycle: 12,
        action_at_term_end: "renew",
        created_at: at(START),
        subscription_id: contract,
        object: "contract_term",
      },
    });
    expect((await cb.subscription.retrieve(contract)).subscription.status).toBe("active");
    // a term that ends with a cancellation ends the subscription at its end
    const cancelling = await cb.subscription.importContractTerm(contract, {
      contract_term: {
        contract_start: at(START),
        contract_end: at("2027-03-01T00:00:00Z"),
        action_at_term_end: "cancel",
      },
    });
    expect(cancelling.contract_term).toMatchObject({ action_at_term_end: "cancel" });
    expect(cancelling.contract_term).not.toHaveProperty("billing_cycle");
    expect((await cb.subscription.retrieve(contract)).subscription).toMatchObject({
      status: "non_renewing",
      cancelled_at: at("2027-03-01T00:00:00Z"),
    });

    expect(
      await refusal(
        cb.subscription.importContractTerm(contract, {
          contract_term: {
            contract_start: at(START),
            contract_end: at("2027-03-01T00:00:00Z"),
            action_at_term_end: "later" as never,
          },
        }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "contract_term[action_at_term_end]",
    });
    // the native refusal names Chargebee's parameter
    expect(
      await refusal(
        cb.subscription.importContractTerm(contract, {
          contract_term: {
            contract_start: at(START),
            contract_end: at("2026-02-01T00:00:00Z"),
            action_at_term_end: "cancel",
          },
        }),
      ),
    ).toMatchObject({ http_status_code: 400, param: "contract_term[contract_end]" });
    expect(
      await refusal(
        cb.subscription.importContractTerm(contract, {
          contract_term: {
            contract_start: at(START),
            contract_end: at("2027-03-01T00:00:00Z"),
            action_at_term_end: "renew",
            total_contract_value: 36000,
          },
        }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "contract_term[total_contract_value]",
    });
    await notFoundFor(
      cb.subscription.importContractTerm("con_none", {
        contract_term: {
          contract_start: at(START),
          contract_end: at("2027-03-01T00:00:00Z"),
          action_at_term_end: "renew",
        },
      }),
    );
  });

  it("importUnbilledCharges records each charge as an unbilled charge", async () => {
    await fresh();
    const [customer, contract] = await subscribed();
    const from = at("2026-02-01T00:00:00Z");
    const to = at("2026-03-01T00:00:00Z");
    const imported = await cb.subscription.importUnbilledCharges(contract, {
      unbilled_charges: [
        {
          entity_type: "adhoc",
          description: "Migrated",
          unit_amount: 500,
          date_from: from,
          date_to: to,
        },
        {
          entity_type: "plan_item_price",
          entity_id: ids.monthly,
          description: "Monthly (February)",
          unit_amount: 1000,
          quantity: 2,
          date_from: from,
          date_to: to,
        },
      ],
    });
    const base = {
      customer_id: customer,
      subscription_id: contract,
      date_from: from,
      date_to: to,
      pricing_model: "flat_fee",
      currency_code: "EUR",
      discount_amount: 0,
      is_voided: false,
      deleted: false,
      object: "unbilled_charge",
      created_at: at(START),
      updated_at: at(START),
    };
    const [a, b] = imported.unbilled_charges;
    expect(bare(imported)).toEqual({
      unbilled_charges: [
        {
          ...base,
          id: a?.id,
          unit_amount: 500,
          quantity: 1,
          amount: 500,
          description: "Migrated",
          entity_type: "adhoc",
        },
        {
          ...base,
          id: b?.id,
          unit_amount: 1000,
          quantity: 2,
          amount: 2000,
          description: "Monthly (February)",
          entity_type: "plan_item_price",
          entity_id: ids.monthly,
        },
      ],
    });
    const listed = await cb.unbilledCharge.list({ subscription_id: { is: contract } } as never);
    expect(listed.list.map((e: any) => e.unbilled_charge.id)).toEqual([a?.id, b?.id]);
    // paged: one a page, the offset naming the next
    const first = await cb.unbilledCharge.list({
      subscription_id: { is: contract },
      limit: 1,
    } as never);
    expect(first.list.map((e: any) => e.unbilled_charge.id)).toEqual([a?.id]);
    const second = await cb.unbilledCharge.list({
      subscription_id: { is: contract },
      limit: 1,
      offset: first.next_offset,
    } as never);
    expect(second.list.map((e: any) => e.unbilled_charge.id)).toEqual([b?.id]);
    expect(second.next_offset).toBeUndefined();

    expect(
      await refusal(
        cb.subscription.importUnbilledCharges(contract, {
          unbilled_charges: [
            {
              entity_type: "plan_setup",
              description: "x",
              unit_amount: 1,
              date_from: from,
              date_to: to,
            },
          ],
        }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "unbilled_charges[entity_type][0]",
    });
    expect(
      await refusal(
        cb.subscription.importUnbilledCharges(contract, {
          unbilled_charges: [
            {
              entity_type: "plan_item_price",
              entity_id: ids.other,
              description: "x",
              unit_amount: 1,
              date_from: from,
              date_to: to,
            },
          ],
        }),
      ),
    ).toMatchObject({ http_status_code: 400, param: "unbilled_charges[entity_id][0]" });
    expect(
      await refusal(
        cb.subscription.importUnbilledCharges(contract, {
          unbilled_charges: [
            {
              entity_type: "adhoc",
              description: "x",
              unit_amount: 1,
              date_from: from,
              date_to: to,
              amount: 1,
            },
          ],
        }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "unbilled_charges[amount][0]",
    });
    await notFoundFor(
      cb.subscription.importUnbilledCharges("con_none", {
        unbilled_charges: [
          { entity_type: "adhoc", description: "x", unit_amount: 1, date_from: from, date_to: to },
        ],
      }),
    );
  });

  it("removeCoupons ends the coupons named, or all", async () => {
    await fresh();
    const [, contract] = await subscribed({ coupon_code: "SAVE10" });
    await api.post(`/v1/contracts/${contract}/discounts`, { discount_id: ids.five });
    const discounts = async () =>
      Object.fromEntries(
        (await api.get(`/v1/contracts/${contract}/discounts`)).data.map((d: any) => [
          d.discount_id,
          d.end_date,
        ]),
      );
    expect(await discounts()).toEqual({ [ids.ten]: null, [ids.five]: null });
    const day = "2026-03-02T00:00:00.000Z";
    await api.advance(day);

    expect(
      await refusal(cb.subscription.removeCoupons(contract, { coupon_ids: ["NOPE"] })),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "coupon_ids[0]",
    });
    const one = await cb.subscription.removeCoupons(contract, { coupon_ids: ["SAVE10"] });
    expect(bare(one)).toEqual(bare(await cb.subscription.retrieve(contract)));
    expect(await discounts()).toEqual({ [ids.ten]: day, [ids.five]: null });

    await api.advance("2026-03-03T00:00:00Z");
    const all = await cb.subscription.removeCoupons(contract);
    expect(all.subscription.id).toBe(contract);
    expect(await discounts()).toEqual({ [ids.ten]: day, [ids.five]: "2026-03-03T00:00:00.000Z" });
    await notFoundFor(cb.subscription.removeCoupons("con_none"));
  });

  it("estimate.cancelSubscriptionForItems estimates the cancellation the terms allow", async () => {
    await fresh();
    const [customer, contract] = await subscribed();
    await api.run();
    await api.advance("2026-03-05T00:00:00Z");
    const now = (await api.get("/v1/test_clock")).now;
    const preview = await api.get(`/v1/contracts/${contract}/cancellation_preview`);
    const estimate = await cb.estimate.cancelSubscriptionForItems(contract, { end_of_term: true });
    expect(bare(estimate)).toEqual({
      estimate: {
        created_at: Date.parse(now) / 1000,
        object: "estimate",
        subscription_estimate: {
          id: contract,
          currency_code: "EUR",
          status: "non_renewing",
          object: "subscription_estimate",
        },
        invoice_estimate: expect.objectContaining({
          currency_code: "EUR",
          customer_id: customer,
          price_type: "tax_exclusive",
          total: Math.round(Number(preview.invoice.total_gross) * 100),
          object: "invoice_estimate",
        }),
      },
    });
    expect(
      await refusal(
        cb.estimate.cancelSubscriptionForItems(contract, { cancel_option: "immediately" }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "cancel_option",
    });
    await notFoundFor(cb.estimate.cancelSubscriptionForItems("con_none", {}));
  });

  it("estimate.createInvoiceForItems estimates a one-off invoice", async () => {
    await fresh();
    const customer = await api.customer();
    const body = {
      customer_id: customer,
      currency: "EUR",
      lines: [{ description: "Training", unit_price: "100.00" }],
    };
    const native = await api.post("/v1/invoices/estimate", body);
    const now = (await api.get("/v1/test_clock")).now;
    const estimate = await cb.estimate.createInvoiceForItems({
      invoice: { customer_id: customer },
      currency_code: "EUR",
      charges: [{ amount: 10000, description: "Training" }],
    });
    const total = Math.round(Number(native.total_gross) * 100);
    const tax = Math.round(Number(native.lines[0].tax_rate) * 100) / 100;
    expect(bare(estimate)).toEqual({
      estimate: {
        created_at: Date.parse(now) / 1000,
        object: "estimate",
        invoice_estimate: {
          recurring: false,
          price_type: "tax_exclusive",
          currency_code: "EUR",
          sub_total: 10000,
          total,
          credits_applied: 0,
          amount_paid: 0,
          amount_due: total,
          customer_id: customer,
          line_items: [
            {
              id: "li_1",
              date_from: at(`${native.issue_date}T00:00:00Z`),
              date_to: at(`${native.issue_date}T00:00:00Z`),
              unit_amount: 10000,
              quantity: 1,
              amount: 10000,
              is_taxed: tax > 0,
              tax_rate: tax,
              description: "Training",
              entity_type: "adhoc",
              object: "line_item",
            },
          ],
          discounts: [],
          taxes: total > 10000 ? [expect.objectContaining({ amount: total - 10000 })] : [],
          object: "invoice_estimate",
        },
      },
    });
    // nothing was written
    expect((await api.get(`/v1/invoices?customer_id=${customer}`)).data).toEqual([]);

    expect(
      await refusal(
        cb.estimate.createInvoiceForItems({
          invoice: { customer_id: customer },
          charges: [{ amount: 10000, description: "Training" }],
        }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "currency_code",
    });
    expect(
      await refusal(
        cb.estimate.createInvoiceForItems({
          invoice: { customer_id: customer },
          currency_code: "EUR",
          item_prices: [{ item_price_id: ids.monthly }],
        }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "item_prices",
    });
    await notFoundFor(
      cb.estimate.createInvoiceForItems({
        invoice: { customer_id: "cus_none" },
        currency_code: "EUR",
        charges: [{ amount: 1, description: "x" }],
      }),
    );
  });
});
