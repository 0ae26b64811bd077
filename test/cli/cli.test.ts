import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { BACKENDS, createPostgresDatabase, dropPostgresDatabase } from "../harness.js";
import { runAccrue, serve } from "./process.js";

// each test starts real processes (tsx, PGlite, migrations): slow on a busy two-core machine
vi.setConfig({ testTimeout: 180_000 });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// help, wrong command lines, invalid configuration and the port check: help.pglite.test.ts

// process tests on the embedded database run in the PGlite pass (see test/harness.ts)
if (BACKENDS.includes("pglite"))
  describe("embedded database", () => {
    const dataDir = path.join(tmp, "data");
    const env = { ACCRUE_DATA_DIR: dataDir };

    it("bootstrap --json prints one JSON object with the credentials", async () => {
      const res = await runAccrue(["bootstrap", "--json", "--name", "Acme"], env);
      expect(res.code, res.stderr).toBe(0);
      const creds = JSON.parse(res.stdout);
      expect(Object.keys(creds).sort()).toEqual([
        "api_key",
        "oauth_client_id",
        "oauth_client_secret",
        "tenant_id",
      ]);
      expect(creds.api_key).toMatch(/^ak_/);
      expect(creds.tenant_id).toMatch(/^ten_/);
      fs.writeFileSync(path.join(tmp, "creds.json"), res.stdout);
    });

    it("serves, refuses a second process, and keeps data across a restart", async () => {
      const creds = JSON.parse(fs.readFileSync(path.join(tmp, "creds.json"), "utf8"));
      const auth = { authorization: `Bearer ${creds.api_key}`, "content-type": "application/json" };
      const first = await serve(env);
      try {
        // a database with a tenant gets no default tenant, so no key is printed
        expect(first.output()).not.toContain("Admin API key");
        expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
        const created = await fetch(`${first.url}/v1/api_keys`, {
          method: "POST",
          headers: auth,
          body: JSON.stringify({ name: "survivor", roles: ["read_only"] }),
        });
        expect(created.status).toBe(201);

        const second = await runAccrue(["bootstrap", "--json"], env);
        expect(second.code).toBe(1);
        expect(second.stderr).toMatch(/in use by process \d+/);
      } finally {
        expect(await first.stop()).toBe(0);
      }

      const again = await serve(env);
      try {
        const list = await fetch(`${again.url}/v1/api_keys?limit=100`, { headers: auth });
        const names = ((await list.json()) as { data: { name: string }[] }).data.map((k) => k.name);
        expect(names).toContain("survivor");
      } finally {
        await again.stop();
      }
    });

    it("first start on an empty database creates the default tenant and prints its key once", async () => {
      const env2 = { ACCRUE_DATA_DIR: path.join(tmp, "fresh") };
      const first = await serve(env2);
      const key = /Admin API key[^:]*: (ak_\S+)/.exec(first.output())?.[1];
      try {
        expect(key).toBeDefined();
        const res = await fetch(`${first.url}/v1/tenant`, {
          headers: { authorization: `Bearer ${key}` },
        });
        expect(res.status).toBe(200);
      } finally {
        await first.stop();
      }
      const second = await serve(env2);
      await second.stop();
      expect(second.output()).not.toContain("Admin API key");
    });

    it("a stale lock left by a killed process is taken over", async () => {
      const env3 = { ACCRUE_DATA_DIR: path.join(tmp, "killed") };
      const first = await serve(env3);
      await first.stop("SIGKILL");
      expect(fs.existsSync(`${env3.ACCRUE_DATA_DIR}.lock`)).toBe(true);
      const second = await serve(env3);
      expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
      await second.stop();
    });
  });

// on PostgreSQL only when DATABASE_URL names a server (see test/harness.ts)
if (process.env.DATABASE_URL)
  describe("PostgreSQL", () => {
    it("two serve processes start together on one empty database; migrations do not race", async () => {
      const url = await createPostgresDatabase();
      try {
        const env = { DATABASE_URL: url };
        const [a, b] = await Promise.all([serve(env), serve(env)]);
        try {
          for (const s of [a, b]) {
            const health = await fetch(`${s.url}/healthz`);
            expect(await health.json()).toEqual({ status: "ok", database: "postgres" });
          }
          // exactly one of them created the default tenant
          const banners = [a, b].filter((s) => s.output().includes("Admin API key")).length;
          expect(banners).toBe(1);
          const boot = await runAccrue(["bootstrap", "--json"], env);
          expect(boot.code, boot.stderr).toBe(0);
          const creds = JSON.parse(boot.stdout);
          // a key created through one process works on the other
          const res = await fetch(`${b.url}/v1/tenant`, {
            headers: { authorization: `Bearer ${creds.api_key}` },
          });
          expect(res.status).toBe(200);
        } finally {
          await Promise.all([a.stop(), b.stop()]);
        }
        const migrate = await runAccrue(["migrate"], env);
        expect(migrate.stdout).toContain("up to date");
      } finally {
        await dropPostgresDatabase(url);
      }
    });
  });
