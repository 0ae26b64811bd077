/**
 * What a customer transfer between business entities reads and writes of contracts: the
 * prerequisites, the contracts that stay, and the move of contracts that follow their
 * customer (src/workflows/transfers.ts). The rules are src/domain/entities/.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../storage/schema.js";
import type { ContractRow } from "./contracts.repository.js";

/** Locks every contract of the customer (a billing batch holding one finishes first). */
export async function lockCustomerContracts(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<void> {
  await db
    .selectFrom("contracts")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .forUpdate()
    .execute();
}

/** What the transfer prerequisites read of a customer's contracts, in one statement. */
export async function contractTransferFacts(
  db: Kysely<DB>,
  tenantId: string,
  customer: { id: string; business_entity_id: string },
  now: Date,
): Promise<{ inTrial: number; unbilled: number; currencies: string[] }> {
  const { rows } = await sql<{ in_trial: string; unbilled: string; currencies: string[] }>`
    SELECT
      (SELECT count(*) FROM contracts c
        WHERE c.tenant_id = ${tenantId} AND c.customer_id = ${customer.id}
          AND c.active_id IS NULL AND (c.end_at IS NULL OR c.end_at > ${now})
          AND (SELECT p.type FROM contract_phases p
                WHERE p.contract_id = c.id AND p.start_at <= ${now}
                ORDER BY p.start_at DESC LIMIT 1) = 'trial') AS in_trial,
      (SELECT count(*) FROM rated_items r
        JOIN contracts c ON c.tenant_id = r.tenant_id AND c.id = r.contract_id
        WHERE r.tenant_id = ${tenantId} AND c.customer_id = ${customer.id}
          AND r.billed_at IS NULL) AS unbilled,
      ARRAY(SELECT DISTINCT currency FROM contracts
        WHERE tenant_id = ${tenantId} AND customer_id = ${customer.id}
          AND business_entity_id = ${customer.business_entity_id}
          AND active_id IS NULL AND end_at IS NULL) AS currencies`.execute(db);
  const row = rows[0]!;
  return {
    inTrial: Number(row.in_trial),
    unbilled: Number(row.unbilled),
    currencies: row.currencies,
  };
}

/** The customer's contracts still in `entityId`, current ones (no copies), by id. */
export async function contractsIn(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  entityId: string,
): Promise<Pick<ContractRow, "id" | "start_at" | "end_at" | "resting_since">[]> {
  return db
    .selectFrom("contracts")
    .select(["id", "start_at", "end_at", "resting_since"])
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .where("business_entity_id", "=", entityId)
    .where("active_id", "is", null)
    .orderBy("id")
    .execute();
}

/** Whether the customer has a running contract (no end date, no copy) in `entityId`. */
export async function hasOpenContractIn(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  entityId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("contracts")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .where("business_entity_id", "=", entityId)
    .where("active_id", "is", null)
    .where("end_at", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}

/** The business entity a contract belongs to now (undefined: no such contract). */
export async function contractEntityId(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("contracts")
    .select("business_entity_id")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", contractId)
    .executeTakeFirst();
  return row?.business_entity_id;
}

export type ContractMove = {
  contract: ContractRow;
  /** The copy left in the source entity. */
  copyId: string;
  /** Who owns the copy: the customer's copy in the source entity. */
  copyCustomerId: string;
  source: string;
  destination: string;
};

/**
 * Moves contracts to their destination entity, each leaving a copy (status `transferred`:
 * ended now, pointing at the contract) in the source: two statements for the batch.
 */
export async function moveContracts(
  db: Kysely<DB>,
  tenantId: string,
  moves: readonly ContractMove[],
  now: Date,
): Promise<void> {
  await db
    .insertInto("contracts")
    .values(
      moves.map((m) => ({
        id: m.copyId,
        tenant_id: tenantId,
        customer_id: m.copyCustomerId,
        plan_group_id: m.contract.plan_group_id,
        currency: m.contract.currency,
        start_at: m.contract.start_at,
        end_at: now,
        next_billing_at: null,
        last_billed_at: m.contract.last_billed_at,
        business_entity_id: m.source,
        active_id: m.contract.id,
        // the copy bills its history as the contract did, moved term ends included
        term_restarts: JSON.stringify(m.contract.term_restarts ?? []),
        // and its renewals invoiced in advance
        advance_billing: JSON.stringify(m.contract.advance_billing),
        // and what another system billed before it was imported
        billed_until: m.contract.billed_until,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await sql`
    UPDATE contracts c SET business_entity_id = m.destination, moved_at = ${now}, updated_at = ${now}
    FROM unnest(${moves.map((m) => m.contract.id)}::text[], ${moves.map((m) => m.destination)}::text[])
         AS m(id, destination)
    WHERE c.tenant_id = ${tenantId} AND c.id = m.id`.execute(db);
}
