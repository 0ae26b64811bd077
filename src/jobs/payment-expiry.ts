import { runPaymentActionExpiry, runSetupExpiry } from "../workflows/payment-expiry.js";
import type { Job } from "./runner.js";

const BATCH = 100;

/**
 * Payments that waited too long for the customer's authentication are cancelled and failed,
 * and unfinished payment method setups expired (src/workflows/payment-expiry.ts). Before
 * collection, so a failed payment's attempt is settled and its retry scheduled in the same
 * tick.
 */
export function paymentExpiryJob(options: { now?: () => Date } = {}): Job {
  const now = options.now ?? (() => new Date());
  return {
    name: "payment-expiry",
    everyMs: 60_000,
    batchSize: Number.POSITIVE_INFINITY,
    run: async ({ db, log }) => {
      // each part runs whatever became of the other; the first failure is reported after
      let handled = 0;
      let failure: unknown;
      for (const part of [runPaymentActionExpiry, runSetupExpiry]) {
        try {
          handled += await part(db, { now, limit: BATCH, log });
        } catch (error) {
          failure ??= error;
        }
      }
      if (failure !== undefined) throw failure;
      return handled;
    },
  };
}
