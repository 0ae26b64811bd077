/**
 * Chargebee's restrictions on records a customer transfer left in the source business entity
 * (seed 000), as pure decisions: which records are guarded, their transfer state from the
 * facts a caller read, and the refusal. The reads live behind `Ctx.guard`
 * (src/workflows/transfer-guard.ts), so every module applies one rule without knowing where
 * the facts are stored.
 */
import { conflict } from "../errors.js";
import { getOperation } from "../operations.js";
import { ACCRUE_RULES, decide, type TransferState } from "./rules.js";

/** A record an operation is about to change, with what its state is derived from. */
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

/** The id the refusal names. */
export function guardedId(target: GuardTarget): string {
  switch (target.kind) {
    case "usage":
      return target.contract.id;
    case "payment":
      return target.id;
    default:
      return target.row.id;
  }
}

/**
 * Whether an operation is subject to the rules at all: work the system does on its own (no
 * operation) is not, and reads the seed does not list (get, list, pdf) stay open.
 */
export function isGuarded(operation: string | undefined): operation is string {
  if (operation === undefined) return false;
  return operation in ACCRUE_RULES || getOperation(operation)?.mutation === true;
}

/**
 * Refuses `operation` (409 `record_transferred`) on a record in `state` when the rule table
 * does not allow it there; a record no transfer touched (null) is never refused.
 */
export function assertAllowed(
  operation: string | undefined,
  state: TransferState | null,
  recordType: string,
  recordId: string,
): void {
  if (state === null || !isGuarded(operation)) return;
  const decision = decide(operation, state);
  if (decision.allowed) return;
  throw conflict(
    "record_transferred",
    `${operation} is not allowed on a ${recordType} left in the source business entity by a customer transfer (${state})`,
    {
      operation,
      state,
      record_type: recordType,
      record_id: recordId,
      seed_operations: decision.seed,
    },
  );
}

/** The transfer states `operation` may run in (both when the rules do not apply to it). */
export function statesAllowing(operation: string | undefined): TransferState[] {
  const states: TransferState[] = ["intermediate", "transferred"];
  if (!isGuarded(operation)) return states;
  return states.filter((state) => decide(operation, state).allowed);
}

/** A contract's state from its own row and its customer's current entity. */
export function contractStateFrom(row: {
  business_entity_id: string;
  active_id: string | null;
  customer_entity_id: string | undefined;
}): TransferState | null {
  if (row.active_id !== null) return "transferred";
  return row.customer_entity_id !== undefined && row.customer_entity_id !== row.business_entity_id
    ? "intermediate"
    : null;
}

/**
 * An invoice's state: none while its customer is still in the invoice's entity; else
 * "intermediate" while its contract still runs its term there, "transferred" once it moved.
 */
export function invoiceStateFrom(
  invoiceEntityId: string,
  customerEntityId: string | undefined,
  contractEntityId: string | null | undefined,
): TransferState | null {
  if (customerEntityId === undefined || customerEntityId === invoiceEntityId) return null;
  return contractEntityId === invoiceEntityId ? "intermediate" : "transferred";
}

/** A usage record's state: its contract's, else "transferred" for usage before the move. */
export function usageStateFrom(
  contractState: TransferState | null,
  movedAt: Date | null,
  at: Date | undefined,
): TransferState | null {
  if (contractState !== null) return contractState;
  return movedAt && at && at.getTime() < movedAt.getTime() ? "transferred" : null;
}
