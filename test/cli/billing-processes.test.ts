/**
 * Billing runs as real processes (`accrue bill`) on a book of contracts: a run SIGKILLed
 * midway and run again leaves exactly what an uninterrupted run leaves, and (PostgreSQL)
 * three processes billing one database at once bill every contract exactly once.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { type Backend, migrate, openDatabase } from "../../src/storage/db.js";
import { runBilling } from "../../src/workflows/billing-run.js";
import {
  BOOK_BILLED_AT,
  BOOK_INVOICE_TOTAL,
  type Book,
  bookInvoices,
  seedBook,
} from "../billing-book.js";
import {
  BACKENDS,
  createPostgresDatabase,
  createTestDatabase,
  dropPostgresDatabase,
} from "../harness.js";
import { type Env, runAccrue, spawnAccrue } from "./process.js";

// each test starts real processes (tsx, PGlite, migrations): slow on a busy two-core machine
vi.setConfig({ testTimeout: 300_000 });

const CONTRACTS = 1000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-bill-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A database for child processes: a PGlite directory or a new PostgreSQL database. */
async function processDatabase(backend: Backend, name: string) {
  if (backend === "pglite") {
    const dataDir = path.join(tmp, name);
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

async function seeded(backend: Backend, name: string) {
  const target = await processDatabase(backend, name);
  const database = await target.open();
  let book: Book;
  try {
    await migrate(database.db);
    book = await seedBook(database.db, backend, { contracts: CONTRACTS });
  } finally {
    await database.close();
  }
  return { ...target, book };
}

async function invoicesOf(target: Awaited<ReturnType<typeof seeded>>) {
  const database = await target.open();
  try {
    return await bookInvoices(database.db, target.book.tenantId);
  } finally {
    await database.close();
  }
}

const numbers = (n: number) =>
  Array.from({ length: n }, (_, i) => `INV-${String(i + 1).padStart(6, "0")}`).sort();

for (const backend of BACKENDS) {
  describe(`billing processes [${backend}]`, () => {
    it("a run SIGKILLed midway and run again bills what an uninterrupted run bills", async () => {
      // the reference: the same book billed in one go, in this process
      const reference = await createTestDatabase(backend);
      let expected: Awaited<ReturnType<typeof bookInvoices>>;
      try {
        const book = await seedBook(reference.db, backend, { contracts: CONTRACTS });
        let settled = 0;
        do {
          const runs = await runBilling(reference.db, {
            trigger: "worker",
            limit: 500,
            systemNow: () => new Date(BOOK_BILLED_AT),
          });
          settled = runs.reduce((s, r) => s + r.contracts_billed, 0);
        } while (settled > 0);
        expected = await bookInvoices(reference.db, book.tenantId);
      } finally {
        await reference.close();
      }
      expect(expected.invoices).toBe(CONTRACTS);
      expect(expected.numbers).toEqual(numbers(CONTRACTS));

      const target = await seeded(backend, "killed");
      try {
        const child = spawnAccrue(["bill"], target.env);
        // the first progress line comes after the first batch is committed
        await child.waitFor(/contract\(s\) settled/);
        child.kill("SIGKILL");
        expect(await child.exited).toBeNull();
        const midway = await invoicesOf(target);
        expect(midway.invoices).toBeGreaterThan(0);
        expect(midway.invoices).toBeLessThan(CONTRACTS);

        const again = await runAccrue(["bill"], target.env);
        expect(again.code, again.stderr).toBe(0);
        expect(again.stderr).toMatch(
          new RegExp(`done, ${CONTRACTS - midway.invoices} contract\\(s\\) settled`),
        );
        const after = await invoicesOf(target);
        expect(after).toEqual(expected);
      } finally {
        await target.drop();
      }
    });
  });
}

if (BACKENDS.includes("postgres"))
  describe("billing processes [postgres, three at once]", () => {
    it("three processes billing one database bill each contract exactly once", async () => {
      const target = await seeded("postgres", "three");
      try {
        const results = await Promise.all([1, 2, 3].map(() => runAccrue(["bill"], target.env)));
        for (const r of results) expect(r.code, r.stderr).toBe(0);
        const settledBy = results.map((r) =>
          Number(/done, (\d+) contract\(s\) settled/.exec(r.stderr)?.[1]),
        );
        expect(settledBy.reduce((a, b) => a + b, 0)).toBe(CONTRACTS);
        const after = await invoicesOf(target);
        expect(after.contracts).toBe(CONTRACTS);
        expect(after.invoices).toBe(CONTRACTS);
        expect(after.numbers).toEqual(numbers(CONTRACTS));
        // every contract's invoice is the same five lines totalling 43.25
        expect(new Set(after.byContract).size).toBe(1);
        expect(after.byContract[0]).toContain(`| ${BOOK_INVOICE_TOTAL.replace(".", "")} |`);
      } finally {
        await target.drop();
      }
    });
  });
