/**
 * Contract lifecycle operations on a test clock: deleting a contract that never billed, and
 * moving the current term's end (with its estimate), every amount derived by hand.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { billingTenant, lines } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("contract lifecycle", (t) => {
  const ids: Record<string, string> = {};
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const eventsOf = async (subject: string) =>
    (
      await t.server.db
        .selectFrom("outbox_events")
        .select("type")
        .where("subject_id", "=", subject)
        .orderBy("id")
        .execute()
    ).map((e) => e.type);

  // 30/month prepaid, anniversary, customers in UTC; the clock starts on 2025-04-01 10:00
  beforeAll(async () => {
    api = await billingTenant(t.server, "Lifecycle", "2025-04-01T10:00:00Z");
    const { group, plan } = await api.plan();
    ids.variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.calendar = await api.variant(plan, {
      internal_name: "Calendar",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
      billing_alignment: "calendar",
    });
    const component = async (name: string, type: string) =>
      (await api.post("/v1/components", { plan_group_id: group, name, type, price_per_unit: "1" }))
        .id as string;
    ids.seats = await component("Seats", "quantity");
    ids.calls = await component("Calls", "metered");
    ids.discount = (
      await api.post("/v1/discounts", { plan_group_id: group, name: "Ten", percent: "10" })
    ).id;
    ids.customer = await api.customer();
  });

  describe("contracts.delete", () => {
    it("deletes a contract that never billed, with what it owns", async () => {
      const contract = await api.signup(ids.customer!, ids.variant!, {
        components: [{ component_id: ids.seats, quantity: "2" }],
      });
      await api.post(`/v1/contracts/${contract}/discounts`, { discount_id: ids.discount });
      await api.post(`/v1/contracts/${contract}/rated_items`, {
        description: "Installation",
        quantity: "1",
        price_per_unit: "50",
      });
      await api.post(`/v1/contracts/${contract}/usage`, {
        component_id: ids.calls,
        quantity: "5",
      });
      await api.post("/v1/subscription_actions/rest", {
        contract_id: contract,
        scheduled_date: "2025-06-01T00:00:00Z",
      });
      const open = await api.post("/v1/orders", { contract_id: contract, quantity: "4" });

      const res = await api.request("DELETE", `/v1/contracts/${contract}`);
      expect(res.status).toBe(200);
      expect(res.body.contract).toMatchObject({ id: contract, status: "active" });
      expect(res.body.removed).toEqual({
        phases: 1,
        component_subscriptions: 1,
        discount_subscriptions: 1,
        rated_items: 1,
        portal_links: 0,
        open_orders: 1,
        usage_records: 1,
        actions: 1,
        installed_items: 0,
      });
      expect((await api.request("GET", `/v1/contracts/${contract}`)).status).toBe(404);
      expect((await api.request("GET", `/v1/orders/${open.id}`)).status).toBe(404);
      expect(await eventsOf(contract)).toContain("contract.deleted");
      // nothing of it is left to bill
      expect((await api.run())?.contracts_billed ?? 0).toBe(0);
      const again = await api.request("DELETE", `/v1/contracts/${contract}`);
      expect([again.status, again.body.error.code]).toEqual([404, "contract_not_found"]);
    });

    it("refuses a contract with billing history, a void invoice included (409 contract_has_billing)", async () => {
      const billed = await api.signup(ids.customer!, ids.variant!);
      await api.post(`/v1/contracts/${billed}/settle`, {});
      const refused = await api.request("DELETE", `/v1/contracts/${billed}`);
      expect([refused.status, refused.body.error.code]).toEqual([409, "contract_has_billing"]);
      const [invoice] = await api.invoices(billed);
      await api.post(`/v1/invoices/${invoice.id}/void`, {});
      const stillRefused = await api.request("DELETE", `/v1/contracts/${billed}`);
      expect([stillRefused.status, stillRefused.body.error.code]).toEqual([
        409,
        "contract_has_billing",
      ]);
      // nothing half-written
      expect((await api.get(`/v1/contracts/${billed}`)).phases).toHaveLength(1);
    });
  });

  describe("contracts.change_term_end", () => {
    // each case signs up on April 1 (a 30-day month) and bills April: 30.00 for Apr 1 – May 1
    const signedUp = async (variant = ids.variant!) => {
      const contract = await api.signup(ids.customer!, variant);
      const settled = await api.post(`/v1/contracts/${contract}/settle`, {});
      expect(lines(settled.invoice)).toEqual([
        [
          variant === ids.variant ? "Monthly" : "Calendar",
          "2025-04-01..2025-05-01",
          "1",
          "30",
          "30.00",
        ],
      ]);
      return contract;
    };
    const contracts: Record<string, string> = {};
    beforeAll(async () => {
      contracts.shorten = await signedUp();
      contracts.extend = await signedUp();
      contracts.ending = await signedUp();
      contracts.calendar = await signedUp(ids.calendar);
      await api.post(`/v1/contracts/${contracts.ending}/end`, {
        end_date: "2025-06-01T10:00:00Z",
      });
      await api.advance("2025-04-10T10:00:00Z");
    });

    it("shortened: the current period is cut and credited by days, periods restart from the new end", async () => {
      const id = contracts.shorten!;
      const query = `term_end=${encodeURIComponent("2025-04-21T10:00:00Z")}`;
      // April 1 – 21 kept: 20 of 30 days, 30 × 20/30 = 20.00, of 30.00 billed: −10.00 (due now)
      // from April 21 the periods restart: April 21 – May 21 (30 days), 30.00 due April 21
      const credit = [
        "Monthly (20 of 30 days) — correction of 30.00 billed",
        "2025-04-01..2025-04-21",
        "1",
        "-10.00",
        "-10.00",
      ];
      const renewal = ["Monthly", "2025-04-21..2025-05-21", "1", "30", "30.00"];
      const preview = await api.get(`/v1/contracts/${id}/change_term_end_preview?${query}`);
      expect(preview).toMatchObject({
        term_start: "2025-04-01T00:00:00Z",
        previous_term_end: "2025-05-01T00:00:00Z",
        term_end: "2025-04-21T10:00:00Z",
      });
      // up to and including the new term end: −10.00 + 30.00 = 20.00
      expect(lines(preview.invoice)).toEqual([credit, renewal]);
      expect(preview.invoice.total_net).toBe("20.00");
      // the estimate wrote nothing
      expect((await api.get(`/v1/contracts/${id}/billing_preview`)).lines).toEqual([]);

      const changed = await api.post(`/v1/contracts/${id}/change_term_end`, {
        term_end: "2025-04-21T10:00:00Z",
      });
      expect(changed).toMatchObject({ id, status: "active", term_end: "2025-04-21T10:00:00Z" });
      expect(await eventsOf(id)).toContain("contract.term_end_changed");
      // billing looks at the contract now: the credit
      await api.run();
      const docs = await api.invoices(id);
      expect(docs).toHaveLength(2);
      expect(lines(docs[1])).toEqual([credit]);
      await api.run();
      expect(await api.invoices(id)).toHaveLength(2);
      // April 21: the new term, 30.00
      await api.advance("2025-04-21T10:00:00Z");
      await api.run();
      expect(lines((await api.invoices(id))[2])).toEqual([renewal]);
    });

    it("extended: the days up to the new end are billed as a partial period, then periods restart", async () => {
      // on April 21 the term April 1 – May 1 is extended to May 11
      const id = contracts.extend!;
      const changed = await api.post(`/v1/contracts/${id}/change_term_end`, {
        term_end: "2025-05-11T10:00:00Z",
      });
      expect(changed.previous_term_end).toBe("2025-05-01T00:00:00Z");
      // May 1 – 11: 10 days of the May 1 – June 1 period (31 days): 30 × 10/31 = 9.677… → 9.68,
      // due May 1 (nothing is due now); from May 11: May 11 – June 11, 30.00
      expect((await api.get(`/v1/contracts/${id}/billing_preview`)).lines).toEqual([]);
      await api.advance("2025-05-01T10:00:00Z");
      await api.run();
      expect(lines((await api.invoices(id))[1])).toEqual([
        ["Monthly (10 of 31 days)", "2025-05-01..2025-05-11", "1", "30", "9.68"],
      ]);
      await api.advance("2025-05-11T10:00:00Z");
      await api.run();
      expect(lines((await api.invoices(id))[2])).toEqual([
        ["Monthly", "2025-05-11..2025-06-11", "1", "30", "30.00"],
      ]);
    });

    it("an ending contract: the end moves, and billing credits what it no longer covers", async () => {
      // on May 11: billed April (30.00) and May (30.00, billed May 1); the end moves from
      // June 1 to May 16: May 1 – 16 is 15 of 31 days, 30 × 15/31 = 14.516… → 14.52, of 30.00
      // billed: −15.48
      const id = contracts.ending!;
      const body = { term_end: "2025-05-16T10:00:00Z" };
      const preview = await api.get(
        `/v1/contracts/${id}/change_term_end_preview?term_end=${encodeURIComponent(body.term_end)}`,
      );
      expect(preview.previous_term_end).toBe("2025-06-01T10:00:00Z");
      const credit = [
        "Monthly (15 of 31 days) — correction of 30.00 billed",
        "2025-05-01..2025-05-16",
        "1",
        "-15.48",
        "-15.48",
      ];
      expect(lines(preview.invoice)).toEqual([credit]);
      const changed = await api.post(`/v1/contracts/${id}/change_term_end`, body);
      expect(changed.end_date).toBe("2025-05-16T10:00:00Z");
      await api.run();
      expect(lines((await api.invoices(id)).at(-1))).toEqual([credit]);
    });

    it("refused: before today, not after the period's start (422); calendar periods (422); ended (409)", async () => {
      // today is May 11; the extended contract's period is May 11 – June 11
      const post = (id: string, term_end: string) =>
        api.request("POST", `/v1/contracts/${id}/change_term_end`, { term_end });
      const past = await post(contracts.extend!, "2025-05-10T10:00:00Z");
      expect([past.status, past.body.error.code]).toEqual([422, "term_end_in_past"]);
      const atStart = await post(contracts.extend!, "2025-05-11T00:00:00Z");
      expect([atStart.status, atStart.body.error.code]).toEqual([
        422,
        "term_end_before_period_start",
      ]);
      const calendar = await post(contracts.calendar!, "2025-06-15T00:00:00Z");
      expect([calendar.status, calendar.body.error.code]).toEqual([422, "calendar_aligned_term"]);
      await api.advance("2025-05-20T10:00:00Z");
      const ended = await post(contracts.ending!, "2025-06-30T00:00:00Z");
      expect([ended.status, ended.body.error.code]).toEqual([409, "term_end_not_changeable"]);
      const preview = await api.request(
        "GET",
        `/v1/contracts/${contracts.ending}/change_term_end_preview?term_end=2025-06-30T00:00:00Z`,
      );
      expect([preview.status, preview.body.error.code]).toEqual([409, "term_end_not_changeable"]);
    });

    it("the shortened contract keeps renewing from its new term end", async () => {
      // May 21: May 21 – June 21, a full period: 30.00
      await api.advance("2025-05-21T10:00:00Z");
      await api.run();
      expect(lines((await api.invoices(contracts.shorten!)).at(-1))).toEqual([
        ["Monthly", "2025-05-21..2025-06-21", "1", "30", "30.00"],
      ]);
      expect(await api.invoices(contracts.shorten!)).toHaveLength(4);
    });
  });
});
