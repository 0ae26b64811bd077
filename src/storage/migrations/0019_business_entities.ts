import { type Kysely, sql } from "kysely";
import { newId } from "../../lib/ids.js";
import { runStatements } from "./run-statements.js";

/**
 * Business entities own customers and contracts; customers move between entities by
 * transfers (Chargebee's Multi Business Entity rules). Every tenant gets its default entity
 * here; customers and contracts belong to it until placed or transferred elsewhere.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows: tenants } = await sql<{ id: string; name: string }>`
    SELECT t.id, t.name FROM tenants t
    WHERE NOT EXISTS (
      SELECT 1 FROM business_entities e WHERE e.tenant_id = t.id AND e.is_default
    )`.execute(db);
  for (const t of tenants) {
    await sql`
      INSERT INTO business_entities (id, tenant_id, name, is_default)
      VALUES (${newId("entity")}, ${t.id}, ${t.name}, true)`.execute(db);
  }
  await runStatements(
    db,
    `
    ALTER TABLE business_entities ADD COLUMN currencies text[] NOT NULL DEFAULT '{}';
    CREATE UNIQUE INDEX business_entities_tenant ON business_entities (tenant_id, id);

    ALTER TABLE customers ADD COLUMN business_entity_id text REFERENCES business_entities(id);
    ALTER TABLE customers ADD COLUMN active_id text REFERENCES customers(id);
    ALTER TABLE customers ADD COLUMN transferred_at timestamptz;
    UPDATE customers c SET business_entity_id = e.id
      FROM business_entities e WHERE e.tenant_id = c.tenant_id AND e.is_default;
    ALTER TABLE customers ALTER COLUMN business_entity_id SET NOT NULL;
    CREATE INDEX customers_active ON customers (tenant_id, active_id) WHERE active_id IS NOT NULL;

    ALTER TABLE contracts ADD COLUMN business_entity_id text REFERENCES business_entities(id);
    ALTER TABLE contracts ADD COLUMN active_id text REFERENCES contracts(id);
    ALTER TABLE contracts ADD COLUMN moved_at timestamptz;
    UPDATE contracts c SET business_entity_id = e.id
      FROM business_entities e WHERE e.tenant_id = c.tenant_id AND e.is_default;
    ALTER TABLE contracts ALTER COLUMN business_entity_id SET NOT NULL;
    CREATE INDEX contracts_active ON contracts (tenant_id, active_id) WHERE active_id IS NOT NULL;

    CREATE TABLE business_entity_transfers (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      resource_type text NOT NULL CHECK (resource_type IN ('customer', 'subscription')),
      resource_id text NOT NULL,
      active_resource_id text NOT NULL,
      source_business_entity_id text NOT NULL REFERENCES business_entities(id),
      destination_business_entity_id text NOT NULL REFERENCES business_entities(id),
      reason_code text NOT NULL,
      created_at timestamptz NOT NULL,
      CHECK (source_business_entity_id <> destination_business_entity_id)
    );
    CREATE INDEX business_entity_transfers_tenant ON business_entity_transfers (tenant_id, id);
    CREATE INDEX business_entity_transfers_resource
      ON business_entity_transfers (tenant_id, active_resource_id, created_at);
  `,
  );
}
