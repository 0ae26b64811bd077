import type { Kysely, Selectable } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { Phase, Timeline } from "../../domain/contracts/phases.js";
import type { ContractsTable, DB, OrdersTable } from "../../storage/schema.js";

export type ContractRow = Selectable<ContractsTable>;
export type OrderRow = Selectable<OrdersTable>;

const instant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());
const date = (i: Temporal.Instant) => new Date(i.epochMilliseconds);

/** The one place contracts are scoped to a tenant. */
export async function findContract(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ContractRow | undefined> {
  let q = db
    .selectFrom("contracts")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listContracts(
  db: Kysely<DB>,
  tenantId: string,
  page: {
    limit: number;
    cursor?: string | undefined;
    customerId?: string | undefined;
    offset?: number | undefined;
  },
): Promise<ContractRow[]> {
  let q = db.selectFrom("contracts").selectAll().where("tenant_id", "=", tenantId);
  if (page.cursor) q = q.where("id", ">", page.cursor);
  if (page.customerId) q = q.where("customer_id", "=", page.customerId);
  q = q.orderBy("id").limit(page.limit);
  if (page.offset) q = q.offset(page.offset);
  return q.execute();
}

export async function loadTimeline(db: Kysely<DB>, contract: ContractRow): Promise<Timeline> {
  const rows = await db
    .selectFrom("contract_phases")
    .selectAll()
    .where("contract_id", "=", contract.id)
    .orderBy("start_at")
    .execute();
  return {
    start: instant(contract.start_at),
    end: contract.end_at ? instant(contract.end_at) : null,
    phases: rows.map(
      (r): Phase => ({
        type: r.type,
        start: instant(r.start_at),
        planVariantId: r.plan_variant_id,
        quantity: r.quantity,
      }),
    ),
  };
}

/** Replaces a contract's phases and end with the timeline's. */
export async function saveTimeline(
  db: Kysely<DB>,
  contractId: string,
  timeline: Timeline,
  updatedAt: Date,
): Promise<void> {
  await db.deleteFrom("contract_phases").where("contract_id", "=", contractId).execute();
  await db
    .insertInto("contract_phases")
    .values(
      timeline.phases.map((p) => ({
        contract_id: contractId,
        start_at: date(p.start),
        type: p.type,
        plan_variant_id: p.planVariantId,
        quantity: p.quantity,
      })),
    )
    .execute();
  await db
    .updateTable("contracts")
    .set({ end_at: timeline.end ? date(timeline.end) : null, updated_at: updatedAt })
    .where("id", "=", contractId)
    .execute();
}

export async function findOrder(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<OrderRow | undefined> {
  let q = db
    .selectFrom("orders")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listOrders(
  db: Kysely<DB>,
  tenantId: string,
  page: { limit: number; cursor?: string | undefined; customerId?: string | undefined },
): Promise<OrderRow[]> {
  let q = db.selectFrom("orders").selectAll().where("tenant_id", "=", tenantId);
  if (page.cursor) q = q.where("id", ">", page.cursor);
  if (page.customerId) q = q.where("customer_id", "=", page.customerId);
  return q.orderBy("id").limit(page.limit).execute();
}

/** Whether anything (a contract or an order) refers to the customer. */
export async function customerHasContractsOrOrders(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("orders")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
