/**
 * A customer's contacts (add, change, remove, list) and the billing-info and address updates
 * as operations of their own. The transfer rules on them are cases of entity-rules.test.ts.
 */
import { beforeAll, expect, it } from "vitest";
import { describeServer } from "../server.js";

const acme = {
  company_name: "Acme GmbH",
  email: "billing@acme.example",
  language: "de",
  locale: "de-DE",
  vat_id: "DE123456789",
  customer_type: "business" as const,
  address: { street: "Hauptstraße", house_number: "5", city: "Berlin", country: "DE" },
};

describeServer("customer contacts", (t) => {
  const customer = async (fields: Record<string, unknown> = acme): Promise<string> =>
    (await t.server.must("POST", "/v1/customers", fields)).id;
  const contacts = (id: string) => `/v1/customers/${id}/contacts`;

  beforeAll(async () => {
    await t.server.must("POST", "/v1/test_clock", { frozen_time: "2026-03-01T09:00:00Z" });
  });

  it("add → list → change → remove, each audited with an event", async () => {
    const c = await customer();
    const added = await t.server.post(contacts(c), {
      first_name: "Grace",
      last_name: "Hopper",
      email: "grace@acme.example",
      phone: "+49 30 1234567",
      label: "Accounts payable",
      send_billing_email: true,
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      id: expect.stringMatching(/^ctc_/),
      customer_id: c,
      first_name: "Grace",
      last_name: "Hopper",
      email: "grace@acme.example",
      phone: "+49 30 1234567",
      label: "Accounts payable",
      send_billing_email: true,
      send_account_email: false,
      enabled: false,
      created_at: "2026-03-01T09:00:00.000Z",
      updated_at: "2026-03-01T09:00:00.000Z",
    });
    const id = added.body.id as string;
    const second = await t.server.post(contacts(c), { email: "ops@acme.example" });
    expect(second.body).toMatchObject({ first_name: null, label: null, enabled: false });

    const list = await t.server.get(contacts(c));
    expect(list.status).toBe(200);
    expect(list.body.data.map((x: { id: string }) => x.id)).toEqual([id, second.body.id]);
    expect(list.body.has_more).toBe(false);
    const page = await t.server.get(`${contacts(c)}?limit=1`);
    expect(page.body).toMatchObject({ has_more: true, next_cursor: id });

    await t.server.must("POST", "/v1/test_clock/advance", { frozen_time: "2026-03-02T09:00:00Z" });
    const changed = await t.server.request("PATCH", `${contacts(c)}/${id}`, {
      body: { label: null, enabled: true, send_account_email: true, email: "g@acme.example" },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      first_name: "Grace",
      label: null,
      email: "g@acme.example",
      enabled: true,
      send_billing_email: true,
      send_account_email: true,
      created_at: "2026-03-01T09:00:00.000Z",
      updated_at: "2026-03-02T09:00:00.000Z",
    });

    const removed = await t.server.request("DELETE", `${contacts(c)}/${id}`);
    expect(removed.status).toBe(204);
    const after = await t.server.get(contacts(c));
    expect(after.body.data.map((x: { id: string }) => x.id)).toEqual([second.body.id]);
    const again = await t.server.request("DELETE", `${contacts(c)}/${id}`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("contact_not_found");

    const audit = (await t.server.get(`/v1/audit_events?target_id=${id}`)).body.data;
    expect(audit.map((e: { operation: string }) => e.operation)).toEqual([
      "customer_contacts.delete",
      "customer_contacts.update",
      "customer_contacts.create",
    ]);
    expect(audit[0]).toMatchObject({ before: { email: "g@acme.example" }, after: null });
    expect(audit[1]).toMatchObject({
      before: { label: "Accounts payable", enabled: false },
      after: { label: null, enabled: true },
    });
    const events = (await t.server.get(`/v1/events?subject_id=${c}`)).body.data;
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      "customer_contact.deleted",
      "customer_contact.updated",
      "customer_contact.created",
      "customer_contact.created",
      "customer.created",
    ]);
  });

  it("bad input → 400 naming the field, nothing written", async () => {
    const c = await customer();
    for (const [body, field] of [
      [{}, "body.email"],
      [{ email: "not-an-email" }, "body.email"],
      [{ email: "a@b.example", enabled: "yes" }, "body.enabled"],
      [{ email: "a@b.example", role: "billing" }, "body.role"],
      [{ email: "a@b.example", label: "x".repeat(51) }, "body.label"],
    ] as const) {
      const res = await t.server.post(contacts(c), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.field, JSON.stringify(body)).toBe(field);
    }
    expect((await t.server.get(contacts(c))).body.data).toEqual([]);

    const { id } = await t.server.must("POST", contacts(c), { email: "a@b.example" });
    for (const body of [{}, { email: null }, { email: "nope" }, { customer_id: "cus_x" }]) {
      const res = await t.server.request("PATCH", `${contacts(c)}/${id}`, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const unchanged = (await t.server.get(contacts(c))).body.data[0];
    expect(unchanged).toMatchObject({ id, email: "a@b.example" });
  });

  it("an address SMTP cannot take → 422 email_invalid naming the rule, nothing written", async () => {
    const c = await customer();
    for (const [email, reason] of [
      ["ada@acme", "domain_without_dot"],
      ["ada..l@acme.example", "local_part_invalid"],
      ["ada@acme_corp.example", "domain_invalid"],
      [`${"l".repeat(65)}@acme.example`, "local_part_length"],
    ] as const) {
      const res = await t.server.post(contacts(c), { email });
      expect(res.status, email).toBe(422);
      expect(res.body.error, email).toMatchObject({
        code: "email_invalid",
        details: { field: "email", reason },
      });
    }
    expect((await t.server.get(contacts(c))).body.data).toEqual([]);
    const { id } = await t.server.must("POST", contacts(c), { email: "ops@localhost" });
    const res = await t.server.request("PATCH", `${contacts(c)}/${id}`, {
      body: { email: "ops@acme.example." },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: "email_invalid",
      details: { reason: "domain_invalid" },
    });
    expect((await t.server.get(contacts(c))).body.data[0]).toMatchObject({
      id,
      email: "ops@localhost",
    });
  });

  it("a customer has at most 50 contacts: the 51st is 422, nothing written", async () => {
    const c = await customer();
    for (let i = 0; i < 50; i++) {
      await t.server.must("POST", contacts(c), { email: `p${i}@acme.example` });
    }
    const over = await t.server.post(contacts(c), { email: "one-too-many@acme.example" });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({
      code: "contact_limit_reached",
      details: { customer_id: c, limit: 50 },
    });
    const all = await t.server.get(`${contacts(c)}?limit=100`);
    expect(all.body.data).toHaveLength(50);
    // room again after a removal
    await t.server.request("DELETE", `${contacts(c)}/${all.body.data[0].id}`);
    expect((await t.server.post(contacts(c), { email: "room@acme.example" })).status).toBe(201);
  });

  it("another tenant's customer or another customer's contact is 404", async () => {
    const c = await customer();
    const d = await customer();
    const { id } = await t.server.must("POST", contacts(c), { email: "a@b.example" });
    const other = await t.server.createTenant("Contacts B");
    const key = other.api_key;
    for (const [method, path, body] of [
      ["GET", contacts(c), undefined],
      ["POST", contacts(c), { email: "x@y.example" }],
      ["PATCH", `${contacts(c)}/${id}`, { label: "x" }],
      ["DELETE", `${contacts(c)}/${id}`, undefined],
    ] as const) {
      const res = await t.server.request(method, path, { key, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe("customer_not_found");
    }
    const wrongParent = await t.server.request("PATCH", `${contacts(d)}/${id}`, {
      body: { label: "x" },
    });
    expect(wrongParent.status).toBe(404);
    expect(wrongParent.body.error.code).toBe("contact_not_found");
    const kept = (await t.server.get(contacts(c))).body.data[0];
    expect(kept).toMatchObject({ id, label: null });
  });

  it("a deleted customer keeps its contacts, which are 404 like the customer", async () => {
    const c = await customer();
    const { id } = await t.server.must("POST", contacts(c), { email: "a@b.example" });
    expect((await t.server.request("DELETE", `/v1/customers/${c}`)).status).toBe(204);
    const list = await t.server.get(contacts(c));
    expect(list.status).toBe(404);
    expect(list.body.error.code).toBe("customer_not_found");
    const change = await t.server.request("PATCH", `${contacts(c)}/${id}`, {
      body: { label: "x" },
    });
    expect(change.status).toBe(404);
    const rows = await t.server.db
      .selectFrom("customer_contacts")
      .select("id")
      .where("customer_id", "=", c)
      .execute();
    expect(rows).toEqual([{ id }]);
  });

  it("an add replayed with the same Idempotency-Key answers the first contact, written once", async () => {
    const c = await customer();
    const headers = { "idempotency-key": "contact-add-1" };
    const body = { email: "once@acme.example", label: "Once" };
    const first = await t.server.post(contacts(c), body, { headers });
    const replay = await t.server.post(contacts(c), body, { headers });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await t.server.get(contacts(c))).body.data).toHaveLength(1);
    const reused = await t.server.post(contacts(c), { email: "twice@acme.example" }, { headers });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe("idempotency_key_reused");
  });

  it("a read-only key lists contacts but may not change them", async () => {
    const c = await customer();
    const { secret } = await t.server.must("POST", "/v1/api_keys", {
      name: "contacts viewer",
      roles: ["read_only"],
    });
    expect((await t.server.get(contacts(c), { key: secret })).status).toBe(200);
    const denied = await t.server.post(contacts(c), { email: "a@b.example" }, { key: secret });
    expect(denied.status).toBe(403);
    expect(denied.body.error.details).toMatchObject({
      operation: "customer_contacts.create",
      required_any_of: ["customers:write"],
    });
  });
});

describeServer("billing info and address updates", (t) => {
  const customer = async (): Promise<string> =>
    (await t.server.must("POST", "/v1/customers", acme)).id;

  it("update_billing_info changes only the billing fields given; an address given is replaced", async () => {
    const c = await customer();
    const res = await t.server.post(`/v1/customers/${c}/update_billing_info`, {
      vat_id: "ATU12345678",
      language: null,
      address: { line1: "Ringstraße 1", postal_code: "1010", city: "Wien", country: "AT" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      vat_id: "ATU12345678",
      language: null,
      locale: "de-DE",
      customer_type: "business",
      company_name: "Acme GmbH",
      email: "billing@acme.example",
    });
    expect(res.body.address).toEqual({
      line1: "Ringstraße 1",
      postal_code: "1010",
      city: "Wien",
      country: "AT",
    });
    expect((await t.server.get(`/v1/customers/${c}`)).body).toEqual(res.body);

    const kept = await t.server.post(`/v1/customers/${c}/update_billing_info`, {
      customer_type: "consumer",
    });
    expect(kept.body).toMatchObject({ customer_type: "consumer", vat_id: "ATU12345678" });
    expect(kept.body.address.city).toBe("Wien");

    const audit = await t.server.get(
      `/v1/audit_events?target_id=${c}&operation=customers.update_billing_info`,
    );
    expect(audit.body.data).toHaveLength(2);
    expect(audit.body.data[1]).toMatchObject({
      before: { vat_id: "DE123456789", address: { city: "Berlin" } },
      after: { vat_id: "ATU12345678", address: { city: "Wien" } },
    });
    const events = await t.server.get(`/v1/events?subject_id=${c}&type=customer.updated`);
    expect(events.body.data).toHaveLength(2);
  });

  it("update_address replaces the address whole and nothing else", async () => {
    const c = await customer();
    const res = await t.server.post(`/v1/customers/${c}/update_address`, {
      address: { street: "Domplatz", house_number: "1", city: "Köln", country: "DE" },
    });
    expect(res.status).toBe(200);
    expect(res.body.address).toEqual({
      street: "Domplatz",
      house_number: "1",
      city: "Köln",
      country: "DE",
    });
    expect(res.body).toMatchObject({ vat_id: "DE123456789", language: "de" });
    const cleared = await t.server.post(`/v1/customers/${c}/update_address`, { address: {} });
    expect(cleared.body.address).toEqual({});
    const audit = await t.server.get(
      `/v1/audit_events?target_id=${c}&operation=customers.update_address`,
    );
    expect(audit.body.data[0]).toMatchObject({
      before: { address: { city: "Köln" } },
      after: { address: {} },
    });
  });

  it("bad input → 400, unknown or another tenant's customer → 404, nothing written", async () => {
    const c = await customer();
    for (const [path, body, field] of [
      ["update_billing_info", {}, "body"],
      ["update_billing_info", { email: "x@y.example" }, "body.email"],
      ["update_billing_info", { vat_id: "DE 1234/567" }, "body.vat_id"],
      ["update_billing_info", { address: { country: "Germany" } }, "body.address.country"],
      ["update_address", {}, "body.address"],
      ["update_address", { address: { city: "Bonn", zip: "53111" } }, "body.address.zip"],
    ] as const) {
      const res = await t.server.post(`/v1/customers/${c}/${path}`, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error.details.field, `${path} ${JSON.stringify(body)}`).toBe(field);
    }
    const other = await t.server.createTenant("Billing info B");
    for (const path of ["update_billing_info", "update_address"]) {
      const body = path === "update_address" ? { address: {} } : { vat_id: "DE1" };
      const foreign = await t.server.post(`/v1/customers/${c}/${path}`, body, {
        key: other.api_key,
      });
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.code).toBe("customer_not_found");
      const unknown = await t.server.post(`/v1/customers/cus_unknown/${path}`, body);
      expect(unknown.status).toBe(404);
    }
    const read = (await t.server.get(`/v1/customers/${c}`)).body;
    expect(read).toMatchObject({ vat_id: "DE123456789", address: acme.address });
  });

  it("a billing-info update replayed with the same Idempotency-Key changes it once", async () => {
    const c = await customer();
    const headers = { "idempotency-key": "billing-info-1" };
    const body = { vat_id: "NL123456789B01" };
    const first = await t.server.post(`/v1/customers/${c}/update_billing_info`, body, { headers });
    const replay = await t.server.post(`/v1/customers/${c}/update_billing_info`, body, {
      headers,
    });
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const audit = await t.server.get(
      `/v1/audit_events?target_id=${c}&operation=customers.update_billing_info`,
    );
    expect(audit.body.data).toHaveLength(1);
  });
});
