import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Bounced messages: a message the recipient's mail system refused for good (a 5xx reply to
 * RCPT TO while it was sent, or a delivery status notification reported later through the
 * API) is `bounced` and never tried again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE messages DROP CONSTRAINT messages_status_check;
    ALTER TABLE messages ADD CONSTRAINT messages_status_check
      CHECK (status IN ('queued', 'sent', 'failed', 'skipped', 'bounced'));
    `,
  );
}
