import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Order carts (components, coupon code; a component-only change names no plan variant),
 * discounts, coupons and discount subscriptions, and the marks of announced phase starts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE orders ALTER COLUMN plan_variant_id DROP NOT NULL;
    ALTER TABLE orders ALTER COLUMN quantity DROP NOT NULL;
    ALTER TABLE orders ADD COLUMN components jsonb NOT NULL DEFAULT '[]';
    ALTER TABLE orders ADD COLUMN coupon_code text;
    ALTER TABLE orders ADD CONSTRAINT orders_plan_variant_check
      CHECK (plan_variant_id IS NOT NULL OR type = 'change');

    CREATE TABLE discounts (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      plan_group_id text NOT NULL REFERENCES plan_groups(id),
      name text NOT NULL,
      description text,
      kind text NOT NULL CHECK (kind IN ('percentage', 'fixed_amount')),
      percent numeric CHECK (percent > 0 AND percent <= 100),
      amount bigint CHECK (amount > 0),
      applies_to text NOT NULL CHECK (applies_to IN ('recurring_fee', 'components', 'all')),
      duration jsonb,
      created_at timestamptz NOT NULL,
      CHECK ((kind = 'percentage') = (percent IS NOT NULL)),
      CHECK ((kind = 'fixed_amount') = (amount IS NOT NULL))
    );
    CREATE INDEX discounts_tenant ON discounts (tenant_id, id);

    CREATE TABLE coupons (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      code text NOT NULL,
      discount_id text NOT NULL REFERENCES discounts(id),
      valid_until timestamptz,
      max_redemptions integer CHECK (max_redemptions > 0),
      redemption_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      CHECK (max_redemptions IS NULL OR redemption_count <= max_redemptions)
    );
    CREATE INDEX coupons_tenant ON coupons (tenant_id, id);
    CREATE UNIQUE INDEX coupons_code ON coupons (tenant_id, lower(code));

    CREATE TABLE discount_subscriptions (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      contract_id text NOT NULL REFERENCES contracts(id),
      discount_id text NOT NULL REFERENCES discounts(id),
      coupon_id text REFERENCES coupons(id),
      order_id text,
      start_at timestamptz NOT NULL,
      end_at timestamptz,
      duration_end_at timestamptz,
      created_at timestamptz NOT NULL,
      CHECK (end_at IS NULL OR end_at > start_at),
      CHECK (duration_end_at IS NULL OR duration_end_at > start_at)
    );
    CREATE INDEX discount_subscriptions_contract
      ON discount_subscriptions (tenant_id, contract_id, id);

    ALTER TABLE contract_phases ADD COLUMN announced_at timestamptz;
    ALTER TABLE contract_phases ADD COLUMN end_approach_announced_at timestamptz;
    UPDATE contract_phases p SET announced_at = now()
      FROM contracts c JOIN tenants t ON t.id = c.tenant_id
      WHERE c.id = p.contract_id AND p.start_at <= coalesce(t.test_clock_now, now());
    CREATE INDEX contract_phases_unannounced ON contract_phases (start_at)
      WHERE announced_at IS NULL;
    CREATE INDEX contract_phases_trials ON contract_phases (contract_id, start_at)
      WHERE type = 'trial' AND end_approach_announced_at IS NULL;
  `,
  );
}
