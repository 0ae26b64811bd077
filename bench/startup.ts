/**
 * Start-up: how long a process takes from spawn to its first answer, each Accrue case
 * interleaved with its baseline measured in the same run (A B A B), three times each
 * (min/median/max):
 *
 * - `accrue serve` on an existing database → first 200 from /healthz, against a bare Fastify
 *   process → first 200 from its one route, and (embedded) against a bare `PGlite.create` of
 *   the same data directory in its own process → its first answer (the floor: PGlite's own
 *   start on that directory);
 * - `accrue bootstrap` on an empty data directory (a copy of the migrated template, or initdb
 *   and every migration when there is none; then a tenant) → exit, against a bare PGlite
 *   `initdb` of a directory in its own process;
 * - `accrue --help` and `accrue serve --help` → exit, against `node -e ""`.
 *
 *   node bin/run-ts.js bench/startup.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bin/run-ts.js bench/startup.ts
 *   BENCH_ROUNDS=5 node bin/run-ts.js bench/startup.ts
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, buildDataTemplate } from "../bin/build.js";
import { backends, machine, target } from "./target.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROOT = new URL("..", import.meta.url).pathname;
const BIN = path.join(ROOT, "bin", "accrue.js");

type Spawned = { ms: number };

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn" };
  delete base.DATABASE_URL;
  delete base.PORT;
  return { ...base, ...env };
}

/** Spawn → exit with code 0. */
function untilExit(args: string[], env: Record<string, string> = {}): Promise<Spawned> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: childEnv(env),
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.once("exit", (code) =>
      code === 0
        ? resolve({ ms: performance.now() - started })
        : reject(new Error(`${args.join(" ")} exited with ${code}: ${stderr}`)),
    );
  });
}

/**
 * Spawn → the first line holding `marker` on stdout; the process then ends on its own (exit
 * code 0) before the next one starts.
 */
function untilOutput(
  args: string[],
  env: Record<string, string>,
  marker: string,
): Promise<Spawned> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: childEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let seen: number | undefined;
    const onData = (d: Buffer) => {
      output += d;
      if (seen === undefined && output.includes(marker)) seen = performance.now() - started;
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.once("exit", (code) =>
      code === 0 && seen !== undefined
        ? resolve({ ms: seen })
        : reject(new Error(`${args.join(" ")} exited with ${code}: ${output}`)),
    );
  });
}

/**
 * Spawn → the first 200 from `url(port)` on the port the process printed (a line holding
 * `http://127.0.0.1:<port>`); then the process is stopped.
 */
function untilAnswer(
  args: string[],
  env: Record<string, string>,
  pathname: string,
): Promise<Spawned> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: childEnv({ ...env, HOST: "127.0.0.1", PORT: "0" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let asked = false;
    const onData = (d: Buffer) => {
      output += d;
      const port = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (!port || asked) return;
      asked = true;
      const poll = async () => {
        try {
          const res = await fetch(`http://127.0.0.1:${port}${pathname}`);
          if (res.status === 200) {
            const ms = performance.now() - started;
            child.kill("SIGTERM");
            child.once("exit", () => resolve({ ms }));
            return;
          }
        } catch {}
        setTimeout(poll, 2);
      };
      void poll();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      if (!asked) reject(new Error(`${args.join(" ")} exited with ${code}: ${output}`));
    });
  });
}

const BARE_SERVER = `import Fastify from "fastify";
const app = Fastify();
app.get("/bare", async () => ({ ok: true }));
console.log(await app.listen({ host: "127.0.0.1", port: 0 }));`;

const BARE_INITDB = `import { PGlite } from "@electric-sql/pglite";
const db = await PGlite.create(process.env.DIR);
await db.query("SELECT 1");
await db.close();`;

/** An existing data directory opened, asked one statement, closed. */
const BARE_OPEN = `import { PGlite } from "@electric-sql/pglite";
const db = await PGlite.create(process.env.DIR);
await db.query("SELECT 1");
console.log("open");
await db.close();`;

type Stats = { min: number; median: number; max: number };
const stats = (xs: number[]): Stats => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
};
const ms = (x: Stats) => `${Math.round(x.median)} (${Math.round(x.min)}–${Math.round(x.max)})`;

type Row = { name: string; measured: Stats; baseline: string; base: Stats };
const rows: Row[] = [];

/** A and B interleaved ROUNDS times. */
async function pair(
  name: string,
  measured: (round: number) => Promise<Spawned>,
  baseline: string,
  base: (round: number) => Promise<Spawned>,
) {
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    a.push((await measured(round)).ms);
    b.push((await base(round)).ms);
  }
  rows.push({ name, measured: stats(a), baseline, base: stats(b) });
  process.stderr.write(`  ${name}: done\n`);
}

process.stderr.write("compiling dist/ once (bin/accrue.js would on its first start)\n");
await build();
// as `node bin/build.js` does; the first bootstrap would make it otherwise
process.stderr.write("making the embedded database's template for dist/'s migrations if missing\n");
await buildDataTemplate();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-bench-startup-"));
try {
  await pair(
    "accrue --help → exit",
    () => untilExit([BIN, "--help"]),
    'node -e ""',
    () => untilExit(["-e", ""]),
  );
  await pair(
    "accrue serve --help → exit",
    () => untilExit([BIN, "serve", "--help"]),
    'node -e ""',
    () => untilExit(["-e", ""]),
  );
  await pair(
    "accrue bootstrap, empty embedded database → exit",
    (i) =>
      untilExit([BIN, "bootstrap", "--json"], { ACCRUE_DATA_DIR: path.join(scratch, `b${i}`) }),
    "PGlite initdb of a directory, own process",
    (i) =>
      untilExit(["--input-type=module", "-e", BARE_INITDB], { DIR: path.join(scratch, `i${i}`) }),
  );
  for (const backend of backends()) {
    const t = await target(backend);
    try {
      // an existing database: migrated, with a tenant
      await untilExit([BIN, "bootstrap", "--json"], t.env);
      await pair(
        `accrue serve → /healthz, existing ${backend === "pglite" ? "embedded" : "PostgreSQL"} database`,
        () => untilAnswer([BIN, "serve"], { ...t.env, ACCRUE_WORKER: "false" }, "/healthz"),
        "bare Fastify listen → first answer, own process",
        () => untilAnswer(["--input-type=module", "-e", BARE_SERVER], {}, "/bare"),
      );
      if (backend === "pglite") {
        await pair(
          "accrue serve → /healthz, existing embedded database",
          () => untilAnswer([BIN, "serve"], { ...t.env, ACCRUE_WORKER: "false" }, "/healthz"),
          "PGlite.create of the same data directory → first answer, own process",
          () => untilOutput(["--input-type=module", "-e", BARE_OPEN], { DIR: t.location }, "open"),
        );
      }
    } finally {
      await t.drop();
    }
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}

console.log(`\nStart-up, ${machine()}; ${ROUNDS} rounds, interleaved with the baseline.`);
console.log("ms: median (min–max)\n");
console.log("| case | ms | baseline | baseline ms | ÷ baseline |");
console.log("|---|---|---|---|---|");
for (const r of rows) {
  console.log(
    `| ${r.name} | ${ms(r.measured)} | ${r.baseline} | ${ms(r.base)} | ${(r.measured.median / r.base.median).toFixed(2)} |`,
  );
}
