/**
 * Tenant clocks. A tenant runs on the system clock, or on a test clock: a frozen instant
 * that only ever moves forward. Everything time-dependent takes its "now" from here.
 */
import type { Kysely } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { Static } from "typebox";
import { type Clock, fixedClock } from "../../domain/clock.js";
import { conflict, notFound, unprocessable } from "../../domain/errors.js";
import { parseTimestamp } from "../../domain/time/index.js";
import { systemClock } from "../../lib/clock.js";
import type { DB } from "../../storage/schema.js";
import { principals } from "../access/index.js";
import type { Ctx } from "../context.js";
import { findTestClockNow, lockTestClock, setTestClockNow } from "../tenants/index.js";
import type { ClockSchema } from "./clock.schemas.js";

/** The tenant's clock as answered; ClockSchema defines it. */
export type ClockView = Static<typeof ClockSchema>;

export function clockFor(testClockNow: Date | null): Clock {
  return testClockNow
    ? fixedClock(Temporal.Instant.fromEpochMilliseconds(testClockNow.getTime()))
    : systemClock;
}

/** The tenant's clock as of the transaction `db` belongs to (an advance committed since counts). */
export async function tenantClock(db: Kysely<DB>, tenantId: string): Promise<Clock> {
  return clockFor(await findTestClockNow(db, tenantId));
}

async function lockTenant(ctx: Ctx) {
  const row = await lockTestClock(ctx.db, ctx.tenantId);
  if (!row) throw notFound("tenant_not_found", `no tenant ${ctx.tenantId}`);
  return row;
}

export async function getClock(ctx: Ctx): Promise<ClockView> {
  const testClockNow = await findTestClockNow(ctx.db, ctx.tenantId);
  return {
    mode: testClockNow ? "test" : "system",
    now: clockFor(testClockNow).now().toString(),
  };
}

/** Puts the tenant on a test clock frozen at `frozenTime`. Once only: it cannot be undone. */
export async function createTestClock(
  ctx: Ctx,
  input: { frozen_time: string },
): Promise<ClockView> {
  const at = parseTimestamp(input.frozen_time, "frozen_time");
  const row = await lockTenant(ctx);
  if (row.test_clock_now) {
    throw conflict("test_clock_exists", "the tenant already runs on a test clock; advance it");
  }
  await setTestClockNow(ctx.db, ctx.tenantId, new Date(at.epochMilliseconds), { started: true });
  principals.forgetTenant(ctx.tenantId);
  const view: ClockView = { mode: "test", now: at.toString() };
  ctx.audit({
    targetType: "tenant",
    targetId: ctx.tenantId,
    before: { mode: "system" },
    after: view,
  });
  await ctx.emit({
    type: "test_clock.created",
    subjectType: "tenant",
    subjectId: ctx.tenantId,
    payload: view,
  });
  return view;
}

/**
 * How far a test clock may move: at most MAX_ADVANCE (one year) per advance, and at most
 * MAX_RUN (ten years) past the reading it was created with. Billing catches up with every
 * advance, so an unbounded jump would make one tenant's worker bill decades at once.
 */
export const TEST_CLOCK_LIMITS = { maxAdvanceYears: 1, maxRunYears: 10 } as const;

function assertWithinLimits(from: Temporal.Instant, to: Temporal.Instant, started: Date): void {
  const utc = (i: Temporal.Instant) => i.toZonedDateTimeISO("UTC");
  const furthest = utc(from).add({ years: TEST_CLOCK_LIMITS.maxAdvanceYears }).toInstant();
  const limit = utc(Temporal.Instant.fromEpochMilliseconds(started.getTime()))
    .add({ years: TEST_CLOCK_LIMITS.maxRunYears })
    .toInstant();
  if (Temporal.Instant.compare(to, limit) > 0) {
    throw unprocessable(
      "test_clock_limit_reached",
      `a test clock runs at most ${TEST_CLOCK_LIMITS.maxRunYears} years past its creation: not after ${limit}`,
      { field: "frozen_time", latest: limit.toString(), requested: to.toString() },
    );
  }
  if (Temporal.Instant.compare(to, furthest) > 0) {
    throw unprocessable(
      "test_clock_advance_too_far",
      `a test clock advances at most ${TEST_CLOCK_LIMITS.maxAdvanceYears} year at a time: not after ${furthest}`,
      { field: "frozen_time", now: from.toString(), latest: furthest.toString() },
    );
  }
}

/**
 * Moves the test clock forward to `frozenTime`; moving it back, more than a year at once, or
 * further than ten years past its creation is refused.
 */
export async function advanceTestClock(
  ctx: Ctx,
  input: { frozen_time: string },
): Promise<ClockView> {
  const to = parseTimestamp(input.frozen_time, "frozen_time");
  const row = await lockTenant(ctx);
  if (!row.test_clock_now) {
    throw unprocessable("no_test_clock", "the tenant runs on the system clock");
  }
  const from = Temporal.Instant.fromEpochMilliseconds(row.test_clock_now.getTime());
  if (Temporal.Instant.compare(to, from) < 0) {
    throw unprocessable(
      "clock_cannot_move_backwards",
      `the test clock is at ${from}; it only moves forward`,
      { field: "frozen_time", now: from.toString(), requested: to.toString() },
    );
  }
  assertWithinLimits(from, to, row.test_clock_started_at ?? row.test_clock_now);
  await setTestClockNow(ctx.db, ctx.tenantId, new Date(to.epochMilliseconds));
  const before: ClockView = { mode: "test", now: from.toString() };
  const after: ClockView = { mode: "test", now: to.toString() };
  ctx.audit({ targetType: "tenant", targetId: ctx.tenantId, before, after });
  await ctx.emit({
    type: "test_clock.advanced",
    subjectType: "tenant",
    subjectId: ctx.tenantId,
    payload: { from: before.now, to: after.now },
  });
  return after;
}
