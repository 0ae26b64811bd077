/**
 * Invoice operations on a test clock: a draft deleted and billed again with the same figures
 * (its usage and rated items unbilled, no number lost), and dunning stopped on one of two
 * overdue invoices of a customer (only the other reaches further steps).
 */
import { pino } from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { dunningJob } from "../../src/jobs/dunning.js";
import { billingTenant, lines } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("invoice operations on a test clock", (t) => {
  const log = pino({ enabled: false });
  const dun = () => dunningJob().run({ db: t.server.db, log });

  describe("a draft deleted and billed again", () => {
    let api: Awaited<ReturnType<typeof billingTenant>>;
    const ids: Record<string, string> = {};
    let deleted: any;

    // 10.00 a month from Jan 1 in advance, API calls at 0.02 billed after the month; the tenant
    // reviews its documents (drafts). January's fee is issued as INV-000001.
    beforeAll(async () => {
      api = await billingTenant(t.server, "Drafts", "2026-01-01T09:00:00Z");
      expect(
        (await api.request("PATCH", "/v1/tenant", { auto_finalize_invoices: false })).status,
      ).toBe(200);
      const { group, plan } = await api.plan();
      ids.calls = (
        await api.post("/v1/components", {
          plan_group_id: group,
          name: "API calls",
          type: "metered",
          price_per_unit: "0.02",
        })
      ).id;
      const variant = await api.variant(plan, {
        internal_name: "Monthly",
        recurring_fee: "10",
        fee_period: { unit: "month", count: 1 },
      });
      ids.contract = await api.signup(await api.customer(), variant);
      await api.run();
      const [january] = await api.invoices(ids.contract);
      await api.post(`/v1/invoices/${january.id}/finalize`);
      await api.advance("2026-01-20T09:00:00Z");
      ids.usage = (
        await api.post(`/v1/contracts/${ids.contract}/usage`, {
          component_id: ids.calls,
          quantity: "1500",
          due_date: "2026-01-20T09:00:00Z",
        })
      ).id;
      ids.rated = (
        await api.post(`/v1/contracts/${ids.contract}/rated_items`, {
          description: "Onboarding",
          quantity: "2",
          price_per_unit: "25",
          period_start: "2026-01-20T09:00:00Z",
          period_end: "2026-01-20T09:00:00Z",
        })
      ).id;
      await api.advance("2026-02-01T09:00:00Z");
      await api.run();
      deleted = (await api.invoices(ids.contract)).at(-1);
    });

    const FEBRUARY = [
      ["Monthly", "2026-02-01..2026-03-01", "1", "10", "10.00"],
      // 1,500 calls in January × 0.02
      ["API calls — usage 1500", "2026-01-01..2026-02-01", "1500", "0.02", "30.00"],
      // 2 × 25.00
      ["Onboarding", "2026-01-20..2026-01-20", "2", "25", "50.00"],
    ];

    it("February's run writes a draft: the fee, January's usage and the onboarding, 90.00", () => {
      expect(deleted).toMatchObject({ status: "draft", number: null, total_gross: "90.00" });
      expect(lines(deleted)).toEqual(FEBRUARY);
    });

    it("deleting the draft unbills its usage and rated item; the next settlement bills the same again", async () => {
      const res = await api.request("DELETE", `/v1/invoices/${deleted.id}`);
      expect(res.status, JSON.stringify(res.body)).toBe(204);
      const usage = (await api.get(`/v1/contracts/${ids.contract}/usage`)).data;
      expect(usage.map((u: any) => [u.id, u.billed, u.invoice_id])).toEqual([
        [ids.usage, false, null],
      ]);
      const rated = (await api.get(`/v1/contracts/${ids.contract}/rated_items`)).data;
      expect(rated.map((r: any) => [r.id, r.billed, r.invoice_id])).toEqual([
        [ids.rated, false, null],
      ]);
      // the contract's next billing date (Mar 1) stays: nothing is due to a run today…
      expect(await api.run()).toBeNull();
      // …and settling it now bills what the draft billed, to the cent
      const settled = (await api.post(`/v1/contracts/${ids.contract}/settle`)).invoice;
      expect(settled.id).not.toBe(deleted.id);
      expect(settled).toMatchObject({
        status: "draft",
        total_net: deleted.total_net,
        total_tax: deleted.total_tax,
        total_gross: "90.00",
      });
      expect(lines(settled)).toEqual(FEBRUARY);
      expect((await api.get(`/v1/contracts/${ids.contract}/usage`)).data[0]).toMatchObject({
        billed: true,
        invoice_id: settled.id,
      });
      // the deleted draft never had a number: the next one issued follows INV-000001
      const issued = await api.post(`/v1/invoices/${settled.id}/finalize`);
      expect(issued).toMatchObject({ number: "INV-000002", total_gross: "90.00" });
      expect((await api.post(`/v1/contracts/${ids.contract}/settle`)).invoice).toBeNull();
    });
  });

  describe("dunning stopped on one of two overdue invoices", () => {
    let api: Awaited<ReturnType<typeof billingTenant>>;
    const ids: Record<string, string> = {};
    /** The steps an invoice reached, as [level, name], oldest first. */
    const noticed = async (invoice: string) =>
      (await api.get("/v1/events?type=invoice.dunning_level_reached&limit=100")).data
        .map((e: any) => e.data ?? e.payload)
        .filter((e: any) => e.invoice_id === invoice)
        .reverse()
        .map((e: any) => [e.level, e.name]);

    // 30.00 a month from Jan 1; a reminder on the day of issue, a warning 7 days after.
    // January's invoice gets its reminder; February's run issues a second one.
    beforeAll(async () => {
      api = await billingTenant(t.server, "Dunning stop", "2026-01-01T00:00:00Z");
      await api.request("PUT", "/v1/dunning_policy", {
        steps: [
          { name: "reminder", after_days: 0 },
          { name: "warning", after_days: 7 },
        ],
      });
      const { plan } = await api.plan();
      const variant = await api.variant(plan, {
        internal_name: "Monthly",
        recurring_fee: "30",
        fee_period: { unit: "month", count: 1 },
      });
      ids.customer = await api.customer();
      ids.contract = await api.signup(ids.customer, variant);
      await api.run();
      await dun();
      await api.advance("2026-02-01T00:00:00Z");
      await api.run();
      const [january, february] = await api.invoices(ids.contract);
      ids.january = january.id;
      ids.february = february.id;
    });

    it("two invoices owe 30.00 each; January's was reminded on its day of issue", async () => {
      const balance = await api.get(`/v1/customers/${ids.customer}/balance`);
      expect(balance.open_invoices.map((i: any) => [i.invoice_id, i.due])).toEqual([
        [ids.january, "30.00"],
        [ids.february, "30.00"],
      ]);
      expect(await noticed(ids.january!)).toEqual([[1, "reminder"]]);
    });

    it("dunning stopped on January's invoice: only February's reaches steps; both still owe", async () => {
      const stopped = await api.post(`/v1/invoices/${ids.january}/stop_dunning`);
      expect(stopped).toMatchObject({ dunning_stopped_at: "2026-02-01T00:00:00.000Z" });
      await dun();
      // Feb 8: February's invoice is 7 days past issue, January's 38
      await api.advance("2026-02-08T00:00:00Z");
      await dun();
      expect(await noticed(ids.february!)).toEqual([
        [1, "reminder"],
        [2, "warning"],
      ]);
      expect(await noticed(ids.january!)).toEqual([[1, "reminder"]]);
      const balance = await api.get(`/v1/customers/${ids.customer}/balance`);
      expect(balance.balances[0]).toMatchObject({ invoiced: "60.00", balance: "60.00" });
      expect(balance.open_invoices.map((i: any) => i.due)).toEqual(["30.00", "30.00"]);
      const events = (await api.get("/v1/events?type=invoice.dunning_stopped")).data;
      expect(events.map((e: any) => e.data ?? e.payload)).toMatchObject([
        { id: ids.january, number: "INV-000001", due: "30.00" },
      ]);
    });
  });
});
