import { Type } from "typebox";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

/** A business entity: a company the tenant invoices as. */
export const BusinessEntitySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    address: Type.Object({}, { additionalProperties: true }),
    country: Nullable(Type.String()),
    vat_id: Nullable(Type.String()),
    tax_number: Nullable(Type.String()),
    email: Nullable(Type.String()),
    invoice_prefix: Type.String(),
    credit_note_prefix: Type.String(),
    payment_terms_days: Type.Integer(),
    default_tax_policy_id: Nullable(Type.String()),
    currencies: Type.Array(Type.String(), {
      description: "Currencies the entity bills in (ISO 4217); empty: any",
    }),
    is_default: Type.Boolean(),
  },
  { $id: "BusinessEntity" },
);

/** One customer or contract moved from one business entity to another. */
export const BusinessEntityTransferSchema = Type.Object(
  {
    id: Type.String(),
    resource_type: Type.Union([Type.Literal("customer"), Type.Literal("subscription")], {
      description: "customer: a transfer someone made; subscription: a contract that followed it",
    }),
    resource_id: Type.String({ description: "The deprecated copy left in the source entity" }),
    active_resource_id: Type.String({
      description: "The active customer or contract (its id never changes)",
    }),
    source_business_entity_id: Type.String(),
    destination_business_entity_id: Type.String(),
    reason_code: Type.String(),
    created_at: Type.String({ format: "date-time" }),
  },
  { $id: "BusinessEntityTransfer" },
);
