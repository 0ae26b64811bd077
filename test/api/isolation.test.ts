/**
 * Every documented route, swept twice: with another tenant's admin key and this tenant's
 * record ids (refused, nothing of this tenant written, none of its ids revealed), and with a
 * read-only key (every mutation is 403 naming the permission, every read is allowed).
 */
import { beforeAll, expect, it, vi } from "vitest";
import { OPERATIONS } from "../../src/domain/operations.js";
import { type DocumentedRoute, fixture, operationsOf } from "../routes.js";
import { describeServer, type TestServer } from "../server.js";

// hundreds of requests in one test: room for a slow, busy machine
vi.setConfig({ testTimeout: 180_000 });

async function documented(server: TestServer): Promise<DocumentedRoute[]> {
  const doc = (await server.get("/openapi.json", { key: null })).body;
  return operationsOf(doc).filter(
    (o) => o.path.startsWith("/v1/") && !o.path.startsWith("/v1/download/"),
  );
}

const fill = (path: string, id: string) => path.replace(/\{[^}]+\}/g, id);

describeServer("tenant isolation and permissions on every route", (t) => {
  let ids: string[] = [];
  let routes: DocumentedRoute[] = [];

  // one record of every kind in this tenant
  beforeAll(async () => {
    ids = await fixture(t.server);
    routes = await documented(t.server);
    expect(routes.length).toBeGreaterThan(60);
  }, 180_000);

  it("another tenant's key with this tenant's ids: refused, nothing written, nothing revealed", async () => {
    const other = await t.server.createTenant("Other");
    const footprint = async () => {
      const count = async (table: "audit_events" | "outbox_events") =>
        (
          await t.server.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("tenant_id", "=", t.server.tenant.tenant_id)
            .executeTakeFirstOrThrow()
        ).n;
      return `${await count("audit_events")}/${await count("outbox_events")}`;
    };
    const before = await footprint();
    const leaks: string[] = [];
    for (const route of routes.filter((r) => r.params.length > 0)) {
      for (const id of ids) {
        const url = fill(route.path, id);
        const res = await t.server.request(route.method, url, {
          key: other.api_key,
          ...(route.method === "GET" || route.method === "DELETE" ? {} : { body: {} }),
        });
        const text = JSON.stringify(res.body ?? "");
        if (res.status < 400) leaks.push(`${route.method} ${url} → ${res.status}`);
        else if (ids.some((own) => own !== id && text.includes(own))) {
          leaks.push(`${route.method} ${url} → ${res.status} names another record of ours`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(await footprint()).toBe(before);
  });

  it("a read-only key: every mutation is 403 naming its permission; every read is allowed", async () => {
    const key = (await t.server.post("/v1/api_keys", { name: "reader", roles: ["read_only"] })).body
      .secret as string;
    expect(key).toMatch(/^ak_/);
    const wrong: string[] = [];
    for (const route of routes) {
      const op = OPERATIONS[route.id as keyof typeof OPERATIONS];
      if (!op) {
        wrong.push(`${route.id}: not in the operation catalog`);
        continue;
      }
      const url = fill(route.path, ids[0]!);
      const res = await t.server.request(route.method, url, {
        key,
        ...(route.method === "GET" || route.method === "DELETE" ? {} : { body: {} }),
      });
      if (op.mutation) {
        if (res.status !== 403 || res.body?.error?.code !== "permission_denied") {
          wrong.push(`${route.method} ${route.path} (mutation) → ${res.status}`);
        } else {
          expect(res.body.error.details.required_any_of).toEqual(op.permissions);
        }
        // a read is never refused for want of a permission (a public read may still refuse
        // what it is given with a 403 of its own: a bad signed link)
      } else if (res.body?.error?.code === "permission_denied" || res.status === 401) {
        wrong.push(`${route.method} ${route.path} (read) → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
