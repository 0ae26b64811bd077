/**
 * Customer messages, driven by the worker: outbox events are composed into messages (one unit
 * of work per batch: the messages written and the events marked read together), then due
 * messages are claimed, sent through SMTP outside any transaction with the invoice PDF they
 * attach (or, above the attachment limit, a signed link to it), and each attempt recorded in
 * a unit of work of its own (src/modules/messages). A turn of sending ends at its deadline
 * or when the SMTP server cannot be reached, so mail never holds up billing for long.
 */
import { decodeJwt } from "jose";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { systemClock } from "../lib/clock.js";
import { newId } from "../lib/ids.js";
import { yielder } from "../lib/yield.js";
import { findCustomer } from "../modules/customers/index.js";
import { findEntityRow } from "../modules/entities/index.js";
import { lockUncomposedEvents, markComposed } from "../modules/events/index.js";
import {
  documentPdf,
  existingSigningKey,
  findInvoice,
  getInvoice,
  signingKey,
} from "../modules/invoicing/index.js";
import {
  type Attachment,
  claimDueMessages,
  customerIdOf,
  describeSendError,
  draftMessages,
  entityIdOf,
  findMessage,
  insertMessages,
  invalidMessageLink,
  isRecipientRefusal,
  isServerUnreachable,
  type Mailer,
  MESSAGE_LINK_KEY,
  MESSAGE_LINK_PATH,
  type MessageEvent,
  type MessageFacts,
  type MessageRow,
  messageKindFor,
  messageLinkExpiry,
  NO_SMTP,
  recordAttempt,
  releaseUnattempted,
  type SendOutcome,
  signMessageLink,
  type TemplateSource,
  tenantTemplates,
  verifyMessageLink,
  withDownloadLink,
} from "../modules/messages/index.js";
import { findTenant } from "../modules/tenants/index.js";
import type { DB } from "../storage/schema.js";
import { customerRecipients, eventExtras, messageCustomer } from "./message-facts.js";
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
  /** A PDF larger than this (bytes) is linked to (a signed link) instead of attached. */
  attachmentMaxBytes: number;
  /** The base URL links in messages start with (ACCRUE_PUBLIC_URL). */
  publicUrl: string;
  /** When the turn ends (epoch ms, real time): no message is started after it. */
  deadline?: number | undefined;
  log?: Logger | undefined;
};

/** The facts of an event's message, or null when there is no one to tell. */
async function factsOf(
  db: Kysely<DB>,
  event: MessageEvent,
  defaultSender: string,
): Promise<MessageFacts | null> {
  const extras = await eventExtras(db, event);
  const customerId = customerIdOf(event) ?? extras.customerId;
  if (!customerId) return null;
  const customer = await findCustomer(db, event.tenant_id, customerId);
  if (!customer) return null;
  const recipients = await customerRecipients(db, customer);
  if (recipients.length === 0) return null;
  const entity = await findEntityRow(
    db,
    event.tenant_id,
    entityIdOf(event) ?? extras.entityId ?? customer.business_entity_id,
  );
  let currency: string | null = extras.currency ?? null;
  if (event.type === "invoice.dunning_level_reached" && event.subject_id) {
    currency = (await findInvoice(db, event.tenant_id, event.subject_id))?.currency ?? null;
  }
  return {
    customer: messageCustomer(customer),
    recipients,
    sender: { name: entity?.name ?? "Accrue", address: entity?.email || defaultSender },
    entityId: entity?.id ?? null,
    currency,
    invoiceNumbers: extras.invoiceNumbers ?? [],
    plan: extras.plan ?? null,
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
    // timers and requests run between events (the embedded database never lets go itself)
    const yields = yielder();
    for (const event of events) {
      await yields.pause();
      if (!messageKindFor(event)) continue;
      const facts = await factsOf(work.db, event, options.defaultSender);
      if (!facts) continue;
      let own = templates.get(event.tenant_id);
      if (!own) {
        own = await tenantTemplates(work.db, event.tenant_id);
        templates.set(event.tenant_id, own);
      }
      const drafted = draftMessages(event, facts, {
        now,
        smtpConfigured: options.smtpConfigured,
        templates: own,
      });
      for (const row of drafted) rows.push(row);
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

const messagesContext = (db: Kysely<DB>, tenantId: string, operation: "messages.send") =>
  readContext(db, {
    tenantId,
    actor: { type: "system", id: "messages" },
    requestId: newId("job"),
    operation,
    clock: systemClock,
  });

/**
 * What a message is sent as: its PDF attached, read from invoicing as it is now; or, when the
 * PDF is larger than the limit, the message with a signed link to it and nothing attached.
 */
async function contentOf(
  db: Kysely<DB>,
  message: MessageRow,
  options: Pick<MessageOptions, "attachmentMaxBytes" | "publicUrl">,
): Promise<{ message: MessageRow; attachments: Attachment[] }> {
  if (!message.attachment_document_id) return { message, attachments: [] };
  const invoice = await getInvoice(
    messagesContext(db, message.tenant_id, "messages.send"),
    message.attachment_document_id,
  );
  const pdf = await documentPdf(db, message.tenant_id, invoice);
  if (pdf.bytes.length <= options.attachmentMaxBytes) {
    return {
      message,
      attachments: [{ filename: pdf.name, content: pdf.bytes, contentType: "application/pdf" }],
    };
  }
  const key = await signingKey(db, message.tenant_id, MESSAGE_LINK_KEY);
  const expiresAt = messageLinkExpiry(message.created_at);
  const token = await signMessageLink(key, {
    tenantId: message.tenant_id,
    messageId: message.id,
    expiresAt,
  });
  const url = `${options.publicUrl}${MESSAGE_LINK_PATH}${token}`;
  return {
    message: withDownloadLink(message, { url, filename: pdf.name, expiresAt }),
    attachments: [],
  };
}

/**
 * The PDF a message's signed link names (a message sent with a link instead of its PDF):
 * 403 `message_link_invalid` for a link that is not authentic, 410 `message_link_expired`
 * once it has expired (real time, as mail runs on).
 */
export async function messageAttachment(
  db: Kysely<DB>,
  token: string,
  now: Date,
): Promise<{ name: string; bytes: Buffer }> {
  let tenantId: unknown;
  try {
    tenantId = decodeJwt(token).tid;
  } catch {
    tenantId = undefined;
  }
  const tenant = typeof tenantId === "string" ? await findTenant(db, tenantId) : undefined;
  const key = tenant ? await existingSigningKey(db, tenant.id, MESSAGE_LINK_KEY) : undefined;
  if (!tenant || !key) throw invalidMessageLink();
  const claims = await verifyMessageLink(key, token, now);
  const message = await findMessage(db, claims.tenantId, claims.messageId);
  if (!message?.attachment_document_id) throw invalidMessageLink();
  const invoice = await getInvoice(
    messagesContext(db, message.tenant_id, "messages.send"),
    message.attachment_document_id,
  );
  const pdf = await documentPdf(db, message.tenant_id, invoice);
  return { name: pdf.name, bytes: pdf.bytes };
}

/**
 * Claims, sends and records one batch; returns how many messages it attempted. It starts no
 * message after `deadline`, and stops at the first that finds the server unreachable; the
 * messages it did not get to are released at once (due for the next turn).
 */
export async function sendDueMessages(
  db: Kysely<DB>,
  options: MessageOptions,
): Promise<{ attempted: number; unreachable: boolean }> {
  const leased = await claimDueMessages(db, {
    now: options.now(),
    leaseMs: options.leaseMs,
    limit: options.batchSize,
  });
  const { token, messages } = leased;
  const errors: unknown[] = [];
  let attempted = 0;
  let unreachable = false;
  const yields = yielder();
  for (const message of messages) {
    await yields.pause();
    if (unreachable) break;
    if (attempted > 0 && options.deadline !== undefined && Date.now() >= options.deadline) break;
    attempted++;
    try {
      let outcome: SendOutcome;
      if (!options.mailer) {
        outcome = { result: "skipped", at: options.now(), reason: NO_SMTP };
      } else {
        try {
          const content = await contentOf(db, message, options);
          await options.mailer.send(content.message, content.attachments);
          outcome = { result: "sent", at: options.now() };
        } catch (error) {
          const reason = describeSendError(error);
          if (isRecipientRefusal(error)) {
            outcome = { result: "bounced", at: options.now(), error: reason };
          } else {
            outcome = { result: "failed", at: options.now(), error: reason };
            unreachable = isServerUnreachable(error);
          }
        }
      }
      const status = await unitOfWork(db, (work) =>
        recordAttempt(work.db, message, token, outcome, options.random, () =>
          work.context({
            tenantId: message.tenant_id,
            actor: { type: "system", id: "messages" },
            requestId: newId("job"),
            operation: "messages.deliver",
          }),
        ),
      );
      options.log?.debug({ message: message.id, status }, "message attempt");
    } catch (error) {
      // the lease runs out and the message is attempted again
      errors.push(error);
    }
  }
  await releaseUnattempted(db, leased, messages.slice(attempted));
  if (errors.length > 0) throw errors[0];
  return { attempted, unreachable };
}
