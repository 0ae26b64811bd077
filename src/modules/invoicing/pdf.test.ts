import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { DocumentLine, InvoiceDocument } from "./document.js";
import { printedPeriod, renderDocumentPdf, toWinAnsi } from "./pdf.js";

// ---------------------------------------------------------------------------------------------
// A small reader for the PDFs pdfkit writes: objects, the page tree, and the text shown on each
// page. pdfkit shows text as `[<hex> kerning <hex> …] TJ`, one operator per printed line, in
// Windows-1252; a line is the concatenation of its hex strings.

type PdfObject = { dict: string; stream: Buffer | null };

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString("latin1");
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\n/g;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf("\nendobj", start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf("\nstream\n");
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const from = start + streamAt + "\nstream\n".length;
    const raw = pdf.subarray(from, from + length);
    const stream = dict.includes("/FlateDecode") ? inflateSync(raw) : raw;
    objects.set(Number(match[1]), { dict, stream });
  }
  return objects;
}

/** Windows-1252 where it differs from Latin-1 (Node's TextDecoder treats the two alike). */
const CP1252_HIGH: Record<number, string> = {
  128: "€",
  130: "‚",
  131: "ƒ",
  132: "„",
  133: "…",
  134: "†",
  135: "‡",
  136: "ˆ",
  137: "‰",
  138: "Š",
  139: "‹",
  140: "Œ",
  142: "Ž",
  145: "‘",
  146: "’",
  147: "“",
  148: "”",
  149: "•",
  150: "–",
  151: "—",
  152: "˜",
  153: "™",
  154: "š",
  155: "›",
  156: "œ",
  158: "ž",
  159: "Ÿ",
};

const cp1252 = (bytes: Buffer) =>
  [...bytes].map((b) => CP1252_HIGH[b] ?? String.fromCharCode(b)).join("");

type Placement = { x: number; y: number; text: string };

/** Each text line shown on each page, in page order, with its origin in PDF coordinates. */
function pagePlacements(pdf: Buffer): Placement[][] {
  const objects = readObjects(pdf);
  const root = /\/Root (\d+) 0 R/.exec(pdf.toString("latin1"))?.[1];
  const catalog = objects.get(Number(root))!.dict;
  const pagesId = Number(/\/Pages (\d+) 0 R/.exec(catalog)?.[1]);
  const kids = /\/Kids \[([^\]]*)\]/.exec(objects.get(pagesId)!.dict)?.[1] ?? "";
  return [...kids.matchAll(/(\d+) 0 R/g)].map(([, id]) => {
    const page = objects.get(Number(id))!.dict;
    const contents = Number(/\/Contents (\d+) 0 R/.exec(page)?.[1]);
    const content = objects.get(contents)!.stream!.toString("latin1");
    const shown = /1 0 0 1 ([-\d.]+) ([-\d.]+) Tm\n[\s\S]*?\[((?:<[0-9a-f]*>|[-\d. ])*)\] TJ/g;
    return [...content.matchAll(shown)].map(([, x, y, array]) => ({
      x: Number(x),
      y: Number(y),
      text: [...array!.matchAll(/<([0-9a-f]*)>/g)]
        .map(([, hex]) => cp1252(Buffer.from(hex!, "hex")))
        .join(""),
    }));
  });
}

/** The text lines shown on each page, in page order. */
const pageTexts = (pdf: Buffer): string[][] =>
  pagePlacements(pdf).map((page) => page.map((p) => p.text));

function pageCount(pdf: Buffer): number {
  const counts = [...pdf.toString("latin1").matchAll(/\/Type \/Pages\n\/Count (\d+)/g)];
  expect(counts).toHaveLength(1);
  return Number(counts[0]![1]);
}

function expectPdf(pdf: Buffer): void {
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdf.subarray(-6).toString("latin1")).toBe("%%EOF\n");
}

// ---------------------------------------------------------------------------------------------
// Documents

const line = (overrides: Partial<DocumentLine> = {}): DocumentLine => ({
  description: "Pro plan, monthly",
  period_start: "2026-01-01",
  period_end: "2026-02-01",
  quantity: "1",
  unit_price: "49.00",
  amount: "49.00",
  tax_rate: "19",
  ...overrides,
});

const invoice = (overrides: Partial<InvoiceDocument> = {}): InvoiceDocument => ({
  kind: "invoice",
  number: "INV-2026-0001",
  status: "finalized",
  issue_date: "2026-02-01",
  due_date: "2026-02-15",
  currency: "EUR",
  price_basis: "net",
  sender: {
    name: "Acme Software GmbH",
    address_lines: ["Hauptstraße 1", "10115 Berlin", "Germany"],
    vat_id: "DE123456789",
    tax_number: "27/123/45678",
  },
  recipient: {
    name: "Globex Corporation",
    sub_name: "Attn. Accounts Payable",
    address_lines: ["1 Market Street", "San Francisco, CA 94105", "United States"],
    vat_id: null,
  },
  lines: [
    line(),
    line({
      description: "API calls beyond the included 10,000",
      quantity: "2500",
      unit_price: "0.0040",
      amount: "10.00",
    }),
    line({
      description: "One-time setup",
      period_start: null,
      period_end: null,
      unit_price: "150.00",
      amount: "150.00",
      tax_rate: "7.5",
    }),
  ],
  tax_rows: [
    { rate: "19", net: "59.00", tax: "11.21", gross: "70.21" },
    { rate: "7.5", net: "150.00", tax: "11.25", gross: "161.25" },
  ],
  total_net: "209.00",
  total_tax: "22.46",
  total_gross: "231.46",
  reverse_charge: false,
  ...overrides,
});

const creditNote = (overrides: Partial<InvoiceDocument> = {}) =>
  invoice({
    kind: "credit_note",
    number: "CN-2026-0001",
    due_date: null,
    corrects_invoice_number: "INV-2026-0001",
    lines: [line({ description: "Pro plan, monthly (refund)", amount: "-49.00" })],
    tax_rows: [{ rate: "19", net: "-49.00", tax: "-9.31", gross: "-58.31" }],
    total_net: "-49.00",
    total_tax: "-9.31",
    total_gross: "-58.31",
    ...overrides,
  });

const all = (pages: string[][]) => pages.flat();
const joined = (pages: string[][]) => all(pages).join(" ");

// ---------------------------------------------------------------------------------------------

describe("invoice PDF", () => {
  it("shows the parties, the facts, every line and the totals", async () => {
    const pdf = await renderDocumentPdf(invoice());
    expectPdf(pdf);
    expect(pageCount(pdf)).toBe(1);
    const pages = pageTexts(pdf);
    const texts = all(pages);
    expect(texts).toEqual(
      expect.arrayContaining([
        "Acme Software GmbH",
        "Hauptstraße 1",
        "10115 Berlin",
        "VAT ID: DE123456789",
        "Tax number: 27/123/45678",
        "Bill to",
        "Globex Corporation",
        "Attn. Accounts Payable",
        "San Francisco, CA 94105",
        "Invoice",
        "Number",
        "INV-2026-0001",
        "Issue date",
        "Feb 1, 2026",
        "Due date",
        "Feb 15, 2026",
        "Currency",
        "EUR",
        // The line table.
        "Description",
        "Qty",
        "Unit price",
        "Tax",
        "Net amount",
        "Pro plan, monthly",
        "Service period Jan 1, 2026 \u2013 Jan 31, 2026",
        "€49.00",
        "19%",
        "API calls beyond the included 10,000",
        "2,500",
        "€0.0040",
        "€10.00",
        "One-time setup",
        "€150.00",
        "7.5%",
        // Tax breakdown and totals.
        "Tax breakdown",
        "Tax rate",
        "Net",
        "Gross",
        "€59.00",
        "€11.21",
        "€70.21",
        "€161.25",
        "Total net",
        "€209.00",
        "Total tax",
        "€22.46",
        "Total",
        "€231.46",
        "Page 1 of 1",
      ]),
    );
    // Nothing a finalized invoice does not carry.
    expect(texts).not.toContain("DRAFT");
    expect(texts).not.toContain("VOID");
    expect(joined(pages)).not.toContain("Reverse charge");
    expect(joined(pages)).not.toContain("Corrects invoice");
    // The service period of the line without one is not invented.
    expect(texts.filter((t) => t.startsWith("Service period"))).toHaveLength(2);
  });

  it("fails its checks when a line is missing", async () => {
    const document = invoice();
    const withoutSetup = invoice({ lines: document.lines.slice(0, 2) });
    const texts = all(pageTexts(await renderDocumentPdf(withoutSetup)));
    expect(texts).not.toContain("One-time setup");
    expect(texts).toContain("API calls beyond the included 10,000");
  });

  it("renders the same document to the same bytes", async () => {
    const a = await renderDocumentPdf(invoice());
    const b = await renderDocumentPdf(invoice());
    expect(a.equals(b)).toBe(true);
    // The creation date is the issue date, not the time of rendering.
    expect(a.toString("latin1")).toContain("(D:20260201000000Z)");
    const later = await renderDocumentPdf(invoice({ issue_date: "2026-02-02" }));
    expect(later.equals(a)).toBe(false);
  });

  it("marks a credit note and names the invoice it corrects", async () => {
    const pdf = await renderDocumentPdf(creditNote());
    expectPdf(pdf);
    const texts = all(pageTexts(pdf));
    expect(texts).toEqual(
      expect.arrayContaining([
        "Credit note",
        "CN-2026-0001",
        "Corrects invoice INV-2026-0001",
        "Pro plan, monthly (refund)",
        "-€49.00",
        "-€9.31",
        "-€58.31",
      ]),
    );
    expect(texts).not.toContain("Invoice");
    expect(texts).not.toContain("Due date");
  });

  it("labels a draft and watermarks every page", async () => {
    const draft = invoice({
      number: null,
      status: "draft",
      lines: Array.from({ length: 60 }, (_, i) => line({ description: `Seat ${i + 1}` })),
    });
    const pdf = await renderDocumentPdf(draft);
    expectPdf(pdf);
    const pages = pageTexts(pdf);
    expect(pages.length).toBeGreaterThan(1);
    for (const texts of pages) expect(texts).toContain("DRAFT");
    expect(pages[0]).toEqual(expect.arrayContaining(["Number", "Draft"]));
    expect(pages[1]).toContain("Invoice Draft");
    expect(pdf.toString("latin1")).toContain("\n(Invoice Draft)\nendobj");
  });

  it("marks a void invoice", async () => {
    const pages = pageTexts(await renderDocumentPdf(invoice({ status: "void" })));
    // The label under the title and the watermark.
    expect(all(pages).filter((t) => t === "VOID")).toHaveLength(2);
    expect(all(pages)).not.toContain("DRAFT");
  });

  it("breaks a long invoice over pages, repeating the table header", async () => {
    const lines = Array.from({ length: 120 }, (_, i) =>
      line({ description: `Usage line ${String(i + 1).padStart(3, "0")}`, amount: `${i}.00` }),
    );
    const pdf = await renderDocumentPdf(invoice({ lines }));
    expectPdf(pdf);
    const pages = pageTexts(pdf);
    const count = pageCount(pdf);
    expect(count).toBeGreaterThanOrEqual(4);
    expect(pages).toHaveLength(count);
    pages.forEach((texts, i) => {
      expect(texts).toContain(`Page ${i + 1} of ${count}`);
      // The line table's header is on every page that carries lines.
      if (texts.some((t) => t.startsWith("Usage line"))) {
        expect(texts).toEqual(expect.arrayContaining(["Description", "Qty", "Net amount"]));
      }
      if (i > 0) expect(texts).toContain("Invoice INV-2026-0001");
    });
    // Every line exactly once, in order.
    const printed = all(pages).filter((t) => t.startsWith("Usage line"));
    expect(printed).toEqual(lines.map((l) => l.description));
    expect(all(pages).filter((t) => t === "€119.00")).toHaveLength(1);
    // The totals close the document, on its last page.
    expect(pages.at(-1)).toEqual(expect.arrayContaining(["Total", "€231.46"]));
    // Nothing runs into the margins or the footer: body text sits between the top margin and
    // the footer's rule, the footer (sender and page number) below it, all within the side
    // margins of the A4 page.
    for (const page of pagePlacements(pdf)) {
      for (const { x, y, text } of page) {
        expect(x, text).toBeGreaterThanOrEqual(50);
        expect(x, text).toBeLessThan(545.28);
        const isFooter = text.startsWith("Page ") || text.startsWith("Acme Software GmbH \u00b7");
        if (isFooter) expect(y, text).toBeLessThan(50);
        else expect(y, text).toBeGreaterThan(70);
        expect(y, text).toBeLessThan(841.89 - 48);
      }
    }
  });

  it("renders a document without lines or tax rows", async () => {
    const pdf = await renderDocumentPdf(
      invoice({
        lines: [],
        tax_rows: [],
        total_net: "0.00",
        total_tax: "0.00",
        total_gross: "0.00",
      }),
    );
    expectPdf(pdf);
    const texts = all(pageTexts(pdf));
    expect(texts).toEqual(expect.arrayContaining(["Description", "Total", "€0.00"]));
    expect(texts).not.toContain("Tax breakdown");
  });

  it("keeps a long sender name out of the page number's way", async () => {
    const name = `Acme ${"Very Long ".repeat(20)}Holdings`;
    const lines = Array.from({ length: 40 }, (_, i) => line({ description: `L${i}` }));
    const pages = pageTexts(
      await renderDocumentPdf(invoice({ sender: { name, address_lines: [] }, lines })),
    );
    const footers = all(pages).filter((t) => t.startsWith("Acme Very Long"));
    // The full name heads page 1 (wrapped); footers and running headers carry a clipped one.
    expect(footers.filter((t) => t.endsWith("\u2026")).length).toBeGreaterThanOrEqual(
      pages.length + 1,
    );
  });

  it("repeats the header on every page the lines span", async () => {
    const lines = Array.from({ length: 120 }, (_, i) => line({ description: `L${i}` }));
    const pages = pageTexts(await renderDocumentPdf(invoice({ lines })));
    const withLines = pages.filter((texts) => texts.some((t) => /^L\d+$/.test(t)));
    expect(withLines.length).toBeGreaterThan(2);
    for (const texts of withLines) expect(texts.filter((t) => t === "Unit price")).toHaveLength(1);
  });

  it("wraps long descriptions within the description column", async () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
    const unbroken = "X".repeat(200);
    const pdf = await renderDocumentPdf(
      invoice({ lines: [line({ description: `${words.join(" ")}\n${unbroken}` })] }),
    );
    const texts = all(pageTexts(pdf));
    const described = texts.filter((t) => t.startsWith("word"));
    expect(described.length).toBeGreaterThan(3);
    expect(described.join(" ")).toBe(words.join(" "));
    const xs = texts.filter((t) => /^X+$/.test(t));
    expect(xs.length).toBeGreaterThan(1);
    expect(xs.join("")).toBe(unbroken);
  });

  it("keeps a description taller than a page, splitting it across pages", async () => {
    const paragraphs = Array.from({ length: 90 }, (_, i) => `Detail ${i}`).join("\n");
    const pages = pageTexts(
      await renderDocumentPdf(invoice({ lines: [line({ description: paragraphs })] })),
    );
    expect(pages.length).toBeGreaterThan(1);
    const details = all(pages).filter((t) => t.startsWith("Detail "));
    expect(details).toEqual(Array.from({ length: 90 }, (_, i) => `Detail ${i}`));
    for (const texts of pages.filter((p) => p.some((t) => t.startsWith("Detail ")))) {
      expect(texts).toContain("Description");
    }
  });

  it("prints the reverse-charge note", async () => {
    const pages = pageTexts(
      await renderDocumentPdf(
        invoice({
          reverse_charge: true,
          recipient: {
            name: "Klant BV",
            address_lines: ["Damrak 1", "1012 LG Amsterdam", "Netherlands"],
            vat_id: "NL123456789B01",
          },
          lines: [line({ tax_rate: "0" })],
          tax_rows: [{ rate: "0", net: "49.00", tax: "0.00", gross: "49.00" }],
          total_net: "49.00",
          total_tax: "0.00",
          total_gross: "49.00",
        }),
      ),
    );
    expect(all(pages)).toEqual(
      expect.arrayContaining([
        "Reverse charge: tax liability passes to the recipient",
        "VAT ID: NL123456789B01",
        "0%",
      ]),
    );
  });

  it("speaks German for a German document", async () => {
    const pdf = await renderDocumentPdf(
      invoice({ language: "de-DE", price_basis: "gross", reverse_charge: true }),
    );
    const texts = all(pageTexts(pdf));
    expect(texts).toEqual(
      expect.arrayContaining([
        "Rechnung",
        "Nummer",
        "Rechnungsdatum",
        "Fällig am",
        "Währung",
        "Rechnungsempfänger",
        "USt-IdNr.: DE123456789",
        "Steuernummer: 27/123/45678",
        "Beschreibung",
        "Menge",
        "Einzelpreis",
        "Bruttobetrag",
        "Leistungszeitraum 01.01.2026 \u2013 31.01.2026",
        "49,00\u00a0€",
        "0,0040\u00a0€",
        "19 %",
        "7,5 %",
        "Summe netto",
        "Umsatzsteuer",
        "Gesamtbetrag",
        "231,46\u00a0€",
        "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)",
        "Seite 1 von 1",
      ]),
    );
    expect(texts).not.toContain("Invoice");
    expect(texts).not.toContain("Total");

    const credit = all(pageTexts(await renderDocumentPdf(creditNote({ language: "de" }))));
    expect(credit).toEqual(
      expect.arrayContaining(["Rechnungskorrektur", "Korrigiert Rechnung INV-2026-0001"]),
    );
    const draft = all(
      pageTexts(await renderDocumentPdf(invoice({ language: "de", number: null }))),
    );
    expect(draft).toEqual(expect.arrayContaining(["Entwurf", "ENTWURF"]));
  });

  it("speaks French for a French document", async () => {
    const texts = all(pageTexts(await renderDocumentPdf(invoice({ language: "fr-CA" }))));
    expect(texts).toEqual(
      expect.arrayContaining([
        "Facture",
        "Numéro",
        "Date de facture",
        "Date d'échéance",
        "Facturer à",
        "Désignation",
        "Prix unitaire",
        "49,00\u00a0€",
        "Total HT",
        "Total TTC",
        "Page 1 sur 1",
      ]),
    );
    expect(texts).not.toContain("Invoice");
    const credit = all(pageTexts(await renderDocumentPdf(creditNote({ language: "fr" }))));
    expect(credit).toEqual(expect.arrayContaining(["Avoir", "Rectifie la facture INV-2026-0001"]));
  });

  it("falls back to English for other languages", async () => {
    for (const language of ["en-GB", "es", "del", "french", null]) {
      const texts = all(pageTexts(await renderDocumentPdf(invoice({ language }))));
      expect(texts).toContain("Invoice");
      expect(texts).toContain("€49.00");
    }
  });

  it("shows names outside Windows-1252 legibly", async () => {
    const texts = all(
      pageTexts(
        await renderDocumentPdf(
          invoice({ recipient: { name: "Łódź Dvořák Őrség 東京", address_lines: ["Tab\there"] } }),
        ),
      ),
    );
    // Letters Latin-1 has stay; others lose their accent; what has no base letter becomes "?".
    expect(texts).toContain("Lódz Dvorák Orség ??");
    expect(texts).toContain("Tab here");
  });

  it("shows the purchase order number among the facts and the notes below the totals", async () => {
    const notes = "Please quote the PO number with your payment.\nThank you for your business.";
    const pdf = await renderDocumentPdf(invoice({ po_number: "PO-4711", notes }));
    const placed = pagePlacements(pdf)[0]!;
    const at = (text: string) => placed.find((p) => p.text === text);
    expect(at("PO number")).toBeDefined();
    expect(at("PO-4711")).toBeDefined();
    // the facts' row: the label and its value on one line (their sizes differ a little)
    expect(Math.abs(at("PO-4711")!.y - at("PO number")!.y)).toBeLessThan(2);
    expect(at("Notes")).toBeDefined();
    expect(at("Please quote the PO number with your payment.")).toBeDefined();
    expect(at("Thank you for your business.")).toBeDefined();
    // below the totals (PDF y grows upwards)
    expect(at("Notes")!.y).toBeLessThan(at("€231.46")!.y);
    const german = all(
      pageTexts(await renderDocumentPdf(invoice({ language: "de", po_number: "B-1", notes: "x" }))),
    );
    expect(german).toEqual(expect.arrayContaining(["Bestellnummer", "B-1", "Hinweise"]));
    // without them, neither label
    const plain = all(pageTexts(await renderDocumentPdf(invoice())));
    expect(plain).not.toContain("PO number");
    expect(plain).not.toContain("Notes");
  });

  it("keeps long notes on the page, continuing on the next one", async () => {
    const notes = Array.from({ length: 80 }, (_, i) => `Note line ${i + 1}`).join("\n");
    const pdf = await renderDocumentPdf(invoice({ notes }));
    const pages = pagePlacements(pdf);
    expect(pages.length).toBeGreaterThan(1);
    const shown = pages.flat().filter((p) => p.text.startsWith("Note line "));
    expect(shown.map((p) => p.text)).toEqual(
      Array.from({ length: 80 }, (_, i) => `Note line ${i + 1}`),
    );
    // every line above the footer
    for (const p of shown) expect(p.y).toBeGreaterThan(841.89 - 770);
  });

  it("refuses an issue date that is not a date", async () => {
    await expect(renderDocumentPdf(invoice({ issue_date: "01.02.2026" }))).rejects.toThrow(
      TypeError,
    );
  });
});

describe("printed service periods", () => {
  it("print the exclusive end as the day before", () => {
    expect(printedPeriod("2026-01-01", "2026-02-01")).toBe("2026-01-01 \u2013 2026-01-31");
    expect(printedPeriod("2024-02-01", "2024-03-01")).toBe("2024-02-01 \u2013 2024-02-29");
    expect(printedPeriod("2025-12-01", "2026-01-01")).toBe("2025-12-01 \u2013 2025-12-31");
    expect(printedPeriod("2026-01-15", "2026-01-16")).toBe("2026-01-15 \u2013 2026-01-15");
    // each date written by the formatter it is given
    expect(printedPeriod("2026-01-01", "2026-02-01", (d) => `<${d}>`)).toBe(
      "<2026-01-01> \u2013 <2026-01-31>",
    );
    expect(printedPeriod(null, null)).toBeNull();
  });
});

describe("Windows-1252 text", () => {
  it("keeps what the encoding has and replaces the rest", () => {
    expect(toWinAnsi("Müller & Søn – 5 € • “quoted”")).toBe("Müller & Søn – 5 € • “quoted”");
    expect(toWinAnsi("Dvořák Łukasz Đorđe İstanbul")).toBe("Dvorák Lukasz Dorde Istanbul");
    expect(toWinAnsi("a\u0000b\u0085c")).toBe("a b c");
    expect(toWinAnsi("😀")).toBe("?");
  });
});
