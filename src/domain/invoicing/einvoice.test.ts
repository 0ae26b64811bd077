/**
 * The e-invoice (CII, EN 16931 profile): its figures obey EN 16931's rules on money, its XML
 * is valid against the official Factur-X 1.07.3 EN 16931 schema (libxml2 via xmllint-wasm,
 * schemas in test/fixtures/factur-x-1.07.3-en16931), and what EN 16931 requires is checked.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { buildEInvoice, type EInvoiceSource, einvoiceFigures } from "./einvoice.js";
import { escapeXml } from "./xml.js";

const seller = {
  name: "Acme GmbH",
  address: { line1: "Hauptstr. 1", postal_code: "10115", city: "Berlin", country: "DE" },
  vat_id: "DE123456789",
  tax_number: null,
  email: "billing@acme.example",
};
const buyer = {
  name: "Kunde & Söhne <KG>",
  address: { line1: "Ring 2", postal_code: "80331", city: "München", country: "DE" },
  vat_id: null,
  email: null,
};

/**
 * Net basis, two rates. 19 %: 100.00 + 33.33 = 133.33 net → tax 25.33 (25.3327);
 * 7 %: 10.00 net → 0.70. Totals 143.33 + 26.03 = 169.36; 20.00 credits applied → 149.36 due.
 */
function netInvoice(): EInvoiceSource {
  return {
    kind: "invoice",
    number: "INV-2026-0001",
    issue_date: "2026-03-01",
    due_date: "2026-03-15",
    currency: "EUR",
    price_basis: "net",
    seller,
    buyer,
    lines: [
      {
        description: "Pro plan",
        period_start: "2026-03-01",
        period_end: "2026-04-01",
        quantity: "1",
        amount: 10000n,
        tax_rate: "19",
      },
      {
        description: "Seats",
        period_start: null,
        period_end: null,
        quantity: "3",
        amount: 3333n,
        tax_rate: "19",
      },
      {
        description: "Book",
        period_start: null,
        period_end: null,
        quantity: "1",
        amount: 1000n,
        tax_rate: "7",
      },
    ],
    tax_rows: [
      { rate: "19", net: 13333n, tax: 2533n, gross: 15866n },
      { rate: "7", net: 1000n, tax: 70n, gross: 1070n },
    ],
    total_net: 14333n,
    total_tax: 2603n,
    total_gross: 16936n,
    credits_applied: 2000n,
    reverse_charge: false,
    service_period_start: "2026-03-01",
    service_period_end: "2026-04-01",
    po_number: "PO-7",
    notes: "Thank you",
    corrects_invoice_number: null,
  };
}

/**
 * Gross basis, one rate of 19 %, lines 10.00 + 10.00 + 10.00 gross = 30.00. The breakdown
 * (tax on the group's sum): net 25.21, tax 4.79. Each line's exact net is 8.4034 → 8.40; the
 * three make 25.20, so the largest (first) line takes the missing cent: 8.41 + 8.40 + 8.40.
 */
function grossInvoice(): EInvoiceSource {
  const line = {
    period_start: null,
    period_end: null,
    quantity: "1",
    amount: 1000n,
    tax_rate: "19",
  };
  return {
    ...netInvoice(),
    price_basis: "gross",
    lines: [
      { ...line, description: "A" },
      { ...line, description: "B" },
      { ...line, description: "C" },
    ],
    tax_rows: [{ rate: "19", net: 2521n, tax: 479n, gross: 3000n }],
    total_net: 2521n,
    total_tax: 479n,
    total_gross: 3000n,
    credits_applied: 0n,
  };
}

function reverseChargeInvoice(): EInvoiceSource {
  return {
    ...netInvoice(),
    buyer: {
      ...buyer,
      address: { ...buyer.address, country: "FR" },
      vat_id: "FR12345678901",
      endpoint: { scheme: "0009", id: "12345678900012" },
    },
    reverse_charge: true,
    lines: [
      {
        description: "Service",
        period_start: null,
        period_end: null,
        quantity: "2",
        amount: 5000n,
        tax_rate: "0",
      },
    ],
    tax_rows: [{ rate: "0", net: 5000n, tax: 0n, gross: 5000n }],
    total_net: 5000n,
    total_tax: 0n,
    total_gross: 5000n,
    credits_applied: 0n,
  };
}

/** Credits 33.33 of the 19 % seats line: stored negative, written positive (type 381). */
function creditNote(): EInvoiceSource {
  return {
    ...netInvoice(),
    kind: "credit_note",
    number: "CN-2026-0001",
    due_date: null,
    lines: [
      {
        description: "Seats",
        period_start: null,
        period_end: null,
        quantity: "3",
        amount: -3333n,
        tax_rate: "19",
      },
    ],
    tax_rows: [{ rate: "19", net: -3333n, tax: -633n, gross: -3966n }],
    total_net: -3333n,
    total_tax: -633n,
    total_gross: -3966n,
    credits_applied: 0n,
    corrects_invoice_number: "INV-2026-0001",
  };
}

const xmlOf = (source: EInvoiceSource) => {
  const result = buildEInvoice(source);
  if (!result.ok) throw new Error(result.problems.join("; "));
  return result.xml;
};

/** The text of every element named `tag`, in document order. */
const values = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, "g"))].map((m) => m[1]);

/** Decimal string → integer minor units (two decimals), exactly. */
const cents = (v: string | undefined) => {
  const [whole = "0", frac = ""] = (v ?? "").replace("-", "").split(".");
  const n = BigInt(whole) * 100n + BigInt(frac.padEnd(2, "0"));
  return v?.startsWith("-") ? -n : n;
};

describe("EN 16931 rules on money, read back from the XML", () => {
  it.each([
    ["net", netInvoice()],
    ["gross", grossInvoice()],
    ["reverse charge", reverseChargeInvoice()],
    ["credit note", creditNote()],
  ])("%s: BR-CO-10, BR-CO-13, BR-CO-14, BR-CO-15, BR-CO-16, BR-S-08", (_name, source) => {
    const xml = xmlOf(source);
    const lineTotals = values(xml, "ram:LineTotalAmount").map(cents);
    const header = lineTotals.pop()!; // the last one is BT-106
    // BR-CO-10: BT-106 = Σ BT-131
    expect(header).toBe(lineTotals.reduce((a, b) => a + b, 0n));
    const basis = cents(values(xml, "ram:TaxBasisTotalAmount")[0]);
    const tax = cents(values(xml, "ram:TaxTotalAmount")[0]);
    const grand = cents(values(xml, "ram:GrandTotalAmount")[0]);
    const prepaid = cents(values(xml, "ram:TotalPrepaidAmount")[0] ?? "0");
    const due = cents(values(xml, "ram:DuePayableAmount")[0]);
    // BR-CO-13 (no document-level allowances or charges): BT-109 = BT-106
    expect(basis).toBe(header);
    // BR-CO-14: BT-110 = Σ BT-117
    expect(tax).toBe(
      values(xml, "ram:CalculatedAmount")
        .map(cents)
        .reduce((a, b) => a + b, 0n),
    );
    // BR-CO-15: BT-112 = BT-109 + BT-110
    expect(grand).toBe(basis + tax);
    // BR-CO-16: BT-115 = BT-112 − BT-113
    expect(due).toBe(grand - prepaid);
    // BR-S-08 (and BR-AE-08): per category and rate, BT-116 = Σ BT-131 of its lines
    const f = einvoiceFigures(source);
    for (const b of f.breakdown) {
      const sum = f.lines
        .filter((l) => l.category === b.category && l.rate === b.rate)
        .reduce((a, l) => a + l.net, 0n);
      expect(sum).toBe(b.basis);
    }
    // BR-27: no negative price
    for (const p of values(xml, "ram:ChargeAmount")) expect(p?.startsWith("-")).toBe(false);
  });

  it("writes the hand-derived figures of the net invoice with the currency's exponent", () => {
    const xml = xmlOf(netInvoice());
    expect(values(xml, "ram:LineTotalAmount")).toEqual(["100.00", "33.33", "10.00", "143.33"]);
    expect(values(xml, "ram:CalculatedAmount")).toEqual(["25.33", "0.70"]);
    expect(values(xml, "ram:GrandTotalAmount")).toEqual(["169.36"]);
    expect(values(xml, "ram:TotalPrepaidAmount")).toEqual(["20.00"]);
    expect(values(xml, "ram:DuePayableAmount")).toEqual(["149.36"]);
    // 33.33 / 3 = 11.11
    expect(values(xml, "ram:ChargeAmount")).toEqual(["100", "11.11", "10"]);
    // the service period ends the day before the stored exclusive end
    expect(xml).toContain('<udt:DateTimeString format="102">20260331</udt:DateTimeString>');
    expect(xml).toContain("<ram:TypeCode>380</ram:TypeCode>");
    expect(xml).toContain("<ram:ID>urn:cen.eu:en16931:2017</ram:ID>");
  });

  it("splits a gross group's net over its lines so they add up to the breakdown", () => {
    const xml = xmlOf(grossInvoice());
    expect(values(xml, "ram:LineTotalAmount")).toEqual(["8.41", "8.40", "8.40", "25.21"]);
  });

  it("writes the buyer's electronic address in its scheme, else the e-mail", () => {
    expect(xmlOf(reverseChargeInvoice())).toContain(
      '<ram:URIID schemeID="0009">12345678900012</ram:URIID>',
    );
    expect(xmlOf(netInvoice())).toContain(
      '<ram:URIID schemeID="EM">billing@acme.example</ram:URIID>',
    );
  });

  it("writes a credit note positive, as type 381, naming the corrected invoice", () => {
    const xml = xmlOf(creditNote());
    expect(xml).toContain("<ram:TypeCode>381</ram:TypeCode>");
    expect(values(xml, "ram:GrandTotalAmount")).toEqual(["39.66"]);
    expect(values(xml, "ram:IssuerAssignedID")).toContain("INV-2026-0001");
  });

  it("writes JPY without decimals and a negative line with a negative quantity", () => {
    const source: EInvoiceSource = {
      ...netInvoice(),
      currency: "JPY",
      lines: [
        {
          description: "Plan",
          period_start: null,
          period_end: null,
          quantity: "1",
          amount: 1200n,
          tax_rate: "10",
        },
        {
          description: "Credit",
          period_start: null,
          period_end: null,
          quantity: "1",
          amount: -200n,
          tax_rate: "10",
        },
      ],
      tax_rows: [{ rate: "10", net: 1000n, tax: 100n, gross: 1100n }],
      total_net: 1000n,
      total_tax: 100n,
      total_gross: 1100n,
      credits_applied: 0n,
    };
    const xml = xmlOf(source);
    expect(values(xml, "ram:LineTotalAmount")).toEqual(["1200", "-200", "1000"]);
    expect(values(xml, "ram:BilledQuantity")).toEqual(["1", "-1"]);
    expect(values(xml, "ram:GrandTotalAmount")).toEqual(["1100"]);
  });
});

describe("what EN 16931 requires of the stored document", () => {
  it("names every missing business term", () => {
    const source = netInvoice();
    const result = buildEInvoice({
      ...source,
      seller: { ...seller, vat_id: null, address: { ...seller.address, country: null } },
      buyer: { ...buyer, address: {} },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.split(" ")[0])).toEqual(["BT-40", "BT-55", "BT-31/BT-32"]);
  });

  it("needs both VAT identifiers on a reverse-charge document (BR-AE-02)", () => {
    const noBuyerVat = buildEInvoice({ ...reverseChargeInvoice(), buyer });
    expect(noBuyerVat.ok ? [] : noBuyerVat.problems.map((p) => p.split(" ")[0])).toEqual(["BT-48"]);
    const taxNumberOnly = buildEInvoice({
      ...reverseChargeInvoice(),
      seller: { ...seller, vat_id: null, tax_number: "27/123/45678" },
    });
    expect(taxNumberOnly.ok ? [] : taxNumberOnly.problems.map((p) => p.split(" ")[0])).toEqual([
      "BT-31",
    ]);
  });
});

describe("the XML writer", () => {
  it("escapes markup and drops characters XML cannot carry", () => {
    expect(escapeXml(`a&b<c>"d"'e'\u0001f`)).toBe("a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;f");
    expect(xmlOf(netInvoice())).toContain("Kunde &amp; Söhne &lt;KG&gt;");
  });
});

const DIR = join(import.meta.dirname, "../../../test/fixtures/factur-x-1.07.3-en16931");
const MAIN = "Factur-X_1.07.3_EN16931.xsd";
const schema = { fileName: MAIN, contents: readFileSync(join(DIR, MAIN), "utf8") };
const preload = readdirSync(DIR)
  .filter((f) => f.endsWith(".xsd") && f !== MAIN)
  .map((fileName) => ({ fileName, contents: readFileSync(join(DIR, fileName), "utf8") }));

const validate = (xml: string) =>
  validateXML({ xml: { fileName: "einvoice.xml", contents: xml }, schema, preload });

describe("the XML against the official Factur-X 1.07.3 EN 16931 schema", () => {
  it.each([
    ["a net invoice", netInvoice()],
    ["a gross invoice", grossInvoice()],
    ["a reverse-charge invoice", reverseChargeInvoice()],
    ["a credit note", creditNote()],
  ])("%s is valid", async (_name, source) => {
    const result = await validate(xmlOf(source));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("rejects a document missing its type code (the check can fail)", async () => {
    const result = await validate(
      xmlOf(netInvoice()).replace("<ram:TypeCode>380</ram:TypeCode>", ""),
    );
    expect(result.valid).toBe(false);
  });
});
