/**
 * Customer transfers between business entities, after Chargebee's Multi Business Entity
 * rules (seed 000, docs/entities.md):
 * - the customer keeps its id and moves at once; a deprecated copy (new id, `active_id` =
 *   the customer) stays in the source entity with the history;
 * - each contract follows later, when the billing run (the renewal job) next reaches it:
 *   active ones at their next billing date, future ones at their start, resting ones once
 *   resumed; one with an end date never moves. A moving contract keeps its id too, and
 *   leaves a copy with status `transferred` in the source entity.
 * The prerequisites (src/domain/entities/transfer.ts) read customers, contracts, invoices,
 * payments and the transfer record; each module answers for its own.
 */
import {
  movesWithBilling,
  moveTiming,
  type TransferFacts,
  transferBlocker,
} from "../domain/entities/transfer.js";
import { conflict, unprocessable } from "../domain/errors.js";
import { newId } from "../lib/ids.js";
import { type Ctx, nowDate } from "../modules/context.js";
import {
  type ContractMove,
  type ContractRow,
  contractsIn,
  contractTransferFacts,
  lockCustomerContracts,
  moveContracts,
} from "../modules/contracts/index.js";
import {
  type CustomerRow,
  customerEntities,
  findCustomer,
  transferCustomer,
  transferredCopies,
} from "../modules/customers/index.js";
import {
  type BusinessEntityTransfer,
  findEntity,
  recordTransfers,
  transfersThisYear,
} from "../modules/entities/index.js";
import { countDraftDocuments } from "../modules/invoicing/index.js";
import { customerBalance } from "../modules/payments/index.js";

export type TransferInput = {
  customer_id: string;
  destination_business_entity_id: string;
  source_business_entity_id?: string | undefined;
  reason_code?: "correction" | undefined;
};

/** What the prerequisites look at, gathered under the customer's row lock. */
async function gatherFacts(
  ctx: Ctx,
  customer: CustomerRow,
  destination: { id: string; currencies: string[] },
  now: Date,
): Promise<TransferFacts> {
  const contracts = await contractTransferFacts(ctx.db, ctx.tenantId, customer, now);
  const balance = await customerBalance(ctx, customer.id);
  return {
    sourceEntityId: customer.business_entity_id,
    destinationEntityId: destination.id,
    customerDeprecated: customer.active_id !== null,
    transfersThisYear: await transfersThisYear(ctx, customer.id, now),
    contractsInTrial: contracts.inTrial,
    draftDocuments: await countDraftDocuments(ctx.db, ctx.tenantId, customer.id),
    unpaidInvoices: balance.open_invoices.length,
    unbilledCharges: contracts.unbilled,
    creditCurrencies: balance.balances
      .filter((b) => b.balance.startsWith("-"))
      .map((b) => b.currency),
    contractCurrencies: contracts.currencies,
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
  await lockCustomerContracts(ctx.db, ctx.tenantId, customer.id);
  const now = nowDate(ctx);
  const blocker = transferBlocker(await gatherFacts(ctx, customer, destination, now));
  if (blocker) {
    const make = blocker.status === 409 ? conflict : unprocessable;
    throw make(blocker.code, blocker.message, { customer_id: customer.id });
  }

  const source = customer.business_entity_id;
  const copyId = newId("customer");
  await transferCustomer(ctx.db, customer, destination.id, copyId, now);
  const [transfer] = await recordTransfers(
    ctx,
    [
      {
        resource_type: "customer",
        resource_id: copyId,
        active_resource_id: customer.id,
        source_business_entity_id: source,
        destination_business_entity_id: destination.id,
        reason_code: input.reason_code ?? "correction",
      },
    ],
    now,
  );
  // when each contract still in the source entity follows (docs/entities.md)
  const staying = await contractsIn(ctx.db, ctx.tenantId, customer.id, source);
  await ctx.emit({
    type: "customer.transferred",
    subjectType: "customer",
    subjectId: customer.id,
    payload: {
      ...transfer!,
      contracts: staying.map((c) => ({ contract_id: c.id, moves: moveTiming(c, now) })),
    },
  });
  return transfer!;
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
  const current = contracts.filter((c) => c.active_id === null);
  const entities = await customerEntities(ctx.db, ctx.tenantId, [
    ...new Set(current.map((c) => c.customer_id)),
  ]);
  const leaving = current.filter((c) => {
    const destination = entities.get(c.customer_id);
    return destination !== undefined && destination !== c.business_entity_id;
  });
  const candidates = leaving.filter((c) => movesWithBilling(c));
  if (candidates.length === 0) return [...contracts];

  const now = nowDate(ctx);
  // the customer's copy in the source entity owns the copies of its contracts
  const copies = await transferredCopies(ctx.db, ctx.tenantId, [
    ...new Set(candidates.map((c) => c.customer_id)),
  ]);
  const moves: ContractMove[] = candidates.map((c) => ({
    contract: c,
    copyId: newId("contract"),
    copyCustomerId:
      copies.find(
        (k) => k.active_id === c.customer_id && k.business_entity_id === c.business_entity_id,
      )?.id ?? c.customer_id,
    source: c.business_entity_id,
    destination: entities.get(c.customer_id)!,
  }));
  await moveContracts(ctx.db, ctx.tenantId, moves, now);
  const transfers = await recordTransfers(
    ctx,
    moves.map((m) => ({
      resource_type: "subscription" as const,
      resource_id: m.copyId,
      active_resource_id: m.contract.id,
      source_business_entity_id: m.source,
      destination_business_entity_id: m.destination,
      reason_code: "correction",
    })),
    now,
  );
  for (const transfer of transfers) {
    await ctx.emit({
      type: "contract.transferred",
      subjectType: "contract",
      subjectId: transfer.active_resource_id,
      payload: transfer,
    });
  }
  const moved = new Map(moves.map((m) => [m.contract.id, m.destination]));
  return contracts.map((c) =>
    moved.has(c.id) ? { ...c, business_entity_id: moved.get(c.id)!, moved_at: now } : c,
  );
}
