/**
 * Metered usage: quantities of a contract's metered components, each due at an instant.
 * A caller's `key` makes a post idempotent per contract (a repeated key is not stored twice);
 * usage can be deleted only while unbilled. The billing engine bills unbilled usage due by
 * the billing date and marks it billed.
 */

import { assertAllowed, contractStateFrom } from "../../domain/entities/guard.js";
import { notFound, unprocessable } from "../../domain/errors.js";
import { parseDecimal } from "../../domain/money/index.js";
import { parseTimestamp } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import { componentsOf, findInTenant } from "../catalog/index.js";
import type { Ctx } from "../context.js";
import { contractsForUsage, findContract, markDueLater } from "../contracts/index.js";
import { fetchPage, type Page } from "../pagination.js";
import {
  deleteUsageRecord,
  findUsage,
  findUsageByKey,
  findUsageReferences,
  insertUsage,
  insertUsageBatch,
  listUsageRows,
  type UsageRow,
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

/** Records usage; a repeated key answers the stored record (`duplicate: true`). */
export async function postUsage(
  ctx: Ctx,
  contractId: string,
  input: UsageInput,
): Promise<{ record: UsageRecord; duplicate: boolean }> {
  const check = validator(ctx);
  // the contract with its transfer facts, then the component: two reads
  await check.preload([contractId], [input.component_id], "usage");
  const dueAt = await check(contractId, input, "", true);
  const inserted = await insertUsage(ctx.db, {
    id: newId("usage"),
    tenant_id: ctx.tenantId,
    contract_id: contractId,
    component_id: input.component_id,
    quantity: input.quantity,
    due_at: dueAt,
    memo: input.memo ?? null,
    key: input.key ?? null,
    billed_at: null,
    invoice_id: null,
    created_at: new Date(ctx.clock.now().epochMilliseconds),
  });
  if (!inserted) {
    const existing = await findUsageByKey(ctx.db, ctx.tenantId, contractId, input.key!);
    return { record: toRecord(existing), duplicate: true };
  }
  const record = toRecord(inserted);
  ctx.audit({ targetType: "usage", targetId: record.id, after: record });
  markDueLater(ctx, [contractId]);
  return { record, duplicate: false };
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
 * Many events in one statement. Every event is checked first; one bad event refuses the
 * whole batch (its index named) and nothing is written. Repeated keys are skipped.
 */
export async function ingestBatch(
  ctx: Ctx,
  events: BatchEvent[],
): Promise<{ accepted: number; duplicates: number }> {
  const check = validator(ctx);
  await check.preload(
    events.map((e) => e.contract_id),
    events.map((e) => e.component_id),
  );
  const dueDates: Date[] = [];
  for (const [i, event] of events.entries()) {
    dueDates.push(await check(event.contract_id, event, `events.${i}.`, false));
  }
  const accepted = await insertUsageBatch(
    ctx.db,
    ctx.tenantId,
    events.map((e, i) => ({
      id: newId("usage"),
      contract_id: e.contract_id,
      component_id: e.component_id,
      quantity: e.quantity,
      due_at: dueDates[i]!,
      memo: e.memo ?? null,
      key: e.key ?? null,
    })),
    new Date(ctx.clock.now().epochMilliseconds),
  );
  const contracts = [...new Set(events.map((e) => e.contract_id))];
  markDueLater(ctx, contracts);
  for (const contractId of contracts) {
    ctx.audit({
      targetType: "contract",
      targetId: contractId,
      after: { usage_events: events.filter((e) => e.contract_id === contractId).length },
    });
  }
  return { accepted, duplicates: events.length - accepted };
}
