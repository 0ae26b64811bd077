import {
  announcePhaseEvents,
  DEFAULT_TRIAL_END_NOTICE_DAYS,
} from "../modules/contracts/phase-events.js";
import type { Job } from "./runner.js";

const BATCH = 200;

/**
 * Phase starts and approaching trial ends that a tenant's clock has passed become events,
 * each once (src/modules/contracts/phase-events.ts).
 */
export function contractPhaseEvents(
  options: { now?: () => Date; trialEndNoticeDays?: number } = {},
): Job {
  const now = options.now ?? (() => new Date());
  return {
    name: "contract-phase-events",
    everyMs: 0,
    batchSize: BATCH,
    run: ({ db }) =>
      announcePhaseEvents(db, {
        now,
        limit: BATCH,
        trialEndNoticeDays: options.trialEndNoticeDays ?? DEFAULT_TRIAL_END_NOTICE_DAYS,
      }),
  };
}
