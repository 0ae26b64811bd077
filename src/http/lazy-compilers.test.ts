import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { compileAll, lazyCompilers } from "./lazy-compilers.js";

describe("lazy schema compilers", () => {
  it("compile a route's validator and serializer on first use, once, with the same result", async () => {
    let compiled = 0;
    const compilers = lazyCompilers<unknown>(() => {
      compiled++;
      return (value: unknown) =>
        typeof (value as { n?: unknown })?.n === "number" ? { value } : { error: [] };
    });
    const app = Fastify({
      schemaController: { compilersFactory: { buildSerializer: compilers.buildSerializer } },
    });
    compilers.register(app);
    app.setValidatorCompiler(compilers.validatorCompiler);
    app.post(
      "/echo",
      {
        schema: {
          body: { type: "object" },
          response: { 200: { type: "object", properties: { n: { type: "number" } } } },
        },
      },
      async (req) => ({ ...(req.body as object), secret: "not in the schema" }),
    );
    app.post(
      "/other",
      { schema: { body: { type: "object" }, response: { 200: { type: "object" } } } },
      async () => ({}),
    );
    await app.ready();
    expect(compiled).toBe(0);
    const ok = await app.inject({ method: "POST", url: "/echo", payload: { n: 1 } });
    // the serializer keeps to the schema, as an eagerly compiled one does
    expect(ok.json()).toEqual({ n: 1 });
    expect(compiled).toBe(1);
    expect(
      (await app.inject({ method: "POST", url: "/echo", payload: { n: "x" } })).statusCode,
    ).toBe(400);
    expect(compiled).toBe(1);
    // /other's validator and both serializers of /other are still waiting
    expect(compileAll(app)).toBe(2);
    expect(compiled).toBe(2);
    expect(compileAll(app)).toBe(0);
    await app.close();
  });

  it("a schema that cannot compile is found by compileAll, not first by a client", async () => {
    const compilers = lazyCompilers<unknown>(() => () => ({ value: {} }));
    const app = Fastify({
      schemaController: { compilersFactory: { buildSerializer: compilers.buildSerializer } },
    });
    compilers.register(app);
    app.get(
      "/broken",
      { schema: { response: { 200: { $ref: "NoSuchSchema#" } } } },
      async () => ({}),
    );
    await app.ready();
    expect(() => compileAll(app)).toThrow();
    await app.close();
  });
});
