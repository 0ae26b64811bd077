/** What the dashboard (src/modules/reports) reads of contracts: the phases in force. */
import { type Expression, type RawBuilder, sql } from "kysely";

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
