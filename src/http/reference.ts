/**
 * Renders the OpenAPI document as Markdown: docs/api-reference.md is generated from the
 * route schemas by `npm run docs:api`, and a test fails when the committed file is stale.
 * docs/errors.md, the error codes, is generated and checked the same way.
 */
import { ERROR_CODES } from "../domain/error-codes.js";

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  $ref?: string;
};

type OpenApiOperation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{
    in: string;
    name: string;
    required?: boolean;
    schema?: Schema;
    description?: string;
  }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: Schema }> }
  >;
};

type OpenApi = {
  info: { title: string; version: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
};

function typeOf(s: Schema | undefined): string {
  if (!s) return "any";
  if (s.$ref) return s.$ref.replace(/#.*$/, "").replace(/^.*\//, "");
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(" \\| ");
  if (s.anyOf) return s.anyOf.map(typeOf).join(" \\| ");
  if (s.type === "array") return `${typeOf(s.items)}[]`;
  if (Array.isArray(s.type)) return s.type.join(" \\| ");
  if (s.type === "object" && !s.properties) return "object";
  const base = s.type ?? "any";
  return s.format ? `${base} (${s.format})` : base;
}

function constraints(s: Schema): string {
  const parts: string[] = [];
  if (s.minLength !== undefined) parts.push(`min length ${s.minLength}`);
  if (s.maxLength !== undefined) parts.push(`max length ${s.maxLength}`);
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) parts.push(`≤ ${s.maximum}`);
  return [s.description, parts.join(", ")].filter(Boolean).join("; ");
}

function fieldTable(schema: Schema | undefined, prefix = ""): string[] {
  if (!schema?.properties) return [];
  const rows: string[] = [];
  for (const [name, prop] of Object.entries(schema.properties)) {
    const required = schema.required?.includes(name) ? "yes" : "";
    rows.push(`| \`${prefix}${name}\` | ${typeOf(prop)} | ${required} | ${constraints(prop)} |`);
    const nested =
      prop.type === "object" && prop.properties
        ? fieldTable(prop, `${prefix}${name}.`)
        : prop.type === "array" && prop.items?.properties
          ? fieldTable(prop.items, `${prefix}${name}[].`)
          : [];
    for (const row of nested) rows.push(row);
  }
  return rows;
}

export function renderReference(doc: OpenApi): string {
  const out: string[] = [
    `# ${doc.info.title} reference`,
    "",
    "Generated from the route schemas by `npm run docs:api`; do not edit by hand. A running",
    "server serves the same document at `/openapi.json` and an explorer at `/docs`.",
    "",
  ];
  const byTag = new Map<string, Array<{ method: string; path: string; op: OpenApiOperation }>>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = op.tags?.[0] ?? "Other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push({ method: method.toUpperCase(), path, op });
    }
  }
  for (const [tag, ops] of byTag) {
    out.push(`## ${tag}`, "");
    for (const { method, path, op } of ops) {
      out.push(
        `### \`${method} ${path}\``,
        "",
        `${op.summary ?? ""} — operation \`${op.operationId}\``,
        "",
      );
      if (op.description) out.push(op.description, "");
      const params = op.parameters ?? [];
      if (params.length > 0) {
        out.push("| parameter | in | type | required | notes |", "|---|---|---|---|---|");
        for (const p of params) {
          out.push(
            `| \`${p.name}\` | ${p.in} | ${typeOf(p.schema)} | ${p.required ? "yes" : ""} | ${constraints({ ...p.schema, description: p.description ?? p.schema?.description })} |`,
          );
        }
        out.push("");
      }
      const body = op.requestBody?.content?.["application/json"]?.schema;
      if (body) {
        out.push("Request body:", "", "| field | type | required | notes |", "|---|---|---|---|");
        for (const row of fieldTable(body)) out.push(row);
        out.push("");
      }
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!/^2/.test(status)) continue;
        const schema = response.content?.["application/json"]?.schema;
        out.push(`Response ${status}:`, "");
        const rows = fieldTable(schema);
        if (rows.length > 0) {
          out.push("| field | type | required | notes |", "|---|---|---|---|");
          for (const row of rows) out.push(row);
          out.push("");
        } else out.push(`\`${typeOf(schema)}\``, "");
      }
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** docs/errors.md: every error code of the catalog (src/domain/error-codes.ts), sorted by code. */
export function renderErrorCodes(): string {
  const codes = Object.entries(ERROR_CODES).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    "# Error codes",
    "",
    "Generated from `src/domain/error-codes.ts` by `npm run docs:api`; do not edit by hand.",
    "",
    "Every error answer names one of these codes in `error.code`; the envelope and what each",
    "HTTP status means are in [api.md](api.md#errors). The codes are stable: match on them, not",
    "on the message, and read `details` for the field or ids concerned. The OAuth token",
    "endpoint answers in RFC 6749's `error` field (`invalid_request`, `invalid_client`,",
    "`unsupported_grant_type`). The compatibility surfaces pass the codes on in their own",
    "envelopes, some under the names their clients know: [Billwerk](compat/billwerk.md),",
    "[CRM.COM](compat/crmcom.md), [Huawei](compat/huawei.md).",
    "",
    "| code | meaning |",
    "|---|---|",
    ...codes.map(([code, meaning]) => `| \`${code}\` | ${meaning.replaceAll("|", "\\|")} |`),
    "",
  ].join("\n");
}
