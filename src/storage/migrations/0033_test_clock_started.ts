import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * When a tenant's test clock was created (its first reading): a test clock runs at most a
 * bounded time past it (src/modules/clock). Clocks made before this column existed count
 * from their reading now.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE tenants ADD COLUMN test_clock_started_at timestamptz;
    UPDATE tenants SET test_clock_started_at = test_clock_now WHERE test_clock_now IS NOT NULL;
  `,
  );
}
