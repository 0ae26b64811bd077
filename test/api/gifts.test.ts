/**
 * Gifts over HTTP: what is refused, with which code, and that a refusal writes nothing;
 * cancelling, rescheduling and expiry; the gift hosted pages completed in the portal;
 * permissions. Plan variant Monthly, 10.00 a month billed monthly ahead, no tax: a gift's
 * invoice is 10.00.
 */
import { pino } from "pino";
import { beforeAll, expect, it } from "vitest";
import { giftEvents } from "../../src/jobs/gift-events.js";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

const CARD = { number: "4242424242424242", exp_month: 12, exp_year: 2030 };
const tokenOf = (url: string) => /\/portal\/(hpt_[A-Za-z0-9_-]+)$/.exec(url)![1]!;

describeServer("gifts", (t) => {
  const ids: Record<string, string> = {};
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const job = giftEvents();
  const body = (extra: Record<string, unknown> = {}) => ({
    gifter: { customer_id: ids.gifter },
    gift_receiver: { email: "friend@x.example" },
    subscription: { plan_variant_id: ids.monthly },
    ...extra,
  });
  const gift = async (extra: Record<string, unknown> = {}) =>
    (await api.post("/v1/gifts", body(extra))) as any;
  const refused = async (
    method: string,
    path: string,
    payload: unknown,
    status: number,
    code: string,
  ) => {
    const res = await api.request(method, path, payload);
    expect([res.status, res.body?.error?.code], JSON.stringify(res.body)).toEqual([status, code]);
    return res;
  };
  /** What a refusal must leave as it was: the gifts and the gifter's documents. */
  const written = async () => ({
    gifts: (await api.get("/v1/gifts?limit=100")).data,
    invoices: (await api.get(`/v1/invoices?customer_id=${ids.gifter}&limit=100`)).data.length,
    customers: (await api.get("/v1/customers?limit=100")).data.length,
  });
  const portal = (token: string, method: string, path: string, payload?: unknown) =>
    t.server.request(method, `/portal/api/hosted_page${path}`, {
      key: token,
      ...(payload === undefined ? {} : { body: payload }),
    });

  beforeAll(async () => {
    api = await billingTenant(t.server, "Gift rules", "2026-05-01T12:00:00Z");
    const { plan } = await api.plan();
    ids.monthly = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "10",
      fee_period: { unit: "month", count: 1 },
    });
    ids.postpaid = await api.variant(plan, {
      internal_name: "Postpaid",
      recurring_fee: "10",
      fee_period: { unit: "month", count: 1 },
      payment_period_mode: "postpaid",
    });
    ids.gifter = await api.customer({ first_name: "Gifter" });
    ids.friend = await api.customer({ first_name: "Friend", email: "friend@x.example" });
  });

  it("a gift date in the past, a claim expiry before the date, a plan that cannot be gifted: 422, nothing written", async () => {
    const before = await written();
    await refused(
      "POST",
      "/v1/gifts",
      body({ scheduled_at: "2026-04-30T12:00:00Z" }),
      422,
      "gift_date_in_past",
    );
    await refused(
      "POST",
      "/v1/gifts",
      body({ scheduled_at: "2026-05-10T00:00:00Z", claim_expiry_date: "2026-05-09T00:00:00Z" }),
      422,
      "gift_claim_expiry_before_date",
    );
    await refused(
      "POST",
      "/v1/gifts",
      body({ subscription: { plan_variant_id: ids.postpaid } }),
      422,
      "gift_not_giftable",
    );
    await refused(
      "POST",
      "/v1/estimates/gift_subscription_for_items",
      body({ scheduled_at: "2026-04-30T12:00:00Z" }),
      422,
      "gift_date_in_past",
    );
    expect(await written()).toEqual(before);
  });

  it("claiming twice, cancelling a claimed gift: 409, nothing written", async () => {
    const g = await gift();
    expect(g.status).toBe("unclaimed");
    const claimed = await api.post(`/v1/gifts/${g.id}/claim`, { customer_id: ids.friend });
    expect(claimed).toMatchObject({
      status: "claimed",
      gift_receiver: { customer_id: ids.friend },
    });
    const before = await written();
    await refused("POST", `/v1/gifts/${g.id}/claim`, {}, 409, "gift_already_claimed");
    await refused("POST", `/v1/gifts/${g.id}/cancel`, undefined, 409, "gift_already_claimed");
    await refused(
      "POST",
      `/v1/gifts/${g.id}/update_gift`,
      { scheduled_at: "2026-06-01T00:00:00Z" },
      409,
      "gift_not_scheduled",
    );
    expect(await written()).toEqual(before);
  });

  it("cancelling credits the gifter's invoice; a cancelled gift is not claimed", async () => {
    const g = await gift({ scheduled_at: "2026-06-01T00:00:00Z" });
    const cancelled = await api.post(`/v1/gifts/${g.id}/cancel`);
    expect(cancelled.status).toBe("cancelled");
    const note = await api.get(`/v1/invoices/${cancelled.gifter.credit_note_id}`);
    expect(note).toMatchObject({ kind: "credit_note", total_gross: "-10.00" });
    const before = await written();
    await refused("POST", `/v1/gifts/${g.id}/claim`, {}, 409, "gift_cancelled");
    await refused("POST", `/v1/gifts/${g.id}/cancel`, undefined, 409, "gift_cancelled");
    expect(await written()).toEqual(before);
  });

  it("a scheduled gift's date moves, not into the past; an expired gift is not claimed", async () => {
    const g = await gift({
      scheduled_at: "2026-06-01T00:00:00Z",
      claim_expiry_date: "2026-07-01T00:00:00Z",
    });
    await refused(
      "POST",
      `/v1/gifts/${g.id}/update_gift`,
      { scheduled_at: "2026-04-01T00:00:00Z" },
      422,
      "gift_date_in_past",
    );
    const moved = await api.post(`/v1/gifts/${g.id}/update_gift`, {
      scheduled_at: "2026-06-15T00:00:00Z",
    });
    expect(moved).toMatchObject({ status: "scheduled", scheduled_at: "2026-06-15T00:00:00.000Z" });
    await api.advance("2026-07-01T00:00:00Z");
    expect((await api.get(`/v1/gifts/${g.id}`)).status).toBe("expired");
    // the job stores what the clock did and announces it, once
    await job.run({ db: t.server.db, log: pino({ enabled: false }) });
    await job.run({ db: t.server.db, log: pino({ enabled: false }) });
    const events = await t.server.db
      .selectFrom("outbox_events")
      .select("type")
      .where("subject_id", "=", g.id)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      "gift.scheduled",
      "gift.updated",
      "gift.unclaimed",
      "gift.expired",
    ]);
    expect((await api.get(`/v1/gifts/${g.id}`)).expired_at).toBe("2026-07-01T00:00:00.000Z");
    await refused("POST", `/v1/gifts/${g.id}/claim`, {}, 409, "gift_expired");
    await refused("POST", "/v1/gifts/gft_none/claim", {}, 404, "gift_not_found");
  });

  it("hosted pages: the gifter checks a gift out in the portal, the recipient claims it there", async () => {
    const page = await api.post("/v1/hosted_pages/checkout_gift_for_items", {
      gifter: { customer_id: ids.gifter },
      gift_receiver: { email: "page@x.example", first_name: "Paige" },
      subscription: { plan_variant_id: ids.monthly },
    });
    expect(page).toMatchObject({ type: "checkout_gift", state: "created" });
    const token = tokenOf(page.url);
    expect((await portal(token, "POST", "/open")).status).toBe(200);
    const preview = await portal(token, "GET", "/gift_preview");
    expect([preview.status, preview.body.total_gross]).toEqual([200, "10.00"]);
    const done = await portal(token, "POST", "/checkout_gift", { type: "card", card: CARD });
    expect(done.status, JSON.stringify(done.body)).toBe(400);
    const completed = await portal(token, "POST", "/checkout_gift", {
      payment_source: { type: "card", card: CARD },
    });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(completed.body.state).toBe("succeeded");
    const { gift_id, invoice_id, payment_ids } = completed.body.content;
    expect(payment_ids).toHaveLength(1);
    expect((await api.get(`/v1/invoices/${invoice_id}`)).total_gross).toBe("10.00");
    const bought = await api.get(`/v1/gifts/${gift_id}`);
    expect(bought).toMatchObject({
      status: "unclaimed",
      gift_receiver: { email: "page@x.example" },
    });
    // another page type's completion is refused
    expect((await portal(token, "POST", "/claim_gift")).status).toBe(409);

    const claimPage = await api.post("/v1/hosted_pages/claim_gift", { gift_id });
    expect(claimPage).toMatchObject({ type: "claim_gift", customer_id: null });
    const claimToken = tokenOf(claimPage.url);
    const claimed = await portal(claimToken, "POST", "/claim_gift");
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    expect(claimed.body.content.gift_id).toBe(gift_id);
    const after = await api.get(`/v1/gifts/${gift_id}`);
    expect(after.status).toBe("claimed");
    expect(claimed.body).toMatchObject({
      state: "succeeded",
      customer_id: after.gift_receiver.customer_id,
      contract_id: after.subscription.contract_id,
    });
    // the gift is claimed: a new claim page is refused
    await refused("POST", "/v1/hosted_pages/claim_gift", { gift_id }, 409, "gift_already_claimed");
  });

  it("gifts:read reads and estimates; buying needs gifts:write", async () => {
    const { secret } = await api.post("/v1/api_keys", { name: "ro", roles: ["read_only"] });
    const asReader = (method: string, path: string, payload?: unknown) =>
      t.server.request(method, path, { key: secret, ...(payload ? { body: payload } : {}) });
    expect((await asReader("GET", "/v1/gifts")).status).toBe(200);
    expect(
      (await asReader("POST", "/v1/estimates/gift_subscription_for_items", body())).status,
    ).toBe(200);
    const denied = await asReader("POST", "/v1/gifts", body());
    expect([denied.status, denied.body.error.details.required_any_of]).toEqual([
      403,
      ["gifts:write"],
    ]);
  });
});
