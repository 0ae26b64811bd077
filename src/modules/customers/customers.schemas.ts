import { Type } from "typebox";

const text = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });
const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** An e-mail address as Accrue accepts one: something, an @, something; no spaces. */
export const EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+$";

export const AddressSchema = Type.Object(
  {
    line1: Type.Optional(text(200)),
    line2: Type.Optional(text(200)),
    street: Type.Optional(text(200)),
    house_number: Type.Optional(text(50)),
    postal_code: Type.Optional(text(20)),
    city: Type.Optional(text(100)),
    state: Type.Optional(text(100, "Region, state or province, e.g. CA")),
    country: Type.Optional(
      Type.String({ pattern: "^[A-Z]{2}$", description: "ISO 3166-1 alpha-2, e.g. DE" }),
    ),
  },
  { additionalProperties: false, $id: "Address" },
);

/** Fields a caller may set; every one optional. */
export const customerFields = {
  external_id: nullable(text(200, "Your own id for the customer; unique per tenant")),
  debitor_account: nullable(text(100)),
  company_name: nullable(text(200)),
  first_name: nullable(text(100)),
  last_name: nullable(text(100)),
  email: nullable(Type.String({ maxLength: 254, pattern: EMAIL_PATTERN })),
  language: nullable(Type.String({ pattern: "^[a-z]{2,3}$", description: "ISO 639-1, e.g. de" })),
  locale: nullable(Type.String({ pattern: "^[a-z]{2,3}(-[A-Z]{2})?$", description: "e.g. de-DE" })),
  vat_id: nullable(Type.String({ pattern: "^[A-Za-z0-9 .\\-]{2,20}$" })),
  tag: nullable(text(200)),
  customer_type: Type.Union([Type.Literal("consumer"), Type.Literal("business")]),
  time_zone: Type.String({
    maxLength: 64,
    description: "IANA time zone in which billing dates fall, e.g. Europe/Berlin",
  }),
  default_bearer_medium: nullable(text(50)),
  einvoicing: Type.Boolean({
    description: "Whether the customer receives e-invoices (send_einvoice); default false",
  }),
  einvoice_scheme: nullable(
    Type.String({
      pattern: "^([0-9]{4}|[A-Z]{2})$",
      description:
        "The scheme of the customer's electronic address (EN 16931 BT-49): an EAS code such as 0088 (GLN) or 9930 (German VAT id)",
    }),
  ),
  einvoice_endpoint_id: nullable(
    text(100, "The customer's electronic address in that scheme, e.g. its Peppol participant id"),
  ),
  address: AddressSchema,
  custom_fields: Type.Record(
    Type.String({ maxLength: 100 }),
    Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean(), Type.Null()]),
    { maxProperties: 50 },
  ),
  hidden: Type.Boolean(),
  auto_collection: Type.Union([Type.Literal("on"), Type.Literal("off")], {
    description:
      "on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer)",
  }),
};

type Fields = typeof customerFields;

export const CustomerInput = Type.Object(
  Object.fromEntries(Object.entries(customerFields).map(([k, v]) => [k, Type.Optional(v)])) as {
    [K in keyof Fields]: ReturnType<typeof Type.Optional<Fields[K]>>;
  },
  { additionalProperties: false },
);

/** POST body: CustomerInput, and the business entity to create the customer in. */
export const CustomerCreateInput = Type.Object(
  {
    ...CustomerInput.properties,
    business_entity_id: Type.Optional(
      Type.String({
        maxLength: 64,
        description: "The business entity the customer belongs to (default: the tenant's default)",
      }),
    ),
  },
  { additionalProperties: false },
);

/** PATCH body: like CustomerInput, and null inside `address` removes that line. */
export const CustomerPatch = Type.Object(
  {
    ...CustomerInput.properties,
    address: Type.Optional(
      Type.Object(
        Object.fromEntries(
          Object.entries(AddressSchema.properties).map(([k, v]) => [
            k,
            Type.Optional(Type.Union([v, Type.Null()])),
          ]),
        ),
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const CustomerSchema = Type.Object(
  {
    id: Type.String(),
    ...customerFields,
    display_name: Type.String({ description: "Company name, or first and last name" }),
    locked: Type.Boolean(),
    deletable: Type.Boolean(),
    business_entity_id: Type.String({ description: "The business entity the customer belongs to" }),
    active_id: Type.Union([Type.String(), Type.Null()], {
      description:
        "Set on a deprecated copy a transfer left in the source entity: the active customer's id",
    }),
    personal_data_cleared_at: Type.Union([Type.String({ format: "date-time" }), Type.Null()], {
      description: "When the customer's personal data was last erased; null: never",
    }),
    billing_date: Type.Union([Type.Integer(), Type.Null()], {
      description:
        "The day of the month (1–28) the customer's contracts renew on, set by change_billing_date; null: each contract renews on the day it started",
    }),
    billing_date_mode: Type.Union([Type.Literal("using_defaults"), Type.Literal("manually_set")], {
      description: "manually_set while a billing date is set; using_defaults otherwise",
    }),
    created_at: Type.String({ format: "date-time" }),
    updated_at: Type.String({ format: "date-time" }),
  },
  { $id: "Customer" },
);

export const CustomerListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(
      Type.String({
        maxLength: 2048,
        description:
          "next_cursor of the previous page, unchanged; it pages only the sort and order it was answered for (400 cursor_sort_mismatch otherwise)",
      }),
    ),
    external_id: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: "Search: part of the name, company, e-mail or external id, or the id",
      }),
    ),
    sort: Type.Optional(
      Type.Union([Type.Literal("created"), Type.Literal("name"), Type.Literal("email")], {
        description:
          "What the list is ordered by, the id breaking ties: created (default; by id, ids sort by creation), name (display_name: the company name, else first and last name, else the e-mail address; lower-cased, byte order) or email (lower-cased, byte order; customers without one come after every address ascending, before them descending). Combines with every filter",
      }),
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
          "Also answer total_count: how many customers match the filters, counted by one more query (its cost grows with the customers matched)",
      }),
    ),
  },
  { additionalProperties: false },
);

/**
 * POST update_billing_info: the customer's billing information alone. Only the fields given
 * change (null clears one); an address given replaces the whole address.
 */
export const CustomerBillingInfoInput = Type.Object(
  {
    vat_id: Type.Optional(customerFields.vat_id),
    customer_type: Type.Optional(customerFields.customer_type),
    language: Type.Optional(customerFields.language),
    locale: Type.Optional(customerFields.locale),
    address: Type.Optional(AddressSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** POST update_address: the customer's new address, whole (lines left out are removed). */
export const CustomerAddressInput = Type.Object(
  { address: AddressSchema },
  { additionalProperties: false },
);
