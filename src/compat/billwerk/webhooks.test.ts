import { describe, expect, it } from "vitest";
import { billwerkWebhookFormat as format } from "./webhooks.js";

/** An outbox event as the delivery reads it. */
const event = (type: string, subjectId: string, payload: Record<string, unknown>) => ({
  id: "evt_1",
  tenant_id: "ten_1",
  type,
  subject_type: null,
  subject_id: subjectId,
  occurred_at: new Date("2026-12-06T05:12:53.579Z"),
  tenant_time: new Date("2026-12-06T05:12:53.579Z"),
  payload,
  fanned_out_at: null,
  messages_composed_at: null,
});

describe("Billwerk webhook payloads of invoices, payments and dunning", () => {
  it("a dunning step is DunningCreated, a stopped dunning PaymentEscalationReset, with the ids Billwerk sends", () => {
    const reached = event("invoice.dunning_level_reached", "inv_1", {
      invoice_id: "inv_1",
      customer_id: "cus_1",
      contract_id: "con_1",
      level: 1,
    });
    expect(format.matches(["DunningCreated"], reached as never)).toBe(true);
    expect(format.matches(["PaymentEscalated"], reached as never)).toBe(false);
    expect(JSON.parse(format.render(reached as never))).toEqual({
      Event: "DunningCreated",
      EntityId: "ten_1",
      CustomerId: "cus_1",
      ContractId: "con_1",
      InvoiceId: "inv_1",
      EventId: "evt_1",
      Timestamp: "2026-12-06T05:12:53.5790000Z",
    });
    const stopped = event("invoice.dunning_stopped", "inv_1", { customer_id: "cus_1" });
    expect(JSON.parse(format.render(stopped as never))).toMatchObject({
      Event: "PaymentEscalationReset",
      InvoiceId: "inv_1",
      CustomerId: "cus_1",
    });
  });

  it("a payment names its transaction; a write-off is no payment transaction", () => {
    const paid = event("payment.succeeded", "cus_1", {
      id: "pay_1",
      kind: "payment",
      customer_id: "cus_1",
    });
    expect(JSON.parse(format.render(paid as never))).toMatchObject({
      Event: "PaymentSucceeded",
      CustomerId: "cus_1",
      PaymentTransactionId: "pay_1",
    });
    const writeOff = event("payment.succeeded", "cus_1", { id: "pay_2", kind: "write_off" });
    expect(format.matches(["*"], writeOff as never)).toBe(false);
    const refund = event("payment.succeeded", "cus_1", { id: "pay_3", kind: "refund" });
    expect(format.matches(["PaymentSucceeded"], refund as never)).toBe(true);
  });
});
