// Writes sdk/src/schema.ts, the SDK's types, from the OpenAPI document the app serves.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { buildApp } from "../src/http/app.js";
import { openDatabase } from "../src/storage/db.js";

export const SDK_TYPES_FILE = path.resolve(import.meta.dirname, "../sdk/src/schema.ts");

const HEADER = `/**
 * The Accrue API's types, generated from its OpenAPI document (/openapi.json) by
 * \`npm run sdk:types\` (scripts/sdk-types.ts). Do not edit: regenerate.
 */

`;

/** The TypeScript types (paths, components, operations) for an OpenAPI document. */
export async function renderSdkTypes(document: unknown): Promise<string> {
  const ast = await openapiTS(document as OpenAPI3);
  return HEADER + astToString(ast);
}

/** The OpenAPI document of an app built in-process over an empty embedded database. */
export async function buildOpenApiDocument(): Promise<unknown> {
  const database = await openDatabase({ backend: "pglite", dataDir: null });
  const app = await buildApp({
    db: database.db,
    backend: database.backend,
    config: { bodyLimit: 1_048_576, logLevel: "silent", publicUrl: "http://127.0.0.1:8080" },
  });
  try {
    await app.ready();
    return app.swagger();
  } finally {
    await app.close();
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  fs.writeFileSync(SDK_TYPES_FILE, await renderSdkTypes(await buildOpenApiDocument()));
  process.stdout.write(`wrote ${path.relative(process.cwd(), SDK_TYPES_FILE)}\n`);
}
