import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { CONFIG_VARIABLES } from "../src/config.js";
import { buildApp } from "../src/http/app.js";
import { renderErrorCodes, renderReference } from "../src/http/reference.js";
import { openDatabase } from "../src/storage/db.js";

const root = path.resolve(import.meta.dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

it("docs/api-reference.md is current with the route schemas (npm run docs:api)", async () => {
  const database = await openDatabase({ backend: "pglite", dataDir: null });
  const app = await buildApp({
    db: database.db,
    backend: database.backend,
    config: { bodyLimit: 1_048_576, logLevel: "silent", publicUrl: "http://127.0.0.1:8080" },
  });
  try {
    await app.ready();
    expect(read("docs/api-reference.md")).toBe(renderReference(app.swagger() as never));
  } finally {
    await app.close();
    await database.close();
  }
});

it("docs/errors.md is current with the error code catalog (npm run docs:api)", () => {
  expect(read("docs/errors.md")).toBe(renderErrorCodes());
});

it("docs/configuration.md and the README describe every configuration variable", () => {
  const configuration = read("docs/configuration.md");
  const readme = read("README.md");
  for (const v of CONFIG_VARIABLES) {
    expect(configuration, v.name).toContain(`\`${v.name}\``);
    expect(readme, v.name).toContain(`\`${v.name}\``);
  }
});
