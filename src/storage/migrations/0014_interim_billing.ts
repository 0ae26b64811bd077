import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE orders ADD COLUMN trigger_interim_billing boolean NOT NULL DEFAULT false;
    ALTER TABLE orders ADD COLUMN payment_method text;
  `,
  );
}
