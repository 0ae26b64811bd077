import { type Kysely, sql } from "kysely";

/**
 * Runs a script of SQL statements one by one (each ends with a semicolon at the end of a
 * line). Both drivers then see single statements, which PGlite's extended protocol requires.
 */
export async function runStatements(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
