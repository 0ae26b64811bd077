import { type Kysely, type Selectable, sql } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { Phase, Timeline } from "../../domain/contracts/phases.js";
import { rowsOfContracts } from "../../storage/bulk.js";
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

/** A contract with its timeline, in one statement (the API's read of one contract). */
export async function findContractWithTimeline(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<{ row: ContractRow; timeline: Timeline } | undefined> {
  const found = await db
    .selectFrom("contracts as c")
    .selectAll("c")
    .select(
      sql<PhaseJson[]>`coalesce((
        SELECT json_agg(json_build_object(
          'type', p.type,
          'start_ms', (extract(epoch FROM p.start_at) * 1000)::bigint,
          'plan_variant_id', p.plan_variant_id,
          'quantity', p.quantity::text
        ) ORDER BY p.start_at)
        FROM contract_phases p WHERE p.contract_id = c.id), '[]')`.as("phase_list"),
    )
    .where("c.tenant_id", "=", tenantId)
    .where("c.id", "=", id)
    .executeTakeFirst();
  if (!found) return undefined;
  const { phase_list, ...row } = found;
  return {
    row,
    timeline: {
      start: instant(row.start_at),
      end: row.end_at ? instant(row.end_at) : null,
      phases: phase_list.map((p) => ({
        type: p.type,
        start: Temporal.Instant.fromEpochMilliseconds(p.start_ms),
        planVariantId: p.plan_variant_id,
        quantity: p.quantity,
      })),
    },
  };
}

type PhaseJson = {
  type: Phase["type"];
  start_ms: number;
  plan_variant_id: string | null;
  quantity: string;
};

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
  return (await loadTimelines(db, [contract])).get(contract.id)!;
}

/** The timelines of several contracts in one query, by contract id. */
export async function loadTimelines(
  db: Kysely<DB>,
  contracts: readonly ContractRow[],
): Promise<Map<string, Timeline>> {
  if (contracts.length === 0) return new Map();
  const rows = await rowsOfContracts(
    db,
    "contract_phases",
    contracts.map((c) => c.id),
    { tenantId: null, orderBy: "start_at" },
  );
  const phases = new Map<string, Phase[]>(contracts.map((c) => [c.id, []]));
  for (const r of rows) {
    phases.get(r.contract_id)!.push({
      type: r.type,
      start: instant(r.start_at),
      planVariantId: r.plan_variant_id,
      quantity: r.quantity,
    });
  }
  return new Map(
    contracts.map((c) => [
      c.id,
      {
        start: instant(c.start_at),
        end: c.end_at ? instant(c.end_at) : null,
        phases: phases.get(c.id)!,
      },
    ]),
  );
}

/**
 * Replaces a contract's phases and end with the timeline's. A phase start is announced once
 * (src/jobs/contract-phase-events.ts): a phase that starts by `updatedAt` (the tenant's now)
 * is announced by the event of the write itself, one in the future later by the job; a phase
 * kept at the same start keeps its marks.
 */
export async function saveTimeline(
  db: Kysely<DB>,
  contractId: string,
  timeline: Timeline,
  updatedAt: Date,
): Promise<void> {
  const previous = await db
    .deleteFrom("contract_phases")
    .where("contract_id", "=", contractId)
    .returning(["start_at", "announced_at", "end_approach_announced_at"])
    .execute();
  const marks = new Map(previous.map((p) => [p.start_at.getTime(), p]));
  await db
    .insertInto("contract_phases")
    .values(
      timeline.phases.map((p) => {
        const start = date(p.start);
        const kept = marks.get(start.getTime());
        return {
          contract_id: contractId,
          start_at: start,
          type: p.type,
          plan_variant_id: p.planVariantId,
          quantity: p.quantity,
          announced_at: kept?.announced_at ?? (start <= updatedAt ? updatedAt : null),
          end_approach_announced_at: kept?.end_approach_announced_at ?? null,
        };
      }),
    )
    .execute();
  const end = timeline.end ? date(timeline.end) : null;
  await db
    .updateTable("contracts")
    .set({
      end_at: end,
      updated_at: updatedAt,
      // billing looks at the contract again by its end (the final settlement), and a contract
      // that was fully billed is looked at again after any change
      next_billing_at:
        end === null
          ? sql`coalesce(next_billing_at, start_at)`
          : sql`least(coalesce(next_billing_at, ${end}), ${end})`,
    })
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

/**
 * Something billable was added to contracts (usage, a rated item, a component): a contract
 * that billing no longer looks at (ended and settled: no next billing date) is due again at
 * `at`. Others keep their next billing date: what was added is billed when it falls due.
 * Billing finds what is due; the callers (ingestion among them) know nothing of billing.
 */
export async function markDue(
  db: Kysely<DB>,
  tenantId: string,
  contractIds: readonly string[],
  at: Date,
): Promise<void> {
  if (contractIds.length === 0) return;
  await db
    .updateTable("contracts")
    .set({ next_billing_at: at })
    .where("tenant_id", "=", tenantId)
    .where("id", "in", contractIds)
    .where("next_billing_at", "is", null)
    .execute();
}
