import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * E-invoices (Chargebee: send / resend e-invoice): one record per issued invoice or credit
 * note sent as an EN 16931 e-invoice, with the outcome of its last attempt. `failed` carries
 * what the document lacked; only a failed one may be sent again. A customer receives
 * e-invoices once `einvoicing` is on; its electronic address (a Peppol participant id: an
 * EAS scheme code and an identifier) is written into the document as the buyer's (BT-49).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE einvoices (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      document_id text NOT NULL REFERENCES invoices(id),
      format text NOT NULL,
      status text NOT NULL CHECK (status IN ('scheduled', 'in_progress', 'success', 'failed')),
      reference_number text,
      message text,
      attempts integer NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (tenant_id, document_id)
    );
    ALTER TABLE customers ADD COLUMN einvoicing boolean NOT NULL DEFAULT false;
    ALTER TABLE customers ADD COLUMN einvoice_scheme text;
    ALTER TABLE customers ADD COLUMN einvoice_endpoint_id text;
  `,
  );
}
