/**
 * Chargebee's parameter encoding, read back into objects. Chargebee clients send
 * `application/x-www-form-urlencoded` bodies and query strings whose keys carry brackets:
 *
 * - a nested object: `billing_address[first_name]=Ada` → `{billing_address: {first_name: "Ada"}}`;
 * - a list of objects, one bracketed field per column and the row index last:
 *   `subscription_items[item_price_id][0]=a&subscription_items[quantity][0]=2`
 *   → `{subscription_items: [{item_price_id: "a", quantity: "2"}]}`;
 * - a list of values: `ids[0]=a&ids[1]=b` → `{ids: ["a", "b"]}`;
 * - a filter: `email[is]=a@b.c` → `{email: {is: "a@b.c"}}` (`in`, `not_in` and `between`
 *   carry a JSON array as one value, which stays text here).
 *
 * Every value stays text: what a parameter means (a number, a flag, a timestamp) is read by
 * the resource that takes it. Pure: no I/O.
 */

export type Params = { [key: string]: Param };
export type Param = string | Params | Array<string | Params | undefined>;

/** The largest row index a list parameter may carry (Chargebee's lists are far shorter). */
export const MAX_INDEX = 999;

/** A key's path: `a[b][0]` → `["a", "b", "0"]`; undefined when the brackets are unbalanced. */
export function keyPath(key: string): string[] | undefined {
  const open = key.indexOf("[");
  if (open === -1) return key === "" ? undefined : [key];
  const head = key.slice(0, open);
  if (head === "") return undefined;
  const path = [head];
  const rest = /\[([^[\]]*)\]/gy;
  rest.lastIndex = open;
  let match: RegExpExecArray | null;
  let end = open;
  // biome-ignore lint/suspicious/noAssignInExpressions: the usual sticky-regex scan
  while ((match = rest.exec(key)) !== null) {
    path.push(match[1] ?? "");
    end = rest.lastIndex;
  }
  return end === key.length ? path : undefined;
}

/** Names that would reach an object's prototype rather than a field of its own. */
const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

const isIndex = (segment: string) => /^(0|[1-9][0-9]*)$/.test(segment);

export class FormError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Decodes flat `key → value` pairs (as a query-string parser answers them: a repeated key
 * gives an array, the last value wins) into nested parameters.
 */
export function decodeParams(flat: Record<string, unknown>): Params {
  const out: Params = {};
  for (const [key, raw] of Object.entries(flat)) {
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    if (typeof value !== "string") continue;
    const path = keyPath(key);
    if (!path || path.some((segment) => FORBIDDEN.has(segment))) {
      throw new FormError(key, `${key} is not a well-formed parameter name`);
    }
    place(out, key, path, value);
  }
  return out;
}

/** Puts `value` at `path`: a trailing index names the row of the list at the path's head. */
function place(out: Params, key: string, path: string[], value: string): void {
  const last = path.at(-1) as string;
  if (path.length >= 2 && isIndex(last)) {
    const index = Number(last);
    if (index > MAX_INDEX)
      throw new FormError(key, `${key}: a list holds at most ${MAX_INDEX + 1} rows`);
    const head = path[0] as string;
    const existing = out[head];
    const list = Array.isArray(existing) ? existing : [];
    if (existing !== undefined && !Array.isArray(existing)) {
      throw new FormError(key, `${head} is given both as a list and as a single value`);
    }
    out[head] = list;
    const columns = path.slice(1, -1);
    if (columns.length === 0) {
      list[index] = value;
      return;
    }
    const row = list[index];
    const target: Params = row !== undefined && typeof row === "object" ? row : {};
    if (typeof row === "string") {
      throw new FormError(key, `${head}[${index}] is given both as a value and as an object`);
    }
    list[index] = target;
    setPath(target, key, columns, value);
    return;
  }
  setPath(out, key, path, value);
}

function setPath(out: Params, key: string, path: string[], value: string): void {
  let node = out;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (next === undefined) {
      const created: Params = {};
      node[segment] = created;
      node = created;
    } else if (typeof next === "object" && !Array.isArray(next)) {
      node = next;
    } else {
      throw new FormError(key, `${key} conflicts with another parameter of the same name`);
    }
  }
  const leaf = path.at(-1) as string;
  if (typeof node[leaf] === "object") {
    throw new FormError(key, `${key} is given both as a value and as an object`);
  }
  node[leaf] = value;
}

/**
 * Parses an `application/x-www-form-urlencoded` body into flat pairs (`+` is a space), the
 * input of {@link decodeParams}.
 */
export function parseForm(body: string): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) flat[key] = value;
  return flat;
}
