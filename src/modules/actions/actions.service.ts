/**
 * Subscription actions: every state-changing operation on a contract submitted as an action
 * (CRM.COM semantics, src/domain/actions/actions.ts) is recorded with its behaviour code, who
 * submitted and performed it, its dates, classification and user-defined fields. Without a
 * `scheduled_date` it executes at once (refused → nothing is written); with one it waits until
 * the tenant's clock reaches that date (src/jobs/scheduled-actions.ts) and can be cancelled
 * before. A scheduled action that can no longer run when due is kept as `rejected` with why.
 */

import { Temporal } from "temporal-polyfill";
import {
  ACTION_RULES,
  type ActionName,
  type ActionState,
  type AmendServicesInput,
  assertActionAllowed,
  assertActionTransition,
  assertAmendServices,
  graceEnd,
  type SubscriptionState,
  subscriptionState,
} from "../../domain/actions/actions.js";
import {
  changeAt,
  endAt,
  lifecycleStatus,
  type Phase,
  phaseAt,
  type Timeline,
} from "../../domain/contracts/phases.js";
import {
  type AccrueError,
  conflict,
  invalid,
  notFound,
  unprocessable,
} from "../../domain/errors.js";
import type { EventType } from "../../domain/events.js";
import { parseTimestamp } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import { type Ctx, dateOf } from "../context.js";
import {
  type ContractRow,
  findContract,
  findContractIdsOfCustomer,
  loadTimeline,
  saveTimeline,
  setGracePeriodEnd,
  setRestingSince,
  startDraftContractAt,
} from "../contracts/index.js";

import {
  type CursorValueShape,
  fetchPageBatch,
  INSTANT_KEY,
  type Page,
  sortKeyPaging,
  utcDayStart,
} from "../pagination.js";
import { lockTenant } from "../tenants/index.js";
import {
  type ActionListFilter,
  type ActionRow,
  type ActionSort,
  countActionRows,
  findAction,
  findActionIdByReference,
  insertAction,
  type ListedAction,
  listActionRows,
  maxActionNumber,
  updateAction,
} from "./actions.repository.js";
import { amendServices } from "./provisioning.js";

const UDF_STRINGS = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `udf_string_${n}`);
const UDF_FLOATS = [1, 2, 3, 4].map((n) => `udf_float_${n}`);
const UDF_DATES = [1, 2, 3, 4].map((n) => `udf_date_${n}`);
export const UDF_FIELDS = [...UDF_STRINGS, ...UDF_FLOATS, ...UDF_DATES];

/** What every action takes (SEEDS.md §2.3), in Accrue's names. */
export type CommonActionInput = {
  contract_id?: string | undefined;
  customer_id?: string | undefined;
  transaction_reference_number?: string | undefined;
  classification?: string | undefined;
  performed_by_user?: string | undefined;
  performed_by_unit?: string | undefined;
  performed_by_business_unit?: string | undefined;
  performed_on?: string | undefined;
  billing_effective_date?: string | undefined;
  billable_period_start_date?: string | undefined;
  scheduled_date?: string | undefined;
} & { [udf: `udf_${string}`]: string | number | undefined };

export type ActionInput = CommonActionInput &
  AmendServicesInput & {
    end_grace_period_on?: string | undefined;
    end_grace_period_after_specific_days?: number | undefined;
  };

export type SubscriptionAction = {
  id: string;
  number: string;
  contract_id: string;
  action: ActionName;
  behaviour_code: string;
  state: ActionState;
  transaction_reference_number: string | null;
  classification: string | null;
  submitted_by: { type: string; id: string };
  performed_by_user: string | null;
  performed_by_unit: string | null;
  performed_by_business_unit: string | null;
  performed_on: string | null;
  billing_effective_date: string | null;
  billable_period_start_date: string | null;
  scheduled_date: string | null;
  submitted_on: string;
  executed_on: string | null;
  cancelled_on: string | null;
  rejection: { code: string; message: string } | null;
  parameters: Record<string, unknown>;
  effects: unknown[];
  subscription_state: SubscriptionState | null;
  created_at: string;
  updated_at: string;
} & Record<string, unknown>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const instant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());

function toAction(row: ActionRow, state: SubscriptionState | null): SubscriptionAction {
  const action = (row.parameters.action as ActionName | undefined) ?? "amend_services";
  const udf: Record<string, unknown> = {};
  for (const f of UDF_FIELDS) udf[f] = row.udf[f] ?? null;
  const { action: _, ...parameters } = row.parameters;
  return {
    id: row.id,
    number: String(row.number),
    contract_id: row.contract_id,
    action,
    behaviour_code: row.behaviour_code,
    state: row.state,
    transaction_reference_number: row.transaction_reference_number,
    classification: row.classification,
    submitted_by: { type: row.submitted_by_type, id: row.submitted_by_id },
    performed_by_user: row.performed_by_user,
    performed_by_unit: row.performed_by_unit,
    performed_by_business_unit: row.performed_by_business_unit,
    performed_on: iso(row.performed_on),
    billing_effective_date: iso(row.billing_effective_date),
    billable_period_start_date: iso(row.billable_period_start_date),
    scheduled_date: iso(row.scheduled_date),
    submitted_on: row.submitted_on.toISOString(),
    executed_on: iso(row.executed_on),
    cancelled_on: iso(row.cancelled_on),
    rejection: row.rejection,
    parameters,
    effects: row.effects,
    subscription_state: state,
    ...udf,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

// ---- the subscription's state ---------------------------------------------------------------

/** A contract's CRM.COM-style state on the tenant's clock. */
export function stateOf(row: ContractRow, t: Timeline, now: Temporal.Instant): SubscriptionState {
  const phase = phaseAt(t, now);
  const resting =
    row.resting_since !== null &&
    phase?.type === "inactive" &&
    phase.start.epochMilliseconds === row.resting_since.getTime();
  return subscriptionState(lifecycleStatus(t, now), resting);
}

export async function subscriptionStateOf(
  ctx: Ctx,
  contractId: string,
): Promise<SubscriptionState> {
  const row = await findContract(ctx.db, ctx.tenantId, contractId);
  if (!row) throw notFound("contract_not_found", `no contract ${contractId}`, { id: contractId });
  return stateOf(row, await loadTimeline(ctx.db, row), ctx.clock.now());
}

// ---- submitting -------------------------------------------------------------------------------

/** The contract an action names: by id, or by a customer that owns exactly one contract. */
async function identify(ctx: Ctx, input: CommonActionInput): Promise<ContractRow> {
  if ((input.contract_id === undefined) === (input.customer_id === undefined)) {
    throw invalid(
      input.contract_id === undefined ? "missing_identifier" : "ambiguous_identifier",
      "name the subscription by exactly one of contract_id and customer_id",
      { fields: ["contract_id", "customer_id"] },
    );
  }
  let id = input.contract_id;
  if (id === undefined) {
    const owned = await findContractIdsOfCustomer(ctx.db, ctx.tenantId, input.customer_id!, 2);
    if (owned.length === 0) {
      throw notFound("subscription_not_found", `customer ${input.customer_id} has no contract`, {
        field: "customer_id",
      });
    }
    if (owned.length > 1) {
      throw unprocessable(
        "customer_owns_multiple_subscriptions",
        `customer ${input.customer_id} has several contracts: name one by contract_id`,
        { field: "customer_id" },
      );
    }
    id = owned[0]!;
  }
  const row = await findContract(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!row) throw notFound("contract_not_found", `no contract ${id}`, { id });
  await ctx.guard({ kind: "contract", row });
  return row;
}

function optionalInstant(value: string | undefined, field: string): Date | null {
  return value === undefined ? null : dateOf(parseTimestamp(value, field));
}

function udfOf(input: Record<string, unknown>): Record<string, unknown> {
  const udf: Record<string, unknown> = {};
  for (const f of UDF_FIELDS) {
    const value = input[f];
    if (value === undefined) continue;
    udf[f] = f.startsWith("udf_date_")
      ? dateOf(parseTimestamp(String(value), f)).toISOString()
      : value;
  }
  return udf;
}

/** The action's own parameters, kept on the record (and re-read when a scheduled one runs). */
function parametersOf(action: ActionName, input: ActionInput): Record<string, unknown> {
  const pick = (keys: (keyof ActionInput)[]) =>
    Object.fromEntries(keys.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));
  switch (action) {
    case "extend_grace_period":
      return pick(["end_grace_period_on", "end_grace_period_after_specific_days"]);
    case "amend_services":
      return pick([
        "services_to_add",
        "services_to_remove",
        "installed_items_to_add",
        "installed_items_to_remove",
      ]);
    default:
      return {};
  }
}

async function assertReferenceFree(ctx: Ctx, reference: string | undefined): Promise<void> {
  if (reference === undefined) return;
  const taken = await findActionIdByReference(ctx.db, ctx.tenantId, reference);
  if (taken) {
    throw conflict(
      "duplicate_transaction_reference_number",
      `transaction reference number ${reference} was already used by action ${taken}`,
      { field: "transaction_reference_number", action_id: taken },
    );
  }
}

async function nextNumber(ctx: Ctx): Promise<number> {
  // numbers per tenant: the tenant row serialises concurrent submissions
  await lockTenant(ctx.db, ctx.tenantId);
  return (await maxActionNumber(ctx.db, ctx.tenantId)) + 1;
}

/** Submits an action: executed at once, or scheduled for `scheduled_date`. */
export async function submitAction(
  ctx: Ctx,
  action: ActionName,
  input: ActionInput,
): Promise<SubscriptionAction> {
  const now = ctx.clock.now();
  const scheduled = optionalInstant(input.scheduled_date, "scheduled_date");
  if (scheduled && scheduled.getTime() <= now.epochMilliseconds) {
    throw unprocessable("scheduled_date_not_in_future", "scheduled_date lies in the past", {
      field: "scheduled_date",
    });
  }
  const dates = {
    performed_on: optionalInstant(input.performed_on, "performed_on"),
    billing_effective_date: optionalInstant(input.billing_effective_date, "billing_effective_date"),
    billable_period_start_date: optionalInstant(
      input.billable_period_start_date,
      "billable_period_start_date",
    ),
  };
  const udf = udfOf(input);
  const parameters = parametersOf(action, input);
  if (action === "amend_services") assertAmendServices(parameters, scheduled !== null);
  if (action === "extend_grace_period") {
    // the exactly-one rule is checked at submission, whenever the action runs
    graceEnd(parameters, now, null, parseTimestamp);
  }
  const contract = await identify(ctx, input);
  // numbering locks the tenant's actions: the reference check after it sees every other
  const number = await nextNumber(ctx);
  await assertReferenceFree(ctx, input.transaction_reference_number);
  const nowDate = dateOf(now);
  const base = {
    id: newId("action"),
    tenant_id: ctx.tenantId,
    number,
    contract_id: contract.id,
    behaviour_code: ACTION_RULES[action].behaviourCode,
    transaction_reference_number: input.transaction_reference_number ?? null,
    classification: input.classification ?? null,
    submitted_by_type: ctx.actor.type,
    submitted_by_id: ctx.actor.id,
    performed_by_user: input.performed_by_user ?? null,
    performed_by_unit: input.performed_by_unit ?? null,
    performed_by_business_unit: input.performed_by_business_unit ?? null,
    ...dates,
    scheduled_date: scheduled,
    submitted_on: nowDate,
    cancelled_on: null,
    rejection: null,
    parameters: JSON.stringify({ action, ...parameters }),
    udf: JSON.stringify(udf),
    created_at: nowDate,
    updated_at: nowDate,
  };
  if (scheduled) {
    const t = await loadTimeline(ctx.db, contract);
    if (stateOf(contract, t, now) === "cancelled") {
      throw unprocessable("invalid_life_cycle_state", "the subscription is cancelled", {
        state: "cancelled",
      });
    }
    const row = await insertAction(ctx.db, {
      ...base,
      state: "scheduled",
      executed_on: null,
      effects: "[]",
    });
    return recorded(ctx, row, "subscription_action.scheduled");
  }
  const effects = await execute(ctx, contract, action, parameters, {
    at: now,
    billableFrom: dates.billable_period_start_date
      ? instant(dates.billable_period_start_date)
      : now,
  });
  const row = await insertAction(ctx.db, {
    ...base,
    state: "executed",
    executed_on: nowDate,
    effects: JSON.stringify(effects.effects),
  });
  return recorded(ctx, row, "subscription_action.executed", effects.state);
}

async function recorded(
  ctx: Ctx,
  row: ActionRow,
  event: EventType,
  state?: SubscriptionState,
): Promise<SubscriptionAction> {
  const action = toAction(row, state ?? (await subscriptionStateOf(ctx, row.contract_id)));
  ctx.audit({ targetType: "subscription_action", targetId: row.id, after: action });
  await ctx.emit({
    type: event,
    subjectType: "contract",
    subjectId: row.contract_id,
    payload: action,
  });
  return action;
}

// ---- executing --------------------------------------------------------------------------------

type Executed = { effects: unknown[]; state: SubscriptionState };

/**
 * Runs an action on a locked contract at `at` (now, or the scheduled date), its changes taking
 * effect from `billableFrom` (the billable period start date; default `at`).
 */
async function execute(
  ctx: Ctx,
  contract: ContractRow,
  action: ActionName,
  parameters: Record<string, unknown>,
  when: { at: Temporal.Instant; billableFrom: Temporal.Instant },
): Promise<Executed> {
  const now = ctx.clock.now();
  const before = await loadTimeline(ctx.db, contract);
  // a scheduled action is judged as of its date, however late the worker comes by
  const state = stateOf(contract, before, when.at);
  assertActionAllowed(action, state);
  const from = when.billableFrom;
  const effects: unknown[] = [];
  let after: Timeline | null = null;
  let resting: Date | null | undefined;
  switch (action) {
    case "activate": {
      if (state === "draft") {
        // a draft starts at the activation (never later than it was going to)
        if (Temporal.Instant.compare(from, before.start) > 0) {
          throw unprocessable(
            "activation_after_start",
            "a draft subscription is activated at or before its start",
            { field: "billable_period_start_date" },
          );
        }
        const [first, ...rest] = before.phases;
        after = { ...before, start: from, phases: [{ ...first!, start: from }, ...rest] };
        await startDraftContractAt(ctx.db, contract.id, dateOf(from));
      } else {
        after = changeAt(before, { ...lastBilledPhase(before), start: from });
      }
      resting = null;
      effects.push({ type: "phase_started", phase: "normal", start_date: from.toString() });
      break;
    }
    case "deactivate":
    case "rest": {
      after = changeAt(before, {
        type: "inactive",
        start: from,
        planVariantId: null,
        quantity: "0",
      });
      resting = action === "rest" ? dateOf(from) : null;
      effects.push({ type: "phase_started", phase: "inactive", start_date: from.toString() });
      break;
    }
    case "end_resting": {
      after = changeAt(before, { ...lastBilledPhase(before), start: from });
      resting = null;
      effects.push({ type: "phase_started", phase: "normal", start_date: from.toString() });
      break;
    }
    case "terminate": {
      after = endAt(before, from);
      resting = null;
      effects.push({ type: "ended", end_date: from.toString() });
      break;
    }
    case "extend_grace_period": {
      const current = contract.grace_period_end_at ? instant(contract.grace_period_end_at) : null;
      const end = graceEnd(parameters, when.at, current, parseTimestamp);
      await setGracePeriodEnd(ctx.db, contract.id, dateOf(end), dateOf(now));
      effects.push({
        type: "grace_period_extended",
        from: current?.toString() ?? null,
        to: end.toString(),
      });
      break;
    }
    case "amend_services":
      for (const effect of await amendServices(ctx, contract, parameters, from, when.at))
        effects.push(effect);
      break;
  }
  if (after) {
    await saveTimeline(ctx.db, contract.id, after, dateOf(now));
    ctx.audit({
      targetType: "contract",
      targetId: contract.id,
      before: { phases: before.phases.map(phaseJson), end: before.end?.toString() ?? null },
      after: { phases: after.phases.map(phaseJson), end: after.end?.toString() ?? null },
    });
    await ctx.emit({
      type: action === "terminate" ? "contract.ended" : "contract.changed",
      subjectType: "contract",
      subjectId: contract.id,
      payload: { contract_id: contract.id, action, effects },
    });
  }
  if (resting !== undefined) {
    await setRestingSince(ctx.db, contract.id, resting);
  }
  const fresh = (await findContract(ctx.db, ctx.tenantId, contract.id))!;
  return {
    effects,
    state: stateOf(fresh, after ?? before, now),
  };
}

const phaseJson = (p: Phase) => ({
  type: p.type,
  start_date: p.start.toString(),
  plan_variant_id: p.planVariantId,
  quantity: p.quantity,
});

/** The plan a resumed contract continues with: its last phase that named one. */
function lastBilledPhase(t: Timeline): Phase {
  const phase = [...t.phases].reverse().find((p) => p.type !== "inactive");
  if (!phase) throw unprocessable("no_plan_to_resume", "the contract never had a plan to resume");
  return { ...phase, type: "normal" };
}

// ---- reading, cancelling, running scheduled ones ------------------------------------------------

async function loadAction(ctx: Ctx, id: string, forUpdate = false): Promise<ActionRow> {
  const row = await findAction(ctx.db, ctx.tenantId, id, { forUpdate });
  if (!row) throw notFound("subscription_action_not_found", `no subscription action ${id}`, { id });
  return row;
}

export async function getAction(ctx: Ctx, id: string): Promise<SubscriptionAction> {
  const row = await loadAction(ctx, id);
  return toAction(row, await subscriptionStateOf(ctx, row.contract_id));
}

/** What a keyset cursor of each of the subscription actions list's sorts holds. */
const SORT_VALUES: Record<Exclude<ActionSort, "created">, CursorValueShape[]> = {
  scheduled: [{ orNull: INSTANT_KEY }],
};

/**
 * A page of the tenant's subscription actions in the order `sort` and `order` name (by
 * creation, ascending, when absent), narrowed by contract, state, behaviour and the UTC days
 * created (each end included). A list by creation pages by id; by scheduled date by an opaque
 * keyset cursor, refused for another sort or direction. With `include_total`, also how many
 * actions match (one COUNT more).
 */
export async function listActions(
  ctx: Ctx,
  query: {
    limit: number;
    cursor?: string | undefined;
    sort?: ActionSort | undefined;
    order?: "asc" | "desc" | undefined;
    contract_id?: string | undefined;
    state?: ActionState | undefined;
    behaviour_code?: string | undefined;
    /** Created on this UTC day (YYYY-MM-DD) or later. */
    created_from?: string | undefined;
    /** Created on this UTC day or earlier. */
    created_to?: string | undefined;
    include_total?: boolean | undefined;
  },
): Promise<Page<SubscriptionAction> & { total_count?: number }> {
  const filter: ActionListFilter = {
    contractId: query.contract_id,
    state: query.state,
    behaviourCode: query.behaviour_code,
    createdFrom: query.created_from ? utcDayStart(query.created_from, 0) : undefined,
    createdBefore: query.created_to ? utcDayStart(query.created_to, 1) : undefined,
  };
  const { sort, order, ...paging } = sortKeyPaging<keyof typeof SORT_VALUES, ListedAction>({
    kind: "action",
    cursor: query.cursor,
    sort: query.sort,
    order: query.order,
    shapes: SORT_VALUES,
  });
  const page = await fetchPageBatch(
    query.limit,
    (n) =>
      listActionRows(ctx.db, ctx.tenantId, {
        ...filter,
        limit: n,
        cursor: paging.idCursor,
        after: paging.after,
        sort,
        order,
      }),
    async (rows) => {
      const states = new Map<string, SubscriptionState>();
      for (const r of rows) {
        if (!states.has(r.contract_id))
          states.set(r.contract_id, await subscriptionStateOf(ctx, r.contract_id));
      }
      return rows.map((r) => toAction(r, states.get(r.contract_id)!));
    },
    paging.cursorOf,
  );
  if (!query.include_total) return page;
  return { ...page, total_count: await countActionRows(ctx.db, ctx.tenantId, filter) };
}

export async function cancelAction(ctx: Ctx, id: string): Promise<SubscriptionAction> {
  const before = await loadAction(ctx, id, true);
  const contract = await findContract(ctx.db, ctx.tenantId, before.contract_id);
  if (contract) await ctx.guard({ kind: "contract", row: contract });
  assertActionTransition(before.state, "cancelled");
  const now = dateOf(ctx.clock.now());
  const row = await updateAction(ctx.db, id, {
    state: "cancelled",
    cancelled_on: now,
    updated_at: now,
  });
  const state = await subscriptionStateOf(ctx, row.contract_id);
  const action = toAction(row, state);
  ctx.audit({
    targetType: "subscription_action",
    targetId: id,
    before: toAction(before, state),
    after: action,
  });
  await ctx.emit({
    type: "subscription_action.cancelled",
    subjectType: "contract",
    subjectId: row.contract_id,
    payload: action,
  });
  return action;
}

/**
 * Executes a due scheduled action (locked by the caller) as of its scheduled date. Throws an
 * AccrueError when the subscription no longer allows it: the caller rolls back what this
 * wrote and records the rejection with `rejectScheduledAction`.
 */
export async function executeScheduledAction(
  ctx: Ctx,
  row: ActionRow,
): Promise<SubscriptionAction> {
  assertActionTransition(row.state, "executed");
  const contract = await findContract(ctx.db, ctx.tenantId, row.contract_id, { forUpdate: true });
  if (!contract) throw notFound("contract_not_found", `no contract ${row.contract_id}`);
  const { action, ...parameters } = row.parameters as { action: ActionName };
  const at = instant(row.scheduled_date!);
  const executed = await execute(ctx, contract, action, parameters, {
    at,
    billableFrom: row.billable_period_start_date ? instant(row.billable_period_start_date) : at,
  });
  const now = dateOf(ctx.clock.now());
  const done = await updateAction(ctx.db, row.id, {
    state: "executed",
    executed_on: now,
    updated_at: now,
    effects: JSON.stringify(executed.effects),
  });
  return recorded(ctx, done, "subscription_action.executed", executed.state);
}

export async function rejectScheduledAction(
  ctx: Ctx,
  row: ActionRow,
  error: AccrueError,
): Promise<SubscriptionAction> {
  assertActionTransition(row.state, "rejected");
  const now = dateOf(ctx.clock.now());
  const done = await updateAction(ctx.db, row.id, {
    state: "rejected",
    updated_at: now,
    rejection: JSON.stringify({ code: error.code, message: error.message }),
  });
  return recorded(ctx, done, "subscription_action.rejected");
}

export type { ActionRow };
