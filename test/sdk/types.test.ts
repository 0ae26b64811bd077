/**
 * The SDK's generated types against the OpenAPI document a live server serves: they must be
 * exactly what `npm run sdk:types` generates now, and name every operation of the document.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";
import { renderSdkTypes, SDK_TYPES_FILE } from "../../scripts/sdk-types.js";
import { describeServer } from "../server.js";

const root = path.resolve(import.meta.dirname, "../..");
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

type Document = { paths: Record<string, Record<string, { operationId?: string }>> };

/** "METHOD path → operation id" for every operation the document lists. */
function documentOperations(document: Document): string[] {
  return Object.entries(document.paths).flatMap(([route, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => `${method.toUpperCase()} ${route} → ${op.operationId}`),
  );
}

/** The same, read from the generated `interface paths` (members not typed `never`). */
function generatedOperations(source: string): string[] {
  const file = ts.createSourceFile("schema.ts", source, ts.ScriptTarget.ES2022, true);
  const paths = file.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "paths",
  );
  if (!paths) throw new Error("the generated file has no `interface paths`");
  const operations: string[] = [];
  for (const member of paths.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeLiteralNode(member.type)) {
      continue;
    }
    const route = (member.name as ts.StringLiteral).text;
    for (const entry of member.type.members) {
      if (!ts.isPropertySignature(entry) || !entry.type) continue;
      const method = (entry.name as ts.Identifier).text;
      if (!METHODS.includes(method) || entry.type.kind === ts.SyntaxKind.NeverKeyword) continue;
      // operations["customers.list"]
      const ref = entry.type;
      const id =
        ts.isIndexedAccessTypeNode(ref) &&
        ts.isLiteralTypeNode(ref.indexType) &&
        ts.isStringLiteral(ref.indexType.literal)
          ? ref.indexType.literal.text
          : undefined;
      operations.push(`${method.toUpperCase()} ${route} → ${id}`);
    }
  }
  return operations;
}

describeServer("SDK types", (t) => {
  const live = async (): Promise<Document> => {
    const res = await fetch(`${t.server.url}/openapi.json`);
    expect(res.status).toBe(200);
    return (await res.json()) as Document;
  };

  it("sdk/src/schema.ts is what the live document generates (npm run sdk:types)", async () => {
    const committed = fs.readFileSync(SDK_TYPES_FILE, "utf8");
    expect(committed).toBe(await renderSdkTypes(await live()));
  });

  it("the generated paths name every operation of the live document", async () => {
    const documented = documentOperations(await live());
    const generated = generatedOperations(fs.readFileSync(SDK_TYPES_FILE, "utf8"));
    expect(documented.length).toBeGreaterThan(100);
    expect(documented).toContain("POST /v1/customers → customers.create");
    expect(documented).toContain("GET /v1/customers → customers.list");
    expect([...generated].sort()).toEqual([...documented].sort());
  });
});

it("the SDK's own manifest asks for the openapi-fetch the repository installs", () => {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
  const sdk = read("sdk/package.json");
  const repo = read("package.json");
  expect(sdk.name).toBe("@accrue/sdk");
  expect(sdk.dependencies["openapi-fetch"]).toBe(repo.devDependencies["openapi-fetch"]);
  expect(Object.keys(sdk.dependencies)).toEqual(["openapi-fetch"]);
});
