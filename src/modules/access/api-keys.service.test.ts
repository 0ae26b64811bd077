import { describe, expect, it } from "vitest";
import { assertMayGrant } from "./api-keys.service.js";

describe("granting roles", () => {
  it("an admin may grant any role", () => {
    expect(() => assertMayGrant(new Set(["*"]), ["admin", "read_only"])).not.toThrow();
  });

  it("a caller may grant only permissions it holds", () => {
    const writerOnly = new Set(["api_keys:write", "api_keys:read"]);
    expect(() => assertMayGrant(writerOnly, ["admin"])).toThrow(/admin/);
    expect(() => assertMayGrant(writerOnly, ["read_only"])).toThrow(/read_only/);
  });
});
