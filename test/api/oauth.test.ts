import { expect, it } from "vitest";
import { describeServer } from "../server.js";

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

describeServer("OAuth client credentials", (t) => {
  const token = (headers: Record<string, string>, body: string, path = "/oauth/token") =>
    fetch(`${t.server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    });

  it("HTTP Basic and form fields both yield a bearer token that authenticates", async () => {
    const { oauth_client_id: id, oauth_client_secret: secret } = t.server.tenant;
    const viaBasic = await token(
      { authorization: basic(id, secret) },
      form({ grant_type: "client_credentials" }),
    );
    expect(viaBasic.status).toBe(200);
    expect(viaBasic.headers.get("cache-control")).toBe("no-store");
    const issued = (await viaBasic.json()) as {
      access_token: string;
      token_type: string;
      expires_in: number;
      expires: number;
    };
    expect(issued).toMatchObject({ token_type: "bearer", expires_in: 86400 });
    expect(issued.access_token).toMatch(/^at_/);
    expect(issued.expires).toBeGreaterThan(Date.now() / 1000);

    const viaForm = await token(
      {},
      form({ grant_type: "client_credentials", client_id: id, client_secret: secret }),
      "/oauth/token/",
    );
    expect(viaForm.status).toBe(200);

    const me = await t.server.get("/v1/tenant", { key: issued.access_token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(t.server.tenant.tenant_id);

    const audit = await t.server.get("/v1/audit_events?operation=oauth.token");
    expect(audit.body.data[0]).toMatchObject({
      actor: { type: "oauth_client", id },
      outcome: "succeeded",
    });
    expect(JSON.stringify(audit.body)).not.toContain(issued.access_token);
  });

  it("wrong secret → 401 invalid_client (RFC 6749 error body)", async () => {
    const res = await token(
      { authorization: basic(t.server.tenant.oauth_client_id, "cs_wrong") },
      form({ grant_type: "client_credentials" }),
    );
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Basic");
    expect(await res.json()).toMatchObject({ error: "invalid_client" });
  });

  it("another grant → 400 unsupported_grant_type; no grant → 400 invalid_request", async () => {
    const auth = {
      authorization: basic(t.server.tenant.oauth_client_id, t.server.tenant.oauth_client_secret),
    };
    const password = await token(auth, form({ grant_type: "password" }));
    expect(password.status).toBe(400);
    expect(await password.json()).toMatchObject({ error: "unsupported_grant_type" });
    const none = await token(auth, "");
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({ error: "invalid_request" });
  });

  it("an expired token is refused", async () => {
    const res = await token(
      {
        authorization: basic(t.server.tenant.oauth_client_id, t.server.tenant.oauth_client_secret),
      },
      form({ grant_type: "client_credentials" }),
    );
    const { access_token } = (await res.json()) as { access_token: string };
    await t.server.db
      .updateTable("access_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const me = await t.server.get("/v1/tenant", { key: access_token });
    expect(me.status).toBe(401);
  });
});
