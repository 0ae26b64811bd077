import {
  type Insertable,
  type Kysely,
  type Selectable,
  type SelectQueryBuilder,
  sql,
} from "kysely";
import type { DB, UsageRecordsTable } from "../../storage/schema.js";

export type UsageRow = Selectable<UsageRecordsTable>;

/** Writes a usage record; undefined when its key is already stored for the contract. */
export async function insertUsage(
  db: Kysely<DB>,
  values: Insertable<UsageRecordsTable>,
): Promise<UsageRow | undefined> {
  return db
    .insertInto("usage_records")
    .values(values)
    .onConflict((oc) =>
      oc.columns(["tenant_id", "contract_id", "key"]).where("key", "is not", null).doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
}

/** The record stored under a contract's de-duplication key. */
export async function findUsageByKey(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  key: string,
): Promise<UsageRow> {
  return db
    .selectFrom("usage_records")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .where("key", "=", key)
    .executeTakeFirstOrThrow();
}

/** A page of a contract's usage, by id. */
export async function listUsageRows(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  page: { limit: number; cursor?: string | undefined; offset?: number | undefined },
): Promise<UsageRow[]> {
  let q = db
    .selectFrom("usage_records")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId);
  if (page.cursor) q = q.where("id", ">", page.cursor);
  q = q.orderBy("id").limit(page.limit);
  if (page.offset) q = q.offset(page.offset);
  return q.execute();
}

/** One usage record of a contract. */
export async function findUsage(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<UsageRow | undefined> {
  let q = db
    .selectFrom("usage_records")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function deleteUsageRecord(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom("usage_records").where("id", "=", id).execute();
}

export type UsageBatchRow = {
  id: string;
  contract_id: string;
  component_id: string;
  quantity: string;
  due_at: Date;
  memo: string | null;
  key: string | null;
};

/**
 * Writes many usage records in one statement, skipping keys already stored for their
 * contract; the number written.
 */
export async function insertUsageBatch(
  db: Kysely<DB>,
  tenantId: string,
  rows: readonly UsageBatchRow[],
  createdAt: Date,
): Promise<number> {
  const column = <T>(f: (r: UsageBatchRow) => T) => rows.map(f);
  const result = await sql`
    INSERT INTO usage_records (id, tenant_id, contract_id, component_id, quantity, due_at, memo, key, created_at)
    SELECT u.id, ${tenantId}, u.contract_id, u.component_id, u.quantity, u.due_at, u.memo, u.key, ${createdAt.toISOString()}::timestamptz
    FROM unnest(
      ${column((r) => r.id)}::text[],
      ${column((r) => r.contract_id)}::text[],
      ${column((r) => r.component_id)}::text[],
      ${column((r) => r.quantity)}::numeric[],
      ${column((r) => r.due_at.toISOString())}::timestamptz[],
      ${column((r) => r.memo)}::text[],
      ${column((r) => r.key)}::text[]
    ) AS u(id, contract_id, component_id, quantity, due_at, memo, key)
    ON CONFLICT (tenant_id, contract_id, key) WHERE key IS NOT NULL DO NOTHING`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

type ContractFacts = {
  id: string;
  plan_group_id: string;
  business_entity_id: string;
  active_id: string | null;
  customer_entity_id: string;
};
type ComponentFacts = { id: string; plan_group_id: string; type: string };

/**
 * What recording usage checks, in one statement: the contracts (with their transfer facts)
 * and the components named, each list from its module's query.
 */
export async function findUsageReferences(
  db: Kysely<DB>,
  contracts: SelectQueryBuilder<DB, never, ContractFacts>,
  components: SelectQueryBuilder<DB, never, ComponentFacts>,
): Promise<{ contracts: ContractFacts[]; components: ComponentFacts[] }> {
  const row = await db
    .selectNoFrom([
      sql<ContractFacts[]>`(SELECT coalesce(json_agg(c), '[]') FROM (${contracts}) c)`.as(
        "contracts",
      ),
      sql<ComponentFacts[]>`(SELECT coalesce(json_agg(m), '[]') FROM (${components}) m)`.as(
        "components",
      ),
    ])
    .executeTakeFirstOrThrow();
  return row;
}
