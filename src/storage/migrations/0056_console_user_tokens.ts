import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Console users invited by e-mail, and password resets. An invited user has no password
 * until it accepts its invitation (`password_hash` NULL: it cannot sign in). The links mailed
 * for an invitation or a reset carry a single-use token, stored only as its SHA-256 hash with
 * what it is for, when it expires and when it was used.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE console_users ALTER COLUMN password_hash DROP NOT NULL;
    CREATE TABLE console_user_tokens (
      token_hash text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      console_user_id text NOT NULL REFERENCES console_users(id),
      purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX console_user_tokens_user ON console_user_tokens (console_user_id, purpose, created_at);
    `,
  );
}
