/**
 * The one check of Chargebee's restrictions on records a customer transfer left in the
 * source entity (src/domain/entities/rules.ts). Services call it where they load the record
 * an operation changes; the operation comes from the request (ctx.operation), so one call
 * serves every surface (native, Billwerk, CRM.COM) that runs the operation.
 */
import { sql } from "kysely";
import { ACCRUE_RULES, decide, type TransferState } from "../../domain/entities/rules.js";
import { conflict } from "../../domain/errors.js";
import { getOperation } from "../../domain/operations.js";
import type { Ctx } from "../context.js";

export type GuardTarget =
  | {
      kind: "customer";
      row: { id: string; active_id: string | null; business_entity_id: string };
    }
  | {
      kind: "contract";
      row: {
        id: string;
        customer_id: string;
        business_entity_id: string;
        active_id: string | null;
      };
    }
  | {
      kind: "invoice";
      row: {
        id: string;
        customer_id: string;
        contract_id: string | null;
        business_entity_id: string;
      };
    }
  | {
      kind: "usage";
      contract: {
        id: string;
        customer_id: string;
        business_entity_id: string;
        active_id: string | null;
        moved_at: Date | null;
      };
      /** The usage record's time; absent for new usage. */
      at?: Date | undefined;
    }
  | { kind: "payment"; id: string };

async function customerEntity(ctx: Ctx, customerId: string): Promise<string | undefined> {
  const row = await ctx.db
    .selectFrom("customers")
    .select("business_entity_id")
    .where("tenant_id", "=", ctx.tenantId)
    .where("id", "=", customerId)
    .executeTakeFirst();
  return row?.business_entity_id;
}

async function contractState(
  ctx: Ctx,
  row: { customer_id: string; business_entity_id: string; active_id: string | null },
): Promise<TransferState | null> {
  if (row.active_id !== null) return "transferred";
  const entity = await customerEntity(ctx, row.customer_id);
  return entity !== undefined && entity !== row.business_entity_id ? "intermediate" : null;
}

async function invoiceState(
  ctx: Ctx,
  row: { customer_id: string; contract_id: string | null; business_entity_id: string },
): Promise<TransferState | null> {
  const { rows } = await sql<{ customer_entity: string; contract_entity: string | null }>`
    SELECT cu.business_entity_id AS customer_entity, co.business_entity_id AS contract_entity
    FROM customers cu
    LEFT JOIN contracts co ON co.tenant_id = cu.tenant_id AND co.id = ${row.contract_id}
    WHERE cu.tenant_id = ${ctx.tenantId} AND cu.id = ${row.customer_id}`.execute(ctx.db);
  const found = rows[0];
  if (!found || found.customer_entity === row.business_entity_id) return null;
  // its contract still runs its term where the invoice was issued: not moved yet
  return found.contract_entity === row.business_entity_id ? "intermediate" : "transferred";
}

/** The transfer state of the record, or null: its customer never left its entity. */
export async function stateOf(ctx: Ctx, target: GuardTarget): Promise<TransferState | null> {
  switch (target.kind) {
    case "customer":
      if (target.row.active_id === null) return null;
      return (await ctx.db
        .selectFrom("contracts")
        .select("id")
        .where("tenant_id", "=", ctx.tenantId)
        .where("customer_id", "=", target.row.active_id)
        .where("business_entity_id", "=", target.row.business_entity_id)
        .where("active_id", "is", null)
        .where("end_at", "is", null)
        .executeTakeFirst())
        ? "intermediate"
        : "transferred";
    case "contract":
      return contractState(ctx, target.row);
    case "invoice":
      return invoiceState(ctx, target.row);
    case "usage": {
      const state = await contractState(ctx, target.contract);
      if (state !== null) return state;
      // usage of a term billed in the source entity, before the contract moved
      const moved = target.contract.moved_at;
      return moved && target.at && target.at.getTime() < moved.getTime() ? "transferred" : null;
    }
    case "payment": {
      const invoices = await ctx.db
        .selectFrom("payment_allocations as a")
        .innerJoin("invoices as i", (j) =>
          j.onRef("i.tenant_id", "=", "a.tenant_id").onRef("i.id", "=", "a.invoice_id"),
        )
        .select(["i.id", "i.customer_id", "i.contract_id", "i.business_entity_id"])
        .where("a.tenant_id", "=", ctx.tenantId)
        .where("a.payment_id", "=", target.id)
        .execute();
      let state: TransferState | null = null;
      for (const invoice of invoices) {
        const s = await invoiceState(ctx, invoice);
        if (s === "transferred") return s;
        state ??= s;
      }
      return state;
    }
  }
}

/**
 * Refuses the running operation (409 `record_transferred`) when the record was left in a
 * source entity by a transfer and the rule table does not allow the operation in the
 * record's state. Work the system does on its own (no operation) is not restricted.
 */
export async function guardRecord(ctx: Ctx, target: GuardTarget): Promise<void> {
  if (!guarded(ctx)) return;
  const state = await stateOf(ctx, target);
  const id =
    target.kind === "usage"
      ? target.contract.id
      : target.kind === "payment"
        ? target.id
        : target.row.id;
  assertAllowed(ctx, state, target.kind, id);
}

/** Whether the running operation is subject to the rules at all. */
function guarded(ctx: Ctx): ctx is Ctx & { operation: string } {
  const operation = ctx.operation;
  if (operation === undefined) return false;
  // reads the seed does not list (get, list, pdf) stay open on every record
  return operation in ACCRUE_RULES || getOperation(operation)?.mutation === true;
}

/**
 * The rule applied to a record whose state the caller read itself (a batch reads the states
 * of all its records in one statement): see `guardRecord`.
 */
export function assertAllowed(
  ctx: Ctx,
  state: TransferState | null,
  recordType: string,
  recordId: string,
): void {
  if (state === null || !guarded(ctx)) return;
  const decision = decide(ctx.operation, state);
  if (decision.allowed) return;
  throw conflict(
    "record_transferred",
    `${ctx.operation} is not allowed on a ${recordType} left in the source business entity by a customer transfer (${state})`,
    {
      operation: ctx.operation,
      state,
      record_type: recordType,
      record_id: recordId,
      seed_operations: decision.seed,
    },
  );
}

/**
 * A contract's state from its own row and its customer's entity (for batches that read both
 * in one statement).
 */
export function contractStateFrom(row: {
  business_entity_id: string;
  active_id: string | null;
  customer_entity_id: string;
}): TransferState | null {
  if (row.active_id !== null) return "transferred";
  return row.customer_entity_id !== row.business_entity_id ? "intermediate" : null;
}
