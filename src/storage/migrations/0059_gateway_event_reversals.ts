import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Gateway events that undo an earlier one: a refund that did not reach the customer
 * (`charge.refund_failed`, GoCardless's failed refunds) and a chargeback the bank or card
 * scheme reversed (`charge.dispute_reversed`, Mollie's reversed chargebacks).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE gateway_events DROP CONSTRAINT gateway_events_type_check;
    ALTER TABLE gateway_events ADD CONSTRAINT gateway_events_type_check
      CHECK (type IN ('charge.succeeded', 'charge.failed', 'charge.refunded', 'charge.disputed',
        'charge.refund_failed', 'charge.dispute_reversed', 'unknown'));
  `,
  );
}
