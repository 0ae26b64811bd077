import { describe, expect, it } from "vitest";
import {
  allPermissionCodes,
  getOperation,
  isAllowed,
  OPERATIONS,
  type Operation,
  PORTAL_PERMISSION,
  SYSTEM_OPERATIONS,
} from "./operations.js";
import { permissionsOf } from "./roles.js";

describe("operation catalog", () => {
  it("every operation's id is its key and mutations name a permission", () => {
    for (const [key, op] of Object.entries(OPERATIONS)) {
      expect(op.id).toBe(key);
      if (op.mutation) expect(op.permissions.length).toBeGreaterThan(0);
    }
  });

  it("the any-of rule: one held code of several is enough", () => {
    const op = {
      id: "x",
      summary: "",
      tag: "",
      mutation: false,
      permissions: ["a:read", "b:read"],
    };
    expect(isAllowed(op, new Set(["b:read"]))).toBe(true);
    expect(isAllowed(op, new Set(["c:read"]))).toBe(false);
    expect(isAllowed(op, new Set())).toBe(false);
    expect(isAllowed({ ...op, permissions: [] }, new Set())).toBe(true);
  });

  it("admin may do everything; read_only exactly the reads", () => {
    const admin = permissionsOf(["admin"]);
    const reader = permissionsOf(["read_only"]);
    for (const op of Object.values(OPERATIONS) as Operation[]) {
      expect(isAllowed(op, admin)).toBe(true);
      // portal operations are for self-service tokens alone (their code is no API key's)
      if (op.surface === "portal") continue;
      if (op.permissions.length > 0) expect(isAllowed(op, reader)).toBe(!op.mutation);
    }
    expect(allPermissionCodes()).not.toContain(PORTAL_PERMISSION);
    expect(permissionsOf(["nobody"]).size).toBe(0);
    expect(allPermissionCodes()).toContain("api_keys:write");
    expect(getOperation("nope")).toBeUndefined();
  });

  it("a system operation is no catalog operation: the audit names each unambiguously", () => {
    for (const id of Object.keys(SYSTEM_OPERATIONS))
      expect(Object.hasOwn(OPERATIONS, id), id).toBe(false);
  });
});
