import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE plan_groups (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      name text NOT NULL,
      name_translations jsonb NOT NULL DEFAULT '{}',
      currency char(3) NOT NULL,
      price_type text NOT NULL CHECK (price_type IN ('net', 'gross')),
      created_at timestamptz NOT NULL
    );
    CREATE INDEX plan_groups_tenant ON plan_groups (tenant_id, id);

    CREATE TABLE plans (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      plan_group_id text NOT NULL REFERENCES plan_groups(id),
      name text NOT NULL,
      name_translations jsonb NOT NULL DEFAULT '{}',
      description text,
      trial_period jsonb,
      trial_end_policy text NOT NULL CHECK (trial_end_policy IN ('continue', 'expire')),
      requires_order_approval boolean NOT NULL,
      hidden boolean NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX plans_tenant ON plans (tenant_id, id);

    CREATE TABLE components (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      plan_group_id text NOT NULL REFERENCES plan_groups(id),
      external_id text,
      name text NOT NULL,
      name_translations jsonb NOT NULL DEFAULT '{}',
      type text NOT NULL CHECK (type IN ('quantity', 'on_off', 'metered')),
      unit text,
      price_model text NOT NULL CHECK (price_model IN ('per_unit', 'tiered', 'volume', 'package')),
      price_per_unit numeric NOT NULL,
      tiers jsonb NOT NULL DEFAULT '[]',
      package_size numeric,
      fee_period jsonb NOT NULL,
      prorate boolean NOT NULL,
      bill_in_trial boolean NOT NULL,
      hidden boolean NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX components_tenant ON components (tenant_id, id);
    CREATE UNIQUE INDEX components_external_id ON components (tenant_id, external_id)
      WHERE external_id IS NOT NULL;

    CREATE TABLE plan_variants (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      plan_id text NOT NULL REFERENCES plans(id),
      external_id text,
      internal_name text NOT NULL,
      description text,
      recurring_fee numeric NOT NULL,
      setup_fee numeric NOT NULL,
      fee_period jsonb NOT NULL,
      billing_period jsonb NOT NULL,
      payment_period_mode text NOT NULL CHECK (payment_period_mode IN ('prepaid', 'postpaid')),
      billing_alignment text NOT NULL CHECK (billing_alignment IN ('anniversary', 'calendar')),
      contract_period jsonb,
      later_contract_period jsonb,
      notice_period jsonb,
      later_notice_period jsonb,
      end_after_first_contract_period boolean NOT NULL,
      allow_self_service boolean NOT NULL,
      allow_without_payment_data boolean NOT NULL,
      hidden boolean NOT NULL,
      quotas jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL
    );
    CREATE INDEX plan_variants_tenant ON plan_variants (tenant_id, id);
    CREATE UNIQUE INDEX plan_variants_external_id ON plan_variants (tenant_id, external_id)
      WHERE external_id IS NOT NULL;
  `,
  );
}
