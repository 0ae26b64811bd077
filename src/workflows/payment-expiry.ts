/**
 * Waiting that ends, run by the worker on each tenant's clock:
 *
 * - a payment the customer's bank asks the customer to authenticate (3-D Secure,
 *   `requires_action`) that the customer has not authenticated within the tenant's
 *   `authentication_expiry_hours` (its dunning policy; 24 by default) is cancelled at the
 *   gateway and recorded failed (`authentication_expired`, `payment.failed`). Collection then
 *   finds its attempt settled failed and schedules the next on the retry schedule, and dunning
 *   counts the failed payment, as for any failed charge;
 * - a payment method setup on the gateway's hosted page the customer left unfinished is
 *   expired past its `expires_at` (its page ended at the gateway where the gateway allows it).
 *
 * Each item is handled in its own unit of work under its customer's lock and checked again
 * once locked, so the customer's return, the gateway's event or a second worker arriving at
 * the same time settle it once. A gateway that cannot be reached records nothing; the item is
 * tried again on the next run. A cancellation the gateway refuses for good (a charge it does
 * not know, an invalid request) is not asked again: the payment is failed all the same, and
 * a refusal of a charge that still waits there is logged.
 *
 * Modules: payments (its payments and setups, with tenants' clocks and expiry joined by its
 * claims).
 */
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { isAccrueError } from "../domain/errors.js";
import { yielder } from "../lib/yield.js";
import { clockFor } from "../modules/clock/index.js";
import {
  expiredActionPayments,
  expiredOpenSetups,
  expireSourceSetup,
  expireWaitingPayment,
  type OnCancelRefused,
  paymentExpiryRequestId,
} from "../modules/payments/index.js";
import type { DB } from "../storage/schema.js";
import { unitOfWork } from "./unit-of-work.js";

type Options = { now: () => Date; limit: number; log?: Logger | undefined };

/**
 * Runs `fn` in a unit of its own; a refusal (a gateway out of reach) is logged and skipped, and
 * so is any other error of one item (credentials this server cannot open, an adapter missing),
 * logged as an error: one bad item never holds up the others, and is tried again next run.
 */
async function eachItem(
  log: Logger | undefined,
  item: Record<string, string>,
  fn: () => Promise<boolean>,
): Promise<boolean> {
  try {
    return await fn();
  } catch (error) {
    if (isAccrueError(error)) {
      log?.warn({ ...item, code: error.code, err: error.message }, "expiry not recorded");
    } else {
      log?.error({ ...item, err: error }, "expiry failed");
    }
    return false;
  }
}

/**
 * Logs a cancellation the gateway refused for good: the payment is failed, and its charge may
 * still wait at the gateway, to be cancelled there by hand (Stripe's Dashboard).
 */
export function logCancelRefused(
  log: Pick<Logger, "warn"> | undefined,
  refusal: Parameters<OnCancelRefused>[0],
): void {
  log?.warn(
    {
      payment_id: refusal.paymentId,
      gateway_reference: refusal.reference,
      code: refusal.code,
      err: refusal.message,
    },
    "the gateway refused to cancel an expired payment; it is failed here, cancel it at the gateway",
  );
}

/** Expires payments that waited too long for the customer's authentication; answers how many. */
export async function runPaymentActionExpiry(db: Kysely<DB>, options: Options): Promise<number> {
  let handled = 0;
  let after = "";
  const yields = yielder();
  for (;;) {
    const page = await expiredActionPayments(db, after, options.limit, options.now());
    if (page.length === 0) return handled;
    after = page.at(-1)!.id;
    for (const due of page) {
      await yields.pause();
      const done = await eachItem(options.log, { payment_id: due.id }, () =>
        unitOfWork(db, async (work) => {
          const ctx = await work.context({
            tenantId: due.tenant_id,
            actor: { type: "system", id: "payment-expiry" },
            // the same on every run: the gateway's idempotency key of the cancellation
            requestId: paymentExpiryRequestId(due.id),
            operation: "payments.expire_action",
            clock: clockFor(due.test_clock_now ?? options.now()),
          });
          const expired = await expireWaitingPayment(
            ctx,
            due.id,
            due.authentication_expiry_hours,
            (refusal) => logCancelRefused(options.log, refusal),
          );
          return expired !== null;
        }),
      );
      if (done) handled += 1;
    }
  }
}

/** Expires payment method setups the customer left unfinished; answers how many. */
export async function runSetupExpiry(db: Kysely<DB>, options: Options): Promise<number> {
  let handled = 0;
  let after = "";
  const yields = yielder();
  for (;;) {
    const page = await expiredOpenSetups(db, after, options.limit, options.now());
    if (page.length === 0) return handled;
    after = page.at(-1)!.id;
    for (const due of page) {
      await yields.pause();
      const done = await eachItem(options.log, { setup_id: due.id }, () =>
        unitOfWork(db, async (work) => {
          const ctx = await work.context({
            tenantId: due.tenant_id,
            actor: { type: "system", id: "setup-expiry" },
            requestId: `expire_${due.id}`,
            operation: "payment_sources.expire_setup",
            clock: clockFor(due.test_clock_now ?? options.now()),
          });
          return (await expireSourceSetup(ctx, due.id)) !== null;
        }),
      );
      if (done) handled += 1;
    }
  }
}
