import { DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions } from "../modules/webhooks/index.js";
import { deliverDue } from "../workflows/webhook-delivery.js";
import type { Job } from "./runner.js";
import { webhookFanOut } from "./webhook-fan-out.js";

/**
 * Due webhook deliveries are claimed, sent (outside any transaction) and recorded; failures
 * are retried on the schedule of src/domain/webhooks.ts.
 */
export function webhookDelivery(options: Partial<DeliveryOptions> = {}): Job {
  const settings: DeliveryOptions = { ...DEFAULT_DELIVERY_OPTIONS, ...options };
  return {
    name: "webhook-delivery",
    everyMs: 0,
    batchSize: settings.batchSize,
    run: ({ db, log }) => deliverDue(db, { ...settings, log: settings.log ?? log }),
  };
}

/** Both webhook jobs, in the order a tick should run them. */
export function webhookJobs(options: Partial<DeliveryOptions> = {}): Job[] {
  return [webhookFanOut({ now: options.now }), webhookDelivery(options)];
}
