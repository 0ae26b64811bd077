/**
 * Follows docs/quickstart.md word for word on a fresh clone of the repository.
 *
 * - The clone is `git clone --local` of this repository: the committed HEAD (what CI checked
 *   out), not uncommitted changes in a working tree. The test checks the clone is at HEAD.
 * - The commands are the clone's own docs/quickstart.md code blocks marked `quickstart`
 *   (```sh quickstart, ```ts quickstart file=NAME), in document order; `quickstart:embedded`
 *   blocks run on the PGlite pass, `quickstart:postgres` blocks on the PostgreSQL pass.
 * - Each command runs in bash with the variables the earlier commands exported, as in one
 *   terminal. A ```ts block is saved under its `file=` name, as the reader is told to.
 * - What a reader fills in, the test fills in the same way: `export NAME=ak_…` gets the admin
 *   key `npm start` printed; `export NAME=<prefix>_…` gets the value with that prefix in the
 *   answer just before it.
 * - The one command that keeps running (`… npm start`) is started in the background, as in a
 *   second terminal, on a free port given by the documented PORT variable; the doc's
 *   http://127.0.0.1:8080 is read as that port. On the PostgreSQL pass the doc's database
 *   URL is read as a fresh, empty test database.
 * - `npm install` gets npm_config_prefer_offline=true (and no audit or fund requests) through
 *   the environment, so it installs from the npm cache CI's own `npm ci` filled; the command is
 *   the doc's.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, expect, it } from "vitest";
import { CONFIG_VARIABLES } from "../../src/config.js";
import type { Backend } from "../../src/storage/db.js";
import { BACKENDS, createPostgresDatabase, dropPostgresDatabase } from "../harness.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DOC = "docs/quickstart.md";
const DOC_URL = "http://127.0.0.1:8080";
const DOC_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/accrue";

type Block = { lang: string; variant: string | null; file: string | null; body: string };

/** The code blocks marked `quickstart`, in document order. */
function quickstartBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const fence = /^```(\w+) quickstart(?::(\w+))?(?: file=(\S+))?[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (const m of markdown.matchAll(fence)) {
    blocks.push({ lang: m[1]!, variant: m[2] ?? null, file: m[3] ?? null, body: m[4]! });
  }
  return blocks;
}

/** A block's commands: one per line, continuation lines joined, comments and blanks dropped. */
function commands(body: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const line of body.split("\n")) {
    if (current === "" && (line.trim() === "" || line.trim().startsWith("#"))) continue;
    current += `${line}\n`;
    if (!line.endsWith("\\")) {
      out.push(current.trimEnd());
      current = "";
    }
  }
  if (current) out.push(current.trimEnd());
  return out;
}

/**
 * The reader's terminal: this machine's environment without what the test run adds (npm's
 * script variables, vitest's, the test database, Accrue's settings).
 */
function readerEnv(): NodeJS.ProcessEnv {
  const added = new Set(["NODE_ENV", "NODE_OPTIONS", "TEST", "INIT_CWD", "DATABASE_URL"]);
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (added.has(name) || CONFIG_VARIABLES.some((v) => v.name === name)) continue;
    if (/^(npm_|VITEST|VITE_|ACCRUE_)/.test(name) && name !== "npm_config_cache") continue;
    env[name] = value;
  }
  // `npm test` puts the repository's node_modules/.bin first on PATH; a reader's has none
  env.PATH = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((p) => !p.includes(`node_modules${path.sep}.bin`))
    .join(path.delimiter);
  env.npm_config_prefer_offline = "true";
  env.npm_config_audit = "false";
  env.npm_config_fund = "false";
  env.npm_config_update_notifier = "false";
  return env;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

type Step = { command: string; stdout: string; stderr: string; code: number | null };

/**
 * Runs one command in bash in `cwd`, with the variables the earlier commands exported
 * (kept in `state`, a file of `declare -x` lines, as one terminal keeps them).
 */
function runCommand(
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  state: string,
): Promise<Step> {
  const script =
    'set -o pipefail; [ -s "$2" ] && . "$2"; eval "$1"; status=$?; export -p > "$2"; exit $status';
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", script, "bash", command, state], { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 150_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ command, stdout, stderr, code });
    });
  });
}

type Server = { child: ChildProcess; output: () => string; stop: () => Promise<void> };

/** Starts the doc's long-running command as its own process group and waits for it to serve. */
function startServer(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", command], { cwd, env, detached: true });
    let out = "";
    const exited = new Promise<void>((r) => child.on("close", () => r()));
    const stop = async () => {
      if (child.exitCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
      await exited;
    };
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${command} did not start serving in time:\n${out}`));
    }, 90_000);
    const onData = (d: Buffer) => {
      out += d;
      if (/Accrue is serving http:\/\//.test(out)) {
        clearTimeout(timer);
        resolve({ child, output: () => out, stop });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("close", (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${out}`));
    });
  });
}

/** The value a reader copies for `export NAME=<prefix>…`. */
function filledIn(prefix: string, previous: Step | undefined, serverOutput: string): string {
  if (prefix === "ak_") {
    const key = /Admin API key \(shown only now, store it\): (ak_\S+)/.exec(serverOutput);
    if (!key) throw new Error(`npm start printed no admin API key:\n${serverOutput}`);
    return key[1]!;
  }
  const value = new RegExp(`"(${prefix}[A-Za-z0-9]+)"`).exec(previous?.stdout ?? "");
  if (!value) {
    throw new Error(`no ${prefix}… in the answer to ${previous?.command}:\n${previous?.stdout}`);
  }
  return value[1]!;
}

const PLACEHOLDER = /^export ([A-Z_]+)=([a-z]+_)…(\s+#.*)?$/;

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function followQuickstart(backend: Backend) {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-quickstart-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const clone = path.join(dir, "accrue");
  execFileSync("git", ["clone", "--quiet", "--local", ROOT, clone]);
  const head = (cwd: string) =>
    execFileSync("git", ["rev-parse", "HEAD"], { cwd, encoding: "utf8" }).trim();
  expect(head(clone)).toBe(head(ROOT));

  const wanted = backend === "pglite" ? "embedded" : "postgres";
  const blocks = quickstartBlocks(fs.readFileSync(path.join(clone, DOC), "utf8")).filter(
    (b) => b.variant === null || b.variant === wanted,
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const databaseUrl = backend === "postgres" ? await createPostgresDatabase() : null;
  if (databaseUrl) cleanups.push(() => dropPostgresDatabase(databaseUrl));

  const env = readerEnv();
  const state = path.join(dir, "terminal.env");
  const steps: Step[] = [];
  let server: Server | undefined;
  const timings: string[] = [];
  try {
    for (const block of blocks) {
      if (block.lang === "ts") {
        expect(block.file, "a ts quickstart block names its file=").toBeTruthy();
        fs.writeFileSync(path.join(clone, block.file!), block.body);
        continue;
      }
      expect(block.lang).toBe("sh");
      for (const command of commands(block.body)) {
        const t = performance.now();
        if (/(^|\s)npm start$/.test(command)) {
          expect(server, "one npm start").toBeUndefined();
          let run = command;
          if (databaseUrl) {
            expect(run).toContain(DOC_DATABASE_URL);
            run = run.replace(DOC_DATABASE_URL, databaseUrl);
          }
          server = await startServer(run, clone, { ...env, PORT: String(port) });
          const s = server;
          cleanups.push(() => s.stop());
        } else {
          const placeholder = PLACEHOLDER.exec(command);
          const run = placeholder
            ? `export ${placeholder[1]}=${filledIn(placeholder[2]!, steps.at(-1), server?.output() ?? "")}`
            : command.replaceAll(DOC_URL, url);
          const step = await runCommand(run, clone, env, state);
          expect(step.code, `${command}\n${step.stdout}\n${step.stderr}`).toBe(0);
          if (!placeholder && !command.startsWith("export ")) steps.push(step);
        }
        const seconds = (performance.now() - t) / 1000;
        if (seconds >= 1) timings.push(`${command.split("\n")[0]} ${seconds.toFixed(1)} s`);
      }
    }
  } finally {
    await server?.stop();
  }
  expect(server, "the quick start starts the server").toBeDefined();
  expect(server!.output()).toContain(
    databaseUrl ? "on the PostgreSQL" : "on the embedded database",
  );
  // one line for CI's log: how long a reader's path takes, and its slow steps
  process.stderr.write(
    `quick start [${backend}]: ${((performance.now() - started) / 1000).toFixed(1)} s (${timings.join(", ")})\n`,
  );
  return steps;
}

/** The answer of the one command that matches `pattern`, as JSON. */
function answer(steps: Step[], pattern: RegExp): Record<string, unknown> {
  const matching = steps.filter((s) => pattern.test(s.command));
  expect(
    matching.map((s) => s.command),
    String(pattern),
  ).toHaveLength(1);
  const body = JSON.parse(matching[0]!.stdout) as Record<string, unknown>;
  expect(body.error, matching[0]!.stdout).toBeUndefined();
  return body;
}

it("every quickstart block is a known kind", () => {
  const blocks = quickstartBlocks(fs.readFileSync(path.join(ROOT, DOC), "utf8"));
  expect(blocks.length).toBeGreaterThan(5);
  for (const b of blocks) {
    expect(["sh", "ts"]).toContain(b.lang);
    expect([null, "embedded", "postgres"]).toContain(b.variant);
  }
  expect(blocks.filter((b) => b.variant === "embedded").map((b) => b.body.trim())).toEqual([
    "npm start",
  ]);
  expect(blocks.filter((b) => b.variant === "postgres").map((b) => b.body.trim())).toEqual([
    `DATABASE_URL=${DOC_DATABASE_URL} npm start`,
  ]);
});

/**
 * The TypeScript blocks compile under the repository's strict settings, as saved where the
 * doc says (in the checkout's root): a reader's editor shows no errors either. Once, on the
 * PGlite pass.
 */
if (BACKENDS.includes("pglite")) {
  it("the quick start's TypeScript compiles", { timeout: 60_000 }, () => {
    const blocks = quickstartBlocks(fs.readFileSync(path.join(ROOT, DOC), "utf8")).filter(
      (b) => b.lang === "ts",
    );
    expect(blocks.length).toBeGreaterThan(0);
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(ROOT, "tsconfig.json"),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        },
      },
    );
    if (!config) throw new Error("tsconfig.json could not be read");
    const files = new Map(blocks.map((b) => [path.join(ROOT, b.file!), b.body]));
    const host = ts.createCompilerHost(config.options);
    const { fileExists, readFile } = host;
    host.fileExists = (f) => files.has(f) || fileExists.call(host, f);
    host.readFile = (f) => files.get(f) ?? readFile.call(host, f);
    const program = ts.createProgram([...files.keys()], config.options, host);
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
      );
    expect(errors).toEqual([]);
  });
}

for (const backend of BACKENDS) {
  it(`following docs/quickstart.md on a fresh clone works [${backend}]`, {
    timeout: 240_000,
  }, async () => {
    const steps = await followQuickstart(backend);

    expect(steps[0]!.command).toBe("npm install");
    const tenant = answer(steps, /\/v1\/tenant /);
    expect(tenant).toMatchObject({
      name: "Default",
      clock: "system",
      auto_finalize_invoices: true,
    });
    const customer = answer(steps, /\/v1\/customers /);
    expect(customer).toMatchObject({ company_name: "Acme GmbH", time_zone: "Europe/Berlin" });
    expect(answer(steps, /\/v1\/plan_groups /)).toMatchObject({ currency: "EUR" });
    expect(answer(steps, /\/v1\/plans /)).toMatchObject({ name: "Basic" });
    const variant = answer(steps, /\/v1\/plan_variants /);
    expect(variant).toMatchObject({ recurring_fee: "10", fee_period: { unit: "month", count: 1 } });
    const order = answer(steps, /\/v1\/orders -H/);
    expect(order).toMatchObject({
      type: "signup",
      status: "in_progress",
      customer_id: customer.id,
    });
    const preview = answer(steps, /\/preview /);
    expect(preview).toMatchObject({ currency: "EUR", total_gross: "10.00" });
    expect(preview.lines).toMatchObject([{ description: "Basic monthly", amount: "10.00" }]);
    const committed = answer(steps, /\/commit /);
    expect(committed).toMatchObject({ id: order.id, status: "succeeded" });
    const contract = answer(steps, /\/v1\/contracts\/\$CONTRACT -H/);
    expect(contract).toMatchObject({
      id: committed.contract_id,
      customer_id: customer.id,
      status: "active",
      phases: [{ type: "normal", plan_variant_id: variant.id, quantity: "1" }],
    });
    answer(steps, /\/settle /);
    const invoices = answer(steps, /\/v1\/invoices\?/);
    expect(invoices.data).toMatchObject([
      {
        kind: "invoice",
        status: "finalized",
        contract_id: contract.id,
        number: "INV-000001",
        total_gross: "10.00",
      },
    ]);

    const sdk = steps.filter((s) => s.command.includes("first-call.ts"));
    expect(sdk).toHaveLength(1);
    expect(sdk[0]!.stdout).toMatch(
      /^order ord_\w+ will invoice 10\.00 EUR\ncontract con_\w+ is active\ninvoice INV-000002: 10\.00 EUR\n$/,
    );
  });
}
