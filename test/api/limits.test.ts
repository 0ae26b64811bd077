/**
 * Request rate limits, and the per-process memory of authenticated credentials: a change this
 * process makes (revoking a key, putting a tenant on a test clock) takes effect at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../harness.js";
import { describeServer, startTestServer, type TestServer } from "../server.js";

for (const backend of BACKENDS) {
  describe(`rate limits [${backend}]`, () => {
    let server: TestServer;
    beforeAll(async () => {
      // one request a second, bursts of two: slow enough that a busy machine cannot refill a
      // bucket between the requests of a test
      server = await startTestServer(backend, { rateLimit: 1 });
    });
    afterAll(async () => {
      await server?.close();
    });

    it("a caller gets a burst of twice the rate, then 429 with the wait; others are unaffected", async () => {
      const other = await server.createTenant("Other");
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await server.get("/v1/tenant"));
      expect(answers.slice(0, 2).map((r) => r.status)).toEqual([200, 200]);
      expect(answers[0]!.headers.get("x-ratelimit-limit")).toBe("1");
      expect(answers[0]!.headers.get("x-ratelimit-remaining")).toBe("1");
      const refused = answers[2]!;
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe("rate_limited");
      expect(refused.body.error.details).toEqual({ limit: 1, retry_after_seconds: 1 });
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
      // a refused mutation writes nothing
      const write = await server.post("/v1/customers", { email: "refused@x.example" });
      expect(write.status).toBe(429);
      const customers = await server.get("/v1/customers", { key: other.api_key });
      expect(customers.status).toBe(200);
      expect(
        await server.db
          .selectFrom("customers")
          .select("id")
          .where("email", "=", "refused@x.example")
          .execute(),
      ).toEqual([]);
      // the bucket refills at the rate
      await new Promise((r) => setTimeout(r, 1100));
      expect((await server.get("/v1/tenant")).status).toBe(200);
    });

    it("guessing credentials spends the address's budget", async () => {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await server.get("/v1/tenant", { key: `ak_wrong${i}` })).status);
      }
      expect(statuses).toEqual([401, 401, 429]);
      // a spent address is refused, even with a good key
      expect((await server.get("/v1/tenant")).status).toBe(429);
      // however the path is spelled
      for (const path of ["/oauth/token", "/OAuth/Token", "/%6Fauth/token"]) {
        const token = await server.request("POST", path, {
          body: { grant_type: "client_credentials", client_id: "x", client_secret: "y" },
        });
        expect(token.status, path).toBe(429);
      }
    });
  });
}

describeServer("remembered credentials", (t) => {
  it("a key revoked by this process stops working at once, even just after use", async () => {
    const created = await t.server.post("/v1/api_keys", { name: "short", roles: ["admin"] });
    expect((await t.server.get("/v1/tenant", { key: created.body.secret })).status).toBe(200);
    await t.server.post(`/v1/api_keys/${created.body.id}/revoke`);
    const after = await t.server.get("/v1/tenant", { key: created.body.secret });
    expect(after.status).toBe(401);
  });

  it("a tenant put on a test clock reads on it at once", async () => {
    const { api_key: key } = await t.server.createTenant("Clockless");
    const post = async (url: string, body: unknown) => {
      const res = await t.server.request("POST", url, { key, body });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      return res.body;
    };
    const group = await post("/v1/plan_groups", { name: "G", currency: "EUR", price_type: "net" });
    const plan = await post("/v1/plans", { plan_group_id: group.id, name: "P" });
    const variant = await post("/v1/plan_variants", {
      plan_id: plan.id,
      internal_name: "V",
      recurring_fee: "1",
      fee_period: { unit: "month", count: 1 },
    });
    const customer = await post("/v1/customers", { email: "c@x.example" });
    const order = await post("/v1/orders", {
      customer_id: customer.id,
      plan_variant_id: variant.id,
      start_date: "2099-01-01T00:00:00Z",
    });
    await post(`/v1/orders/${order.id}/commit`, {});
    const read = () => t.server.get(`/v1/contracts/${order.contract_id}`, { key });
    expect((await read()).body.status).toBe("future");
    await post("/v1/test_clock", { frozen_time: "2099-02-01T00:00:00Z" });
    expect((await read()).body.status).toBe("active");
  });
});
