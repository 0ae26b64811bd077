/**
 * The e-invoice of an issued invoice or credit note: a UN/CEFACT Cross Industry Invoice (CII
 * D16B) document in the Factur-X / ZUGFeRD "EN 16931" profile, conforming to the European
 * standard EN 16931-1 (guideline `urn:cen.eu:en16931:2017`, no national extension). A credit
 * note is the same document with type code 381 and positive amounts, naming the invoice it
 * corrects (BT-25).
 *
 * Pure: amounts arrive as integer minor units and are written with the currency's exponent
 * ("12.50" EUR, "1250" JPY), never through floating point. Line net amounts are the stored
 * line amounts on a net price basis; on a gross basis each rate group's net (from the stored
 * tax breakdown) is split over its lines (each line's exact net rounded, the rounding
 * difference put on the group's largest line), so the lines add up to the breakdown exactly.
 *
 * Business terms (BT-n) named below are EN 16931's.
 */
import { Temporal } from "temporal-polyfill";
import { Dec } from "../money/decimal.js";
import { money, roundToMinor, toDecimalString } from "../money/index.js";
import { el, serializeXml, text, type XmlElement } from "./xml.js";

export const EN16931_GUIDELINE = "urn:cen.eu:en16931:2017";
export const EINVOICE_FORMAT = "cii_en16931";

export type EInvoiceAddress = {
  line1?: string | null;
  line2?: string | null;
  postal_code?: string | null;
  city?: string | null;
  /** ISO 3166-1 alpha-2 */
  country?: string | null;
};

export type EInvoiceParty = {
  name: string;
  address: EInvoiceAddress;
  vat_id?: string | null;
  tax_number?: string | null;
  email?: string | null;
  /** Electronic address (BT-34, BT-49): an EAS scheme code and the identifier in it. */
  endpoint?: { scheme: string; id: string } | null;
};

export type EInvoiceLine = {
  description: string;
  /** YYYY-MM-DD, end exclusive (as stored); null without a service period. */
  period_start: string | null;
  period_end: string | null;
  /** Decimal string. */
  quantity: string;
  /** Minor units in the document's price basis, as stored (a credit note's are negative). */
  amount: bigint;
  /** Percent, decimal string. */
  tax_rate: string;
};

export type EInvoiceTaxRow = { rate: string; net: bigint; tax: bigint; gross: bigint };

export type EInvoiceSource = {
  kind: "invoice" | "credit_note";
  number: string;
  /** YYYY-MM-DD */
  issue_date: string;
  due_date: string | null;
  currency: string;
  price_basis: "net" | "gross";
  seller: EInvoiceParty;
  buyer: EInvoiceParty;
  lines: readonly EInvoiceLine[];
  tax_rows: readonly EInvoiceTaxRow[];
  total_net: bigint;
  total_tax: bigint;
  total_gross: bigint;
  /** Promotional credits applied when it was issued: paid before it is due (BT-113). */
  credits_applied: bigint;
  reverse_charge: boolean;
  service_period_start: string | null;
  service_period_end: string | null;
  po_number: string | null;
  notes: string | null;
  /** A credit note: the number of the invoice it corrects. */
  corrects_invoice_number: string | null;
};

/** The figures of the document as EN 16931 states them, in minor units, signs as written. */
export type EInvoiceFigures = {
  lines: { net: bigint; quantity: Dec; price: Dec; category: string; rate: string }[];
  breakdown: { category: string; rate: string; basis: bigint; tax: bigint }[];
  /** BT-106 sum of line net amounts */
  line_total: bigint;
  /** BT-109 */
  tax_basis_total: bigint;
  /** BT-110 */
  tax_total: bigint;
  /** BT-112 */
  grand_total: bigint;
  /** BT-113 */
  prepaid: bigint;
  /** BT-115 */
  due_payable: bigint;
};

export type EInvoiceResult =
  | { ok: true; xml: string; figures: EInvoiceFigures }
  | { ok: false; problems: string[] };

/** VAT category (UNTDID 5305) of a rate on this document. */
function categoryOf(rate: string, reverseCharge: boolean): string {
  if (reverseCharge) return "AE";
  return new Dec(rate).isZero() ? "Z" : "S";
}

/** What EN 16931 requires that the stored document may lack; empty when it can be written. */
export function einvoiceProblems(s: EInvoiceSource): string[] {
  const problems: string[] = [];
  if (!s.number) problems.push("BT-1 invoice number: the document has no number");
  if (!s.seller.name) problems.push("BT-27 seller name is missing");
  if (!s.seller.address.country) {
    problems.push("BT-40 seller country code is missing from the business entity's address");
  }
  if (!s.buyer.name) problems.push("BT-44 buyer name is missing");
  if (!s.buyer.address.country) {
    problems.push("BT-55 buyer country code is missing from the billing address");
  }
  if (!s.seller.vat_id && !s.seller.tax_number) {
    problems.push(
      "BT-31/BT-32 the business entity has neither a VAT identifier nor a tax registration number",
    );
  }
  if (s.reverse_charge && !s.seller.vat_id && s.seller.tax_number) {
    problems.push("BT-31 a reverse-charge document needs the seller's VAT identifier");
  }
  if (s.reverse_charge && !s.buyer.vat_id) {
    problems.push("BT-48 a reverse-charge document needs the buyer's VAT identifier");
  }
  if (s.lines.length === 0) problems.push("BG-25 the document has no lines");
  if (s.kind === "credit_note" && !s.corrects_invoice_number) {
    problems.push("BT-25 the credit note names no issued invoice it corrects");
  }
  return problems;
}

/** Line net amounts (signs as stored) whose sums per rate equal the tax breakdown's nets. */
function lineNets(s: EInvoiceSource): bigint[] {
  if (s.price_basis === "net") return s.lines.map((l) => l.amount);
  const nets = s.lines.map((l) =>
    roundToMinor(
      new Dec(toDecimalString(money(l.amount, s.currency)))
        .mul(100)
        .div(new Dec(l.tax_rate).plus(100)),
      s.currency,
    ),
  );
  for (const row of s.tax_rows) {
    const members = s.lines
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => new Dec(l.tax_rate).eq(new Dec(row.rate)));
    if (members.length === 0) continue;
    const sum = members.reduce((a, { i }) => a + (nets[i] ?? 0n), 0n);
    const abs = (v: bigint) => (v < 0n ? -v : v);
    const largest = members.reduce((best, m) => (abs(m.l.amount) > abs(best.l.amount) ? m : best));
    nets[largest.i] = (nets[largest.i] ?? 0n) + (row.net - sum);
  }
  return nets;
}

/** The document's figures in EN 16931 terms (a credit note's made positive). */
export function einvoiceFigures(s: EInvoiceSource): EInvoiceFigures {
  const sign = s.kind === "credit_note" ? -1n : 1n;
  const nets = lineNets(s).map((n) => n * sign);
  const lines = s.lines.map((l, i) => {
    const net = nets[i] ?? 0n;
    const q = new Dec(l.quantity).abs();
    const quantity = q.isZero() ? new Dec(1) : q;
    const netDec = new Dec(toDecimalString(money(net < 0n ? -net : net, s.currency)));
    // BR-27: the price is never negative; a negative line has a negative quantity
    return {
      net,
      quantity: net < 0n ? quantity.neg() : quantity,
      price: netDec.div(quantity).toDecimalPlaces(6),
      category: categoryOf(l.tax_rate, s.reverse_charge),
      rate: l.tax_rate,
    };
  });
  const breakdown = s.tax_rows.map((r) => ({
    category: categoryOf(r.rate, s.reverse_charge),
    rate: r.rate,
    basis: r.net * sign,
    tax: r.tax * sign,
  }));
  const line_total = lines.reduce((a, l) => a + l.net, 0n);
  const grand_total = s.total_gross * sign;
  const prepaid = s.credits_applied < 0n ? -s.credits_applied : s.credits_applied;
  return {
    lines,
    breakdown,
    line_total,
    tax_basis_total: s.total_net * sign,
    tax_total: s.total_tax * sign,
    grand_total,
    prepaid,
    due_payable: grand_total - prepaid,
  };
}

const date102 = (isoDate: string): XmlElement =>
  text("udt:DateTimeString", isoDate.replaceAll("-", ""), { format: "102" });

/** Stored periods end exclusive; EN 16931's end date (BT-74, BT-135) is the last day. */
const lastDay = (endExclusive: string) =>
  Temporal.PlainDate.from(endExclusive).subtract({ days: 1 }).toString();

const plain = (d: Dec) => {
  const fixed = d.toFixed();
  return fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
};

function party(tag: string, p: EInvoiceParty): XmlElement {
  const a = p.address;
  return el(tag, [
    text("ram:Name", p.name),
    el("ram:PostalTradeAddress", [
      a.postal_code ? text("ram:PostcodeCode", a.postal_code) : null,
      a.line1 ? text("ram:LineOne", a.line1) : null,
      a.line2 ? text("ram:LineTwo", a.line2) : null,
      a.city ? text("ram:CityName", a.city) : null,
      text("ram:CountryID", a.country ?? ""),
    ]),
    p.endpoint
      ? el("ram:URIUniversalCommunication", [
          text("ram:URIID", p.endpoint.id, { schemeID: p.endpoint.scheme }),
        ])
      : p.email
        ? el("ram:URIUniversalCommunication", [text("ram:URIID", p.email, { schemeID: "EM" })])
        : null,
    p.vat_id
      ? el("ram:SpecifiedTaxRegistration", [text("ram:ID", p.vat_id, { schemeID: "VA" })])
      : null,
    p.tax_number
      ? el("ram:SpecifiedTaxRegistration", [text("ram:ID", p.tax_number, { schemeID: "FC" })])
      : null,
  ]);
}

const REVERSE_CHARGE_REASON = "Reverse charge";

const paymentTerms = (kind: EInvoiceSource["kind"]) =>
  kind === "credit_note" ? "Credited to the customer's account or refunded" : "Payable on receipt";

/** Writes the e-invoice, or says which business terms the document lacks. */
export function buildEInvoice(s: EInvoiceSource): EInvoiceResult {
  const problems = einvoiceProblems(s);
  if (problems.length > 0) return { ok: false, problems };
  const f = einvoiceFigures(s);
  const amount = (v: bigint) => toDecimalString(money(v, s.currency));

  const lineItems = s.lines.map((l, i) => {
    const fl = f.lines[i]!;
    return el("ram:IncludedSupplyChainTradeLineItem", [
      el("ram:AssociatedDocumentLineDocument", [text("ram:LineID", String(i + 1))]),
      el("ram:SpecifiedTradeProduct", [text("ram:Name", l.description || "-")]),
      el("ram:SpecifiedLineTradeAgreement", [
        el("ram:NetPriceProductTradePrice", [text("ram:ChargeAmount", plain(fl.price))]),
      ]),
      el("ram:SpecifiedLineTradeDelivery", [
        text("ram:BilledQuantity", plain(fl.quantity), { unitCode: "C62" }),
      ]),
      el("ram:SpecifiedLineTradeSettlement", [
        el("ram:ApplicableTradeTax", [
          text("ram:TypeCode", "VAT"),
          text("ram:CategoryCode", fl.category),
          text("ram:RateApplicablePercent", fl.rate),
        ]),
        l.period_start && l.period_end
          ? el("ram:BillingSpecifiedPeriod", [
              el("ram:StartDateTime", [date102(l.period_start)]),
              el("ram:EndDateTime", [date102(lastDay(l.period_end))]),
            ])
          : null,
        el("ram:SpecifiedTradeSettlementLineMonetarySummation", [
          text("ram:LineTotalAmount", amount(fl.net)),
        ]),
      ]),
    ]);
  });

  const root = el(
    "rsm:CrossIndustryInvoice",
    [
      el("rsm:ExchangedDocumentContext", [
        el("ram:GuidelineSpecifiedDocumentContextParameter", [text("ram:ID", EN16931_GUIDELINE)]),
      ]),
      el("rsm:ExchangedDocument", [
        text("ram:ID", s.number),
        text("ram:TypeCode", s.kind === "credit_note" ? "381" : "380"),
        el("ram:IssueDateTime", [date102(s.issue_date)]),
        s.notes ? el("ram:IncludedNote", [text("ram:Content", s.notes)]) : null,
      ]),
      el("rsm:SupplyChainTradeTransaction", [
        ...lineItems,
        el("ram:ApplicableHeaderTradeAgreement", [
          party("ram:SellerTradeParty", s.seller),
          party("ram:BuyerTradeParty", s.buyer),
          s.po_number
            ? el("ram:BuyerOrderReferencedDocument", [text("ram:IssuerAssignedID", s.po_number)])
            : null,
        ]),
        el("ram:ApplicableHeaderTradeDelivery", []),
        el("ram:ApplicableHeaderTradeSettlement", [
          text("ram:InvoiceCurrencyCode", s.currency),
          ...f.breakdown.map((b) =>
            el("ram:ApplicableTradeTax", [
              text("ram:CalculatedAmount", amount(b.tax)),
              text("ram:TypeCode", "VAT"),
              b.category === "AE" ? text("ram:ExemptionReason", REVERSE_CHARGE_REASON) : null,
              text("ram:BasisAmount", amount(b.basis)),
              text("ram:CategoryCode", b.category),
              b.category === "AE" ? text("ram:ExemptionReasonCode", "VATEX-EU-AE") : null,
              text("ram:RateApplicablePercent", b.rate),
            ]),
          ),
          s.service_period_start && s.service_period_end
            ? el("ram:BillingSpecifiedPeriod", [
                el("ram:StartDateTime", [date102(s.service_period_start)]),
                el("ram:EndDateTime", [date102(lastDay(s.service_period_end))]),
              ])
            : null,
          // BR-CO-25: an amount due needs a due date or payment terms
          f.due_payable > 0n
            ? el("ram:SpecifiedTradePaymentTerms", [
                s.kind === "invoice" && s.due_date
                  ? null
                  : text("ram:Description", paymentTerms(s.kind)),
                s.kind === "invoice" && s.due_date
                  ? el("ram:DueDateDateTime", [date102(s.due_date)])
                  : null,
              ])
            : null,
          el("ram:SpecifiedTradeSettlementHeaderMonetarySummation", [
            text("ram:LineTotalAmount", amount(f.line_total)),
            text("ram:TaxBasisTotalAmount", amount(f.tax_basis_total)),
            text("ram:TaxTotalAmount", amount(f.tax_total), { currencyID: s.currency }),
            text("ram:GrandTotalAmount", amount(f.grand_total)),
            f.prepaid !== 0n ? text("ram:TotalPrepaidAmount", amount(f.prepaid)) : null,
            text("ram:DuePayableAmount", amount(f.due_payable)),
          ]),
          s.corrects_invoice_number
            ? el("ram:InvoiceReferencedDocument", [
                text("ram:IssuerAssignedID", s.corrects_invoice_number),
              ])
            : null,
        ]),
      ]),
    ],
    {
      "xmlns:rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
      "xmlns:qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
      "xmlns:ram":
        "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
      "xmlns:udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    },
  );
  return { ok: true, xml: serializeXml(root), figures: f };
}
