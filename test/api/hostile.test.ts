import net from "node:net";
import { expect, it } from "vitest";
import { describeServer } from "../server.js";

/** Sends raw bytes and returns the raw HTTP answer. */
function rawRequest(url: string, payload: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(payload));
    let out = "";
    socket.on("data", (d) => {
      out += d;
    });
    socket.on("end", () => resolve(out));
    socket.on("close", () => resolve(out));
    socket.on("error", reject);
  });
}

describeServer("hostile input", (t) => {
  it.each([
    ["path", "/v1/api_keys/a%00b"],
    ["query", "/v1/api_keys?cursor=%00"],
    ["query", "/v1/audit_events?operation=x%00y"],
  ])("a NUL character in the %s → 400 invalid_characters", async (_part, url) => {
    const res = await t.server.get(url);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_characters");
  });

  it("a NUL character in the body → 400 naming the field, nothing written", async () => {
    const res = await t.server.post("/v1/api_keys", { name: "a\u0000b", roles: ["read_only"] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "invalid_characters",
      details: { field: "body.name" },
    });
  });

  it("deeply nested JSON → 400 too_deeply_nested, on routes with and without a body schema", async () => {
    const raw = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    for (const url of ["/v1/api_keys", "/v1/api_keys/key_01J00000000000000000000000/revoke"]) {
      const res = await t.server.request("POST", url, { raw });
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe("too_deeply_nested");
    }
  });

  it("text/plain, another charset or a compressed body → 415", async () => {
    const text = await t.server.request("POST", "/v1/api_keys", {
      raw: "hello",
      headers: { "content-type": "text/plain" },
    });
    expect(text.status).toBe(415);
    const utf16 = await t.server.request("POST", "/v1/api_keys", {
      raw: '{"name":"k","roles":["admin"]}',
      headers: { "content-type": "application/json; charset=utf-16" },
    });
    expect(utf16.status).toBe(415);
    expect(utf16.body.error.code).toBe("unsupported_charset");
    const gzip = await t.server.request("POST", "/v1/api_keys", {
      raw: '{"name":"k","roles":["admin"]}',
      headers: { "content-encoding": "gzip" },
    });
    expect(gzip.status).toBe(415);
    expect(gzip.body.error.code).toBe("unsupported_content_encoding");
  });

  it("a badly encoded URL → 400 in the error envelope", async () => {
    const res = await t.server.get("/v1/%ZZ");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("malformed_url");
    expect(res.body.error.request_id).toMatch(/^req_/);
  });

  it("oversized headers and broken HTTP → 4xx in the error envelope", async () => {
    const big = await rawRequest(
      t.server.url,
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    );
    expect(big).toMatch(/^HTTP\/1\.1 431/);
    expect(big).toContain('"code":"headers_too_large"');
    const broken = await rawRequest(
      t.server.url,
      "POST /v1/api_keys HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
    );
    expect(broken).toMatch(/^HTTP\/1\.1 400/);
    expect(broken).toContain('"code":"malformed_request"');
  });

  it("huge numbers and wrong types in parameters → 400, never 5xx", async () => {
    for (const url of [
      "/v1/api_keys?limit=1e309",
      "/v1/api_keys?limit=99999999999999999999",
      "/v1/api_keys?limit=-0",
    ]) {
      const res = await t.server.get(url);
      expect(res.status, url).toBe(400);
    }
  });
});

describeServer("idempotent replays never reveal a secret", (t) => {
  it("a replay answers the key without its secret; another caller's key with the same Idempotency-Key is 409", async () => {
    const headers = { "idempotency-key": "mint-1" };
    const body = { name: "minted", roles: ["read_only"] };
    const first = await t.server.post("/v1/api_keys", body, { headers });
    expect(first.body.secret).toMatch(/^ak_/);
    const replay = await t.server.post("/v1/api_keys", body, { headers });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual({ ...first.body, secret: null });
    const stored = await t.server.db
      .selectFrom("idempotency_keys")
      .select("response")
      .where("key", "=", "mint-1")
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.response)).not.toContain(first.body.secret);

    const otherAdmin = await t.server.post("/v1/api_keys", {
      name: "second admin",
      roles: ["admin"],
    });
    const stolen = await t.server.post("/v1/api_keys", body, {
      headers,
      key: otherAdmin.body.secret,
    });
    expect(stolen.status).toBe(409);
    expect(stolen.body.error.code).toBe("idempotency_key_reused");
  });

  it("the fingerprint ignores how the URL is spelled", async () => {
    const created = await t.server.post("/v1/api_keys", { name: "spelled", roles: ["read_only"] });
    const headers = { "idempotency-key": "revoke-spelled" };
    const a = await t.server.post(`/v1/api_keys/${created.body.id}/revoke`, undefined, { headers });
    expect(a.status).toBe(200);
    const encoded = created.body.id.replace("_", "%5F");
    const b = await t.server.post(`/v1/api_keys/${encoded}/revoke`, undefined, { headers });
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
  });

  it("test clocks keep what they store: millisecond precision", async () => {
    const created = await t.server.post("/v1/test_clock", {
      frozen_time: "2025-01-01T00:00:00.123456789Z",
    });
    expect(created.body.now).toBe("2025-01-01T00:00:00.123Z");
    const back = await t.server.post("/v1/test_clock/advance", {
      frozen_time: "2025-01-01T00:00:00.1229Z",
    });
    expect(back.status).toBe(422);
  });
});
