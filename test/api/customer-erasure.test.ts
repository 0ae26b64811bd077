/**
 * Erasing a customer's personal data over HTTP: the personal fields and contacts go, the money
 * records and the balance stay, the audit record carries no erased value, and a repeat erases
 * again whatever was added since.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("clearing a customer's personal data", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const personal = {
    first_name: "Erika",
    last_name: "Mustermann",
    email: "erika@x.example",
    company_name: "Erikas Laden",
    vat_id: "DE123456789",
    tag: "vip erika",
    address: { street: "Hauptstr.", house_number: "1", city: "Köln", country: "DE" },
    custom_fields: { phone: "+49 221 1234" },
  };

  // a consumer and a business customer, each with a paid-in-part invoice and a contact
  beforeAll(async () => {
    api = await billingTenant(t.server, "Erasure", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    const v30 = await api.variant(plan, {
      internal_name: "S",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.consumer = await api.customer({ ...personal, customer_type: "consumer" });
    ids.business = await api.customer({ ...personal, customer_type: "business" });
    for (const c of [ids.consumer, ids.business]) {
      await api.signup(c, v30);
      await api.post(`/v1/customers/${c}/contacts`, { email: "contact@x.example" });
    }
    await api.run();
    for (const c of [ids.consumer, ids.business]) {
      await api.post("/v1/payments", {
        customer_id: c,
        amount: "10.00",
        currency: "EUR",
        method: "offline",
      });
    }
  });

  it("scrubs a consumer's personal fields and contacts; invoices and balance stay", async () => {
    const balance = await api.get(`/v1/customers/${ids.consumer}/balance`);
    const invoices = await api.get(`/v1/invoices?customer_id=${ids.consumer}`);
    expect(balance.open_invoices.map((i: { due: string }) => i.due)).toEqual(["20.00"]);

    const res = await api.request("POST", `/v1/customers/${ids.consumer}/clear_personal_data`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      first_name: null,
      last_name: null,
      email: null,
      company_name: null,
      vat_id: null,
      tag: null,
      display_name: "",
      address: { country: "DE" },
      custom_fields: {},
      customer_type: "consumer",
      personal_data_cleared_at: "2026-01-01T00:00:00.000Z",
    });
    expect(res.body.address).toEqual({ country: "DE" });
    expect((await api.get(`/v1/customers/${ids.consumer}`)).personal_data_cleared_at).toBe(
      "2026-01-01T00:00:00.000Z",
    );
    expect((await api.get(`/v1/customers/${ids.consumer}/contacts`)).data).toEqual([]);
    expect(await api.get(`/v1/customers/${ids.consumer}/balance`)).toEqual(balance);
    expect(await api.get(`/v1/invoices?customer_id=${ids.consumer}`)).toEqual(invoices);

    const audit = (
      await api.get(
        `/v1/audit_events?target_id=${ids.consumer}&operation=customers.clear_personal_data`,
      )
    ).data;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      before: { personal_data_cleared_at: null },
      after: {
        fields_cleared: expect.arrayContaining(["first_name", "email", "address", "vat_id"]),
        contacts_deleted: 1,
      },
    });
    const text = JSON.stringify(audit[0]);
    for (const value of ["Erika", "Mustermann", "erika@x.example", "Hauptstr", "DE123456789"]) {
      expect(text, value).not.toContain(value);
    }
    const events = await api.get(
      `/v1/events?type=customer.personal_data_cleared&subject_id=${ids.consumer}`,
    );
    expect(events.data).toHaveLength(1);
    expect(JSON.stringify(events.data[0])).not.toContain("Erika");
  });

  it("keeps a business customer's company data; clears the person's", async () => {
    const res = await api.request("POST", `/v1/customers/${ids.business}/clear_personal_data`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      first_name: null,
      last_name: null,
      email: null,
      tag: null,
      custom_fields: {},
      company_name: "Erikas Laden",
      vat_id: "DE123456789",
      address: personal.address,
    });
    expect((await api.get(`/v1/customers/${ids.business}/contacts`)).data).toEqual([]);
  });

  it("a repeat is allowed and erases what was added since; unknown customers are 404", async () => {
    const patched = await api.request("PATCH", `/v1/customers/${ids.consumer}`, {
      email: "again@x.example",
    });
    expect(patched.status).toBe(200);
    await api.advance("2026-01-02T00:00:00Z");
    const again = await api.request("POST", `/v1/customers/${ids.consumer}/clear_personal_data`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      email: null,
      personal_data_cleared_at: "2026-01-02T00:00:00.000Z",
    });
    const missing = await api.request("POST", "/v1/customers/customer_nope/clear_personal_data");
    expect([missing.status, missing.body.error.code]).toEqual([404, "customer_not_found"]);
  });
});
