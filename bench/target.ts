/** Where a benchmark runs: a fresh database on one back end, reachable by `accrue serve`. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Backend, openDatabase } from "../src/storage/db.js";
import { createPostgresDatabase, dropPostgresDatabase } from "../test/harness.js";

export type Target = {
  backend: Backend;
  /** Environment that points an `accrue` process at this database. */
  env: Record<string, string>;
  /** PGlite's data directory, or PostgreSQL's URL. */
  location: string;
  open: () => ReturnType<typeof openDatabase>;
  drop: () => Promise<void>;
};

export async function target(backend: Backend): Promise<Target> {
  if (backend === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-bench-"));
    const dataDir = path.join(dir, "data");
    return {
      backend,
      env: { ACCRUE_DATA_DIR: dataDir },
      location: dataDir,
      open: () => openDatabase({ backend: "pglite", dataDir }),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = await createPostgresDatabase();
  return {
    backend,
    env: { DATABASE_URL: url },
    location: url,
    open: () => openDatabase({ backend: "postgres", url }),
    drop: () => dropPostgresDatabase(url),
  };
}

/** The back ends to run: PGlite, and PostgreSQL when DATABASE_URL is set; BENCH_BACKENDS narrows. */
export function backends(): Backend[] {
  const only = process.env.BENCH_BACKENDS?.split(",");
  return (["pglite", "postgres"] as const).filter(
    (b) => (!only || only.includes(b)) && (b !== "postgres" || !!process.env.DATABASE_URL),
  );
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
}
