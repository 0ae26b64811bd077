/**
 * The record of customer transfers between business entities: one row per customer moved
 * and per contract that followed it. The transfer itself spans customers, contracts,
 * invoices and payments: src/workflows/transfers.ts.
 */
import type { Static } from "typebox";
import { notFound } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../context.js";
import { fetchPage, type Page } from "../pagination.js";
import {
  countCustomerTransfers,
  findTransfer,
  insertTransfers,
  listTransferRows,
  type TransferRow,
} from "./entities.repository.js";
import type { BusinessEntityTransferSchema } from "./entities.schemas.js";

/** A transfer record as answered; BusinessEntityTransferSchema defines it. */
export type BusinessEntityTransfer = Static<typeof BusinessEntityTransferSchema>;

const toTransfer = (r: TransferRow): BusinessEntityTransfer => ({
  id: r.id,
  resource_type: r.resource_type,
  resource_id: r.resource_id,
  active_resource_id: r.active_resource_id,
  source_business_entity_id: r.source_business_entity_id,
  destination_business_entity_id: r.destination_business_entity_id,
  reason_code: r.reason_code,
  created_at: r.created_at.toISOString(),
});

/** How many times the customer was transferred this (UTC) year, as of `now`. */
export async function transfersThisYear(ctx: Ctx, customerId: string, now: Date): Promise<number> {
  const yearStart = new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
  return countCustomerTransfers(ctx.db, ctx.tenantId, customerId, yearStart);
}

export type TransferRecord = {
  resource_type: "customer" | "subscription";
  /** The deprecated copy left in the source entity. */
  resource_id: string;
  active_resource_id: string;
  source_business_entity_id: string;
  destination_business_entity_id: string;
  reason_code: string;
};

/** Records transfers made at `now`, each with its audit record; returns them in order. */
export async function recordTransfers(
  ctx: Ctx,
  records: readonly TransferRecord[],
  now: Date,
): Promise<BusinessEntityTransfer[]> {
  const rows = await insertTransfers(
    ctx.db,
    records.map((r) => ({ ...r, id: newId("transfer"), tenant_id: ctx.tenantId, created_at: now })),
  );
  return rows.map((row) => {
    const transfer = toTransfer(row);
    ctx.audit({ targetType: "business_entity_transfer", targetId: row.id, after: transfer });
    return transfer;
  });
}

export async function getTransfer(ctx: Ctx, id: string): Promise<BusinessEntityTransfer> {
  const row = await findTransfer(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("transfer_not_found", `no business entity transfer ${id}`, { id });
  return toTransfer(row);
}

export async function listTransfers(
  ctx: Ctx,
  query: {
    limit: number;
    cursor?: string | undefined;
    resource_type?: "customer" | "subscription" | undefined;
    active_resource_id?: string | undefined;
  },
): Promise<Page<BusinessEntityTransfer>> {
  return fetchPage(
    query.limit,
    (n) =>
      listTransferRows(ctx.db, ctx.tenantId, {
        limit: n,
        after: query.cursor,
        resourceType: query.resource_type,
        activeResourceId: query.active_resource_id,
      }),
    toTransfer,
  );
}
