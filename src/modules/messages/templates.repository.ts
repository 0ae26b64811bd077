import type { Insertable, Kysely, Selectable } from "kysely";
import type { DB, MessageTemplatesTable } from "../../storage/schema.js";

export type TemplateRow = Selectable<MessageTemplatesTable>;

/** The one place a tenant's templates are scoped. */
function scoped(db: Kysely<DB>, tenantId: string) {
  return db.selectFrom("message_templates").where("tenant_id", "=", tenantId);
}

/** Every template of the tenant: its own (entity null) and its business entities'. */
export async function listTemplateRows(db: Kysely<DB>, tenantId: string): Promise<TemplateRow[]> {
  return scoped(db, tenantId)
    .selectAll()
    .orderBy("business_entity_id", "asc")
    .orderBy("kind")
    .orderBy("language")
    .execute();
}

/** The template of a kind and language: the tenant's (`entityId` null) or an entity's. */
export async function findTemplateRow(
  db: Kysely<DB>,
  tenantId: string,
  kind: string,
  language: string,
  entityId: string | null,
): Promise<TemplateRow | undefined> {
  return scoped(db, tenantId)
    .selectAll()
    .where("kind", "=", kind)
    .where("language", "=", language)
    .where("business_entity_id", entityId === null ? "is" : "=", entityId)
    .executeTakeFirst();
}

/** Writes a template, replacing its owner's (the tenant's or the entity's) of its kind and language. */
export async function upsertTemplateRow(
  db: Kysely<DB>,
  row: Insertable<MessageTemplatesTable>,
): Promise<TemplateRow> {
  const entity = row.business_entity_id ?? null;
  return db
    .insertInto("message_templates")
    .values({ ...row, business_entity_id: entity })
    .onConflict((oc) =>
      (entity === null
        ? oc.columns(["tenant_id", "kind", "language"]).where("business_entity_id", "is", null)
        : oc
            .columns(["tenant_id", "business_entity_id", "kind", "language"])
            .where("business_entity_id", "is not", null)
      ).doUpdateSet({
        subject: row.subject,
        body_text: row.body_text,
        body_html: row.body_html ?? null,
        updated_at: row.updated_at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Removes a template; answers whether there was one. */
export async function deleteTemplateRow(
  db: Kysely<DB>,
  tenantId: string,
  kind: string,
  language: string,
  entityId: string | null,
): Promise<boolean> {
  const result = await db
    .deleteFrom("message_templates")
    .where("tenant_id", "=", tenantId)
    .where("kind", "=", kind)
    .where("language", "=", language)
    .where("business_entity_id", entityId === null ? "is" : "=", entityId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
