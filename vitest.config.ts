import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

// test/harness.ts picks the back ends the same way: PostgreSQL when DATABASE_URL is set, unless
// ACCRUE_TEST_BACKENDS leaves it out. Files named *.postgres.test.ts test what only a database
// server has (a connection to lose): they run in the PostgreSQL pass and are not collected
// without one.
const chosen = (process.env.ACCRUE_TEST_BACKENDS ?? "pglite,postgres")
  .split(",")
  .map((b) => b.trim());
const postgres = Boolean(process.env.DATABASE_URL) && chosen.includes("postgres");
// Files named *.pglite.test.ts need no database server (process tests of the CLI's own checks):
// they run in the embedded pass and are not collected in a PostgreSQL-only one.
const pglite = chosen.includes("pglite");

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/**/*.test.ts"],
    exclude: [
      ...configDefaults.exclude,
      ...(postgres ? [] : ["**/*.postgres.test.ts"]),
      ...(pglite ? [] : ["**/*.pglite.test.ts"]),
    ],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for what a page or a worker does next; a loaded two-core machine can
    // take longer than the default second
    expect: { poll: { timeout: 10_000 } },
    pool: "forks",
    // A worker runs file after file in one process, keeping the modules it imported: each
    // file importing the server's module graph afresh cost ~420 s of a PGlite pass (summed over
    // files), ~40 s without. Test files set no process-wide state they do not restore.
    isolate: false,
    // Vitest's default is one worker fewer than the cores, a single worker on two. Most files
    // wait on child processes, databases or a browser, so two workers finish sooner there
    // (PostgreSQL pass on two cores: 7.2 → 5.5 min).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
