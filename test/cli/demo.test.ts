/**
 * `accrue demo` on a fresh embedded database: finishes within a minute and leaves every kind
 * of record to look at, for a tenant whose key it prints.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { openDatabase } from "../../src/storage/db.js";
import { BACKENDS, createPostgresDatabase, dropPostgresDatabase } from "../harness.js";
import { runAccrue } from "./process.js";

vi.setConfig({ testTimeout: 180_000 });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-demo-"));
const dataDir = path.join(dir, "data");
const urls: string[] = [];
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const url of urls) await dropPostgresDatabase(url);
});

for (const backend of BACKENDS) {
  it(`accrue demo makes four months of a small business in under a minute [${backend}]`, async () => {
    const url = backend === "postgres" ? await createPostgresDatabase() : null;
    if (url) urls.push(url);
    const started = performance.now();
    const run = await runAccrue(
      ["demo", "--json"],
      url ? { DATABASE_URL: url } : { ACCRUE_DATA_DIR: dataDir },
    );
    const seconds = (performance.now() - started) / 1000;
    expect(run.code, run.stderr).toBe(0);
    expect(seconds).toBeLessThan(60);
    expect(run.stderr).toContain("[1/10] creating the demo tenant");
    expect(run.stderr).toContain("[10/10] done");
    const result = JSON.parse(run.stdout);
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
