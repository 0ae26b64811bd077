import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "./error-codes.js";

const SRC = path.resolve(import.meta.dirname, "..");

/** Every string literal in the sources of src/ but the catalog itself and the tests. */
function sourceStrings(): Set<string> {
  const strings = new Set<string>();
  const files = fs
    .readdirSync(SRC, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => path.join(SRC, f))
    .filter((f) => f !== path.join(SRC, "domain/error-codes.ts"));
  for (const file of files) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        strings.add(node.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return strings;
}

describe("the error code catalog", () => {
  it("has no code that src/ never raises", () => {
    const used = sourceStrings();
    const unused = Object.keys(ERROR_CODES).filter((code) => !used.has(code));
    expect(unused, "remove these from ERROR_CODES in src/domain/error-codes.ts").toEqual([]);
  });

  it("describes every code in one sentence", () => {
    for (const [code, description] of Object.entries(ERROR_CODES)) {
      expect(code, code).toMatch(/^[a-z][a-z_]*[a-z]$/);
      expect(description, code).toMatch(/^[^.]+(\.[^ .][^.]*)*\.$/);
    }
  });
});
