/**
 * A document's states (invoices and credit notes) as a table of the actions each allows:
 *
 *             finalize                       void
 *   draft ───────────────▶ finalized ───────────────▶ void
 *     │                        │ credit (an invoice: credit notes; it stays finalized)
 *     │ void                   ▼
 *     └──────────▶ void     credit note (finalized, corrects the invoice)
 *
 * What else an action needs (no credit note or payment on a document to void) is the
 * module's to check; this table is the states alone.
 */
export type DocumentStatus = "draft" | "finalized" | "void";

export type DocumentAction = "finalize" | "void" | "credit";

export const DOCUMENT_TRANSITIONS: Readonly<
  Record<DocumentAction, { readonly from: readonly DocumentStatus[]; readonly to: DocumentStatus }>
> = {
  finalize: { from: ["draft"], to: "finalized" },
  void: { from: ["draft", "finalized"], to: "void" },
  credit: { from: ["finalized"], to: "finalized" },
};

/** Whether a document in `status` allows `action`. */
export const allows = (action: DocumentAction, status: DocumentStatus): boolean =>
  DOCUMENT_TRANSITIONS[action].from.includes(status);
