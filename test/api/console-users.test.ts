/** Console users: created with roles, sign in with e-mail and password, disabled at once. */
import http from "node:http";
import { expect, it } from "vitest";
import { describeServer } from "../server.js";

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
});

/** POSTs JSON from a given local address (the server sees it as the client address). */
function postFrom(
  url: string,
  body: unknown,
  localAddress: string,
): Promise<{ status: number; body: any }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        localAddress,
        headers: {
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
