/**
 * The commands' work: each opens the database (migrating it), runs and closes it. Loaded by
 * main.ts only once a command is to run, so `accrue help` and `--help` load none of it.
 */
import fs from "node:fs";
import net from "node:net";
import { parseArgs } from "node:util";
import type { FastifyInstance } from "fastify";
import { pino } from "pino";
import { Temporal } from "temporal-polyfill";
import type { Config } from "../config.js";
import { buildApp } from "../http/app.js";
import { workerJobs } from "../jobs/index.js";
import { startWorker, type Worker } from "../jobs/runner.js";
import { configureSealingKey } from "../modules/access/index.js";
import {
  installTemplate,
  isTemplate,
  isUnmade,
  templateLocation,
} from "../storage/data-template.js";
import { type Database, migrate, openDatabase } from "../storage/db.js";
import { runBilling } from "../workflows/billing-run.js";
import { rotateSecretKey } from "../workflows/secret-key-rotation.js";
import { createTenant, ensureDefaultTenant, type TenantCredentials } from "../workflows/tenants.js";
import { type DemoResult, runDemo } from "./demo.js";
import { COMMAND_OPTIONS, CommandFailure, UsageError } from "./usage.js";

/** One line on stderr saying what the command does now. */
const say = (line: string) => process.stderr.write(`accrue: ${line}\n`);

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/**
 * The embedded database's template for this build's migrations (src/storage/data-template.ts),
 * made now when there is none: once per set of migrations and PGlite version, by the first
 * command that makes a data directory (or `node bin/build.js`). Undefined when the sources
 * run (no build, no template) or when it cannot be made (dist/ not writable…): the data
 * directory is then made by initdb and the migrations, as without a template.
 */
export async function prepareDataTemplate(): Promise<string | undefined> {
  const location = templateLocation();
  if (!location) return undefined;
  if (isTemplate(location.dir)) return location.dir;
  const started = performance.now();
  say(
    "making the embedded database's template (initdb and every migration, once per set of migrations)",
  );
  const made = `${location.dir}.${process.pid}.making`;
  try {
    fs.mkdirSync(location.root, { recursive: true });
    fs.rmSync(made, { recursive: true, force: true });
    const database = await openDatabase({ backend: "pglite", dataDir: made });
    try {
      await migrate(database.db);
    } finally {
      await database.close();
    }
    installTemplate(made, location.dir, location.root);
  } catch (error) {
    fs.rmSync(made, { recursive: true, force: true });
    say(`no template (${(error as Error).message}): running initdb and the migrations`);
    return undefined;
  }
  say(`template made in ${seconds(started)}`);
  return location.dir;
}

/**
 * Opens the embedded database. One not made yet (an absent or empty data directory) starts
 * as a copy of the template, when there is one.
 */
async function openEmbedded(config: Config): Promise<Database> {
  const template = isUnmade(config.dataDir) ? await prepareDataTemplate() : undefined;
  if (template) say("a new embedded database: starting it from the template");
  return openDatabase({ backend: "pglite", dataDir: config.dataDir, template });
}

/** Opens the database and brings its schema up to date, saying so, with progress. */
async function open(config: Config): Promise<Database> {
  say(`opening the ${where(config)}`);
  const database = config.databaseUrl
    ? await openDatabase({
        backend: "postgres",
        url: config.databaseUrl,
        readCache: config.readCache,
      })
    : await openEmbedded(config);
  try {
    await migrateSaying(database, config);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** Applies the pending migrations: a line first, one at most every second, one at the end. */
async function migrateSaying(database: Database, config: Config): Promise<string[]> {
  const started = performance.now();
  let reported = started;
  const applied = await migrate(database.db, {
    onMigration: ({ name, index, total }) => {
      if (index === 1) say(`migrating the ${where(config)}: ${total} migration(s) to apply`);
      else if (performance.now() - reported >= 1000) {
        say(`migrating: ${index}/${total} (${name}, ${seconds(started)})`);
        reported = performance.now();
      }
    },
  });
  say(
    applied.length === 0
      ? "the schema is up to date"
      : `migrated: ${applied.length} migration(s) applied in ${seconds(started)}`,
  );
  return applied;
}

function where(config: Config): string {
  return config.databaseUrl
    ? `PostgreSQL ${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname}`
    : `embedded database ${config.dataDir}`;
}

function onShutdown(handler: () => Promise<void>) {
  let closing = false;
  const run = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`accrue: ${signal} received, shutting down\n`);
    await handler();
    process.exit(0);
  };
  process.once("SIGINT", () => void run("SIGINT"));
  process.once("SIGTERM", () => void run("SIGTERM"));
}

/**
 * Takes HOST:PORT before anything else happens, so that a port in use (EADDRINUSE) is
 * reported before a database is opened, migrated or given a tenant; `release` lets it go just
 * before the server listens there. PORT=0 takes a free port, which the server then uses, so
 * the links it hands out name it.
 */
async function reservePort(config: Config): Promise<{ port: number; release(): Promise<void> }> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen({ host: config.host, port: config.port, exclusive: true }, resolve);
  });
  return {
    port: (probe.address() as net.AddressInfo).port,
    release: () => new Promise<void>((resolve) => probe.close(() => resolve())),
  };
}

/** The default tenant's credentials, printed once on the first start of an empty database. */
function credentialsBanner(created: TenantCredentials): string {
  return [
    "",
    `Accrue created the default tenant ${created.tenant_id}.`,
    `  Admin API key (shown only now, store it): ${created.api_key}`,
    `  OAuth client: ${created.oauth_client_id}  secret: ${created.oauth_client_secret}`,
    "",
    "",
  ].join("\n");
}

type Server = {
  database: Database;
  app: FastifyInstance;
  /** Where it listens: http://HOST:PORT with the port it got. */
  url: string;
  /** The base of the links it hands out: ACCRUE_PUBLIC_URL, else `url`. */
  publicUrl: string;
  close(): Promise<void>;
};

/**
 * What `serve` and `demo` start with: the port taken, the database opened and migrated, the
 * default tenant on an empty database (its credentials on `banner`), the API listening.
 */
async function startServer(configured: Config, banner: (text: string) => void): Promise<Server> {
  const reserved = await reservePort(configured);
  const host = configured.host.includes(":") ? `[${configured.host}]` : configured.host;
  const url = `http://${host}:${reserved.port}`;
  // the default public URL names the configured port, which PORT=0 does not listen on
  const publicUrl =
    configured.publicUrl === `http://${host}:${configured.port}` ? url : configured.publicUrl;
  const config = { ...configured, port: reserved.port, publicUrl };
  let database: Database | undefined;
  try {
    database = await open(config);
    const created = await ensureDefaultTenant(database.db);
    if (created) banner(credentialsBanner(created));
    const log = pino({ level: config.logLevel });
    const app = await buildApp({ db: database.db, backend: database.backend, config, logger: log });
    await reserved.release();
    await app.listen({ host: config.host, port: config.port });
    const opened = database;
    return {
      database,
      app,
      url,
      publicUrl,
      close: async () => {
        await app.close();
        await opened.close();
      },
    };
  } catch (error) {
    await reserved.release();
    await database?.close();
    throw error;
  }
}

/**
 * The worker loop's log writes each line at once: a job can keep the event loop busy for long
 * (statements on the embedded database resolve without yielding to it), and a line held in a
 * buffer meanwhile would be late, or lost with a killed process.
 */
const workerLog = (config: Config) =>
  pino({ level: config.logLevel }, pino.destination({ dest: 1, sync: true }));

function startWorkerLoop(config: Config, database: Database): Worker | undefined {
  return config.worker
    ? startWorker({
        db: database.db,
        log: workerLog(config),
        jobs: workerJobs(config),
        intervalMs: config.workerIntervalMs,
      })
    : undefined;
}

function servingLine(config: Config, server: Server, worker: Worker | undefined): string {
  return (
    `Accrue is serving ${server.url} on the ${where(config)}` +
    `${worker ? " with the worker loop" : ""}. Console: ${server.url}/console, ` +
    `API reference: ${server.url}/docs\n`
  );
}

export async function serve(config: Config) {
  const server = await startServer(config, (text) => process.stdout.write(text));
  const worker = startWorkerLoop(config, server.database);
  process.stdout.write(servingLine(config, server, worker));
  onShutdown(async () => {
    await worker?.stop();
    await server.close();
  });
}

export async function worker(config: Config) {
  const log = workerLog(config);
  // jobs that reach a gateway open its account's credentials (`serve` sets it in buildApp)
  configureSealingKey(config.secretKey, config.previousSecretKeys);
  const database = await open(config);
  const w = startWorker({
    db: database.db,
    log,
    jobs: workerJobs(config),
    intervalMs: config.workerIntervalMs,
  });
  process.stdout.write(`Accrue worker running on the ${where(config)}\n`);
  onShutdown(async () => {
    await w.stop();
    await database.close();
  });
}

export async function bill(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: COMMAND_OPTIONS.bill,
    strict: true,
    allowPositionals: false,
  });
  const database = await open(config);
  const totals = { contracts: 0, invoices: 0, creditNotes: 0, failures: 0 };
  const started = performance.now();
  let reported = Number.NEGATIVE_INFINITY;
  const report = (final: boolean) => {
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `accrue bill: ${final ? "done, " : ""}${totals.contracts} contract(s) settled, ` +
        `${totals.invoices} invoice(s), ${totals.creditNotes} credit note(s), ` +
        `${totals.failures} failure(s) in ${seconds.toFixed(1)} s\n`,
    );
  };
  try {
    process.stderr.write(`accrue bill: settling due contracts on the ${where(config)}\n`);
    // one run per tenant for the whole command, its counts told after each transaction
    await runBilling(database.db, {
      tenantId: values.tenant,
      trigger: "worker",
      limit: Number.POSITIVE_INFINITY,
      systemNow: () => new Date(),
      progress: (step) => {
        totals.contracts += step.contracts;
        totals.invoices += step.invoices;
        totals.creditNotes += step.creditNotes;
        totals.failures += step.failures;
        // after the first transaction, then at most once a second
        if (performance.now() - reported >= 1000) {
          report(false);
          reported = performance.now();
        }
      },
    });
    report(true);
    if (totals.failures > 0) process.exitCode = 3;
  } finally {
    await database.close();
  }
}

export async function rotateSecretKeyCommand(config: Config) {
  if (config.secretKey === undefined) {
    throw new CommandFailure(
      "ACCRUE_SECRET_KEY is not set: set it to the new key, and ACCRUE_SECRET_KEY_PREVIOUS to the old one",
    );
  }
  configureSealingKey(config.secretKey, config.previousSecretKeys);
  const database = await open(config);
  const started = performance.now();
  try {
    say(
      `sealing gateway credentials again under the current key (${config.previousSecretKeys.length} earlier key(s) to open them)`,
    );
    const done = await rotateSecretKey(database.db, {
      onBatch: (p) => say(`${p.resealed} account(s) sealed again so far`),
    });
    for (const u of done.unreadable) {
      process.stderr.write(
        `accrue: gateway account ${u.id} (tenant ${u.tenantId}) left as it was: ${u.error}\n`,
      );
    }
    process.stdout.write(
      `Sealed the credentials of ${done.resealed} gateway account(s) under the current key in ${seconds(started)}` +
        (done.unreadable.length > 0
          ? `; ${done.unreadable.length} could not be opened with any key given (named above).\n`
          : "; every stored credential is now sealed under it.\n"),
    );
    if (done.unreadable.length > 0) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

export async function migrateCommand(config: Config) {
  say(`opening the ${where(config)}`);
  const database = config.databaseUrl
    ? await openDatabase({ backend: "postgres", url: config.databaseUrl })
    : await openEmbedded(config);
  try {
    const applied = await migrateSaying(database, config);
    process.stdout.write(
      applied.length === 0
        ? "The schema is up to date.\n"
        : `Applied ${applied.length} migration(s): ${applied.join(", ")}\n`,
    );
  } finally {
    await database.close();
  }
}

export async function bootstrap(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: COMMAND_OPTIONS.bootstrap,
    strict: true,
    allowPositionals: false,
  });
  let testClockNow: Temporal.Instant | undefined;
  if (values["test-clock"] !== undefined) {
    try {
      testClockNow = Temporal.Instant.from(values["test-clock"]);
    } catch {
      throw new UsageError(
        `--test-clock must be an RFC 3339 timestamp (got "${values["test-clock"]}")`,
      );
    }
  }
  const database = await open(config);
  try {
    const credentials = await createTenant(database.db, { name: values.name, testClockNow });
    if (values.json) {
      process.stdout.write(`${JSON.stringify(credentials)}\n`);
    } else {
      process.stdout.write(
        [
          `Created tenant ${credentials.tenant_id} ("${values.name}") on the ${where(config)}.`,
          `  Admin API key (shown only now, store it): ${credentials.api_key}`,
          `  OAuth client: ${credentials.oauth_client_id}  secret: ${credentials.oauth_client_secret}`,
          "",
        ].join("\n"),
      );
    }
  } finally {
    await database.close();
  }
}

/** An Accrue server answering on HOST:PORT: its address and the database it reports. */
async function runningServer(config: Config): Promise<{ url: string; database: string } | null> {
  if (config.port === 0) return null;
  // a server listening on every interface answers on the loopback one
  const host = ["0.0.0.0", "::", ""].includes(config.host)
    ? "127.0.0.1"
    : config.host.includes(":")
      ? `[${config.host}]`
      : config.host;
  const url = `http://${host}:${config.port}`;
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) });
    const body = (await res.json()) as { status?: unknown; database?: unknown };
    return typeof body.status === "string" ? { url, database: String(body.database) } : null;
  } catch {
    // nothing listens (or not Accrue: taking the port then says it is in use)
    return null;
  }
}

/**
 * `accrue demo`: through the API of the server answering on HOST:PORT, or of one it starts
 * there itself and keeps serving (unless --exit).
 */
export async function demo(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: COMMAND_OPTIONS.demo,
    strict: true,
    allowPositionals: false,
  });
  const progress = (line: string) => process.stderr.write(`accrue demo: ${line}\n`);
  const running = await runningServer(config);
  if (running) {
    // the demo's tenant is made in the database: it must be the one that server uses
    if (running.database !== "postgres" || !config.databaseUrl) {
      throw new CommandFailure(
        running.database === "postgres"
          ? `an Accrue server answers on ${running.url}; set DATABASE_URL to its database so the demo can make its tenant there`
          : `an Accrue server answers on ${running.url} on its embedded database, which only it may open, so the demo cannot make its tenant there: stop it and run accrue demo alone (it then serves the demo itself), or use another PORT`,
      );
    }
    say(`demo through the API of the server at ${running.url}`);
    const database = await open(config);
    try {
      const result = await runDemo(database.db, database.backend, config, progress, {
        server: running.url,
      });
      printDemo(result, running.url, values.json, "served");
    } finally {
      await database.close();
    }
    return;
  }
  const server = await startServer(config, (text) =>
    // with --json, stdout carries the demo's object alone
    (values.json ? process.stderr : process.stdout).write(text),
  );
  let result: DemoResult;
  try {
    say(`demo through the API of ${server.url}`);
    result = await runDemo(
      server.database.db,
      server.database.backend,
      { ...config, publicUrl: server.publicUrl },
      progress,
    );
  } catch (error) {
    await server.close();
    throw error;
  }
  if (values.exit) {
    await server.close();
    printDemo(result, server.publicUrl, values.json, "stopped");
    return;
  }
  const worker = startWorkerLoop(config, server.database);
  printDemo(result, server.publicUrl, values.json, "served");
  (values.json ? process.stderr : process.stdout).write(
    `${servingLine(config, server, worker).trimEnd()} Ctrl-C stops it.\n`,
  );
  onShutdown(async () => {
    await worker?.stop();
    await server.close();
  });
}

/** The demo's result: one JSON object, or where to look (links on `base`). */
function printDemo(
  result: DemoResult,
  base: string,
  json: boolean,
  server: "served" | "stopped",
): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(
    [
      "",
      `Demo tenant ${result.tenant_id} made in ${result.seconds} s: ${result.contracts} contracts, ` +
        `${result.invoices} invoice(s), ${result.credit_notes} credit note(s), ` +
        `${result.payments} payment(s), ${result.webhook_deliveries} webhook deliveries; ` +
        `its test clock is at ${result.test_clock}.`,
      `  Admin API key (shown only now): ${result.api_key}`,
      "",
      server === "served" ? "Look:" : "Start the server (npm start), then look:",
      `  Console: ${base}/console (sign in with the key above)`,
      `  A customer's portal (until ${result.self_service_expires_at}): ${result.portal_url}`,
      `  curl -H "Authorization: Bearer ${result.api_key}" ${base}/v1/invoices`,
      `  curl -H "Authorization: Bearer ${result.api_key}" ${base}/v1/subscription_actions`,
      `  API reference: ${base}/docs`,
      "",
    ].join("\n"),
  );
}
