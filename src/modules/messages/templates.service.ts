/**
 * A tenant's message templates: its own wording of a kind in a language replaces the built-in
 * one. A template is checked to compile when it is saved (the fault's field and line are
 * answered); a preview renders the template in force with made-up values.
 */
import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { notFound, unprocessable } from "../../domain/errors.js";
import { MESSAGE_LANGUAGES, type MessageLanguage } from "../../domain/messages/format.js";
import { TemplateError } from "../../domain/messages/template.js";
import type { DB } from "../../storage/schema.js";
import type { Ctx } from "../context.js";
import { sampleData } from "./compose.js";
import {
  builtInTemplate,
  compileSource,
  MESSAGE_KINDS,
  type MessageKind,
  renderMessage,
  type TemplateSource,
} from "./templates.js";
import {
  deleteTemplateRow,
  findTemplateRow,
  listTemplateRows,
  type TemplateRow,
  upsertTemplateRow,
} from "./templates.repository.js";
import type {
  MessageTemplateSchema,
  TemplateInput,
  TemplatePreviewSchema,
} from "./templates.schemas.js";

export type MessageTemplate = Static<typeof MessageTemplateSchema>;
export type TemplatePreview = Static<typeof TemplatePreviewSchema>;

const sourceOf = (row: TemplateRow): TemplateSource => ({
  subject: row.subject,
  text: row.body_text,
  html: row.body_html,
});

function view(
  kind: MessageKind,
  language: MessageLanguage,
  row: TemplateRow | undefined,
): MessageTemplate {
  const source = row ? sourceOf(row) : builtInTemplate(kind, language);
  return {
    kind,
    language,
    source: row ? "tenant" : "built_in",
    subject: source.subject,
    text: source.text,
    html: source.html,
    updated_at: row ? row.updated_at.toISOString() : null,
  };
}

/** The tenant's templates by `kind:language`, for composing its messages. */
export async function tenantTemplates(
  db: Kysely<DB>,
  tenantId: string,
): Promise<Map<string, TemplateSource>> {
  const rows = await listTemplateRows(db, tenantId);
  return new Map(rows.map((r) => [`${r.kind}:${r.language}`, sourceOf(r)]));
}

/** Every kind in every language: the tenant's template where it has one, else the built-in. */
export async function listMessageTemplates(ctx: Ctx): Promise<{ data: MessageTemplate[] }> {
  const rows = await listTemplateRows(ctx.db, ctx.tenantId);
  const own = new Map(rows.map((r) => [`${r.kind}:${r.language}`, r]));
  return {
    data: MESSAGE_KINDS.flatMap((kind) =>
      MESSAGE_LANGUAGES.map((language) => view(kind, language, own.get(`${kind}:${language}`))),
    ),
  };
}

function assertCompiles(source: TemplateSource, language: string): void {
  try {
    compileSource(source, language);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    throw unprocessable("template_invalid", `${error.field ?? "template"}: ${error.message}`, {
      field: error.field ?? null,
      line: error.line,
    });
  }
}

/** Saves the tenant's template of a kind in a language, once it compiles. */
export async function putMessageTemplate(
  ctx: Ctx,
  kind: MessageKind,
  language: MessageLanguage,
  input: Static<typeof TemplateInput>,
): Promise<MessageTemplate> {
  const source: TemplateSource = {
    subject: input.subject,
    text: input.text,
    html: input.html ?? null,
  };
  assertCompiles(source, language);
  const before = await findTemplateRow(ctx.db, ctx.tenantId, kind, language);
  const now = new Date(ctx.clock.now().epochMilliseconds);
  const row = await upsertTemplateRow(ctx.db, {
    tenant_id: ctx.tenantId,
    kind,
    language,
    subject: source.subject,
    body_text: source.text,
    body_html: source.html,
    created_at: now,
    updated_at: now,
  });
  const after = view(kind, language, row);
  ctx.audit({
    targetType: "message_template",
    targetId: `${kind}:${language}`,
    before: before ? view(kind, language, before) : null,
    after,
  });
  return after;
}

/** Removes the tenant's template: the built-in one is used again. */
export async function deleteMessageTemplate(
  ctx: Ctx,
  kind: MessageKind,
  language: MessageLanguage,
): Promise<void> {
  const before = await findTemplateRow(ctx.db, ctx.tenantId, kind, language);
  if (!before || !(await deleteTemplateRow(ctx.db, ctx.tenantId, kind, language))) {
    throw notFound("template_not_found", `the tenant has no own ${kind} template in ${language}`, {
      kind,
      language,
    });
  }
  ctx.audit({
    targetType: "message_template",
    targetId: `${kind}:${language}`,
    before: view(kind, language, before),
  });
}

/** The template in force, rendered with made-up values in the language's formats. */
export async function previewMessageTemplate(
  ctx: Ctx,
  kind: MessageKind,
  language: MessageLanguage,
): Promise<TemplatePreview> {
  const row = await findTemplateRow(ctx.db, ctx.tenantId, kind, language);
  const rendered = renderMessage(
    kind,
    language,
    sampleData(kind, language),
    row ? sourceOf(row) : null,
  );
  return { kind, language, source: row ? "tenant" : "built_in", ...rendered };
}
