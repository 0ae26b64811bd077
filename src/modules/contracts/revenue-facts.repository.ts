/**
 * What the reports (src/modules/reports) read of contracts: the phases in force, and the
 * contracts started and ended in a period.
 */
import { type Expression, type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../../storage/schema.js";

/**
 * The tenant's contracts in force at `at` (deprecated copies left out) whose phase then is a
 * normal one (neither trial nor inactive): each with its currency, plan variant and quantity. A
 * LATERAL subquery of another module's statement, `at` being that statement's expression.
 */
export function normalPhasesAt(
  tenantId: string,
  at: Expression<Date>,
): RawBuilder<{ currency: string; plan_variant_id: string; quantity: string }> {
  return sql<{ currency: string; plan_variant_id: string; quantity: string }>`
    SELECT c.currency, ph.plan_variant_id, ph.quantity
    FROM contracts c
    CROSS JOIN LATERAL (
      SELECT type, plan_variant_id, quantity FROM contract_phases
      WHERE contract_id = c.id AND start_at <= ${at} ORDER BY start_at DESC LIMIT 1
    ) ph
    WHERE c.tenant_id = ${tenantId} AND c.active_id IS NULL AND c.start_at <= ${at}
      AND (c.end_at IS NULL OR c.end_at > ${at})
      AND ph.type = 'normal'`;
}

/**
 * The tenant's contracts (deprecated copies left out) per currency: how many were in force
 * just before `start`, how many started from `start` up to `at`, and how many ended then
 * (a contract ended at its very start never ran and is not counted). Instants are ISO
 * timestamps.
 */
export async function contractMovements(
  db: Kysely<DB>,
  tenantId: string,
  range: { start: string; at: string },
): Promise<{ currency: string; at_start: string; started: string; ended: string }[]> {
  const start = sql`${range.start}::timestamptz`;
  const at = sql`${range.at}::timestamptz`;
  const { rows } = await sql<{
    currency: string;
    at_start: string;
    started: string;
    ended: string;
  }>`
    SELECT currency,
           count(*) FILTER (WHERE start_at < ${start}
                              AND (end_at IS NULL OR end_at >= ${start}))::text AS at_start,
           count(*) FILTER (WHERE start_at >= ${start} AND start_at <= ${at})::text AS started,
           count(*) FILTER (WHERE end_at >= ${start} AND end_at <= ${at}
                              AND end_at > start_at)::text AS ended
    FROM contracts
    WHERE tenant_id = ${tenantId} AND active_id IS NULL
      AND start_at <= ${at} AND (end_at IS NULL OR end_at >= ${start})
    GROUP BY currency
  `.execute(db);
  return rows;
}
