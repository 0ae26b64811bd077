/**
 * Importing contracts from another billing system, so that a company can migrate its running
 * subscriptions without billing its customers twice (Chargebee: import subscription, import
 * contract term, import unbilled charges).
 *
 * - A contract is imported with its history: it started in the past, and the other system
 *   billed it until `billed_until` (its next billing date there). The contract records that
 *   instant; billing never bills or credits a day before it (src/domain/invoicing/charges.ts),
 *   looks at the contract first at it, and billing periods go on from it (a restart when it is
 *   not a boundary of the plan variant's billing periods). A change dated before it is refused
 *   (`before_billed_until`, ./billed-until.ts).
 * - A contract term maps onto the contract's timeline: `cancel` ends the contract at the
 *   term's end; `renew`, `renew_once` and `evergreen` keep it running, its billing periods
 *   repeating from the term's end. The term itself is recorded on the contract.
 * - Unbilled charges are rated items (one-off charges with a service period), billed once by
 *   the next settlement.
 */
import { Temporal } from "temporal-polyfill";
import { endAt, phaseAt, type Timeline } from "../../domain/contracts/phases.js";
import { conflict, notFound, unprocessable } from "../../domain/errors.js";
import { cellAt } from "../../domain/invoicing/index.js";
import { assertContractStart, localDate, parseTimestamp } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import type { ContractTermJson, PeriodValue } from "../../storage/schema.js";
import { findInTenant } from "../catalog/index.js";
import { type Ctx, dateOf } from "../context.js";
import { findCustomer, markCustomerOrdered } from "../customers/index.js";
import { assertAfterBilledUntil } from "./billed-until.js";
import { setNextBillingAt } from "./billing-facts.repository.js";
import {
  addRatedItem,
  type CartComponent,
  type RatedItem,
  setComponentQuantity,
  validateCartComponents,
} from "./contract-items.js";
import {
  type ContractRow,
  findContract,
  insertContract,
  loadTimeline,
  saveTimeline,
  setTermRestarts,
} from "./contracts.repository.js";
import { type Contract, contractEntity, loadContract, toContract } from "./contracts.service.js";
import { setContractTerm } from "./imports.repository.js";
import { assertOrderingCustomer } from "./orders.service.js";
import { loadTermContract } from "./term-end.js";
import { variantWithPlan } from "./timelines.js";

const cmp = Temporal.Instant.compare;

/** An imported contract as the API answers it: the contract with what was imported. */
export type ImportedContract = Contract & {
  billed_until: string | null;
  contract_term: ContractTermJson | null;
};

async function imported(ctx: Ctx, row: ContractRow, timeline?: Timeline) {
  return {
    ...(await toContract(ctx, row, timeline)),
    billed_until: row.billed_until ? row.billed_until.toISOString() : null,
    contract_term: row.contract_term,
  };
}

/**
 * Whether `at` (the customer's day) starts a billing period of a grid from `anchor` with
 * `restarts`; calendar grids are absolute.
 */
function startsPeriod(
  grid: {
    anchor: Temporal.PlainDate;
    period: PeriodValue;
    alignment: "anniversary" | "calendar";
    restarts: readonly Temporal.PlainDate[];
  },
  at: Temporal.PlainDate,
): boolean {
  return Temporal.PlainDate.compare(cellAt(grid, at).start, at) === 0;
}

// ---- a contract with its history ---------------------------------------------------------

export type ContractImportInput = {
  customer_id: string;
  plan_variant_id: string;
  quantity?: string | undefined;
  components?: readonly CartComponent[] | undefined;
  /** When the contract started in the other system. */
  start_date: string;
  /** Until when the other system billed it (its next billing date there). */
  billed_until: string;
  status?: "active" | "non_renewing" | "cancelled" | undefined;
  end_date?: string | undefined;
};

/** The end an imported contract's status asks for: none, later than now, or by now. */
function assertStatus(
  status: NonNullable<ContractImportInput["status"]>,
  end: Temporal.Instant | null,
  now: Temporal.Instant,
): void {
  const fits =
    status === "active"
      ? end === null
      : end !== null && (status === "cancelled" ? cmp(end, now) <= 0 : cmp(end, now) > 0);
  if (fits) return;
  const why = {
    active: "an active contract has no end_date",
    non_renewing: "a non_renewing contract has an end_date after now",
    cancelled: "a cancelled contract has an end_date by now",
  }[status];
  throw unprocessable("import_status_mismatch", why, { field: "end_date", status });
}

/**
 * Imports a contract (Chargebee: import subscription): its customer, plan variant, quantity and
 * components from its start, billed by the other system until `billed_until`. Billing looks at
 * it first then and bills only from that day on. Nothing is written when any check fails.
 */
export async function importContract(
  ctx: Ctx,
  input: ContractImportInput,
): Promise<ImportedContract> {
  const customer = await assertOrderingCustomer(
    ctx,
    await findCustomer(ctx.db, ctx.tenantId, input.customer_id, { forUpdate: true }),
    input.customer_id,
  );
  const { variant, group } = await variantWithPlan(ctx, input.plan_variant_id, "plan_variant_id");
  const components = await validateCartComponents(ctx, group.id, input.components ?? [], "signup");
  const now = ctx.clock.now();
  const start = parseTimestamp(input.start_date, "start_date");
  if (cmp(start, now) > 0) {
    throw unprocessable(
      "import_start_in_future",
      `start_date ${start} is after now (${now}): an imported contract started in the other system`,
      { field: "start_date" },
    );
  }
  assertContractStart(start, now, "start_date");
  const billedUntil = parseTimestamp(input.billed_until, "billed_until");
  if (cmp(billedUntil, start) < 0) {
    throw unprocessable(
      "billed_until_before_start",
      `billed_until ${billedUntil} is before start_date ${start}`,
      { field: "billed_until" },
    );
  }
  const status = input.status ?? "active";
  const end = input.end_date === undefined ? null : parseTimestamp(input.end_date, "end_date");
  assertStatus(status, end, now);
  if (end !== null && cmp(billedUntil, end) > 0) {
    throw unprocessable(
      "billed_until_after_end",
      `billed_until ${billedUntil} is after end_date ${end}`,
      { field: "billed_until" },
    );
  }
  let timeline: Timeline = {
    start,
    end: null,
    phases: [{ type: "normal", start, planVariantId: variant.id, quantity: input.quantity ?? "1" }],
  };
  if (end !== null) timeline = endAt(timeline, end);
  // billing periods go on from where the other system's billing stopped
  const tz = customer.time_zone;
  const onGrid = startsPeriod(
    {
      anchor: localDate(start, tz),
      period: variant.billing_period,
      alignment: variant.billing_alignment,
      restarts: [],
    },
    localDate(billedUntil, tz),
  );
  const restarts = onGrid || variant.billing_alignment === "calendar" ? [] : [billedUntil];
  const entity = await contractEntity(ctx, customer, group.currency);
  const created = dateOf(now);
  const row = await insertContract(ctx.db, {
    id: newId("contract"),
    tenant_id: ctx.tenantId,
    customer_id: customer.id,
    business_entity_id: entity,
    plan_group_id: group.id,
    currency: group.currency,
    start_at: dateOf(start),
    end_at: end ? dateOf(end) : null,
    billed_until: dateOf(billedUntil),
    term_restarts: JSON.stringify(restarts.map((r) => r.toString())),
    created_at: created,
    updated_at: created,
  });
  await saveTimeline(ctx.db, row.id, timeline, created);
  for (const item of components) await setComponentQuantity(ctx, row, item, start);
  // billing looks at the contract first where the other system's billing stopped
  await setNextBillingAt(ctx.db, ctx.tenantId, row.id, dateOf(billedUntil));
  if (!customer.has_orders) await markCustomerOrdered(ctx.db, ctx.tenantId, customer.id);
  const answer = await imported(ctx, row, { ...timeline, restarts });
  ctx.audit({ targetType: "contract", targetId: row.id, after: answer });
  await ctx.emit({
    type: "contract.created",
    subjectType: "contract",
    subjectId: row.id,
    payload: answer,
  });
  return answer;
}

// ---- a contract term ----------------------------------------------------------------------

export type ContractTermInput = {
  contract_start: string;
  contract_end: string;
  billing_cycles?: number | undefined;
  action_at_term_end: ContractTermJson["action_at_term_end"];
};

/**
 * Imports the contract term a contract runs in (Chargebee: import contract term): `cancel`
 * ends the contract at the term's end; the other actions keep it running, its billing periods
 * repeating from the term's end. The term must still run (its end after now, not before the
 * contract's billed-until), on a contract in a paid phase now. Audited; `contract.changed`.
 */
export async function importContractTerm(
  ctx: Ctx,
  id: string,
  input: ContractTermInput,
): Promise<ImportedContract> {
  const { row, timeline } = await loadTermContract(ctx, id, true);
  const now = ctx.clock.now();
  const termStart = parseTimestamp(input.contract_start, "contract_start");
  const termEnd = parseTimestamp(input.contract_end, "contract_end");
  if (cmp(termEnd, termStart) <= 0) {
    throw unprocessable("end_before_start", "contract_end must be after contract_start", {
      field: "contract_end",
    });
  }
  if (cmp(termStart, timeline.start) < 0) {
    throw unprocessable(
      "start_before_contract",
      "a contract term cannot start before its contract",
      {
        field: "contract_start",
      },
    );
  }
  if (cmp(termEnd, now) <= 0) {
    throw unprocessable("term_end_in_past", `contract_end ${termEnd} is not after now`, {
      field: "contract_end",
    });
  }
  assertAfterBilledUntil(row, termEnd, "contract_end");
  const written = dateOf(now);
  let after: Timeline;
  if (input.action_at_term_end === "cancel") {
    after = endAt(timeline, termEnd);
    await saveTimeline(ctx.db, row.id, after, written);
  } else {
    if (timeline.end !== null) {
      throw conflict(
        "term_action_conflict",
        `contract ${id} ends at ${timeline.end}; a term that renews cannot be imported onto it`,
        { field: "action_at_term_end", end_date: timeline.end.toString() },
      );
    }
    const customer = await findCustomer(ctx.db, ctx.tenantId, row.customer_id);
    if (!customer) throw notFound("customer_not_found", `no customer ${row.customer_id}`);
    const tz = customer.time_zone;
    const current = phaseAt(timeline, now)!;
    const { variant } = await variantWithPlan(ctx, current.planVariantId!, "contract_id");
    // restarts from the term's end on are the term's to decide
    const kept = (timeline.restarts ?? []).filter((r) => cmp(r, termEnd) < 0);
    const paid = timeline.phases.find((p) => p.type === "normal") ?? current;
    const onGrid = startsPeriod(
      {
        anchor: localDate(paid.start, tz),
        period: variant.billing_period,
        alignment: variant.billing_alignment,
        restarts: kept.map((r) => localDate(r, tz)),
      },
      localDate(termEnd, tz),
    );
    if (!onGrid && variant.billing_alignment === "calendar") {
      throw unprocessable(
        "calendar_aligned_term",
        "the contract's billing periods follow the calendar and contract_end is not a boundary of them",
        { field: "contract_end" },
      );
    }
    const restarts = onGrid ? kept : [...kept, termEnd];
    after = { ...timeline, restarts };
    await setTermRestarts(ctx.db, ctx.tenantId, row.id, restarts, written);
  }
  const term: ContractTermJson = {
    start: termStart.toString(),
    end: termEnd.toString(),
    billing_cycles: input.billing_cycles ?? null,
    action_at_term_end: input.action_at_term_end,
  };
  await setContractTerm(ctx.db, ctx.tenantId, row.id, term, written);
  const saved = (await findContract(ctx.db, ctx.tenantId, row.id))!;
  const answer = await imported(ctx, saved, after);
  ctx.audit({
    targetType: "contract",
    targetId: row.id,
    before: await imported(ctx, row, timeline),
    after: answer,
  });
  await ctx.emit({
    type: "contract.changed",
    subjectType: "contract",
    subjectId: row.id,
    payload: answer,
  });
  return answer;
}

// ---- unbilled charges ---------------------------------------------------------------------

export type UnbilledChargeInput = {
  /** What the charge is for in the other system. */
  entity_type: "plan" | "addon" | "charge" | "adhoc";
  /** plan: a plan variant billed on the contract; addon: a component of its plan group. */
  entity_id?: string | undefined;
  description: string;
  quantity?: string | undefined;
  unit_amount: string;
  date_from: string;
  date_to: string;
};

/** Refuses a plan or addon charge whose entity is not the contract's. */
async function assertChargeEntity(
  ctx: Ctx,
  row: ContractRow,
  timeline: Timeline,
  charge: UnbilledChargeInput,
  field: string,
): Promise<void> {
  const id = charge.entity_id;
  if (id === undefined || charge.entity_type === "charge" || charge.entity_type === "adhoc") {
    return;
  }
  const ours =
    charge.entity_type === "plan"
      ? timeline.phases.some((p) => p.planVariantId === id)
      : (await findInTenant(ctx.db, "components", ctx.tenantId, id))?.plan_group_id ===
        row.plan_group_id;
  if (!ours) {
    throw unprocessable(
      "charge_entity_not_of_contract",
      `${charge.entity_type} ${id} is not ${charge.entity_type === "plan" ? "a plan variant billed on" : "a component of the plan group of"} contract ${row.id}`,
      { field: `${field}.entity_id`, id },
    );
  }
}

/**
 * Imports charges the other system had not billed (Chargebee: import unbilled charges) as the
 * contract's rated items, each with its service period; the next settlement bills each once.
 * All or none: every charge is checked before any is written.
 */
export async function importUnbilledCharges(
  ctx: Ctx,
  contractId: string,
  input: { charges: readonly UnbilledChargeInput[] },
): Promise<{ contract_id: string; rated_items: RatedItem[] }> {
  const row = await loadContract(ctx, contractId, true);
  const timeline = await loadTimeline(ctx.db, row);
  for (const [i, charge] of input.charges.entries()) {
    const field = `charges[${i}]`;
    await assertChargeEntity(ctx, row, timeline, charge, field);
    const from = parseTimestamp(charge.date_from, `${field}.date_from`);
    const to = parseTimestamp(charge.date_to, `${field}.date_to`);
    if (cmp(to, from) < 0) {
      throw unprocessable("end_before_start", "date_to must not be before date_from", {
        field: `${field}.date_to`,
      });
    }
  }
  const items: RatedItem[] = [];
  for (const charge of input.charges) {
    items.push(
      await addRatedItem(ctx, contractId, {
        description: charge.description,
        quantity: charge.quantity ?? "1",
        price_per_unit: charge.unit_amount,
        period_start: charge.date_from,
        period_end: charge.date_to,
      }),
    );
  }
  return { contract_id: contractId, rated_items: items };
}
