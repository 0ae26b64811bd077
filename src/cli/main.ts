/**
 * `accrue <command>`: serve, worker, migrate, bill, bootstrap, demo. Configuration comes from
 * the environment (src/config.ts); an invalid value prints one line and exits with code 2, as
 * does a wrong command line. Help is answered before anything else is loaded or opened.
 */
import { type Config, ConfigError, loadConfig } from "../config.js";
import { isAccrueError } from "../domain/errors.js";
import { COMMAND_HELP, USAGE, UsageError } from "./usage.js";

/** Commands that take no arguments: anything after them is a mistake, not ignored. */
const NO_ARGUMENTS = new Set(["serve", "worker", "migrate"]);

function fail(message: string, code: number): never {
  process.stderr.write(`accrue: ${message}\n`);
  process.exit(code);
}

export async function main(argv: string[]): Promise<void> {
  const [command = "help", ...rest] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    const topic = rest[0] === undefined ? undefined : COMMAND_HELP[rest[0]];
    if (rest[0] !== undefined && !topic) fail(`no command "${rest[0]}" (try: accrue help)`, 2);
    process.stdout.write(`${topic ?? USAGE}\n`);
    return;
  }
  const help = COMMAND_HELP[command];
  if (!help) fail(`unknown command "${command}" (try: accrue help)`, 2);
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`${help}\n`);
    return;
  }
  if (NO_ARGUMENTS.has(command) && rest.length > 0) {
    fail(
      `${command} takes no arguments (got "${rest.join(" ")}"; try: accrue ${command} --help)`,
      2,
    );
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`invalid configuration: ${error.message}`, 2);
    throw error;
  }
  try {
    const commands = await import("./commands.js");
    switch (command) {
      case "serve":
        return await commands.serve(config);
      case "worker":
        return await commands.worker(config);
      case "migrate":
        return await commands.migrateCommand(config);
      case "bill":
        return await commands.bill(config, rest);
      case "bootstrap":
        return await commands.bootstrap(config, rest);
      case "demo":
        return await commands.demo(config, rest);
      default:
        throw new UsageError(`unknown command "${command}" (try: accrue help)`);
    }
  } catch (error) {
    if (error instanceof UsageError) fail(error.message, 2);
    const code = String((error as { code?: unknown }).code ?? "");
    if (code.startsWith("ERR_PARSE_ARGS_")) fail((error as Error).message, 2);
    if ((error as Error).name === "DatabaseLockedError") fail((error as Error).message, 1);
    if (isAccrueError(error)) fail(error.message, 2);
    // connection refused, unknown host, unknown database (3D000), authentication (28xxx)
    if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|3D000|28\w{3})$/.test(code)) {
      fail(`cannot use the database: ${(error as Error).message}`, 1);
    }
    if (code === "EADDRINUSE") fail(`${config.host}:${config.port} is already in use`, 1);
    throw error;
  }
}

await main(process.argv.slice(2));
