import { Type } from "typebox";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

export const MessageSchema = Type.Object(
  {
    id: Type.String(),
    customer_id: Nullable(Type.String()),
    event_id: Type.String({
      description:
        "The event the message tells of (a portal link's or verification code's message: the link's or code's id)",
    }),
    kind: Type.String({
      description:
        "invoice_issued, credit_note_issued, payment_failed, dunning_step, contract_cancelled, payment_succeeded, trial_ending, grace_ending, contract_confirmation, portal_link or verification_code",
    }),
    recipient: Type.String(),
    sender: Type.String(),
    language: Type.String({ description: "en, de or fr: the customer's locale, else English" }),
    subject: Type.String(),
    attachment_document_id: Nullable(
      Type.String({ description: "The invoice or credit note whose PDF is attached" }),
    ),
    status: Type.Union(
      [
        Type.Literal("queued"),
        Type.Literal("sent"),
        Type.Literal("failed"),
        Type.Literal("skipped"),
        Type.Literal("bounced"),
      ],
      {
        description:
          "queued (waiting to be sent, or for its next attempt), sent, failed (every attempt failed), skipped (not sent: no SMTP), bounced (the recipient's mail system refused the address for good; not sent again)",
      },
    ),
    attempt_count: Type.Integer(),
    next_attempt_at: Nullable(Type.String({ format: "date-time" })),
    last_error: Nullable(Type.String()),
    sent_at: Nullable(Type.String({ format: "date-time" })),
    resend_of: Nullable(Type.String({ description: "The message this one sends again" })),
    created_at: Type.String({ format: "date-time" }),
  },
  { $id: "Message", title: "Message" },
);

export const BounceInput = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: 1000,
      description:
        "What the mail system reported, e.g. the delivery status notification's diagnostic: 550 5.1.1 user unknown",
    }),
  },
  { additionalProperties: false },
);
