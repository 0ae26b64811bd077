/**
 * The read cache across real processes (PostgreSQL only): two `accrue serve` processes on one
 * database, each with its own cache. A change answered by one is what the other answers next,
 * with no wait, for customers and contracts, while the other answers its repeated reads from
 * memory.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPostgresDatabase, dropPostgresDatabase } from "../harness.js";
import { runAccrue, type Served, serve } from "./process.js";

// two real processes start (migrations, the fence connection): slow on a busy machine
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

// vitest.config.ts collects this file only in the PostgreSQL pass
describe("two serve processes, one database [postgres]", () => {
  let url: string;
  let a: Served;
  let b: Served;
  let key: string;

  beforeAll(async () => {
    url = await createPostgresDatabase();
    const boot = await runAccrue(["bootstrap", "--json"], { DATABASE_URL: url });
    expect(boot.code, boot.stderr).toBe(0);
    key = JSON.parse(boot.stdout).api_key;
    const env = { DATABASE_URL: url, ACCRUE_WORKER: "false" };
    [a, b] = await Promise.all([serve(env), serve(env)]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    if (url) await dropPostgresDatabase(url);
  });

  const call = async (server: Served, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    expect(res.status, `${method} ${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
    return json;
  };

  /** A new customer, made through process a: its path. */
  const customerPath = async (first_name: string, last_name: string) => {
    const email = `${last_name.toLowerCase()}@example.com`;
    const customer = await call(a, "POST", "/v1/customers", { first_name, last_name, email });
    return `/v1/customers/${customer.id}`;
  };

  it("a change through one process is what the other answers next", async () => {
    const path = await customerPath("Ada", "Lovelace");
    for (let i = 0; i < 60; i++) {
      // b reads it again and again (answered from memory after the first)
      for (let k = 0; k < 3; k++) expect((await call(b, "GET", path)).first_name).not.toBe(`N${i}`);
      // the change through a, then at once the read through b
      await call(a, "PATCH", path, { first_name: `N${i}` });
      expect((await call(b, "GET", path)).first_name).toBe(`N${i}`);
      // and the other way round
      await call(b, "PATCH", path, { last_name: `L${i}` });
      expect((await call(a, "GET", path)).last_name).toBe(`L${i}`);
    }
  });

  it("reads racing writes through the other process never go back in time", async () => {
    const path = await customerPath("R0", "Race");
    let written = 0;
    const writing = (async () => {
      for (let i = 1; i <= 40; i++) {
        await call(a, "PATCH", path, { first_name: `R${i}` });
        written = i;
      }
    })();
    // each read started after write n was answered must show n or later
    const reading = (async () => {
      while (written < 40) {
        const floor = written;
        const seen = Number(String((await call(b, "GET", path)).first_name).slice(1));
        expect(seen).toBeGreaterThanOrEqual(floor);
      }
    })();
    await Promise.all([writing, reading]);
    expect((await call(b, "GET", path)).first_name).toBe("R40");
  });
});
