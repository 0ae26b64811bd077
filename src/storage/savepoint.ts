import { type Kysely, sql } from "kysely";
import { type AccrueError, isAccrueError } from "../domain/errors.js";
import type { DB } from "./schema.js";

/**
 * Runs `fn` inside a savepoint of the transaction `trx`: when it fails with an AccrueError
 * (a business rule), what it wrote is rolled back and the error returned, and the transaction
 * goes on; any other error propagates. With `release: false` a savepoint that succeeded is
 * left open for the commit to end (one round trip less); the caller then rolls back to no
 * savepoint taken before it.
 */
export async function inSavepoint(
  trx: Kysely<DB>,
  fn: () => Promise<unknown>,
  options: { release?: boolean } = {},
): Promise<AccrueError | null> {
  await sql`SAVEPOINT attempt`.execute(trx);
  try {
    await fn();
    if (options.release !== false) await sql`RELEASE SAVEPOINT attempt`.execute(trx);
    return null;
  } catch (error) {
    if (!isAccrueError(error)) throw error;
    await sql`ROLLBACK TO SAVEPOINT attempt`.execute(trx);
    // a savepoint rolled back to stays established: released, so that a savepoint of the
    // same name taken before it (an attempt inside an attempt) is the one the name means
    await sql`RELEASE SAVEPOINT attempt`.execute(trx);
    return error;
  }
}
