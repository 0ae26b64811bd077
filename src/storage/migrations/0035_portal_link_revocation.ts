import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/** Portal links (self-service tokens) can be revoked before they expire; a contract lists its links. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE self_service_tokens ADD COLUMN revoked_at timestamptz;
    CREATE INDEX self_service_tokens_contract ON self_service_tokens (tenant_id, contract_id);
  `,
  );
}
