/** Runs the real `accrue` command as a child process. */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const BIN = path.resolve(import.meta.dirname, "../../bin/accrue.js");

export type Env = Record<string, string | undefined>;

function childEnv(env: Env): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn" };
  delete base.DATABASE_URL;
  delete base.PORT;
  return { ...base, ...env };
}

export function runAccrue(
  args: string[],
  env: Env = {},
  options: { cwd?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: childEnv(env), ...options });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export type Served = {
  url: string;
  output: () => string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/** Starts `accrue serve` on a free port and waits until it says where it listens. */
export function serve(
  env: Env = {},
  timeoutMs = 120_000,
  /** Options for node itself (e.g. `--cpu-prof`, which NODE_OPTIONS may not carry). */
  nodeArgs: readonly string[] = [],
): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, BIN, "serve"], {
      env: childEnv({ PORT: "0", ...env }),
    });
    let out = "";
    const exited = new Promise<number | null>((r) => child.on("close", (code) => r(code)));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`accrue serve did not start in time:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d;
      const m = /serving (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          output: () => out,
          child,
          stop: async (signal = "SIGTERM") => {
            if (child.exitCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("close", (code) => {
      clearTimeout(timer);
      reject(new Error(`accrue serve exited with ${code}:\n${out}`));
    });
  });
}

export type Spawned = {
  /** Resolves when the output so far matches `pattern`; rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  /** The exit code (null when a signal ended the process). */
  exited: Promise<number | null>;
  output(): string;
  pid: number | undefined;
};

/** Starts an `accrue` command and lets the test watch its output. */
export function spawnAccrue(args: string[], env: Env = {}): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], { env: childEnv(env) });
  let out = "";
  const watchers: (() => void)[] = [];
  const onData = (d: Buffer) => {
    out += d;
    for (const w of [...watchers]) w();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<number | null>((r) => child.on("close", (code) => r(code)));
  return {
    output: () => out,
    pid: child.pid,
    kill: (signal) => child.kill(signal),
    exited,
    waitFor: (pattern, timeoutMs = 120_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${pattern} in time:\n${out}`)),
          timeoutMs,
        );
        const check = () => {
          if (!pattern.test(out)) return;
          clearTimeout(timer);
          watchers.splice(watchers.indexOf(check), 1);
          resolve();
        };
        watchers.push(check);
        check();
        void exited.then((code) => {
          clearTimeout(timer);
          if (!pattern.test(out))
            reject(new Error(`exited with ${code} before ${pattern}:\n${out}`));
        });
      }),
  };
}
