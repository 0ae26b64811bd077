/**
 * The printable view of an invoice or credit note: everything its PDF shows, already
 * formatted as decimal strings in the document's currency. Built from the stored document by
 * the invoicing service; rendered by pdf.ts.
 */
export type DocumentParty = {
  name: string;
  /** A second name line (a contact person under a company name). */
  sub_name?: string | null;
  /** Street, postal code and city, country: one entry per printed line. */
  address_lines: string[];
  vat_id?: string | null;
  tax_number?: string | null;
};

export type DocumentLine = {
  description: string;
  /** The service period, YYYY-MM-DD, end exclusive; null for a line without one. */
  period_start: string | null;
  period_end: string | null;
  /** Decimal strings: "3", "0.5". */
  quantity: string;
  unit_price: string;
  /** The line amount in the document's price basis (net or gross), e.g. "-12.50". */
  amount: string;
  /** Tax rate in percent, e.g. "19" or "7.5". */
  tax_rate: string;
};

export type DocumentTaxRow = { rate: string; net: string; tax: string; gross: string };

export type InvoiceDocument = {
  /** A quote prints its date and valid-until date where an invoice prints issue and due date. */
  kind: "invoice" | "credit_note" | "quote";
  /** Null while the document is a draft. */
  number: string | null;
  status: "draft" | "finalized" | "void";
  /** YYYY-MM-DD */
  issue_date: string;
  due_date: string | null;
  currency: string;
  /** Whether line amounts include tax. */
  price_basis: "net" | "gross";
  sender: DocumentParty;
  recipient: DocumentParty;
  lines: DocumentLine[];
  tax_rows: DocumentTaxRow[];
  total_net: string;
  total_tax: string;
  total_gross: string;
  reverse_charge: boolean;
  /** A credit note names the invoice it corrects. */
  corrects_invoice_number?: string | null;
  /** The customer's purchase order number, among the document's facts. */
  po_number?: string | null;
  /** Notes for the customer, printed below the totals. */
  notes?: string | null;
  /** BCP 47 language of the labels; English when absent or unknown. */
  language?: string | null;
};
