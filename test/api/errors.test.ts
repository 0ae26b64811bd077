import { expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("error responses", (t) => {
  it("GET /healthz answers without credentials", async () => {
    const res = await t.server.get("/healthz", { key: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", database: t.backend });
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("malformed JSON → 400 malformed_json", async () => {
    const res = await t.server.request("POST", "/v1/api_keys", { raw: '{"name": "x",' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("malformed_json");
    expect(res.body.error.request_id).toBe(res.headers.get("x-request-id"));
  });

  it("a missing field → 400 validation_failed naming the field", async () => {
    const res = await t.server.post("/v1/api_keys", { roles: ["admin"] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.field).toBe("body.name");
  });

  it("a wrong type → 400 naming the field", async () => {
    const res = await t.server.post("/v1/api_keys", { name: "k", roles: "admin" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe("body.roles");
  });

  it("an unknown field → 400 naming the field", async () => {
    const res = await t.server.post("/v1/api_keys", { name: "k", roles: ["admin"], extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe("body.extra");
  });

  it("a bad query parameter → 400 naming it", async () => {
    const res = await t.server.get("/v1/api_keys?limit=0");
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe("query.limit");
  });

  it("an unknown role → 400 unknown_role", async () => {
    const res = await t.server.post("/v1/api_keys", { name: "k", roles: ["superuser"] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "unknown_role", details: { field: "roles" } });
  });

  it("an unknown id → 404 with a code", async () => {
    const res = await t.server.get("/v1/api_keys/key_01J00000000000000000000000");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("api_key_not_found");
  });

  it("an unknown route → 404 route_not_found", async () => {
    const res = await t.server.get("/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("route_not_found");
  });

  it("a non-JSON content type → 415", async () => {
    const res = await t.server.request("POST", "/v1/api_keys", {
      raw: "name=k",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe("unsupported_media_type");
  });

  it("a body over the limit → 413", async () => {
    const res = await t.server.post("/v1/api_keys", { name: "x".repeat(1_100_000), roles: [] });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });

  it("no credentials → 401 missing_credentials", async () => {
    const res = await t.server.get("/v1/api_keys", { key: null });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("missing_credentials");
  });

  it("an unknown key → 401 invalid_credentials, checked before the body", async () => {
    const res = await t.server.request("POST", "/v1/api_keys", { key: "ak_nope", raw: "{" });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("invalid_credentials");
  });

  it("an invalid Idempotency-Key → 400", async () => {
    const res = await t.server.post(
      "/v1/api_keys",
      { name: "k", roles: ["admin"] },
      { headers: { "idempotency-key": "x".repeat(300) } },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe("header.idempotency-key");
  });

  it("hostile inputs never produce a 5xx", async () => {
    const bodies = ["null", "[]", '"text"', "123", "{}", '{"name":null}', '{"__proto__":{"x":1}}'];
    for (const raw of bodies) {
      const res = await t.server.request("POST", "/v1/api_keys", { raw });
      expect(res.status, raw).toBeGreaterThanOrEqual(400);
      expect(res.status, raw).toBeLessThan(500);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});
