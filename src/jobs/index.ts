import { accessTokenCleanup } from "./access-token-cleanup.js";
import { idempotencyCleanup } from "./idempotency-cleanup.js";
import type { Job } from "./runner.js";

/** Every job the worker loop runs, in order. */
export const JOBS: readonly Job[] = [idempotencyCleanup, accessTokenCleanup];
