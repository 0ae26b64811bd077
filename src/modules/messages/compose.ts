/**
 * Which events become customer messages, and what each says: the event's kind, the values its
 * template reads (dates and amounts formatted for the customer's locale), one message per
 * recipient. Pure: the facts (customer, recipients, entity) are gathered by the caller.
 */
import {
  formatAmount,
  formatDate,
  formatInstantDate,
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
};

/** The message kind an event type becomes, or null for an event no customer is told about. */
export const messageKindOf = (eventType: string): MessageKind | null => KINDS[eventType] ?? null;

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
  customer: {
    id: string;
    name: string;
    locale: string | null;
    language: string | null;
    time_zone: string | null;
  };
  /** Billing contacts' addresses, else the customer's own; empty: nobody to tell. */
  recipients: readonly string[];
  /** The sender: the business entity's name and address. */
  sender: { name: string; address: string };
  /** The currency of the invoice a dunning step names (its payload carries none). */
  currency?: string | null;
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

function templateData(kind: MessageKind, event: MessageEvent, facts: MessageFacts, locale: string) {
  const p = (event.payload ?? {}) as Payload;
  const base = { customer: { name: facts.customer.name }, entity: { name: facts.sender.name } };
  const amount = (value: unknown, currency: unknown) =>
    str(value) && str(currency) ? formatAmount(str(value)!, str(currency)!, locale) : "";
  const date = (value: unknown) => (str(value) ? formatDate(str(value)!, locale) : "");
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
          end_date: str(p.end_date)
            ? formatInstantDate(str(p.end_date)!, locale, facts.customer.time_zone ?? "UTC")
            : "",
        },
      };
  }
}

/**
 * The messages an event makes: one per recipient, rendered in the customer's language;
 * queued when SMTP is configured, else recorded as skipped ("not sent: no SMTP").
 */
export function draftMessages(
  event: MessageEvent,
  facts: MessageFacts,
  options: {
    now: Date;
    smtpConfigured: boolean;
    /** The tenant's own templates, by `kind:language`. */
    templates?: ReadonlyMap<string, TemplateSource>;
  },
): NewMessageRow[] {
  const kind = messageKindOf(event.type);
  if (!kind) return [];
  const { language, locale } = messageLocale(facts.customer);
  const rendered = renderMessage(
    kind,
    language,
    templateData(kind, event, facts, locale),
    options.templates?.get(`${kind}:${language}`),
  );
  const attachment =
    kind === "invoice_issued" || kind === "credit_note_issued" ? event.subject_id : null;
  const unique = [...new Set(facts.recipients.map((r) => r.trim()).filter((r) => r.length > 0))];
  return unique.map((recipient) => ({
    id: newId("message"),
    tenant_id: event.tenant_id,
    event_id: event.id,
    customer_id: facts.customer.id,
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

export const NO_SMTP = "not sent: no SMTP";

/** Made-up values of a kind's message, formatted for `locale`: what a preview shows. */
export function sampleData(kind: MessageKind, locale: string) {
  const event: MessageEvent = {
    id: "evt_sample",
    tenant_id: "ten_sample",
    type: Object.entries(KINDS).find(([, k]) => k === kind)![0],
    subject_id: kind === "contract_cancelled" ? "con_sample" : "inv_sample",
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
  };
  return templateData(kind, event, facts, locale);
}
