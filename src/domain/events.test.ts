import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EVENT_TYPES, filterMatches, normaliseEventFilter } from "./events.js";

describe("event filters", () => {
  it("match a type, every type of a resource, or everything", () => {
    expect(filterMatches(["*"], "customer.created")).toBe(true);
    expect(filterMatches(["customer.*"], "customer.created")).toBe(true);
    expect(filterMatches(["customer.*"], "api_key.created")).toBe(false);
    expect(filterMatches(["customer.created"], "customer.created")).toBe(true);
    expect(filterMatches(["customer.created"], "customer.updated")).toBe(false);
    expect(filterMatches(["webhook_endpoint.*"], "webhook_endpoint.secret_rotated")).toBe(true);
  });

  it("are validated against the catalog and deduplicated in order", () => {
    expect(normaliseEventFilter(["customer.*", "api_key.created", "customer.*"])).toEqual([
      "customer.*",
      "api_key.created",
    ]);
    for (const bad of [[], ["customer.create"], ["nope.*"], ["*.created"], ["customer"], [""]]) {
      expect(() => normaliseEventFilter(bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ kind: "invalid" }),
      );
    }
    expect(() => normaliseEventFilter(Array(101).fill("*"))).toThrow(/more than 100/);
  });
});

/**
 * The event types a source file emits, as far as a scan can tell: every "<subject>.<verb>"
 * string literal whose subject is a `subjectType` the file names.
 */
function emittedTypes(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const subjects = new Set([...text.matchAll(/subjectType: "([a-z_]+)"/g)].map((m) => m[1]!));
  return [...text.matchAll(/"([a-z][a-z_]*)\.([a-z][a-z_]*)"/g)]
    .filter((m) => subjects.has(m[1]!))
    .map((m) => `${m[1]}.${m[2]}`);
}

describe("the event type catalog", () => {
  it("lists every event type the services emit", () => {
    const root = path.resolve(import.meta.dirname, "../modules");
    const files = fs
      .readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => path.join(root, f));
    const emitted = new Set(files.flatMap(emittedTypes));
    expect(emitted.size).toBeGreaterThan(5);
    const missing = [...emitted].filter((t) => !Object.hasOwn(EVENT_TYPES, t));
    expect(missing, "add these to EVENT_TYPES in src/domain/events.ts").toEqual([]);
  });

  it("is documented in docs/webhooks.md", () => {
    const doc = fs.readFileSync(
      path.resolve(import.meta.dirname, "../../docs/webhooks.md"),
      "utf8",
    );
    for (const type of Object.keys(EVENT_TYPES)) expect(doc, type).toContain(`\`${type}\``);
  });
});
