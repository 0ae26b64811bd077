import { type Static, Type } from "typebox";
import type { MessageLanguage } from "../../domain/messages/format.js";
import type { MessageKind } from "./templates.js";

const Kind = Type.Union(
  [
    Type.Literal("invoice_issued"),
    Type.Literal("credit_note_issued"),
    Type.Literal("payment_failed"),
    Type.Literal("dunning_step"),
    Type.Literal("contract_cancelled"),
    Type.Literal("payment_succeeded"),
    Type.Literal("trial_ending"),
    Type.Literal("grace_ending"),
    Type.Literal("contract_confirmation"),
    Type.Literal("portal_link"),
    Type.Literal("verification_code"),
  ],
  { description: "The message kind" },
);
const Language = Type.Union([Type.Literal("en"), Type.Literal("de"), Type.Literal("fr")], {
  description: "en, de or fr",
});

// the wire lists the same kinds and languages as the code
const KINDS_MATCH: [MessageKind] extends [Static<typeof Kind>]
  ? [Static<typeof Kind>] extends [MessageKind]
    ? true
    : false
  : false = true;
const LANGUAGES_MATCH: [MessageLanguage] extends [Static<typeof Language>]
  ? [Static<typeof Language>] extends [MessageLanguage]
    ? true
    : false
  : false = true;
void KINDS_MATCH;
void LANGUAGES_MATCH;
const Source = Type.Union(
  [Type.Literal("built_in"), Type.Literal("tenant"), Type.Literal("business_entity")],
  {
    description:
      "built_in: Accrue's wording; tenant: the tenant's own; business_entity: a business entity's own",
  },
);

export const TemplateParams = Type.Object({ kind: Kind, language: Language });

export const TemplateEntityQuery = Type.Object(
  {
    business_entity_id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          "A business entity's own template (used for the messages it sends) instead of the tenant's",
      }),
    ),
  },
  { additionalProperties: false },
);

const EntityId = Type.Union([Type.String(), Type.Null()], {
  description: "The business entity whose own template this is; null: the tenant's or built in",
});

export const TemplateInput = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 500 }),
    text: Type.String({
      minLength: 1,
      maxLength: 20_000,
      description: "The plain-text body; paragraphs are separated by blank lines",
    }),
    html: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 100_000 }), Type.Null()], {
        description: "The HTML body; absent or null: the text's paragraphs in a plain layout",
      }),
    ),
  },
  { additionalProperties: false },
);

export const MessageTemplateSchema = Type.Object(
  {
    kind: Kind,
    language: Language,
    source: Source,
    business_entity_id: EntityId,
    subject: Type.String(),
    text: Type.String(),
    html: Type.Union([Type.String(), Type.Null()]),
    updated_at: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  },
  { $id: "MessageTemplate", title: "MessageTemplate" },
);

export const TemplatePreviewSchema = Type.Object({
  kind: Kind,
  language: Language,
  source: Source,
  business_entity_id: EntityId,
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
});
