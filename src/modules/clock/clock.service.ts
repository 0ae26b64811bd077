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
  await setTestClockNow(ctx.db, ctx.tenantId, new Date(at.epochMilliseconds));
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

/** Moves the test clock forward to `frozenTime`; moving it back is refused. */
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
