import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Payment sources: a customer's cards and bank accounts held by a gateway (the built-in test
 * gateway until real ones are connected), each with its payment role. A customer has at most
 * one primary and one backup source. A deleted source stays, marked, for the payments that
 * name it. Payments charged through a source name it; direct debits are a payment method.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE payment_sources (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      customer_id text NOT NULL REFERENCES customers(id),
      type text NOT NULL CHECK (type IN ('card', 'bank_account')),
      gateway text NOT NULL CHECK (gateway IN ('test')),
      gateway_reference text NOT NULL,
      role text NOT NULL CHECK (role IN ('primary', 'backup', 'none')),
      card_brand text,
      card_last4 text,
      card_exp_month int,
      card_exp_year int,
      bank_country text,
      bank_last4 text,
      bank_account_holder text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      deleted_at timestamptz,
      CHECK ((type = 'card') = (card_last4 IS NOT NULL)),
      CHECK ((type = 'bank_account') = (bank_last4 IS NOT NULL)),
      CHECK (deleted_at IS NULL OR role = 'none')
    );
    CREATE INDEX payment_sources_customer ON payment_sources (tenant_id, customer_id, id);
    CREATE UNIQUE INDEX payment_sources_role ON payment_sources (customer_id, role)
      WHERE role <> 'none';

    ALTER TABLE payments ADD COLUMN payment_source_id text REFERENCES payment_sources(id);
    ALTER TABLE payments DROP CONSTRAINT payments_method_check;
    ALTER TABLE payments ADD CONSTRAINT payments_method_check
      CHECK (method IN ('offline', 'test_card', 'test_direct_debit', 'write_off'));
  `,
  );
}
