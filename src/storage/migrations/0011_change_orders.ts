import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE orders DROP CONSTRAINT orders_type_check;
    ALTER TABLE orders ADD CONSTRAINT orders_type_check CHECK (type IN ('signup', 'change'));
    ALTER TABLE orders ADD COLUMN change_at timestamptz;
  `,
  );
}
