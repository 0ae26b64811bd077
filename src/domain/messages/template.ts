/**
 * A small, safe template language for messages: nothing in a template runs code.
 *
 *   {{ customer.name }}                 a value (HTML-escaped in an HTML part)
 *   {{#if document.due_date}}…{{else}}…{{/if}}   a section shown when the value is set
 *
 * A path names own properties of the data only (letters, digits, `_`, joined by dots); a
 * missing value renders as nothing. `compileTemplate` refuses a template that does not parse
 * with the line of the fault.
 */

export class TemplateError extends Error {
  override readonly name = "TemplateError";
  /** The part of a message template at fault (subject, text, html), when known. */
  field: string | undefined;
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

type Node =
  | { type: "text"; text: string }
  | { type: "value"; path: string[] }
  | { type: "if"; path: string[]; shown: Node[]; hidden: Node[] };

export type Template = { readonly nodes: readonly Node[] };

export type TemplateData = { readonly [key: string]: unknown };

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const TAG = /\{\{([\s\S]*?)\}\}/g;

const lineAt = (source: string, index: number) => source.slice(0, index).split("\n").length;

function parsePath(raw: string, line: number): string[] {
  const path = raw.trim();
  if (!PATH.test(path)) throw new TemplateError(`"${path}" is not a value name`, line);
  return path.split(".");
}

/** Parses a template; throws TemplateError with the line of the first fault. */
export function compileTemplate(source: string): Template {
  type Frame = { node: Extract<Node, { type: "if" }> | null; into: Node[]; line: number };
  const root: Node[] = [];
  const stack: Frame[] = [{ node: null, into: root, line: 1 }];
  const top = () => stack[stack.length - 1]!;
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    const index = match.index;
    const line = lineAt(source, index);
    if (index > last) top().into.push({ type: "text", text: source.slice(last, index) });
    last = index + match[0].length;
    const body = match[1]!.trim();
    if (body.startsWith("#if ")) {
      const node: Node = {
        type: "if",
        path: parsePath(body.slice(4), line),
        shown: [],
        hidden: [],
      };
      top().into.push(node);
      stack.push({ node, into: node.shown, line });
    } else if (body === "else") {
      const frame = top();
      if (!frame.node || frame.into !== frame.node.shown)
        throw new TemplateError("{{else}} outside an {{#if}}", line);
      frame.into = frame.node.hidden;
    } else if (body === "/if") {
      if (!top().node) throw new TemplateError("{{/if}} without an {{#if}}", line);
      stack.pop();
    } else if (body.startsWith("#") || body.startsWith("/")) {
      throw new TemplateError(`unknown directive "${body}"`, line);
    } else {
      top().into.push({ type: "value", path: parsePath(body, line) });
    }
  }
  const rest = source.slice(last);
  const open = rest.indexOf("{{");
  if (open >= 0) throw new TemplateError("unclosed {{", lineAt(source, last + open));
  if (rest.length > 0) top().into.push({ type: "text", text: rest });
  if (stack.length > 1) throw new TemplateError("{{#if}} is never closed", top().line);
  return { nodes: root };
}

function lookup(data: TemplateData, path: readonly string[]): unknown {
  let value: unknown = data;
  for (const key of path) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== false && v !== "";

const stringOf = (v: unknown): string =>
  typeof v === "string" ? v : typeof v === "number" || typeof v === "bigint" ? String(v) : "";

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Renders a compiled template; `html` escapes every value. */
export function renderTemplate(
  template: Template,
  data: TemplateData,
  options: { html: boolean },
): string {
  const out: string[] = [];
  const walk = (nodes: readonly Node[]) => {
    for (const node of nodes) {
      if (node.type === "text") out.push(node.text);
      else if (node.type === "value") {
        const text = stringOf(lookup(data, node.path));
        out.push(options.html ? escapeHtml(text) : text);
      } else walk(present(lookup(data, node.path)) ? node.shown : node.hidden);
    }
  };
  walk(template.nodes);
  return out.join("");
}
