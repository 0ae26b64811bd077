/**
 * The PDF of an invoice or credit note, drawn with pdfkit's built-in Helvetica (no font files,
 * no network). A4; sender and recipient blocks, the document's title, number, dates and
 * purchase order number, a line table whose header repeats on every page, a tax breakdown per
 * rate, totals, notes for the customer, and "Page i of n" on every page. Labels are English,
 * German or French by the document's language tag.
 *
 * Amounts, quantities, rates and dates are written for the document's locale with Intl
 * ("€1,234.50", "1.234,50 €", "1 234,50 €"; "Feb 1, 2026", "01.02.2026"), each amount with
 * exactly the digits of its decimal string, which Intl is handed as a string: nothing here
 * does arithmetic on money or puts it in a float.
 *
 * The output is deterministic: the PDF's creation date (which also seeds the file identifier)
 * comes from the issue date, so the same document renders to the same bytes.
 *
 * All positions are computed here: text is written one line at a time with pdfkit's line
 * breaking off, so pdfkit never adds a page on its own.
 *
 * pdfkit is loaded on the first document rendered, not with the server.
 */
import type PDFDocument from "pdfkit";
import { type Yielder, yielder } from "../../lib/yield.js";
import type { DocumentParty, InvoiceDocument } from "./document.js";

type Pdf = PDFKit.PDFDocument;

// ---------------------------------------------------------------------------------------------
// Labels

type Labels = {
  invoice: string;
  credit_note: string;
  quote: string;
  quoteDate: string;
  validUntil: string;
  number: string;
  draft: string;
  draftMark: string;
  voidMark: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  poNumber: string;
  notes: string;
  billTo: string;
  vatId: string;
  taxNumber: string;
  description: string;
  servicePeriod: string;
  quantity: string;
  unitPrice: string;
  tax: string;
  amount: Record<InvoiceDocument["price_basis"], string>;
  taxBreakdown: string;
  taxRate: string;
  net: string;
  gross: string;
  totalNet: string;
  totalTax: string;
  total: string;
  reverseCharge: string;
  corrects: (number: string) => string;
  page: (index: number, count: number) => string;
  percent: (rate: string) => string;
  /** The Intl locale numbers and dates are written for when the document names none of this language. */
  locale: string;
};

const EN: Labels = {
  invoice: "Invoice",
  credit_note: "Credit note",
  quote: "Quote",
  quoteDate: "Date",
  validUntil: "Valid until",
  number: "Number",
  draft: "Draft",
  draftMark: "DRAFT",
  voidMark: "VOID",
  issueDate: "Issue date",
  dueDate: "Due date",
  currency: "Currency",
  poNumber: "PO number",
  notes: "Notes",
  billTo: "Bill to",
  vatId: "VAT ID",
  taxNumber: "Tax number",
  description: "Description",
  servicePeriod: "Service period",
  quantity: "Qty",
  unitPrice: "Unit price",
  tax: "Tax",
  amount: { net: "Net amount", gross: "Gross amount" },
  taxBreakdown: "Tax breakdown",
  taxRate: "Tax rate",
  net: "Net",
  gross: "Gross",
  totalNet: "Total net",
  totalTax: "Total tax",
  total: "Total",
  reverseCharge: "Reverse charge: tax liability passes to the recipient",
  corrects: (number) => `Corrects invoice ${number}`,
  page: (index, count) => `Page ${index} of ${count}`,
  percent: (rate) => `${rate}%`,
  locale: "en",
};

/** German: a correcting credit note is a "Rechnungskorrektur" ("Gutschrift" means self-billing). */
const DE: Labels = {
  invoice: "Rechnung",
  credit_note: "Rechnungskorrektur",
  quote: "Angebot",
  quoteDate: "Datum",
  validUntil: "Gültig bis",
  number: "Nummer",
  draft: "Entwurf",
  draftMark: "ENTWURF",
  voidMark: "STORNIERT",
  issueDate: "Rechnungsdatum",
  dueDate: "Fällig am",
  currency: "Währung",
  poNumber: "Bestellnummer",
  notes: "Hinweise",
  billTo: "Rechnungsempfänger",
  vatId: "USt-IdNr.",
  taxNumber: "Steuernummer",
  description: "Beschreibung",
  servicePeriod: "Leistungszeitraum",
  quantity: "Menge",
  unitPrice: "Einzelpreis",
  tax: "USt.",
  amount: { net: "Nettobetrag", gross: "Bruttobetrag" },
  taxBreakdown: "Umsatzsteuer nach Steuersätzen",
  taxRate: "Steuersatz",
  net: "Netto",
  gross: "Brutto",
  totalNet: "Summe netto",
  totalTax: "Umsatzsteuer",
  total: "Gesamtbetrag",
  reverseCharge: "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)",
  corrects: (number) => `Korrigiert Rechnung ${number}`,
  page: (index, count) => `Seite ${index} von ${count}`,
  percent: (rate) => `${rate} %`,
  locale: "de-DE",
};

/** French: a correcting credit note is an "Avoir"; amounts with a decimal comma. */
const FR: Labels = {
  invoice: "Facture",
  credit_note: "Avoir",
  quote: "Devis",
  quoteDate: "Date",
  validUntil: "Valable jusqu'au",
  number: "Numéro",
  draft: "Brouillon",
  draftMark: "BROUILLON",
  voidMark: "ANNULÉE",
  issueDate: "Date de facture",
  dueDate: "Date d'échéance",
  currency: "Devise",
  poNumber: "N° de commande",
  notes: "Remarques",
  billTo: "Facturer à",
  vatId: "N° TVA",
  taxNumber: "N° fiscal",
  description: "Désignation",
  servicePeriod: "Période de prestation",
  quantity: "Qté",
  unitPrice: "Prix unitaire",
  tax: "TVA",
  amount: { net: "Montant HT", gross: "Montant TTC" },
  taxBreakdown: "Détail de la TVA",
  taxRate: "Taux de TVA",
  net: "HT",
  gross: "TTC",
  totalNet: "Total HT",
  totalTax: "Total TVA",
  total: "Total TTC",
  reverseCharge: "Autoliquidation : la TVA est due par le preneur",
  corrects: (number) => `Rectifie la facture ${number}`,
  page: (index, count) => `Page ${index} sur ${count}`,
  percent: (rate) => `${rate} %`,
  locale: "fr-FR",
};

/**
 * The labels of a BCP 47 tag's primary language ("de", "de-AT", "fr-CA"): German, French, or
 * English for any other.
 */
function labelsFor(language: string | null | undefined): Labels {
  const primary = /^([a-z]{2,3})(?:[-_]|$)/i.exec(language ?? "")?.[1]?.toLowerCase();
  const labels = primary === "de" ? DE : primary === "fr" ? FR : EN;
  // the document's own locale ("fr-CA", "en-GB") where it speaks the labels' language
  if (language && labels.locale.split("-")[0] === primary) {
    try {
      const [locale] = Intl.getCanonicalLocales(language.replace("_", "-"));
      if (locale) return { ...labels, locale };
    } catch {
      // not a locale tag: the labels' own
    }
  }
  return labels;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Characters Windows-1252 (the standard fonts' encoding) has beyond Latin-1, by code point. */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018,
  0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a,
  0x20ac, 0x2122,
]);

/** Letters without a decomposition into a base letter and a mark. */
const FALLBACKS: Record<string, string> = {
  Ł: "L",
  ł: "l",
  Đ: "D",
  đ: "d",
  Ħ: "H",
  ħ: "h",
  ı: "i",
  Ŀ: "L",
  ŀ: "l",
  Ŧ: "T",
  ŧ: "t",
  ẞ: "SS",
  "\u2212": "-",
  "\u2010": "-",
  "\u2011": "-",
};

const printable = (code: number) =>
  (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);

/**
 * The text as the standard fonts can show it: pdfkit writes their text in Windows-1252 and
 * garbles anything outside it, so accented letters lose their accent ("ř" → "r"), a few letters
 * get a look-alike, other characters become "?", and control characters become spaces.
 */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f;
    if (printable(code)) {
      out += char;
    } else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      out += " ";
    } else {
      const fallback = FALLBACKS[char];
      if (fallback !== undefined) {
        out += fallback;
        continue;
      }
      const base = char.normalize("NFKD").replace(/\p{M}/gu, "");
      out += base !== "" && [...base].every((c) => printable(c.codePointAt(0) ?? 0)) ? base : "?";
    }
  }
  return out;
}

const PLAIN_DECIMAL = /^[+-]?\d+(?:\.(\d+))?$/;

/**
 * A decimal string written for the locale with exactly its own digits ("2500" → "2,500",
 * "0.0040" → "0,0040"), optionally as an amount of a currency ("€1,234.50", "1.234,50 €").
 * Intl is handed the string, so no float holds the value. Anything else is kept as it is.
 */
function localNumber(value: string, labels: Labels, currency?: string): string {
  const match = PLAIN_DECIMAL.exec(value);
  if (!match) return currency ? `${value} ${currency}` : value;
  const digits = match[1]?.length ?? 0;
  const format = new Intl.NumberFormat(labels.locale, {
    ...(currency ? { style: "currency", currency } : {}),
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // the narrow no-break space (French grouping) is not in the fonts' encoding: a no-break space
  return format.format(value as unknown as number).replace(/\u202f/g, "\u00a0");
}

/** A calendar date (YYYY-MM-DD) for the locale: "Feb 1, 2026", "01.02.2026", "1 févr. 2026". */
function localDate(date: string, labels: Labels): string {
  const match = ISO_DATE.exec(date);
  if (!match) return date;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(labels.locale, { dateStyle: "medium", timeZone: "UTC" })
    .format(at)
    .replace(/\u202f/g, "\u00a0");
}

/** The service period as printed: the stored end is exclusive, the printed end inclusive. */
export function printedPeriod(
  start: string | null,
  end: string | null,
  date: (isoDate: string) => string = (d) => d,
): string | null {
  const inclusiveEnd = end === null ? null : previousDay(end);
  if (start !== null && inclusiveEnd !== null) {
    return inclusiveEnd >= start ? `${date(start)} \u2013 ${date(inclusiveEnd)}` : date(start);
  }
  if (start !== null) return `${date(start)} \u2013`;
  if (inclusiveEnd !== null) return `\u2013 ${date(inclusiveEnd)}`;
  return null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function previousDay(date: string): string {
  const match = ISO_DATE.exec(date);
  if (!match) return date;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) - 1));
  return day.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Page geometry and styles (points; A4 is 595.28 × 841.89)

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const LEFT = 50;
const RIGHT = PAGE_WIDTH - 50;
const TOP = 48;
/** Content stops here; the footer lives below. */
const BOTTOM = PAGE_HEIGHT - 70;
const FOOTER_Y = PAGE_HEIGHT - 48;

type Style = { bold?: boolean; size: number; color: string };

const INK = "#1f2328";
const MUTED = "#656d76";
const RULE = "#d0d7de";
const BAND = "#f3f4f6";

const BODY: Style = { size: 9, color: INK };
const BODY_BOLD: Style = { bold: true, size: 9, color: INK };
const SMALL: Style = { size: 8, color: MUTED };
const SMALL_BOLD: Style = { bold: true, size: 8, color: MUTED };
const HEADER: Style = { bold: true, size: 8, color: INK };
const lineHeight = (style: Style) => style.size * 1.3;

type Line = { text: string; style: Style };
type Align = "left" | "right";

class Canvas {
  y = TOP;

  constructor(readonly pdf: Pdf) {}

  use(style: Style): void {
    this.pdf.font(style.bold ? "Helvetica-Bold" : "Helvetica").fontSize(style.size);
    this.pdf.fillColor(style.color);
  }

  width(text: string, style: Style): number {
    this.use(style);
    return this.pdf.widthOfString(toWinAnsi(text));
  }

  /** One line of text with its top at y; right-aligned text ends at x. */
  write(raw: string, x: number, y: number, style: Style, align: Align = "left"): void {
    const text = toWinAnsi(raw);
    if (text === "") return;
    this.use(style);
    const left = align === "right" ? x - this.pdf.widthOfString(text) : x;
    this.pdf.text(text, left, y, { lineBreak: false });
  }

  /** The text broken into lines no wider than `width`: at spaces, inside a word when it must. */
  wrap(raw: string, width: number, style: Style): string[] {
    const lines: string[] = [];
    for (const paragraph of raw.split(/\r\n|\r|\n/)) {
      let current = "";
      for (const word of toWinAnsi(paragraph)
        .split(" ")
        .filter((w) => w !== "")) {
        const candidate = current === "" ? word : `${current} ${word}`;
        if (this.width(candidate, style) <= width) {
          current = candidate;
          continue;
        }
        if (current !== "") lines.push(current);
        current = "";
        let rest = word;
        while (this.width(rest, style) > width) {
          let cut = 1;
          while (cut < rest.length && this.width(rest.slice(0, cut + 1), style) <= width) cut++;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        current = rest;
      }
      lines.push(current);
    }
    return lines;
  }

  /** The text's first line within `width`, with an ellipsis when there was more. */
  clip(raw: string, width: number, style: Style): string {
    const [first = "", ...more] = this.wrap(raw, width, style);
    if (more.length === 0) return first;
    let cut = first;
    while (cut !== "" && this.width(`${cut}\u2026`, style) > width) cut = cut.slice(0, -1);
    return `${cut.trimEnd()}\u2026`;
  }

  lines(raw: string, width: number, style: Style): Line[] {
    return this.wrap(raw, width, style).map((text) => ({ text, style }));
  }

  rule(x1: number, x2: number, y: number, color = RULE, width = 0.5): void {
    this.pdf.moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke();
  }

  band(x: number, y: number, w: number, h: number): void {
    this.pdf.rect(x, y, w, h).fillColor(BAND).fill();
  }
}

const height = (lines: Line[]) => lines.reduce((sum, line) => sum + lineHeight(line.style), 0);

/** Adds `more` to the end of `into`, one by one (a long text wraps to many lines). */
const append = (into: Line[], more: readonly Line[]) => {
  for (const line of more) into.push(line);
};

// ---------------------------------------------------------------------------------------------
// Tables

type Column = { header: string; width: number; align: Align };
type Row = Line[][];

const CELL_GAP = 8;
const ROW_PAD = 4;

class Table {
  readonly right: number;

  constructor(
    readonly canvas: Canvas,
    readonly x: number,
    readonly columns: Column[],
  ) {
    this.right = x + columns.reduce((s, c) => s + c.width, 0) + CELL_GAP * (columns.length - 1);
  }

  headerHeight(): number {
    return this.headerCells().reduce((h, cell) => Math.max(h, height(cell)), 0) + 2 * ROW_PAD;
  }

  private headerCells(): Row {
    return this.columns.map((c) => this.canvas.lines(c.header, c.width, HEADER));
  }

  rowHeight(row: Row): number {
    return row.reduce((h, cell) => Math.max(h, height(cell)), 0) + 2 * ROW_PAD;
  }

  drawHeader(): void {
    const h = this.headerHeight();
    this.canvas.band(this.x, this.canvas.y, this.right - this.x, h);
    this.drawCells(this.headerCells(), this.canvas.y + ROW_PAD);
    this.canvas.y += h;
  }

  drawRow(row: Row): void {
    this.drawCells(row, this.canvas.y + ROW_PAD);
    this.canvas.y += this.rowHeight(row);
    this.canvas.rule(this.x, this.right, this.canvas.y);
  }

  private drawCells(row: Row, top: number): void {
    let x = this.x;
    this.columns.forEach((column, i) => {
      let y = top;
      for (const line of row[i] ?? []) {
        const at = column.align === "right" ? x + column.width : x;
        this.canvas.write(line.text, at, y, line.style, column.align);
        y += lineHeight(line.style);
      }
      x += column.width + CELL_GAP;
    });
  }

  /** The first lines of every cell that fit in `space` points, and the rest. */
  split(row: Row, space: number): [Row, Row] {
    const head: Row = [];
    const tail: Row = [];
    for (const cell of row) {
      let used = 2 * ROW_PAD;
      let n = 0;
      while (n < cell.length && used + lineHeight(cell[n]!.style) <= space) {
        used += lineHeight(cell[n]!.style);
        n++;
      }
      head.push(cell.slice(0, n));
      tail.push(cell.slice(n));
    }
    return [head, tail];
  }
}

// ---------------------------------------------------------------------------------------------
// The document

class Renderer {
  readonly canvas: Canvas;
  readonly labels: Labels;
  readonly title: string;
  readonly reference: string;
  readonly mark: { text: string; color: string } | null;
  /** Redraws the header of the table being drawn when a page breaks inside it. */
  private repeatHeader: (() => void) | null = null;
  private pages = 0;

  constructor(
    readonly pdf: Pdf,
    readonly doc: InvoiceDocument,
    /** Paused between rows, lines and pages: a long document takes seconds to lay out. */
    readonly yields: Yielder,
  ) {
    this.canvas = new Canvas(pdf);
    this.labels = labelsFor(doc.language);
    this.title = this.labels[doc.kind];
    const isDraft = doc.number === null || doc.status === "draft";
    this.reference = doc.number ?? this.labels.draft;
    this.mark =
      doc.status === "void"
        ? { text: this.labels.voidMark, color: "#c62828" }
        : isDraft
          ? { text: this.labels.draftMark, color: "#9e9e9e" }
          : null;
  }

  money(value: string): string {
    return localNumber(value, this.labels, this.doc.currency);
  }

  async render(): Promise<void> {
    this.startPage();
    this.drawHead();
    await this.drawLines();
    await this.drawSummary();
    await this.drawFooters();
  }

  /** A new page: the watermark under everything, and on continuation pages a running header. */
  private startPage(): void {
    const first = this.pages === 0;
    if (!first) this.pdf.addPage();
    this.pages++;
    this.drawWatermark();
    this.canvas.y = TOP;
    if (!first) {
      const half = (RIGHT - LEFT) / 2 - 10;
      const { canvas } = this;
      canvas.write(
        canvas.clip(`${this.title} ${this.reference}`, half, BODY_BOLD),
        LEFT,
        TOP,
        BODY_BOLD,
      );
      canvas.write(canvas.clip(this.doc.sender.name, half, SMALL), RIGHT, TOP, SMALL, "right");
      this.canvas.rule(LEFT, RIGHT, TOP + 16);
      this.canvas.y = TOP + 26;
    }
  }

  private newPage(): void {
    this.startPage();
    this.repeatHeader?.();
  }

  /** Starts a new page unless `space` points are left on this one. */
  private ensure(space: number): void {
    if (this.canvas.y + space > BOTTOM) this.newPage();
  }

  private drawWatermark(): void {
    if (!this.mark) return;
    const { pdf } = this;
    const style: Style = { bold: true, size: 96, color: this.mark.color };
    const text = this.mark.text;
    const width = this.canvas.width(text, style);
    pdf.save();
    pdf.rotate(-40, { origin: [PAGE_WIDTH / 2, PAGE_HEIGHT / 2] });
    pdf.fillOpacity(0.12);
    this.canvas.write(text, PAGE_WIDTH / 2 - width / 2, PAGE_HEIGHT / 2 - 40, style);
    pdf.restore();
  }

  private party(party: DocumentParty, nameStyle: Style, width: number): Line[] {
    const { canvas, labels } = this;
    const lines = [...canvas.lines(party.name, width, nameStyle)];
    if (party.sub_name) append(lines, canvas.lines(party.sub_name, width, BODY));
    for (const line of party.address_lines) append(lines, canvas.lines(line, width, BODY));
    if (party.vat_id) append(lines, canvas.lines(`${labels.vatId}: ${party.vat_id}`, width, BODY));
    if (party.tax_number) {
      append(lines, canvas.lines(`${labels.taxNumber}: ${party.tax_number}`, width, BODY));
    }
    return lines;
  }

  private drawLinesAt(lines: Line[], x: number, y: number, align: Align = "left"): number {
    for (const line of lines) {
      this.canvas.write(line.text, x, y, line.style, align);
      y += lineHeight(line.style);
    }
    return y;
  }

  private drawHead(): void {
    const { canvas, labels, doc } = this;
    const top = canvas.y;

    // Sender, top left.
    const senderWidth = 250;
    const senderEnd = this.drawLinesAt(
      this.party(doc.sender, { bold: true, size: 12, color: INK }, senderWidth),
      LEFT,
      top,
    );

    // Title and facts, top right.
    const metaLeft = 330;
    const titleStyle: Style = { bold: true, size: 20, color: INK };
    let y = this.drawLinesAt(
      canvas.lines(this.title, RIGHT - metaLeft, titleStyle),
      RIGHT,
      top,
      "right",
    );
    if (doc.status === "void") {
      canvas.write(labels.voidMark, RIGHT, y, { bold: true, size: 10, color: "#c62828" }, "right");
      y += lineHeight({ size: 10, color: INK });
    }
    y += 6;
    const facts: [string, string][] = [
      [labels.number, this.reference],
      [
        doc.kind === "quote" ? labels.quoteDate : labels.issueDate,
        localDate(doc.issue_date, labels),
      ],
      ...(doc.due_date
        ? [
            [
              doc.kind === "quote" ? labels.validUntil : labels.dueDate,
              localDate(doc.due_date, labels),
            ] as [string, string],
          ]
        : []),
      [labels.currency, doc.currency],
      ...(doc.po_number ? [[labels.poNumber, doc.po_number] as [string, string]] : []),
    ];
    const labelWidth = 90;
    for (const [label, value] of facts) {
      const valueLines = canvas.lines(value, RIGHT - metaLeft - labelWidth, BODY_BOLD);
      canvas.write(label, metaLeft, y, SMALL);
      y = this.drawLinesAt(valueLines, RIGHT, y, "right");
    }

    // Recipient, below both.
    y = Math.max(senderEnd, y) + 28;
    canvas.write(labels.billTo, LEFT, y, SMALL_BOLD);
    y += lineHeight(SMALL_BOLD) + 2;
    y = this.drawLinesAt(
      this.party(doc.recipient, { bold: true, size: 10, color: INK }, 300),
      LEFT,
      y,
    );

    if (doc.kind === "credit_note" && doc.corrects_invoice_number) {
      y += 12;
      y = this.drawLinesAt(
        canvas.lines(labels.corrects(doc.corrects_invoice_number), RIGHT - LEFT, BODY_BOLD),
        LEFT,
        y,
      );
    }
    canvas.y = y + 20;
  }

  private async drawTable(table: Table, rows: Row[]): Promise<void> {
    const { canvas } = this;
    const first = rows[0];
    this.ensure(table.headerHeight() + (first ? table.rowHeight(first) : 0));
    this.repeatHeader = () => table.drawHeader();
    table.drawHeader();
    // The most a page holds below the running header and the table header.
    const capacity = BOTTOM - (TOP + 26) - table.headerHeight();
    for (const row of rows) {
      await this.yields.pause();
      let rest = row;
      for (;;) {
        const space = BOTTOM - canvas.y;
        const needed = table.rowHeight(rest);
        if (needed <= space) {
          table.drawRow(rest);
          break;
        }
        const [head, tail] = table.split(rest, space);
        if (needed <= capacity || head.every((cell) => cell.length === 0)) {
          this.newPage();
          continue;
        }
        // Taller than any page: as much as fits here, the rest on the next page.
        table.drawRow(head);
        this.newPage();
        rest = tail;
      }
    }
    this.repeatHeader = null;
  }

  private async drawLines(): Promise<void> {
    const { canvas, labels, doc } = this;
    const columns: Column[] = [
      { header: labels.description, width: 195, align: "left" },
      { header: labels.quantity, width: 48, align: "right" },
      { header: labels.unitPrice, width: 82, align: "right" },
      { header: labels.tax, width: 40, align: "right" },
      { header: labels.amount[doc.price_basis], width: 98, align: "right" },
    ];
    const table = new Table(canvas, LEFT, columns);
    const width = (i: number) => columns[i]!.width;
    const rows: Row[] = [];
    for (const line of doc.lines) {
      await this.yields.pause();
      const description = canvas.lines(line.description, width(0), BODY);
      const period = printedPeriod(line.period_start, line.period_end, (d) => localDate(d, labels));
      if (period !== null) {
        append(description, canvas.lines(`${labels.servicePeriod} ${period}`, width(0), SMALL));
      }
      rows.push([
        description,
        canvas.lines(localNumber(line.quantity, labels), width(1), BODY),
        canvas.lines(this.money(line.unit_price), width(2), BODY),
        canvas.lines(labels.percent(localNumber(line.tax_rate, labels)), width(3), BODY),
        canvas.lines(this.money(line.amount), width(4), BODY),
      ]);
    }
    await this.drawTable(table, rows);
  }

  private async drawSummary(): Promise<void> {
    const { canvas, labels, doc } = this;
    canvas.y += 18;

    // Tax breakdown per rate.
    if (doc.tax_rows.length > 0) {
      const columns: Column[] = [
        { header: labels.taxRate, width: 60, align: "right" },
        { header: labels.net, width: 90, align: "right" },
        { header: labels.tax, width: 80, align: "right" },
        { header: labels.gross, width: 90, align: "right" },
      ];
      const tableWidth = columns.reduce((s, c) => s + c.width, 0) + CELL_GAP * (columns.length - 1);
      const table = new Table(canvas, RIGHT - tableWidth, columns);
      const rows: Row[] = doc.tax_rows.map((row) => [
        canvas.lines(labels.percent(localNumber(row.rate, labels)), 60, BODY),
        canvas.lines(this.money(row.net), 90, BODY),
        canvas.lines(this.money(row.tax), 80, BODY),
        canvas.lines(this.money(row.gross), 90, BODY),
      ]);
      this.ensure(lineHeight(SMALL_BOLD) + 4 + table.headerHeight() + table.rowHeight(rows[0]!));
      canvas.write(labels.taxBreakdown, table.x, canvas.y, SMALL_BOLD);
      canvas.y += lineHeight(SMALL_BOLD) + 4;
      await this.drawTable(table, rows);
      canvas.y += 14;
    }

    // Totals.
    const labelX = 330;
    const totals: [string, string, Style][] = [
      [labels.totalNet, doc.total_net, BODY],
      [labels.totalTax, doc.total_tax, BODY],
      [labels.total, doc.total_gross, { bold: true, size: 11, color: INK }],
    ];
    const rows = totals.map(([label, value, style]) => ({
      label: canvas.lines(label, 110, style),
      value: canvas.lines(this.money(value), RIGHT - labelX - 115, style),
    }));
    const totalsHeight = rows.reduce(
      (s, r) => s + Math.max(height(r.label), height(r.value)) + 4,
      6,
    );
    this.ensure(totalsHeight);
    rows.forEach((row, i) => {
      if (i === rows.length - 1) {
        canvas.rule(labelX, RIGHT, canvas.y, INK, 0.8);
        canvas.y += 5;
      }
      const end = Math.max(
        this.drawLinesAt(row.label, labelX, canvas.y),
        this.drawLinesAt(row.value, RIGHT, canvas.y, "right"),
      );
      canvas.y = end + 4;
    });

    if (doc.reverse_charge) {
      const lines = canvas.lines(labels.reverseCharge, RIGHT - LEFT, BODY_BOLD);
      canvas.y += 14;
      this.ensure(height(lines));
      canvas.y = this.drawLinesAt(lines, LEFT, canvas.y);
    }

    if (doc.notes) await this.drawNotes(doc.notes);
  }

  /** The notes for the customer below everything else, a page at a time when they are long. */
  private async drawNotes(notes: string): Promise<void> {
    const { canvas, labels } = this;
    const lines = canvas.lines(notes, RIGHT - LEFT, BODY);
    canvas.y += 18;
    this.ensure(lineHeight(SMALL_BOLD) + 4 + lineHeight(BODY));
    canvas.write(labels.notes, LEFT, canvas.y, SMALL_BOLD);
    canvas.y += lineHeight(SMALL_BOLD) + 4;
    for (const line of lines) {
      await this.yields.pause();
      this.ensure(lineHeight(line.style));
      canvas.write(line.text, LEFT, canvas.y, line.style);
      canvas.y += lineHeight(line.style);
    }
  }

  private async drawFooters(): Promise<void> {
    const { pdf, canvas, labels } = this;
    const { start, count } = pdf.bufferedPageRange();
    const left = canvas.clip(
      `${this.doc.sender.name} \u00b7 ${this.title} ${this.reference}`,
      RIGHT - LEFT - 100,
      SMALL,
    );
    for (let i = 0; i < count; i++) {
      await this.yields.pause();
      pdf.switchToPage(start + i);
      canvas.rule(LEFT, RIGHT, FOOTER_Y - 8);
      canvas.write(left, LEFT, FOOTER_Y, SMALL);
      canvas.write(labels.page(i + 1, count), RIGHT, FOOTER_Y, SMALL, "right");
    }
  }
}

/** Pages written out (their content compressed) between two pauses. */
const PAGES_PER_FLUSH = 4;

/**
 * Writes out the buffered pages a few at a time, pausing in between: compressing the pages
 * is most of the cost of ending a long document. pdfkit's `flushPages` writes every buffered
 * page; with its buffer narrowed to the next few it writes those, as it does page by page
 * when pages are not buffered. Should a pdfkit keep no such buffer, `end()` writes them all.
 */
async function flushPagesInSteps(pdf: Pdf, yields: Yielder): Promise<void> {
  const buffered = pdf as unknown as { _pageBuffer?: unknown };
  const pages = buffered._pageBuffer;
  if (!Array.isArray(pages)) return;
  for (let at = 0; at < pages.length; at += PAGES_PER_FLUSH) {
    await yields.pause();
    buffered._pageBuffer = pages.slice(at, at + PAGES_PER_FLUSH);
    pdf.flushPages();
  }
}

/** The creation date the PDF records: midnight UTC of the issue date. */
function creationDate(issueDate: string): Date {
  const match = ISO_DATE.exec(issueDate);
  const date = match ? new Date(`${issueDate}T00:00:00Z`) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw new TypeError(`issue_date ${JSON.stringify(issueDate)} is not a YYYY-MM-DD date`);
  }
  return date;
}

let pdfkit: Promise<typeof PDFDocument> | undefined;

export async function renderDocumentPdf(doc: InvoiceDocument): Promise<Buffer> {
  const labels = labelsFor(doc.language);
  pdfkit ??= import("pdfkit").then((loaded) => loaded.default);
  const PdfDocument = await pdfkit;
  const pdf = new PdfDocument({
    size: "A4",
    margin: 0,
    autoFirstPage: true,
    bufferPages: true,
    lang: doc.language || "en",
    displayTitle: true,
    info: {
      Title: `${labels[doc.kind]} ${doc.number ?? labels.draft}`,
      Author: doc.sender.name,
      Creator: "Accrue",
      Producer: "Accrue",
      CreationDate: creationDate(doc.issue_date),
    },
  });
  const chunks: Uint8Array[] = [];
  const ended = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  // laid out a row or a page at a time, letting the event loop run in between
  // (src/lib/yield.ts): a document of thousands of lines takes seconds
  const yields = yielder();
  await new Renderer(pdf, doc, yields).render();
  await flushPagesInSteps(pdf, yields);
  pdf.end();
  return ended;
}
