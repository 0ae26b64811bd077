import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE business_entities (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      name text NOT NULL,
      address jsonb NOT NULL DEFAULT '{}',
      country text,
      vat_id text,
      tax_number text,
      email text,
      invoice_prefix text NOT NULL DEFAULT 'INV-',
      credit_note_prefix text NOT NULL DEFAULT 'CN-',
      default_tax_policy_id text,
      payment_terms_days integer NOT NULL DEFAULT 14 CHECK (payment_terms_days BETWEEN 0 AND 365),
      is_default boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX business_entities_one_default ON business_entities (tenant_id) WHERE is_default;

    CREATE TABLE tax_policies (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      name text NOT NULL,
      rates jsonb NOT NULL DEFAULT '[]',
      default_rate numeric NOT NULL DEFAULT 0 CHECK (default_rate >= 0 AND default_rate < 100),
      created_at timestamptz NOT NULL
    );
    CREATE INDEX tax_policies_tenant ON tax_policies (tenant_id, id);

    ALTER TABLE plan_groups ADD COLUMN tax_policy_id text REFERENCES tax_policies(id);
    ALTER TABLE rated_items ADD COLUMN tax_policy_id text REFERENCES tax_policies(id);

    CREATE TABLE document_sequences (
      tenant_id text NOT NULL REFERENCES tenants(id),
      business_entity_id text NOT NULL REFERENCES business_entities(id),
      kind text NOT NULL,
      last_value bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (tenant_id, business_entity_id, kind)
    );

    CREATE TABLE billing_runs (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      trigger text NOT NULL,
      status text NOT NULL CHECK (status IN ('running', 'completed', 'interrupted')),
      started_at timestamptz NOT NULL,
      tenant_time timestamptz NOT NULL,
      finished_at timestamptz,
      contracts_billed integer NOT NULL DEFAULT 0,
      invoices_created integer NOT NULL DEFAULT 0,
      credit_notes_created integer NOT NULL DEFAULT 0,
      failures integer NOT NULL DEFAULT 0,
      last_error text,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX billing_runs_tenant ON billing_runs (tenant_id, id);

    CREATE TABLE invoices (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      business_entity_id text NOT NULL REFERENCES business_entities(id),
      customer_id text NOT NULL REFERENCES customers(id),
      contract_id text REFERENCES contracts(id),
      kind text NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
      status text NOT NULL CHECK (status IN ('draft', 'finalized', 'void')),
      sequence bigint,
      number text,
      currency text NOT NULL,
      price_basis text NOT NULL CHECK (price_basis IN ('net', 'gross')),
      issue_date date NOT NULL,
      due_date date,
      service_period_start date,
      service_period_end date,
      sender jsonb NOT NULL,
      recipient jsonb NOT NULL,
      reverse_charge boolean NOT NULL DEFAULT false,
      tax_rows jsonb NOT NULL DEFAULT '[]',
      total_net bigint NOT NULL,
      total_tax bigint NOT NULL,
      total_gross bigint NOT NULL,
      corrects_invoice_id text REFERENCES invoices(id),
      billing_run_id text REFERENCES billing_runs(id),
      created_at timestamptz NOT NULL,
      finalized_at timestamptz,
      voided_at timestamptz,
      updated_at timestamptz NOT NULL,
      CHECK (total_gross = total_net + total_tax),
      CHECK ((status = 'draft') = (number IS NULL))
    );
    CREATE UNIQUE INDEX invoices_number ON invoices (tenant_id, business_entity_id, kind, sequence);
    CREATE INDEX invoices_tenant ON invoices (tenant_id, id);
    CREATE INDEX invoices_contract ON invoices (tenant_id, contract_id, id);
    CREATE INDEX invoices_customer ON invoices (tenant_id, customer_id, id);

    CREATE TABLE invoice_lines (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      invoice_id text NOT NULL REFERENCES invoices(id),
      position integer NOT NULL,
      contract_id text REFERENCES contracts(id),
      charge_key text,
      kind text NOT NULL,
      description text NOT NULL,
      period_start date,
      period_end date,
      quantity numeric NOT NULL,
      unit_price numeric NOT NULL,
      amount bigint NOT NULL,
      tax_rate numeric NOT NULL,
      credited_line_id text REFERENCES invoice_lines(id),
      UNIQUE (invoice_id, position)
    );
    CREATE INDEX invoice_lines_charge ON invoice_lines (tenant_id, contract_id, charge_key)
      WHERE charge_key IS NOT NULL;

    ALTER TABLE contracts ADD COLUMN next_billing_at timestamptz;
    ALTER TABLE contracts ADD COLUMN last_billed_at timestamptz;
    UPDATE contracts SET next_billing_at = start_at;
    CREATE INDEX contracts_billing_due ON contracts (next_billing_at) WHERE next_billing_at IS NOT NULL;

    ALTER TABLE tenants ADD COLUMN auto_finalize_invoices boolean NOT NULL DEFAULT true;

    CREATE TABLE signing_keys (
      tenant_id text NOT NULL REFERENCES tenants(id),
      purpose text NOT NULL,
      secret text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, purpose)
    );
  `,
  );
}
