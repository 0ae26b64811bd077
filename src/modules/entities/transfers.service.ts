/**
 * Customer transfers between business entities, after Chargebee's Multi Business Entity
 * rules (seed 000, docs/entities.md):
 * - the customer keeps its id and moves at once; a deprecated copy (new id, `active_id` =
 *   the customer) stays in the source entity with the history;
 * - each contract follows later, when the billing run (the renewal job) next reaches it:
 *   active ones at their next billing date, future ones at their start, resting ones once
 *   resumed; one with an end date never moves. A moving contract keeps its id too, and
 *   leaves a copy with status `transferred` in the source entity.
 */
import { sql } from "kysely";
import {
  movesWithBilling,
  moveTiming,
  type TransferFacts,
  transferBlocker,
} from "../../domain/entities/transfer.js";
import { conflict, notFound, unprocessable } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import { toJson } from "../../lib/json.js";
import type { BusinessEntityTransfersTable } from "../../storage/schema.js";
import type { Ctx } from "../context.js";
import type { ContractRow } from "../contracts/index.js";
import { findCustomer } from "../customers/index.js";
import { fetchPage, type Page } from "../pagination.js";
import { customerBalance } from "../payments/index.js";
import { findEntity } from "./entities.service.js";

export type BusinessEntityTransfer = {
  id: string;
  resource_type: "customer" | "subscription";
  resource_id: string;
  active_resource_id: string;
  source_business_entity_id: string;
  destination_business_entity_id: string;
  reason_code: string;
  created_at: string;
};

type TransferRow = {
  [K in keyof BusinessEntityTransfersTable]: K extends "created_at"
    ? Date
    : BusinessEntityTransfersTable[K];
};

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

const toDate = (ctx: Ctx) => new Date(ctx.clock.now().epochMilliseconds);

export type TransferInput = {
  customer_id: string;
  destination_business_entity_id: string;
  source_business_entity_id?: string | undefined;
  reason_code?: "correction" | undefined;
};

/** What the prerequisites look at, gathered under the customer's row lock. */
async function gatherFacts(
  ctx: Ctx,
  customer: { id: string; business_entity_id: string; active_id: string | null },
  destination: { id: string; currencies: string[] },
  now: Date,
): Promise<TransferFacts> {
  const yearStart = new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
  const { rows } = await sql<{
    transfers: string;
    in_trial: string;
    drafts: string;
    unbilled: string;
  }>`
    SELECT
      (SELECT count(*) FROM business_entity_transfers
        WHERE tenant_id = ${ctx.tenantId} AND resource_type = 'customer'
          AND active_resource_id = ${customer.id} AND created_at >= ${yearStart}) AS transfers,
      (SELECT count(*) FROM contracts c
        WHERE c.tenant_id = ${ctx.tenantId} AND c.customer_id = ${customer.id}
          AND c.active_id IS NULL AND (c.end_at IS NULL OR c.end_at > ${now})
          AND (SELECT p.type FROM contract_phases p
                WHERE p.contract_id = c.id AND p.start_at <= ${now}
                ORDER BY p.start_at DESC LIMIT 1) = 'trial') AS in_trial,
      (SELECT count(*) FROM invoices
        WHERE tenant_id = ${ctx.tenantId} AND customer_id = ${customer.id}
          AND status = 'draft') AS drafts,
      (SELECT count(*) FROM rated_items r
        JOIN contracts c ON c.tenant_id = r.tenant_id AND c.id = r.contract_id
        WHERE r.tenant_id = ${ctx.tenantId} AND c.customer_id = ${customer.id}
          AND r.billed_at IS NULL) AS unbilled`.execute(ctx.db);
  const counts = rows[0]!;
  const balance = await customerBalance(ctx, customer.id);
  const moving = await ctx.db
    .selectFrom("contracts")
    .select("currency")
    .distinct()
    .where("tenant_id", "=", ctx.tenantId)
    .where("customer_id", "=", customer.id)
    .where("business_entity_id", "=", customer.business_entity_id)
    .where("active_id", "is", null)
    .where("end_at", "is", null)
    .execute();
  return {
    sourceEntityId: customer.business_entity_id,
    destinationEntityId: destination.id,
    customerDeprecated: customer.active_id !== null,
    transfersThisYear: Number(counts.transfers),
    contractsInTrial: Number(counts.in_trial),
    draftDocuments: Number(counts.drafts),
    unpaidInvoices: balance.open_invoices.length,
    unbilledCharges: Number(counts.unbilled),
    creditCurrencies: balance.balances
      .filter((b) => b.balance.startsWith("-"))
      .map((b) => b.currency),
    contractCurrencies: moving.map((c) => c.currency),
    destinationCurrencies: destination.currencies,
  };
}

/** Moves a customer to another business entity; its contracts follow (see the module doc). */
export async function createTransfer(
  ctx: Ctx,
  input: TransferInput,
): Promise<BusinessEntityTransfer> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, input.customer_id, {
    forUpdate: true,
  });
  if (!customer) {
    throw unprocessable("unknown_customer", `no customer ${input.customer_id}`, {
      field: "customer_id",
    });
  }
  const destination = await findEntity(ctx, input.destination_business_entity_id);
  if (!destination) {
    throw unprocessable(
      "unknown_business_entity",
      `no business entity ${input.destination_business_entity_id}`,
      { field: "destination_business_entity_id" },
    );
  }
  if (
    input.source_business_entity_id !== undefined &&
    input.source_business_entity_id !== customer.business_entity_id
  ) {
    throw unprocessable(
      "source_business_entity_mismatch",
      `customer ${customer.id} belongs to business entity ${customer.business_entity_id}`,
      { field: "source_business_entity_id" },
    );
  }
  // a billing batch holding one of its contracts finishes first (and its invoice counts
  // below); one that starts later skips them until the transfer is committed
  await ctx.db
    .selectFrom("contracts")
    .select("id")
    .where("tenant_id", "=", ctx.tenantId)
    .where("customer_id", "=", customer.id)
    .forUpdate()
    .execute();
  const now = toDate(ctx);
  const blocker = transferBlocker(await gatherFacts(ctx, customer, destination, now));
  if (blocker) {
    const make = blocker.status === 409 ? conflict : unprocessable;
    throw make(blocker.code, blocker.message, { customer_id: customer.id });
  }

  // the copy left behind: the customer as it was, under a new id, pointing at the customer
  const {
    id: _id,
    external_id: _external,
    business_entity_id: source,
    active_id: _active,
    transferred_at: _at,
    ...fields
  } = customer;
  const deprecatedId = newId("customer");
  await ctx.db
    .insertInto("customers")
    .values({
      ...fields,
      address: toJson(customer.address),
      custom_fields: toJson(customer.custom_fields),
      id: deprecatedId,
      external_id: null,
      business_entity_id: source,
      active_id: customer.id,
      transferred_at: now,
      updated_at: now,
    })
    .execute();
  await ctx.db
    .updateTable("customers")
    .set({ business_entity_id: destination.id, updated_at: now })
    .where("tenant_id", "=", ctx.tenantId)
    .where("id", "=", customer.id)
    .execute();
  const row = await ctx.db
    .insertInto("business_entity_transfers")
    .values({
      id: newId("transfer"),
      tenant_id: ctx.tenantId,
      resource_type: "customer",
      resource_id: deprecatedId,
      active_resource_id: customer.id,
      source_business_entity_id: source,
      destination_business_entity_id: destination.id,
      reason_code: input.reason_code ?? "correction",
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const transfer = toTransfer(row);
  ctx.audit({ targetType: "business_entity_transfer", targetId: row.id, after: transfer });
  // when each contract still in the source entity follows (docs/entities.md)
  const staying = await ctx.db
    .selectFrom("contracts")
    .select(["id", "start_at", "end_at", "resting_since"])
    .where("tenant_id", "=", ctx.tenantId)
    .where("customer_id", "=", customer.id)
    .where("business_entity_id", "=", source)
    .where("active_id", "is", null)
    .orderBy("id")
    .execute();
  await ctx.emit({
    type: "customer.transferred",
    subjectType: "customer",
    subjectId: customer.id,
    payload: {
      ...transfer,
      contracts: staying.map((c) => ({ contract_id: c.id, moves: moveTiming(c, now) })),
    },
  });
  return transfer;
}

export async function getTransfer(ctx: Ctx, id: string): Promise<BusinessEntityTransfer> {
  const row = await ctx.db
    .selectFrom("business_entity_transfers")
    .selectAll()
    .where("tenant_id", "=", ctx.tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
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
  let q = ctx.db
    .selectFrom("business_entity_transfers")
    .selectAll()
    .where("tenant_id", "=", ctx.tenantId);
  if (query.cursor) q = q.where("id", ">", query.cursor);
  if (query.resource_type) q = q.where("resource_type", "=", query.resource_type);
  if (query.active_resource_id) q = q.where("active_resource_id", "=", query.active_resource_id);
  return fetchPage(query.limit, (n) => q.orderBy("id").limit(n).execute(), toTransfer);
}

/**
 * The renewal job's part of transfers: of the contracts a billing batch holds locked, those
 * whose customer now belongs to another entity and that may move (no end date, not resting)
 * move to it before they are billed, each leaving a `transferred` copy in the source entity.
 * One statement finds them for the whole batch; the rest runs only when some move.
 */
export async function moveTransferredContracts(
  ctx: Ctx,
  contracts: readonly ContractRow[],
): Promise<ContractRow[]> {
  if (contracts.length === 0) return [...contracts];
  const { rows: candidates } = await sql<{
    id: string;
    customer_id: string;
    source: string;
    destination: string;
  }>`
    SELECT c.id, c.customer_id, c.business_entity_id AS source,
           cu.business_entity_id AS destination
    FROM contracts c
    JOIN customers cu ON cu.tenant_id = c.tenant_id AND cu.id = c.customer_id
    WHERE c.tenant_id = ${ctx.tenantId} AND c.id = ANY(${contracts.map((c) => c.id)}::text[])
      AND c.business_entity_id <> cu.business_entity_id
      AND c.active_id IS NULL`.execute(ctx.db);
  const byId = new Map(contracts.map((c) => [c.id, c]));
  const moves = candidates
    .filter((m) => movesWithBilling(byId.get(m.id)!))
    .map((m) => ({ ...m, contract: byId.get(m.id)!, copyId: newId("contract") }));
  if (moves.length === 0) return [...contracts];

  const now = toDate(ctx);
  // the customer's copy in the source entity owns the copies of its contracts
  const copies = await ctx.db
    .selectFrom("customers")
    .select(["id", "active_id", "business_entity_id"])
    .where("tenant_id", "=", ctx.tenantId)
    .where(
      "active_id",
      "in",
      moves.map((m) => m.customer_id),
    )
    .orderBy("transferred_at", "desc")
    .execute();
  const copyOf = (m: { customer_id: string; source: string }) =>
    copies.find((c) => c.active_id === m.customer_id && c.business_entity_id === m.source)?.id ??
    m.customer_id;

  await ctx.db
    .insertInto("contracts")
    .values(
      moves.map((m) => ({
        id: m.copyId,
        tenant_id: ctx.tenantId,
        customer_id: copyOf(m),
        plan_group_id: m.contract.plan_group_id,
        currency: m.contract.currency,
        start_at: m.contract.start_at,
        end_at: now,
        next_billing_at: null,
        last_billed_at: m.contract.last_billed_at,
        business_entity_id: m.source,
        active_id: m.id,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await sql`
    UPDATE contracts c SET business_entity_id = m.destination, moved_at = ${now}, updated_at = ${now}
    FROM unnest(${moves.map((m) => m.id)}::text[], ${moves.map((m) => m.destination)}::text[])
         AS m(id, destination)
    WHERE c.tenant_id = ${ctx.tenantId} AND c.id = m.id`.execute(ctx.db);
  const transfers = await ctx.db
    .insertInto("business_entity_transfers")
    .values(
      moves.map((m) => ({
        id: newId("transfer"),
        tenant_id: ctx.tenantId,
        resource_type: "subscription" as const,
        resource_id: m.copyId,
        active_resource_id: m.id,
        source_business_entity_id: m.source,
        destination_business_entity_id: m.destination,
        reason_code: "correction",
        created_at: now,
      })),
    )
    .returningAll()
    .execute();
  for (const row of transfers) {
    const transfer = toTransfer(row);
    ctx.audit({ targetType: "business_entity_transfer", targetId: row.id, after: transfer });
    await ctx.emit({
      type: "contract.transferred",
      subjectType: "contract",
      subjectId: row.active_resource_id,
      payload: transfer,
    });
  }
  const moved = new Map(moves.map((m) => [m.id, m.destination]));
  return contracts.map((c) =>
    moved.has(c.id) ? { ...c, business_entity_id: moved.get(c.id)!, moved_at: now } : c,
  );
}
