import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Rate-limit token buckets per caller, shared by every process on one PostgreSQL (embedded
 * PGlite keeps its buckets in its one process). Unlogged: buckets lost in a crash only forgive
 * a few requests.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE UNLOGGED TABLE rate_limit_buckets (
      key text PRIMARY KEY,
      tokens double precision NOT NULL,
      at timestamptz NOT NULL,
      allowed boolean NOT NULL
    );
  `,
  );
}
