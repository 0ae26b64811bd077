/**
 * Cut PostgreSQL connections for the fault tests: a separate admin connection ends every
 * backend of the test database (`pg_terminate_backend`) again and again, at random short
 * intervals, while the work under test goes on over its own pool.
 */
import pg from "pg";

/** How long the cuts go on by default: the work then finishes without them. */
export const CUTTING_MS = 3_000;

export type Cutter = {
  /** Backends ended so far. */
  readonly cuts: number;
  /** Whether the cuts are over (stopped, or their time is up). */
  readonly over: boolean;
};

/**
 * Ends every other backend of `database` every 50–250 ms (time enough for some work to get
 * through between two cuts) for `forMs`, or until stopped.
 */
export function startCutting(
  adminUrl: string,
  database: string,
  forMs: number,
): Cutter & { stop(): Promise<number> } {
  const admin = new pg.Client({ connectionString: adminUrl });
  const until = Date.now() + forMs;
  let stopped = false;
  let cuts = 0;
  const loop = (async () => {
    await admin.connect();
    while (!stopped && Date.now() < until) {
      const { rows } = await admin.query<{ n: string }>(
        `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
         WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [database],
      );
      cuts += Number(rows[0]!.n);
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
    }
    await admin.end();
  })();
  return {
    get cuts() {
      return cuts;
    },
    get over() {
      return stopped || Date.now() >= until;
    },
    async stop(): Promise<number> {
      stopped = true;
      await loop;
      return cuts;
    },
  };
}

/**
 * Runs `fn` while the backends of `database` are cut (for `forMs` at most; `fn` is told the
 * cuts so far and whether they are over); returns how many backends were ended.
 */
export async function whileCutting(
  adminUrl: string,
  database: string,
  fn: (cutter: Cutter) => Promise<void>,
  forMs = CUTTING_MS,
): Promise<number> {
  const cutter = startCutting(adminUrl, database, forMs);
  try {
    await fn(cutter);
  } finally {
    await cutter.stop();
  }
  return cutter.cuts;
}
