/**
 * The dashboard's statements that span modules, each one statement built from the owners'
 * subqueries: the recurring fees in force (contracts, catalog) and the counts of customers
 * and open invoices (customers, payments). Every query is tenant-scoped.
 */
import { type Kysely, sql } from "kysely";
import type { FeeUnit } from "../../domain/reports/mrr.js";
import type { DB } from "../../storage/schema.js";
import { variantFees } from "../catalog/index.js";
import { normalPhasesAt } from "../contracts/index.js";
import { liveCustomers } from "../customers/index.js";
import { openInvoiceCount } from "../payments/index.js";

/**
 * The recurring fees of the plan variants in force at each of `instants` (ISO timestamps),
 * per instant, currency and fee period: how many contracts, and their fees times quantity.
 */
export async function recurringFeesAt(
  db: Kysely<DB>,
  tenantId: string,
  instants: readonly string[],
): Promise<
  { at: Date; currency: string; unit: FeeUnit; count: number; contracts: string; amount: string }[]
> {
  const { rows } = await sql<{
    at: Date;
    currency: string;
    unit: FeeUnit;
    count: number;
    contracts: string;
    amount: string;
  }>`
    SELECT p.at, ph.currency, v.fee_period->>'unit' AS unit, (v.fee_period->>'count')::int AS count,
           count(*)::text AS contracts, sum(v.recurring_fee::numeric * ph.quantity::numeric)::text AS amount
    FROM unnest(${instants}::timestamptz[]) AS p(at)
    CROSS JOIN LATERAL (${normalPhasesAt(tenantId, sql.ref("p.at"))}) ph
    JOIN ${variantFees(db)} v ON v.id = ph.plan_variant_id
    GROUP BY p.at, ph.currency, unit, count
  `.execute(db);
  return rows;
}

/** How many live customers (deprecated copies left out) and open invoices the tenant has. */
export async function customerAndOpenInvoiceCounts(
  db: Kysely<DB>,
  tenantId: string,
): Promise<{ customers: string; open_invoices: string }> {
  const { rows } = await sql<{ customers: string; open_invoices: string }>`
    SELECT (SELECT count(*) FROM ${liveCustomers(db, tenantId)} c
              WHERE c.active_id IS NULL)::text AS customers,
           ${openInvoiceCount(db, tenantId)}::text AS open_invoices
  `.execute(db);
  return rows[0]!;
}
