/**
 * Billing code never spreads an array into a call's arguments (`items.push(...more)`,
 * `Math.max(...values)`): the argument count is bounded by the stack, so a long contract
 * history would stop the process with "Maximum call stack size exceeded". Loops instead.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

/** The billing engine (pure), the billing run and the jobs. */
const ROOTS = ["src/domain", "src/workflows", "src/jobs"];
/** A call's argument list holding a spread: `f(...x)`, `a.push(...x)`, `Math.max(...x)`. */
const SPREAD_ARGUMENT = /\b(?:push|unshift|max|min|concat|apply)\(\s*\.\.\./;

function* sources(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(file);
    else if (/\.ts$/.test(entry.name) && !/\.test\.ts$|\.testing\.ts$/.test(entry.name)) yield file;
  }
}

it("billing code spreads no array into a call's arguments", () => {
  const offenders: string[] = [];
  for (const root of ROOTS) {
    for (const file of sources(root)) {
      fs.readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (SPREAD_ARGUMENT.test(line) && !/^\s*(\/\/|\*)/.test(line))
            offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
  }
  expect(offenders).toEqual([]);
});
