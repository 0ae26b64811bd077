/**
 * What a mutation costs in statements: a usage event (`POST /v1/contracts/{id}/usage`, no
 * Idempotency-Key) of a tenant on the system clock runs three statements between BEGIN and
 * COMMIT — its references, its insert, and its audit record with the contract marked due —
 * and does not read the tenant's clock again (the authenticated principal carries it); on
 * PostgreSQL its rate limit costs one statement more. A
 * tenant on a test clock has its clock read in the transaction, and the event falls due at
 * the test clock's reading.
 */
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../../src/http/app.js";
import { createTenant, type TenantCredentials } from "../../src/workflows/tenants.js";
import { BACKENDS, createTestDatabase, type TestDatabase } from "../harness.js";

const readsClock = (sql: string) => /select\s+"test_clock_now"\s+from\s+"tenants"/i.test(sql);

for (const backend of BACKENDS) {
  describe(`statements of a mutation [${backend}]`, () => {
    let database: TestDatabase;
    let app: App;
    let url: string;
    /** The text of every statement the database ran (BEGIN and COMMIT are not told). */
    const statements: string[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(backend, { onStatement: (s) => statements.push(s) });
      app = await buildApp({
        db: database.db,
        backend: database.backend,
        config: {
          bodyLimit: 1_048_576,
          logLevel: "silent",
          publicUrl: "http://127.0.0.1",
          // the credential stays remembered between the posts however slow the machine
          authCacheMs: 60_000,
        },
      });
      url = await app.listen({ host: "127.0.0.1", port: 0 });
    });
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    const call = async (
      key: string,
      method: string,
      path: string,
      body?: unknown,
    ): Promise<any> => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = await res.json();
      expect(res.status, `${method} ${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
      return json;
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
      const customer = await call(k, "POST", "/v1/customers", { first_name: "Ada" });
      const order = await call(k, "POST", "/v1/orders", {
        customer_id: customer.id,
        plan_variant_id: variant.id,
        commit: true,
      });
      return { contract: order.contract_id as string, component: component.id as string };
    };

    it("a usage event of a system-clock tenant: three statements, no clock read", async () => {
      const tenant = await createTenant(database.db, { name: "System clock" });
      const { contract, component } = await book(tenant);
      const post = () =>
        call(tenant.api_key, "POST", `/v1/contracts/${contract}/usage`, {
          component_id: component,
          quantity: "5",
        });
      await post(); // the credential is now remembered (authCacheMs)
      statements.length = 0;
      const record = await post();
      expect(record.quantity).toBe("5");
      expect(statements.filter(readsClock).map((s) => s.slice(0, 300))).toEqual([]);
      // the request's rate limit: on PostgreSQL one statement (the address's budget checked,
      // the caller's taken), in the process on PGlite
      const limits = statements.filter((s) => s.includes("rate_limit_buckets"));
      expect(limits).toHaveLength(backend === "postgres" ? 1 : 0);
      const work = statements.filter(
        (s) => !s.includes("rate_limit_buckets") && !/^\s*(begin|commit)\s*$/i.test(s),
      );
      expect(work).toHaveLength(3);
      expect(work[1]).toMatch(/^insert into "usage_records"/i);
    });

    it("a test-clock tenant's clock is read in the transaction; the event falls due then", async () => {
      const frozen = Temporal.Instant.from("2031-03-04T05:06:07Z");
      const tenant = await createTenant(database.db, { name: "Test clock", testClockNow: frozen });
      const { contract, component } = await book(tenant);
      statements.length = 0;
      const record = await call(tenant.api_key, "POST", `/v1/contracts/${contract}/usage`, {
        component_id: component,
        quantity: "2",
      });
      expect(record.due_date).toBe("2031-03-04T05:06:07.000Z");
      expect(statements.filter(readsClock).length).toBeGreaterThanOrEqual(1);
    });
  });
}
