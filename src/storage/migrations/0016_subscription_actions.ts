import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Subscription actions (CRM.COM semantics): every state-changing operation on a contract as a
 * record with its behaviour code and life cycle; the grace period and resting marks on the
 * contract; provisioning distributors, which services a contract has distributed where, and
 * installed items (traceable physical goods). Access tokens may now stand for an API key too
 * (CRM.COM's web-API-key login hands out such a session token).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE contracts ADD COLUMN grace_period_end_at timestamptz;
    ALTER TABLE contracts ADD COLUMN resting_since timestamptz;
    CREATE INDEX contracts_grace_end ON contracts (grace_period_end_at)
      WHERE grace_period_end_at IS NOT NULL;

    CREATE TABLE subscription_actions (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      number bigint NOT NULL,
      contract_id text NOT NULL REFERENCES contracts(id),
      behaviour_code text NOT NULL,
      state text NOT NULL CHECK (state IN ('executed', 'scheduled', 'cancelled', 'rejected')),
      transaction_reference_number text,
      classification text,
      submitted_by_type text NOT NULL,
      submitted_by_id text NOT NULL,
      performed_by_user text,
      performed_by_unit text,
      performed_by_business_unit text,
      performed_on timestamptz,
      billing_effective_date timestamptz,
      billable_period_start_date timestamptz,
      scheduled_date timestamptz,
      submitted_on timestamptz NOT NULL,
      executed_on timestamptz,
      cancelled_on timestamptz,
      rejection jsonb,
      parameters jsonb NOT NULL DEFAULT '{}',
      effects jsonb NOT NULL DEFAULT '[]',
      udf jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK ((state = 'scheduled') <= (scheduled_date IS NOT NULL))
    );
    CREATE UNIQUE INDEX subscription_actions_number ON subscription_actions (tenant_id, number);
    CREATE UNIQUE INDEX subscription_actions_reference ON subscription_actions
      (tenant_id, transaction_reference_number) WHERE transaction_reference_number IS NOT NULL;
    CREATE INDEX subscription_actions_contract ON subscription_actions (tenant_id, contract_id, id);
    CREATE INDEX subscription_actions_due ON subscription_actions (scheduled_date)
      WHERE state = 'scheduled';

    CREATE TABLE provisioning_distributors (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      name text NOT NULL,
      alternative_code text,
      created_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX provisioning_distributors_name ON provisioning_distributors (tenant_id, name);
    CREATE UNIQUE INDEX provisioning_distributors_code ON provisioning_distributors
      (tenant_id, alternative_code) WHERE alternative_code IS NOT NULL;

    CREATE TABLE service_distributions (
      tenant_id text NOT NULL REFERENCES tenants(id),
      contract_id text NOT NULL REFERENCES contracts(id),
      component_id text NOT NULL REFERENCES components(id),
      distributor_id text NOT NULL REFERENCES provisioning_distributors(id),
      PRIMARY KEY (contract_id, component_id, distributor_id)
    );

    CREATE TABLE installed_items (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      contract_id text NOT NULL REFERENCES contracts(id),
      serial_number text NOT NULL,
      alternative_code text,
      product text,
      distributor_ids text[] NOT NULL DEFAULT '{}',
      udf jsonb NOT NULL DEFAULT '{}',
      installed_at timestamptz NOT NULL,
      removed_at timestamptz,
      created_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX installed_items_serial ON installed_items (tenant_id, serial_number)
      WHERE removed_at IS NULL;
    CREATE INDEX installed_items_contract ON installed_items (tenant_id, contract_id, id);

    ALTER TABLE access_tokens ALTER COLUMN client_id DROP NOT NULL;
    ALTER TABLE access_tokens ADD COLUMN api_key_id text REFERENCES api_keys(id);
    ALTER TABLE access_tokens ADD CONSTRAINT access_tokens_one_holder
      CHECK (num_nonnulls(client_id, api_key_id) = 1);
  `,
  );
}
