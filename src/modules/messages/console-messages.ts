/**
 * Mails to console users (an invitation, a password reset): written as queued messages in
 * the transaction that makes their single-use link, so the link lives in no outbox event and
 * reaches no webhook. They name no customer; their `event_id` is an id of their own (no event
 * exists), unique like any event's. The worker sends them like every other message.
 */
import type { MessageLanguage } from "../../domain/messages/format.js";
import type { TemplateData } from "../../domain/messages/template.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../context.js";
import { formatSender } from "./compose.js";
import { insertMessage } from "./messages.repository.js";
import { type ConsoleMessageKind, renderConsoleMessage } from "./templates.js";

/** Queues a console user's message in the caller's transaction; answers the message's id. */
export async function queueConsoleMessage(
  ctx: Ctx,
  input: {
    kind: ConsoleMessageKind;
    language: MessageLanguage;
    recipient: string;
    sender: { name: string; address: string };
    data: TemplateData;
  },
): Promise<string> {
  const rendered = renderConsoleMessage(input.kind, input.language, input.data);
  // delivery runs on real time (as webhook delivery does), not the tenant's clock
  const now = new Date();
  const row = await insertMessage(ctx.db, {
    id: newId("message"),
    tenant_id: ctx.tenantId,
    event_id: newId("event"),
    customer_id: null,
    kind: input.kind,
    recipient: input.recipient,
    sender: formatSender(input.sender),
    language: input.language,
    subject: rendered.subject,
    body_text: rendered.text,
    body_html: rendered.html,
    attachment_document_id: null,
    status: "queued",
    next_attempt_at: now,
    last_error: null,
    created_at: now,
    updated_at: now,
  });
  return row.id;
}
