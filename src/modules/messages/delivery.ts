/**
 * The worker's side of messages (timeline in README.md):
 *   1. compose (src/workflows/messages.ts): each outbox event, once, becomes one message per
 *      recipient, written with the event marked read in one transaction;
 *   2. claimDueMessages: due queued messages are leased (FOR UPDATE SKIP LOCKED, committed);
 *   3. the SMTP dialogue, outside any transaction;
 *   4. recordAttempt: sent, queued again with a later attempt, or failed when the schedule is
 *      spent, only while the lease is still this worker's.
 * A worker that dies between 3 and 4 sends the message again when its lease runs out, with
 * the same Message-ID (derived from the message id), which the receiver de-duplicates by.
 * A permanent refusal of the recipient (a 5xx reply to RCPT TO) bounces the message: it is
 * not tried again, and `message.bounced` tells of it.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { MAX_MESSAGE_ATTEMPTS, nextMessageAttemptAt } from "../../domain/messages/delivery.js";
import type { DB, MessageStatus } from "../../storage/schema.js";
import type { Ctx } from "../context.js";
import {
  leaseDueMessages,
  type MessageRow,
  releaseLeases,
  settleLeasedMessage,
} from "./messages.repository.js";
import { announceBounce } from "./messages.service.js";

export { MAX_MESSAGE_ATTEMPTS };

export type Leased = { token: string; messages: MessageRow[] };

export async function claimDueMessages(
  db: Kysely<DB>,
  options: { now: Date; leaseMs: number; limit: number },
): Promise<Leased> {
  const token = randomUUID();
  const messages = await leaseDueMessages(db, {
    now: options.now,
    until: new Date(options.now.getTime() + options.leaseMs),
    token,
    limit: options.limit,
  });
  return { token, messages };
}

/** Gives back the leases of claimed messages a turn did not attempt. */
export async function releaseUnattempted(
  db: Kysely<DB>,
  leased: Leased,
  unattempted: readonly MessageRow[],
): Promise<void> {
  await releaseLeases(
    db,
    unattempted.map((m) => m.id),
    leased.token,
  );
}

export type SendOutcome =
  | { result: "sent"; at: Date }
  | { result: "failed"; at: Date; error: string }
  /** The recipient was refused for good: not tried again. */
  | { result: "bounced"; at: Date; error: string }
  | { result: "skipped"; at: Date; reason: string };

/**
 * Writes an attempt's outcome; answers the message's new status, or null when the lease was
 * lost. A bounce is audited and announced (`message.bounced`) in the context `context` gives.
 */
export async function recordAttempt(
  db: Kysely<DB>,
  message: MessageRow,
  token: string,
  outcome: SendOutcome,
  random: () => number,
  context?: () => Promise<Ctx>,
): Promise<MessageStatus | null> {
  if (outcome.result === "skipped") {
    const ok = await settleLeasedMessage(db, message.id, token, {
      status: "skipped",
      next_attempt_at: null,
      last_error: outcome.reason,
      updated_at: outcome.at,
    });
    return ok ? "skipped" : null;
  }
  const attempts = message.attempt_count + 1;
  if (outcome.result === "sent") {
    const ok = await settleLeasedMessage(db, message.id, token, {
      status: "sent",
      attempt_count: attempts,
      next_attempt_at: null,
      last_error: null,
      sent_at: outcome.at,
      updated_at: outcome.at,
    });
    return ok ? "sent" : null;
  }
  if (outcome.result === "bounced") {
    const patch = {
      status: "bounced" as const,
      attempt_count: attempts,
      next_attempt_at: null,
      last_error: outcome.error,
      updated_at: outcome.at,
    };
    const ok = await settleLeasedMessage(db, message.id, token, patch);
    if (!ok) return null;
    if (context) {
      const after = { ...message, ...patch, locked_until: null, lease_token: null };
      await announceBounce(await context(), message, after);
    }
    return "bounced";
  }
  const retryAt = nextMessageAttemptAt(outcome.at, attempts, random());
  const status: MessageStatus = retryAt ? "queued" : "failed";
  const ok = await settleLeasedMessage(db, message.id, token, {
    status,
    attempt_count: attempts,
    next_attempt_at: retryAt,
    last_error: outcome.error,
    updated_at: outcome.at,
  });
  return ok ? status : null;
}
