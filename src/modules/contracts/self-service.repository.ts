import { type Insertable, type Kysely, sql } from "kysely";
import type { DB, SelfServiceTokensTable } from "../../storage/schema.js";
import { customerFreezes } from "../customers/index.js";
import { tenantSettings } from "../tenants/index.js";

/** Stores a self-service token (its hash). */
export async function insertSelfServiceToken(
  db: Kysely<DB>,
  values: Insertable<SelfServiceTokensTable>,
): Promise<void> {
  await db.insertInto("self_service_tokens").values(values).execute();
}

/** What a live token (by its hash) opens: its tenant, contract and customer, in one statement. */
export async function findLiveToken(
  db: Kysely<DB>,
  tokenHash: string,
): Promise<
  | {
      tenant_id: string;
      contract_id: string;
      customer_id: string;
      frozen_at: Date | null;
      test_clock_now: Date | null;
    }
  | undefined
> {
  return db
    .selectFrom("self_service_tokens as t")
    .innerJoin("contracts as c", "c.id", "t.contract_id")
    .innerJoin(customerFreezes(db).as("cu"), "cu.id", "c.customer_id")
    .innerJoin(tenantSettings(db).as("te"), "te.id", "t.tenant_id")
    .select([
      "t.tenant_id",
      "t.contract_id",
      "cu.id as customer_id",
      "cu.frozen_at",
      "te.test_clock_now",
    ])
    .where("t.token_hash", "=", tokenHash)
    .where("t.expires_at", ">", sql<Date>`now()`)
    .where("t.revoked_at", "is", null)
    .executeTakeFirst();
}

/** A contract's portal links, newest first (at most `limit`). */
export function listContractTokens(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  limit: number,
) {
  return db
    .selectFrom("self_service_tokens")
    .select(["token_hash", "created_at", "expires_at", "revoked_at"])
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .orderBy("created_at", "desc")
    .orderBy("token_hash")
    .limit(limit)
    .execute();
}

/**
 * Revokes a contract's live links — the one whose hash starts with `hashPrefix`, or all —
 * from `at`; answers the hashes revoked.
 */
export async function revokeContractTokens(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  hashPrefix: string | null,
  at: Date,
): Promise<string[]> {
  let q = db
    .updateTable("self_service_tokens")
    .set({ revoked_at: at })
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", at);
  if (hashPrefix !== null) q = q.where("token_hash", "like", `${hashPrefix}%`);
  const rows = await q.returning("token_hash").execute();
  return rows.map((r) => r.token_hash);
}

/** A tenant's portal link by its token's hash, live or not, locked for its activation. */
export function findTenantToken(db: Kysely<DB>, tenantId: string, tokenHash: string) {
  return db
    .selectFrom("self_service_tokens")
    .select(["token_hash", "contract_id", "expires_at", "revoked_at", "activated_at"])
    .where("tenant_id", "=", tenantId)
    .where("token_hash", "=", tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

/** Records when a portal link was activated. */
export async function markTokenActivated(
  db: Kysely<DB>,
  tenantId: string,
  tokenHash: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable("self_service_tokens")
    .set({ activated_at: at })
    .where("tenant_id", "=", tenantId)
    .where("token_hash", "=", tokenHash)
    .execute();
}
