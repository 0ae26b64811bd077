/**
 * The unit of work: a change, its audit records and its events commit together or not at all;
 * a refused attempt (of the unit or of a context) takes its own records and events with it
 * and the unit goes on; events are written in the order they were emitted across contexts;
 * deferred writes run with the unit's last statement, or not at all; a read context refuses
 * to write; an operation in one statement (`conclude`) writes what it recorded with a change
 * that happened and nothing with one that did not, without a transaction when it may.
 */
import { sql } from "kysely";
import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it } from "vitest";
import { isAccrueError, unprocessable } from "../../src/domain/errors.js";
import { databaseRefusal, STATUS_BY_KIND } from "../../src/http/errors.js";
import type { Scope } from "../../src/modules/context.js";
import { createCustomer } from "../../src/modules/customers/index.js";
import { createTenant } from "../../src/workflows/tenants.js";
import {
  perform,
  ReplayedRefusal,
  readContext,
  unitOfWork,
} from "../../src/workflows/unit-of-work.js";
import { describeEachBackend } from "../harness.js";

describeEachBackend("unit of work", (t) => {
  let tenantId = "";
  const scope = (requestId: string): Scope => ({
    tenantId,
    actor: { type: "system", id: "unit-of-work-test" },
    requestId,
    operation: "customers.create",
  });

  beforeAll(async () => {
    tenantId = (
      await createTenant(t.database.db, {
        name: "Units",
        testClockNow: Temporal.Instant.from("2026-03-01T10:00:00Z"),
      })
    ).tenant_id;
  });

  /** What the unit left behind for one request id: customers, audit records, events. */
  async function written(requestId: string, emails: string[]) {
    const db = t.database.db;
    const customers = await db
      .selectFrom("customers")
      .select("email")
      .where("tenant_id", "=", tenantId)
      .where("email", "in", emails)
      .orderBy("email")
      .execute();
    const audit = await db
      .selectFrom("audit_events")
      .select(["target_type", "operation", "tenant_time"])
      .where("tenant_id", "=", tenantId)
      .where("request_id", "=", requestId)
      .execute();
    const events = await db
      .selectFrom("outbox_events")
      .select(["type", "payload"])
      .where("tenant_id", "=", tenantId)
      .where(sql<boolean>`payload->>'email' = ANY(${emails}::text[])`)
      .orderBy("id")
      .execute();
    return {
      customers: customers.map((c) => c.email),
      audit,
      events: events.map((e) => `${e.type} ${(e.payload as { email: string }).email}`),
    };
  }

  it("commits a change with its audit record and its event, on the tenant's clock", async () => {
    await unitOfWork(t.database.db, async (work) => {
      await createCustomer(await work.context(scope("req_commit")), { email: "a@units.example" });
    });
    const after = await written("req_commit", ["a@units.example"]);
    expect(after.customers).toEqual(["a@units.example"]);
    expect(after.audit).toEqual([
      {
        target_type: "customer",
        operation: "customers.create",
        tenant_time: new Date("2026-03-01T10:00:00Z"),
      },
    ]);
    expect(after.events).toEqual(["customer.created a@units.example"]);
  });

  it("an error rolls back the change, its audit records and its events", async () => {
    await expect(
      unitOfWork(t.database.db, async (work) => {
        await createCustomer(await work.context(scope("req_fail")), { email: "b@units.example" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await written("req_fail", ["b@units.example"])).toEqual({
      customers: [],
      audit: [],
      events: [],
    });
  });

  it("a refused attempt drops what it wrote and recorded; the unit goes on", async () => {
    const refused = await unitOfWork(t.database.db, async (work) => {
      const kept = await work.attempt(scope("req_attempt"), async (ctx) => {
        await createCustomer(ctx, { email: "c1@units.example" });
      });
      expect(kept).toBeNull();
      return work.attempt(scope("req_attempt"), async (ctx) => {
        await createCustomer(ctx, { email: "c2@units.example" });
        throw unprocessable("invalid_amount", "refused on purpose");
      });
    });
    expect(refused !== null && isAccrueError(refused) && refused.code).toBe("invalid_amount");
    const after = await written("req_attempt", ["c1@units.example", "c2@units.example"]);
    expect(after.customers).toEqual(["c1@units.example"]);
    expect(after.audit).toHaveLength(1);
    expect(after.events).toEqual(["customer.created c1@units.example"]);
  });

  it("ctx.attempt does the same inside one context", async () => {
    await unitOfWork(t.database.db, async (work) => {
      const ctx = await work.context(scope("req_ctx_attempt"));
      await createCustomer(ctx, { email: "d1@units.example" });
      const refused = await ctx.attempt(async () => {
        await createCustomer(ctx, { email: "d2@units.example" });
        throw unprocessable("invalid_amount", "refused on purpose");
      });
      expect(refused?.code).toBe("invalid_amount");
      expect(await ctx.attempt(() => createCustomer(ctx, { email: "d3@units.example" }))).toBe(
        null,
      );
    });
    const emails = ["d1@units.example", "d2@units.example", "d3@units.example"];
    const after = await written("req_ctx_attempt", emails);
    expect(after.customers).toEqual(["d1@units.example", "d3@units.example"]);
    expect(after.audit).toHaveLength(2);
    expect(after.events).toEqual([
      "customer.created d1@units.example",
      "customer.created d3@units.example",
    ]);
  });

  it("an attempt refused after a refused attempt inside it drops everything it wrote", async () => {
    const emails = ["n1@units.example", "n2@units.example"];
    const refused = await unitOfWork(t.database.db, async (work) =>
      work.attempt(scope("req_nested"), async (ctx) => {
        await createCustomer(ctx, { email: "n1@units.example" });
        const inner = await ctx.attempt(async () => {
          await createCustomer(ctx, { email: "n2@units.example" });
          throw unprocessable("invalid_amount", "the inner one, refused");
        });
        expect(inner?.code).toBe("invalid_amount");
        throw unprocessable("invalid_amount", "the outer one, refused");
      }),
    );
    expect(refused?.message).toBe("the outer one, refused");
    const after = await written("req_nested", emails);
    expect(after.customers).toEqual([]);
    expect(after.events).toEqual([]);
  });

  it("a deferred write runs with the unit's last statement; a refused attempt drops its own", async () => {
    const customerId = async (email: string) =>
      (
        await t.database.db
          .selectFrom("customers")
          .select("id")
          .where("tenant_id", "=", tenantId)
          .where("email", "=", email)
          .executeTakeFirstOrThrow()
      ).id;
    const rename = (id: string, name: string) =>
      sql`UPDATE customers SET company_name = ${name} WHERE tenant_id = ${tenantId} AND id = ${id}`;
    await unitOfWork(t.database.db, async (work) => {
      const ctx = await work.context(scope("req_defer"));
      const f1 = (await createCustomer(ctx, { email: "f1@units.example" })).id;
      const f2 = (await createCustomer(ctx, { email: "f2@units.example" })).id;
      ctx.defer(() => rename(f1, "Deferred"));
      // not run yet: it waits for the unit's last statement
      expect(
        (
          await ctx.db
            .selectFrom("customers")
            .select("company_name")
            .where("id", "=", f1)
            .executeTakeFirstOrThrow()
        ).company_name,
      ).toBeNull();
      const refused = await ctx.attempt(async () => {
        ctx.defer(() => rename(f2, "Dropped"));
        throw unprocessable("invalid_amount", "refused on purpose");
      });
      expect(refused?.code).toBe("invalid_amount");
    });
    const names = await t.database.db
      .selectFrom("customers")
      .select(["email", "company_name"])
      .where("tenant_id", "=", tenantId)
      .where("email", "in", ["f1@units.example", "f2@units.example"])
      .orderBy("email")
      .execute();
    expect(names).toEqual([
      { email: "f1@units.example", company_name: "Deferred" },
      { email: "f2@units.example", company_name: null },
    ]);
    const f2 = await customerId("f2@units.example");
    await expect(
      unitOfWork(t.database.db, async (work) => {
        const ctx = await work.context(scope("req_defer_fail"));
        ctx.defer(() => rename(f2, "Never"));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(
      (
        await t.database.db
          .selectFrom("customers")
          .select("company_name")
          .where("tenant_id", "=", tenantId)
          .where("email", "=", "f2@units.example")
          .executeTakeFirstOrThrow()
      ).company_name,
    ).toBeNull();
  });

  it("writes the events of several contexts in the order they were emitted", async () => {
    await unitOfWork(t.database.db, async (work) => {
      const first = await work.context(scope("req_order_1"));
      const second = await work.context(scope("req_order_2"));
      await createCustomer(first, { email: "e1@units.example" });
      await createCustomer(second, { email: "e2@units.example" });
      await createCustomer(first, { email: "e3@units.example" });
    });
    const after = await written("req_order_1", [
      "e1@units.example",
      "e2@units.example",
      "e3@units.example",
    ]);
    expect(after.events).toEqual([
      "customer.created e1@units.example",
      "customer.created e2@units.example",
      "customer.created e3@units.example",
    ]);
    expect(after.audit).toHaveLength(2);
  });

  it("a one-statement operation: its change with what it recorded, or nothing of it; no other write", async () => {
    const db = t.database.db;
    await unitOfWork(db, async (work) => {
      await createCustomer(await work.context(scope("req_one_setup")), {
        email: "o1@units.example",
      });
    });
    const clock = { now: () => Temporal.Instant.from("2026-03-01T10:00:00Z") };
    const rename = (name: string, happens: boolean) => ({
      parts: [
        [
          "renamed",
          sql`UPDATE customers SET company_name = ${name} WHERE tenant_id = ${tenantId}
            AND email = 'o1@units.example' AND ${happens} RETURNING id`,
        ],
      ] as const,
      answer: sql<{ id: string }>`SELECT id FROM renamed`,
    });
    const run = (requestId: string, fn: Parameters<typeof perform<unknown>>[3]) =>
      perform(db, { ...scope(requestId), clock }, undefined, fn, { oneStatement: true });
    const audited = (requestId: string) =>
      db
        .selectFrom("audit_events")
        .select(["target_type", "after"])
        .where("request_id", "=", requestId)
        .execute();
    const name = async () =>
      (
        await db
          .selectFrom("customers")
          .select("company_name")
          .where("tenant_id", "=", tenantId)
          .where("email", "=", "o1@units.example")
          .executeTakeFirstOrThrow()
      ).company_name;

    // did not happen: what was recorded is dropped; the request's audit record stays
    const missed = await run("req_one_missed", async (ctx) => {
      ctx.audit({ targetType: "customer", targetId: "c1", after: { company_name: "Never" } });
      return { status: 200, body: (await ctx.conclude(rename("Never", false))).length };
    });
    expect(missed.result.body).toBe(0);
    expect(await name()).toBeNull();
    expect(await audited("req_one_missed")).toEqual([{ target_type: null, after: null }]);

    // happened: the change and its audit record in one statement; nothing may follow
    await expect(
      run("req_one_done", async (ctx) => {
        ctx.audit({ targetType: "customer", targetId: "c1", after: { company_name: "Done" } });
        await ctx.conclude(rename("Done", true));
        ctx.audit({ targetType: "customer", targetId: "c1" });
        return { status: 200, body: null };
      }),
    ).rejects.toThrow(/recorded more after its change/);
    expect(await name()).toBe("Done");
    expect(await audited("req_one_done")).toEqual([
      { target_type: "customer", after: { company_name: "Done" } },
    ]);

    // any other write is refused before it reaches the database, and so is a savepoint
    await expect(
      run("req_one_write", async (ctx) => {
        await sql`UPDATE customers SET company_name = 'Direct' WHERE tenant_id = ${tenantId}`.execute(
          ctx.db,
        );
        return { status: 200, body: null };
      }),
    ).rejects.toThrow(/read-only handle/);
    await expect(
      run("req_one_attempt", async (ctx) => {
        await ctx.attempt(async () => {});
        return { status: 200, body: null };
      }),
    ).rejects.toThrow(/no attempts/);
    expect(await name()).toBe("Done");

    // in a transaction (no clock given) the same change: written with what was recorded
    const inUnit = await perform(db, scope("req_one_unit"), undefined, async (ctx) => {
      ctx.audit({ targetType: "customer", targetId: "c1", after: { company_name: "Unit" } });
      return { status: 200, body: (await ctx.conclude(rename("Unit", true))).length };
    });
    expect(inUnit.result.body).toBe(1);
    expect(await name()).toBe("Unit");
    expect(await audited("req_one_unit")).toEqual([
      { target_type: "customer", after: { company_name: "Unit" } },
    ]);
  });

  it("a read context refuses to write audit records or events", async () => {
    const ctx = readContext(t.database.db, {
      ...scope("req_read"),
      clock: { now: () => Temporal.Instant.from("2026-03-01T10:00:00Z") },
    });
    expect(() => ctx.audit({ targetType: "customer", targetId: "x" })).toThrow(/attempted a write/);
    await expect(
      ctx.emit({ type: "customer.created", subjectType: "customer", subjectId: "x", payload: {} }),
    ).rejects.toThrow(/attempted a write/);
    expect(() => ctx.defer(() => sql`SELECT 1`)).toThrow(/attempted a write/);
  });

  describe("refusals under an Idempotency-Key", () => {
    const keyed = (key: string) => ({
      key,
      fingerprint: `fp-${key}`,
      statusOf: (e: { kind: keyof typeof STATUS_BY_KIND }) => STATUS_BY_KIND[e.kind],
      refusalOf: databaseRefusal,
    });
    const storedUnder = (key: string) =>
      t.database.db
        .selectFrom("idempotency_keys")
        .select(["status_code", "response"])
        .where("tenant_id", "=", tenantId)
        .where("key", "=", key)
        .execute();

    it("a business rule's refusal: its writes and audit rolled back, the refusal stored and replayed", async () => {
      let runs = 0;
      const attempt = () =>
        perform(t.database.db, scope("req_refused_rule"), keyed("rule"), async (ctx) => {
          runs += 1;
          await createCustomer(ctx, { email: "refused-rule@x.example" });
          throw unprocessable("customer_locked", "refused after writing");
        });
      await expect(attempt()).rejects.toMatchObject({ code: "customer_locked" });
      expect(await written("req_refused_rule", ["refused-rule@x.example"])).toEqual({
        customers: [],
        audit: [],
        events: [],
      });
      expect(await storedUnder("rule")).toEqual([
        { status_code: 422, response: expect.objectContaining({ code: "customer_locked" }) },
      ]);
      const replay = await attempt().catch((e: unknown) => e);
      expect(replay).toBeInstanceOf(ReplayedRefusal);
      expect(replay).toMatchObject({ kind: "unprocessable", code: "customer_locked" });
      expect(runs).toBe(1);
    });

    it("a value the database refused (SQLSTATE 22003): stored after the rollback, replayed", async () => {
      let runs = 0;
      const attempt = () =>
        perform(t.database.db, scope("req_refused_db"), keyed("db-range"), async (ctx) => {
          runs += 1;
          await createCustomer(ctx, { email: "refused-db@x.example" });
          await sql`SELECT 40000::smallint`.execute(ctx.db);
          return { status: 201, body: {} };
        });
      await expect(attempt()).rejects.toMatchObject({ code: "22003" });
      expect((await written("req_refused_db", ["refused-db@x.example"])).customers).toEqual([]);
      expect(await storedUnder("db-range")).toEqual([
        { status_code: 400, response: expect.objectContaining({ code: "invalid_value" }) },
      ]);
      await expect(attempt()).rejects.toMatchObject({ code: "invalid_value" });
      expect(runs).toBe(1);
    });

    it("a failure of the server is not stored: a retry runs again", async () => {
      let runs = 0;
      const attempt = () =>
        perform(t.database.db, scope("req_failed"), keyed("bug"), async () => {
          runs += 1;
          throw new Error("a bug");
        });
      await expect(attempt()).rejects.toThrow("a bug");
      await expect(attempt()).rejects.toThrow("a bug");
      expect(runs).toBe(2);
      expect(await storedUnder("bug")).toEqual([]);
    });
  });
});
