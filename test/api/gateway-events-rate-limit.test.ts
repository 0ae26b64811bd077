/**
 * The public gateway events endpoint (`POST /v1/gateways/{account}/events`, no API key) is
 * rate limited per gateway account and client address, on both back ends: beyond the burst
 * the answer is `429 gateway_events_rate_limited` with Retry-After, and nothing of the event
 * is read or recorded; another account, and API keys, keep their own budgets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signTestEvent, TEST_SIGNATURE_HEADER } from "../../src/domain/payments/test-gateway.js";
import { BACKENDS } from "../harness.js";
import { startTestServer, type TestServer } from "../server.js";

const WEBHOOK_SECRET = "whsec_AccrueRateLimitWebhook0123";

for (const backend of BACKENDS) {
  describe(`gateway events rate limit [${backend}]`, () => {
    let server: TestServer;
    const accounts: string[] = [];

    const send = (account: string, id: string) => {
      const body = JSON.stringify({ id, type: "charge.pending_review", data: {} });
      return server.request("POST", `/v1/gateways/${account}/events`, {
        raw: body,
        key: null,
        headers: {
          [TEST_SIGNATURE_HEADER]: signTestEvent(
            body,
            WEBHOOK_SECRET,
            Math.floor(Date.now() / 1000),
          ),
        },
      });
    };
    const recorded = async (account: string) =>
      (await server.get(`/v1/gateways/${account}/events?limit=100`)).body.data as unknown[];

    beforeAll(async () => {
      // an event every two seconds, in bursts of one
      server = await startTestServer(backend, {
        secretKey: "s".repeat(40),
        gatewayEventRateLimit: 0.5,
      });
      for (const name of ["First", "Second"]) {
        const res = await server.post("/v1/gateway_accounts", {
          gateway: "test",
          name,
          credentials: { webhook_secret: WEBHOOK_SECRET },
        });
        expect(res.status).toBe(201);
        accounts.push(res.body.id);
      }
    });
    afterAll(() => server?.close());

    it("answers 429 gateway_events_rate_limited beyond the burst, recording nothing", async () => {
      const [first, second] = accounts as [string, string];
      const allowed = await send(first, "evt_1");
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get("x-ratelimit-limit")).toBe("0.5");
      const refused = await send(first, "evt_2");
      expect(refused.status).toBe(429);
      expect(refused.body.error).toMatchObject({
        code: "gateway_events_rate_limited",
        details: { limit: 0.5, retry_after_seconds: expect.any(Number) },
      });
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await recorded(first)).toHaveLength(1);

      // another account of the same address has its own budget; API keys are not counted here
      expect((await send(second, "evt_1")).status).toBe(200);
      expect((await server.get(`/v1/gateways/${first}/events`)).status).toBe(200);

      // once the bucket refilled, the gateway's delivery again is taken
      await new Promise((resolve) => setTimeout(resolve, 2100));
      expect((await send(first, "evt_2")).status).toBe(200);
      expect(await recorded(first)).toHaveLength(2);
    });
  });
}
