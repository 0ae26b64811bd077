import { expect, it } from "vitest";
import { OPERATIONS, type Operation } from "../../src/domain/operations.js";
import { compileAll } from "../../src/http/lazy-compilers.js";
import { describeServer } from "../server.js";

describeServer("OpenAPI document and docs page", (t) => {
  it("/openapi.json is OpenAPI 3.1 with every catalog operation and its permissions", async () => {
    const res = await t.server.get("/openapi.json", { key: null });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const operations = new Map<string, { description?: string }>();
    for (const item of Object.values(res.body.paths) as Record<string, any>[]) {
      for (const op of Object.values(item)) operations.set(op.operationId, op);
    }
    for (const [id, op] of Object.entries(OPERATIONS) as [string, Operation][]) {
      // operations of a compatibility surface alone are documented in docs/compat/
      expect(operations.has(id), id).toBe(op.surface === undefined);
      if (op.surface !== undefined) continue;
      for (const code of op.permissions) expect(operations.get(id)?.description).toContain(code);
    }
    expect(
      res.body.paths["/v1/api_keys"].post.requestBody.content["application/json"].schema.required,
    ).toEqual(["name", "roles"]);
  });

  // validators and serializers are compiled on a route's first use (src/http/lazy-compilers.ts)
  it("every route's request and response schemas compile", () => {
    expect(compileAll(t.server.app)).toBeGreaterThan(300);
    expect(compileAll(t.server.app)).toBe(0);
  });

  it("/docs serves the API reference without any external resource", async () => {
    const res = await fetch(`${t.server.url}/docs/`, { redirect: "follow" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("swagger");
    expect(html).not.toMatch(/src="https?:\/\//);
  });
});
