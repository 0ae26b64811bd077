/**
 * E-invoices over HTTP: sending an issued invoice and credit note as EN 16931 e-invoices to
 * customers that receive them (with their electronic address), the XML itself (valid against
 * the official schema), a failed send (the document lacks a country) corrected and sent
 * again, and the refusals (a draft or void document, a second send, a resend of a delivered
 * one, the wrong kind, a customer without e-invoicing), which write nothing.
 */
import { beforeAll, expect, it } from "vitest";
import { validateEInvoice } from "../einvoice-schema.js";
import { describeServer, type RequestOptions } from "../server.js";

describeServer("e-invoices", (t) => {
  const ids: Record<string, string> = {};
  const call = (method: string, path: string, options: RequestOptions = {}) =>
    t.server.request(method, path, options);
  const events = async (type: string, subject: string) =>
    (await t.server.must("GET", `/v1/events?type=${type}&limit=100`)).data
      .map((e: any) => e.data ?? e.payload)
      .filter((p: any) => p.document?.id === subject)
      .reverse();
  const rows = async () =>
    (
      await t.server.db
        .selectFrom("einvoices")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("tenant_id", "=", t.server.tenant.tenant_id)
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    const s = t.server;
    await s.must("POST", "/v1/test_clock", { frozen_time: "2026-01-01T00:00:00Z" });
    const policy = await s.must("POST", "/v1/tax_policies", {
      name: "VAT",
      rates: [{ country: "DE", rate: "19" }],
    });
    const entity = (await s.must("GET", "/v1/business_entities")).data[0];
    await s.must("PATCH", `/v1/business_entities/${entity.id}`, {
      default_tax_policy_id: policy.id,
      country: "DE",
      vat_id: "DE123456789",
      address: { line1: "Hauptstr. 1", postal_code: "10115", city: "Berlin", country: "DE" },
    });
    const group = await s.must("POST", "/v1/plan_groups", {
      name: "G",
      currency: "EUR",
      price_type: "net",
      tax_policy_id: policy.id,
    });
    const plan = await s.must("POST", "/v1/plans", { plan_group_id: group.id, name: "Plan" });
    const variant = await s.must("POST", "/v1/plan_variants", {
      plan_id: plan.id,
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    const signup = async (name: string, address: Record<string, string>) => {
      const customer = await s.must("POST", "/v1/customers", {
        company_name: name,
        email: "ap@x.example",
        time_zone: "UTC",
        address,
        einvoicing: name !== "Paper Ltd",
        ...(name === "Issued Ltd"
          ? { einvoice_scheme: "9930", einvoice_endpoint_id: "DE987654321" }
          : {}),
      });
      const order = await s.must("POST", "/v1/orders", {
        customer_id: customer.id,
        plan_variant_id: variant.id,
      });
      await s.must("POST", `/v1/orders/${order.id}/commit`);
      return order.contract_id as string;
    };
    const berlin = { line1: "1 Old Road", postal_code: "10115", city: "Berlin", country: "DE" };
    const issued = await signup("Issued Ltd", berlin);
    ids.issued = (await s.must("POST", `/v1/contracts/${issued}/settle`)).invoice.id;
    ids.creditNote = (await s.must("POST", `/v1/invoices/${ids.issued}/credit_notes`, {})).id;
    // no country in the billing address: EN 16931 needs one (BT-55)
    const nowhere = await signup("Nowhere Ltd", { line1: "2 Lost Lane", city: "Berlin" });
    ids.incomplete = (await s.must("POST", `/v1/contracts/${nowhere}/settle`)).invoice.id;
    const draft = await signup("Draft Ltd", berlin);
    ids.draft = (await s.must("POST", `/v1/contracts/${draft}/settle`, { draft: true })).invoice.id;
    const paper = await signup("Paper Ltd", berlin);
    ids.paper = (await s.must("POST", `/v1/contracts/${paper}/settle`)).invoice.id;
    const repeat = await signup("Repeat Ltd", berlin);
    ids.repeat = (await s.must("POST", `/v1/contracts/${repeat}/settle`)).invoice.id;
    const voided = await signup("Void Ltd", berlin);
    ids.void = (await s.must("POST", `/v1/contracts/${voided}/settle`)).invoice.id;
    await s.must("POST", `/v1/invoices/${ids.void}/void`);
  });

  it("sends an issued invoice: success, and einvoice.sent carries the XML's URL", async () => {
    const res = await call("POST", `/v1/invoices/${ids.issued}/send_einvoice`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      document_id: ids.issued,
      format: "cii_en16931",
      status: "success",
      reference_number: "cii_en16931:INV-000001",
      message: null,
      attempts: 1,
    });
    const [sent] = await events("einvoice.sent", ids.issued!);
    expect(sent).toMatchObject({
      einvoice: { status: "success" },
      document: { id: ids.issued, kind: "invoice", number: "INV-000001" },
      xml_url: `/v1/invoices/${ids.issued}/einvoice`,
    });
  });

  it("answers the invoice's XML: 30.00 net, 19 % tax, due 35.70", async () => {
    const res = await call("GET", `/v1/invoices/${ids.issued}/einvoice`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/xml/);
    const xml = res.body as string;
    expect(xml).toContain("<ram:ID>urn:cen.eu:en16931:2017</ram:ID>");
    expect(xml).toContain("<ram:ID>INV-000001</ram:ID>");
    expect(xml).toContain("<ram:TypeCode>380</ram:TypeCode>");
    expect(xml).toContain("<ram:LineTotalAmount>30.00</ram:LineTotalAmount>");
    expect(xml).toContain('<ram:TaxTotalAmount currencyID="EUR">5.70</ram:TaxTotalAmount>');
    expect(xml).toContain("<ram:GrandTotalAmount>35.70</ram:GrandTotalAmount>");
    expect(xml).toContain('<ram:ID schemeID="VA">DE123456789</ram:ID>');
    // the customer's electronic address (BT-49)
    expect(xml).toContain('<ram:URIID schemeID="9930">DE987654321</ram:URIID>');
    const check = await validateEInvoice(xml);
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);
  });

  it("sends the credit note as type 381 naming the invoice it corrects", async () => {
    const res = await call("POST", `/v1/credit_notes/${ids.creditNote}/send_einvoice`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "success", attempts: 1 });
    const xml = (await call("GET", `/v1/invoices/${ids.creditNote}/einvoice`)).body as string;
    expect((await validateEInvoice(xml)).valid).toBe(true);
    expect(xml).toContain("<ram:TypeCode>381</ram:TypeCode>");
    expect(xml).toContain("<ram:IssuerAssignedID>INV-000001</ram:IssuerAssignedID>");
    expect(xml).toContain("<ram:GrandTotalAmount>35.70</ram:GrandTotalAmount>");
  });

  it("records a failure with the missing business term, then resends once corrected", async () => {
    const failed = await call("POST", `/v1/invoices/${ids.incomplete}/send_einvoice`);
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: "failed", attempts: 1, reference_number: null });
    expect(failed.body.message).toContain("BT-55");
    expect((await events("einvoice.failed", ids.incomplete!))[0]).toMatchObject({
      einvoice: { status: "failed" },
    });
    // the XML cannot be written either, and says why
    const xml = await call("GET", `/v1/invoices/${ids.incomplete}/einvoice`);
    expect(xml.status).toBe(422);
    expect(xml.body.error?.code).toBe("einvoice_incomplete");
    // a second send is refused: it is resent
    const again = await call("POST", `/v1/invoices/${ids.incomplete}/send_einvoice`);
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe("einvoice_already_sent");
    await t.server.must("POST", `/v1/invoices/${ids.incomplete}/update_details`, {
      billing_address: {
        line1: "2 Found Lane",
        postal_code: "10115",
        city: "Berlin",
        country: "DE",
      },
    });
    const resent = await call("POST", `/v1/invoices/${ids.incomplete}/resend_einvoice`);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ status: "success", attempts: 2, message: null });
    expect(resent.body.id).toBe(failed.body.id);
  });

  it("refuses, writing nothing: drafts, void documents, resending a delivered one, the wrong kind", async () => {
    const before = await rows();
    const cases: [string, number, string][] = [
      [`/v1/invoices/${ids.draft}/send_einvoice`, 409, "einvoice_document_not_issued"],
      [`/v1/invoices/${ids.paper}/send_einvoice`, 422, "customer_einvoicing_disabled"],
      [`/v1/invoices/${ids.void}/send_einvoice`, 409, "einvoice_document_not_issued"],
      [`/v1/invoices/${ids.issued}/send_einvoice`, 409, "einvoice_already_sent"],
      [`/v1/invoices/${ids.issued}/resend_einvoice`, 409, "einvoice_not_failed"],
      [`/v1/credit_notes/${ids.issued}/send_einvoice`, 422, "document_not_credit_note"],
      [`/v1/invoices/${ids.creditNote}/resend_einvoice`, 422, "document_not_invoice"],
      [`/v1/invoices/inv_none/send_einvoice`, 404, "invoice_not_found"],
    ];
    for (const [path, status, code] of cases) {
      const res = await call("POST", path);
      expect([path, res.status, res.body.error?.code]).toEqual([path, status, code]);
    }
    const draftXml = await call("GET", `/v1/invoices/${ids.draft}/einvoice`);
    expect([draftXml.status, draftXml.body.error?.code]).toEqual([
      409,
      "einvoice_document_not_issued",
    ]);
    expect(await rows()).toBe(before);
  });

  it("answers a repeated send with the same idempotency key from the first, once", async () => {
    const headers = { "idempotency-key": "einv-repeat-1" };
    const path = `/v1/invoices/${ids.repeat}/send_einvoice`;
    const first = await call("POST", path, { headers });
    const second = await call("POST", path, { headers });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await events("einvoice.sent", ids.repeat!)).toHaveLength(1);
  });
});
