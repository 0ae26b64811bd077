/**
 * `accrue <command>`: serve, worker, migrate, bill, bootstrap, demo, rotate-secret-key. Configuration comes from
 * the environment (src/config.ts); an invalid value prints one line and exits with code 2. A
 * wrong command line prints what was wrong and the command's usage, and exits with code 2.
 * Help and the command line are answered before anything else is loaded or opened.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { type Config, ConfigError, loadConfig } from "../config.js";
import { isAccrueError } from "../domain/errors.js";
import { COMMAND_HELP, COMMAND_OPTIONS, USAGE } from "./usage.js";

function fail(message: string, code: number): never {
  process.stderr.write(`accrue: ${message}\n`);
  process.exit(code);
}

/** A wrong command line: what was wrong, then how the command is used; exit code 2. */
function misused(message: string, usage: string): never {
  process.stderr.write(`accrue: ${message}\n\n${usage}\n`);
  process.exit(2);
}

export async function main(argv: string[]): Promise<void> {
  const [command = "help", ...rest] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    const topic = rest[0] === undefined ? undefined : COMMAND_HELP[rest[0]];
    if (rest[0] !== undefined && !topic) misused(`no command "${rest[0]}"`, USAGE);
    process.stdout.write(`${topic ?? USAGE}\n`);
    return;
  }
  const help = COMMAND_HELP[command];
  if (!help) misused(`unknown command "${command}"`, USAGE);
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`${help}\n`);
    return;
  }
  const options = (COMMAND_OPTIONS as Record<string, ParseArgsConfig["options"]>)[command];
  if (!options && rest.length > 0) {
    misused(`${command} takes no arguments (got "${rest.join(" ")}")`, help);
  }
  try {
    parseArgs({ args: rest, options: options ?? {}, strict: true, allowPositionals: false });
  } catch (error) {
    misused((error as Error).message, help);
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
      case "rotate-secret-key":
        return await commands.rotateSecretKeyCommand(config);
      default:
        return misused(`unknown command "${command}"`, USAGE);
    }
  } catch (error) {
    const name = (error as Error).name;
    if (name === "UsageError") misused((error as Error).message, help);
    if (name === "CommandFailure") fail((error as Error).message, 1);
    const code = String((error as { code?: unknown }).code ?? "");
    if (name === "DatabaseLockedError") fail((error as Error).message, 1);
    if (isAccrueError(error)) fail(error.message, 2);
    // connection refused, unknown host, unknown database (3D000), authentication (28xxx)
    if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|3D000|28\w{3})$/.test(code)) {
      fail(`cannot use the database: ${(error as Error).message}`, 1);
    }
    if (code === "EADDRINUSE") fail(`${config.host}:${config.port} is already in use`, 1);
    if (code === "EACCES" || code === "EADDRNOTAVAIL") {
      fail(`cannot listen on ${config.host}:${config.port} (${code})`, 1);
    }
    throw error;
  }
}

await main(process.argv.slice(2));
