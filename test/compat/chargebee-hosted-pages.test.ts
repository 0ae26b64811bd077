/**
 * Chargebee's official Node client against the `/api/v2` surface: hosted pages of every type
 * Accrue has, one completed in the portal and acknowledged, events recorded on a page; portal
 * sessions created, read, activated and logged out; and Chargebee's refusals.
 *
 * Catalog (EUR, net, no tax): M 30.00 a month, L 50.00 a month. The clock stands at 10 March
 * 2026, 09:00 UTC; a page is valid for a day.
 */
import type Chargebee from "chargebee";
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";
import { chargebeeClient, refusal } from "./chargebee-client.js";

const at = (iso: string) => Date.parse(iso) / 1000;
const NOW = at("2026-03-10T09:00:00Z");
const tokenOf = (url: string) => /\/portal\/(hpt_[A-Za-z0-9_-]+)$/.exec(url)?.[1] as string;

describeServer("chargebee client: hosted pages and portal sessions", (t) => {
  let cb: Chargebee;
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids = { m: "", l: "", customer: "", contract: "", invoice: "" };

  beforeAll(async () => {
    api = await billingTenant(t.server, "Chargebee hosted pages", "2026-03-10T09:00:00Z");
    cb = chargebeeClient(t.server, api.key);
    const { plan } = await api.plan();
    const monthly = { fee_period: { unit: "month", count: 1 } };
    ids.m = await api.variant(plan, { internal_name: "M", recurring_fee: "30", ...monthly });
    ids.l = await api.variant(plan, { internal_name: "L", recurring_fee: "50", ...monthly });
    ids.customer = await api.customer({ first_name: "Paging" });
    // started a month ago (a cancellation page needs a contract that can end after its start)
    ids.contract = await api.signup(ids.customer, ids.m, { start_date: "2026-02-10T00:00:00Z" });
    // the billing run issues the invoices, owed
    await api.run();
    ids.invoice = (await api.invoices(ids.contract))[0].id;
  });

  /** A new page as Chargebee's client answers it. */
  const page = (type: string) => ({
    id: expect.stringMatching(/^hpg_/),
    type,
    url: expect.stringMatching(/\/portal\/hpt_/),
    state: "created",
    embed: false,
    created_at: NOW,
    expires_at: NOW + 86_400,
    updated_at: NOW,
    resource_version: Date.parse("2026-03-10T09:00:00Z"),
    object: "hosted_page",
  });

  it("a page of every type", async () => {
    const created = [
      await cb.hostedPage.checkoutNewForItems({
        customer: { email: "new@x.example", first_name: "New" },
        subscription_items: [{ item_price_id: ids.m, quantity: 1 }],
      }),
      await cb.hostedPage.checkoutNewForItems({
        customer: { id: ids.customer },
        subscription_items: [{ item_price_id: ids.l }],
      }),
      await cb.hostedPage.checkoutExistingForItems({
        subscription: { id: ids.contract },
        subscription_items: [{ item_price_id: ids.l, quantity: 1 }],
      }),
      await cb.hostedPage.checkoutOneTimeForItems({
        customer: { id: ids.customer },
        currency_code: "EUR",
        charges: [{ amount: 2500, description: "Setup" }],
      }),
      await cb.hostedPage.managePaymentSources({ customer: { id: ids.customer } }),
      await cb.hostedPage.updatePaymentMethod({ customer: { id: ids.customer } }),
      await cb.hostedPage.collectNow({ customer: { id: ids.customer }, currency_code: "EUR" }),
      await cb.hostedPage.preCancel({ subscription: { id: ids.contract } }),
      await cb.hostedPage.viewVoucher({ payment_voucher: { id: ids.invoice } }),
      await cb.hostedPage.checkoutGiftForItems({
        gifter: { customer_id: ids.customer },
        gift_receiver: { email: "friend@x.example" },
        subscription_items: [{ item_price_id: ids.m }],
      } as never),
    ].map((r) => r.hosted_page);
    expect(created).toEqual([
      page("checkout_new"),
      page("checkout_new"),
      page("checkout_existing"),
      page("checkout_one_time"),
      page("manage_payment_sources"),
      page("update_payment_method"),
      page("collect_now"),
      page("pre_cancel"),
      page("view_voucher"),
      page("checkout_gift"),
    ]);
    const listed = await cb.hostedPage.list({ limit: 100 } as never);
    expect(listed.list.map((e) => e.hosted_page.id)).toEqual(created.map((p) => p.id));
    const { hosted_page } = await cb.hostedPage.retrieve(created[0]?.id as string);
    // the page's URL is shown once, when it is made
    expect(hosted_page).toEqual({ ...created[0], url: undefined });
  });

  it("a one-time checkout of Product Catalog 1.0: addons by their item prices, and charges", async () => {
    const { group } = await api.plan({ name: "Extras" });
    const training = (
      await api.post("/v1/components", {
        plan_group_id: group,
        name: "Training",
        type: "quantity",
        price_per_unit: "120",
      })
    ).id as string;
    const from = at("2026-04-01T00:00:00Z");
    const to = at("2026-05-01T00:00:00Z");
    const { hosted_page: made } = await cb.hostedPage.checkoutOneTime({
      customer: { id: ids.customer },
      currency_code: "EUR",
      addons: [
        { id: training, quantity: 2 },
        { id: training, unit_price: 9900, date_from: from, date_to: to },
      ],
      charges: [{ amount: 2500, description: "Setup" }],
    });
    expect(made).toEqual(page("checkout_one_time"));

    // completed in the portal: the invoice bills the addons at their item price, and the charge
    const done = await t.server.request("POST", "/portal/api/hosted_page/checkout", {
      key: tokenOf(made.url as string),
      body: {},
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const { hosted_page: succeeded } = await cb.hostedPage.retrieve(made.id as string);
    expect(succeeded.state).toBe("succeeded");
    const invoiceId = (succeeded.content as { invoice?: { id: string } }).invoice?.id as string;
    const { invoice } = await cb.invoice.retrieve(invoiceId);
    // 2 × 120.00 + 99.00 + 25.00, no tax
    expect(invoice).toMatchObject({
      customer_id: ids.customer,
      currency_code: "EUR",
      sub_total: 36_400,
      tax: 0,
      total: 36_400,
      amount_due: 36_400,
    });
    expect(invoice.line_items).toEqual([
      expect.objectContaining({
        description: "Training",
        unit_amount: 12_000,
        quantity: 2,
        amount: 24_000,
      }),
      expect.objectContaining({
        description: "Training",
        unit_amount: 9900,
        quantity: 1,
        amount: 9900,
        date_from: from,
        date_to: to,
      }),
      expect.objectContaining({ description: "Setup", unit_amount: 2500, amount: 2500 }),
    ]);

    // without currency_code, the addons' currency
    const { hosted_page: inferred } = await cb.hostedPage.checkoutOneTime({
      customer: { id: ids.customer },
      addons: [{ id: training }],
    });
    expect(inferred).toEqual(page("checkout_one_time"));

    const refused = (input: Record<string, unknown>) =>
      refusal(cb.hostedPage.checkoutOneTime({ customer: { id: ids.customer }, ...input }));
    expect(await refused({ addons: [{ id: "cmp_missing" }] })).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
      param: "addons[id][0]",
    });
    expect(await refused({ addons: [{ id: ids.m }] })).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "addons[id][0]",
    });
    expect(
      await refused({ currency_code: "USD", addons: [{ id: training, quantity: 1 }] }),
    ).toMatchObject({ api_error_code: "param_wrong_value", param: "addons[id][0]" });
    expect(
      await refused({ addons: [{ id: training }, { id: training, quantity: "two" }] }),
    ).toMatchObject({ api_error_code: "param_wrong_value", param: "addons[quantity][1]" });
    expect(await refused({ currency_code: "EUR" })).toMatchObject({
      api_error_code: "param_wrong_value",
      param: "addons[id][0]",
    });
    expect(await refused({ addons: [{ id: training }], coupon: "SPRING" })).toMatchObject({
      api_error_code: "param_not_supported",
      param: "coupon",
    });
  });

  it("a quote accepted through its page, then acknowledged; events on a page", async () => {
    const { quote } = await cb.quote.createForChargeItemsAndCharges({
      customer_id: ids.customer,
      currency_code: "EUR",
      charges: [{ amount: 4000, description: "Training" }],
    });
    const { hosted_page: made } = await cb.hostedPage.acceptQuote({ quote: { id: quote.id } });
    expect(made).toEqual(page("accept_quote"));
    const token = tokenOf(made.url as string);
    const done = await t.server.request("POST", "/portal/api/hosted_page/accept_quote", {
      key: token,
      body: {},
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const { hosted_page: succeeded } = await cb.hostedPage.retrieve(made.id as string);
    const invoice = (await api.get(`/v1/quotes/${quote.id}`)).invoice_id;
    expect(succeeded).toEqual({
      ...made,
      url: undefined,
      state: "succeeded",
      content: {
        quote: { id: quote.id, object: "quote" },
        invoice: { id: invoice, object: "invoice" },
      },
    });
    const acknowledged = await cb.hostedPage.acknowledge(made.id as string);
    expect(acknowledged.hosted_page.state).toBe("acknowledged");
    // acknowledged once: not again
    expect(await refusal(cb.hostedPage.acknowledge(made.id as string))).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
    });

    const recorded = await cb.hostedPage.events({
      event_name: "cancellation_page_loaded",
      occurred_at: NOW,
      event_data: { hosted_page_id: made.id, reason: "price" },
    } as never);
    expect(recorded).toMatchObject({ success: true });
    const native = await api.get(`/v1/hosted_pages/${made.id}`);
    expect(native.events).toEqual([
      expect.objectContaining({
        event_name: "cancellation_page_loaded",
        data: { reason: "price" },
      }),
    ]);
  });

  it("portal sessions: one per customer with one live subscription", async () => {
    const { portal_session: session } = await cb.portalSession.create({
      customer: { id: ids.customer },
    });
    expect(session).toEqual({
      id: expect.stringMatching(new RegExp(`^ssl_[0-9a-f]+\\.${ids.contract}$`)),
      token: expect.stringMatching(/^sst_/),
      access_url: expect.stringMatching(/\/portal\/sst_/),
      status: "created",
      created_at: expect.any(Number),
      expires_at: expect.any(Number),
      customer_id: ids.customer,
      object: "portal_session",
    });
    expect((session.expires_at ?? 0) - session.created_at).toBe(3600);
    const { portal_session: read } = await cb.portalSession.retrieve(session.id);
    expect(read).toEqual({ ...session, token: undefined, access_url: undefined });

    const { portal_session: activated } = await cb.portalSession.activate(session.id, {
      token: session.token,
    });
    expect(activated).toMatchObject({
      id: session.id,
      status: "activated",
      customer_id: ids.customer,
    });
    expect(
      await refusal(cb.portalSession.activate(session.id, { token: session.token })),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
    });

    const { portal_session: out } = await cb.portalSession.logout(session.id);
    expect(out).toMatchObject({ id: session.id, status: "logged_out" });
    expect(await refusal(cb.portalSession.logout(session.id))).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
    });

    // a customer with no subscription, or two, has no single subscription to open
    const none = await api.customer({ first_name: "None" });
    const refused = await refusal(cb.portalSession.create({ customer: { id: none } }));
    expect(refused).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_request",
      param: "customer[id]",
    });
    expect(refused.message).toContain("0 live subscriptions");
    await api.signup(none, ids.m);
    await api.signup(none, ids.l);
    expect((await refusal(cb.portalSession.create({ customer: { id: none } }))).message).toContain(
      "2 live subscriptions",
    );
  });

  it("Chargebee's refusals", async () => {
    // a subscription that renews is extended with a new term end, not by billing cycles
    expect(
      await refusal(
        cb.hostedPage.extendSubscription({ subscription: { id: ids.contract }, billing_cycle: 1 }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
      accrue_error_code: "contract_renews",
    });
    expect(await refusal(cb.hostedPage.retrieve("hpg_missing"))).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
    });
    expect(
      await refusal(cb.hostedPage.managePaymentSources({ customer: { id: "cus_missing" } })),
    ).toMatchObject({ http_status_code: 404, param: "customer[id]" });
    expect(
      await refusal(
        cb.hostedPage.checkoutNewForItems({
          customer: { id: ids.customer },
          subscription_items: [{ item_price_id: ids.m, quantity: "two" as never }],
        }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "subscription_items[quantity][0]",
    });
    expect(
      await refusal(
        cb.hostedPage.managePaymentSources({
          customer: { id: ids.customer },
          redirect_url: "https://x.example",
        }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "redirect_url",
    });
    expect(
      await refusal(cb.hostedPage.events({ event_name: "x", event_data: {} } as never)),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "event_data",
    });
    expect(await refusal(cb.portalSession.retrieve("no-such-session"))).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
    });
  });
});
