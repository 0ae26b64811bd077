/**
 * Customer messages, driven by the worker: outbox events are composed into messages (one unit
 * of work per batch: the messages written and the events marked read together), then due
 * messages are claimed, sent through SMTP outside any transaction with the invoice PDF they
 * attach, and each attempt recorded in a unit of work of its own (src/modules/messages).
 */
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { systemClock } from "../lib/clock.js";
import { newId } from "../lib/ids.js";
import {
  billingContactEmails,
  type CustomerRow,
  findCustomer,
} from "../modules/customers/index.js";
import { findEntityRow } from "../modules/entities/index.js";
import { lockUncomposedEvents, markComposed } from "../modules/events/index.js";
import { documentPdf, findInvoice, getInvoice } from "../modules/invoicing/index.js";
import {
  type Attachment,
  claimDueMessages,
  customerIdOf,
  describeSendError,
  draftMessages,
  entityIdOf,
  insertMessages,
  type Mailer,
  type MessageEvent,
  type MessageFacts,
  type MessageRow,
  messageKindOf,
  NO_SMTP,
  recordAttempt,
  type SendOutcome,
  type TemplateSource,
  tenantTemplates,
} from "../modules/messages/index.js";
import type { DB } from "../storage/schema.js";
import { readContext, unitOfWork } from "./unit-of-work.js";

export type MessageOptions = {
  /** Scheduling time (wall clock; injected in tests). */
  now: () => Date;
  random: () => number;
  /** Null: no SMTP configured; messages are recorded as skipped. */
  mailer: Mailer | null;
  /** The sender address when the business entity has none. */
  defaultSender: string;
  leaseMs: number;
  batchSize: number;
  log?: Logger | undefined;
};

const customerName = (c: CustomerRow) =>
  c.company_name ?? ([c.first_name, c.last_name].filter(Boolean).join(" ") || (c.email ?? c.id));

/** The facts of an event's message, or null when there is no one to tell. */
async function factsOf(
  db: Kysely<DB>,
  event: MessageEvent,
  defaultSender: string,
): Promise<MessageFacts | null> {
  const customerId = customerIdOf(event);
  if (!customerId) return null;
  const customer = await findCustomer(db, event.tenant_id, customerId);
  if (!customer) return null;
  const contacts = await billingContactEmails(db, event.tenant_id, customer.id);
  const recipients = contacts.length > 0 ? contacts : customer.email ? [customer.email] : [];
  if (recipients.length === 0) return null;
  const entity = await findEntityRow(
    db,
    event.tenant_id,
    entityIdOf(event) ?? customer.business_entity_id,
  );
  let currency: string | null = null;
  if (event.type === "invoice.dunning_level_reached" && event.subject_id) {
    currency = (await findInvoice(db, event.tenant_id, event.subject_id))?.currency ?? null;
  }
  return {
    customer: {
      id: customer.id,
      name: customerName(customer),
      locale: customer.locale,
      language: customer.language,
      time_zone: customer.time_zone,
    },
    recipients,
    sender: { name: entity?.name ?? "Accrue", address: entity?.email || defaultSender },
    currency,
  };
}

/** Composes up to `limit` outbox events into messages, in one unit of work. */
export async function composeMessages(
  db: Kysely<DB>,
  options: { now: () => Date; limit: number; smtpConfigured: boolean; defaultSender: string },
): Promise<number> {
  return unitOfWork(db, async (work) => {
    const events = await lockUncomposedEvents(work.db, options.limit);
    if (events.length === 0) return 0;
    const now = options.now();
    const rows = [];
    const templates = new Map<string, Map<string, TemplateSource>>();
    for (const event of events) {
      if (!messageKindOf(event.type)) continue;
      const facts = await factsOf(work.db, event, options.defaultSender);
      if (!facts) continue;
      let own = templates.get(event.tenant_id);
      if (!own) {
        own = await tenantTemplates(work.db, event.tenant_id);
        templates.set(event.tenant_id, own);
      }
      rows.push(
        ...draftMessages(event, facts, {
          now,
          smtpConfigured: options.smtpConfigured,
          templates: own,
        }),
      );
    }
    await insertMessages(work.db, rows);
    await markComposed(
      work.db,
      events.map((e) => e.id),
      now,
    );
    return events.length;
  });
}

/** The PDF a message attaches, read from invoicing as it is now. */
async function attachmentsOf(db: Kysely<DB>, message: MessageRow): Promise<Attachment[]> {
  if (!message.attachment_document_id) return [];
  const ctx = readContext(db, {
    tenantId: message.tenant_id,
    actor: { type: "system", id: "messages" },
    requestId: newId("job"),
    operation: "messages.send",
    clock: systemClock,
  });
  const invoice = await getInvoice(ctx, message.attachment_document_id);
  const pdf = await documentPdf(db, message.tenant_id, invoice);
  return [{ filename: pdf.name, content: pdf.bytes, contentType: "application/pdf" }];
}

/** Claims, sends and records one batch; returns how many messages it handled. */
export async function sendDueMessages(db: Kysely<DB>, options: MessageOptions): Promise<number> {
  const { token, messages } = await claimDueMessages(db, {
    now: options.now(),
    leaseMs: options.leaseMs,
    limit: options.batchSize,
  });
  const errors: unknown[] = [];
  for (const message of messages) {
    try {
      let outcome: SendOutcome;
      if (!options.mailer) {
        outcome = { result: "skipped", at: options.now(), reason: NO_SMTP };
      } else {
        try {
          await options.mailer.send(message, await attachmentsOf(db, message));
          outcome = { result: "sent", at: options.now() };
        } catch (error) {
          outcome = { result: "failed", at: options.now(), error: describeSendError(error) };
        }
      }
      const status = await unitOfWork(db, (work) =>
        recordAttempt(work.db, message, token, outcome, options.random),
      );
      options.log?.debug({ message: message.id, status }, "message attempt");
    } catch (error) {
      // the lease runs out and the message is attempted again
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
  return messages.length;
}
