/** Console users: created with roles, sign in with e-mail and password, disabled at once. */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/http/app.js";
import { BACKENDS } from "../harness.js";
import { describeServer, startTestServer, type TestServer } from "../server.js";

describeServer("console users", (t) => {
  const password = "correct horse battery staple";
  const email = () => `u-${Math.random().toString(36).slice(2)}@example.com`;

  it("signs a user in with its roles; wrong or unknown credentials get the same answer", async () => {
    const address = email();
    const created = await t.server.post("/v1/console_users", {
      email: address.toUpperCase(),
      name: "Rita Reader",
      password,
      roles: ["read_only"],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: address, roles: ["read_only"], disabled_at: null });
    expect(JSON.stringify(created.body)).not.toContain("scrypt");

    const session = await t.server.post(
      "/v1/console_sessions",
      { email: address, password },
      { key: null },
    );
    expect(session.status).toBe(201);
    expect(session.body.access_token).toMatch(/^at_/);
    const token = session.body.access_token;
    expect((await t.server.get("/v1/customers", { key: token })).status).toBe(200);
    const write = await t.server.post("/v1/customers", { email: "x@y.example" }, { key: token });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe("permission_denied");

    for (const wrong of [
      { email: address, password: "not the password!" },
      { email: "nobody@example.com", password },
    ]) {
      const res = await t.server.post("/v1/console_sessions", wrong, { key: null });
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({
        code: "invalid_credentials",
        message: "wrong e-mail address or password",
      });
    }
  });

  it("refuses a taken e-mail, a blank password, and roles the creator does not hold", async () => {
    const address = email();
    const body = { email: address, name: "A", password, roles: ["read_only"] };
    expect((await t.server.post("/v1/console_users", body)).status).toBe(201);
    const other = await t.server.createTenant("Elsewhere");
    const taken = await t.server.post("/v1/console_users", body, { key: other.api_key });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("console_user_email_taken");
    const blank = await t.server.post("/v1/console_users", {
      ...body,
      email: email(),
      password: " ".repeat(14),
    });
    expect(blank.body.error.code).toBe("weak_password");
    const reader = await t.server.post("/v1/api_keys", { name: "r", roles: ["read_only"] });
    const grant = await t.server.post(
      "/v1/console_users",
      { ...body, email: email(), roles: ["admin"] },
      { key: reader.body.secret },
    );
    expect(grant.status).toBe(403);
    const count = await t.server.db
      .selectFrom("console_users")
      .select(({ fn }) => fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2); // the first test's user and this one's first
  });

  it("disabling a user ends its sessions at once and stops new ones", async () => {
    const address = email();
    const user = await t.server.post("/v1/console_users", {
      email: address,
      name: "Short-lived",
      password,
      roles: ["admin"],
    });
    const token = (
      await t.server.post("/v1/console_sessions", { email: address, password }, { key: null })
    ).body.access_token;
    expect((await t.server.get("/v1/tenant", { key: token })).status).toBe(200);
    const disabled = await t.server.post(`/v1/console_users/${user.body.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled_at).not.toBeNull();
    expect((await t.server.get("/v1/tenant", { key: token })).status).toBe(401);
    const again = await t.server.post(
      "/v1/console_sessions",
      { email: address, password },
      { key: null },
    );
    expect(again.status).toBe(401);
    const audit = await t.server.get(`/v1/audit_events?target_id=${user.body.id}`);
    expect(audit.body.data.map((e: { operation: string }) => e.operation)).toEqual([
      "console_users.disable",
      "console_sessions.create",
      "console_users.create",
    ]);
  });

  it("signing out ends the session at once; other tokens are not a session to end", async () => {
    const address = email();
    await t.server.post("/v1/console_users", {
      email: address,
      name: "Out",
      password,
      roles: ["read_only"],
    });
    const token = (
      await t.server.post("/v1/console_sessions", { email: address, password }, { key: null })
    ).body.access_token;
    expect((await t.server.get("/v1/tenant", { key: token })).status).toBe(200);
    const end = (access_token: string) =>
      t.server.post("/v1/console_sessions/end", { access_token }, { key: null });
    expect((await end(t.server.tenant.api_key)).body).toEqual({ ended: false });
    expect((await end(token)).body).toEqual({ ended: true });
    expect((await t.server.get("/v1/tenant", { key: token })).status).toBe(401);
    expect((await end(token)).body).toEqual({ ended: false });
    expect((await t.server.get("/v1/tenant")).status).toBe(200); // the admin key still works
  });

  it("a guesser from one client address is slowed down but cannot lock the user out", async () => {
    const address = email();
    await t.server.post("/v1/console_users", {
      email: address,
      name: "Target",
      password,
      roles: ["read_only"],
    });
    // the guesser signs in from 127.0.0.2, the user from 127.0.0.3 (both reach the loopback)
    const signIn = (body: unknown, from: string) =>
      postFrom(`${t.server.url}/v1/console_sessions`, body, from);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await signIn(
        { email: address.toUpperCase(), password: `guess number ${i}` },
        "127.0.0.2",
      );
      statuses.push(res.status);
    }
    // five free failures, a sixth, then the guesser waits (2 s, doubling with every failure)
    expect(statuses).toEqual(Array(6).fill(401));
    for (let i = 0; i < 6; i++) {
      const waiting = await signIn({ email: address, password: "guess again" }, "127.0.0.2");
      expect(waiting.status).toBe(429);
      expect(waiting.body.error.code).toBe("too_many_sign_in_attempts");
      expect(waiting.body.error.details.retry_after_seconds).toBeGreaterThanOrEqual(1);
    }
    // even the right password waits from the guesser's address
    expect((await signIn({ email: address, password }, "127.0.0.2")).status).toBe(429);
    // the user, from their own address, signs in as always
    const right = await signIn({ email: address, password }, "127.0.0.3");
    expect(right.status, JSON.stringify(right.body)).toBe(201);
    expect(right.body.access_token).toMatch(/^at_/);
  });

  it("without ACCRUE_TRUST_PROXY, X-Forwarded-For is ignored: it neither spreads nor shifts the limits", async () => {
    const address = email();
    await t.server.post("/v1/console_users", {
      email: address,
      name: "Target",
      password,
      roles: ["read_only"],
    });
    const signIn = (body: unknown, forwardedFor: string) =>
      postFrom(`${t.server.url}/v1/console_sessions`, body, "127.0.0.4", {
        "x-forwarded-for": forwardedFor,
      });
    // a guesser naming a new address in every request is still one client
    for (let i = 0; i < 6; i++) {
      const res = await signIn({ email: address, password: `guess ${i}` }, `203.0.113.${i + 1}`);
      expect(res.status).toBe(401);
    }
    const waiting = await signIn({ email: address, password: "guess" }, "203.0.113.99");
    expect(waiting.status).toBe(429);
    expect(waiting.body.error.code).toBe("too_many_sign_in_attempts");
    // nor can a request name the user's own address to lock them out: theirs is untouched
    const right = await postFrom(
      `${t.server.url}/v1/console_sessions`,
      { email: address, password },
      "127.0.0.5",
    );
    expect(right.status, JSON.stringify(right.body)).toBe(201);
  });
});

for (const backend of BACKENDS)
  describe(`console sign-in behind a trusted proxy [${backend}]`, () => {
    // ACCRUE_TRUST_PROXY=127.0.0.6: the load balancer connects from 127.0.0.6; a client
    // connecting from anywhere else is not a proxy, and what it forwards is ignored
    const proxy = "127.0.0.6";
    const password = "correct horse battery staple";
    let server: TestServer;
    beforeAll(async () => {
      // ACCRUE_RATE_LIMIT=4: bursts of 8 requests per client address
      server = await startTestServer(backend, { trustProxy: [proxy], rateLimit: 4 });
    });
    afterAll(async () => {
      await server?.close();
    });

    let users = 0;
    const newUser = async () => {
      const address = `proxied-${++users}@example.com`;
      const res = await server.post("/v1/console_users", {
        email: address,
        name: "Operator",
        password,
        roles: ["read_only"],
      });
      expect(res.status).toBe(201);
      return address;
    };
    const viaProxy = (path: string, body: unknown, client: string, key?: string) =>
      postFrom(`${server.url}${path}`, body, proxy, {
        "x-forwarded-for": client,
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      });

    it("a guesser at one forwarded address does not throttle another's sign-in", async () => {
      const address = await newUser();
      for (let i = 0; i < 6; i++) {
        const res = await viaProxy(
          "/v1/console_sessions",
          { email: address, password: `guess ${i}` },
          "203.0.113.9",
        );
        expect(res.status, `guess ${i}`).toBe(401);
      }
      const waiting = await viaProxy(
        "/v1/console_sessions",
        { email: address, password },
        "203.0.113.9",
      );
      expect(waiting.status).toBe(429);
      expect(waiting.body.error.code).toBe("too_many_sign_in_attempts");
      // the client the proxy names (the last X-Forwarded-For entry it added) is the address
      const right = await viaProxy(
        "/v1/console_sessions",
        { email: address, password },
        "203.0.113.9, 198.51.100.7",
      );
      expect(right.status, JSON.stringify(right.body)).toBe(201);
    });

    it("a client connecting directly cannot pose as another through X-Forwarded-For", async () => {
      const address = await newUser();
      for (let i = 0; i < 6; i++) {
        const res = await postFrom(
          `${server.url}/v1/console_sessions`,
          { email: address, password: `guess ${i}` },
          "127.0.0.7",
          { "x-forwarded-for": `198.51.100.${i + 1}` },
        );
        expect(res.status, `guess ${i}`).toBe(401);
      }
      const waiting = await postFrom(
        `${server.url}/v1/console_sessions`,
        { email: address, password },
        "127.0.0.7",
        { "x-forwarded-for": "198.51.100.200" },
      );
      expect(waiting.status).toBe(429);
    });

    it("wrong API keys spend the forwarded client's budget, not the proxy's", async () => {
      const guess = (client: string) =>
        viaProxy("/v1/customers", { email: "x@y.example" }, client, "ak_wrong");
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) statuses.push((await guess("203.0.113.50")).status);
      expect(statuses).toEqual([...Array(8).fill(401), 429]);
      const other = await guess("203.0.113.51");
      expect(other.status).toBe(401);
      expect(other.body.error.code).not.toBe("rate_limited");
    });

    it("a hop count reads the address the nearest proxies added, not what the client wrote", async () => {
      // ACCRUE_TRUST_PROXY=1: the peer is the one proxy; the last X-Forwarded-For entry is
      // the client it saw, whatever the client itself put before it
      const app = await buildApp({
        db: server.db,
        backend,
        config: {
          bodyLimit: 1_048_576,
          logLevel: "silent",
          publicUrl: "http://127.0.0.1",
          rateLimit: 1,
          trustProxy: 1,
        },
      });
      try {
        const guess = async (forwardedFor: string) =>
          (
            await app.inject({
              method: "GET",
              url: "/v1/customers",
              headers: { authorization: "Bearer ak_wrong", "x-forwarded-for": forwardedFor },
            })
          ).statusCode;
        // a burst of 2 for the client 198.51.100.60, spoofed entries or not
        expect(await guess("10.9.9.1, 198.51.100.60")).toBe(401);
        expect(await guess("10.9.9.2, 198.51.100.60")).toBe(401);
        expect(await guess("10.9.9.3, 198.51.100.60")).toBe(429);
        expect(await guess("198.51.100.61")).toBe(401);
      } finally {
        await app.close();
      }
    });
  });

/** POSTs JSON from a given local address (the server sees it as the client address). */
function postFrom(
  url: string,
  body: unknown,
  localAddress: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        localAddress,
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
