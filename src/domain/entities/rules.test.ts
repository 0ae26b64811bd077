import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "../operations.js";
import { ACCRUE_RULES, decide, SEED_RULES, seedPermission } from "./rules.js";

/** The seed document's rows: `operation | Permission |`, in order. */
function seedRows(): [string, string][] {
  const text = readFileSync(
    new URL("../../../docs/compat/chargebee-seed-000.txt", import.meta.url),
    "utf8",
  );
  return text
    .split("\n")
    .map((line) => /^(.+?) \| (Allowed \(partially\)|Allowed|Not Allowed) \|$/.exec(line))
    .filter((m) => m !== null)
    .map((m) => [m[1]!, m[2]!]);
}

const PERMISSION = {
  Allowed: "allowed",
  "Not Allowed": "not_allowed",
  "Allowed (partially)": "partial",
} as const;

describe("the rule table", () => {
  it("holds every row of seed 000 with its permission, and nothing else", () => {
    const rows = seedRows();
    expect(rows).toHaveLength(142);
    const table = Object.entries(SEED_RULES).flatMap(([key, rule]) => {
      const op = key.slice(key.indexOf(".") + 1);
      return typeof rule === "string"
        ? [[op, rule]]
        : [
            [`${op} (Intermediate)`, rule.intermediate],
            [`${op} (Transferred)`, rule.transferred],
          ];
    });
    const normalised = rows.map(([op, p]) => [
      op.replace(" (Bulk Operation)", ""),
      PERMISSION[p as keyof typeof PERMISSION],
    ]);
    expect(table.map((r) => r.join(" ")).sort()).toEqual(normalised.map((r) => r.join(" ")).sort());
  });

  it("only resume, create usage and delete usage tell the two states apart", () => {
    const differing = (Object.keys(SEED_RULES) as (keyof typeof SEED_RULES)[]).filter(
      (row) => seedPermission(row, "intermediate") !== seedPermission(row, "transferred"),
    );
    expect(differing).toEqual([
      "subscriptions.resume_subscription",
      "usages.create_usage",
      "usages.delete_usage",
    ]);
  });

  it("docs/compat/chargebee.md lists every row with the operations mapped to it", () => {
    const doc = readFileSync(new URL("../../../docs/compat/chargebee.md", import.meta.url), "utf8");
    for (const row of Object.keys(SEED_RULES)) {
      const mapped = Object.entries(ACCRUE_RULES)
        .filter(([, rows]) => (rows as readonly string[]).includes(row))
        .map(([op]) => `\`${op}\``);
      const cell = mapped.length > 0 ? mapped.join(", ") : "— (no such operation in Accrue)";
      expect(doc, row).toContain(`| \`${row}\` | ${cell} |`);
    }
  });

  it("maps catalog operations to seed rows that exist", () => {
    for (const [operation, rows] of Object.entries(ACCRUE_RULES)) {
      expect(operation in OPERATIONS, operation).toBe(true);
      for (const row of rows) expect(row in SEED_RULES, row).toBe(true);
    }
  });

  it("decides per state; unlisted operations and operations without a row are refused", () => {
    expect(decide("subscription_actions.end_resting", "intermediate").allowed).toBe(true);
    expect(decide("subscription_actions.end_resting", "transferred").allowed).toBe(false);
    expect(decide("usage.create", "intermediate").allowed).toBe(true);
    expect(decide("usage.delete", "transferred").allowed).toBe(false);
    expect(decide("invoices.finalize", "transferred")).toEqual({
      allowed: true,
      seed: ["invoices.close_now"],
    });
    expect(decide("payments.refund", "intermediate").allowed).toBe(false);
    expect(decide("customers.lock", "intermediate")).toEqual({ allowed: false, seed: [] });
    expect(decide("webhook_endpoints.create", "intermediate")).toEqual({
      allowed: false,
      seed: [],
    });
    // several rows: allowed only when each allows it
    expect(decide("invoices.void", "intermediate").seed).toHaveLength(2);
    expect(decide("invoices.void", "intermediate").allowed).toBe(false);
  });
});
