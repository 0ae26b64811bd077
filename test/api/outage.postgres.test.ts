/**
 * A database outage seen by clients (PostgreSQL only: the server reaches its database through
 * a TCP proxy the test cuts and restores). While the database cannot be reached every request
 * is `503 database_unavailable` with Retry-After, never a 500, and /healthz says so; once it
 * is back the same process answers again, without a restart.
 */
import net from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type App, buildApp } from "../../src/http/app.js";
import { openDatabase } from "../../src/storage/db.js";
import { createTenant, type TenantCredentials } from "../../src/workflows/tenants.js";
import { createTestDatabase, type TestDatabase } from "../harness.js";

vi.setConfig({ testTimeout: 60_000 });

/** A TCP proxy to `target` that can be cut (connections reset, port closed) and restored. */
class CuttableProxy {
  #server: net.Server | null = null;
  readonly #sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      // each socket is forgotten only when it has closed itself: cut() must reach every open one
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on("close", () => this.#sockets.delete(socket));
      }
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.#server = server;
  }

  /** Resets every connection and stops listening: connecting is refused from now on. */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    for (const socket of this.#sockets) socket.resetAndDestroy();
    this.#sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

// PostgreSQL only (embedded PGlite has no connection to lose): vitest.config.ts collects this
// file only in the PostgreSQL pass
describe("a database outage [postgres]", () => {
  let database: TestDatabase;
  let proxy: CuttableProxy;
  let app: App;
  let url: string;
  let tenant: TenantCredentials;
  let close: () => Promise<void>;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    tenant = await createTenant(database.db, { name: "Outage" });
    const direct = new URL(database.url!);
    proxy = new CuttableProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.start();
    const proxied = new URL(direct);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(proxy.port);
    const through = await openDatabase({ backend: "postgres", url: proxied.toString() });
    close = through.close;
    app = await buildApp({
      db: through.db,
      backend: "postgres",
      config: { bodyLimit: 1_048_576, logLevel: "silent", publicUrl: "http://127.0.0.1" },
    });
    url = await app.listen({ host: "127.0.0.1", port: 0 });
  });

  afterAll(async () => {
    // the proxy first: whatever the pool still holds fails at once instead of waiting
    await proxy?.cut();
    await app?.close();
    await close?.();
    await database?.close();
  });

  const request = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tenant.api_key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };

  it("answers 503 database_unavailable with Retry-After while the database is cut off, then recovers", async () => {
    expect((await request("GET", "/healthz")).status).toBe(200);
    expect((await request("POST", "/v1/customers", { email: "a@x.example" })).status).toBe(201);

    await proxy.cut();

    // reads, writes (connections in the pool were reset, new ones are refused)
    for (const [method, path, body] of [
      ["GET", "/v1/customers", undefined],
      ["POST", "/v1/customers", { email: "b@x.example" }],
      ["GET", "/v1/tenant", undefined],
    ] as const) {
      const res = await request(method, path, body);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(503);
      expect(res.body.error.code).toBe("database_unavailable");
      expect(res.body.error.request_id).toEqual(expect.any(String));
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    const health = await request("GET", "/healthz");
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: "unavailable", database: "postgres" });

    // the database comes back on the same address: the same process answers again
    await proxy.start();
    expect((await request("GET", "/healthz")).status).toBe(200);
    const created = await request("POST", "/v1/customers", { email: "c@x.example" });
    expect(created.status).toBe(201);
    const list = await request("GET", "/v1/customers?limit=10");
    expect(list.body.data.map((c: { email: string }) => c.email).sort()).toEqual([
      "a@x.example",
      "c@x.example",
    ]);
  });

  it("connections the database ends (pg_terminate_backend) cost at most a 503, never a 500", async () => {
    // hold a few pooled connections open, then end them all from the database's side
    await Promise.all([1, 2, 3].map(() => request("GET", "/v1/customers")));
    await sql`
        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(database.db);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await request("GET", "/v1/customers")).status);
    expect(
      statuses.every((s) => s === 200 || s === 503),
      statuses.join(),
    ).toBe(true);
    expect(statuses.at(-1)).toBe(200);
  });
});
