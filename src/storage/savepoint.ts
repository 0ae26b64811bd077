import { type Kysely, sql } from "kysely";
import { type AccrueError, isAccrueError } from "../domain/errors.js";
import type { DB } from "./schema.js";

/**
 * Runs `fn` inside a savepoint of the transaction `trx`: when it fails with an AccrueError
 * (a business rule), what it wrote is rolled back and the error returned, and the transaction
 * goes on; any other error propagates.
 */
export async function inSavepoint(
  trx: Kysely<DB>,
  fn: () => Promise<unknown>,
): Promise<AccrueError | null> {
  await sql`SAVEPOINT attempt`.execute(trx);
  try {
    await fn();
    await sql`RELEASE SAVEPOINT attempt`.execute(trx);
    return null;
  } catch (error) {
    if (!isAccrueError(error)) throw error;
    await sql`ROLLBACK TO SAVEPOINT attempt`.execute(trx);
    return error;
  }
}
