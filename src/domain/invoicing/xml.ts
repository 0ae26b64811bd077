/**
 * A small XML writer for the e-invoice: elements with attributes and either text or child
 * elements, written as UTF-8 XML 1.0 with two-space indentation. Text and attribute values are
 * escaped; characters XML 1.0 cannot carry (C0 controls other than tab, line feed and carriage
 * return, lone surrogates, U+FFFE/U+FFFF) are dropped, so any stored string yields a
 * well-formed document. No mixed content, comments or namespaces beyond prefixed names: the
 * documents written with it need none.
 */

export type XmlElement = {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Text content, or child elements. */
  readonly content: string | readonly XmlElement[];
};

type Child = XmlElement | null | undefined | false;

/** An element with text content. */
export function text(
  name: string,
  value: string,
  attributes: Record<string, string> = {},
): XmlElement {
  return { name, attributes, content: value };
}

/** An element with child elements; null, undefined and false children are left out. */
export function el(
  name: string,
  children: readonly Child[],
  attributes: Record<string, string> = {},
): XmlElement {
  return {
    name,
    attributes,
    content: children.filter((c): c is XmlElement => Boolean(c)),
  };
}

/** Whether XML 1.0 can carry the code point (tab, LF, CR, and U+0020 up, less U+FFFE/U+FFFF). */
const xmlChar = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  cp >= 0x10000;

/** Drops what XML 1.0 cannot carry; iterating by code point also drops lone surrogates. */
const xmlSafe = (value: string) => {
  let out = "";
  for (const ch of value) if (xmlChar(ch.codePointAt(0) ?? 0)) out += ch;
  return out;
};

/** Escapes a value for text or a double-quoted attribute. */
export function escapeXml(value: string): string {
  return xmlSafe(value)

    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function write(node: XmlElement, depth: number, out: string[]): void {
  const pad = "  ".repeat(depth);
  const attrs = Object.entries(node.attributes)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join("");
  if (typeof node.content === "string") {
    out.push(`${pad}<${node.name}${attrs}>${escapeXml(node.content)}</${node.name}>`);
    return;
  }
  if (node.content.length === 0) {
    out.push(`${pad}<${node.name}${attrs}/>`);
    return;
  }
  out.push(`${pad}<${node.name}${attrs}>`);
  for (const child of node.content) write(child, depth + 1, out);
  out.push(`${pad}</${node.name}>`);
}

/** The document: an XML declaration and the root element, ending with a line feed. */
export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join("\n")}\n`;
}
