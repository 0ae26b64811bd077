/**
 * Roles: the built-in ones and a tenant's own, held by API keys; a caller grants only what it
 * holds; changing a role changes what its holders may do at once.
 */
import { expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("roles", (t) => {
  const keyWith = async (roles: string[], key?: string) => {
    const res = await t.server.request("POST", "/v1/api_keys", {
      body: { name: roles.join("+"), roles },
      ...(key ? { key } : {}),
    });
    return res;
  };

  it("every tenant has the built-in roles", async () => {
    const res = await t.server.get("/v1/roles");
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.data.map((r: any) => [r.name, r]));
    expect(Object.keys(byName)).toEqual(["admin", "read_only", "finance", "partner_operator"]);
    expect(byName.admin.permissions).toEqual(["*"]);
    expect(byName.finance.permissions).toContain("payments:write");
    expect(byName.finance.permissions).not.toContain("customers:write");
    expect(byName.partner_operator.permissions).toContain("customers:write");
    expect(byName.partner_operator.permissions).not.toContain("api_keys:write");
  });

  it("a custom role allows exactly its codes; denials name the missing permission", async () => {
    const created = await t.server.post("/v1/roles", {
      name: "support",
      description: "helpdesk",
      permissions: ["customers:read", "customers:write"],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "support", built_in: false });
    const key = (await keyWith(["support"])).body.secret;
    expect((await t.server.post("/v1/customers", { email: "s@x.example" }, { key })).status).toBe(
      201,
    );
    expect((await t.server.get("/v1/customers", { key })).status).toBe(200);
    const denied = await t.server.get("/v1/invoices", { key });
    expect(denied.status).toBe(403);
    expect(denied.body.error.details.required_any_of).toEqual(["invoices:read"]);

    // taking a code away takes effect at once
    const patched = await t.server.request("PATCH", "/v1/roles/support", {
      body: { permissions: ["customers:read"] },
    });
    expect(patched.status).toBe(200);
    expect((await t.server.post("/v1/customers", { email: "t@x.example" }, { key })).status).toBe(
      403,
    );
    expect((await t.server.get("/v1/customers", { key })).status).toBe(200);
  });

  it("a caller grants only codes it holds, in roles and in keys", async () => {
    await t.server.post("/v1/roles", {
      name: "key_manager",
      permissions: ["roles:read", "roles:write", "api_keys:read", "api_keys:write"],
    });
    const manager = (await keyWith(["key_manager"])).body.secret;
    const wider = await t.server.post(
      "/v1/roles",
      { name: "wider", permissions: ["customers:read"] },
      { key: manager },
    );
    expect(wider.status).toBe(403);
    expect(wider.body.error).toMatchObject({
      code: "cannot_grant_role",
      details: { missing: ["customers:read"] },
    });
    const ownRole = await keyWith(["key_manager"], manager);
    expect(ownRole.status).toBe(201);
    const finance = await keyWith(["finance"], manager);
    expect(finance.status).toBe(403);
  });

  it("names, codes and deletion are checked", async () => {
    const unknown = await t.server.post("/v1/roles", { name: "x", permissions: ["nope:read"] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("unknown_permission");
    const builtIn = await t.server.post("/v1/roles", {
      name: "admin",
      permissions: ["tenant:read"],
    });
    expect(builtIn.status).toBe(409);
    const twice = await t.server.post("/v1/roles", {
      name: "support",
      permissions: ["tenant:read"],
    });
    expect(twice.status).toBe(409);
    expect((await t.server.request("DELETE", "/v1/roles/admin")).status).toBe(409);

    const held = await t.server.request("DELETE", "/v1/roles/support");
    expect(held.status).toBe(409);
    expect(held.body.error).toMatchObject({ code: "role_in_use", details: { holders: 1 } });
    const keys = (await t.server.get("/v1/api_keys?limit=100")).body.data;
    for (const k of keys.filter((k: any) => k.roles.includes("support"))) {
      await t.server.post(`/v1/api_keys/${k.id}/revoke`);
    }
    expect((await t.server.request("DELETE", "/v1/roles/support")).status).toBe(200);
    const gone = await keyWith(["support"]);
    expect(gone.status).toBe(400);
    expect(gone.body.error.code).toBe("unknown_role");
  });

  it("finance records payments but does not edit customers; roles are per tenant", async () => {
    const finance = (await keyWith(["finance"])).body.secret;
    expect((await t.server.get("/v1/payments", { key: finance })).status).toBe(200);
    expect(
      (await t.server.post("/v1/customers", { email: "f@x.example" }, { key: finance })).status,
    ).toBe(403);
    const other = await t.server.createTenant("Other roles");
    const foreign = await keyWith(["key_manager"], other.api_key);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe("unknown_role");
  });
});
