/**
 * Customer mail through real `accrue worker` processes: a worker SIGKILLed after the SMTP
 * server took a message's data and before it answered (so before the worker recorded the
 * attempt) loses nothing and sends nothing twice that a receiver keeps: a restarted worker
 * sends the message again once the lease has run out, under the same Message-ID, and
 * records it sent. Real processes, real time, both back ends (PGlite: one data directory the
 * processes open one after the other).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it, vi } from "vitest";
import { buildApp } from "../../src/http/app.js";
import { type Backend, migrate, openDatabase } from "../../src/storage/db.js";
import { createTenant } from "../../src/workflows/tenants.js";
import {
  BACKENDS,
  createPostgresDatabase,
  dropPostgresDatabase,
  migratedTemplate,
} from "../harness.js";
import { SmtpReceiver } from "../smtp-receiver.js";
import { type Env, spawnAccrue } from "./process.js";

// real processes (a build on first use, PGlite, a worker started twice) on a busy machine
vi.setConfig({ testTimeout: 180_000 });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-mail-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function target(backend: Backend) {
  if (backend === "pglite") {
    const dataDir = path.join(tmp, "data");
    // the data directory starts as a copy of the migrated template (faster than migrating)
    const pglite = await PGlite.create({ dataDir, loadDataDir: await migratedTemplate() });
    await pglite.close();
    return {
      env: { ACCRUE_DATA_DIR: dataDir } as Env,
      open: () => openDatabase({ backend: "pglite", dataDir }),
      drop: async () => {},
    };
  }
  const url = await createPostgresDatabase();
  return {
    env: { DATABASE_URL: url } as Env,
    open: () => openDatabase({ backend: "postgres", url }),
    drop: () => dropPostgresDatabase(url),
  };
}

/** A tenant with a customer whose invoice is issued: one message to send. */
async function seed(open: () => ReturnType<typeof openDatabase>, address: string) {
  const database = await open();
  try {
    await migrate(database.db);
    const app = await buildApp({
      db: database.db,
      backend: database.backend,
      config: { bodyLimit: 1_048_576, logLevel: "silent", publicUrl: "http://127.0.0.1" },
    });
    try {
      const tenant = await createTenant(database.db, { name: "Mail crash" });
      const call = async (url: string, payload: unknown) => {
        const res = await app.inject({
          method: "POST",
          url,
          headers: { authorization: `Bearer ${tenant.api_key}` },
          payload: payload as Record<string, unknown>,
        });
        expect(res.statusCode, res.body).toBeLessThan(300);
        return res.json();
      };
      const customer = await call("/v1/customers", { email: address, time_zone: "UTC" });
      await call("/v1/invoices", {
        customer_id: customer.id,
        currency: "EUR",
        lines: [{ description: "Consulting", unit_price: "100", quantity: "1" }],
      });
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

async function messageRows(open: () => ReturnType<typeof openDatabase>, address: string) {
  const database = await open();
  try {
    return await database.db
      .selectFrom("messages")
      .select(["id", "status", "attempt_count", "lease_token"])
      .where("recipient", "=", address)
      .execute();
  } finally {
    await database.close();
  }
}

for (const backend of BACKENDS) {
  describe(`customer mail across a killed worker process [${backend}]`, () => {
    it("SIGKILL after the server took the data, before the answer: sent again, same Message-ID, kept once", async () => {
      const where = await target(backend);
      const receiver = await SmtpReceiver.start();
      const address = `crash-${backend}@kunde.example`;
      const env: Env = {
        ...where.env,
        ACCRUE_SMTP_URL: receiver.url,
        ACCRUE_WORKER_INTERVAL_MS: "50",
        ACCRUE_SMTP_TIMEOUT_MS: "1000",
        // a dead worker's message is sent again 3 s after it was claimed
        ACCRUE_MAIL_LEASE_MS: "3000",
      };
      let first: ReturnType<typeof spawnAccrue> | undefined;
      let second: ReturnType<typeof spawnAccrue> | undefined;
      try {
        await seed(where.open, address);

        // the receiver keeps the data and holds its answer: the worker is killed waiting
        let arrived: () => void = () => {};
        const took = new Promise<void>((resolve) => {
          arrived = resolve;
        });
        let release: () => void = () => {};
        receiver.hold = () => {
          arrived();
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        };
        first = spawnAccrue(["worker"], env);
        await took;
        first.kill("SIGKILL");
        expect(await first.exited).toBeNull();
        receiver.hold = null;
        release();
        expect(receiver.received.filter((r) => r.to.includes(address))).toHaveLength(1);

        // nothing was recorded: the message is queued, leased to the dead worker
        const [claimed] = await messageRows(where.open, address);
        expect(claimed).toMatchObject({ status: "queued", attempt_count: 0 });
        expect(claimed!.lease_token).not.toBeNull();

        // a new worker sends it again once the lease has run out
        second = spawnAccrue(["worker"], env);
        const until = Date.now() + 120_000;
        while (receiver.received.filter((r) => r.to.includes(address)).length < 2) {
          if (Date.now() > until) throw new Error(`no second copy:\n${second.output()}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        // a graceful stop lets the worker record the attempt it is making
        second.kill("SIGTERM");
        expect(await second.exited, second.output()).toBe(0);

        const copies = receiver.received.filter((r) => r.to.includes(address));
        expect(copies).toHaveLength(2);
        expect(copies[1]!.mail.messageId).toBe(copies[0]!.mail.messageId);
        expect(copies[0]!.mail.messageId).toMatch(new RegExp(`^<${claimed!.id}@`));
        // a receiver that de-duplicates by Message-ID keeps one
        expect(receiver.distinct.filter((r) => r.to.includes(address))).toHaveLength(1);
        const [done] = await messageRows(where.open, address);
        expect(done).toMatchObject({
          id: claimed!.id,
          status: "sent",
          attempt_count: 1,
          lease_token: null,
        });
      } finally {
        first?.kill("SIGKILL");
        second?.kill("SIGKILL");
        await Promise.all([first?.exited, second?.exited]);
        await receiver.close();
        await where.drop();
      }
    });
  });
}
