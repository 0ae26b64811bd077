/**
 * The built-in message templates, in English, German and French. Each is a subject and
 * paragraphs in the template language of src/domain/messages/template.ts; the plain-text
 * part is the paragraphs, the HTML part the same paragraphs in a small HTML layout, every
 * value escaped.
 */
import type { MessageLanguage } from "../../domain/messages/format.js";
import {
  compileTemplate,
  escapeHtml,
  renderTemplate,
  type Template,
  type TemplateData,
  TemplateError,
} from "../../domain/messages/template.js";

export const MESSAGE_KINDS = [
  "invoice_issued",
  "credit_note_issued",
  "payment_failed",
  "dunning_step",
  "contract_cancelled",
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

type Source = { subject: string; paragraphs: string[] };

const SOURCES: Record<MessageKind, Record<MessageLanguage, Source>> = {
  invoice_issued: {
    en: {
      subject: "Invoice {{document.number}} from {{entity.name}}",
      paragraphs: [
        "Hello {{customer.name}},",
        "please find attached invoice {{document.number}} of {{document.issue_date}} for {{document.total}}.{{#if document.due_date}} It is due on {{document.due_date}}.{{/if}}",
        "Kind regards\n{{entity.name}}",
      ],
    },
    de: {
      subject: "Rechnung {{document.number}} von {{entity.name}}",
      paragraphs: [
        "Guten Tag {{customer.name}},",
        "anbei erhalten Sie die Rechnung {{document.number}} vom {{document.issue_date}} über {{document.total}}.{{#if document.due_date}} Sie ist fällig am {{document.due_date}}.{{/if}}",
        "Mit freundlichen Grüßen\n{{entity.name}}",
      ],
    },
    fr: {
      subject: "Facture {{document.number}} de {{entity.name}}",
      paragraphs: [
        "Bonjour {{customer.name}},",
        "veuillez trouver ci-joint la facture {{document.number}} du {{document.issue_date}} d'un montant de {{document.total}}.{{#if document.due_date}} Elle est payable au {{document.due_date}}.{{/if}}",
        "Cordialement\n{{entity.name}}",
      ],
    },
  },
  credit_note_issued: {
    en: {
      subject: "Credit note {{document.number}} from {{entity.name}}",
      paragraphs: [
        "Hello {{customer.name}},",
        "please find attached credit note {{document.number}} of {{document.issue_date}} for {{document.total}}.",
        "Kind regards\n{{entity.name}}",
      ],
    },
    de: {
      subject: "Gutschrift {{document.number}} von {{entity.name}}",
      paragraphs: [
        "Guten Tag {{customer.name}},",
        "anbei erhalten Sie die Gutschrift {{document.number}} vom {{document.issue_date}} über {{document.total}}.",
        "Mit freundlichen Grüßen\n{{entity.name}}",
      ],
    },
    fr: {
      subject: "Avoir {{document.number}} de {{entity.name}}",
      paragraphs: [
        "Bonjour {{customer.name}},",
        "veuillez trouver ci-joint l'avoir {{document.number}} du {{document.issue_date}} d'un montant de {{document.total}}.",
        "Cordialement\n{{entity.name}}",
      ],
    },
  },
  payment_failed: {
    en: {
      subject: "Your payment of {{payment.amount}} failed",
      paragraphs: [
        "Hello {{customer.name}},",
        "we could not collect your payment of {{payment.amount}}.{{#if payment.reason}} Reason: {{payment.reason}}.{{/if}}",
        "Please check your payment details. Kind regards\n{{entity.name}}",
      ],
    },
    de: {
      subject: "Ihre Zahlung über {{payment.amount}} ist fehlgeschlagen",
      paragraphs: [
        "Guten Tag {{customer.name}},",
        "wir konnten Ihre Zahlung über {{payment.amount}} nicht einziehen.{{#if payment.reason}} Grund: {{payment.reason}}.{{/if}}",
        "Bitte prüfen Sie Ihre Zahlungsdaten. Mit freundlichen Grüßen\n{{entity.name}}",
      ],
    },
    fr: {
      subject: "Votre paiement de {{payment.amount}} a échoué",
      paragraphs: [
        "Bonjour {{customer.name}},",
        "nous n'avons pas pu encaisser votre paiement de {{payment.amount}}.{{#if payment.reason}} Motif : {{payment.reason}}.{{/if}}",
        "Veuillez vérifier vos informations de paiement. Cordialement\n{{entity.name}}",
      ],
    },
  },
  dunning_step: {
    en: {
      subject: "Reminder: invoice {{document.number}} is overdue",
      paragraphs: [
        "Hello {{customer.name}},",
        "invoice {{document.number}} still owes {{dunning.due}}; it is {{dunning.days_overdue}} days overdue ({{dunning.name}}).",
        "Please pay the amount due. Kind regards\n{{entity.name}}",
      ],
    },
    de: {
      subject: "Zahlungserinnerung: Rechnung {{document.number}} ist überfällig",
      paragraphs: [
        "Guten Tag {{customer.name}},",
        "die Rechnung {{document.number}} ist mit {{dunning.due}} seit {{dunning.days_overdue}} Tagen überfällig ({{dunning.name}}).",
        "Bitte begleichen Sie den offenen Betrag. Mit freundlichen Grüßen\n{{entity.name}}",
      ],
    },
    fr: {
      subject: "Relance : la facture {{document.number}} est en retard",
      paragraphs: [
        "Bonjour {{customer.name}},",
        "la facture {{document.number}} reste due pour {{dunning.due}} depuis {{dunning.days_overdue}} jours ({{dunning.name}}).",
        "Merci de régler le montant dû. Cordialement\n{{entity.name}}",
      ],
    },
  },
  contract_cancelled: {
    en: {
      subject: "Your subscription ends on {{contract.end_date}}",
      paragraphs: [
        "Hello {{customer.name}},",
        "we confirm the cancellation of your subscription {{contract.id}}: it ends on {{contract.end_date}}.",
        "Kind regards\n{{entity.name}}",
      ],
    },
    de: {
      subject: "Ihr Abonnement endet am {{contract.end_date}}",
      paragraphs: [
        "Guten Tag {{customer.name}},",
        "wir bestätigen die Kündigung Ihres Abonnements {{contract.id}}: Es endet am {{contract.end_date}}.",
        "Mit freundlichen Grüßen\n{{entity.name}}",
      ],
    },
    fr: {
      subject: "Votre abonnement prend fin le {{contract.end_date}}",
      paragraphs: [
        "Bonjour {{customer.name}},",
        "nous confirmons la résiliation de votre abonnement {{contract.id}} : il prend fin le {{contract.end_date}}.",
        "Cordialement\n{{entity.name}}",
      ],
    },
  },
};

/** A template's source: subject, plain text, and HTML (null: made from the text's paragraphs). */
export type TemplateSource = { subject: string; text: string; html: string | null };

type Compiled = { subject: Template; text: Template; html: Template };

const htmlSource = (language: string, paragraphs: readonly string[]) =>
  `<!DOCTYPE html>\n<html lang="${language}">\n<body style="font-family: sans-serif">\n${paragraphs
    .map((p) => `<p>${escapeHtml(p).replaceAll("\n", "<br>\n")}</p>`)
    .join("\n")}\n</body>\n</html>\n`;

/** The HTML part of a text template: its paragraphs (split at blank lines) in a small layout. */
const htmlFromText = (language: string, text: string) =>
  htmlSource(
    language,
    text
      .trim()
      .split(/\n\s*\n/)
      .map((p) => p.trim()),
  );

/** The built-in template of a kind in a language. */
export function builtInTemplate(kind: MessageKind, language: MessageLanguage): TemplateSource {
  const source = SOURCES[kind][language];
  return { subject: source.subject, text: `${source.paragraphs.join("\n\n")}\n`, html: null };
}

/**
 * Compiles a template's three parts; a part that does not compile throws a TemplateError
 * whose `field` names it (subject, text or html).
 */
export function compileSource(source: TemplateSource, language: string): Compiled {
  const part = (field: "subject" | "text" | "html", text: string) => {
    try {
      return compileTemplate(text);
    } catch (error) {
      if (error instanceof TemplateError) error.field = field;
      throw error;
    }
  };
  return {
    subject: part("subject", source.subject),
    text: part("text", source.text),
    html:
      source.html === null
        ? part("text", htmlFromText(language, source.text))
        : part("html", source.html),
  };
}

const builtIns = new Map<string, Compiled>();

function builtInCompiled(kind: MessageKind, language: MessageLanguage): Compiled {
  const key = `${kind}:${language}`;
  let found = builtIns.get(key);
  if (!found) {
    found = compileSource(builtInTemplate(kind, language), language);
    builtIns.set(key, found);
  }
  return found;
}

export type RenderedMessage = { subject: string; text: string; html: string };

/** A message in a language, its values filled in: the tenant's template if given, else the built-in one. */
export function renderMessage(
  kind: MessageKind,
  language: MessageLanguage,
  data: TemplateData,
  override?: TemplateSource | null,
): RenderedMessage {
  let t = builtInCompiled(kind, language);
  if (override) {
    try {
      t = compileSource(override, language);
    } catch (error) {
      // a stored template was checked when saved; should one not compile, the built-in speaks
      if (!(error instanceof TemplateError)) throw error;
    }
  }
  return {
    // a subject is one line
    subject: renderTemplate(t.subject, data, { html: false }).replace(/\s+/g, " ").trim(),
    text: renderTemplate(t.text, data, { html: false }),
    html: renderTemplate(t.html, data, { html: true }),
  };
}
