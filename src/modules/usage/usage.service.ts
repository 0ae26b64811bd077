/**
 * Metered usage: quantities of a contract's metered components, each due at an instant.
 * A caller's `key` makes a post idempotent per contract (a repeated key is not stored twice);
 * usage can be deleted only while unbilled. The billing engine bills unbilled usage due by
 * the billing date and marks it billed.
 */

import { assertAllowed, contractStateFrom, statesAllowing } from "../../domain/entities/guard.js";
import { isAccrueError, notFound, unprocessable } from "../../domain/errors.js";
import { parseDecimal } from "../../domain/money/index.js";
import { parseTimestamp, parseTimestampMillis } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import { shaped } from "../../storage/shapes.js";
import { componentsOf, findInTenant } from "../catalog/index.js";
import { type Ctx, nowDate } from "../context.js";
import { contractsForUsage, findContract, markDueLater } from "../contracts/index.js";
import { fetchPage, type Page } from "../pagination.js";
import {
  deleteUsageRecord,
  findUsage,
  findUsageByKey,
  findUsageReferences,
  listUsageRows,
  type UsageBatchRow,
  type UsageChangeInput,
  type UsageRow,
  usageCountChange,
  usageRecordChange,
} from "./usage.repository.js";

export type UsageRecord = {
  id: string;
  contract_id: string;
  component_id: string;
  quantity: string;
  due_date: string;
  memo: string | null;
  key: string | null;
  billed: boolean;
  invoice_id: string | null;
  created_at: string;
};

export type UsageInput = {
  component_id: string;
  quantity: string;
  due_date?: string | undefined;
  memo?: string | undefined;
  key?: string | undefined;
};

export const MAX_BATCH = 1000;

const toRecord = (r: UsageRow): UsageRecord => ({
  id: r.id,
  contract_id: r.contract_id,
  component_id: r.component_id,
  quantity: parseDecimal(r.quantity).toFixed(),
  due_date: r.due_at.toISOString(),
  memo: r.memo,
  key: r.key,
  billed: r.billed_at !== null,
  invoice_id: r.invoice_id,
  created_at: r.created_at.toISOString(),
});

/**
 * Checks (with a cache across a batch) that the contract exists and the component is a
 * metered component of the contract's plan group.
 */
function validator(ctx: Ctx) {
  const contracts = new Map<string, Promise<string | null>>();
  const components = new Map<string, Promise<{ group: string; type: string } | null>>();
  const groupOf = (id: string) => {
    if (!contracts.has(id)) {
      contracts.set(
        id,
        findContract(ctx.db, ctx.tenantId, id).then(async (c) => {
          if (c) await ctx.guard({ kind: "usage", contract: c });
          return c?.plan_group_id ?? null;
        }),
      );
    }
    return contracts.get(id)!;
  };
  const componentOf = (id: string) => {
    if (!components.has(id)) {
      components.set(
        id,
        findInTenant(ctx.db, "components", ctx.tenantId, id).then((c) =>
          c ? { group: c.plan_group_id, type: c.type } : null,
        ),
      );
    }
    return components.get(id)!;
  };
  const check = async (contractId: string, input: UsageInput, prefix: string, inPath: boolean) => {
    const group = await groupOf(contractId);
    if (group === null) {
      if (inPath)
        throw notFound("contract_not_found", `no contract ${contractId}`, { id: contractId });
      throw unprocessable("unknown_contract", `no contract ${contractId}`, {
        field: `${prefix}contract_id`,
      });
    }
    const component = await componentOf(input.component_id);
    if (component === null || component.group !== group) {
      throw unprocessable(
        "unknown_component",
        `no component ${input.component_id} in the contract's plan group`,
        {
          field: `${prefix}component_id`,
        },
      );
    }
    if (component.type !== "metered") {
      throw unprocessable(
        "component_not_metered",
        "usage is recorded for metered components only",
        {
          field: `${prefix}component_id`,
        },
      );
    }
    const due =
      input.due_date === undefined
        ? ctx.clock.now()
        : parseTimestamp(input.due_date, `${prefix}due_date`);
    return new Date(due.epochMilliseconds);
  };
  /** Reads the contracts and components of a post or a batch in one statement. */
  const preload = async (
    contractIds: readonly string[],
    componentIds: readonly string[],
    recordType: "contract" | "usage" = "contract",
  ) => {
    const wanted = [...new Set(contractIds)].filter((id) => !contracts.has(id));
    const wantedComponents = [...new Set(componentIds)].filter((id) => !components.has(id));
    if (wanted.length === 0 && wantedComponents.length === 0) return;
    const found = await findUsageReferences(
      ctx.db,
      contractsForUsage(ctx.db, ctx.tenantId, wanted),
      componentsOf(ctx.db, ctx.tenantId, wantedComponents),
    );
    const groups = new Map(
      found.contracts.map((c) => {
        // the transfer rules, for the whole batch from this one statement
        assertAllowed(ctx.operation, contractStateFrom(c), recordType, c.id);
        return [c.id, c.plan_group_id] as const;
      }),
    );
    for (const id of wanted) contracts.set(id, Promise.resolve(groups.get(id) ?? null));
    const kinds = new Map(
      found.components.map((c) => [c.id, { group: c.plan_group_id, type: c.type }] as const),
    );
    for (const id of wantedComponents) components.set(id, Promise.resolve(kinds.get(id) ?? null));
  };
  return Object.assign(check, { preload });
}

/** An event's due date: its own, else the tenant's now; null when it is not a timestamp. */
function dueOf(ctx: Ctx, input: UsageInput): Date | null {
  if (input.due_date === undefined) return nowDate(ctx);
  try {
    return new Date(parseTimestampMillis(input.due_date, "due_date"));
  } catch (error) {
    if (isAccrueError(error)) return null;
    throw error;
  }
}

/**
 * One event recorded as one change (`usageRecordChange`), shaped (src/storage/shapes.ts): its
 * statement is built and compiled once per set of transfer states the operation admits.
 */
function oneEventChange(ctx: Ctx, row: UsageBatchRow, createdAt: Date) {
  const admitted = statesAllowing(ctx.operation);
  return shaped(
    `usage record (${admitted.join(", ")})`,
    [
      ctx.tenantId,
      row.id,
      row.contract_id,
      row.component_id,
      row.quantity,
      row.due_at,
      row.memo,
      row.key,
      createdAt,
      [row.contract_id],
      [row.component_id],
    ],
    ([tenantId, id, contractId, componentId, quantity, due, memo, key, created, ids, cmps]) =>
      usageRecordChange({
        tenantId: tenantId as string,
        events: [
          {
            id: id as string,
            contract_id: contractId as string,
            component_id: componentId as string,
            quantity: quantity as string,
            due_at: due as Date,
            memo: memo as string | null,
            key: key as string | null,
          },
        ],
        createdAt: created as Date,
        contracts: contractsForUsage(ctx.db, tenantId as string, ids as string[], admitted),
        components: componentsOf(ctx.db, tenantId as string, cmps as string[]),
      }),
  );
}

/**
 * Recording usage as one change (`Ctx.conclude`): the events with new ids, checked against
 * the tenant's contracts (in a transfer state the operation may run in) and components in the
 * same statement.
 */
function changeOf(ctx: Ctx, events: readonly BatchEvent[], dues: readonly Date[]) {
  const rows = rowsOf(events, dues);
  const input: UsageChangeInput = {
    tenantId: ctx.tenantId,
    events: rows,
    createdAt: nowDate(ctx),
    contracts: contractsForUsage(
      ctx.db,
      ctx.tenantId,
      [...new Set(events.map((e) => e.contract_id))],
      statesAllowing(ctx.operation),
    ),
    components: componentsOf(ctx.db, ctx.tenantId, [...new Set(events.map((e) => e.component_id))]),
  };
  return { rows, input };
}

/** The events as recorded, each with a new id. */
function rowsOf(events: readonly BatchEvent[], dues: readonly Date[]): UsageBatchRow[] {
  return events.map((e, i) => ({
    id: newId("usage"),
    contract_id: e.contract_id,
    component_id: e.component_id,
    quantity: e.quantity,
    due_at: dues[i]!,
    memo: e.memo ?? null,
    key: e.key ?? null,
  }));
}

/**
 * Records usage; a repeated key answers the stored record (`duplicate: true`). One statement
 * checks the contract and component, inserts the record, writes its audit record and marks
 * the contract due (`Ctx.conclude`); the route runs it without a transaction when it can
 * (`oneStatement`). Only when nothing was inserted are the references read again, to name
 * what failed exactly as the checks do, or the stored record of a repeated key.
 */
export async function postUsage(
  ctx: Ctx,
  contractId: string,
  input: UsageInput,
): Promise<{ record: UsageRecord; duplicate: boolean }> {
  // what was wrong, named in the checks' order: the contract, the component, the due date
  const refusal = async () => {
    const check = validator(ctx);
    await check.preload([contractId], [input.component_id], "usage");
    await check(contractId, input, "", true);
  };
  const due = dueOf(ctx, input);
  if (due === null) {
    await refusal();
    throw new Error("a due date that is no timestamp passed its check");
  }
  // once more if the references held when read again but not in the change (a contract or
  // a transfer committed in between)
  for (let round = 0; round < 2; round++) {
    const row = rowsOf([{ ...input, contract_id: contractId }], [due])[0]!;
    const createdAt = nowDate(ctx);
    // the record as the change writes it, for its audit record
    const record: UsageRecord = {
      id: row.id,
      contract_id: contractId,
      component_id: input.component_id,
      quantity: parseDecimal(input.quantity).toFixed(),
      due_date: due.toISOString(),
      memo: row.memo,
      key: row.key,
      billed: false,
      invoice_id: null,
      created_at: createdAt.toISOString(),
    };
    ctx.audit({ targetType: "usage", targetId: record.id, after: record });
    // due from the moment the record is written: one reading of the clock for both
    markDueLater(ctx, [contractId], createdAt);
    const [inserted] = await ctx.conclude(oneEventChange(ctx, row, createdAt));
    if (inserted) return { record: toRecord(inserted), duplicate: false };
    await refusal();
    if (input.key !== undefined) {
      const existing = await findUsageByKey(ctx.db, ctx.tenantId, contractId, input.key);
      if (existing) return { record: toRecord(existing), duplicate: true };
    }
  }
  throw new Error(`usage of contract ${contractId} was neither recorded nor refused`);
}

export async function listUsage(
  ctx: Ctx,
  contractId: string,
  req: { limit: number; cursor?: string | undefined; offset?: number | undefined },
): Promise<Page<UsageRecord>> {
  if (!(await findContract(ctx.db, ctx.tenantId, contractId))) {
    throw notFound("contract_not_found", `no contract ${contractId}`, { id: contractId });
  }
  return fetchPage(
    req.limit,
    (limit) => listUsageRows(ctx.db, ctx.tenantId, contractId, { ...req, limit }),
    toRecord,
  );
}

export async function getUsage(
  ctx: Ctx,
  contractId: string,
  usageId: string,
): Promise<UsageRecord> {
  const row = await findUsage(ctx.db, ctx.tenantId, contractId, usageId);
  if (!row)
    throw notFound("usage_not_found", `no usage ${usageId} on contract ${contractId}`, {
      id: usageId,
    });
  return toRecord(row);
}

/** Deletes usage that is not billed yet; billed usage is corrected by a credit, not deleted. */
export async function deleteUsage(ctx: Ctx, contractId: string, usageId: string): Promise<void> {
  const row = await findUsage(ctx.db, ctx.tenantId, contractId, usageId, { forUpdate: true });
  if (!row)
    throw notFound("usage_not_found", `no usage ${usageId} on contract ${contractId}`, {
      id: usageId,
    });
  const contract = await findContract(ctx.db, ctx.tenantId, contractId);
  if (contract) await ctx.guard({ kind: "usage", contract, at: row.due_at });
  if (row.billed_at !== null) {
    throw unprocessable(
      "usage_billed",
      "billed usage cannot be deleted; correct it with a credit",
      {
        id: usageId,
        invoice_id: row.invoice_id,
      },
    );
  }
  await deleteUsageRecord(ctx.db, usageId);
  ctx.audit({ targetType: "usage", targetId: usageId, before: toRecord(row), after: null });
}

export type BatchEvent = UsageInput & { contract_id: string };

/**
 * Many events in one statement (`Ctx.conclude`, as `postUsage`): the statement checks every
 * event's contract and component and inserts the events only if all hold; one bad event
 * refuses the whole batch, named by its index (the references read again, only then), and
 * nothing is written. Repeated keys are skipped.
 */
export async function ingestBatch(
  ctx: Ctx,
  events: BatchEvent[],
): Promise<{ accepted: number; duplicates: number }> {
  // what was wrong, named in the checks' order: the first bad event
  const refusal = async () => {
    const check = validator(ctx);
    await check.preload(
      events.map((e) => e.contract_id),
      events.map((e) => e.component_id),
    );
    for (const [i, event] of events.entries()) {
      await check(event.contract_id, event, `events.${i}.`, false);
    }
  };
  const dues: Date[] = [];
  for (const event of events) {
    const due = dueOf(ctx, event);
    if (due === null) {
      await refusal();
      throw new Error("a due date that is no timestamp passed its check");
    }
    dues.push(due);
  }
  const perContract = new Map<string, number>();
  for (const e of events) perContract.set(e.contract_id, (perContract.get(e.contract_id) ?? 0) + 1);
  const contracts = [...perContract.keys()];
  // once more if the references held when read again but not in the change
  for (let round = 0; round < 2; round++) {
    const change = changeOf(ctx, events, dues).input;
    // due from the moment the records are written: one reading of the clock for both
    markDueLater(ctx, contracts, change.createdAt);
    for (const [contractId, count] of perContract) {
      ctx.audit({ targetType: "contract", targetId: contractId, after: { usage_events: count } });
    }
    const [held] = await ctx.conclude(usageCountChange(change));
    if (held) return { accepted: held.accepted, duplicates: events.length - held.accepted };
    await refusal();
  }
  throw new Error("a usage batch was neither recorded nor refused");
}
