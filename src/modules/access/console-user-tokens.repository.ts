import type { Kysely, Selectable } from "kysely";
import type { ConsoleUserTokensTable, DB } from "../../storage/schema.js";

export type ConsoleUserTokenRow = Selectable<ConsoleUserTokensTable>;
export type ConsoleUserTokenPurpose = ConsoleUserTokenRow["purpose"];

export async function insertConsoleUserToken(
  db: Kysely<DB>,
  row: Omit<ConsoleUserTokenRow, "used_at">,
): Promise<void> {
  await db.insertInto("console_user_tokens").values(row).execute();
}

/** A token by the hash of its secret; locked (FOR UPDATE) to be used once, by one request. */
export async function findConsoleUserToken(
  db: Kysely<DB>,
  tokenHash: string,
  options: { forUpdate?: boolean } = {},
): Promise<ConsoleUserTokenRow | undefined> {
  let q = db.selectFrom("console_user_tokens").selectAll().where("token_hash", "=", tokenHash);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Marks a user's unused tokens (of `purpose`, else of every purpose) used at `at`. */
export async function spendOpenTokens(
  db: Kysely<DB>,
  tenantId: string,
  consoleUserId: string,
  at: Date,
  purpose?: ConsoleUserTokenPurpose,
): Promise<void> {
  let q = db
    .updateTable("console_user_tokens")
    .set({ used_at: at })
    .where("tenant_id", "=", tenantId)
    .where("console_user_id", "=", consoleUserId)
    .where("used_at", "is", null);
  if (purpose) q = q.where("purpose", "=", purpose);
  await q.execute();
}

/** How many tokens of `purpose` were made for a user since `since`. */
export async function countTokensSince(
  db: Kysely<DB>,
  consoleUserId: string,
  purpose: ConsoleUserTokenPurpose,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom("console_user_tokens")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("console_user_id", "=", consoleUserId)
    .where("purpose", "=", purpose)
    .where("created_at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes tokens that expired before `before`, at most `limit`; how many went. */
export async function deleteExpiredConsoleUserTokens(
  db: Kysely<DB>,
  before: Date,
  limit: number,
): Promise<number> {
  const result = await db
    .deleteFrom("console_user_tokens")
    .where(
      "token_hash",
      "in",
      db
        .selectFrom("console_user_tokens")
        .select("token_hash")
        .where("expires_at", "<", before)
        .limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
