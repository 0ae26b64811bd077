/** docs/permissions.md names every permission code and each built-in role's codes. */
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { allPermissionCodes } from "../../src/domain/operations.js";
import { BUILT_IN_ROLES, roleCodes } from "../../src/domain/roles.js";

const doc = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/permissions.md"), "utf8");

it("docs/permissions.md lists every permission code", () => {
  const codes = allPermissionCodes();
  expect(codes.length).toBeGreaterThan(10);
  const table = doc.slice(doc.indexOf("## Permission codes"), doc.indexOf("## Built-in roles"));
  for (const code of codes) expect(table, code).toContain(`\`${code}\``);
  const documented = [...table.matchAll(/`([a-z_]+:[a-z_]+|BPC_ITEM_[A-Z]+_\d+)`/g)].map(
    (m) => m[1],
  );
  expect(new Set(documented)).toEqual(new Set(codes));
});

it("docs/permissions.md describes each built-in role", () => {
  for (const role of BUILT_IN_ROLES)
    expect(doc, role).toMatch(new RegExp(`^\\| \`${role}\` \\|`, "m"));
  // the one role listed code by code
  const row = doc.split("\n").find((l) => l.startsWith("| `partner_operator` |")) ?? "";
  const listed = [...row.matchAll(/`([a-z_]+:[a-z_]+)`/g)].map((m) => m[1]).sort();
  expect(listed).toEqual([...roleCodes("partner_operator")].sort());
});
