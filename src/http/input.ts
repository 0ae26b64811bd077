/**
 * Checks on every parsed request before schema validation: no NUL characters anywhere
 * (PostgreSQL text cannot hold them) and no structure nested deeper than MAX_DEPTH. Iterative,
 * so a hostile body cannot overflow the stack.
 */
import { invalid } from "../domain/errors.js";

export const MAX_DEPTH = 32;

export function checkInput(part: "body" | "query" | "path", value: unknown): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value, path: part, depth: 0 },
  ];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes("\u0000")) {
        throw invalid("invalid_characters", `${path} contains a NUL character`, { field: path });
      }
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    // raw bytes kept for a signature check (a gateway's event) are not structure
    if (v instanceof Uint8Array) continue;
    if (depth >= MAX_DEPTH) {
      throw invalid("too_deeply_nested", `${part} is nested deeper than ${MAX_DEPTH} levels`, {
        field: path,
      });
    }
    // an array's indexes and values, its holes skipped: a list decoded from bracketed form
    // parameters (Chargebee's `ids[3]=a`) has a hole for every row not given
    const entries = Object.entries(v);
    for (const [key, child] of entries) {
      if (key.includes("\u0000")) {
        throw invalid("invalid_characters", `${path} has a field name with a NUL character`, {
          field: path,
        });
      }
      stack.push({ value: child, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
}
