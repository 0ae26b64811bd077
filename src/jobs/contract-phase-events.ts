import { announcePhaseEvents, DEFAULT_TRIAL_END_NOTICE_DAYS } from "../modules/contracts/index.js";
import { systemContexts, unitOfWork } from "../workflows/unit-of-work.js";
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
      unitOfWork(db, (work) =>
        announcePhaseEvents(
          work.db,
          {
            now,
            limit: BATCH,
            trialEndNoticeDays: options.trialEndNoticeDays ?? DEFAULT_TRIAL_END_NOTICE_DAYS,
          },
          systemContexts(work, {
            actorId: "contract-phase-events",
            operation: "contracts.phase_events",
          }),
        ),
      ),
  };
}
