#!/usr/bin/env node
// Runs a TypeScript file: `node bin/run-ts.js path/to/file.ts [args…]`.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

register();
const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: node bin/run-ts.js FILE.ts [args…]\n");
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(file), ...args];
await import(pathToFileURL(path.resolve(file)).href);
