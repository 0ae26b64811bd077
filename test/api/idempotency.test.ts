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

  it("a refused request (4xx) is stored: a retry with the key answers the same without running again", async () => {
    const headers = { "idempotency-key": "revoke-unknown" };
    const missing = await t.server.post(
      "/v1/api_keys/key_01J00000000000000000000000/revoke",
      undefined,
      { headers },
    );
    expect(missing.status).toBe(404);
    expect(missing.headers.get("idempotent-replayed")).toBeNull();
    const stored = await t.server.db
      .selectFrom("idempotency_keys")
      .select(["status_code", "response"])
      .where("key", "=", "revoke-unknown")
      .execute();
    expect(stored).toEqual([
      { status_code: 404, response: expect.objectContaining({ code: "api_key_not_found" }) },
    ]);
    const again = await t.server.post(
      "/v1/api_keys/key_01J00000000000000000000000/revoke",
      undefined,
      { headers },
    );
    expect(again.status).toBe(404);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.error).toMatchObject({
      code: missing.body.error.code,
      message: missing.body.error.message,
      details: missing.body.error.details,
    });
  });

  it("a business-rule refusal is replayed, and the refused request left no audit record", async () => {
    // a business rule refuses the first try: revoking a key that is revoked already
    const created = await t.server.post("/v1/api_keys", { name: "twice", roles: ["read_only"] });
    await t.server.post(`/v1/api_keys/${created.body.id}/revoke`);
    const headers = { "idempotency-key": "revoke-twice" };
    const first = await t.server.post(`/v1/api_keys/${created.body.id}/revoke`, undefined, {
      headers,
    });
    expect(first.status).toBe(422);
    expect(first.body.error.code).toBe("api_key_already_revoked");
    // the refused request left no audit record of its own
    const audited = await t.server.db
      .selectFrom("audit_events")
      .select("id")
      .where("request_id", "=", first.headers.get("x-request-id")!)
      .execute();
    expect(audited).toHaveLength(0);
    const again = await t.server.post(`/v1/api_keys/${created.body.id}/revoke`, undefined, {
      headers,
    });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe("api_key_already_revoked");
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    // the same key with another request is still a reuse
    const other = await t.server.post("/v1/api_keys", { name: "x", roles: ["admin"] }, { headers });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_key_reused");
  });

  it("concurrent retries of a refused request all answer the refusal; it ran once", async () => {
    const headers = { "idempotency-key": "concurrent-refusal" };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.server.post("/v1/api_keys/key_01J00000000000000000000001/revoke", undefined, {
          headers,
        }),
      ),
    );
    for (const r of responses) {
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe("api_key_not_found");
    }
    expect(responses.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(
      4,
    );
  });

  it("a request refused before it ran (schema validation) stores nothing", async () => {
    const headers = { "idempotency-key": "invalid-body" };
    const bad = await t.server.post("/v1/api_keys", { name: 42 }, { headers });
    expect(bad.status).toBe(400);
    const stored = await t.server.db
      .selectFrom("idempotency_keys")
      .select("key")
      .where("key", "=", "invalid-body")
      .execute();
    expect(stored).toHaveLength(0);
    const good = await t.server.post("/v1/api_keys", { name: "ok", roles: ["admin"] }, { headers });
    expect(good.status).toBe(201);
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
