import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * An invoice's descriptive details, changeable after it is issued (the customer's purchase
 * order number and notes printed on it), and the moment dunning of it was stopped: the dunning
 * worker passes over an invoice that has one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE invoices ADD COLUMN po_number text;
    ALTER TABLE invoices ADD COLUMN notes text;
    ALTER TABLE invoices ADD COLUMN dunning_stopped_at timestamptz;
  `,
  );
}
