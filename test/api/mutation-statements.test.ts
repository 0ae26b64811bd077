/**
 * What a mutation costs in statements: a usage event (`POST /v1/contracts/{id}/usage`, no
 * Idempotency-Key) of a tenant on the system clock is ONE statement and no transaction — its
 * references checked, its insert, its audit record and the contract marked due, atomic on
 * their own — and does not read the tenant's clock again (the authenticated principal
 * carries it); on PostgreSQL its rate limit costs one statement more while the caller sends one
 * request at a time (a busy caller's requests share draws). A batch of events is
 * one statement too. A refusal is read again to be named exactly as before, and writes
 * nothing. A tenant on a test clock has its clock read in a transaction (two statements),
 * and the event falls due at the test clock's reading; with an Idempotency-Key the key's
 * claim, a savepoint and the stored answer come with the change.
 */
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type App, buildApp } from "../../src/http/app.js";
import { createTenant, type TenantCredentials } from "../../src/workflows/tenants.js";
import { BACKENDS, createTestDatabase, type TestDatabase } from "../harness.js";

const readsClock = (sql: string) => /select\s+"test_clock_now"\s+from\s+"tenants"/i.test(sql);

for (const backend of BACKENDS) {
  describe(`statements of a mutation [${backend}]`, () => {
    let database: TestDatabase;
    let app: App;
    let url: string;
    /**
     * The text of every statement the database ran (BEGIN and COMMIT are told on PostgreSQL
     * only).
     */
    const statements: string[] = [];
    /** How many transactions the application opened. */
    let transactions = 0;
    const isTransactionControl = (s: string) => /^\s*(begin|commit)\s*$/i.test(s);
    /**
     * The statements of the work itself: no rate limit, no authentication (a test-clock
     * tenant's credential is read each time), no BEGIN or COMMIT.
     */
    const work = () =>
      statements.filter(
        (s) =>
          !s.includes("rate_limit_buckets") &&
          !/^select "api_keys"/i.test(s) &&
          !isTransactionControl(s),
      );

    beforeAll(async () => {
      database = await createTestDatabase(backend, { onStatement: (s) => statements.push(s) });
      const transaction = database.db.transaction.bind(database.db);
      vi.spyOn(database.db, "transaction").mockImplementation(() => {
        transactions += 1;
        return transaction();
      });
      app = await buildApp({
        db: database.db,
        backend: database.backend,
        config: {
          bodyLimit: 1_048_576,
          logLevel: "silent",
          publicUrl: "http://127.0.0.1",
          // the credential stays remembered between the posts however slow the machine
          authCacheMs: 60_000,
          // one token drawn from the shared bucket per request (a rate under 40 a second leases
          // no more than one): at the default rate a quick run of requests leases several, and
          // a request spending a leased token makes no statement at all
          rateLimit: 30,
        },
      });
      url = await app.listen({ host: "127.0.0.1", port: 0 });
    });
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    const send = async (
      key: string,
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<{ status: number; body: any }> => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: await res.json() };
    };
    const call = async (
      key: string,
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<any> => {
      const res = await send(key, method, path, body, headers);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return res.body;
    };

    /** A customer with a contract of a plan with a metered component. */
    const book = async (tenant: TenantCredentials) => {
      const k = tenant.api_key;
      const group = await call(k, "POST", "/v1/plan_groups", {
        name: "G",
        currency: "EUR",
        price_type: "net",
      });
      const plan = await call(k, "POST", "/v1/plans", { plan_group_id: group.id, name: "P" });
      const variant = await call(k, "POST", "/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "Monthly",
        recurring_fee: "10.00",
        fee_period: { unit: "month", count: 1 },
      });
      const component = await call(k, "POST", "/v1/components", {
        plan_group_id: group.id,
        name: "Calls",
        type: "metered",
        price_per_unit: "0.01",
      });
      const seats = await call(k, "POST", "/v1/components", {
        plan_group_id: group.id,
        name: "Seats",
        type: "quantity",
        price_per_unit: "3",
      });
      const customer = await call(k, "POST", "/v1/customers", { first_name: "Ada" });
      const order = await call(k, "POST", "/v1/orders", {
        customer_id: customer.id,
        plan_variant_id: variant.id,
        commit: true,
      });
      return {
        contract: order.contract_id as string,
        component: component.id as string,
        seats: seats.id as string,
      };
    };

    const usageOf = (contract: string) =>
      database.db
        .selectFrom("usage_records")
        .select("id")
        .where("contract_id", "=", contract)
        .execute();
    const auditOf = (requestId: string) =>
      database.db
        .selectFrom("audit_events")
        .select(["target_type", "target_id", "after"])
        .where("request_id", "=", requestId)
        .execute();

    it("a usage event of a system-clock tenant: one statement, no transaction, no clock read", async () => {
      const tenant = await createTenant(database.db, { name: "System clock" });
      const { contract, component } = await book(tenant);
      const post = () =>
        send(tenant.api_key, "POST", `/v1/contracts/${contract}/usage`, {
          component_id: component,
          quantity: "5",
        });
      await post(); // the credential is now remembered (authCacheMs)
      // an ended contract billing no longer looks at: the event makes it due again
      await database.db
        .updateTable("contracts")
        .set({ next_billing_at: null })
        .where("id", "=", contract)
        .execute();
      statements.length = 0;
      transactions = 0;
      const { status, body: record } = await post();
      expect(status).toBe(201);
      expect(record.quantity).toBe("5");
      expect(statements.filter(readsClock).map((s) => s.slice(0, 300))).toEqual([]);
      // the request's rate limit: on PostgreSQL one statement (the address's budget checked,
      // the caller's token drawn), in the process on PGlite
      const limits = statements.filter((s) => s.includes("rate_limit_buckets"));
      expect(limits).toHaveLength(backend === "postgres" ? 1 : 0);
      expect(transactions).toBe(0);
      expect(statements.filter(isTransactionControl)).toEqual([]);
      expect(work()).toHaveLength(1);
      expect(work()[0]).toMatch(/insert into usage_records/i);
      // written by that statement: the record, its audit record, the contract's due mark
      const audit = await database.db
        .selectFrom("audit_events")
        .select(["operation", "target_type", "target_id", "after"])
        .where("target_id", "=", record.id)
        .execute();
      expect(audit).toEqual([
        { operation: "usage.create", target_type: "usage", target_id: record.id, after: record },
      ]);
      const due = await database.db
        .selectFrom("contracts")
        .select("next_billing_at")
        .where("id", "=", contract)
        .executeTakeFirstOrThrow();
      expect(due.next_billing_at?.toISOString()).toBe(record.created_at);
    });

    it("refusals of a system-clock tenant's usage answer as the checks name them and write nothing", async () => {
      const tenant = await createTenant(database.db, { name: "Refusals" });
      const { contract, component, seats } = await book(tenant);
      const k = tenant.api_key;
      const post = (path: string, body: unknown) => send(k, "POST", path, body);
      const before = (await usageOf(contract)).length;

      statements.length = 0;
      const unknownContract = await post("/v1/contracts/con_01J00000000000000000000000/usage", {
        component_id: component,
        quantity: "1",
      });
      expect([unknownContract.status, unknownContract.body.error.code]).toEqual([
        404,
        "contract_not_found",
      ]);
      expect(unknownContract.body.error.details).toEqual({
        id: "con_01J00000000000000000000000",
      });
      // the change, then (only on the refusal) the references read again
      expect(work()).toHaveLength(2);
      expect(await auditOf(unknownContract.body.error.request_id)).toEqual([]);

      const unknownComponent = await post(`/v1/contracts/${contract}/usage`, {
        component_id: "cmp_01J00000000000000000000000",
        quantity: "1",
      });
      expect([unknownComponent.status, unknownComponent.body.error.code]).toEqual([
        422,
        "unknown_component",
      ]);
      expect(unknownComponent.body.error.details).toEqual({ field: "component_id" });
      const notMetered = await post(`/v1/contracts/${contract}/usage`, {
        component_id: seats,
        quantity: "1",
      });
      expect([notMetered.status, notMetered.body.error.code]).toEqual([
        422,
        "component_not_metered",
      ]);
      const badBatch = await post("/v1/usage/batch", {
        events: [
          { contract_id: contract, component_id: component, quantity: "1", key: "b-1" },
          { contract_id: contract, component_id: seats, quantity: "1" },
        ],
      });
      expect([badBatch.status, badBatch.body.error.code]).toEqual([422, "component_not_metered"]);
      expect(badBatch.body.error.details.field).toBe("events.1.component_id");
      expect(await usageOf(contract)).toHaveLength(before);
      expect(await auditOf(badBatch.body.error.request_id)).toEqual([]);
    });

    it("a repeated key answers the stored record: the change, the reads that find it, the request's audit record", async () => {
      const tenant = await createTenant(database.db, { name: "Repeated key" });
      const { contract, component } = await book(tenant);
      const post = (quantity: string) =>
        send(tenant.api_key, "POST", `/v1/contracts/${contract}/usage`, {
          component_id: component,
          quantity,
          key: "evt-1",
        });
      const first = await post("1");
      expect(first.status).toBe(201);
      statements.length = 0;
      transactions = 0;
      const repeat = await post("2");
      expect(repeat.status).toBe(200);
      expect(repeat.body).toEqual(first.body);
      expect(transactions).toBe(0);
      // the change (nothing inserted), the references and the stored record read, and the
      // request's audit record written on its own
      expect(work()).toHaveLength(4);
      expect(await usageOf(contract)).toHaveLength(1);
      const records = await database.db
        .selectFrom("audit_events")
        .select(["operation", "target_type"])
        .where("tenant_id", "=", tenant.tenant_id)
        .where("operation", "=", "usage.create")
        .orderBy("id")
        .execute();
      expect(records).toEqual([
        { operation: "usage.create", target_type: "usage" },
        { operation: "usage.create", target_type: null },
      ]);
    });

    it("a batch of a system-clock tenant: one statement, no transaction", async () => {
      const tenant = await createTenant(database.db, { name: "Batch" });
      const { contract, component } = await book(tenant);
      const events = Array.from({ length: 50 }, (_, i) => ({
        contract_id: contract,
        component_id: component,
        quantity: String(i + 1),
        key: `batch-${i % 40}`,
      }));
      await call(tenant.api_key, "POST", "/v1/usage/batch", { events: events.slice(0, 1) });
      statements.length = 0;
      transactions = 0;
      const res = await call(tenant.api_key, "POST", "/v1/usage/batch", { events });
      expect(res).toEqual({ accepted: 39, duplicates: 11 });
      expect(transactions).toBe(0);
      expect(work()).toHaveLength(1);
      expect(await usageOf(contract)).toHaveLength(40);
    });

    it("with an Idempotency-Key: a transaction of the key's claim, a savepoint, the change and the stored answer", async () => {
      const tenant = await createTenant(database.db, { name: "Idempotent" });
      const { contract, component } = await book(tenant);
      const post = () =>
        send(
          tenant.api_key,
          "POST",
          `/v1/contracts/${contract}/usage`,
          { component_id: component, quantity: "3" },
          { "idempotency-key": "usage-once" },
        );
      statements.length = 0;
      transactions = 0;
      const first = await post();
      expect(first.status).toBe(201);
      expect(transactions).toBe(1);
      expect(work()).toHaveLength(4);
      expect(work()[1]).toMatch(/^savepoint/i);
      expect(work()[2]).toMatch(/insert into usage_records/i);
      const again = await post();
      expect([again.status, again.body]).toEqual([201, first.body]);
      expect(await usageOf(contract)).toHaveLength(1);
    });

    it("a test-clock tenant's clock is read in the transaction; the event falls due then", async () => {
      const frozen = Temporal.Instant.from("2031-03-04T05:06:07Z");
      const tenant = await createTenant(database.db, { name: "Test clock", testClockNow: frozen });
      const { contract, component } = await book(tenant);
      statements.length = 0;
      transactions = 0;
      const record = await call(tenant.api_key, "POST", `/v1/contracts/${contract}/usage`, {
        component_id: component,
        quantity: "2",
      });
      expect(record.due_date).toBe("2031-03-04T05:06:07.000Z");
      expect(statements.filter(readsClock).length).toBeGreaterThanOrEqual(1);
      // in a transaction: the clock read, then the change
      expect(transactions).toBe(1);
      expect(work()).toHaveLength(2);
      expect(work()[0]).toMatch(/^select "test_clock_now"/i);
      expect(work()[1]).toMatch(/insert into usage_records/i);
    });
  });
}
