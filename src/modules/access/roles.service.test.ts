import { describe, expect, it } from "vitest";
import { roleCodes } from "../../domain/roles.js";
import { assertMayGrantCodes } from "./roles.service.js";

describe("granting roles", () => {
  it("an admin may grant any code", () => {
    expect(() => assertMayGrantCodes(new Set(["*"]), ["*"], "role admin")).not.toThrow();
  });

  it("a caller may grant only codes it holds, and never everything", () => {
    const writerOnly = new Set(["api_keys:write", "api_keys:read"]);
    expect(() => assertMayGrantCodes(writerOnly, roleCodes("admin"), "role admin")).toThrow(
      /role admin/,
    );
    expect(() => assertMayGrantCodes(writerOnly, roleCodes("read_only"), "role read_only")).toThrow(
      /permissions you lack/,
    );
    expect(() => assertMayGrantCodes(writerOnly, ["api_keys:read"], "role x")).not.toThrow();
  });
});
