/**
 * The architecture ratchet: src/ against the rules of scripts/architecture.ts. Violations that
 * exist today are listed in test/architecture.known.txt; a new one fails, and so does a listed
 * one that is gone (delete its line), so the list only shrinks. The second half runs the
 * checker on a tiny tree where every rule must fire, so the check cannot silently pass.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ArchitectureReport,
  COMPAT_PREFIXES,
  checkArchitecture,
  compareWithKnown,
  explainRatchet,
  KNOWN_FILE,
  makeViolation,
  parseKnown,
  type RatchetResult,
  summarize,
  TABLE_OWNERS,
} from "../scripts/architecture.js";

const root = path.resolve(import.meta.dirname, "..");

describe("architecture of src/", () => {
  let report: ArchitectureReport;
  let ratchet: RatchetResult;

  beforeAll(() => {
    report = checkArchitecture(root);
    ratchet = compareWithKnown(
      report.violations,
      parseKnown(fs.readFileSync(path.join(root, KNOWN_FILE), "utf8")),
    );
    // The CI log shows the progress: violations left per rule.
    console.log(summarize(report.violations));
    for (const { violation, allowed } of ratchet.shrunk) {
      console.log(
        `${violation.key}: ${violation.detail}, the list allows ${allowed}: ` +
          `tighten it with \`npm run check:architecture -- --write-known\``,
      );
    }
  });

  const explain = (part: Partial<RatchetResult>) =>
    explainRatchet({ added: [], stale: [], grown: [], shrunk: [], ...part }).join("\n\n");

  it("has no violation that is not in the known list", () => {
    expect(
      ratchet.added.map((v) => v.key),
      explain({ added: ratchet.added }),
    ).toEqual([]);
  });

  it("breaks no counted rule more often than the known list allows", () => {
    expect(
      ratchet.grown.map(({ violation }) => violation.key),
      explain({ grown: ratchet.grown }),
    ).toEqual([]);
  });

  it("lists no violation that is gone (delete the stale line)", () => {
    expect(ratchet.stale, explain({ stale: ratchet.stale })).toEqual([]);
  });

  it("gives every table an owning module", () => {
    expect(
      report.unownedTables,
      "tables with no owner: add them to TABLE_OWNERS in scripts/architecture.ts",
    ).toEqual([]);
    const gone = Object.keys(TABLE_OWNERS).filter((t) => !report.tables.includes(t));
    expect(gone, "TABLE_OWNERS names tables that no longer exist: remove them").toEqual([]);
    const modules = fs
      .readdirSync(path.join(root, "src/modules"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    // "storage": a table of the storage layer itself, which no module reads (the read
    // cache's record of changes)
    const strays = Object.entries(TABLE_OWNERS).filter(
      ([, owner]) => owner !== "storage" && !modules.includes(owner),
    );
    expect(
      strays,
      "TABLE_OWNERS names an owner that is not a folder in src/modules (or storage)",
    ).toEqual([]);
  });

  it("documents each module's tables in docs/architecture.md as TABLE_OWNERS assigns them", () => {
    const doc = fs.readFileSync(path.join(root, "docs/architecture.md"), "utf8");
    const rows = doc.slice(doc.indexOf("| module | owns (tables) |")).split("\n\n")[0]!.split("\n");
    const documented: Record<string, string[]> = {};
    for (const row of rows.slice(2)) {
      const [module, owns] = row
        .split("|")
        .slice(1, 3)
        .map((c) => c.trim());
      documented[module!] = owns!
        .split(",")
        .map((t) => t.trim())
        .filter((t) => /^[a-z_]+$/.test(t))
        .sort();
    }
    const assigned: Record<string, string[]> = {};
    for (const [table, owner] of Object.entries(TABLE_OWNERS)) {
      if (documented[owner] === undefined) continue;
      assigned[owner] = [...(assigned[owner] ?? []), table];
    }
    const mismatched = Object.keys(documented)
      .filter((m) => (assigned[m] ?? []).sort().join() !== documented[m]!.join())
      .map((m) => `${m}: documented ${documented[m]!.join(", ")}; owns ${assigned[m]?.join(", ")}`);
    expect(mismatched, "update the module table of docs/architecture.md").toEqual([]);
  });
  it("places every file under src/ in a layer", () => {
    expect(
      report.unclassifiedFiles,
      "files in no layer: give their folder a place in LAYERS (scripts/architecture.ts)",
    ).toEqual([]);
  });

  it("knows the path prefix of every compat surface", () => {
    // `export const HUAWEI_PREFIX = "/v2"` and the like, in src/compat/<surface>/.
    const declared = fs
      .readdirSync(path.join(root, "src/compat"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => {
        const text = fs.readFileSync(path.join(root, "src/compat", f), "utf8");
        return [...text.matchAll(/export const \w+_PREFIX = "([^"]+)"/g)].map((m) => m[1]!);
      });
    expect(declared.length).toBeGreaterThan(0);
    const uncovered = declared.filter((p) => !COMPAT_PREFIXES.some((c) => p.startsWith(c)));
    expect(uncovered, "add these compat prefixes to COMPAT_PREFIXES").toEqual([]);
  });
});

describe("the architecture checker", () => {
  /** One small src/ where each rule fires once (and allowed imports stay quiet). */
  const tree: Record<string, string> = {
    // domain-imports: the domain reaches into lib.
    "src/domain/price.ts": `import { round } from "../lib/round.js";\nexport const price = round(1);\n`,
    "src/domain/price.test.ts": `import { price } from "./price.js";\nimport { it } from "vitest";\nit("", () => void price);\n`,
    "src/lib/round.ts": "export const round = (n: number) => Math.round(n);\n",
    "src/config.ts": "export const config = {};\n",

    // Tables: widgets has no owner; gadgets was created and dropped again.
    "src/storage/schema.ts":
      "export interface DB {\n  customers: { id: string };\n  invoices: { id: string };\n  widgets: { id: string };\n}\n",
    "src/storage/migrations/0001_init.ts": [
      'import { sql } from "kysely";',
      "export const up = sql`",
      "  CREATE TABLE customers (id text);",
      "  CREATE TABLE invoices (id text);",
      "  CREATE TABLE gadgets (id text);",
      "  DROP TABLE gadgets;",
      "`;",
    ].join("\n"),
    // storage may build queries and open transactions.
    "src/storage/db.ts":
      'export const db: any = {};\nexport const go = () => db.transaction().execute(() => db.selectFrom("customers"));\n',

    "src/modules/context.ts": "export type Ctx = { tenantId: string };\n",
    "src/modules/customers/index.ts": 'export { listCustomers } from "./customers.service.js";\n',
    "src/modules/customers/customers.service.ts": [
      'import { sql } from "kysely";',
      'import type { Ctx } from "../context.js";', // the kernel: fine
      'import type { Invoice } from "../invoicing/index.js";', // through the index: fine
      'import { total } from "../invoicing/totals.js";', // module-internals
      'import { route } from "../../http/router.js";', // layer-direction: modules → http
      'import { db } from "../../storage/db.js";',
      "export async function listCustomers(ctx: Ctx, i: Invoice) {",
      '  await db.selectFrom("customers").selectAll().execute();', // sql-outside-repository
      "  await sql`SELECT 1`.execute(db);", // sql-outside-repository
      "  await db.transaction().execute(async () => {});", // transaction-outside-unit-of-work
      "  return [ctx, i, total, route];",
      "}",
    ].join("\n"),
    "src/modules/customers/customers.repository.ts": [
      'import { sql } from "kysely";',
      'import { db } from "../../storage/db.js";',
      "export const rows = () =>",
      '  db.selectFrom("customers as c").innerJoin("invoices as i", "i.id", "c.id").execute();',
      "export const raw = () => sql`SELECT * FROM customers c JOIN invoices i ON true`.execute(db);",
    ].join("\n"),
    "src/modules/invoicing/index.ts":
      'export { total } from "./totals.js";\nexport type Invoice = { id: string };\n',
    // A type-only import of another module's internals counts, and makes the cycle.
    "src/modules/invoicing/totals.ts":
      'import type { listCustomers } from "../customers/customers.service.js";\nexport const total = 0 as unknown as typeof listCustomers;\n',
    "src/modules/invoicing/totals.test.ts": 'import { total } from "./totals.js";\nvoid total;\n',

    "src/workflows/unit-of-work.ts":
      'import { db } from "../storage/db.js";\nexport const work = () => db.transaction().execute(async () => {});\n',

    // compat-sql and layer-direction (compat → the composition root); the http kernel is fine.
    "src/compat/billwerk/plugin.ts":
      'import { db } from "../../storage/db.js";\nimport { route } from "../../http/router.js";\nimport { app } from "../../http/app.js";\nexport const p = [db, route, app];\n',
    "src/http/app.ts": "export const app = {};\n",

    // http-surface-prefix: "/api/v1/…" fires, "/v20" does not; tests are exempt.
    "src/http/router.ts": [
      'export const route = "/api/v1/Customers";',
      'export const other = "/v20";',
      'export const load = () => import("../modules/customers/customers.service.js");', // dynamic
    ].join("\n"),
    "src/http/router.test.ts": 'export const sample = "/api/v1/Customers?access_token=x";\n',

    "src/stray.ts": "export {};\n",
  };

  let dir: string;
  let report: ArchitectureReport;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-architecture-"));
    for (const [file, text] of Object.entries(tree)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    report = checkArchitecture(dir);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("fires every rule, and only where it should", () => {
    expect(report.violations.map((v) => v.key)).toEqual([
      "compat-sql src/compat/billwerk/plugin.ts src/storage/db.ts",
      "domain-imports src/domain/price.ts src/lib/round.ts",
      "foreign-table src/modules/customers/customers.repository.ts invoices",
      "http-surface-prefix src/http/router.ts /api/v1/Customers",
      "layer-direction src/compat/billwerk/plugin.ts src/http/app.ts",
      "layer-direction src/modules/customers/customers.service.ts src/http/router.ts",
      "module-cycle src/modules customers <-> invoicing",
      "module-internals src/http/router.ts src/modules/customers/customers.service.ts",
      "module-internals src/modules/customers/customers.service.ts src/modules/invoicing/totals.ts",
      "module-internals src/modules/invoicing/totals.ts src/modules/customers/customers.service.ts",
      "sql-outside-repository src/modules/customers/customers.service.ts",
      "transaction-outside-unit-of-work src/modules/customers/customers.service.ts",
    ]);
  });

  it("counts statements per file, outside the key", () => {
    const sql = report.violations.find((v) => v.rule === "sql-outside-repository");
    expect(sql).toMatchObject({ count: 2, detail: "2 statements" });
  });

  it("reads the tables from the schema and the migrations, and finds the unowned", () => {
    expect(report.tables).toEqual(["customers", "invoices", "widgets"]);
    expect(report.unownedTables).toEqual(["widgets"]);
    expect(report.unclassifiedFiles).toEqual(["src/stray.ts"]);
  });

  it("ratchets: new and grown fail, stale lines are reported, shrinking is allowed", () => {
    const listed = makeViolation("domain-imports", "src/domain/a.ts", "src/lib/b.ts");
    const grown = makeViolation("sql-outside-repository", "src/x.ts", "3 statements", 3);
    const shrunk = makeViolation("sql-outside-repository", "src/y.ts", "1 statement", 1);
    const fresh = makeViolation("compat-sql", "src/compat/a/b.ts", "src/storage/db.ts");
    const known = parseKnown(
      [
        "# a comment",
        listed.key,
        `${grown.key}\t2`,
        `${shrunk.key}\t4`,
        "module-cycle src/modules a <-> b",
        "",
      ].join("\n"),
    );
    const result = compareWithKnown([listed, grown, shrunk, fresh], known);
    expect(result.added).toEqual([fresh]);
    expect(result.grown).toEqual([{ violation: grown, allowed: 2 }]);
    expect(result.shrunk).toEqual([{ violation: shrunk, allowed: 4 }]);
    expect(result.stale).toEqual(["module-cycle src/modules a <-> b"]);
    expect(explainRatchet(result).join("\n")).toContain("Delete these lines");
  });
});
