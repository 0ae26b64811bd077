/**
 * Contracts: their wire shape (the lifecycle status derived from the phases and the tenant's
 * clock), reading and ending one, the contract a succeeded signup order creates, and a change
 * order applied to a contract's timeline.
 */
import { Temporal } from "temporal-polyfill";
import type { Static } from "typebox";
import {
  changeAt,
  changeQuantityAt,
  endAt,
  lifecycleStatus,
  type Phase,
  phaseAt,
  type Timeline,
} from "../../domain/contracts/phases.js";
import { notFound, unprocessable } from "../../domain/errors.js";
import { parseTimestamp } from "../../domain/time/index.js";
import { type Ctx, dateOf } from "../context.js";
import type { CustomerRow } from "../customers/index.js";
import { findEntity } from "../entities/index.js";
import {
  type CursorValueShape,
  fetchPageBatch,
  INSTANT_KEY,
  type Page,
  sortKeyPaging,
  utcDayStart,
} from "../pagination.js";
import { assertAfterBilledUntil } from "./billed-until.js";
import { setComponentQuantity } from "./contract-items.js";
import {
  type ContractListFilter,
  type ContractRow,
  type ContractSort,
  type ContractStatus,
  countContractRows,
  findContract,
  findContractWithTimeline,
  insertContract,
  type ListedContract,
  listContracts as listContractRows,
  loadTimeline,
  loadTimelines,
  markDueStatement,
  type OrderRow,
  saveTimeline,
} from "./contracts.repository.js";
import type { ContractSchema, PhaseSchema } from "./contracts.schemas.js";
import { initialTimeline } from "./timelines.js";

const toInstant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());

/** One phase of a contract as the API returns it. */
export type ContractPhase = Static<typeof PhaseSchema>;

/** A contract as the API returns it. */
export type Contract = Static<typeof ContractSchema>;

const toPhase = (p: Phase): ContractPhase => ({
  type: p.type,
  start_date: p.start.toString(),
  plan_variant_id: p.planVariantId,
  quantity: p.quantity,
});

/** A contract as the API shows it, on `timeline` (default: its stored one). */
export async function toContract(
  ctx: Ctx,
  row: ContractRow,
  timeline?: Timeline,
): Promise<Contract> {
  const t = timeline ?? (await loadTimeline(ctx.db, row));
  const now = ctx.clock.now();
  const current = phaseAt(t, now);
  return {
    id: row.id,
    customer_id: row.customer_id,
    plan_group_id: row.plan_group_id,
    currency: row.currency,
    status: row.active_id !== null ? "transferred" : lifecycleStatus(t, now),
    start_date: t.start.toString(),
    end_date: t.end ? t.end.toString() : null,
    current_phase: current ? toPhase(current) : null,
    phases: t.phases.map(toPhase),
    business_entity_id: row.business_entity_id,
    active_id: row.active_id,
    settlement: {
      status:
        row.settlement_parked_at !== null
          ? "parked"
          : row.settlement_failures > 0
            ? "retrying"
            : "ok",
      failed_attempts: row.settlement_failures,
      last_error: row.settlement_error,
      last_failed_at: row.settlement_failed_at?.toISOString() ?? null,
      parked_at: row.settlement_parked_at?.toISOString() ?? null,
    },
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/**
 * Marks contracts due for the billing run (they have usage or items to bill), with the
 * operation's last statement: no round trip of its own.
 */
export function markDueLater(
  ctx: Ctx,
  contractIds: readonly string[],
  at: Date = dateOf(ctx.clock.now()),
): void {
  if (contractIds.length === 0) return;
  ctx.defer((db, onlyIf) => markDueStatement(db, ctx.tenantId, contractIds, at, onlyIf));
}

/** A contract an operation works on: checked against the transfer rules. */
export async function loadContract(ctx: Ctx, id: string, forUpdate = false): Promise<ContractRow> {
  const row = await findContract(ctx.db, ctx.tenantId, id, { forUpdate });
  if (!row) throw notFound("contract_not_found", `no contract ${id}`, { id });
  await ctx.guard({ kind: "contract", row });
  return row;
}

export async function getContract(ctx: Ctx, id: string): Promise<Contract> {
  const found = await findContractWithTimeline(ctx.db, ctx.tenantId, id);
  if (!found) throw notFound("contract_not_found", `no contract ${id}`, { id });
  return toContract(ctx, found.row, found.timeline);
}

/** What a keyset cursor of each of the contracts list's sorts holds. */
const SORT_VALUES: Record<Exclude<ContractSort, "created">, CursorValueShape[]> = {
  start: [INSTANT_KEY],
  customer: [/^[A-Za-z0-9_]{1,64}$/],
};

/**
 * A page of the tenant's contracts in the order `sort` and `order` name (by creation,
 * ascending, when absent), narrowed by customer, status (as of the tenant's now) and the UTC
 * days they start on (each end included). A list
 * by creation pages by id; by start or customer by an opaque keyset cursor, refused for
 * another sort or direction. With `includeTotal`, also how many contracts match (one COUNT
 * more).
 */
export async function listContracts(
  ctx: Ctx,
  req: {
    limit: number;
    cursor?: string | undefined;
    customerId?: string | undefined;
    status?: ContractStatus | undefined;
    /** Starting on this UTC day (YYYY-MM-DD) or later. */
    startFrom?: string | undefined;
    /** Starting on this UTC day or earlier. */
    startTo?: string | undefined;
    offset?: number | undefined;
    sort?: ContractSort | undefined;
    order?: "asc" | "desc" | undefined;
    includeTotal?: boolean | undefined;
  },
): Promise<Page<Contract> & { total_count?: number }> {
  const filter: ContractListFilter = {
    customerId: req.customerId,
    status: req.status ? { is: req.status, at: dateOf(ctx.clock.now()) } : undefined,
    startFrom: req.startFrom ? utcDayStart(req.startFrom, 0) : undefined,
    startBefore: req.startTo ? utcDayStart(req.startTo, 1) : undefined,
  };
  const { sort, order, ...paging } = sortKeyPaging<keyof typeof SORT_VALUES, ListedContract>({
    kind: "contract",
    cursor: req.cursor,
    sort: req.sort,
    order: req.order,
    shapes: SORT_VALUES,
  });
  const page = await fetchPageBatch(
    req.limit,
    (limit) =>
      listContractRows(ctx.db, ctx.tenantId, {
        ...filter,
        limit,
        cursor: paging.idCursor,
        after: paging.after,
        offset: req.offset,
        sort,
        order,
      }),
    async (rows) => {
      const timelines = await loadTimelines(ctx.db, rows);
      return Promise.all(rows.map((r) => toContract(ctx, r, timelines.get(r.id))));
    },
    paging.cursorOf,
  );
  if (!req.includeTotal) return page;
  return { ...page, total_count: await countContractRows(ctx.db, ctx.tenantId, filter) };
}

/** Ends a contract at `end_date` (after its start); ending again moves the end. */
export async function endContract(
  ctx: Ctx,
  id: string,
  input: { end_date: string },
): Promise<Contract> {
  const end = parseTimestamp(input.end_date, "end_date");
  const row = await loadContract(ctx, id, true);
  assertAfterBilledUntil(row, end, "end_date");
  const before = await loadTimeline(ctx.db, row);
  const after = endAt(before, end);
  await saveTimeline(ctx.db, id, after, dateOf(ctx.clock.now()));
  const contract = await toContract(ctx, await loadContract(ctx, id), after);
  ctx.audit({
    targetType: "contract",
    targetId: id,
    before: await toContract(ctx, row, before),
    after: contract,
  });
  await ctx.emit({
    type: "contract.ended",
    subjectType: "contract",
    subjectId: id,
    payload: contract,
  });
  return contract;
}

// ---- a signup's contract ------------------------------------------------------------------

/**
 * The entity a new contract belongs to: its customer's, which must bill in the contract's
 * currency (when the entity names its currencies).
 */
export async function contractEntity(
  ctx: Ctx,
  customer: CustomerRow,
  currency: string,
): Promise<string> {
  const found = await findEntity(ctx, customer.business_entity_id);
  if (!found) throw new Error(`no business entity ${customer.business_entity_id}`);
  if (found.currencies.length > 0 && !found.currencies.includes(currency)) {
    throw unprocessable(
      "currency_not_supported",
      `the customer's business entity does not bill in ${currency}`,
      { business_entity_id: found.id, currency },
    );
  }
  return found.id;
}

/** The contract a succeeded signup order creates, for its customer (read locked). */
export async function createContract(
  ctx: Ctx,
  order: OrderRow,
  defaultStart: Date,
  known: CustomerRow,
): Promise<ContractRow> {
  const { timeline, group, start, customer } = await initialTimeline(
    ctx,
    order,
    defaultStart,
    known,
  );
  const entity = await contractEntity(ctx, customer, group.currency);
  const now = dateOf(ctx.clock.now());
  const row = await insertContract(ctx.db, {
    id: order.contract_id,
    tenant_id: ctx.tenantId,
    customer_id: order.customer_id,
    business_entity_id: entity,
    plan_group_id: group.id,
    currency: group.currency,
    start_at: dateOf(start),
    end_at: timeline.end ? dateOf(timeline.end) : null,
    // a customer's billing date: the periods restart on it (timelines.ts)
    term_restarts: JSON.stringify((timeline.restarts ?? []).map((r) => r.toString())),
    created_at: now,
    updated_at: now,
  });
  await saveTimeline(ctx.db, row.id, timeline, now);
  const contract = await toContract(ctx, row);
  ctx.audit({ targetType: "contract", targetId: row.id, after: contract });
  await ctx.emit({
    type: "contract.created",
    subjectType: "contract",
    subjectId: row.id,
    payload: contract,
  });
  return row;
}

// ---- a change -----------------------------------------------------------------------------

/**
 * Applies a change order at its change date (the order's, or now): a normal phase of the new
 * variant and the cart's component quantities, each from that date on. Returns the contract
 * and the date, from which the order's coupon applies too.
 */
export async function applyChange(
  ctx: Ctx,
  order: OrderRow,
): Promise<{ row: ContractRow; at: Temporal.Instant }> {
  const row = await loadContract(ctx, order.contract_id, true);
  const before = await loadTimeline(ctx.db, row);
  const at = order.change_at ? toInstant(order.change_at) : ctx.clock.now();
  assertAfterBilledUntil(row, at, "change_date");
  if (order.plan_variant_id === null && order.quantity === null) {
    // a component-only change: the same bounds as a phase change
    if (Temporal.Instant.compare(at, before.start) < 0) {
      throw unprocessable(
        "change_before_start",
        "a change cannot take effect before the contract starts",
      );
    }
    if (before.end && Temporal.Instant.compare(at, before.end) >= 0) {
      throw unprocessable("contract_ended", "the contract has ended by then");
    }
  } else {
    // a new plan variant, or a new quantity of the one billed at `at`
    await saveChange(ctx, row, before, changedTimeline(before, order, at));
  }
  for (const item of order.components) await setComponentQuantity(ctx, row, item, at);
  return { row, at };
}

/**
 * The timeline a change order makes at `at`: a new plan variant (with its quantity), a new
 * plan quantity on the variant billed then, or the same timeline (components or a coupon only).
 */
export function changedTimeline(
  before: Timeline,
  order: Pick<OrderRow, "plan_variant_id" | "quantity">,
  at: Temporal.Instant,
): Timeline {
  if (order.plan_variant_id !== null) {
    return changeAt(before, {
      type: "normal",
      start: at,
      planVariantId: order.plan_variant_id,
      quantity: order.quantity ?? "1",
    });
  }
  return order.quantity === null ? before : changeQuantityAt(before, at, order.quantity);
}

/** Saves a changed timeline with its audit record and `contract.changed` event. */
async function saveChange(
  ctx: Ctx,
  row: ContractRow,
  before: Timeline,
  after: Timeline,
): Promise<void> {
  await saveTimeline(ctx.db, row.id, after, dateOf(ctx.clock.now()));
  const contract = await toContract(ctx, row, after);
  ctx.audit({
    targetType: "contract",
    targetId: row.id,
    before: await toContract(ctx, row, before),
    after: contract,
  });
  await ctx.emit({
    type: "contract.changed",
    subjectType: "contract",
    subjectId: row.id,
    payload: contract,
  });
}
