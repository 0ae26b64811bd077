/**
 * A gift subscription on a test clock, every figure derived by hand. A German seller (19 %
 * VAT) sells plan variant Yearly, 120.00 a year billed yearly ahead, with component Seats at
 * 2.00 each per month. On 2026-03-01 Gina gives Rob a year of Yearly with 3 seats, for
 * 2026-03-10:
 *
 *   Yearly  2026-03-01..2027-03-01   1 × 120.00 = 120.00
 *   Seats   one line a month, 2026-03-01..2027-03-01, 3 × 2.00 = 6.00 each, 12 × 6.00 = 72.00
 *   net 192.00, VAT 19 % 36.48, gross 228.48 — invoiced to Gina at once, as the estimate said
 *
 * The gift is claimable from 2026-03-10 (the clock passing it, the gift job announcing it);
 * Rob's claim creates his customer and a contract 2026-03-10 – 2027-03-10 that ends then
 * without renewing and bills Rob nothing in between or after.
 */
import { pino } from "pino";
import { beforeAll, expect, it } from "vitest";
import { giftEvents } from "../../src/jobs/gift-events.js";
import { billingTenant, lines } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("gift subscriptions", (t) => {
  const ids: Record<string, string> = {};
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const job = giftEvents();
  const runJob = () => job.run({ db: t.server.db, log: pino({ enabled: false }) });
  const eventsOf = async (subject: string) =>
    (
      await t.server.db
        .selectFrom("outbox_events")
        .select("type")
        .where("subject_id", "=", subject)
        .orderBy("id")
        .execute()
    ).map((e) => e.type);
  const giftBody = () => ({
    gifter: { customer_id: ids.gina, note: "Happy birthday, Rob!", signature: "Gina" },
    gift_receiver: { email: "rob@x.example", first_name: "Rob", last_name: "Roe" },
    subscription: {
      plan_variant_id: ids.yearly,
      components: [{ component_id: ids.seats, quantity: "3" }],
    },
    scheduled_at: "2026-03-10T00:00:00Z",
  });
  const seats = Array.from({ length: 12 }, (_, i) => {
    const month = (d: number) => {
      const m = 2 + d; // March is month index 2
      return `${2026 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}-01`;
    };
    return ["Seats", `${month(i)}..${month(i + 1)}`, "3", "2", "6.00"];
  });

  beforeAll(async () => {
    api = await billingTenant(t.server, "Gifts", "2026-03-01T09:00:00Z");
    const policy = await api.post("/v1/tax_policies", {
      name: "VAT",
      rates: [{ country: "DE", rate: "19" }],
    });
    const [entity] = (await api.get("/v1/business_entities")).data;
    await api.request("PATCH", `/v1/business_entities/${entity.id}`, {
      country: "DE",
      address: { city: "Berlin", country: "DE" },
      default_tax_policy_id: policy.id,
    });
    const { group, plan } = await api.plan({}, { tax_policy_id: policy.id });
    ids.yearly = await api.variant(plan, {
      internal_name: "Yearly",
      recurring_fee: "120",
      fee_period: { unit: "year", count: 1 },
    });
    ids.seats = (
      await api.post("/v1/components", {
        plan_group_id: group,
        name: "Seats",
        type: "quantity",
        price_per_unit: "2",
      })
    ).id;
    ids.gina = await api.customer({
      first_name: "Gina",
      email: "gina@x.example",
      address: { country: "DE" },
    });
  });

  it("the estimate answers the gifter's invoice and writes nothing", async () => {
    const res = await api.request("POST", "/v1/estimates/gift_subscription_for_items", giftBody());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(lines(res.body)).toEqual([
      ["Yearly", "2026-03-01..2027-03-01", "1", "120", "120.00"],
      ...seats,
    ]);
    expect([res.body.total_net, res.body.total_tax, res.body.total_gross]).toEqual([
      "192.00",
      "36.48",
      "228.48",
    ]);
    expect((await api.get("/v1/gifts")).data).toEqual([]);
    expect((await api.get(`/v1/invoices?customer_id=${ids.gina}`)).data).toEqual([]);
  });

  it("buying it invoices the gifter for the gifted term at once; the gift is scheduled", async () => {
    const gift = await api.post("/v1/gifts", giftBody());
    ids.gift = gift.id;
    expect(gift).toMatchObject({
      status: "scheduled",
      scheduled_at: "2026-03-10T00:00:00.000Z",
      gifter: { customer_id: ids.gina, note: "Happy birthday, Rob!", credit_note_id: null },
      gift_receiver: { customer_id: null, email: "rob@x.example", first_name: "Rob" },
      subscription: {
        plan_variant_id: ids.yearly,
        quantity: "1",
        term: { unit: "year", count: 1 },
        contract_id: null,
      },
    });
    const invoice = await api.get(`/v1/invoices/${gift.gifter.invoice_id}`);
    expect(invoice).toMatchObject({ customer_id: ids.gina, status: "finalized" });
    expect(lines(invoice)).toEqual([
      ["Yearly", "2026-03-01..2027-03-01", "1", "120", "120.00"],
      ...seats,
    ]);
    expect([invoice.total_net, invoice.total_tax, invoice.total_gross]).toEqual([
      "192.00",
      "36.48",
      "228.48",
    ]);
    expect(await eventsOf(gift.id)).toEqual(["gift.scheduled"]);
  });

  it("before its date it cannot be claimed; when the clock passes the date it can", async () => {
    const early = await api.request("POST", `/v1/gifts/${ids.gift}/claim`, {});
    expect([early.status, early.body.error.code]).toEqual([409, "gift_not_claimable"]);
    await api.advance("2026-03-09T23:59:59Z");
    expect(await runJob()).toBe(0);
    expect((await api.get(`/v1/gifts/${ids.gift}`)).status).toBe("scheduled");
    await api.advance("2026-03-10T00:00:00Z");
    // read on the clock at once; the job stores it and announces it, once
    expect((await api.get(`/v1/gifts/${ids.gift}`)).status).toBe("unclaimed");
    expect(await runJob()).toBe(1);
    expect(await runJob()).toBe(0);
    expect(await eventsOf(ids.gift!)).toEqual(["gift.scheduled", "gift.unclaimed"]);
    expect((await api.get("/v1/gifts?status=unclaimed")).data.map((g: any) => g.id)).toEqual([
      ids.gift,
    ]);
  });

  it("claiming it creates the recipient and starts a non-renewing contract for the term", async () => {
    await api.advance("2026-03-12T15:00:00Z");
    const gift = await api.post(`/v1/gifts/${ids.gift}/claim`, {});
    expect(gift).toMatchObject({ status: "claimed", claimed_at: "2026-03-12T15:00:00.000Z" });
    ids.rob = gift.gift_receiver.customer_id;
    ids.contract = gift.subscription.contract_id;
    const rob = await api.get(`/v1/customers/${ids.rob}`);
    expect(rob).toMatchObject({ email: "rob@x.example", first_name: "Rob", last_name: "Roe" });
    const contract = await api.get(`/v1/contracts/${ids.contract}`);
    expect(contract).toMatchObject({
      customer_id: ids.rob,
      start_date: "2026-03-12T15:00:00Z",
      end_date: "2027-03-12T15:00:00Z",
      current_phase: { type: "normal", plan_variant_id: ids.yearly, quantity: "1" },
    });
    expect(contract.phases.map((p: any) => p.type)).toEqual(["normal", "inactive"]);
    const components = (await api.get(`/v1/contracts/${ids.contract}/component_subscriptions`))
      .data;
    expect(components.map((c: any) => [c.component_id, c.quantity])).toEqual([[ids.seats, "3"]]);
    expect(await eventsOf(ids.gift!)).toEqual(["gift.scheduled", "gift.unclaimed", "gift.claimed"]);
  });

  it("billing invoices the recipient nothing for the term, and the contract ends without renewing", async () => {
    await api.run();
    await api.advance("2026-09-12T15:00:00Z");
    await api.run();
    expect(await api.invoices(ids.contract!)).toEqual([]);
    await api.advance("2027-03-12T15:00:00Z");
    await api.run();
    await api.advance("2027-04-12T15:00:00Z");
    await api.run();
    expect(await api.invoices(ids.contract!)).toEqual([]);
    expect((await api.get(`/v1/invoices?customer_id=${ids.rob}`)).data).toEqual([]);
    const contract = await api.get(`/v1/contracts/${ids.contract}`);
    expect(contract.status).toBe("ended");
    expect(contract.end_date).toBe("2027-03-12T15:00:00Z");
    // the gifter paid for it all, once
    expect((await api.get(`/v1/invoices?customer_id=${ids.gina}`)).data).toHaveLength(1);
  });
});
