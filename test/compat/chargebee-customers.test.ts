/**
 * Chargebee's official Node client against the `/api/v2` surface: customers, their contacts,
 * promotional credits, billing date, merge and personal data, and Chargebee's errors.
 */
import { expect, it } from "vitest";
import { describeServer } from "../server.js";
import { chargebeeClient, refusal } from "./chargebee-client.js";

describeServer("chargebee client: customers", (t) => {
  const cb = () => chargebeeClient(t.server);

  it("create → retrieve → update → list, in Chargebee's shapes", async () => {
    const { customer } = await cb().customer.create({
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@example.com",
      company: "Analytical Engines Ltd",
      locale: "en-GB",
      billing_address: {
        line1: "12 St James's Square",
        city: "London",
        state_code: "LND",
        state: "London",
        zip: "SW1Y 4JH",
        country: "GB",
      },
      cf_segment: "smb",
    } as never);
    expect(customer).toMatchObject({
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@example.com",
      company: "Analytical Engines Ltd",
      locale: "en-GB",
      auto_collection: "on",
      deleted: false,
      object: "customer",
      billing_address: {
        line1: "12 St James's Square",
        city: "London",
        state: "LND",
        zip: "SW1Y 4JH",
        country: "GB",
        object: "billing_address",
      },
      cf_segment: "smb",
    });
    expect(customer.id).toMatch(/^cus_/);
    expect(Number.isInteger(customer.created_at)).toBe(true);
    // Unix seconds, not milliseconds
    expect(customer.created_at).toBeLessThan(10_000_000_000);

    const read = await cb().customer.retrieve(customer.id);
    expect(read.customer).toMatchObject({ id: customer.id, email: "ada@example.com" });

    const updated = await cb().customer.update(customer.id, {
      email: "countess@example.com",
      billing_address: { city: "Marylebone" },
    } as never);
    expect(updated.customer).toMatchObject({
      email: "countess@example.com",
      billing_address: { city: "Marylebone" },
    });

    const listed = await cb().customer.list({ email: { is: "countess@example.com" } } as never);
    expect(listed.list.map((e) => e.customer.id)).toEqual([customer.id]);
  });

  it("auto_collection off makes an offline customer; update turns it on again", async () => {
    const { customer } = await cb().customer.create({
      first_name: "Offline",
      auto_collection: "off",
    });
    expect(customer.auto_collection).toBe("off");
    const native = await t.server.must("GET", `/v1/customers/${customer.id}`);
    expect(native.auto_collection).toBe("off");
    const on = await cb().customer.update(customer.id, { auto_collection: "on" });
    expect(on.customer.auto_collection).toBe("on");
    expect((await t.server.must("GET", `/v1/customers/${customer.id}`)).auto_collection).toBe("on");
    // left out, it stays as it is
    const renamed = await cb().customer.update(customer.id, { first_name: "Online" });
    expect(renamed.customer).toMatchObject({ first_name: "Online", auto_collection: "on" });
  });

  it("an id given at creation names the customer on every path", async () => {
    const { customer } = await cb().customer.create({ id: "cb-cust-42", first_name: "Grace" });
    expect(customer.meta_data).toEqual({ external_id: "cb-cust-42" });
    const read = await cb().customer.retrieve("cb-cust-42");
    expect(read.customer.id).toBe(customer.id);
    const listed = await cb().customer.list({ id: { is: "cb-cust-42" } } as never);
    expect(listed.list.map((e) => e.customer.id)).toEqual([customer.id]);
  });

  it("pages with limit and next_offset", async () => {
    for (let i = 0; i < 3; i += 1) await cb().customer.create({ first_name: `Pager ${i}` });
    const seen = new Set<string>();
    let offset: string | undefined;
    let pages = 0;
    do {
      const page = await cb().customer.list({ limit: 2, ...(offset ? { offset } : {}) });
      for (const entry of page.list) seen.add(entry.customer.id);
      offset = page.next_offset;
      pages += 1;
    } while (offset && pages < 50);
    expect(pages).toBeGreaterThan(1);
    const all = await t.server.must("GET", "/v1/customers?limit=100");
    expect(seen.size).toBe(all.data.length);
  });

  it("contacts: add, list, update, delete", async () => {
    const { customer } = await cb().customer.create({ first_name: "Contactful" });
    await cb().customer.addContact(customer.id, {
      contact: { email: "billing@example.com", first_name: "Bill", send_billing_email: true },
    });
    const listed = await cb().customer.contactsForCustomer(customer.id);
    expect(listed.list).toHaveLength(1);
    const contact = listed.list[0]!.contact;
    expect(contact).toMatchObject({
      email: "billing@example.com",
      first_name: "Bill",
      send_billing_email: true,
      object: "contact",
    });
    await cb().customer.updateContact(customer.id, {
      contact: { id: contact.id, last_name: "Payer" },
    });
    const after = await cb().customer.contactsForCustomer(customer.id);
    expect(after.list[0]!.contact.last_name).toBe("Payer");
    await cb().customer.deleteContact(customer.id, { contact: { id: contact.id } });
    expect((await cb().customer.contactsForCustomer(customer.id)).list).toHaveLength(0);
  });

  it("promotional credits in minor units", async () => {
    const { customer } = await cb().customer.create({ first_name: "Credited" });
    const added = await cb().customer.addPromotionalCredits(customer.id, {
      amount: 1250,
      currency_code: "EUR",
      description: "welcome",
    });
    expect(added.customer).toMatchObject({
      promotional_credits: 1250,
      preferred_currency_code: "EUR",
    });
    const deducted = await cb().customer.deductPromotionalCredits(customer.id, {
      amount: 250,
      currency_code: "EUR",
      description: "correction",
    });
    expect(deducted.customer.promotional_credits).toBe(1000);
    const set = await cb().customer.setPromotionalCredits(customer.id, {
      amount: 99,
      currency_code: "EUR",
      description: "reset",
    });
    expect(set.customer.promotional_credits).toBe(99);
  });

  it("change billing date, clear personal data, merge, delete", async () => {
    const { customer } = await cb().customer.create({
      first_name: "Dated",
      email: "d@example.com",
    });
    const dated = await cb().customer.changeBillingDate(customer.id, {
      billing_date: 15,
      billing_date_mode: "manually_set",
    });
    expect(dated.customer).toMatchObject({ billing_date: 15, billing_date_mode: "manually_set" });

    const cleared = await cb().customer.clearPersonalData(customer.id);
    expect(cleared.customer.pii_cleared).toBe("cleared");
    expect(cleared.customer.email).toBeUndefined();

    const from = (await cb().customer.create({ first_name: "From" })).customer;
    const to = (await cb().customer.create({ first_name: "To" })).customer;
    const merged = await cb().customer.merge({ from_customer_id: from.id, to_customer_id: to.id });
    expect(merged.customer.id).toBe(to.id);

    const doomed = (await cb().customer.create({ first_name: "Doomed" })).customer;
    const deleted = await cb().customer.delete(doomed.id);
    expect(deleted.customer).toMatchObject({ id: doomed.id, deleted: true });
    const gone = await refusal(cb().customer.retrieve(doomed.id));
    expect(gone).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found" });
  });

  it("Chargebee's errors: bad value, unsupported parameter, unknown id, bad key, idempotency", async () => {
    const bad = await refusal(cb().customer.create({ email: "not an address" }));
    expect(bad).toMatchObject({
      http_status_code: 400,
      type: "invalid_request",
      api_error_code: "param_wrong_value",
      param: "email",
    });
    const unsupported = await refusal(cb().customer.create({ net_term_days: 30 }));
    expect(unsupported).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_not_supported",
      param: "net_term_days",
    });
    const notOnOff = await refusal(cb().customer.create({ auto_collection: "maybe" } as never));
    expect(notOnOff).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "auto_collection",
    });
    const unknown = await refusal(cb().customer.retrieve("cus_does_not_exist"));
    expect(unknown).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found" });
    const wrongKey = await refusal(
      chargebeeClient(t.server, "ak_wrong").customer.list({ limit: 1 }),
    );
    expect(wrongKey).toMatchObject({
      http_status_code: 401,
      api_error_code: "api_authentication_failed",
    });

    const key = `cb-idem-${t.backend}`;
    const first = await cb().customer.create(
      { first_name: "Once" },
      { "chargebee-idempotency-key": key },
    );
    const again = await cb().customer.create(
      { first_name: "Once" },
      { "chargebee-idempotency-key": key },
    );
    expect(again.customer.id).toBe(first.customer.id);
    expect(again.isIdempotencyReplayed).toBe("true");
  });

  it("the raw wire: form body, Basic auth, Chargebee's error body, unknown operation", async () => {
    const auth = `Basic ${Buffer.from(`${t.server.tenant.api_key}:`).toString("base64")}`;
    const res = await fetch(`${t.server.url}/api/v2/customers`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
      body: "first_name=Raw&billing_address[zip]=1010&billing_address[line3]=Stiege+2",
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({
      message: expect.stringContaining("billing_address[line3]"),
      type: "invalid_request",
      api_error_code: "param_not_supported",
      param: "billing_address[line3]",
      http_status_code: 400,
    });
    const clash = await fetch(`${t.server.url}/api/v2/customers`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
      body: "billing_address=x&billing_address[zip]=1",
    });
    expect(clash.status).toBe(400);
    expect(await clash.json()).toMatchObject({
      api_error_code: "param_wrong_value",
      param: "billing_address[zip]",
    });
    const anonymous = await fetch(`${t.server.url}/api/v2/customers`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ api_error_code: "api_authentication_failed" });
    const none = await fetch(`${t.server.url}/api/v2/no_such_things`, {
      headers: { authorization: auth },
    });
    expect(none.status).toBe(404);
    expect(await none.json()).toMatchObject({ api_error_code: "resource_not_found" });
  });
});
