/**
 * `accrue demo`: on a fresh embedded database it starts a server itself, fills a demo tenant
 * through its API within a minute and keeps serving, so the links it prints work; beside a
 * running server on PostgreSQL it drives that server's API instead. Either way every kind of
 * record exists to look at, for a tenant whose key it prints.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { openDatabase } from "../../src/storage/db.js";
import { BACKENDS, createPostgresDatabase, dropPostgresDatabase } from "../harness.js";
import { runAccrue, type Served, serve, spawnAccrue } from "./process.js";

vi.setConfig({ testTimeout: 180_000 });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-demo-"));
const dataDir = path.join(dir, "data");
const urls: string[] = [];
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const url of urls) await dropPostgresDatabase(url);
});

/** The demo on the embedded database: it serves the demo itself, on a free port. */
async function demoServingItself() {
  const started = performance.now();
  const demo = spawnAccrue(["demo", "--json"], { ACCRUE_DATA_DIR: dataDir, PORT: "0" });
  try {
    await demo.waitFor(/Ctrl-C stops it/);
    const seconds = (performance.now() - started) / 1000;
    // the JSON goes to stdout, the serving line to stderr: either pipe may be read first
    await demo.waitFor(/^\{"tenant_id".*\n/m, 10_000);
    const out = demo.output();
    const base = /Accrue is serving (http:\/\/[\d.]+:\d+)/.exec(out)![1]!;
    // one line each: the database, made from the migrated template (src/storage/data-template.ts),
    // the first tenant, the demo's steps
    for (const line of [
      /^accrue: opening the embedded database /m,
      /^accrue: a new embedded database: starting it from the template$/m,
      /^accrue: the schema is up to date$/m,
      /^Accrue created the default tenant ten_/m,
      /^accrue demo: \[1\/10\] creating the demo tenant/m,
      /^accrue demo: \[10\/10\] done/m,
    ])
      expect(out).toMatch(line);
    const result = JSON.parse(/^\{"tenant_id".*$/m.exec(out)![0]);
    // the links it prints work while it serves
    expect(result.portal_url.startsWith(`${base}/portal/`)).toBe(true);
    const auth = { authorization: `Bearer ${result.api_key}` };
    expect((await fetch(result.portal_url)).status).toBe(200);
    expect((await fetch(`${base}/console`)).status).toBe(200);
    const invoices = await fetch(`${base}/v1/invoices`, { headers: auth });
    expect(invoices.status).toBe(200);
    expect(((await invoices.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    return { result, seconds };
  } finally {
    demo.kill("SIGTERM");
    expect(await demo.exited).toBe(0);
  }
}

/** The demo beside a running server on PostgreSQL: through that server's API. */
async function demoThroughRunningServer(url: string) {
  // a server that sends webhooks to this machine, so the demo's receiver gets them
  const server: Served = await serve({ DATABASE_URL: url, ACCRUE_WEBHOOK_ALLOW_PRIVATE: "true" });
  try {
    const port = new URL(server.url).port;
    const started = performance.now();
    const run = await runAccrue(["demo", "--json"], { DATABASE_URL: url, PORT: port });
    const seconds = (performance.now() - started) / 1000;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`demo through the API of the server at ${server.url}`);
    const result = JSON.parse(run.stdout);
    expect(result.portal_url.startsWith(`${server.url}/portal/`)).toBe(true);
    expect((await fetch(result.portal_url)).status).toBe(200);
    return { result, seconds };
  } finally {
    await server.stop();
  }
}

for (const backend of BACKENDS) {
  it(`accrue demo makes four months of a small business in under a minute [${backend}]`, async () => {
    const url = backend === "postgres" ? await createPostgresDatabase() : null;
    if (url) urls.push(url);
    const { result, seconds } = url
      ? await demoThroughRunningServer(url)
      : await demoServingItself();
    expect(seconds).toBeLessThan(60);
    expect(result).toMatchObject({
      contracts: 6,
      test_clock: "2026-05-01T06:00:00Z",
      orders_awaiting_approval: 1,
    });
    expect(result.portal_url).toMatch(/\/portal\/sst_[A-Za-z0-9_-]+$/);
    expect(result.invoices).toBeGreaterThanOrEqual(6 * 4);
    expect(result.credit_notes).toBeGreaterThanOrEqual(1);
    expect(result.webhook_deliveries).toBeGreaterThan(50);
    expect(result.api_key).toMatch(/^ak_/);

    const database = url
      ? await openDatabase({ backend: "postgres", url })
      : await openDatabase({ backend: "pglite", dataDir });
    try {
      const db = database.db;
      const tenant = result.tenant_id;
      const payments = await db
        .selectFrom("payments")
        .select(["status", "method"])
        .where("tenant_id", "=", tenant)
        .execute();
      expect(payments.some((p) => p.status === "failed")).toBe(true);
      expect(payments.some((p) => p.method === "offline")).toBe(true);
      expect(payments.some((p) => p.method === "test_card" && p.status === "succeeded")).toBe(true);
      const actions = await db
        .selectFrom("subscription_actions")
        .select(["behaviour_code", "state"])
        .where("tenant_id", "=", tenant)
        .execute();
      expect(actions).toEqual(
        expect.arrayContaining([
          { behaviour_code: "amend_services", state: "executed" },
          { behaviour_code: "rest_subscription", state: "executed" },
        ]),
      );
      const notices = await db
        .selectFrom("dunning_notices")
        .select("name")
        .where("tenant_id", "=", tenant)
        .execute();
      expect(notices.length).toBeGreaterThan(0);
      // the receiver is gone with the demo: its endpoint is paused, not failing
      const endpoints = await db
        .selectFrom("webhook_endpoints")
        .select(["enabled"])
        .where("tenant_id", "=", tenant)
        .execute();
      expect(endpoints).toEqual([{ enabled: false }]);
    } finally {
      await database.close();
    }
  });
}
