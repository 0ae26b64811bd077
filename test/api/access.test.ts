import { expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("permissions and tenant isolation", (t) => {
  it("a read-only key may read but a mutation is 403 permission_denied, audited", async () => {
    const created = await t.server.post("/v1/api_keys", { name: "viewer", roles: ["read_only"] });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^ak_/);
    const viewer = created.body.secret as string;

    const list = await t.server.get("/v1/api_keys", { key: viewer });
    expect(list.status).toBe(200);

    const denied = await t.server.post(
      "/v1/api_keys",
      { name: "x", roles: ["admin"] },
      { key: viewer },
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({
      code: "permission_denied",
      details: { operation: "api_keys.create", required_any_of: ["api_keys:write"] },
    });

    const audit = await t.server.get("/v1/audit_events?operation=api_keys.create");
    const denial = audit.body.data.find((e: { outcome: string }) => e.outcome === "denied");
    expect(denial).toMatchObject({
      actor: { type: "api_key", id: created.body.id },
      request_id: denied.headers.get("x-request-id"),
    });
  });

  it("the secret is shown once: reads never return it", async () => {
    const created = await t.server.post("/v1/api_keys", { name: "once", roles: ["admin"] });
    const read = await t.server.get(`/v1/api_keys/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.secret).toBeUndefined();
    expect(JSON.stringify(read.body)).not.toContain(created.body.secret);
    const row = await t.server.db
      .selectFrom("api_keys")
      .selectAll()
      .where("id", "=", created.body.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(created.body.secret);
  });

  it("a revoked key no longer authenticates", async () => {
    const created = await t.server.post("/v1/api_keys", { name: "temp", roles: ["admin"] });
    const revoked = await t.server.post(`/v1/api_keys/${created.body.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked_at).not.toBeNull();
    const res = await t.server.get("/v1/tenant", { key: created.body.secret });
    expect(res.status).toBe(401);
    const twice = await t.server.post(`/v1/api_keys/${created.body.id}/revoke`);
    expect(twice.status).toBe(422);
    expect(twice.body.error.code).toBe("api_key_already_revoked");
  });

  it("a key of tenant A cannot see tenant B's rows", async () => {
    const b = await t.server.createTenant("Tenant B");
    const bKey = await t.server.post(
      "/v1/api_keys",
      { name: "b-only", roles: ["admin"] },
      { key: b.api_key },
    );
    expect(bKey.status).toBe(201);

    const read = await t.server.get(`/v1/api_keys/${bKey.body.id}`);
    expect(read.status).toBe(404);
    const revoke = await t.server.post(`/v1/api_keys/${bKey.body.id}/revoke`);
    expect(revoke.status).toBe(404);

    const list = await t.server.get("/v1/api_keys?limit=100");
    expect(list.body.data.map((k: { id: string }) => k.id)).not.toContain(bKey.body.id);
    const audit = await t.server.get(`/v1/audit_events?target_id=${bKey.body.id}`);
    expect(audit.body.data).toEqual([]);

    const tenant = await t.server.get("/v1/tenant", { key: b.api_key });
    expect(tenant.body).toMatchObject({ id: b.tenant_id, name: "Tenant B", clock: "system" });
  });

  it("lists paginate with a cursor and never repeat an item", async () => {
    for (let i = 0; i < 5; i++)
      await t.server.post("/v1/api_keys", { name: `page-${i}`, roles: ["read_only"] });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: {
        body: { data: { id: string }[]; next_cursor: string | null; has_more: boolean };
      } = await t.server.get(`/v1/api_keys?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...res.body.data.map((k) => k.id));
      cursor = res.body.next_cursor;
      expect(res.body.has_more).toBe(cursor !== null);
      pages++;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    expect(pages).toBeGreaterThanOrEqual(3);
  });
});

describeServer("audit log", (t) => {
  it("every mutation writes actor, operation, target, before/after and request id", async () => {
    const created = await t.server.post(
      "/v1/api_keys",
      { name: "audited", roles: ["admin"] },
      {
        headers: { "x-request-id": "trace-123", "idempotency-key": "audit-1" },
      },
    );
    expect(created.headers.get("x-request-id")).toBe("trace-123");
    await t.server.post(`/v1/api_keys/${created.body.id}/revoke`);

    const res = await t.server.get(`/v1/audit_events?target_id=${created.body.id}`);
    expect(res.status).toBe(200);
    const [revoke, create] = res.body.data;
    expect(create).toMatchObject({
      operation: "api_keys.create",
      outcome: "succeeded",
      actor: { type: "api_key" },
      target: { type: "api_key", id: created.body.id },
      before: null,
      after: { name: "audited", roles: ["admin"], revoked_at: null },
      request_id: "trace-123",
      idempotency_key: "audit-1",
    });
    expect(JSON.stringify(create)).not.toContain(created.body.secret);
    expect(revoke).toMatchObject({
      operation: "api_keys.revoke",
      before: { revoked_at: null },
      after: { id: created.body.id },
    });
    expect(revoke.after.revoked_at).toEqual(expect.any(String));
  });

  it("a refused mutation writes neither the change nor an audit record", async () => {
    const before = await t.server.db.selectFrom("audit_events").select("id").execute();
    const res = await t.server.post("/v1/api_keys/key_01J00000000000000000000000/revoke");
    expect(res.status).toBe(404);
    const after = await t.server.db.selectFrom("audit_events").select("id").execute();
    expect(after.length).toBe(before.length);
  });

  it("writes the domain event in the same transaction (outbox)", async () => {
    const created = await t.server.post("/v1/api_keys", { name: "evented", roles: ["admin"] });
    const events = await t.server.db
      .selectFrom("outbox_events")
      .selectAll()
      .where("subject_id", "=", created.body.id)
      .execute();
    expect(events.map((e) => e.type)).toEqual(["api_key.created"]);
    expect(events[0]!.tenant_id).toBe(t.server.tenant.tenant_id);
  });
});
