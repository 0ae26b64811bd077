/**
 * The embedded database's process lock. PGlite does not lock its directory, and two
 * processes writing one directory lose committed rows, so Accrue holds a lock for as long as
 * it has the directory open.
 *
 * On Linux the lock is a listening socket in the abstract namespace, named after the
 * directory: the kernel lets one process bind a name and frees it when that process dies,
 * however it dies, so there is no stale lock to judge and no take-over race. Elsewhere a
 * pid file created exclusively stands in (a lock left by a dead process is taken over).
 * In both cases `<dataDir>.lock` names the owner's pid for the refusal message.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export class DatabaseLockedError extends Error {
  override readonly name = "DatabaseLockedError";
}

export type Release = () => Promise<void>;

export async function lockDataDir(dataDir: string): Promise<Release> {
  const dir = path.resolve(dataDir).replace(/\/+$/, "");
  const pidPath = `${dir}.lock`;
  fs.mkdirSync(path.dirname(pidPath), { recursive: true });
  const releaseLock =
    process.platform === "linux" ? await socketLock(dir, pidPath) : pidFileLock(dir, pidPath);
  fs.writeFileSync(pidPath, String(process.pid));
  const removePidFile = () => {
    try {
      if (fs.readFileSync(pidPath, "utf8") === String(process.pid)) fs.unlinkSync(pidPath);
    } catch {
      // already gone
    }
  };
  process.once("exit", removePidFile);
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    process.off("exit", removePidFile);
    removePidFile();
    await releaseLock();
  };
}

function refusal(dir: string, pidPath: string): DatabaseLockedError {
  let owner = "another process";
  try {
    const pid = fs.readFileSync(pidPath, "utf8").trim();
    if (/^\d+$/.test(pid)) owner = `process ${pid}`;
  } catch {
    // no pid file (yet)
  }
  return new DatabaseLockedError(
    `the embedded database ${dir} is in use by ${owner}; stop that process, or use DATABASE_URL to share a PostgreSQL server between processes`,
  );
}

async function socketLock(dir: string, pidPath: string): Promise<() => Promise<void>> {
  const name = `\0accrue-pglite-${createHash("sha256").update(dir).digest("hex").slice(0, 32)}`;
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? refusal(dir, pidPath) : error),
    );
    server.listen({ path: name, exclusive: true }, () => resolve());
  });
  server.unref();
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

function pidFileLock(dir: string, pidPath: string): () => Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(pidPath, String(process.pid), { flag: "wx" });
      return async () => {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(pidPath, "utf8"));
      // an empty file is a lock being written right now: held
      if (!Number.isInteger(owner) || owner <= 0 || (owner !== process.pid && isAlive(owner))) {
        throw refusal(dir, pidPath);
      }
      fs.rmSync(pidPath, { force: true });
    }
  }
  throw refusal(dir, pidPath);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
