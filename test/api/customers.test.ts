import { expect, it } from "vitest";
import { describeServer } from "../server.js";

const acme = {
  external_id: "crm-1001",
  company_name: "Acme GmbH",
  first_name: "Ada",
  last_name: "Lovelace",
  email: "billing@acme.example",
  locale: "de-DE",
  language: "de",
  vat_id: "DE123456789",
  customer_type: "business" as const,
  time_zone: "Europe/Berlin",
  address: {
    street: "Hauptstraße",
    house_number: "5",
    postal_code: "10115",
    city: "Berlin",
    country: "DE",
  },
  custom_fields: { segment: "smb", seats: 12 },
};

describeServer("customers", (t) => {
  it("create → read → list, with derived fields and tenant-clock timestamps", async () => {
    await t.server.post("/v1/test_clock", { frozen_time: "2025-03-01T09:00:00Z" });
    const created = await t.server.post("/v1/customers", acme);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...acme,
      display_name: "Acme GmbH",
      locked: false,
      deletable: true,
      hidden: false,
      created_at: "2025-03-01T09:00:00.000Z",
    });
    expect(created.body.id).toMatch(/^cus_/);
    const read = await t.server.get(`/v1/customers/${created.body.id}`);
    expect(read.body).toEqual(created.body);
    const byExternal = await t.server.get("/v1/customers?external_id=crm-1001");
    expect(byExternal.body.data.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
  });

  it("PATCH changes only given fields; null clears; address and custom_fields merge", async () => {
    const c = (await t.server.post("/v1/customers", { ...acme, external_id: "crm-2" })).body;
    const patched = await t.server.request("PATCH", `/v1/customers/${c.id}`, {
      body: {
        email: "new@acme.example",
        tag: null,
        address: { city: "Hamburg", street: null },
        custom_fields: { seats: null, tier: "gold" },
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      email: "new@acme.example",
      company_name: "Acme GmbH",
      tag: null,
      address: { house_number: "5", postal_code: "10115", city: "Hamburg", country: "DE" },
      custom_fields: { segment: "smb", tier: "gold" },
    });
    expect(patched.body.address.street).toBeUndefined();
  });

  it("PUT replaces the whole customer: absent fields are cleared", async () => {
    const c = (await t.server.post("/v1/customers", { ...acme, external_id: "crm-3" })).body;
    const replaced = await t.server.request("PUT", `/v1/customers/${c.id}`, {
      body: { first_name: "Grace", last_name: "Hopper" },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      first_name: "Grace",
      last_name: "Hopper",
      company_name: null,
      external_id: null,
      display_name: "Grace Hopper",
      customer_type: "consumer",
      time_zone: "UTC",
      address: {},
      custom_fields: {},
    });
    const audit = await t.server.get(
      `/v1/audit_events?target_id=${c.id}&operation=customers.replace`,
    );
    expect(audit.body.data[0].before.company_name).toBe("Acme GmbH");
    expect(audit.body.data[0].after.company_name).toBeNull();
  });

  it("external_id is unique per tenant → 409, nothing written", async () => {
    await t.server.post("/v1/customers", { external_id: "dup-1" });
    const dup = await t.server.post("/v1/customers", { external_id: "dup-1", email: "x@y.z" });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({
      code: "external_id_taken",
      details: { field: "external_id" },
    });
    const other = await t.server.createTenant("Customers B");
    const elsewhere = await t.server.post(
      "/v1/customers",
      { external_id: "dup-1" },
      { key: other.api_key },
    );
    expect(elsewhere.status).toBe(201);
  });

  it("bad input → 400 naming the field", async () => {
    for (const [body, field] of [
      [{ email: "not-an-email" }, "body.email"],
      [{ address: { country: "Germany" } }, "body.address.country"],
      [{ customer_type: "alien" }, "body.customer_type"],
      [{ nickname: "x" }, "body.nickname"],
    ] as const) {
      const res = await t.server.post("/v1/customers", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.field).toBe(field);
    }
    const tz = await t.server.post("/v1/customers", { time_zone: "Mars/Olympus" });
    expect(tz.status).toBe(400);
    expect(tz.body.error.code).toBe("invalid_time_zone");
  });

  it("an e-mail address SMTP cannot take → 422 email_invalid on create, replace and patch", async () => {
    const bad = await t.server.post("/v1/customers", { email: "ada@acme" });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({
      code: "email_invalid",
      details: { field: "email", reason: "domain_without_dot" },
    });
    const c = (await t.server.post("/v1/customers", { email: "ada@acme.example" })).body;
    const put = await t.server.request("PUT", `/v1/customers/${c.id}`, {
      body: { email: ".ada@acme.example" },
    });
    expect(put.status).toBe(422);
    expect(put.body.error.details.reason).toBe("local_part_invalid");
    const patch = await t.server.request("PATCH", `/v1/customers/${c.id}`, {
      body: { email: "ada@-acme.example" },
    });
    expect(patch.status).toBe(422);
    expect(patch.body.error.details.reason).toBe("domain_invalid");
    expect((await t.server.get(`/v1/customers/${c.id}`)).body.email).toBe("ada@acme.example");
    // clearing it, or changing something else, is not held up
    const cleared = await t.server.request("PATCH", `/v1/customers/${c.id}`, {
      body: { email: null, first_name: "Ada" },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ email: null, first_name: "Ada" });
  });

  it("lock and unlock; repeating either is 422", async () => {
    const c = (await t.server.post("/v1/customers", { email: "lock@x.example" })).body;
    expect((await t.server.post(`/v1/customers/${c.id}/lock`)).body.locked).toBe(true);
    const again = await t.server.post(`/v1/customers/${c.id}/lock`);
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe("customer_already_locked");
    expect((await t.server.post(`/v1/customers/${c.id}/unlock`)).body.locked).toBe(false);
  });

  it("delete → 204, then 404; the row stays for the books; events in the outbox", async () => {
    const c = (await t.server.post("/v1/customers", { email: "gone@x.example" })).body;
    const del = await t.server.request("DELETE", `/v1/customers/${c.id}`);
    expect(del.status).toBe(204);
    expect((await t.server.get(`/v1/customers/${c.id}`)).status).toBe(404);
    expect((await t.server.request("DELETE", `/v1/customers/${c.id}`)).status).toBe(404);
    const row = await t.server.db
      .selectFrom("customers")
      .select("deleted_at")
      .where("id", "=", c.id)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    const events = await t.server.db
      .selectFrom("outbox_events")
      .select("type")
      .where("subject_id", "=", c.id)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.type)).toEqual(["customer.created", "customer.deleted"]);
  });

  it("another tenant's customer is 404 for every operation; read_only cannot write", async () => {
    const c = (await t.server.post("/v1/customers", { email: "mine@x.example" })).body;
    const other = await t.server.createTenant("Customers C");
    const key = other.api_key;
    expect((await t.server.get(`/v1/customers/${c.id}`, { key })).status).toBe(404);
    expect(
      (await t.server.request("PATCH", `/v1/customers/${c.id}`, { key, body: { tag: "x" } }))
        .status,
    ).toBe(404);
    expect((await t.server.request("PUT", `/v1/customers/${c.id}`, { key, body: {} })).status).toBe(
      404,
    );
    expect((await t.server.request("DELETE", `/v1/customers/${c.id}`, { key })).status).toBe(404);
    expect((await t.server.post(`/v1/customers/${c.id}/lock`, undefined, { key })).status).toBe(
      404,
    );
    const list = await t.server.get("/v1/customers?limit=100", { key });
    expect(list.body.data).toEqual([]);

    const reader = (await t.server.post("/v1/api_keys", { name: "r", roles: ["read_only"] })).body
      .secret;
    expect((await t.server.get(`/v1/customers/${c.id}`, { key: reader })).status).toBe(200);
    const denied = await t.server.post("/v1/customers", { email: "x@y.z" }, { key: reader });
    expect(denied.status).toBe(403);
    expect(denied.body.error.details.required_any_of).toEqual(["customers:write"]);
  });
});
