import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * A tenant's own wording of a message kind in a language, in place of the built-in template:
 * a subject, a plain-text body and optionally an HTML body (absent: made from the text's
 * paragraphs). Each is checked to compile when saved.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE message_templates (
      tenant_id text NOT NULL REFERENCES tenants(id),
      kind text NOT NULL,
      language text NOT NULL,
      subject text NOT NULL,
      body_text text NOT NULL,
      body_html text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, kind, language)
    );
    `,
  );
}
