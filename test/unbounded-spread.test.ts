/**
 * No code under src/ spreads an array into a call's arguments (`items.push(...more)`,
 * `Math.max(...values)`, `new Set(...)` is fine, `f(...args)` is not): the argument count is
 * bounded by the stack, so a long contract history or a large page would stop the process
 * with "Maximum call stack size exceeded". Loops (or `reduce`) instead. The check reads the
 * syntax tree, so a spread on a line of its own is found too.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";

const ROOT = "src";

function* sources(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(file);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|\.testing\.ts$/.test(entry.name))
      yield file;
  }
}

/** `file:line: call` for each call or `new` whose arguments hold a spread. */
function spreadArguments(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isCallExpression(node) || ts.isNewExpression(node)) &&
      node.arguments?.some(ts.isSpreadElement)
    ) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${file}:${line + 1}: ${node.getText(source).replace(/\s+/g, " ").slice(0, 80)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

it("src/ spreads no array into a call's arguments", () => {
  const offenders: string[] = [];
  for (const file of sources(ROOT)) {
    for (const found of spreadArguments(file, fs.readFileSync(file, "utf8"))) offenders.push(found);
  }
  expect(offenders).toEqual([]);
});

it("finds spreads in calls on one line or several, and not in array or object literals", () => {
  const found = spreadArguments(
    "x.ts",
    [
      "items.push(...more);",
      "Math.max(",
      "  0,",
      "  ...values,",
      ");",
      "const all = [...a, ...b];",
      "const merged = { ...x, y: 1 };",
      "new Thing(...args);",
      "// items.push(...commented);",
    ].join("\n"),
  );
  expect(found.map((f) => f.split(":")[1])).toEqual(["1", "2", "8"]);
});
