/**
 * Hostile input on every route of the OpenAPI document: fast-check makes path parameters,
 * query strings and bodies that are malformed, wrong-typed, oversized or injection-shaped,
 * and each request is sent with an admin key to a live server. Whatever comes in: never a
 * 5xx, a refusal is the error envelope with a machine code and no stack trace, and a refused
 * request writes nothing (no audit record, no event, no row counted in any table).
 */
import fc from "fast-check";
import { expect, it, vi } from "vitest";
import {
  FUZZ_SEED,
  footprint,
  fuzzSamples,
  looksLikeStackTrace,
  nasty,
  schemaBody,
  written,
} from "../fuzz.js";
import { fixture, operationsOf } from "../routes.js";
import { describeServer } from "../server.js";

// the long variant: ACCRUE_FUZZ_SAMPLES=200 ACCRUE_FUZZ_SEED=<any> npm test -- test/api/fuzz
const SAMPLES_PER_ROUTE = fuzzSamples(12);

// hundreds of requests in one test (thousands in the long variant): room for a slow, busy
// machine, growing with the samples
vi.setConfig({ testTimeout: Math.max(180_000, SAMPLES_PER_ROUTE * 15_000) });

describeServer("fuzzing every documented route", (t) => {
  it("malformed, oversized and injection-shaped input: never a 5xx; a refusal writes nothing", async () => {
    const doc = (await t.server.get("/openapi.json", { key: null })).body;
    const operations = operationsOf(doc).filter(
      // the token endpoint and the docs take other credentials; logging out is not a test
      (o) => o.path.startsWith("/v1/") && !o.path.startsWith("/v1/download/"),
    );
    expect(operations.length).toBeGreaterThan(60);

    // real records of every kind: a path parameter is one of them half of the time, so
    // requests reach the operations behind the "not found"
    const ids = await fixture(t.server);
    const param = fc.oneof(fc.constantFrom(...ids), fc.constantFrom(...ids), nasty);

    const failures: string[] = [];
    for (const op of operations) {
      const requests = fc.sample(
        fc.record({
          params: fc.tuple(...op.params.map(() => param), fc.constant(null)),
          query: fc.array(
            fc.tuple(
              op.query.length > 0
                ? fc.constantFrom(...op.query.map((q) => q.name))
                : fc.string({ maxLength: 8 }),
              nasty,
            ),
            { maxLength: 3 },
          ),
          // ids of the fixture's records offered for properties named `…_id`
          body: schemaBody(op.body, { known: ids }),
          // now and then a body that is not JSON at all
          rawBody: fc.oneof(
            { arbitrary: fc.constant(null), weight: 6 },
            { arbitrary: fc.string({ maxLength: 60 }), weight: 1 },
          ),
        }),
        { numRuns: SAMPLES_PER_ROUTE, seed: FUZZ_SEED },
      );
      for (const r of requests) {
        let path = op.path;
        op.params.forEach((name, i) => {
          path = path.replace(`{${name}}`, encodeURIComponent(String(r.params[i]) || "x"));
        });
        const search = new URLSearchParams(r.query as [string, string][]).toString();
        const url = search ? `${path}?${search}` : path;
        const before = await footprint(t.server.db);
        const withBody = op.method !== "GET" && op.method !== "DELETE";
        const res = await t.server.request(op.method, url, {
          ...(withBody ? (r.rawBody !== null ? { raw: r.rawBody } : { body: r.body }) : {}),
          headers: withBody ? { "idempotency-key": `fuzz-${Math.random()}` } : {},
        });
        const text = JSON.stringify(res.body ?? "");
        const where = `${op.method} ${url.slice(0, 120)} → ${res.status}`;
        if (res.status >= 500) {
          const sent = r.rawBody ?? JSON.stringify(r.body);
          failures.push(`${where}: ${text.slice(0, 200)} — sent ${String(sent).slice(0, 400)}`);
        }
        if (looksLikeStackTrace(text)) {
          failures.push(`${where}: looks like a stack trace: ${text.slice(0, 300)}`);
        }
        if (res.status >= 400) {
          if (typeof res.body?.error?.code !== "string" || !res.body.error.request_id) {
            failures.push(`${where}: not the error envelope: ${text.slice(0, 200)}`);
          }
          const wrote = written(before, await footprint(t.server.db));
          if (wrote.length > 0) failures.push(`${where}: a refusal wrote to ${wrote.join(", ")}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describeServer("unknown and wrong-typed fields on every documented route", (t) => {
  it("an unknown body field is refused by name (never dropped), a number is not a string", async () => {
    const doc = (await t.server.get("/openapi.json", { key: null })).body;
    const withBody = operationsOf(doc).filter((o) => o.body && o.path.startsWith("/v1/"));
    expect(withBody.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const op of withBody) {
      // a path parameter with listed values gets one of them, so the body is what is refused
      const params = (doc.paths[op.path][op.method.toLowerCase()].parameters ?? []) as {
        in: string;
        name: string;
        schema?: { enum?: string[]; anyOf?: { const?: string; enum?: string[] }[] };
      }[];
      const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
        const schema = params.find((q) => q.in === "path" && q.name === name)?.schema;
        const first = schema?.anyOf?.[0];
        return schema?.enum?.[0] ?? first?.const ?? first?.enum?.[0] ?? "x";
      });
      const res = await t.server.request(op.method, path, {
        body: { zz_unknown: 1 },
        headers: { "idempotency-key": `unknown-${op.method}-${op.path}` },
      });
      const fields = (res.body?.error?.details?.fields ?? []) as {
        field: string;
        message: string;
      }[];
      const named = fields.some(
        (f) => f.field === "body.zz_unknown" && f.message === "is not an accepted field",
      );
      if (res.status !== 400 || !named) wrong.push(`${op.method} ${op.path} → ${res.status}`);
      // a string field given a number is refused, not turned into a string
      const stringField = Object.entries(
        (op.body?.properties ?? {}) as Record<string, { type?: string }>,
      ).find(([, s]) => s.type === "string")?.[0];
      if (stringField) {
        const typed = await t.server.request(op.method, path, {
          body: { [stringField]: 12345 },
          headers: { "idempotency-key": `typed-${op.method}-${op.path}` },
        });
        if (typed.status !== 400 && typed.status !== 404) {
          wrong.push(`${op.method} ${op.path} with ${stringField}: 12345 → ${typed.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
