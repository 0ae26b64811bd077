import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Customer messages (e-mail): one row per outbox event and recipient, written by the worker's
 * message composition and sent by its delivery (src/modules/messages).
 *
 * `outbox_events.messages_composed_at` marks an event the composition has read. Events that
 * exist before this migration count as read (a default evaluated once, without rewriting the
 * table, then dropped), so upgrading mails nothing about the past.
 *
 * A message is unique per (event, recipient) unless it is a resend (`resend_of`), so composing
 * an event twice, after a crash, writes nothing twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE outbox_events ADD COLUMN messages_composed_at timestamptz DEFAULT now();
    ALTER TABLE outbox_events ALTER COLUMN messages_composed_at DROP DEFAULT;
    CREATE INDEX outbox_events_uncomposed ON outbox_events (id)
      WHERE messages_composed_at IS NULL;

    CREATE TABLE messages (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      event_id text NOT NULL,
      customer_id text,
      kind text NOT NULL,
      recipient text NOT NULL,
      sender text NOT NULL,
      language text NOT NULL,
      subject text NOT NULL,
      body_text text NOT NULL,
      body_html text NOT NULL,
      attachment_document_id text,
      status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'skipped')),
      attempt_count integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      locked_until timestamptz,
      lease_token text,
      last_error text,
      sent_at timestamptz,
      resend_of text REFERENCES messages(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX messages_event_recipient ON messages (event_id, recipient)
      WHERE resend_of IS NULL;
    CREATE INDEX messages_customer ON messages (tenant_id, customer_id, id);
    CREATE INDEX messages_due ON messages (next_attempt_at) WHERE status = 'queued';
    `,
  );
}
