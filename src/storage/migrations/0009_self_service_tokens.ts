import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE self_service_tokens (
      token_hash text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      contract_id text NOT NULL REFERENCES contracts(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX self_service_tokens_expires ON self_service_tokens (expires_at);
  `,
  );
}
