// Writes docs/api-reference.md from the route schemas, and docs/errors.md from the error codes.
import fs from "node:fs";
import path from "node:path";
import { buildApp } from "../src/http/app.js";
import { renderErrorCodes, renderReference } from "../src/http/reference.js";
import { openDatabase } from "../src/storage/db.js";

const database = await openDatabase({ backend: "pglite", dataDir: null });
const app = await buildApp({
  db: database.db,
  backend: database.backend,
  config: { bodyLimit: 1_048_576, logLevel: "silent", publicUrl: "http://127.0.0.1:8080" },
});
await app.ready();
const target = path.resolve(import.meta.dirname, "../docs/api-reference.md");
fs.writeFileSync(target, renderReference(app.swagger() as never));
await app.close();
await database.close();
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
const errors = path.resolve(import.meta.dirname, "../docs/errors.md");
fs.writeFileSync(errors, renderErrorCodes());
process.stdout.write(`wrote ${path.relative(process.cwd(), errors)}\n`);
