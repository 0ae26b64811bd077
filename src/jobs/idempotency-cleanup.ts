import { deleteExpiredKeys } from "../modules/idempotency/index.js";
import type { Job } from "./runner.js";

/** Idempotency keys are kept for 24 hours, then forgotten. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

export const idempotencyCleanup: Job = {
  name: "idempotency-cleanup",
  everyMs: 60_000,
  batchSize: 1000,
  run: ({ db }) => deleteExpiredKeys(db, new Date(Date.now() - IDEMPOTENCY_RETENTION_MS), 1000),
};
