/**
 * Hostile input on every route of the compatibility surfaces (Chargebee, Billwerk, Huawei
 * Partner Center, CRM.COM), each enumerated from the routes the server registered under the
 * surface's prefix. fast-check makes path parameters, query strings and bodies in the
 * surface's own encoding (Chargebee's form-encoded bracketed parameters, JSON for the others),
 * and each request carries the credentials that surface's clients send. Billwerk's bodies and
 * query strings are made from each route's own schema (as the native API's fuzzing makes them
 * from the OpenAPI document): values of the field's type, at and beyond its bounds (lengths,
 * minimum and maximum, dates at the supported range's edges), and of other types. Chargebee's
 * parameters are made from what the route's module reads (its reader calls name each
 * parameter and its kind: text, integer, timestamp, amount, switch, list, nested object), with
 * values of that kind at and beyond its bounds. Huawei's and CRM.COM's from the field names
 * their modules use. Whatever comes in: never a 5xx; a refusal is the surface's own
 * error envelope with its error code (not the native one), without a stack trace; and a
 * refused request writes nothing.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import Fastify from "fastify";
import { beforeAll, expect, it, vi } from "vitest";
import { ADDRESS_FIELDS, CUSTOMER_FIELDS } from "../../src/compat/billwerk/customers.js";
import { BILLWERK_PREFIX, billwerkApi } from "../../src/compat/billwerk/plugin.js";
import { CHARGEBEE_PREFIX } from "../../src/compat/chargebee/plugin.js";
import { ENTITY_HEADER, SERVED } from "../../src/compat/chargebee/routes.js";
import { CRM_PREFIX } from "../../src/compat/crmcom/plugin.js";
import { HUAWEI_PREFIX } from "../../src/compat/huawei/plugin.js";
import { CustomerInput } from "../../src/modules/customers/index.js";
import {
  anyJson,
  DATE_BOUNDS,
  DATE_TIME_BOUNDS,
  FUZZ_SEED,
  footprint,
  fuzzSamples,
  HUGE_NUMBERS,
  looksLikeStackTrace,
  nasty,
  type SchemaValues,
  schemaBody,
  schemaValue,
  written,
} from "../fuzz.js";
import { fixture, type RegisteredRoute, registeredRoutes } from "../routes.js";
import { describeServer, type Response } from "../server.js";

// a few hundred requests per surface, many more in the long variant: room for a slow, busy machine
vi.setConfig({ testTimeout: Math.max(240_000, fuzzSamples(0) * 20_000) });

// the long variant: ACCRUE_FUZZ_SAMPLES=60 ACCRUE_FUZZ_SEED=<any> npm test -- test/compat/fuzz-compat
// sends that many requests to every route of every surface; by default, fewer to each of
// Chargebee's two hundred routes than to the few dozen of the others

const SOURCE = path.resolve(import.meta.dirname, "../../src/compat");

/** The names `pattern` (its first group) finds in the surface's modules. */
function namesIn(dir: string, ...patterns: RegExp[]): string[] {
  const names = new Set<string>();
  for (const file of fs.readdirSync(path.join(SOURCE, dir))) {
    if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
    const text = fs.readFileSync(path.join(SOURCE, dir, file), "utf8");
    for (const pattern of patterns) {
      for (const m of text.matchAll(pattern)) {
        for (const name of (m[1] as string).matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) names.add(name[0]);
      }
    }
  }
  return [...names].sort();
}

/** The keys of object literals and types: a JSON surface's field names (and some others). */
const OBJECT_KEYS = /^\s+([A-Za-z_][A-Za-z0-9_]*)\??: /gm;

// ---- Billwerk: the routes' schemas -------------------------------------------------------------

/** A route's schema as registered: body, querystring, params. */
type RouteSchema = { body?: any; querystring?: any; params?: any };

/**
 * Billwerk's routes and their schemas, as the surface's plugin registers them (collected from
 * a bare Fastify instance, which is never started): by `METHOD path`, lower case (Billwerk's
 * paths are case-insensitive).
 */
async function billwerkSchemas(): Promise<Map<string, RouteSchema>> {
  const collector = Fastify();
  const schemas = new Map<string, RouteSchema>();
  collector.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      schemas.set(`${method} ${route.url}`.toLowerCase(), (route.schema ?? {}) as RouteSchema);
    }
  });
  await collector.register(billwerkApi, { prefix: BILLWERK_PREFIX });
  await collector.close();
  return schemas;
}

/**
 * CustomerDTO: an open object on the route (the native customer schema checks the values, named
 * in PascalCase); here each field of it with the native field's schema.
 */
function customerDto(): any {
  const native = CustomerInput.properties as Record<string, any>;
  const address = (native.address?.properties ?? {}) as Record<string, unknown>;
  const properties: Record<string, unknown> = {};
  for (const [bw, field] of Object.entries(CUSTOMER_FIELDS)) {
    properties[bw] =
      field === "address"
        ? {
            type: "object",
            properties: Object.fromEntries(
              Object.entries(ADDRESS_FIELDS).map(([line, name]) => [line, address[name] ?? {}]),
            ),
          }
        : (native[field] ?? {});
  }
  return { type: "object", properties };
}

/** The schema with each open object that holds a customer (`Customer`, a customer's body) as CustomerDTO. */
function withCustomers(schema: any, isCustomer: boolean): any {
  if (!schema || typeof schema !== "object") return schema;
  const open = schema.type === "object" && !schema.properties;
  if (isCustomer && open) return customerDto();
  if (schema.type === "object" && schema.properties) {
    return {
      ...schema,
      properties: Object.fromEntries(
        Object.entries(schema.properties as Record<string, any>).map(([k, v]) => [
          k,
          withCustomers(v, k === "Customer"),
        ]),
      ),
    };
  }
  for (const key of ["anyOf", "oneOf"]) {
    if (Array.isArray(schema[key])) {
      return { ...schema, [key]: schema[key].map((v: any) => withCustomers(v, isCustomer)) };
    }
  }
  return schema;
}

/** Billwerk's date fields are text the surface parses (`BwDateTime`): known by name. */
const billwerkDate = (name: string | undefined, schema: any) =>
  /(Date|Start|End|Until|From|To|At)$/.test(name ?? "") ||
  /\bdate\b/i.test(String(schema?.description ?? ""));

// ---- Chargebee: what each route's module reads --------------------------------------------------

/** How a Chargebee parameter is read (src/compat/chargebee/wire.ts, Reader). */
type CbKind =
  | "str"
  | "text"
  | "required"
  | "int"
  | "bool"
  | "onOff"
  | "timestamp"
  | "amount"
  | "object"
  | "filterIs"
  | "rows"
  | "values"
  | "oneOf";

/** One reader call of a module: the parameter, its kind, the numbers or values it was given. */
type CbRead = { name: string; kind: CbKind; numbers: number[]; values: string[] };

const CB_READ =
  /\.(str|text|required|int|bool|onOff|timestamp|amount|object|filterIs|rows|values|oneOf)\(\s*"([a-z0-9_]+)"\s*(?:,\s*([^)]*))?\)/g;

/** The reader calls in each of Chargebee's modules, by file name. */
function chargebeeReads(): Map<string, CbRead[]> {
  const reads = new Map<string, CbRead[]>();
  const dir = path.join(SOURCE, "chargebee");
  for (const file of fs.readdirSync(dir)) {
    if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    const found: CbRead[] = [];
    for (const m of text.matchAll(CB_READ)) {
      const args = m[3] ?? "";
      found.push({
        name: m[2]!,
        kind: m[1] as CbKind,
        numbers: [...args.matchAll(/(?<![\w.])-?\d[\d_]*/g)].map((n) =>
          Number(n[0].replace(/_/g, "")),
        ),
        values: [...args.matchAll(/"([^"]*)"/g)].map((v) => v[1]!),
      });
    }
    reads.set(file, found);
  }
  return reads;
}

/** Chargebee's modules that register routes (the others hold shared readers). */
const CB_FILES_WITH_ROUTES = new Set(
  fs
    .readdirSync(path.join(SOURCE, "chargebee"))
    .filter((file) =>
      fs.readFileSync(path.join(SOURCE, "chargebee", file), "utf8").includes("cbRoute("),
    ),
);

/** Which module registered each Chargebee route (`METHOD path`): read off the registration. */
const CB_ROUTE_FILES = new Map<string, string>();
const servedPush = SERVED.push.bind(SERVED);
SERVED.push = (...entries) => {
  const frame = (new Error().stack ?? "")
    .split("\n")
    .map((line) => /src\/compat\/chargebee\/([a-z-]+\.ts)/.exec(line)?.[1])
    .find((file) => file !== undefined && file !== "routes.ts");
  for (const e of entries) {
    if (frame) CB_ROUTE_FILES.set(`${e.method} ${CHARGEBEE_PREFIX}${e.path}`, frame);
  }
  return servedPush(...entries);
};

/** Unix seconds at and beyond the supported range's bounds and the reader's own. */
const TIMESTAMP_BOUNDS = [
  "946684799", // 1999-12-31T23:59:59Z
  "946684800", // 2000-01-01
  "7258118399", // 2199-12-31T23:59:59Z
  "7258118400", // 2200-01-01
  "0",
  "-1",
  "253402300799",
  "253402300800",
  "1772323200",
  "99999999999999999999",
  "1.5",
];

/** A JSON body made of the surface's field names, with hostile values at every level. */
function jsonBody(names: string[], value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const { object } = fc.letrec<{ object: Record<string, unknown>; value: unknown }>((tie) => ({
    object: fc.dictionary(fc.constantFrom(...names), tie("value"), { maxKeys: 5 }),
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      value,
      value,
      tie("object"),
      fc.array(tie("object"), { maxLength: 2 }),
    ),
  }));
  return fc.oneof(object, object, object, anyJson);
}

/** A query string: names of the surface (or any) with hostile values. */
const queryOf = (name: fc.Arbitrary<string>, value: fc.Arbitrary<string>) =>
  fc.array(fc.tuple(name, value), { maxLength: 3 }).map((pairs) => new URLSearchParams(pairs));

type Sample = {
  params: string[];
  query: URLSearchParams;
  body: unknown;
  /** Now and then a body that is not the surface's encoding at all. */
  raw: string | null;
  /** Chargebee: a form body, or now and then JSON. */
  form: [string, string][];
  json: boolean;
  entity: string | null;
};

type Surface = {
  name: string;
  prefix: string;
  /** Requests per route. */
  samples: number;
  /** The request a sample makes: the credentials the surface's clients send, its encoding. */
  send: (route: RegisteredRoute, url: string, s: Sample) => Promise<Response>;
  /** What is wrong with a refusal's body, if it is not the surface's error envelope. */
  refusal: (res: Response) => string | null;
  sample: (route: RegisteredRoute) => fc.Arbitrary<Sample>;
};

const isText = (v: unknown) => typeof v === "string" && v !== "";

describeServer("fuzzing the compatibility surfaces", (t) => {
  let ids: string[] = [];
  let partnerKey = "";
  let crmToken = "";
  let entityId = "";
  let billwerk = new Map<string, RouteSchema>();
  const cbReads = chargebeeReads();

  beforeAll(async () => {
    billwerk = await billwerkSchemas();
    ids = await fixture(t.server);
    const partners = (await t.server.get("/v1/partners")).body.data as {
      id: string;
      name: string;
    }[];
    const partner = partners.find((p) => p.name === "Partner");
    expect(partner).toBeDefined();
    partnerKey = (
      await t.server.must("POST", "/v1/api_keys", {
        name: "huawei",
        roles: ["admin"],
        partner_id: partner!.id,
      })
    ).secret;
    const login = await t.server.request("POST", `${CRM_PREFIX}/authentication/web_api_key/token`, {
      key: null,
      headers: { authorization: basic(t.server.tenant.api_key) },
      body: {},
    });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    crmToken = login.body.data.token;
    entityId = (await t.server.get("/v1/business_entities")).body.data[0].id;
  });

  const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
  /** Ids of the fixture's records half of the time, hostile text otherwise. */
  const value = () => fc.oneof(fc.constantFrom(...ids), nasty);
  const jsonValue = () =>
    fc.oneof(
      value(),
      fc.integer(),
      fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, 1e308, 0.1),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom("2026-03-01", "2026-03-01T00:00:00Z", "2026-03-01T00:00:00.0000000Z"),
    );
  const rawBody = fc.oneof(
    { arbitrary: fc.constant(null), weight: 8 },
    { arbitrary: fc.string({ maxLength: 60 }), weight: 1 },
  );

  /** A sample for a JSON surface: its field names in bodies and query strings. */
  const jsonSample =
    (names: string[]) =>
    (route: RegisteredRoute): fc.Arbitrary<Sample> =>
      fc.record({
        params: fc.tuple(...route.params.map(value)),
        query: queryOf(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })), value()),
        body: jsonBody(names, jsonValue()),
        raw: rawBody,
        form: fc.constant<[string, string][]>([]),
        json: fc.constant(true),
        entity: fc.constant<string | null>(null),
      });

  /** A value of the kind the parameter is read as, at and beyond its bounds. */
  const chargebeeValueOf = (read: CbRead): fc.Arbitrary<string> => {
    const [first, second] = read.numbers;
    switch (read.kind) {
      case "timestamp":
        return fc.oneof(fc.constantFrom(...TIMESTAMP_BOUNDS), fc.integer().map(String));
      case "int": {
        const bounds = ["1e3", "0x10", "99999999999999999999", ...HUGE_NUMBERS.map(String)];
        for (const n of [first, second])
          if (n !== undefined) bounds.push(String(n - 1), String(n), String(n + 1));
        return fc.oneof(fc.constantFrom(...bounds), fc.integer().map(String));
      }
      case "amount":
        return fc.oneof(
          fc.constantFrom(
            "0",
            "-1",
            "9007199254740991",
            "9007199254740992",
            "99999999999999999999",
            "1.5",
          ),
          fc.integer().map(String),
        );
      case "bool":
        return fc.constantFrom("true", "false", "on", "1", "");
      case "onOff":
        return fc.constantFrom("on", "off", "true", "");
      case "oneOf":
        return fc.oneof(
          ...(read.values.length > 0 ? [fc.constantFrom(...read.values)] : []),
          value(),
        );
      default: {
        // text: an id of the fixture, hostile text, or text at and beyond its longest
        const most = first ?? 1000;
        return fc.oneof(
          value(),
          fc.constantFrom(most, most + 1).map((n) => "7".repeat(n)),
          fc.constantFrom(...DATE_BOUNDS, ...DATE_TIME_BOUNDS, "EUR", "100"),
        );
      }
    }
  };

  /**
   * Parameters for a Chargebee route, from the reader calls of the module that registered it
   * and of the modules that register none (shared readers): each parameter with a value of its
   * kind, top-level, inside the objects (`billing_address[city]`) and list rows
   * (`subscription_items[item_price_id][0]`) the module reads, list values (`ids[0]`) and
   * filters (`created_at[after]`); the required ones more often than not; and keys no module
   * reads.
   */
  const chargebeeParams = (route: RegisteredRoute): fc.Arbitrary<[string, string][]> => {
    const own = CB_ROUTE_FILES.get(`${route.method} ${route.path}`);
    const reads = [...cbReads.entries()]
      .filter(
        ([file, found]) =>
          file === own ||
          (own === undefined && found.length > 0) ||
          !CB_FILES_WITH_ROUTES.has(file),
      )
      .flatMap(([, found]) => found);
    const leaves = reads.filter((r) => !["object", "rows", "values", "filterIs"].includes(r.kind));
    const objects = [...new Set(reads.filter((r) => r.kind === "object").map((r) => r.name))];
    const rows = [...new Set(reads.filter((r) => r.kind === "rows").map((r) => r.name))];
    const lists = [...new Set(reads.filter((r) => r.kind === "values").map((r) => r.name))];
    const filters = [...new Set(reads.filter((r) => r.kind === "filterIs").map((r) => r.name))];
    const required = [...new Set(reads.filter((r) => r.kind === "required").map((r) => r.name))];
    const index = fc.oneof(
      fc.constantFrom("0", "1", "249", "250", "999", "-1", "01", ""),
      fc.nat(300).map(String),
    );
    const leaf = leaves.length > 0 ? fc.constantFrom(...leaves) : null;
    const pair = (key: (r: CbRead) => fc.Arbitrary<string>) =>
      leaf!.chain((r) => fc.tuple(key(r), chargebeeValueOf(r)));
    const kinds: { arbitrary: fc.Arbitrary<[string, string]>; weight: number }[] = [
      {
        arbitrary: fc.tuple(
          fc.constantFrom(
            "__proto__[polluted]",
            "constructor[prototype][x]",
            "a[",
            "a]]",
            "[x]",
            "a[b][c][d][e]",
            "a[0][b][1]",
          ),
          value(),
        ),
        weight: 1,
      },
      { arbitrary: fc.tuple(fc.string({ maxLength: 12 }), value()), weight: 1 },
    ];
    if (leaf) {
      kinds.push({ arbitrary: pair((r) => fc.constant(r.name)), weight: 6 });
      if (objects.length > 0) {
        kinds.push({
          arbitrary: fc
            .constantFrom(...objects)
            .chain((o) => pair((r) => fc.constant(`${o}[${r.name}]`))),
          weight: 3,
        });
      }
      if (rows.length > 0) {
        kinds.push({
          arbitrary: fc
            .tuple(fc.constantFrom(...rows), index)
            .chain(([o, i]) => pair((r) => fc.constant(`${o}[${r.name}][${i}]`))),
          weight: 3,
        });
      }
    }
    if (lists.length > 0) {
      kinds.push({
        arbitrary: fc.tuple(
          fc.tuple(fc.constantFrom(...lists), index).map(([l, i]) => `${l}[${i}]`),
          value(),
        ),
        weight: 1,
      });
    }
    const operator = fc.constantFrom(
      "is",
      "is_not",
      "in",
      "after",
      "before",
      "between",
      "on",
      "asc",
    );
    const filtered = [...filters, ...objects];
    if (filtered.length > 0) {
      kinds.push({
        arbitrary: fc.tuple(
          fc.tuple(fc.constantFrom(...filtered), operator).map(([f, o]) => `${f}[${o}]`),
          fc.oneof(fc.constantFrom(...TIMESTAMP_BOUNDS, "[946684799,7258118400]"), value()),
        ),
        weight: 2,
      });
    }
    const requiredPairs = fc.tuple(
      ...required.map((name) =>
        fc.option(
          fc.tuple(
            fc.constant(name),
            chargebeeValueOf(reads.find((r) => r.name === name && r.kind === "required")!),
          ),
          { freq: 4 },
        ),
      ),
    );
    return fc
      .tuple(requiredPairs, fc.array(fc.oneof(...kinds), { maxLength: 6 }))
      .map(([must, more]) => [...must.filter((p): p is [string, string] => p !== null), ...more]);
  };

  /** A sample for Billwerk: body and query string from the route's schema. */
  const billwerkSample = (route: RegisteredRoute): fc.Arbitrary<Sample> => {
    const schema = billwerk.get(`${route.method} ${route.path}`.toLowerCase()) ?? {};
    const options: SchemaValues = { known: ids, isDate: billwerkDate };
    const isCustomers = /\/customers(\/:id)?$/i.test(route.path);
    const body = withCustomers(schema.body, isCustomers);
    const queryProps = (schema.querystring?.properties ?? {}) as Record<string, unknown>;
    const queryNames = Object.keys(queryProps);
    const queryPair: fc.Arbitrary<[string, string]> =
      queryNames.length > 0
        ? fc.oneof(
            fc.constantFrom(...queryNames).chain((name) =>
              fc.tuple(
                fc.constant(name),
                schemaValue(queryProps[name], options, 0, name).map((v) =>
                  typeof v === "string" ? v : JSON.stringify(v),
                ),
              ),
            ),
            fc.tuple(fc.string({ maxLength: 8 }), value()),
          )
        : fc.tuple(fc.string({ maxLength: 8 }), value());
    return fc.record({
      params: fc.tuple(...route.params.map(value)),
      query: fc.array(queryPair, { maxLength: 3 }).map((pairs) => new URLSearchParams(pairs)),
      body: schemaBody(body ?? null, options),
      raw: rawBody,
      form: fc.constant<[string, string][]>([]),
      json: fc.constant(true),
      entity: fc.constant<string | null>(null),
    });
  };

  const SURFACES: Surface[] = [
    {
      name: "Chargebee",
      prefix: `${CHARGEBEE_PREFIX}/`,
      samples: fuzzSamples(3),
      sample: (route) =>
        fc.record({
          params: fc.tuple(...route.params.map(value)),
          query:
            route.method === "GET"
              ? chargebeeParams(route).map((pairs) => new URLSearchParams(pairs))
              : fc.constant(new URLSearchParams()),
          body: anyJson,
          raw: rawBody,
          form: chargebeeParams(route),
          json: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))),
          entity: fc.oneof(
            { arbitrary: fc.constant(null), weight: 6 },
            // what a header can carry: Latin-1 only
            { arbitrary: value().filter((v) => /^[\x20-\x7e]*$/.test(v)), weight: 1 },
          ),
        }),
      send: (route, url, s) => {
        const headers: Record<string, string> = {
          authorization: basic(t.server.tenant.api_key),
          "chargebee-idempotency-key": `fuzz-${Math.random()}`,
        };
        if (s.entity !== null) headers[ENTITY_HEADER] = s.entity || entityId;
        if (route.method === "GET") return t.server.request("GET", url, { key: null, headers });
        if (s.raw === null && s.json) {
          return t.server.request(route.method, url, { key: null, headers, body: s.body });
        }
        headers["content-type"] = "application/x-www-form-urlencoded";
        const raw = s.raw ?? new URLSearchParams(s.form).toString();
        return t.server.request(route.method, url, { key: null, headers, raw });
      },
      refusal: (res) => {
        const b = res.body;
        if (!isText(b?.api_error_code) || !isText(b?.message)) return "no api_error_code/message";
        if (b.http_status_code !== res.status) return "http_status_code is not the status";
        if (
          b.type !== undefined &&
          !["invalid_request", "payment", "operation_failed"].includes(b.type)
        ) {
          return `unknown type ${b.type}`;
        }
        return b.error === undefined ? null : "the native envelope";
      },
    },
    {
      name: "Billwerk",
      prefix: `${BILLWERK_PREFIX}/`,
      samples: fuzzSamples(4),
      sample: billwerkSample,
      send: (route, url, s) => {
        const headers = { authorization: `Bearer ${t.server.tenant.api_key}` };
        if (route.method === "GET" || route.method === "DELETE") {
          return t.server.request(route.method, url, { key: null, headers });
        }
        return t.server.request(route.method, url, {
          key: null,
          headers,
          ...(s.raw !== null ? { raw: s.raw } : { body: s.body }),
        });
      },
      refusal: (res) => {
        const b = res.body;
        if (!isText(b?.Code) || typeof b?.Message !== "string" || !isText(b?.RequestId)) {
          return "no Code/Message/RequestId";
        }
        return b.error === undefined ? null : "the native envelope";
      },
    },
    {
      name: "Huawei",
      prefix: `${HUAWEI_PREFIX}/`,
      samples: fuzzSamples(10),
      sample: jsonSample(namesIn("huawei", OBJECT_KEYS)),
      send: (route, url, s) => {
        const headers = { "x-auth-token": partnerKey };
        if (route.method === "GET") return t.server.request("GET", url, { key: null, headers });
        return t.server.request(route.method, url, {
          key: null,
          headers,
          ...(s.raw !== null ? { raw: s.raw } : { body: s.body }),
        });
      },
      refusal: (res) => {
        const b = res.body;
        if (!/^CBC\.\d+$/.test(String(b?.error_code)) || !isText(b?.error_msg)) {
          return "no error_code CBC.… / error_msg";
        }
        return b.error === undefined ? null : "the native envelope";
      },
    },
    {
      name: "CRM.COM",
      prefix: `${CRM_PREFIX}/`,
      samples: fuzzSamples(10),
      sample: jsonSample(namesIn("crmcom", OBJECT_KEYS, /identifier\(((?:"[a-z_]+",?\s*)+)\)/g)),
      send: (route, url, s) => {
        // the log-in routes take credentials of their own; every other call the session's
        const login = route.path.includes("/authentication/");
        if (route.method === "GET") {
          const [path, search] = url.split("?");
          const query = new URLSearchParams(search);
          if (!login) query.set("token", crmToken);
          return t.server.request("GET", `${path}?${query}`, { key: null });
        }
        const body =
          !login && s.body !== null && typeof s.body === "object" && !Array.isArray(s.body)
            ? { token: crmToken, ...s.body }
            : s.body;
        return t.server.request(route.method, url, {
          key: null,
          headers: route.path.endsWith("/web_api_key/token")
            ? { authorization: basic(t.server.tenant.api_key) }
            : {},
          ...(s.raw !== null ? { raw: s.raw } : { body }),
        });
      },
      refusal: (res) => {
        const b = res.body;
        if (b?.data !== null || !isText(b?.status?.code) || typeof b.status.message !== "string") {
          return "not {data: null, status: {code, message}}";
        }
        return b.status.code === "OK" ? "status.code OK on a refusal" : null;
      },
    },
  ];

  it("every Chargebee operation served is among the routes enumerated", () => {
    const found = new Set(
      registeredRoutes(t.server.app, CHARGEBEE_PREFIX).map((r) => `${r.method} ${r.path}`),
    );
    const missing = SERVED.map((s) => `${s.method} ${CHARGEBEE_PREFIX}${s.path}`).filter(
      (route) => !found.has(route),
    );
    expect(missing).toEqual([]);
    expect(found.size).toBeGreaterThan(150);
  });

  it("a path parameter too long and an unknown path are refused in each surface's envelope", async () => {
    const wrong: string[] = [];
    for (const surface of SURFACES) {
      const route = registeredRoutes(t.server.app, surface.prefix).find((r) => r.params.length > 0);
      const unknown = `${surface.prefix}no_such_endpoint`;
      // a refusal of the client's (Chargebee answers every one with 400), never a server error
      const cases: [RegisteredRoute, string, (status: number) => boolean][] = [
        [{ method: "GET", path: unknown, params: [] }, unknown, (status) => status === 404],
      ];
      if (route) {
        const long = route.path.replace(/:[A-Za-z_]+/g, "x".repeat(1100));
        cases.push([route, long, (status) => status >= 400 && status < 500]);
      }
      for (const [r, url, expected] of cases) {
        const res = await surface.send(r, url, {
          params: [],
          query: new URLSearchParams(),
          body: {},
          raw: null,
          form: [],
          json: false,
          entity: null,
        });
        const problem = expected(res.status) ? surface.refusal(res) : `status ${res.status}`;
        if (problem) wrong.push(`${surface.name} ${url.slice(0, 60)}: ${problem}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("Chargebee: a list given from a later row than its first is read, not a server error", async () => {
    const chargebee = SURFACES[0]!;
    for (const form of ["cancelled_at[shipment_carrier][1]=on", "name[999]=EUR&name[0]=x"]) {
      const before = await footprint(t.server.db, "every");
      const res = await t.server.request("POST", `${CHARGEBEE_PREFIX}/customers`, {
        key: null,
        headers: {
          authorization: basic(t.server.tenant.api_key),
          "content-type": "application/x-www-form-urlencoded",
        },
        raw: `first_name=Ada&${new URLSearchParams(form.split("&").map((p) => p.split("=") as [string, string]))}`,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(chargebee.refusal(res)).toBeNull();
      expect(res.body).toMatchObject({ api_error_code: "param_not_supported" });
      expect(written(before, await footprint(t.server.db, "every"))).toEqual([]);
    }
  });

  for (const surface of SURFACES) {
    it(`${surface.name}: hostile input is never a 5xx; a refusal is its error envelope and writes nothing`, async () => {
      const routes = registeredRoutes(t.server.app, surface.prefix);
      expect(routes.length).toBeGreaterThan(5);
      const failures: string[] = [];
      for (const route of routes) {
        const samples = fc.sample(surface.sample(route), {
          numRuns: surface.samples,
          seed: FUZZ_SEED,
        });
        for (const s of samples) {
          let url = route.path;
          route.params.forEach((name, i) => {
            url = url.replace(`:${name}`, encodeURIComponent(s.params[i] || "x"));
          });
          const search = s.query.toString();
          if (search) url = `${url}?${search}`;
          const before = await footprint(t.server.db, "every");
          const res = await surface.send(route, url, s);
          const text = JSON.stringify(res.body ?? "");
          const where = `${route.method} ${url.slice(0, 160)} → ${res.status}`;
          const sent =
            s.raw ??
            (s.form.length > 0 && !s.json ? new URLSearchParams(s.form) : JSON.stringify(s.body));
          if (res.status >= 500) {
            failures.push(`${where}: ${text.slice(0, 200)} — sent ${String(sent).slice(0, 400)}`);
          }
          if (looksLikeStackTrace(text)) {
            failures.push(`${where}: looks like a stack trace: ${text.slice(0, 300)}`);
          }
          // a request line or headers beyond the HTTP server's limit are refused before any
          // route, and so any surface, is known: the native envelope (docs/errors.md)
          const unparsed = res.status === 431 && res.body?.error?.code === "headers_too_large";
          if (res.status >= 400) {
            const wrong = unparsed ? null : surface.refusal(res);
            if (wrong) failures.push(`${where}: ${wrong}: ${text.slice(0, 200)}`);
            const wrote = written(before, await footprint(t.server.db, "every"));
            if (wrote.length > 0) {
              failures.push(
                `${where}: a refusal wrote to ${wrote.join(", ")} — sent ${String(sent).slice(0, 300)}`,
              );
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
