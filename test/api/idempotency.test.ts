import { expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("Idempotency-Key", (t) => {
  it("same key and same body → the first response, stored, and no second write", async () => {
    const headers = { "idempotency-key": "create-reporting-key-1" };
    const first = await t.server.post(
      "/v1/api_keys",
      { name: "reporting", roles: ["read_only"] },
      { headers },
    );
    expect(first.status).toBe(201);
    const again = await t.server.post(
      "/v1/api_keys",
      { roles: ["read_only"], name: "reporting" },
      { headers },
    );
    expect(again.status).toBe(201);
    // the secret is shown once and never stored: the replay answers null for it
    expect(again.body).toEqual({ ...first.body, secret: null });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const keys = await t.server.db
      .selectFrom("api_keys")
      .select("id")
      .where("tenant_id", "=", t.server.tenant.tenant_id)
      .where("name", "=", "reporting")
      .execute();
    expect(keys).toHaveLength(1);
  });

  it("same key and another body → 409 idempotency_key_reused, nothing written", async () => {
    const headers = { "idempotency-key": "create-key-2" };
    const first = await t.server.post("/v1/api_keys", { name: "a", roles: ["admin"] }, { headers });
    expect(first.status).toBe(201);
    const other = await t.server.post("/v1/api_keys", { name: "b", roles: ["admin"] }, { headers });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_key_reused");
    const b = await t.server.db
      .selectFrom("api_keys")
      .select("id")
      .where("name", "=", "b")
      .execute();
    expect(b).toHaveLength(0);
  });

  it("same key on another operation → 409", async () => {
    const headers = { "idempotency-key": "create-key-3" };
    const created = await t.server.post(
      "/v1/api_keys",
      { name: "c", roles: ["admin"] },
      { headers },
    );
    const revoke = await t.server.post(`/v1/api_keys/${created.body.id}/revoke`, undefined, {
      headers,
    });
    expect(revoke.status).toBe(409);
  });

  it("a failed request stores nothing: a retry with the key runs again", async () => {
    const headers = { "idempotency-key": "revoke-unknown" };
    const missing = await t.server.post(
      "/v1/api_keys/key_01J00000000000000000000000/revoke",
      undefined,
      { headers },
    );
    expect(missing.status).toBe(404);
    const again = await t.server.post(
      "/v1/api_keys/key_01J00000000000000000000000/revoke",
      undefined,
      { headers },
    );
    expect(again.status).toBe(404);
    const stored = await t.server.db
      .selectFrom("idempotency_keys")
      .selectAll()
      .where("key", "=", "revoke-unknown")
      .execute();
    expect(stored).toHaveLength(0);
  });

  it("concurrent requests with one key write once and answer alike", async () => {
    const headers = { "idempotency-key": "concurrent-1" };
    const body = { name: "concurrent", roles: ["admin"] };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => t.server.post("/v1/api_keys", body, { headers })),
    );
    for (const r of responses) {
      expect(r.status).toBe(201);
      expect({ ...r.body, secret: null }).toEqual({ ...responses[0]!.body, secret: null });
    }
    // exactly one of them ran and saw the secret; the others are replays
    expect(responses.filter((r) => r.body.secret !== null)).toHaveLength(1);
    const rows = await t.server.db
      .selectFrom("api_keys")
      .select("id")
      .where("name", "=", "concurrent")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("keys are per tenant: another tenant may use the same key", async () => {
    const other = await t.server.createTenant("Idem B");
    const headers = { "idempotency-key": "shared-key" };
    const a = await t.server.post("/v1/api_keys", { name: "ka", roles: ["admin"] }, { headers });
    const b = await t.server.post(
      "/v1/api_keys",
      { name: "kb", roles: ["admin"] },
      { headers, key: other.api_key },
    );
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });
});
