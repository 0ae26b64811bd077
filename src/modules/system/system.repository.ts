import { type Kysely, sql } from "kysely";
import type { DB } from "../../storage/schema.js";

/** Asks the database a trivial question; throws when it cannot answer. */
export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
