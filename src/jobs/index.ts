import type { Config } from "../config.js";
import { accessTokenCleanup } from "./access-token-cleanup.js";
import { billingJob } from "./billing.js";
import { collectionJob } from "./collection.js";
import { contractPhaseEvents } from "./contract-phase-events.js";
import { dunningJob, graceExpiryJob } from "./dunning.js";
import { giftEvents } from "./gift-events.js";
import { idempotencyCleanup } from "./idempotency-cleanup.js";
import { defaultSender, messageJobs } from "./messages.js";
import { paymentExpiryJob } from "./payment-expiry.js";
import type { Job } from "./runner.js";
import { scheduledActionsJob } from "./scheduled-actions.js";
import { webhookJobs } from "./webhook-delivery.js";

/** Jobs that need no configuration, in order. */
export const JOBS: readonly Job[] = [idempotencyCleanup, accessTokenCleanup];

/** Every job the worker loop runs, in order, configured. */
export function workerJobs(
  config: Pick<Config, "webhookAllowPrivate"> &
    Partial<
      Pick<
        Config,
        | "smtpUrl"
        | "smtpFrom"
        | "publicUrl"
        | "smtpTimeoutMs"
        | "mailAttachmentMaxBytes"
        | "mailLeaseMs"
      >
    >,
): Job[] {
  // phase events first: the events they write are fanned out in the same tick
  return [
    ...JOBS,
    // scheduled actions change contracts: before their phase events and billing
    scheduledActionsJob(),
    contractPhaseEvents(),
    giftEvents(),
    billingJob(),
    // before collection: a payment expired here has its attempt settled and retried there
    paymentExpiryJob(),
    // after billing, so the invoices it issued are charged before they are dunned
    collectionJob(),
    // after billing, so the invoices it issued are dunned; grace ends after dunning granted it
    dunningJob(),
    graceExpiryJob(),
    ...webhookJobs({ allowPrivate: config.webhookAllowPrivate }),
    ...messageJobs({
      smtpUrl: config.smtpUrl,
      smtpTimeoutMs: config.smtpTimeoutMs,
      attachmentMaxBytes: config.mailAttachmentMaxBytes,
      leaseMs: config.mailLeaseMs,
      publicUrl: config.publicUrl,
      defaultSender: defaultSender({
        smtpFrom: config.smtpFrom,
        publicUrl: config.publicUrl ?? "http://localhost",
      }),
    }),
  ];
}
