import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE access_tokens (
      token_hash text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      client_id text NOT NULL REFERENCES oauth_clients(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX access_tokens_expires ON access_tokens (expires_at);
  `,
  );
}
