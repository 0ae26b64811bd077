import type { Insertable, Kysely, Selectable } from "kysely";
import type { DB, MessageTemplatesTable } from "../../storage/schema.js";

export type TemplateRow = Selectable<MessageTemplatesTable>;

/** The one place a tenant's templates are scoped. */
function scoped(db: Kysely<DB>, tenantId: string) {
  return db.selectFrom("message_templates").where("tenant_id", "=", tenantId);
}

export async function listTemplateRows(db: Kysely<DB>, tenantId: string): Promise<TemplateRow[]> {
  return scoped(db, tenantId).selectAll().orderBy("kind").orderBy("language").execute();
}

export async function findTemplateRow(
  db: Kysely<DB>,
  tenantId: string,
  kind: string,
  language: string,
): Promise<TemplateRow | undefined> {
  return scoped(db, tenantId)
    .selectAll()
    .where("kind", "=", kind)
    .where("language", "=", language)
    .executeTakeFirst();
}

/** Writes a template, replacing the tenant's template of its kind and language. */
export async function upsertTemplateRow(
  db: Kysely<DB>,
  row: Insertable<MessageTemplatesTable>,
): Promise<TemplateRow> {
  return db
    .insertInto("message_templates")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["tenant_id", "kind", "language"]).doUpdateSet({
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
): Promise<boolean> {
  const result = await db
    .deleteFrom("message_templates")
    .where("tenant_id", "=", tenantId)
    .where("kind", "=", kind)
    .where("language", "=", language)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
