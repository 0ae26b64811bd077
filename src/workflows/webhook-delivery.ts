/**
 * Webhook delivery, driven by the worker: outbox events fan out into deliveries (one unit of
 * work per batch), then due deliveries are claimed, sent outside any transaction and each
 * attempt recorded in a unit of work of its own (src/modules/webhooks/delivery.ts).
 */
import type { Kysely } from "kysely";
import { newId } from "../lib/ids.js";
import {
  attempt,
  claimDue,
  type DeliveryOptions,
  fanOutBatch,
  record,
} from "../modules/webhooks/index.js";
import type { DB } from "../storage/schema.js";
import { unitOfWork } from "./unit-of-work.js";

/** Turns up to `limit` outbox events into deliveries, in one unit of work. */
export async function fanOut(
  db: Kysely<DB>,
  options: { now: () => Date; limit: number },
): Promise<number> {
  return unitOfWork(db, (work) => fanOutBatch(work.db, options));
}

/** Claims, attempts and records one batch; returns how many deliveries it attempted. */
export async function deliverDue(db: Kysely<DB>, options: DeliveryOptions): Promise<number> {
  const claimed = await claimDue(db, { ...options, limit: options.batchSize });
  let next = 0;
  const errors: unknown[] = [];
  const lane = async () => {
    while (next < claimed.length) {
      const c = claimed[next++]!;
      try {
        const outcome = await attempt(c, options);
        const status = await unitOfWork(db, (work) =>
          record(work.db, c, outcome, options, () =>
            work.context({
              tenantId: c.tenantId,
              actor: { type: "system", id: "webhook-delivery" },
              requestId: newId("job"),
              operation: "webhook_endpoints.disable",
            }),
          ),
        );
        options.log?.debug(
          { delivery: c.id, event: c.event.id, status, code: outcome.statusCode },
          "webhook attempt",
        );
      } catch (error) {
        // the lease runs out and the delivery is attempted again
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, claimed.length) }, lane));
  if (errors.length > 0) throw errors[0];
  return claimed.length;
}
