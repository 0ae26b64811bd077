import type { Static } from "typebox";
import { conflict, notFound } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../context.js";
import { findCustomer } from "../customers/index.js";
import { fetchPage, type Page } from "../pagination.js";
import {
  countCustomerMessages,
  findMessage,
  insertMessage,
  listCustomerMessages,
  type MessageRow,
  updateMessage,
} from "./messages.repository.js";
import type { MessageSchema } from "./messages.schemas.js";

export type Message = Static<typeof MessageSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    customer_id: r.customer_id,
    event_id: r.event_id,
    kind: r.kind,
    recipient: r.recipient,
    sender: r.sender,
    language: r.language,
    subject: r.subject,
    attachment_document_id: r.attachment_document_id,
    status: r.status,
    attempt_count: r.attempt_count,
    next_attempt_at: iso(r.next_attempt_at),
    last_error: r.last_error,
    sent_at: iso(r.sent_at),
    resend_of: r.resend_of,
    created_at: r.created_at.toISOString(),
  };
}

/** A customer's delivery log, newest first. */
export async function listMessages(
  ctx: Ctx,
  customerId: string,
  page: { limit: number; cursor?: string | undefined; includeTotal?: boolean | undefined },
): Promise<Page<Message> & { total_count?: number }> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  if (!customer)
    throw notFound("customer_not_found", `no customer ${customerId}`, { id: customerId });
  const listed = await fetchPage(
    page.limit,
    (limit) =>
      listCustomerMessages(ctx.db, ctx.tenantId, customerId, { limit, before: page.cursor }),
    toMessage,
  );
  if (!page.includeTotal) return listed;
  return {
    ...listed,
    total_count: await countCustomerMessages(ctx.db, ctx.tenantId, customerId),
  };
}

/**
 * Sends a message again: a new message with the same content, recipient and attachment,
 * queued now, with a Message-ID of its own (a receiver must not drop it as a copy).
 */
export async function resendMessage(ctx: Ctx, id: string): Promise<Message> {
  const original = await findMessage(ctx.db, ctx.tenantId, id);
  if (!original) throw notFound("message_not_found", `no message ${id}`, { id });
  // delivery runs on real time (as webhook delivery does), not the tenant's clock
  const now = new Date();
  const row = await insertMessage(ctx.db, {
    id: newId("message"),
    tenant_id: ctx.tenantId,
    event_id: original.event_id,
    customer_id: original.customer_id,
    kind: original.kind,
    recipient: original.recipient,
    sender: original.sender,
    language: original.language,
    subject: original.subject,
    body_text: original.body_text,
    body_html: original.body_html,
    attachment_document_id: original.attachment_document_id,
    status: "queued",
    next_attempt_at: now,
    resend_of: original.id,
    created_at: now,
    updated_at: now,
  });
  const message = toMessage(row);
  ctx.audit({ targetType: "message", targetId: row.id, after: message });
  return message;
}

/** A message bounced: audited and announced (`message.bounced`) in `ctx`. */
export async function announceBounce(
  ctx: Ctx,
  before: MessageRow,
  after: MessageRow,
): Promise<Message> {
  const message = toMessage(after);
  ctx.audit({
    targetType: "message",
    targetId: after.id,
    before: toMessage(before),
    after: message,
  });
  await ctx.emit({
    type: "message.bounced",
    subjectType: "message",
    subjectId: after.id,
    payload: message,
  });
  return message;
}

/**
 * Records a bounce the mail system reported after it accepted the message (a delivery
 * status notification): the sent message becomes bounced with `reason` as its last error.
 * Bouncing a bounced message answers it unchanged; a message never accepted cannot bounce.
 */
export async function bounceMessage(ctx: Ctx, id: string, reason: string): Promise<Message> {
  const before = await findMessage(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!before) throw notFound("message_not_found", `no message ${id}`, { id });
  if (before.status === "bounced") return toMessage(before);
  if (before.status !== "sent") {
    throw conflict("message_not_sent", `message ${id} is ${before.status}, not sent`, {
      id,
      status: before.status,
    });
  }
  // delivery runs on real time (as webhook delivery does), not the tenant's clock
  const after = await updateMessage(ctx.db, ctx.tenantId, id, {
    status: "bounced",
    next_attempt_at: null,
    last_error: reason,
    updated_at: new Date(),
  });
  return announceBounce(ctx, before, after);
}
