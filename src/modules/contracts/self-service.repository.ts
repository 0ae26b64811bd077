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
    .executeTakeFirst();
}
