import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/**/*.test.ts"],
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
