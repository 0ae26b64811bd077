import { fanOut } from "../workflows/webhook-delivery.js";
import type { Job } from "./runner.js";

const BATCH = 500;

/** Each outbox event, exactly once, becomes one delivery per matching webhook endpoint. */
export function webhookFanOut(options: { now?: () => Date } = {}): Job {
  const now = options.now ?? (() => new Date());
  return {
    name: "webhook-fan-out",
    everyMs: 0,
    batchSize: BATCH,
    run: ({ db }) => fanOut(db, { now, limit: BATCH }),
  };
}
