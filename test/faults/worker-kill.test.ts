/**
 * The worker process (`accrue worker`) SIGKILLed during each of its jobs that change billing
 * state: scheduled actions, billing (with the moves of transferred customers' contracts it
 * makes first), dunning, grace expiry; ./worker-work.ts queues work for each. A kill comes at a
 * random small delay after the job's batch starts (the worker's trace log says when, and
 * whether the batch was still running), once per job (ACCRUE_FAULT_ROUNDS times), each time
 * on a restarted worker that goes on with what the last one left.
 * Then:
 *
 * - nothing acknowledged is lost: every batch a killed worker logged as done is in the
 *   database (`job batch done` is logged after the commit);
 * - a last restart finishes the work, and every invariant holds in SQL: each contract billed
 *   once, each action executed once, each dunning level reached once per invoice, each grace
 *   period ended once.
 *
 * PGlite: the processes take turns on one data directory on disk. PostgreSQL: a fresh
 * database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, describe, expect, it, vi } from "vitest";
import { billingJob } from "../../src/jobs/billing.js";
import { dunningJob, graceExpiryJob } from "../../src/jobs/dunning.js";
import { startWorker } from "../../src/jobs/runner.js";
import { scheduledActionsJob } from "../../src/jobs/scheduled-actions.js";
import { type Backend, type Database, openDatabase } from "../../src/storage/db.js";
import { spawnAccrue } from "../cli/process.js";
import { BACKENDS, createTestDatabase, seededPgliteDir } from "../harness.js";
import {
  progress,
  seedWorkerWork,
  settledByWorkers,
  TARGET_JOBS,
  type TargetJob,
  violations,
  type WorkerWork,
} from "./worker-work.js";

// real processes on a busy two-core machine
vi.setConfig({ testTimeout: 240_000 });

/** Contracts (actions, invoices) of work per job; billing gets more, it is quicker per item. */
const SIZE = { contracts: 30, billed: 150, transferred: 10 };
/** The latest a kill comes after a batch started (a batch of each job takes longer). */
const KILL_WITHIN_MS = 30;
/** Kills per job (ACCRUE_FAULT_ROUNDS=5 for a longer run). */
const ROUNDS = Number(process.env.ACCRUE_FAULT_ROUNDS ?? 1);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-worker-kill-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The seeded database for the worker processes, and how the test opens it between them. */
async function seededDatabase(backend: Backend) {
  if (backend === "pglite") {
    const dataDir = path.join(tmp, "data");
    const work = await seededPgliteDir(dataDir, (db) => seedWorkerWork(db, backend, SIZE));
    return {
      work,
      env: { ACCRUE_DATA_DIR: dataDir },
      // one process at a time: opened only while no worker runs
      open: () => openDatabase({ backend: "pglite", dataDir }),
      release: (d: Database) => d.close(),
      close: async () => {},
    };
  }
  const database = await createTestDatabase("postgres");
  const work = await seedWorkerWork(database.db, backend, SIZE);
  return {
    work,
    env: { DATABASE_URL: database.url! },
    open: async () => database,
    release: async () => {},
    close: () => database.close(),
  };
}

/** What one worker's log says of its jobs: lines `{ job, msg, handled }` in order. */
function jobLines(output: string): { job: string; msg: string; handled?: number }[] {
  return output
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l))
    .filter((l) => typeof l.job === "string");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const backend of BACKENDS) {
  describe(`the worker SIGKILLed during its jobs [${backend}]`, () => {
    it("loses nothing it acknowledged and, restarted, does nothing twice", async () => {
      const target = await seededDatabase(backend);
      const work: WorkerWork = target.work;
      try {
        const acknowledged: Record<string, number> = {};
        const during: Record<string, number> = {};
        const kills: string[] = [];
        for (const job of TARGET_JOBS) {
          for (let round = 0; round < ROUNDS; round++) {
            const worker = spawnAccrue(["worker"], {
              ...target.env,
              LOG_LEVEL: "trace",
              ACCRUE_WORKER_INTERVAL_MS: "20",
            });
            await worker.waitFor(new RegExp(`"job":"${job}"[^\\n]*"job batch starting"`));
            const delay = Math.floor(Math.random() * KILL_WITHIN_MS);
            await sleep(delay);
            worker.kill("SIGKILL");
            expect(await worker.exited).toBeNull();

            const lines = jobLines(worker.output());
            for (const l of lines) {
              if (l.msg === "job batch done") {
                acknowledged[l.job] = (acknowledged[l.job] ?? 0) + (l.handled ?? 0);
              }
            }
            // the kill came during the job: its batch had started and neither ended nor
            // made way for another job's
            const last = lines
              .filter((l) => l.msg === "job batch starting" || l.job === job)
              .at(-1);
            const cut = last?.job === job && last.msg === "job batch starting";
            if (cut) during[job] = (during[job] ?? 0) + 1;
            kills.push(`${job} +${delay} ms: ${cut ? "during its batch" : "after it"}`);
          }
        }
        // each job was cut off during a batch
        for (const job of TARGET_JOBS)
          expect(during[job] ?? 0, kills.join("\n")).toBeGreaterThan(0);

        const database = await target.open();
        try {
          // every batch the killed workers logged as done (committed) is there
          const done = {
            ...(await progress(database.db, work)),
            billing: await settledByWorkers(database.db),
          };
          for (const job of TARGET_JOBS) {
            expect(done[job], `${job}\n${kills.join("\n")}`).toBeGreaterThanOrEqual(
              acknowledged[job] ?? 0,
            );
          }

          // a last restart finishes the work
          const worker = startWorker({
            db: database.db,
            log: pino({ level: "silent" }),
            jobs: [scheduledActionsJob(), billingJob(), dunningJob(), graceExpiryJob()],
            intervalMs: 20,
            autoStart: false,
          });
          while ((await worker.tick()) > 0);
          const total: Record<TargetJob, number> = {
            "scheduled-actions": SIZE.contracts,
            billing: SIZE.billed,
            dunning: SIZE.contracts,
            "grace-expiry": SIZE.contracts,
          };
          expect(await progress(database.db, work), kills.join("\n")).toEqual(total);
          expect(await violations(database.db, work), kills.join("\n")).toEqual([]);
        } finally {
          await target.release(database);
        }
      } finally {
        await target.close();
      }
    });
  });
}
