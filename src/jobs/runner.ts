/**
 * The worker loop. Each job claims its own due rows with `FOR UPDATE SKIP LOCKED`, so any
 * number of processes can run the loop against one PostgreSQL without doing the same work
 * twice, and each job is idempotent, so a crash mid-way is repaired by the next run.
 */
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { yielder } from "../lib/yield.js";
import type { DB } from "../storage/schema.js";

export type JobContext = {
  db: Kysely<DB>;
  log: Logger;
  /** When the job's turn ends (epoch ms), for a job with `turnMs`: it starts nothing after. */
  deadline?: number | undefined;
};

export type Job = {
  name: string;
  /** Minimum milliseconds between two runs of this job in one process. */
  everyMs: number;
  /** Does one batch of work; returns how many items it handled. */
  run(ctx: JobContext): Promise<number>;
  /** A run that handled this many items is followed at once by another. */
  batchSize: number;
  /**
   * The longest turn of this job in one tick (ms): no further batch starts after it, and the
   * job is told when it ends, so a job that waits on the outside world (mail) cannot hold
   * up the jobs after it. Unset: the job runs until it has nothing left.
   */
  turnMs?: number;
};

export type Worker = { stop(): Promise<void>; tick(): Promise<number> };

export function startWorker(options: {
  db: Kysely<DB>;
  log: Logger;
  jobs: readonly Job[];
  intervalMs: number;
  /** false: no timer, run ticks by hand (tests). */
  autoStart?: boolean;
}): Worker {
  const lastRun = new Map<string, number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function tick(): Promise<number> {
    let handled = 0;
    // timers and requests run between batches, also on the embedded database (whose
    // statements never let go of the event loop); the jobs pause between items too
    const yields = yielder();
    for (const job of options.jobs) {
      await yields.pause();
      if (stopped) break;
      const last = lastRun.get(job.name) ?? 0;
      if (Date.now() - last < job.everyMs) continue;
      try {
        const deadline = job.turnMs === undefined ? undefined : Date.now() + job.turnMs;
        let n: number;
        do {
          await yields.pause();
          // at trace level: where a process stopped by a crash was (and the fault tests' cue)
          options.log.trace({ job: job.name }, "job batch starting");
          n = await job.run({ db: options.db, log: options.log, deadline });
          handled += n;
          if (n > 0) options.log.info({ job: job.name, handled: n }, "job batch done");
        } while (
          n >= job.batchSize &&
          !stopped &&
          (deadline === undefined || Date.now() < deadline)
        );
        lastRun.set(job.name, Date.now());
      } catch (err) {
        options.log.error({ err, job: job.name }, "job failed; it will be retried");
      }
    }
    return handled;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(async () => {
      running = tick();
      await running;
      running = undefined;
      schedule();
    }, options.intervalMs);
  }
  if (options.autoStart !== false) schedule();

  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}
