/**
 * The commands' work: each opens the database (migrating it), runs and closes it. Loaded by
 * main.ts only once a command is to run, so `accrue help` and `--help` load none of it.
 */
import { parseArgs } from "node:util";
import { pino } from "pino";
import { Temporal } from "temporal-polyfill";
import type { Config } from "../config.js";
import { buildApp } from "../http/app.js";
import { workerJobs } from "../jobs/index.js";
import { startWorker } from "../jobs/runner.js";
import { configureSealingKey } from "../modules/access/index.js";
import { type Database, migrate, openDatabase } from "../storage/db.js";
import { runBilling } from "../workflows/billing-run.js";
import { createTenant, ensureDefaultTenant } from "../workflows/tenants.js";
import { runDemo } from "./demo.js";
import { UsageError } from "./usage.js";

async function open(config: Config): Promise<Database> {
  const database = config.databaseUrl
    ? await openDatabase({ backend: "postgres", url: config.databaseUrl })
    : await openDatabase({ backend: "pglite", dataDir: config.dataDir });
  await migrate(database.db);
  return database;
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

export async function serve(config: Config) {
  const log = pino({ level: config.logLevel });
  const database = await open(config);
  const created = await ensureDefaultTenant(database.db);
  if (created) {
    process.stdout.write(
      [
        "",
        `Accrue created the default tenant ${created.tenant_id}.`,
        `  Admin API key (shown only now, store it): ${created.api_key}`,
        `  OAuth client: ${created.oauth_client_id}  secret: ${created.oauth_client_secret}`,
        "",
        "",
      ].join("\n"),
    );
  }
  const app = await buildApp({ db: database.db, backend: database.backend, config, logger: log });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const worker = config.worker
    ? startWorker({
        db: database.db,
        log,
        jobs: workerJobs(config),
        intervalMs: config.workerIntervalMs,
      })
    : undefined;
  process.stdout.write(
    `Accrue is serving http://${host}:${port} on the ${where(config)}` +
      `${worker ? " with the worker loop" : ""}. Console: http://${host}:${port}/console, ` +
      `API reference: http://${host}:${port}/docs\n`,
  );
  onShutdown(async () => {
    await worker?.stop();
    await app.close();
    await database.close();
  });
}

export async function worker(config: Config) {
  const log = pino({ level: config.logLevel });
  // jobs that reach a gateway open its account's credentials (`serve` sets it in buildApp)
  configureSealingKey(config.secretKey);
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

/** Contracts settled between two looks at the progress. */
const BILL_BATCH = 100;

export async function bill(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: { tenant: { type: "string" } },
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
    for (;;) {
      const runs = await runBilling(database.db, {
        tenantId: values.tenant,
        trigger: "worker",
        limit: BILL_BATCH,
        systemNow: () => new Date(),
      });
      let settled = 0;
      for (const r of runs) {
        settled += r.contracts_billed + r.failures;
        totals.contracts += r.contracts_billed;
        totals.invoices += r.invoices_created;
        totals.creditNotes += r.credit_notes_created;
        totals.failures += r.failures;
      }
      if (settled === 0) break;
      // after the first batch, then at most once a second
      if (performance.now() - reported >= 1000) {
        report(false);
        reported = performance.now();
      }
    }
    report(true);
    if (totals.failures > 0) process.exitCode = 3;
  } finally {
    await database.close();
  }
}

export async function migrateCommand(config: Config) {
  const database = config.databaseUrl
    ? await openDatabase({ backend: "postgres", url: config.databaseUrl })
    : await openDatabase({ backend: "pglite", dataDir: config.dataDir });
  try {
    const applied = await migrate(database.db);
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
    options: {
      json: { type: "boolean", default: false },
      name: { type: "string", default: "Default" },
      "test-clock": { type: "string" },
    },
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

export async function demo(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: { json: { type: "boolean", default: false } },
    strict: true,
    allowPositionals: false,
  });
  const database = await open(config);
  try {
    process.stderr.write(`accrue demo: on the ${where(config)}\n`);
    const result = await runDemo(database.db, database.backend, config, (line) =>
      process.stderr.write(`accrue demo: ${line}\n`),
    );
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    const base = config.publicUrl;
    process.stdout.write(
      [
        "",
        `Demo tenant ${result.tenant_id} made in ${result.seconds} s: ${result.contracts} contracts, ` +
          `${result.invoices} invoice(s), ${result.credit_notes} credit note(s), ` +
          `${result.payments} payment(s), ${result.webhook_deliveries} webhook deliveries; ` +
          `its test clock is at ${result.test_clock}.`,
        `  Admin API key (shown only now): ${result.api_key}`,
        "",
        `Start the server (npm start), then look:`,
        `  Console: ${base}/console (sign in with the key above)`,
        `  A customer's portal (until ${result.self_service_expires_at}): ${result.portal_url}`,
        `  curl -H "Authorization: Bearer ${result.api_key}" ${base}/v1/invoices`,
        `  curl -H "Authorization: Bearer ${result.api_key}" ${base}/v1/subscription_actions`,
        `  API reference: ${base}/docs`,
        "",
      ].join("\n"),
    );
  } finally {
    await database.close();
  }
}
