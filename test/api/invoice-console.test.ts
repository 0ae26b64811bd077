/**
 * What the console's invoice pages read and do beyond the basics: the invoices list's date,
 * credit-note and order options and its total count, an invoice's account (what paid and
 * credited it, what it owes) and sending an issued document to its customer again.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("invoices for the console", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids = { a: "", b: "", jan: "", feb: "", febB: "", mar: "", draft: "" };
  const charge = async (customer: string, price: string, draft = false) =>
    (
      await api.post("/v1/invoices", {
        customer_id: customer,
        currency: "EUR",
        lines: [{ description: "Work", unit_price: price }],
        ...(draft ? { draft: true } : {}),
      })
    ).id as string;
  const list = async (query: string) => api.get(`/v1/invoices?${query}`);
  const numbersOf = (page: any) => page.data.map((i: any) => Number(i.total_gross));

  // customer A: invoices of 10 (Jan 5), 20 (Feb 10), 30 (Mar 15, and a draft of 5); B: 40 (Feb 10)
  beforeAll(async () => {
    api = await billingTenant(t.server, "Console invoices", "2026-01-05T10:00:00Z");
    ids.a = await api.customer({ company_name: "Alpha GmbH", email: "billing@alpha.example" });
    ids.b = await api.customer({ company_name: "Beta Ltd", email: null });
    ids.jan = await charge(ids.a, "10");
    await api.advance("2026-02-10T10:00:00Z");
    ids.feb = await charge(ids.a, "20");
    ids.febB = await charge(ids.b, "40");
    await api.advance("2026-03-15T10:00:00Z");
    ids.mar = await charge(ids.a, "30");
    ids.draft = await charge(ids.a, "5", true);
  });

  describe("the invoices list", () => {
    it("filters by issue date (inclusive), with customer and status, and counts what matches", async () => {
      const feb = await list(
        "issue_date_from=2026-02-10&issue_date_to=2026-02-10&include_total=true",
      );
      expect(numbersOf(feb)).toEqual([20, 40]);
      expect(feb.total_count).toBe(2);
      const fromFeb = await list(
        `issue_date_from=2026-02-01&customer_id=${ids.a}&include_total=true`,
      );
      expect(numbersOf(fromFeb)).toEqual([20, 30, 5]);
      expect(fromFeb.total_count).toBe(3);
      const upToFeb = await list("issue_date_to=2026-02-09");
      expect(numbersOf(upToFeb)).toEqual([10]);
      expect(upToFeb.total_count).toBeUndefined();
      const issuedA = await list(`status=finalized&customer_id=${ids.a}&include_total=true`);
      expect(issuedA.total_count).toBe(3);
      const none = await list("issue_date_from=2027-01-01&include_total=true");
      expect([none.data, none.total_count]).toEqual([[], 0]);
    });

    it("counts every match while paging, in either order, the cursor continuing the order", async () => {
      const first = await list("limit=2&include_total=true");
      expect(numbersOf(first)).toEqual([10, 20]);
      expect([first.total_count, first.has_more]).toEqual([5, true]);
      const second = await list(`limit=2&include_total=true&cursor=${first.next_cursor}`);
      expect(numbersOf(second)).toEqual([40, 30]);
      expect(second.total_count).toBe(5);

      const newest = await list("limit=2&order=desc");
      expect(numbersOf(newest)).toEqual([5, 30]);
      const older = await list(`limit=2&order=desc&cursor=${newest.next_cursor}`);
      expect(numbersOf(older)).toEqual([40, 20]);
      const oldest = await list(`limit=2&order=desc&cursor=${older.next_cursor}`);
      expect([numbersOf(oldest), oldest.has_more, oldest.next_cursor]).toEqual([[10], false, null]);
    });

    it("lists an invoice's credit notes", async () => {
      const note = await api.post(`/v1/invoices/${ids.feb}/credit_notes`, {});
      const notes = await list(`corrects_invoice_id=${ids.feb}&include_total=true`);
      expect(notes.data.map((n: any) => [n.id, n.kind])).toEqual([[note.id, "credit_note"]]);
      expect(notes.total_count).toBe(1);
      expect((await list(`corrects_invoice_id=${ids.jan}`)).data).toEqual([]);
    });

    it("refuses malformed filters", async () => {
      for (const query of [
        "issue_date_from=2026-13-01",
        "issue_date_to=yesterday",
        "order=sideways",
        "include_total=maybe",
      ]) {
        const res = await api.request("GET", `/v1/invoices?${query}`);
        expect([res.status, res.body.error.code], query).toEqual([400, "validation_failed"]);
      }
    });
  });

  describe("an invoice's account", () => {
    it("shows what paid, refunded and credited the invoice and what it still owes", async () => {
      const fresh = await api.get(`/v1/invoices/${ids.mar}/payments`);
      expect(fresh).toMatchObject({
        invoice_id: ids.mar,
        customer_id: ids.a,
        currency: "EUR",
        total: "30.00",
        paid: "0.00",
        due: "30.00",
        payments: [],
        credit_notes_applied: [],
      });
      const paid = await api.post(`/v1/invoices/${ids.mar}/record_payment`, {
        amount: "12.50",
        reference: "bank 1",
      });
      await api.post(`/v1/invoices/${ids.mar}/record_refund`, { amount: "2.50" });
      await api.post(`/v1/invoices/${ids.mar}/credit_notes`, {
        lines: [
          {
            line_id: (await api.get(`/v1/invoices/${ids.mar}`)).lines[0].id,
            amount: "5",
          },
        ],
      });
      const account = await api.get(`/v1/invoices/${ids.mar}/payments`);
      expect({
        paid: account.paid,
        credited: account.credited,
        written_off: account.written_off,
        due: account.due,
      }).toEqual({ paid: "10.00", credited: "5.00", written_off: "0.00", due: "15.00" });
      expect(account.payments.map((p: any) => [p.kind, p.amount, p.applied])).toEqual([
        ["payment", "12.50", "12.50"],
        ["refund", "2.50", "-2.50"],
      ]);
      expect(account.payments[0].id).toBe(paid.id);

      await api.post(`/v1/invoices/${ids.mar}/write_off`, {});
      const settled = await api.get(`/v1/invoices/${ids.mar}/payments`);
      expect([settled.written_off, settled.due]).toEqual(["15.00", "0.00"]);
    });

    it("answers a draft with nothing owed, refuses credit notes and unknown ids", async () => {
      const draft = await api.get(`/v1/invoices/${ids.draft}/payments`);
      expect([draft.total, draft.due, draft.payments]).toEqual(["5.00", "0.00", []]);
      const notes = await list(`corrects_invoice_id=${ids.feb}`);
      const note = await api.request("GET", `/v1/invoices/${notes.data[0].id}/payments`);
      expect([note.status, note.body.error.code]).toEqual([422, "document_not_invoice"]);
      const missing = await api.request("GET", "/v1/invoices/inv_nope/payments");
      expect([missing.status, missing.body.error.code]).toEqual([404, "invoice_not_found"]);
    });

    it("is another tenant's 404", async () => {
      const other = await billingTenant(t.server, "Other tenant", "2026-01-05T10:00:00Z");
      const res = await other.request("GET", `/v1/invoices/${ids.jan}/payments`);
      expect([res.status, res.body.error.code]).toEqual([404, "invoice_not_found"]);
    });
  });

  describe("sending an invoice again", () => {
    const messagesOf = async (customer: string) =>
      (await api.get(`/v1/customers/${customer}/messages?limit=100`)).data;

    it("queues the invoice's message for the customer's address, once per Idempotency-Key", async () => {
      const before = (await messagesOf(ids.a)).length;
      const send = () =>
        t.server.request("POST", `/v1/invoices/${ids.jan}/send`, {
          key: api.key,
          headers: { "idempotency-key": "send-jan-1" },
        });
      const first = await send();
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(first.body.invoice_id).toBe(ids.jan);
      expect(first.body.messages).toHaveLength(1);
      expect(first.body.messages[0]).toMatchObject({
        customer_id: ids.a,
        kind: "invoice_issued",
        recipient: "billing@alpha.example",
        attachment_document_id: ids.jan,
        status: "queued",
      });
      const again = await send();
      expect([again.status, again.body.messages[0].id]).toEqual([201, first.body.messages[0].id]);
      const log = await messagesOf(ids.a);
      expect(log.length).toBe(before + 1);
      expect(log.find((m: any) => m.id === first.body.messages[0].id)?.subject).toContain(
        (await api.get(`/v1/invoices/${ids.jan}`)).number,
      );

      // without a key, each call sends once more
      await api.post(`/v1/invoices/${ids.jan}/send`);
      expect((await messagesOf(ids.a)).length).toBe(before + 2);
      const audit = (await api.get(`/v1/audit_events?target_id=${ids.jan}`)).data.filter(
        (e: any) => e.operation === "invoices.send",
      );
      expect(audit.map((e: any) => e.target)).toEqual([
        { type: "invoice", id: ids.jan },
        { type: "invoice", id: ids.jan },
      ]);
    });

    it("sends a credit note as a credit note", async () => {
      const note = (await list(`corrects_invoice_id=${ids.feb}`)).data[0];
      const sent = await api.post(`/v1/invoices/${note.id}/send`);
      expect(sent.messages.map((m: any) => m.kind)).toEqual(["credit_note_issued"]);
    });

    it("refuses drafts, void documents, customers with no address and unknown ids", async () => {
      const voided = await charge(ids.a, "7");
      await api.post(`/v1/invoices/${voided}/void`);
      const cases: [string, number, string][] = [
        [ids.draft, 422, "document_not_issued"],
        [voided, 422, "document_not_issued"],
        [ids.febB, 422, "message_recipient_missing"],
        ["inv_nope", 404, "invoice_not_found"],
      ];
      for (const [id, status, code] of cases) {
        const res = await api.request("POST", `/v1/invoices/${id}/send`);
        expect([res.status, res.body.error.code], id).toEqual([status, code]);
      }
      expect(await messagesOf(ids.b)).toEqual([]);
      // a draft is deleted, not voided: a void document keeps a number a draft does not have
      const voidDraft = await api.request("POST", `/v1/invoices/${ids.draft}/void`);
      expect([voidDraft.status, voidDraft.body.error.code]).toEqual([422, "document_not_issued"]);
      expect((await api.get(`/v1/invoices/${ids.draft}`)).status).toBe("draft");
    });

    it("needs invoices:write: a read-only key is refused", async () => {
      const viewer = await api.post("/v1/api_keys", { name: "viewer", roles: ["read_only"] });
      const res = await t.server.request("POST", `/v1/invoices/${ids.jan}/send`, {
        key: viewer.secret,
      });
      expect(res.status).toBe(403);
      const read = await t.server.request("GET", `/v1/invoices/${ids.jan}/payments`, {
        key: viewer.secret,
      });
      expect(read.status).toBe(200);
    });
  });
});
