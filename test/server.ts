/**
 * A real Accrue HTTP server on a loopback port over a test database, and a small fetch
 * client for it. Route tests go through the network like any client would.
 */
import type { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe } from "vitest";
import { type App, type AppOptions, buildApp } from "../src/http/app.js";
import type { Backend } from "../src/storage/db.js";
import { createTenant, type TenantCredentials } from "../src/workflows/tenants.js";
import { BACKENDS, createTestDatabase, type TestDatabase } from "./harness.js";

export type Response = { status: number; headers: Headers; body: any };

export type RequestOptions = {
  body?: unknown;
  /** Raw body text, sent as is (for malformed input). */
  raw?: string;
  key?: string | null;
  headers?: Record<string, string>;
};

export class TestServer {
  constructor(
    readonly app: App,
    readonly database: TestDatabase,
    readonly url: string,
    readonly tenant: TenantCredentials,
  ) {}

  get db() {
    return this.database.db;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? this.tenant.api_key : options.key;
    if (key !== null) headers.authorization = `Bearer ${key}`;
    let body: string | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers["content-type"] ??= "application/json";
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }
    const res = await fetch(`${this.url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  get = (path: string, options?: RequestOptions) => this.request("GET", path, options);
  post = (path: string, body?: unknown, options?: RequestOptions) =>
    this.request("POST", path, { ...options, body });

  /**
   * A request a fixture relies on: its response body, or an error with the status and the
   * answer when it fails, so a broken fixture fails its suite with the reason.
   */
  async must(method: string, path: string, body?: unknown): Promise<any> {
    const res = await this.request(method, path, body === undefined ? {} : { body });
    if (res.status >= 300) {
      throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
    }
    return res.body;
  }

  /** Another tenant with its own admin credentials. */
  createTenant(name = "Other", testClockNow?: Temporal.Instant): Promise<TenantCredentials> {
    return createTenant(this.db, { name, testClockNow });
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.close();
  }
}

export async function startTestServer(
  backend: Backend,
  config: Partial<AppOptions["config"]> = {},
  options: Pick<AppOptions, "webhookResolver"> = {},
): Promise<TestServer> {
  const database = await createTestDatabase(backend);
  const app = await buildApp({
    ...options,
    db: database.db,
    backend: database.backend,
    // webhook receivers of tests listen on loopback: endpoints may point there, as with
    // ACCRUE_WEBHOOK_ALLOW_PRIVATE=true (delivery decides for itself: see webhook-receiver.ts)
    config: {
      bodyLimit: 1_048_576,
      logLevel: "silent",
      publicUrl: "http://127.0.0.1",
      webhookAllowPrivate: true,
      ...config,
    },
  });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  const tenant = await createTenant(database.db, { name: "Test" });
  return new TestServer(app, database, url, tenant);
}

/** Runs `suite` against a live server on each back end (see harness.ts). */
export function describeServer(
  name: string,
  suite: (t: { readonly server: TestServer; backend: Backend }) => void,
): void {
  for (const backend of BACKENDS) {
    describe(`${name} [${backend}]`, () => {
      let server: TestServer | undefined;
      beforeAll(async () => {
        server = await startTestServer(backend);
      });
      afterAll(async () => {
        await server?.close();
      });
      suite({
        get server() {
          if (!server) throw new Error("the test server is not started yet");
          return server;
        },
        backend,
      });
    });
  }
}
