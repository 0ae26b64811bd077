import { announceDueGifts } from "../modules/gifts/index.js";
import { systemContexts, unitOfWork } from "../workflows/unit-of-work.js";
import type { Job } from "./runner.js";

const BATCH = 200;

/**
 * Gifts whose date a tenant's clock passed become unclaimed (`gift.unclaimed`), unclaimed
 * gifts past their claim expiry date expired (`gift.expired`), each once
 * (src/modules/gifts/gifts.service.ts). A gift reads with its new status at once; this job
 * stores it and announces it.
 */
export function giftEvents(options: { now?: () => Date } = {}): Job {
  const now = options.now ?? (() => new Date());
  return {
    name: "gift-events",
    everyMs: 0,
    batchSize: BATCH,
    run: ({ db }) =>
      unitOfWork(db, (work) =>
        announceDueGifts(
          work.db,
          { now, limit: BATCH },
          systemContexts(work, { actorId: "gift-events", operation: "gifts.announce" }),
        ),
      ),
  };
}
