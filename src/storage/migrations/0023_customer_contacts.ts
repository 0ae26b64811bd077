import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * A customer's contacts (Chargebee's customer contacts): people other than the customer who
 * receive its billing or account e-mails. A soft-deleted customer keeps its contacts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE customer_contacts (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      customer_id text NOT NULL REFERENCES customers(id),
      first_name text,
      last_name text,
      email text NOT NULL,
      phone text,
      label text,
      send_billing_email boolean NOT NULL DEFAULT false,
      send_account_email boolean NOT NULL DEFAULT false,
      enabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX customer_contacts_customer ON customer_contacts (tenant_id, customer_id, id);
  `,
  );
}
