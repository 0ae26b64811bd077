/**
 * The SDK's retries and backoff, against a node:http server on 127.0.0.1 that answers as each
 * test scripts it (503s, 429s, dropped connections): deterministic, unlike a real outage.
 * Rate limiting by a real Accrue server is covered in client.test.ts.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AccrueApiError,
  type ClientOptions,
  createClient,
  UNEXPECTED_RESPONSE,
} from "../../sdk/src/index.js";
import { backoffDelay } from "../../sdk/src/retry.js";

type Seen = {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
};
type Script = {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Drop the connection without answering. */
  drop?: boolean;
};

const errorBody = (code: string, message = code) => ({
  error: { code, message, details: {}, request_id: "req_stub" },
});

let server: http.Server;
let baseUrl: string;
const seen: Seen[] = [];
let script: Script[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: performance.now(),
      });
      const next = script.shift() ?? { status: 500, body: errorBody("script_exhausted") };
      if (next.drop) {
        req.socket.destroy();
        return;
      }
      const text = typeof next.body === "string" ? next.body : JSON.stringify(next.body ?? {});
      res.writeHead(next.status, {
        "content-type": typeof next.body === "string" ? "text/html" : "application/json",
        ...next.headers,
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen.length = 0;
  script = [];
});

const client = (options: Partial<ClientOptions> = {}) =>
  createClient({ baseUrl, apiKey: "ak_stub", retryDelayMs: 20, ...options });

const customer = { id: "cus_1", company_name: "Acme" };

async function caught(promise: Promise<unknown>): Promise<AccrueApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AccrueApiError) return error;
    throw error;
  }
  throw new Error("expected an AccrueApiError, but the call succeeded");
}

describe("SDK retries", () => {
  it("retries a POST through 503s with backoff, with the same key and body each time", async () => {
    script = [
      { status: 503, body: errorBody("unavailable") },
      { status: 503, body: errorBody("unavailable") },
      { status: 201, body: customer },
    ];
    const { data, response } = await client().POST("/v1/customers", {
      body: { company_name: "Acme" },
    });
    expect(response.status).toBe(201);
    expect(data).toEqual(customer);
    expect(seen).toHaveLength(3);
    const keys = seen.map((s) => s.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    expect(seen.map((s) => s.body)).toEqual(Array(3).fill('{"company_name":"Acme"}'));
    expect(seen.map((s) => s.headers.authorization)).toEqual(Array(3).fill("Bearer ak_stub"));
    // backoff: 20 ms then 40 ms, each at least half of that
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(9);
    expect(seen[2]!.at - seen[1]!.at).toBeGreaterThanOrEqual(19);
  });

  it("gives up after `retries` and throws the last answer's error", async () => {
    script = Array(5).fill({ status: 500, body: errorBody("internal_error", "boom") });
    const error = await caught(client({ retries: 2 }).GET("/v1/tenant"));
    expect(seen).toHaveLength(3);
    expect(error.status).toBe(500);
    expect(error.code).toBe("internal_error");
    expect(error.requestId).toBe("req_stub");
  });

  it("retries: 0 sends once", async () => {
    script = [
      { status: 503, body: errorBody("unavailable") },
      { status: 200, body: {} },
    ];
    const error = await caught(client({ retries: 0 }).GET("/v1/tenant"));
    expect(error.code).toBe("unavailable");
    expect(seen).toHaveLength(1);
  });

  it("does not repeat a PATCH without a key on 5xx, but does with a key given", async () => {
    script = [{ status: 503, body: errorBody("unavailable") }];
    const error = await caught(
      client().PATCH("/v1/customers/{id}", { params: { path: { id: "cus_1" } }, body: {} }),
    );
    expect(error.status).toBe(503);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers["idempotency-key"]).toBeUndefined();

    seen.length = 0;
    script = [
      { status: 503, body: errorBody("unavailable") },
      { status: 200, body: customer },
    ];
    const { data } = await client().PATCH("/v1/customers/{id}", {
      params: { path: { id: "cus_1" } },
      body: {},
      headers: { "Idempotency-Key": "patch-1" },
    });
    expect(data).toEqual(customer);
    expect(seen.map((s) => s.headers["idempotency-key"])).toEqual(["patch-1", "patch-1"]);
  });

  it("a PATCH is retried on 429: a rate-limited request did nothing", async () => {
    script = [
      { status: 429, body: errorBody("rate_limited") },
      { status: 200, body: customer },
    ];
    const { data } = await client().PATCH("/v1/customers/{id}", {
      params: { path: { id: "cus_1" } },
      body: {},
    });
    expect(data).toEqual(customer);
    expect(seen.map((s) => s.method)).toEqual(["PATCH", "PATCH"]);
  });

  it("waits as long as Retry-After says", async () => {
    script = [
      { status: 429, body: errorBody("rate_limited"), headers: { "retry-after": "1" } },
      { status: 200, body: { id: "ten_1" } },
    ];
    await client({ retryDelayMs: 1 }).GET("/v1/tenant");
    expect(seen).toHaveLength(2);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it("a Retry-After beyond maxRetryDelayMs is not waited for: the 429 is thrown", async () => {
    script = [
      { status: 429, body: errorBody("rate_limited"), headers: { "retry-after": "60" } },
      { status: 200, body: {} },
    ];
    const started = performance.now();
    const error = await caught(client({ maxRetryDelayMs: 5000 }).GET("/v1/tenant"));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(seen).toHaveLength(1);
    expect(error.code).toBe("rate_limited");
    expect(error.retryAfterSeconds).toBe(60);
  });

  it("retries a dropped connection, and after the last try throws the network error", async () => {
    script = [
      { status: 0, drop: true },
      { status: 201, body: customer },
    ];
    const { data } = await client().POST("/v1/customers", { body: { company_name: "Acme" } });
    expect(data).toEqual(customer);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.headers["idempotency-key"]).toBe(seen[0]!.headers["idempotency-key"]);

    seen.length = 0;
    script = Array(3).fill({ status: 0, drop: true });
    await expect(client({ retries: 1 }).GET("/v1/tenant")).rejects.toThrow(TypeError);
    expect(seen).toHaveLength(2);
  });

  it("4xx other than 429 are answered at once", async () => {
    script = [{ status: 409, body: errorBody("idempotency_key_reused") }];
    const error = await caught(client().POST("/v1/customers", { body: {} }));
    expect(error.code).toBe("idempotency_key_reused");
    expect(seen).toHaveLength(1);
  });

  it("an answer without Accrue's error body is unexpected_response, body kept", async () => {
    script = [{ status: 502, body: "<html>Bad gateway</html>" }];
    const error = await caught(client({ retries: 0 }).GET("/v1/tenant"));
    expect(error.status).toBe(502);
    expect(error.code).toBe(UNEXPECTED_RESPONSE);
    expect(error.body).toBe("<html>Bad gateway</html>");
    expect(error.requestId).toBeNull();
  });

  it("an abort while waiting to retry ends the call at once", async () => {
    script = [
      { status: 503, body: errorBody("unavailable"), headers: { "retry-after": "5" } },
      { status: 200, body: {} },
    ];
    const controller = new AbortController();
    const started = performance.now();
    const call = client({ maxRetryDelayMs: 10_000 }).GET("/v1/tenant", {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    await expect(call).rejects.toThrow(/abort/i);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(seen).toHaveLength(1);
  });

  it("backoff doubles from retryDelayMs up to maxRetryDelayMs, half of it jitter", () => {
    const options = { retries: 5, minDelayMs: 500, maxDelayMs: 8000 };
    const low = (attempt: number) => backoffDelay(attempt, { ...options, random: () => 0 });
    const high = (attempt: number) => backoffDelay(attempt, { ...options, random: () => 0.999999 });
    expect([0, 1, 2, 3, 4, 5].map(low)).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    expect([0, 1, 2, 3, 4, 5].map(high)).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });
});
