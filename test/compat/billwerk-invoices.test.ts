/**
 * Invoices and invoice drafts through the published `billwerk` 2.1.0 client, unmodified:
 * every invoice function it has — getInvoices, getInvoiceById, getInvoiceDownloadLink,
 * getInvoiceDrafts, getInvoiceDraft, sendInvoiceDraft — against documents the billing engine
 * wrote (drafts from a settlement with `draft: true`, a credit note, a gross-priced invoice).
 */
import BillwerkModule from "billwerk";
import { beforeAll, expect, it } from "vitest";
import { describeServer, type TestServer } from "../server.js";

type Client = Record<string, (...args: unknown[]) => Promise<any>>;
type Ctor = new (...args: unknown[]) => Client;
// CommonJS with `exports.default`: Node hands over the exports object, bundlers the class
const BillwerkAPI: Ctor =
  (BillwerkModule as { default?: Ctor }).default ?? (BillwerkModule as Ctor);

/** The published client, unmodified, pointed at the test server over plain HTTP. */
function billwerkClient(server: TestServer): Client {
  const { host } = new URL(server.url);
  return new BillwerkAPI(
    server.tenant.oauth_client_id,
    server.tenant.oauth_client_secret,
    host,
    "/api/v1",
    false,
  );
}

/** A day as Billwerk writes it: midnight UTC with seven fraction digits. */
const bwDay = (d: string) => `${d}T00:00:00.0000000Z`;

/** The keys of the list shape (InvoiceListDTO). */
const SUMMARY_KEYS = [
  "Id",
  "InvoiceNumber",
  "CustomerId",
  "ContractId",
  "ExternalCustomerId",
  "SentAt",
  "DueDate",
  "Created",
  "DocumentDate",
  "RecipientName",
  "RecipientSubName",
  "RecipientAddress",
  "Currency",
  "TotalNet",
  "TotalVat",
  "TotalGross",
  "IsInvoice",
  "IsVoid",
];

/** The detail shape (InvoiceDetailDTO) adds the sender, the delivery period and the items. */
const DETAIL_KEYS = [
  ...SUMMARY_KEYS,
  "SenderName",
  "SenderAddress",
  "SenderVatId",
  "SenderTaxNumber",
  "RecipientVatId",
  "RecipientTaxNumber",
  "DeliveryPeriodStart",
  "DeliveryPeriodEnd",
  "ReverseCharge",
  "ItemList",
  "VatDescriptors",
];

describeServer("billwerk 2.1.0 client: invoices", (t) => {
  const ids: Record<string, string> = {};
  const post = async (url: string, body?: unknown) => {
    const res = await t.server.post(url, body);
    expect(res.status, `POST ${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  const client = () => billwerkClient(t.server);

  // 19 % VAT in Germany; a net plan (Pro 49.90 + 10 setup) and a gross plan (Home 11.90)
  beforeAll(async () => {
    await post("/v1/test_clock", { frozen_time: "2026-05-04T08:00:00Z" });
    const policy = await post("/v1/tax_policies", {
      name: "VAT",
      rates: [{ country: "DE", rate: "19" }],
    });
    const [entity] = (await t.server.get("/v1/business_entities")).body.data;
    const patched = await t.server.request("PATCH", `/v1/business_entities/${entity.id}`, {
      body: {
        name: "Acme GmbH",
        country: "DE",
        vat_id: "DE123456789",
        address: {
          street: "Hauptstraße",
          house_number: "1",
          postal_code: "10115",
          city: "Berlin",
          country: "DE",
        },
        default_tax_policy_id: policy.id,
      },
    });
    expect(patched.status).toBe(200);
    const monthly = { unit: "month", count: 1 };
    const net = await post("/v1/plan_groups", { name: "Net", currency: "EUR", price_type: "net" });
    const netPlan = await post("/v1/plans", { plan_group_id: net.id, name: "Cloud" });
    const pro = await post("/v1/plan_variants", {
      plan_id: netPlan.id,
      internal_name: "Pro",
      recurring_fee: "49.9",
      setup_fee: "10",
      fee_period: monthly,
    });
    const gross = await post("/v1/plan_groups", {
      name: "Gross",
      currency: "EUR",
      price_type: "gross",
    });
    const grossPlan = await post("/v1/plans", { plan_group_id: gross.id, name: "Home" });
    const home = await post("/v1/plan_variants", {
      plan_id: grossPlan.id,
      internal_name: "Home",
      recurring_fee: "11.9",
      fee_period: monthly,
    });
    const customer = await post("/v1/customers", {
      company_name: "Kunde AG",
      first_name: "Grace",
      last_name: "Hopper",
      email: "billing@kunde.example",
      external_id: "ext-42",
      time_zone: "Europe/Berlin",
      address: {
        street: "Ring",
        house_number: "5",
        postal_code: "80331",
        city: "München",
        country: "DE",
      },
    });
    ids.customer = customer.id;
    for (const [name, variant] of [
      ["pro", pro.id],
      ["home", home.id],
    ] as const) {
      const order = await post("/v1/orders", {
        customer_id: customer.id,
        plan_variant_id: variant,
      });
      expect((await post(`/v1/orders/${order.id}/commit`)).status).toBe("succeeded");
      ids[name] = order.contract_id;
    }
    // this tenant reviews its invoices: each settlement leaves a draft
    for (const name of ["pro", "home"]) {
      const settled = await post(`/v1/contracts/${ids[name]}/settle`, { draft: true });
      expect(settled.invoice).toMatchObject({ status: "draft", number: null });
      ids[`${name}Draft`] = settled.invoice.id;
    }
  });

  it("getInvoiceDrafts and getInvoiceDraft: the drafts in the detail shape; getInvoices has none yet", async () => {
    const bw = client();
    const drafts = await bw.getInvoiceDrafts!();
    expect(drafts.map((d: any) => d.Id).sort()).toEqual([ids.proDraft, ids.homeDraft].sort());
    const draft = drafts.find((d: any) => d.Id === ids.proDraft);
    expect(Object.keys(draft).sort()).toEqual([...DETAIL_KEYS].sort());
    expect(draft).toMatchObject({
      InvoiceNumber: null,
      CustomerId: ids.customer,
      ContractId: ids.pro,
      ExternalCustomerId: "ext-42",
      SentAt: null,
      DueDate: null,
      Created: "2026-05-04T08:00:00.0000000Z",
      DocumentDate: bwDay("2026-05-04"),
      RecipientName: "Kunde AG",
      RecipientSubName: "Grace Hopper",
      RecipientAddress: {
        Street: "Ring",
        HouseNumber: "5",
        PostalCode: "80331",
        City: "München",
        Country: "DE",
      },
      Currency: "EUR",
      // net 10.00 + 49.90 = 59.90; tax 19 % = 11.381 → 11.38; gross 71.28
      TotalNet: 59.9,
      TotalVat: 11.38,
      TotalGross: 71.28,
      IsInvoice: true,
      IsVoid: false,
      SenderName: "Acme GmbH",
      SenderAddress: { Street: "Hauptstraße", City: "Berlin", Country: "DE" },
      SenderVatId: "DE123456789",
      RecipientVatId: null,
      DeliveryPeriodStart: bwDay("2026-05-04"),
      DeliveryPeriodEnd: bwDay("2026-06-04"),
      ReverseCharge: false,
    });
    expect(draft.ItemList).toEqual([
      {
        Description: "Setup fee — Pro",
        PeriodStart: null,
        PeriodEnd: null,
        Quantity: 1,
        PricePerUnit: 10,
        TotalNet: 10,
        TotalGross: null,
        VatPercentage: 19,
      },
      {
        Description: "Pro",
        PeriodStart: bwDay("2026-05-04"),
        PeriodEnd: bwDay("2026-06-04"),
        Quantity: 1,
        PricePerUnit: 49.9,
        TotalNet: 49.9,
        TotalGross: null,
        VatPercentage: 19,
      },
    ]);
    expect(draft.VatDescriptors).toEqual([{ VatPercentage: 19, TotalNet: 59.9, TotalVat: 11.38 }]);

    expect(await bw.getInvoiceDraft!(ids.proDraft)).toEqual(draft);
    // drafts are not invoices yet
    expect(await bw.getInvoices!()).toEqual([]);
  });

  it("sendInvoiceDraft issues the draft: number, sent and due dates; a second send is refused", async () => {
    const bw = client();
    const sent = await bw.sendInvoiceDraft!(ids.proDraft);
    expect(Object.keys(sent).sort()).toEqual([...DETAIL_KEYS].sort());
    expect(sent).toMatchObject({
      Id: ids.proDraft,
      InvoiceNumber: "INV-000001",
      SentAt: "2026-05-04T08:00:00.0000000Z",
      DueDate: bwDay("2026-05-18"), // 14 days' payment terms
      TotalNet: 59.9,
      TotalVat: 11.38,
      TotalGross: 71.28,
      IsInvoice: true,
    });
    expect(sent.ItemList).toHaveLength(2);
    const again = await bw.sendInvoiceDraft!(ids.proDraft);
    expect(again).toMatchObject({ Code: "invoice_not_draft" });
    expect(await bw.getInvoiceDraft!(ids.proDraft)).toMatchObject({ Code: "invoice_not_draft" });

    const home = await bw.sendInvoiceDraft!(ids.homeDraft);
    expect(home).toMatchObject({
      InvoiceNumber: "INV-000002",
      // gross 11.90 with 19 % inside: tax 11.90 × 19/119 = 1.90, net 10.00
      TotalNet: 10,
      TotalVat: 1.9,
      TotalGross: 11.9,
    });
    // a gross-priced line carries its gross amount, not a net one
    expect(home.ItemList).toEqual([
      {
        Description: "Home",
        PeriodStart: bwDay("2026-05-04"),
        PeriodEnd: bwDay("2026-06-04"),
        Quantity: 1,
        PricePerUnit: 11.9,
        TotalNet: null,
        TotalGross: 11.9,
        VatPercentage: 19,
      },
    ]);
    expect(home.VatDescriptors).toEqual([{ VatPercentage: 19, TotalNet: 10, TotalVat: 1.9 }]);
    expect(await bw.getInvoiceDrafts!()).toEqual([]);
  });

  it("getInvoices and getInvoiceById: invoices and a credit note (IsInvoice false, negative totals)", async () => {
    const cn = await post(`/v1/invoices/${ids.proDraft}/credit_notes`, { reason: "Cancelled" });
    expect(cn).toMatchObject({ kind: "credit_note", number: "CN-000001" });
    ids.creditNote = cn.id;

    const bw = client();
    const all = await bw.getInvoices!();
    expect(all).toHaveLength(3);
    for (const i of all) expect(Object.keys(i).sort()).toEqual([...SUMMARY_KEYS].sort());
    const byId = new Map(all.map((i: any) => [i.Id, i]));
    expect(byId.get(ids.proDraft)).toMatchObject({
      InvoiceNumber: "INV-000001",
      IsInvoice: true,
      TotalGross: 71.28,
    });
    expect(byId.get(ids.homeDraft)).toMatchObject({
      InvoiceNumber: "INV-000002",
      IsInvoice: true,
      TotalGross: 11.9,
    });
    expect(byId.get(ids.creditNote)).toMatchObject({
      InvoiceNumber: "CN-000001",
      ContractId: ids.pro,
      ExternalCustomerId: "ext-42",
      DueDate: null, // a credit note is not paid
      IsInvoice: false,
      IsVoid: false,
      TotalNet: -59.9,
      TotalVat: -11.38,
      TotalGross: -71.28,
    });

    const detail = await bw.getInvoiceById!(ids.creditNote);
    expect(Object.keys(detail).sort()).toEqual([...DETAIL_KEYS].sort());
    expect(detail).toMatchObject({
      Id: ids.creditNote,
      IsInvoice: false,
      TotalNet: -59.9,
      TotalVat: -11.38,
      TotalGross: -71.28,
      RecipientName: "Kunde AG",
      SenderName: "Acme GmbH",
    });
    // every line of the invoice credited in full: its quantity, its unit price negated
    expect(detail.ItemList).toEqual([
      {
        Description: "Cancelled: Setup fee — Pro",
        PeriodStart: null,
        PeriodEnd: null,
        Quantity: 1,
        PricePerUnit: -10,
        TotalNet: -10,
        TotalGross: null,
        VatPercentage: 19,
      },
      {
        Description: "Cancelled: Pro",
        PeriodStart: bwDay("2026-05-04"),
        PeriodEnd: bwDay("2026-06-04"),
        Quantity: 1,
        PricePerUnit: -49.9,
        TotalNet: -49.9,
        TotalGross: null,
        VatPercentage: 19,
      },
    ]);
    expect(detail.VatDescriptors).toEqual([
      { VatPercentage: 19, TotalNet: -59.9, TotalVat: -11.38 },
    ]);
    expect(await bw.getInvoiceById!("inv_unknown")).toMatchObject({ Code: "invoice_not_found" });
  });

  it("getInvoiceDownloadLink: a link that opens the PDF without credentials", async () => {
    const bw = client();
    for (const id of [ids.proDraft!, ids.creditNote!]) {
      const link = await bw.getInvoiceDownloadLink!(id);
      expect(Object.keys(link).sort()).toEqual(["Expiry", "Url"]);
      // an hour on the tenant's clock
      expect(link.Expiry).toBe("2026-05-04T09:00:00.0000000Z");
      const path = new URL(link.Url).pathname;
      expect(path).toMatch(/^\/v1\/documents\//);
      const res = await fetch(`${t.server.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    }
    expect(await bw.getInvoiceDownloadLink!("inv_unknown")).toMatchObject({
      Code: "invoice_not_found",
    });
  });
});
