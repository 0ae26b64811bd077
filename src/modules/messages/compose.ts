/**
 * Which events become customer messages, and what each says: the event's kind, the values its
 * template reads (dates and amounts formatted for the customer's locale), one message per
 * recipient. Pure: the facts (customer, recipients, entity) are gathered by the caller.
 *
 * Two kinds carry a secret and come from no event: a portal link and a verification code are
 * composed by the operation that makes them (`draftDirectMessages`), so the secret is never
 * in the outbox.
 */

import type { MessageLanguage } from "../../domain/messages/format.js";
import {
  formatAmount,
  formatDate,
  formatInstantDate,
  formatInstantDateTime,
  formatList,
  messageLocale,
} from "../../domain/messages/format.js";
import { newId } from "../../lib/ids.js";
import type { NewMessageRow } from "./messages.repository.js";
import { type MessageKind, renderMessage, type TemplateSource } from "./templates.js";

const KINDS: Readonly<Record<string, MessageKind>> = {
  "invoice.finalized": "invoice_issued",
  "credit_note.finalized": "credit_note_issued",
  "payment.failed": "payment_failed",
  "invoice.dunning_level_reached": "dunning_step",
  "contract.ended": "contract_cancelled",
  "payment.succeeded": "payment_succeeded",
  "contract.trial_end_approaching": "trial_ending",
  "contract.grace_period_ended": "grace_ending",
  "contract.created": "contract_confirmation",
};

/** The kinds composed by the operation that makes their secret, never from an event. */
export const DIRECT_KINDS = ["portal_link", "verification_code"] as const;
export type DirectKind = (typeof DIRECT_KINDS)[number];

/** The message kind an event type may become, or null for an event no customer is told about. */
export const messageKindOf = (eventType: string): MessageKind | null => KINDS[eventType] ?? null;

/** Payment methods that collect money: by hand (offline), or charged through a gateway. */
const COLLECTING_METHODS = new Set([
  "offline",
  "test_card",
  "test_direct_debit",
  "card",
  "direct_debit",
]);

/** A decimal string above zero. */
const positive = (v: unknown) =>
  typeof v === "string" && /^\d+(\.\d+)?$/.test(v) && /[1-9]/.test(v);

/**
 * The message kind an event becomes, or null: its type tells no customer anything, or this
 * one does not — a payment.succeeded that collected no money (a write-off, withheld tax, a
 * refund, a zero amount), a contract.created of an imported contract (it started in another
 * system), a grace period that ended with nothing owed.
 */
export function messageKindFor(event: Pick<MessageEvent, "type" | "payload">): MessageKind | null {
  const kind = messageKindOf(event.type);
  const p = (event.payload ?? {}) as Payload;
  switch (kind) {
    case "payment_succeeded":
      return p.kind === "payment" &&
        p.status === "succeeded" &&
        COLLECTING_METHODS.has(String(p.method)) &&
        positive(p.amount)
        ? kind
        : null;
    case "contract_confirmation":
      // an import carries billed_until: the contract started elsewhere, and was confirmed there
      return "billed_until" in p || p.status === "transferred" ? null : kind;
    case "grace_ending":
      return positive(p.owed) ? kind : null;
    default:
      return kind;
  }
}

/** The event, as composition reads it. */
export type MessageEvent = {
  id: string;
  tenant_id: string;
  type: string;
  subject_id: string | null;
  payload: unknown;
};

/** What composition needs besides the event, gathered from the modules that own it. */
export type MessageFacts = {
  /** Null: a message to an address that is nobody's yet (a verification code). */
  customer: {
    id: string;
    name: string;
    locale: string | null;
    language: string | null;
    time_zone: string | null;
  } | null;
  /** The language asked for when there is no customer (en, de, fr; else English). */
  language?: string | null;
  /** Billing contacts' addresses, else the customer's own; empty: nobody to tell. */
  recipients: readonly string[];
  /** The sender: the business entity's name and address. */
  sender: { name: string; address: string };
  /** The business entity that sends: its own templates come first. */
  entityId?: string | null;
  /** The currency of the invoice a dunning step names, or of a contract (their payloads carry none). */
  currency?: string | null;
  /** The numbers of the invoices a payment pays. */
  invoiceNumbers?: readonly string[];
  /** The plan of a contract: its name, and its names by language. */
  plan?: { name: string; translations: Readonly<Record<string, string>> } | null;
};

type Payload = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** The customer an event's message is about (its payload's `customer_id`). */
export function customerIdOf(event: MessageEvent): string | null {
  const payload = (event.payload ?? {}) as Payload;
  return str(payload.customer_id);
}

/** The business entity an event names (documents carry theirs), if any. */
export function entityIdOf(event: MessageEvent): string | null {
  return str(((event.payload ?? {}) as Payload).business_entity_id);
}

/** `"Name" <address>`, the name quoted. */
export const formatSender = (s: { name: string; address: string }) =>
  `"${s.name.replace(/["\\\r\n]/g, (c) => (c === "\r" || c === "\n" ? " " : `\\${c}`))}" <${s.address}>`;

function templateData(
  kind: MessageKind,
  event: MessageEvent,
  facts: MessageFacts,
  locale: string,
  language: MessageLanguage,
) {
  const p = (event.payload ?? {}) as Payload;
  const base = {
    customer: { name: facts.customer?.name ?? "" },
    entity: { name: facts.sender.name },
  };
  const amount = (value: unknown, currency: unknown) =>
    str(value) && str(currency) ? formatAmount(str(value)!, str(currency)!, locale) : "";
  const date = (value: unknown) => (str(value) ? formatDate(str(value)!, locale) : "");
  const timeZone = facts.customer?.time_zone ?? "UTC";
  // an instant, as the date it is in the customer's time zone
  const day = (value: unknown) =>
    str(value) ? formatInstantDate(str(value)!, locale, timeZone) : "";
  const plan = {
    name: facts.plan ? (facts.plan.translations[language] ?? facts.plan.name) : "",
  };
  switch (kind) {
    case "invoice_issued":
    case "credit_note_issued":
      return {
        ...base,
        document: {
          number: str(p.number) ?? "",
          issue_date: date(p.issue_date),
          due_date: date(p.due_date),
          total: amount(p.total_gross, p.currency),
        },
      };
    case "payment_failed": {
      const failure = (p.failure ?? {}) as Payload;
      return {
        ...base,
        payment: { amount: amount(p.amount, p.currency), reason: str(failure.message) ?? "" },
      };
    }
    case "dunning_step":
      return {
        ...base,
        document: { number: str(p.number) ?? "" },
        dunning: {
          name: str(p.name) ?? "",
          level: String(p.level ?? ""),
          days_overdue: String(p.days_overdue ?? ""),
          due: amount(p.due, facts.currency ?? null),
        },
      };
    case "contract_cancelled":
      return {
        ...base,
        contract: {
          id: event.subject_id ?? "",
          end_date: day(p.end_date),
        },
      };
    case "payment_succeeded":
      return {
        ...base,
        payment: {
          amount: amount(p.amount, p.currency),
          date: day(p.received_at),
          invoices: facts.invoiceNumbers?.length ? formatList(facts.invoiceNumbers, locale) : "",
        },
      };
    case "trial_ending":
      return {
        ...base,
        contract: { id: event.subject_id ?? "" },
        trial: { end_date: day(p.trial_end_date) },
        plan,
      };
    case "grace_ending":
      return {
        ...base,
        contract: { id: event.subject_id ?? "" },
        grace: {
          end_date: day(p.grace_period_end),
          owed: amount(p.owed, facts.currency ?? null),
          deactivated: str(p.deactivation_action_id) ? "yes" : "",
        },
      };
    case "contract_confirmation":
      return {
        ...base,
        contract: { id: event.subject_id ?? "", start_date: day(p.start_date) },
        plan,
      };
    case "portal_link":
      return {
        ...base,
        contract: { id: event.subject_id ?? "" },
        link: {
          url: str(p.url) ?? "",
          expires_at: str(p.expires_at)
            ? formatInstantDateTime(str(p.expires_at)!, locale, timeZone)
            : "",
        },
      };
    case "verification_code":
      return {
        ...base,
        partner: { name: str(p.partner_name) ?? "" },
        verification: {
          code: str(p.code) ?? "",
          valid_minutes: String(p.valid_minutes ?? ""),
        },
      };
  }
}

/** The key of a template in the map `draftMessages` reads: the tenant's, or an entity's. */
export const templateKey = (kind: string, language: string, entityId?: string | null) =>
  entityId ? `${entityId}:${kind}:${language}` : `${kind}:${language}`;

type DraftOptions = {
  now: Date;
  smtpConfigured: boolean;
  /**
   * The tenant's own templates, by `templateKey`: a business entity's of a kind and language
   * wins over the tenant's, which wins over the built-in one.
   */
  templates?: ReadonlyMap<string, TemplateSource>;
};

function draft(
  kind: MessageKind,
  event: MessageEvent,
  facts: MessageFacts,
  options: DraftOptions,
): NewMessageRow[] {
  const { language, locale } = messageLocale(
    facts.customer ?? { locale: facts.language ?? null, language: null },
  );
  const own =
    (facts.entityId ? options.templates?.get(templateKey(kind, language, facts.entityId)) : null) ??
    options.templates?.get(templateKey(kind, language));
  const rendered = renderMessage(
    kind,
    language,
    templateData(kind, event, facts, locale, language),
    own,
  );
  const attachment =
    kind === "invoice_issued" || kind === "credit_note_issued" ? event.subject_id : null;
  const unique = [...new Set(facts.recipients.map((r) => r.trim()).filter((r) => r.length > 0))];
  return unique.map((recipient) => ({
    id: newId("message"),
    tenant_id: event.tenant_id,
    event_id: event.id,
    customer_id: facts.customer?.id ?? null,
    kind,
    recipient,
    sender: formatSender(facts.sender),
    language,
    subject: rendered.subject,
    body_text: rendered.text,
    body_html: rendered.html,
    attachment_document_id: attachment,
    status: options.smtpConfigured ? "queued" : "skipped",
    next_attempt_at: options.smtpConfigured ? options.now : null,
    last_error: options.smtpConfigured ? null : NO_SMTP,
    created_at: options.now,
    updated_at: options.now,
  }));
}

/**
 * The messages an event makes: one per recipient, rendered in the customer's language;
 * queued when SMTP is configured, else recorded as skipped ("not sent: no SMTP").
 */
export function draftMessages(
  event: MessageEvent,
  facts: MessageFacts,
  options: DraftOptions,
): NewMessageRow[] {
  const kind = messageKindFor(event);
  return kind ? draft(kind, event, facts, options) : [];
}

/** What a message composed by its operation says (the secret travels only here). */
export type DirectContent =
  | { kind: "portal_link"; contract_id: string; url: string; expires_at: string }
  | {
      kind: "verification_code";
      code: string;
      valid_minutes: number;
      partner_name: string | null;
    };

/**
 * The messages an operation composes itself (a portal link, a verification code), queued:
 * the worker's delivery records them as skipped when no SMTP is configured. `id` names what
 * the message is about (the link, the code) and stands for the event: one message per id and
 * recipient.
 */
export function draftDirectMessages(
  message: { id: string; tenant_id: string; content: DirectContent },
  facts: MessageFacts,
  options: Omit<DraftOptions, "smtpConfigured">,
): NewMessageRow[] {
  const { kind, ...payload } = message.content;
  const event: MessageEvent = {
    id: message.id,
    tenant_id: message.tenant_id,
    type: kind,
    subject_id: kind === "portal_link" ? message.content.contract_id : null,
    payload,
  };
  return draft(kind, event, facts, { ...options, smtpConfigured: true });
}

export const NO_SMTP = "not sent: no SMTP";

/** Made-up values of a kind's message, formatted for `locale`: what a preview shows. */
export function sampleData(kind: MessageKind, locale: string) {
  const event: MessageEvent = {
    id: "evt_sample",
    tenant_id: "ten_sample",
    type: Object.entries(KINDS).find(([, k]) => k === kind)?.[0] ?? kind,
    subject_id:
      kind === "invoice_issued" || kind === "credit_note_issued" || kind === "dunning_step"
        ? "inv_sample"
        : "con_sample",
    payload: {
      number: "INV-000042",
      issue_date: "2026-03-01",
      due_date: "2026-03-15",
      total_gross: "1234.50",
      currency: "EUR",
      amount: "1234.50",
      failure: { code: "card_declined", message: "card declined" },
      name: "reminder",
      level: 1,
      days_overdue: 7,
      due: "1234.50",
      end_date: "2026-03-31T22:00:00Z",
      received_at: "2026-03-01T09:30:00Z",
      trial_end_date: "2026-03-15T00:00:00Z",
      grace_period_end: "2026-03-22T00:00:00Z",
      owed: "1234.50",
      deactivation_action_id: "act_sample",
      start_date: "2026-03-01T00:00:00Z",
      url: "https://billing.example.com/portal/sst_sample",
      expires_at: "2026-03-02T09:30:00Z",
      code: "7K3M9QXP",
      valid_minutes: 5,
      partner_name: "Example Partner",
    },
  };
  const facts: MessageFacts = {
    customer: {
      id: "cus_sample",
      name: "Erika Mustermann",
      locale,
      language: null,
      time_zone: "UTC",
    },
    recipients: [],
    sender: { name: "Example Ltd", address: "billing@example.com" },
    currency: "EUR",
    invoiceNumbers: ["INV-000042"],
    plan: { name: "Pro", translations: {} },
  };
  const { language } = messageLocale({ locale, language: null });
  return templateData(kind, event, facts, locale, language);
}
