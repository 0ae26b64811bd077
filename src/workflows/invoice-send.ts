/**
 * Sending an issued invoice or credit note to its customer again: the message its issue
 * composed (`invoice_issued`, `credit_note_issued`), composed anew for the customer's
 * recipients as they are now (billing contacts, else its own address) in its language, with
 * the PDF attached when sent, and queued at once. One message per recipient; each is in the
 * customer's delivery log like any other.
 *
 * Modules: invoicing, customers, entities, messages.
 */
import { notFound, unprocessable } from "../domain/errors.js";
import { newId } from "../lib/ids.js";
import type { Ctx } from "../modules/context.js";
import { findCustomer } from "../modules/customers/index.js";
import { findEntityRow } from "../modules/entities/index.js";
import { findInvoice, getInvoice } from "../modules/invoicing/index.js";
import {
  draftMessages,
  findMessage,
  insertMessages,
  type Message,
  type MessageFacts,
  tenantTemplates,
  toMessage,
} from "../modules/messages/index.js";
import { customerRecipients, messageCustomer } from "./message-facts.js";

export type InvoiceSent = { invoice_id: string; messages: Message[] };

export async function sendInvoice(
  ctx: Ctx,
  invoiceId: string,
  mail: { defaultSender: string },
): Promise<InvoiceSent> {
  const row = await findInvoice(ctx.db, ctx.tenantId, invoiceId);
  if (!row) throw notFound("invoice_not_found", `no invoice ${invoiceId}`, { id: invoiceId });
  if (row.status !== "finalized") {
    throw unprocessable("document_not_issued", `${invoiceId} is ${row.status}, not issued`, {
      id: invoiceId,
      status: row.status,
    });
  }
  const customer = await findCustomer(ctx.db, ctx.tenantId, row.customer_id);
  const recipients = customer ? await customerRecipients(ctx.db, customer) : [];
  if (!customer || recipients.length === 0) {
    throw unprocessable(
      "message_recipient_missing",
      "the customer has no e-mail address and no billing contact to send the invoice to",
      { customer_id: row.customer_id },
    );
  }
  const entity = await findEntityRow(ctx.db, ctx.tenantId, row.business_entity_id);
  const facts: MessageFacts = {
    customer: messageCustomer(customer),
    recipients,
    sender: { name: entity?.name ?? "Accrue", address: entity?.email || mail.defaultSender },
    entityId: entity?.id ?? null,
  };
  const {
    lines: _lines,
    sender: _sender,
    recipient: _recipient,
    ...invoice
  } = await getInvoice(ctx, row.id);
  // the message of the document's issue, as its event would compose it; the id stands for
  // this sending (one message per sending and recipient), not for an event in the outbox
  const rows = draftMessages(
    {
      id: newId("event"),
      tenant_id: ctx.tenantId,
      type: `${row.kind}.finalized`,
      subject_id: row.id,
      payload: invoice,
    },
    facts,
    {
      // delivery runs on real time (as webhook delivery does), not the tenant's clock
      now: new Date(),
      smtpConfigured: true,
      templates: await tenantTemplates(ctx.db, ctx.tenantId),
    },
  );
  await insertMessages(ctx.db, rows);
  const messages: Message[] = [];
  for (const r of rows) {
    const stored = await findMessage(ctx.db, ctx.tenantId, r.id as string);
    if (stored) messages.push(toMessage(stored));
  }
  ctx.audit({
    targetType: row.kind,
    targetId: row.id,
    after: { sent_to: messages.map((m) => m.recipient), message_ids: messages.map((m) => m.id) },
  });
  return { invoice_id: row.id, messages };
}
