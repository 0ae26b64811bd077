import { type Kysely, sql } from "kysely";
import type { DB } from "../../storage/schema.js";
import { testClockNowOf } from "../tenants/index.js";

export type ConsoleUserRow = {
  id: string;
  email: string;
  name: string;
  roles: string[];
  created_at: Date;
  disabled_at: Date | null;
  /** No password yet: the user was invited and has not accepted. */
  invited: boolean;
};

const COLUMNS = [
  "id",
  "email",
  "name",
  "roles",
  "created_at",
  "disabled_at",
  sql<boolean>`password_hash IS NULL`.as("invited"),
] as const;

/** Whether any user, of any tenant, signs in with `email` (lower case). */
export async function consoleEmailTaken(db: Kysely<DB>, email: string): Promise<boolean> {
  const taken = await db
    .selectFrom("console_users")
    .select("id")
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email))
    .executeTakeFirst();
  return taken !== undefined;
}

export async function insertConsoleUser(
  db: Kysely<DB>,
  row: {
    id: string;
    tenant_id: string;
    email: string;
    name: string;
    /** Null: invited, no password until the invitation is accepted. */
    password_hash: string | null;
    roles: string[];
  },
): Promise<ConsoleUserRow> {
  return db.insertInto("console_users").values(row).returning(COLUMNS).executeTakeFirstOrThrow();
}

export async function listConsoleUserRows(
  db: Kysely<DB>,
  tenantId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<ConsoleUserRow[]> {
  let q = db
    .selectFrom("console_users")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .orderBy("id")
    .limit(page.limit);
  if (page.cursor) q = q.where("id", ">", page.cursor);
  return q.execute();
}

/** A tenant's console user, locked (FOR UPDATE). */
export async function lockConsoleUser(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<ConsoleUserRow | undefined> {
  return db
    .selectFrom("console_users")
    .select(COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function markDisabled(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  at: Date,
): Promise<ConsoleUserRow> {
  return db
    .updateTable("console_users")
    .set({ disabled_at: at })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Sets a user's password (an invitation accepted, a password reset). */
export async function setPasswordHash(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  passwordHash: string,
): Promise<ConsoleUserRow> {
  return db
    .updateTable("console_users")
    .set({ password_hash: passwordHash })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Sign-in lookup: the user with `email` (lower case), with its password hash and tenant clock. */
export async function findSignInUser(db: Kysely<DB>, email: string) {
  return db
    .selectFrom("console_users")
    .select([
      "console_users.id",
      "console_users.tenant_id",
      "console_users.email",
      "console_users.name",
      "console_users.roles",
      "console_users.created_at",
      "console_users.disabled_at",
      "console_users.password_hash",
      testClockNowOf(db, sql.ref<string>("console_users.tenant_id")).as("test_clock_now"),
    ])
    .where((eb) => eb(eb.fn("lower", ["console_users.email"]), "=", email))
    .executeTakeFirst();
}
