import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

// test/harness.ts picks the back ends the same way: PostgreSQL when DATABASE_URL is set, unless
// ACCRUE_TEST_BACKENDS leaves it out. Files named *.postgres.test.ts test what only a database
// server has (a connection to lose): they run in the PostgreSQL pass and are not collected
// without one.
const postgres =
  Boolean(process.env.DATABASE_URL) &&
  (process.env.ACCRUE_TEST_BACKENDS ?? "postgres")
    .split(",")
    .map((b) => b.trim())
    .includes("postgres");

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...(postgres ? [] : ["**/*.postgres.test.ts"])],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores, a single worker on two. Most files
    // wait on child processes, databases or a browser, so two workers finish sooner there
    // (PostgreSQL pass on two cores: 7.2 → 5.5 min).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
