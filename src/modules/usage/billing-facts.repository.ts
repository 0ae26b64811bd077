/**
 * What billing (src/modules/invoicing) reads and writes of usage: a batch's usage summed per
 * day, what a settlement marks billed, and what a voided document unbills. Every query is
 * tenant-scoped.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../storage/schema.js";

/**
 * The usage of several contracts summed per component and day (`YYYY-MM-DD`) of each
 * contract's time zone, by contract, component and day.
 */
export async function usagePerDay(
  db: Kysely<DB>,
  tenantId: string,
  contracts: readonly { id: string; timeZone: string }[],
): Promise<{ contract_id: string; component_id: string; day: string; quantity: string }[]> {
  const ids = contracts.map((c) => c.id);
  const zones = contracts.map((c) => c.timeZone);
  const { rows } = await sql<{
    contract_id: string;
    component_id: string;
    day: string;
    quantity: string;
  }>`
      SELECT u.contract_id, u.component_id,
             to_char((u.due_at AT TIME ZONE z.zone)::date, 'YYYY-MM-DD') AS day,
             sum(u.quantity)::text AS quantity
      FROM unnest(${ids}::text[], ${zones}::text[]) AS z(contract_id, zone)
      CROSS JOIN LATERAL (
        SELECT * FROM usage_records r
        WHERE r.tenant_id = ${tenantId} AND r.contract_id = z.contract_id
        OFFSET 0 -- a fence: the planner would otherwise turn this back into a plain join
      ) u
      GROUP BY u.contract_id, u.component_id, day
      ORDER BY u.contract_id, u.component_id, day`.execute(db);
  return rows;
}

/**
 * Marks the usage of components over spans billed, in one statement: records on a new
 * document get its id, those without a document (`invoiceId` null) are only stamped if they
 * were not billed yet. A span is the records due at or after `start` and before `end`.
 */
export async function markUsageBilled(
  db: Kysely<DB>,
  tenantId: string,
  spans: readonly {
    contractId: string;
    componentId: string;
    start: Date;
    end: Date;
    invoiceId: string | null;
  }[],
  now: Date,
): Promise<void> {
  if (spans.length === 0) return;
  await sql`
      UPDATE usage_records u
      SET billed_at = ${now}, invoice_id = coalesce(m.invoice_id, u.invoice_id)
      FROM unnest(${spans.map((m) => m.contractId)}::text[],
                  ${spans.map((m) => m.componentId)}::text[],
                  ${spans.map((m) => m.start.toISOString())}::timestamptz[],
                  ${spans.map((m) => m.end.toISOString())}::timestamptz[],
                  ${spans.map((m) => m.invoiceId)}::text[])
           AS m(contract_id, component_id, start_at, end_at, invoice_id)
      WHERE u.tenant_id = ${tenantId} AND u.contract_id = m.contract_id
        AND u.component_id = m.component_id
        AND u.due_at >= m.start_at AND u.due_at < m.end_at
        AND (m.invoice_id IS NOT NULL OR u.billed_at IS NULL)`.execute(db);
}

/** The usage records a document billed are unbilled again (the document was voided). */
export async function unbillUsage(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
): Promise<void> {
  await db
    .updateTable("usage_records")
    .set({ billed_at: null, invoice_id: null })
    .where("tenant_id", "=", tenantId)
    .where("invoice_id", "=", invoiceId)
    .execute();
}
