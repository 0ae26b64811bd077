/**
 * Gateway events that undo an earlier money movement, over HTTP through the test gateway, on
 * both back ends: a refund that did not reach the customer (`charge.refund_failed`, as
 * GoCardless reports a failed refund) is failed with the gateway's reason and gives the
 * invoice — or the credit note it paid out — its balance back; a chargeback the bank reversed
 * (`charge.dispute_reversed`, as Mollie shows a reversed chargeback) settles the invoice again.
 * Each is applied in the event's one unit of work, once per provider event id.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signTestEvent, TEST_SIGNATURE_HEADER } from "../../src/domain/payments/test-gateway.js";
import { billingTenant } from "../billing-tenant.js";
import { BACKENDS } from "../harness.js";
import { gatewayReferenceOf } from "../payments/gateway-tenant.js";
import { startTestServer, type TestServer } from "../server.js";

const WEBHOOK_SECRET = "whsec_AccrueReversalsWebhook0123";

type Api = Awaited<ReturnType<typeof billingTenant>>;

for (const backend of BACKENDS) {
  describe(`gateway events undoing a refund or a chargeback [${backend}]`, () => {
    let server: TestServer;
    let api: Api;
    let account: string;
    const ids: Record<string, string> = {};
    const invoices: Record<string, string> = {};
    const payments: Record<string, string> = {};

    const sendTest = (id: string, type: string, data: Record<string, unknown>) => {
      const body = JSON.stringify({ id, type, data });
      const signature = signTestEvent(body, WEBHOOK_SECRET, Math.floor(Date.now() / 1000));
      return server.request("POST", `/v1/gateways/${account}/events`, {
        raw: body,
        key: null,
        headers: { [TEST_SIGNATURE_HEADER]: signature },
      });
    };
    const due = async (customer: string) =>
      (await api.get(`/v1/customers/${customer}/balance`)).open_invoices.map((i: any) => i.due);
    const refundsOf = async (customer: string) =>
      ((await api.get(`/v1/payments?customer_id=${customer}&limit=100`)).data as any[]).filter(
        (p) => p.kind === "refund",
      );
    const eventsOf = async (type: string) =>
      (await api.get("/v1/events?limit=100")).data.filter((e: any) => e.type === type);
    const gatewayReference = (paymentId: string) => gatewayReferenceOf(server, paymentId);

    beforeAll(async () => {
      server = await startTestServer(backend, { secretKey: "s".repeat(40) });
      api = await billingTenant(server, "Gateway reversals", "2026-03-01T00:00:00Z");
      const { plan } = await api.plan();
      const variant = await api.variant(plan, {
        internal_name: "M",
        recurring_fee: "30",
        fee_period: { unit: "month", count: 1 },
      });
      account = (
        await api.post("/v1/gateway_accounts", {
          gateway: "test",
          name: "Test gateway",
          default: true,
          credentials: { webhook_secret: WEBHOOK_SECRET },
        })
      ).id;
      for (const c of ["ann", "ben", "cal"]) {
        ids[c] = await api.customer();
        const contract = await api.signup(ids[c]!, variant);
        await api.run();
        invoices[c] = (await api.invoices(contract))[0].id;
        await api.post(`/v1/customers/${ids[c]}/payment_sources`, {
          type: "card",
          card: { number: "4242424242424242", exp_month: 12, exp_year: 2030 },
        });
        payments[c] = (await api.post(`/v1/invoices/${invoices[c]}/collect_payment`, {})).id;
      }
    }, 60_000);
    afterAll(() => server?.close());

    it("a refund that did not reach the customer is failed with the gateway's reason; the invoice is paid again", async () => {
      expect(await due(ids.ann!)).toEqual([]);
      const [refund] = (await api.post(`/v1/invoices/${invoices.ann}/refund`, { amount: "12.00" }))
        .payments;
      expect(await due(ids.ann!)).toEqual(["12.00"]);
      const reference = await gatewayReference(refund.id);
      const charge = await gatewayReference(payments.ann!);
      const failure = {
        code: "refund_failed",
        message: "The bank account of the customer is closed",
      };
      const res = await sendTest("evt_ann_refund_failed", "charge.refund_failed", {
        charge,
        refund: reference,
        failure,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        type: "charge.refund_failed",
        status: "applied",
        payment_id: payments.ann,
      });
      expect(res.body.detail).toContain(`refund ${refund.id} of 12.00 EUR failed (refund_failed`);
      expect(await due(ids.ann!)).toEqual([]);
      expect(await api.get(`/v1/payments/${refund.id}`)).toMatchObject({
        kind: "refund",
        status: "failed",
        amount: "12.00",
        failure,
        allocations: [],
      });
      expect(await api.get(`/v1/payments/${payments.ann}`)).toMatchObject({
        allocations: [{ invoice_id: invoices.ann, amount: "30.00" }],
        unapplied: "0.00",
      });
      expect((await api.get(`/v1/customers/${ids.ann}/balance`)).balances).toEqual([
        expect.objectContaining({ paid: "30.00", refunded: "0.00", balance: "0.00" }),
      ]);
      const failed = await eventsOf("payment.refund_failed");
      expect(failed.map((e: any) => [e.data.id, e.data.status, e.data.failure])).toEqual([
        [refund.id, "failed", failure],
      ]);
      expect(
        (await eventsOf("invoice.paid")).filter(
          (e: any) => e.data.invoice_id === invoices.ann && e.data.payment_id === payments.ann,
        ),
      ).toHaveLength(2);
      const audit = (await api.get(`/v1/audit_events?target_id=${refund.id}`)).data;
      expect(audit.map((a: any) => a.operation)).toContain("gateway_events.apply");

      // the same event again: the record, nothing undone twice; another event of the same
      // refund (GoCardless's funds_returned after failed): ignored, it is failed already
      const again = await sendTest("evt_ann_refund_failed", "charge.refund_failed", {
        charge,
        refund: reference,
        failure,
      });
      expect(again.body).toMatchObject({ id: res.body.id, status: "applied" });
      const later = await sendTest("evt_ann_funds_returned", "charge.refund_failed", {
        charge,
        refund: reference,
      });
      expect(later.body).toMatchObject({
        status: "ignored",
        detail: `refund ${refund.id} is failed already`,
      });
      expect(await eventsOf("payment.refund_failed")).toHaveLength(1);
      expect(await due(ids.ann!)).toEqual([]);
      // the money is the payment's again: it can be refunded anew
      expect(
        (await api.post(`/v1/invoices/${invoices.ann}/refund`, { amount: "30.00" })).payments,
      ).toHaveLength(1);
      expect(await due(ids.ann!)).toEqual(["30.00"]);

      const unknown = await sendTest("evt_ann_other_refund", "charge.refund_failed", {
        charge,
        refund: "re_unknown",
      });
      expect(unknown.body).toMatchObject({
        status: "ignored",
        detail: `payment ${payments.ann} has no refund re_unknown recorded: nothing to undo`,
      });
    });

    it("a failed refund of a credit note gives the credit note its amount to refund back", async () => {
      const line = (await api.get(`/v1/invoices/${invoices.ben}`)).lines[0].id;
      const note = await api.post(`/v1/invoices/${invoices.ben}/credit_notes`, {
        lines: [{ line_id: line, amount: "10.00" }],
      });
      const refunded = await api.post(`/v1/credit_notes/${note.id}/refund`, {});
      expect(refunded).toMatchObject({ refunded: "10.00", refundable: "0.00" });
      const more = await api.request("POST", `/v1/credit_notes/${note.id}/refund`, {});
      expect([more.status, more.body.error.code]).toEqual([422, "refund_exceeds_credit_note"]);
      const balance = async () =>
        (await api.get(`/v1/customers/${ids.ben}/balance`)).balances[0].balance;
      expect(await balance()).toBe("0.00");

      const res = await sendTest("evt_ben_refund_failed", "charge.refund_failed", {
        charge: await gatewayReference(payments.ben!),
        refund: await gatewayReference(refunded.refunds[0].id),
        failure: { code: "bank_account_closed", message: "the account is closed" },
      });
      expect(res.body).toMatchObject({ status: "applied", payment_id: payments.ben });
      expect((await api.get(`/v1/payments/${refunded.refunds[0].id}`)).status).toBe("failed");
      // the customer is owed the credit note's 10.00 again, and it can be refunded anew
      expect(await balance()).toBe("-10.00");
      const anew = await api.post(`/v1/credit_notes/${note.id}/refund`, {});
      expect(anew).toMatchObject({ refunded: "10.00", refundable: "0.00" });
      expect(await balance()).toBe("0.00");
    });

    it("a reversed chargeback settles the invoice again, once", async () => {
      const charge = await gatewayReference(payments.cal!);
      const disputed = await sendTest("evt_cal_dispute", "charge.disputed", {
        charge,
        amount: 3000,
        currency: "EUR",
        dispute: "dp_cal_1",
      });
      expect(disputed.body).toMatchObject({ status: "applied" });
      expect(await due(ids.cal!)).toEqual(["30.00"]);
      const [chargeback] = await refundsOf(ids.cal!);
      expect(chargeback).toMatchObject({ payment_method: "chargeback", status: "succeeded" });

      const res = await sendTest("evt_cal_dispute_won", "charge.dispute_reversed", {
        charge,
        amount: 3000,
        currency: "EUR",
        dispute: "dp_cal_1",
      });
      expect(res.body).toMatchObject({
        type: "charge.dispute_reversed",
        status: "applied",
        payment_id: payments.cal,
        detail: `chargeback ${chargeback.id} of 30.00 EUR reversed; payment ${payments.cal} holds it again`,
      });
      expect(await due(ids.cal!)).toEqual([]);
      expect(await api.get(`/v1/payments/${chargeback.id}`)).toMatchObject({
        status: "voided",
        payment_method: "chargeback",
        allocations: [],
      });
      expect((await api.get(`/v1/customers/${ids.cal}/balance`)).balances).toEqual([
        expect.objectContaining({ paid: "30.00", refunded: "0.00", balance: "0.00" }),
      ]);
      expect((await eventsOf("payment.dispute_reversed")).map((e: any) => e.data.id)).toEqual([
        chargeback.id,
      ]);
      expect(
        (await eventsOf("invoice.paid")).filter((e: any) => e.data.invoice_id === invoices.cal),
      ).toHaveLength(2);

      // delivered again, or reported again under another id: nothing more
      const again = await sendTest("evt_cal_dispute_won", "charge.dispute_reversed", {
        charge,
        dispute: "dp_cal_1",
      });
      expect(again.body).toMatchObject({ id: res.body.id, status: "applied" });
      const twice = await sendTest("evt_cal_dispute_won_2", "charge.dispute_reversed", {
        charge,
        dispute: "dp_cal_1",
      });
      expect(twice.body).toMatchObject({
        status: "ignored",
        detail: "the chargeback dp_cal_1 is reversed already",
      });
      // a dispute never recorded has nothing to reverse
      const stranger = await sendTest("evt_cal_other", "charge.dispute_reversed", {
        charge,
        dispute: "dp_other",
      });
      expect(stranger.body).toMatchObject({ status: "ignored" });
      expect(await eventsOf("payment.dispute_reversed")).toHaveLength(1);
      expect(await due(ids.cal!)).toEqual([]);
    });
  });
}
