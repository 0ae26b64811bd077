import { Type } from "typebox";
import { EMAIL_PATTERN } from "./customers.schemas.js";

/** Most contacts one customer may have. */
export const MAX_CONTACTS = 50;

const nullableText = (maxLength: number) =>
  Type.Union([Type.String({ minLength: 1, maxLength }), Type.Null()]);

const contactFields = {
  first_name: nullableText(100),
  last_name: nullableText(100),
  email: Type.String({ maxLength: 254, pattern: EMAIL_PATTERN }),
  phone: nullableText(50),
  label: nullableText(50),
  send_billing_email: Type.Boolean({
    description: "The contact receives the customer's billing e-mails (invoices, dunning)",
  }),
  send_account_email: Type.Boolean({
    description: "The contact receives the customer's account e-mails",
  }),
  enabled: Type.Boolean({ description: "Whether the contact receives any e-mail at all" }),
};

/** POST body: `email` required; the flags default to false. */
export const ContactCreateInput = Type.Object(
  {
    first_name: Type.Optional(contactFields.first_name),
    last_name: Type.Optional(contactFields.last_name),
    email: contactFields.email,
    phone: Type.Optional(contactFields.phone),
    label: Type.Optional(contactFields.label),
    send_billing_email: Type.Optional(contactFields.send_billing_email),
    send_account_email: Type.Optional(contactFields.send_account_email),
    enabled: Type.Optional(contactFields.enabled),
  },
  { additionalProperties: false },
);

/** PATCH body: only the fields given change; null clears a name, phone or label. */
export const ContactPatch = Type.Object(
  {
    ...ContactCreateInput.properties,
    email: Type.Optional(contactFields.email),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ContactSchema = Type.Object(
  {
    id: Type.String(),
    customer_id: Type.String(),
    ...contactFields,
    created_at: Type.String({ format: "date-time" }),
    updated_at: Type.String({ format: "date-time" }),
  },
  { $id: "CustomerContact" },
);

export const ContactParams = Type.Object({
  id: Type.String({ maxLength: 64 }),
  contact_id: Type.String({ maxLength: 64 }),
});
