/**
 * `accrue bootstrap` on an empty embedded data directory starts it from the template of the
 * compiled migrations (src/storage/data-template.ts) instead of PGlite's initdb: no migration
 * is left to apply, the tenant is made, and the template is the one of the PGlite version
 * installed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { runAccrue } from "./process.js";

vi.setConfig({ testTimeout: 180_000 });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-cli-template-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const ROOT = path.resolve(import.meta.dirname, "../..");
const pgliteVersion = (
  JSON.parse(
    fs.readFileSync(path.join(ROOT, "node_modules/@electric-sql/pglite/package.json"), "utf8"),
  ) as { version: string }
).version;

it("bootstrap on an empty data directory starts it from the template, migrated", async () => {
  for (const dataDir of [path.join(tmp, "absent"), path.join(tmp, "empty")]) {
    if (dataDir.endsWith("empty")) fs.mkdirSync(dataDir);
    const run = await runAccrue(["bootstrap", "--json"], { ACCRUE_DATA_DIR: dataDir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^accrue: a new embedded database: starting it from the template$/m);
    expect(run.stderr).toMatch(/^accrue: the schema is up to date$/m);
    expect(run.stderr).not.toMatch(/migration\(s\) to apply/);
    expect(JSON.parse(run.stdout).tenant_id).toMatch(/^ten_/);

    const again = await runAccrue(["migrate"], { ACCRUE_DATA_DIR: dataDir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("up to date");
    expect(again.stderr).not.toMatch(/starting it from the template/);
  }
  // named after the compiled migrations and the PGlite version installed
  const templates = fs
    .readdirSync(path.join(ROOT, "dist", "data-template"))
    .filter((entry) => !entry.includes(".making"));
  expect(templates).toContainEqual(
    expect.stringMatching(
      new RegExp(`^[0-9a-f]{16}-pglite-${pgliteVersion.replace(/\./g, "\\.")}$`),
    ),
  );
});
