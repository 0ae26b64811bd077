import { Type } from "typebox";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);
const Day = Type.String({ format: "date", description: "YYYY-MM-DD" });
const Money = Type.String({ description: "Decimal amount in the document's currency" });

export const AddressSchema = Type.Object(
  {
    line1: Type.Optional(Type.String({ maxLength: 200 })),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    street: Type.Optional(Type.String({ maxLength: 200 })),
    house_number: Type.Optional(Type.String({ maxLength: 50 })),
    postal_code: Type.Optional(Type.String({ maxLength: 50 })),
    city: Type.Optional(Type.String({ maxLength: 200 })),
    state: Type.Optional(Type.String({ maxLength: 100 })),
    country: Type.Optional(Type.String({ pattern: "^[A-Z]{2}$" })),
  },
  { additionalProperties: false },
);

const PartySchema = Type.Object({
  name: Type.String(),
  sub_name: Nullable(Type.String()),
  address: Type.Object({}, { additionalProperties: true }),
  vat_id: Nullable(Type.String()),
  tax_number: Nullable(Type.String()),
  email: Type.Optional(Nullable(Type.String())),
});

const TaxRowSchema = Type.Object({
  rate: Type.String({ description: "Percent" }),
  net: Money,
  tax: Money,
  gross: Money,
});

export const InvoiceLineSchema = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  kind: Type.String({
    description: "setup_fee, recurring_fee, component_fee, usage, rated_item or discount",
  }),
  charge_key: Nullable(
    Type.String({ description: "The billing engine's stable key of the charge (null: by hand)" }),
  ),
  description: Type.String(),
  period_start: Nullable(Day),
  period_end: Nullable(Type.String({ format: "date", description: "Exclusive" })),
  quantity: Type.String(),
  unit_price: Type.String(),
  amount: Money,
  tax_rate: Type.String(),
  credited_line_id: Nullable(Type.String()),
});

export const InvoiceSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.Union([Type.Literal("invoice"), Type.Literal("credit_note")]),
    status: Type.Union([Type.Literal("draft"), Type.Literal("finalized"), Type.Literal("void")]),
    number: Nullable(Type.String({ description: "Gap-free per business entity and kind" })),
    business_entity_id: Type.String(),
    customer_id: Type.String(),
    contract_id: Nullable(Type.String()),
    currency: Type.String(),
    price_basis: Type.Union([Type.Literal("net"), Type.Literal("gross")]),
    issue_date: Day,
    due_date: Nullable(Day),
    service_period_start: Nullable(Day),
    service_period_end: Nullable(Day),
    total_net: Money,
    total_tax: Money,
    total_gross: Money,
    tax_rows: Type.Array(TaxRowSchema),
    reverse_charge: Type.Boolean(),
    corrects_invoice_id: Nullable(Type.String()),
    billing_run_id: Nullable(Type.String()),
    sender: PartySchema,
    recipient: PartySchema,
    lines: Type.Array(InvoiceLineSchema),
    created_at: Type.String({ format: "date-time" }),
    finalized_at: Nullable(Type.String({ format: "date-time" })),
    voided_at: Nullable(Type.String({ format: "date-time" })),
    credits_applied: Type.String({
      description:
        "Promotional credits applied when the invoice was issued; what it owes is less by this",
    }),
    po_number: Nullable(
      Type.String({ description: "The customer's purchase order number, printed on the document" }),
    ),
    notes: Nullable(
      Type.String({ description: "Notes for the customer, printed on the document" }),
    ),
    dunning_stopped_at: Nullable(
      Type.String({
        format: "date-time",
        description: "When dunning of the invoice was stopped (null: dunning applies)",
      }),
    ),
  },
  { $id: "Invoice" },
);

export const InvoiceListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(
      Type.String({
        maxLength: 512,
        description:
          "next_cursor of the previous page, unchanged; it pages only the sort and order it was answered for (400 cursor_sort_mismatch otherwise)",
      }),
    ),
    customer_id: Type.Optional(Type.String({ maxLength: 64 })),
    contract_id: Type.Optional(Type.String({ maxLength: 64 })),
    status: Type.Optional(
      Type.Union([Type.Literal("draft"), Type.Literal("finalized"), Type.Literal("void")]),
    ),
    kind: Type.Optional(Type.Union([Type.Literal("invoice"), Type.Literal("credit_note")])),
    corrects_invoice_id: Type.Optional(
      Type.String({ maxLength: 64, description: "Only the credit notes of this invoice" }),
    ),
    issue_date_from: Type.Optional(
      Type.String({ format: "date", description: "Issued on this day or later (YYYY-MM-DD)" }),
    ),
    issue_date_to: Type.Optional(
      Type.String({ format: "date", description: "Issued on this day or earlier (YYYY-MM-DD)" }),
    ),
    sort: Type.Optional(
      Type.Union(
        [
          Type.Literal("created"),
          Type.Literal("issue_date"),
          Type.Literal("total"),
          Type.Literal("number"),
        ],
        {
          description:
            "What the list is ordered by, the id breaking ties: created (default; by id, ids sort by creation), issue_date, total (the currency code, then the gross total in it, exactly) or number (the document number, byte order; drafts have none and come after every number ascending, before them descending). Combines with every filter",
        },
      ),
    ),
    order: Type.Optional(
      Type.Union([Type.Literal("asc"), Type.Literal("desc")], {
        description:
          "asc (default): ascending (by creation: oldest first); desc: descending (newest first). The cursor pages in the same order",
      }),
    ),
    include_total: Type.Optional(
      Type.Boolean({
        description:
          "Also answer total_count: how many documents match the filters, counted by one more query (its cost grows with the documents matched)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const CreditNoteBody = Type.Object(
  {
    lines: Type.Optional(
      Type.Array(
        Type.Object(
          {
            line_id: Type.String({ maxLength: 64 }),
            amount: Type.Optional(
              Type.String({
                pattern: "^[0-9]{1,12}(\\.[0-9]{1,4})?$",
                description: "Part of the line to credit; the rest of it when absent",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 500 },
      ),
    ),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
    draft: Type.Optional(
      Type.Boolean({
        description:
          "Leave the credit note a draft: it credits nothing until finalized, and may be deleted until then",
      }),
    ),
  },
  { additionalProperties: false },
);

/**
 * POST body of updating an invoice's details: only descriptive fields, never its number or
 * amounts. `billing_address` replaces the address of the recipient the document shows.
 */
export const InvoiceDetailsBody = Type.Object(
  {
    po_number: Type.Optional(
      Nullable(
        Type.String({ maxLength: 100, description: "Purchase order number; null removes it" }),
      ),
    ),
    notes: Type.Optional(
      Nullable(
        Type.String({ maxLength: 2000, description: "Notes for the customer; null removes them" }),
      ),
    ),
    billing_address: Type.Optional(AddressSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SettlementSchema = Type.Object({
  contract_id: Type.String(),
  invoice: Nullable(InvoiceSchema),
  next_billing_at: Nullable(Type.String({ format: "date-time" })),
});

export const PreviewSchema = Type.Object({
  contract_id: Type.String(),
  currency: Type.String(),
  price_basis: Type.Union([Type.Literal("net"), Type.Literal("gross")]),
  reverse_charge: Type.Boolean(),
  date: Day,
  lines: Type.Array(
    Type.Object({
      kind: Type.String(),
      charge_key: Type.String(),
      description: Type.String(),
      period_start: Nullable(Day),
      period_end: Nullable(Day),
      quantity: Type.String(),
      unit_price: Type.String(),
      amount: Money,
      tax_rate: Type.String(),
    }),
  ),
  tax_rows: Type.Array(TaxRowSchema),
  total_net: Money,
  total_tax: Money,
  total_gross: Money,
});

export const BillingRunSchema = Type.Object(
  {
    id: Type.String(),
    trigger: Type.Union([Type.Literal("worker"), Type.Literal("api")]),
    status: Type.Union([
      Type.Literal("running"),
      Type.Literal("completed"),
      Type.Literal("interrupted"),
    ]),
    started_at: Type.String({ format: "date-time" }),
    tenant_time: Type.String({ format: "date-time" }),
    finished_at: Nullable(Type.String({ format: "date-time" })),
    contracts_billed: Type.Integer(),
    invoices_created: Type.Integer(),
    credit_notes_created: Type.Integer(),
    failures: Type.Integer(),
    last_error: Nullable(Type.String()),
  },
  { $id: "BillingRun" },
);

const Rate = Type.String({ pattern: "^[0-9]{1,2}(\\.[0-9]{1,4})?$", description: "Percent" });

export const TaxPolicyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    rates: Type.Array(
      Type.Object(
        { country: Type.String({ pattern: "^[A-Z]{2}$" }), rate: Rate },
        { additionalProperties: false },
      ),
      { maxItems: 300 },
    ),
    default_rate: Type.Optional(Rate),
  },
  { additionalProperties: false },
);

const Text = (max: number) => Type.String({ maxLength: max });

export const BusinessEntityPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    address: Type.Optional(AddressSchema),
    country: Type.Optional(Nullable(Type.String({ pattern: "^[A-Z]{2}$" }))),
    vat_id: Type.Optional(Nullable(Text(50))),
    tax_number: Type.Optional(Nullable(Text(50))),
    email: Type.Optional(Nullable(Text(200))),
    invoice_prefix: Type.Optional(Type.String({ pattern: "^[A-Za-z0-9_/-]{0,20}$" })),
    credit_note_prefix: Type.Optional(Type.String({ pattern: "^[A-Za-z0-9_/-]{0,20}$" })),
    payment_terms_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    default_tax_policy_id: Type.Optional(Nullable(Text(64))),
    currencies: Type.Optional(
      Type.Array(Type.String({ pattern: "^[A-Z]{3}$" }), { maxItems: 50, uniqueItems: true }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** POST body of a business entity: a name, and any of the fields a patch may change. */
export const BusinessEntityInput = Type.Object(
  {
    ...BusinessEntityPatch.properties,
    name: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

const Decimal = Type.String({ pattern: "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,8})?$" });

/** A charge entered by hand: unit price × quantity, with an optional service period. */
export const ChargeLineBody = Type.Object(
  {
    description: Type.String({ minLength: 1, maxLength: 500 }),
    unit_price: { ...Decimal, description: "In the document's currency, e.g. 12.50" },
    quantity: Type.Optional({ ...Decimal, description: "Default: 1" }),
    period_start: Type.Optional(Day),
    period_end: Type.Optional(Type.String({ format: "date", description: "Exclusive" })),
  },
  { additionalProperties: false },
);

/** POST body of an invoice of hand-entered charges for a customer. */
export const ChargeInvoiceBody = Type.Object(
  {
    customer_id: Type.String({ maxLength: 64 }),
    currency: Type.String({ pattern: "^[A-Z]{3}$" }),
    price_basis: Type.Optional(
      Type.Union([Type.Literal("net"), Type.Literal("gross")], {
        description: "Whether unit prices are before (net, default) or after tax (gross)",
      }),
    ),
    lines: Type.Array(ChargeLineBody, { minItems: 1, maxItems: 100 }),
    draft: Type.Optional(
      Type.Boolean({
        description: "Keep it as a draft, to add or remove charges before issuing it",
      }),
    ),
  },
  { additionalProperties: false },
);

/** POST body of removing hand-entered lines from a draft invoice. */
export const DeleteLinesBody = Type.Object(
  {
    line_ids: Type.Array(Type.String({ maxLength: 64 }), {
      minItems: 1,
      maxItems: 100,
      uniqueItems: true,
    }),
  },
  { additionalProperties: false },
);

/** POST body of importing a document another system issued. */
export const ImportDocumentBody = Type.Object(
  {
    kind: Type.Union([Type.Literal("invoice"), Type.Literal("credit_note")]),
    customer_id: Type.String({ maxLength: 64 }),
    number: Type.String({
      minLength: 1,
      maxLength: 50,
      description: "As the other system issued it",
    }),
    currency: Type.String({ pattern: "^[A-Z]{3}$" }),
    issue_date: Day,
    due_date: Type.Optional({
      ...Day,
      description: "Default for an invoice: the issue date plus the entity's payment terms",
    }),
    price_basis: Type.Optional(ChargeInvoiceBody.properties.price_basis),
    corrects_invoice_id: Type.Optional(
      Type.String({ maxLength: 64, description: "A credit note: the invoice it corrects" }),
    ),
    lines: Type.Array(
      Type.Object(
        {
          ...ChargeLineBody.properties,
          tax_rate: Type.Optional({
            ...Decimal,
            description: "Percent, as the document was taxed; default 0",
          }),
        },
        { additionalProperties: false },
      ),
      {
        minItems: 1,
        maxItems: 500,
        description: "Amounts are positive, for a credit note too",
      },
    ),
    total_gross: Type.Optional({
      ...Decimal,
      description: "The total the document printed; refused when the lines add up otherwise",
    }),
  },
  { additionalProperties: false },
);
