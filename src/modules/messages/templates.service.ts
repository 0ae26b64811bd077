/**
 * A tenant's message templates: its own wording of a kind in a language replaces the built-in
 * one, and a business entity's own wording replaces the tenant's for the messages that entity
 * sends. A template is checked to compile when it is saved (the fault's field and line are
 * answered); a preview renders the template in force with made-up values.
 */
import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { notFound, unprocessable } from "../../domain/errors.js";
import { MESSAGE_LANGUAGES, type MessageLanguage } from "../../domain/messages/format.js";
import { TemplateError } from "../../domain/messages/template.js";
import type { DB } from "../../storage/schema.js";
import type { Ctx } from "../context.js";
import { findEntityRow } from "../entities/index.js";
import { sampleData, templateKey } from "./compose.js";
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
    source: !row ? "built_in" : row.business_entity_id ? "business_entity" : "tenant",
    business_entity_id: row?.business_entity_id ?? null,
    subject: source.subject,
    text: source.text,
    html: source.html,
    updated_at: row ? row.updated_at.toISOString() : null,
  };
}

/**
 * The tenant's templates by `templateKey` (its own, and each business entity's), for
 * composing its messages.
 */
export async function tenantTemplates(
  db: Kysely<DB>,
  tenantId: string,
): Promise<Map<string, TemplateSource>> {
  const rows = await listTemplateRows(db, tenantId);
  return new Map(
    rows.map((r) => [templateKey(r.kind, r.language, r.business_entity_id), sourceOf(r)]),
  );
}

/** The business entity a request names, checked to be the tenant's; null when none is named. */
async function namedEntity(ctx: Ctx, entityId: string | null | undefined): Promise<string | null> {
  if (entityId === undefined || entityId === null) return null;
  if (!(await findEntityRow(ctx.db, ctx.tenantId, entityId))) {
    throw notFound("business_entity_not_found", `no business entity ${entityId}`, {
      business_entity_id: entityId,
    });
  }
  return entityId;
}

/** The template in force for an entity (null: the tenant): the entity's, else the tenant's. */
async function inForce(
  ctx: Ctx,
  kind: MessageKind,
  language: MessageLanguage,
  entityId: string | null,
): Promise<TemplateRow | undefined> {
  return (
    (entityId
      ? await findTemplateRow(ctx.db, ctx.tenantId, kind, language, entityId)
      : undefined) ?? (await findTemplateRow(ctx.db, ctx.tenantId, kind, language, null))
  );
}

/**
 * Every kind in every language as in force: for the tenant (its template where it has one,
 * else the built-in), followed by every business entity's own templates; or, for a business
 * entity, the entity's template, else the tenant's, else the built-in.
 */
export async function listMessageTemplates(
  ctx: Ctx,
  entityId?: string | undefined,
): Promise<{ data: MessageTemplate[] }> {
  const entity = await namedEntity(ctx, entityId);
  const rows = await listTemplateRows(ctx.db, ctx.tenantId);
  const own = new Map(rows.map((r) => [templateKey(r.kind, r.language, r.business_entity_id), r]));
  const inForceFor = (kind: MessageKind, language: MessageLanguage) =>
    (entity ? own.get(templateKey(kind, language, entity)) : undefined) ??
    own.get(templateKey(kind, language));
  const data = MESSAGE_KINDS.flatMap((kind) =>
    MESSAGE_LANGUAGES.map((language) => view(kind, language, inForceFor(kind, language))),
  );
  if (!entity) {
    for (const r of rows) {
      if (r.business_entity_id) {
        data.push(view(r.kind as MessageKind, r.language as MessageLanguage, r));
      }
    }
  }
  return { data };
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
  entityId?: string | undefined,
): Promise<MessageTemplate> {
  const source: TemplateSource = {
    subject: input.subject,
    text: input.text,
    html: input.html ?? null,
  };
  assertCompiles(source, language);
  const entity = await namedEntity(ctx, entityId);
  const before = await findTemplateRow(ctx.db, ctx.tenantId, kind, language, entity);
  const now = new Date(ctx.clock.now().epochMilliseconds);
  const row = await upsertTemplateRow(ctx.db, {
    tenant_id: ctx.tenantId,
    business_entity_id: entity,
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
    targetId: templateKey(kind, language, entity),
    before: before ? view(kind, language, before) : null,
    after,
  });
  return after;
}

/**
 * Removes the tenant's template (the built-in one is used again) or a business entity's (the
 * tenant's, else the built-in, is used again).
 */
export async function deleteMessageTemplate(
  ctx: Ctx,
  kind: MessageKind,
  language: MessageLanguage,
  entityId?: string | undefined,
): Promise<void> {
  const entity = await namedEntity(ctx, entityId);
  const before = await findTemplateRow(ctx.db, ctx.tenantId, kind, language, entity);
  if (!before || !(await deleteTemplateRow(ctx.db, ctx.tenantId, kind, language, entity))) {
    throw notFound(
      "template_not_found",
      `${entity ? `business entity ${entity}` : "the tenant"} has no own ${kind} template in ${language}`,
      { kind, language, business_entity_id: entity },
    );
  }
  ctx.audit({
    targetType: "message_template",
    targetId: templateKey(kind, language, entity),
    before: view(kind, language, before),
  });
}

/** The template in force, rendered with made-up values in the language's formats. */
export async function previewMessageTemplate(
  ctx: Ctx,
  kind: MessageKind,
  language: MessageLanguage,
  entityId?: string | undefined,
): Promise<TemplatePreview> {
  const entity = await namedEntity(ctx, entityId);
  const row = await inForce(ctx, kind, language, entity);
  const rendered = renderMessage(
    kind,
    language,
    sampleData(kind, language),
    row ? sourceOf(row) : null,
  );
  const { source, business_entity_id } = view(kind, language, row);
  return { kind, language, source, business_entity_id, ...rendered };
}
