/**
 * The command line before any work: help for every command, a wrong command line, and the
 * checks that come before the database (configuration, the port). Each case runs the real
 * `accrue` process and then looks at what it left behind: nothing.
 */
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { COMMAND_HELP } from "../../src/cli/usage.js";
import { runAccrue } from "./process.js";

vi.setConfig({ testTimeout: 60_000 });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-help-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The entries of a directory tree, relative to it. */
const contents = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort();

/** A listening socket on a free loopback port, kept until `close`. */
async function listening(server: net.Server = net.createServer()) {
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: String((server.address() as net.AddressInfo).port),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

const COMMANDS = Object.keys(COMMAND_HELP);

// a *.pglite.test.ts file runs in the embedded pass only (vitest.config.ts): these process
// tests need no database server
describe("accrue help and start-up checks", () => {
  it("accrue --help and -h list every command", async () => {
    for (const flag of ["--help", "-h", "help"]) {
      const res = await runAccrue([flag]);
      expect(res.code, flag).toBe(0);
      expect(res.stdout, flag).toMatch(/^Usage: accrue <command>/);
      for (const command of COMMANDS)
        expect(res.stdout, flag).toMatch(new RegExp(`^  ${command}\\b`, "m"));
    }
  });

  it("every command's --help, -h and `help <command>` print its usage and write nothing", async () => {
    expect(COMMANDS).toEqual(
      expect.arrayContaining(["serve", "worker", "migrate", "bill", "bootstrap", "demo"]),
    );
    // an empty working directory: the default ./.accrue/data would appear in it
    const cwd = fs.mkdtempSync(path.join(tmp, "cwd-"));
    const dataDir = path.join(tmp, "data");
    const runs = COMMANDS.flatMap((command) => [
      [command, "--help"],
      [command, "-h"],
      ["help", command],
      // help wins over the options around it, valid or not
      [command, "--json", "--help"],
    ]);
    const results = await Promise.all(
      runs.map(async (args, i) => {
        // even the default data directory is not created, nor a PostgreSQL server reached
        const env =
          i % 3 === 0
            ? {}
            : i % 3 === 1
              ? { ACCRUE_DATA_DIR: dataDir }
              : { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" };
        // an invalid configuration is not even read
        return { args, res: await runAccrue(args, { ...env, PORT: "abc" }, { cwd }) };
      }),
    );
    for (const { args, res } of results) {
      const command = args[0] === "help" ? args[1]! : args[0]!;
      const what = args.join(" ");
      expect(res.code, what).toBe(0);
      expect(res.stdout, what).toBe(`${COMMAND_HELP[command]}\n`);
      expect(res.stderr, what).toBe("");
      expect(res.stdout, what).not.toMatch(/ak_|Admin API key|migrat(ing|ed):/);
    }
    expect(contents(cwd)).toEqual([]);
    expect(fs.existsSync(dataDir)).toBe(false);
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("an unknown command or option, a stray argument, a missing value: what is wrong, the usage, exit 2", async () => {
    const dataDir = path.join(tmp, "wrong");
    const cases: [string[], RegExp][] = [
      [["frobnicate"], /unknown command "frobnicate"/],
      [["help", "frobnicate"], /no command "frobnicate"/],
      [["bootstrap", "--nope"], /Unknown option '--nope'/],
      [["bill", "extra"], /Unexpected argument 'extra'/],
      [["bootstrap", "--name"], /Option '--name <value>' argument missing/],
      [["serve", "extra"], /serve takes no arguments/],
      [["worker", "--port", "1"], /worker takes no arguments/],
      [["migrate", "--nope"], /migrate takes no arguments/],
      [["demo", "--nope"], /Unknown option '--nope'/],
      [["bootstrap", "--test-clock", "soon"], /--test-clock must be an RFC 3339 timestamp/],
    ];
    const results = await Promise.all(
      cases.map(async ([args]) => runAccrue(args, { ACCRUE_DATA_DIR: dataDir })),
    );
    for (const [i, [args, message]] of cases.entries()) {
      const res = results[i]!;
      const what = args.join(" ");
      expect(res.code, what).toBe(2);
      expect(res.stdout, what).toBe("");
      const [first, blank, usage] = res.stderr.split("\n");
      expect(first, what).toMatch(message);
      expect(blank, what).toBe("");
      const command = COMMAND_HELP[args[0]!] ? args[0] : "<command>";
      expect(usage, what).toMatch(new RegExp(`^Usage: accrue ${command}`));
    }
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  // each variable's message is checked in src/config.test.ts; here, that a process ends so
  it("invalid configuration → its one line on stderr, exit code 2, nothing opened", async () => {
    const dataDir = path.join(tmp, "misconfigured");
    const res = await runAccrue(["serve"], { ACCRUE_DATA_DIR: dataDir, PORT: "abc" });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      'accrue: invalid configuration: PORT must be an integer from 0 to 65535 (got "abc")\n',
    );
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("a port in use is reported before the database is opened, migrated or given a tenant", async () => {
    const taken = await listening();
    const dataDir = path.join(tmp, "port-taken");
    try {
      for (const command of ["serve", "demo"]) {
        const res = await runAccrue([command], { ACCRUE_DATA_DIR: dataDir, PORT: taken.port });
        expect(res.code, command).toBe(1);
        expect(res.stderr, command).toBe(`accrue: 127.0.0.1:${taken.port} is already in use\n`);
        expect(res.stdout, command).toBe("");
      }
    } finally {
      await taken.close();
    }
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("demo with a server on its embedded database at HOST:PORT says why it cannot join it, opening nothing", async () => {
    // what `accrue serve` on the embedded database answers
    const server = await listening(
      http.createServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: "ok", database: "pglite" }));
      }),
    );
    const dataDir = path.join(tmp, "demo-beside");
    try {
      const res = await runAccrue(["demo"], { ACCRUE_DATA_DIR: dataDir, PORT: server.port });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(
        new RegExp(
          `^accrue: an Accrue server answers on http://127.0.0.1:${server.port} on its embedded database`,
        ),
      );
    } finally {
      await server.close();
    }
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
