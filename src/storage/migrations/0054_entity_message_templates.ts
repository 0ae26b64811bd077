import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * A business entity's own wording of a message kind in a language: a message its entity
 * sends takes the entity's template first, then the tenant's, then the built-in one. The
 * tenant's templates keep `business_entity_id` null; each owner has at most one template of a
 * kind and language (two partial unique indexes in place of the primary key).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE message_templates ADD COLUMN business_entity_id text REFERENCES business_entities(id);
    ALTER TABLE message_templates DROP CONSTRAINT message_templates_pkey;
    CREATE UNIQUE INDEX message_templates_tenant ON message_templates (tenant_id, kind, language)
      WHERE business_entity_id IS NULL;
    CREATE UNIQUE INDEX message_templates_entity
      ON message_templates (tenant_id, business_entity_id, kind, language)
      WHERE business_entity_id IS NOT NULL;
    `,
  );
}
