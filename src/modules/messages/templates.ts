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
  "payment_succeeded",
  "trial_ending",
  "grace_ending",
  "contract_confirmation",
  "portal_link",
  "verification_code",
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
  payment_succeeded: {
    en: {
      subject: "Payment of {{payment.amount}} received",
      paragraphs: [
        "Hello {{customer.name}},",
        "thank you: we received your payment of {{payment.amount}} on {{payment.date}}.{{#if payment.invoices}} It was applied to {{payment.invoices}}.{{/if}}",
        "Kind regards\n{{entity.name}}",
      ],
    },
    de: {
      subject: "Zahlung über {{payment.amount}} erhalten",
      paragraphs: [
        "Guten Tag {{customer.name}},",
        "vielen Dank: Ihre Zahlung über {{payment.amount}} vom {{payment.date}} ist bei uns eingegangen.{{#if payment.invoices}} Sie wurde auf {{payment.invoices}} angerechnet.{{/if}}",
        "Mit freundlichen Grüßen\n{{entity.name}}",
      ],
    },
    fr: {
      subject: "Paiement de {{payment.amount}} reçu",
      paragraphs: [
        "Bonjour {{customer.name}},",
        "merci : nous avons bien reçu votre paiement de {{payment.amount}} le {{payment.date}}.{{#if payment.invoices}} Il a été imputé sur {{payment.invoices}}.{{/if}}",
        "Cordialement\n{{entity.name}}",
      ],
    },
  },
  trial_ending: {
    en: {
      subject: "Your trial ends on {{trial.end_date}}",
      paragraphs: [
        "Hello {{customer.name}},",
        "your trial{{#if plan.name}} of {{plan.name}}{{/if}} ends on {{trial.end_date}}.",
        "Kind regards\n{{entity.name}}",
      ],
    },
    de: {
      subject: "Ihr Testzeitraum endet am {{trial.end_date}}",
      paragraphs: [
        "Guten Tag {{customer.name}},",
        "Ihr Testzeitraum{{#if plan.name}} für {{plan.name}}{{/if}} endet am {{trial.end_date}}.",
        "Mit freundlichen Grüßen\n{{entity.name}}",
      ],
    },
    fr: {
      subject: "Votre période d'essai se termine le {{trial.end_date}}",
      paragraphs: [
        "Bonjour {{customer.name}},",
        "votre période d'essai{{#if plan.name}} de {{plan.name}}{{/if}} se termine le {{trial.end_date}}.",
        "Cordialement\n{{entity.name}}",
      ],
    },
  },
  grace_ending: {
    en: {
      subject: "Your grace period has ended",
      paragraphs: [
        "Hello {{customer.name}},",
        "the grace period of your subscription {{contract.id}} ended on {{grace.end_date}}, and {{grace.owed}} is still outstanding.{{#if grace.deactivated}} The subscription has been deactivated.{{/if}}",
        "Please pay the amount due. Kind regards\n{{entity.name}}",
      ],
    },
    de: {
      subject: "Ihre Nachfrist ist abgelaufen",
      paragraphs: [
        "Guten Tag {{customer.name}},",
        "die Nachfrist Ihres Abonnements {{contract.id}} ist am {{grace.end_date}} abgelaufen; offen sind noch {{grace.owed}}.{{#if grace.deactivated}} Das Abonnement wurde deaktiviert.{{/if}}",
        "Bitte begleichen Sie den offenen Betrag. Mit freundlichen Grüßen\n{{entity.name}}",
      ],
    },
    fr: {
      subject: "Votre délai de grâce a pris fin",
      paragraphs: [
        "Bonjour {{customer.name}},",
        "le délai de grâce de votre abonnement {{contract.id}} a pris fin le {{grace.end_date}} ; {{grace.owed}} restent dus.{{#if grace.deactivated}} L'abonnement a été désactivé.{{/if}}",
        "Merci de régler le montant dû. Cordialement\n{{entity.name}}",
      ],
    },
  },
  contract_confirmation: {
    en: {
      subject: "Your subscription{{#if plan.name}} to {{plan.name}}{{/if}} is confirmed",
      paragraphs: [
        "Hello {{customer.name}},",
        "thank you for your order. Your subscription {{contract.id}}{{#if plan.name}} to {{plan.name}}{{/if}} starts on {{contract.start_date}}.",
        "Kind regards\n{{entity.name}}",
      ],
    },
    de: {
      subject: "Bestätigung Ihres Abonnements{{#if plan.name}} {{plan.name}}{{/if}}",
      paragraphs: [
        "Guten Tag {{customer.name}},",
        "vielen Dank für Ihre Bestellung. Ihr Abonnement {{contract.id}}{{#if plan.name}} ({{plan.name}}){{/if}} beginnt am {{contract.start_date}}.",
        "Mit freundlichen Grüßen\n{{entity.name}}",
      ],
    },
    fr: {
      subject: "Confirmation de votre abonnement{{#if plan.name}} {{plan.name}}{{/if}}",
      paragraphs: [
        "Bonjour {{customer.name}},",
        "merci pour votre commande. Votre abonnement {{contract.id}}{{#if plan.name}} ({{plan.name}}){{/if}} commence le {{contract.start_date}}.",
        "Cordialement\n{{entity.name}}",
      ],
    },
  },
  portal_link: {
    en: {
      subject: "Your link to the customer portal",
      paragraphs: [
        "Hello {{customer.name}},",
        "you can manage your subscription in our customer portal:\n{{link.url}}",
        "The link is valid until {{link.expires_at}}. Do not pass it on: whoever holds it can act on your subscription.",
        "Kind regards\n{{entity.name}}",
      ],
    },
    de: {
      subject: "Ihr Link zum Kundenportal",
      paragraphs: [
        "Guten Tag {{customer.name}},",
        "Ihr Abonnement verwalten Sie in unserem Kundenportal:\n{{link.url}}",
        "Der Link gilt bis {{link.expires_at}}. Geben Sie ihn nicht weiter: Wer ihn hat, kann Ihr Abonnement ändern.",
        "Mit freundlichen Grüßen\n{{entity.name}}",
      ],
    },
    fr: {
      subject: "Votre lien vers l'espace client",
      paragraphs: [
        "Bonjour {{customer.name}},",
        "vous pouvez gérer votre abonnement dans notre espace client :\n{{link.url}}",
        "Le lien est valable jusqu'au {{link.expires_at}}. Ne le transmettez pas : quiconque le détient peut agir sur votre abonnement.",
        "Cordialement\n{{entity.name}}",
      ],
    },
  },
  verification_code: {
    en: {
      subject: "Your verification code",
      paragraphs: [
        "Hello,",
        "your verification code{{#if partner.name}} for registering with {{partner.name}}{{/if}} is {{verification.code}}. It is valid for {{verification.valid_minutes}} minutes.",
        "If you did not ask for it, please ignore this e-mail.",
        "Kind regards\n{{entity.name}}",
      ],
    },
    de: {
      subject: "Ihr Bestätigungscode",
      paragraphs: [
        "Guten Tag,",
        "Ihr Bestätigungscode{{#if partner.name}} für die Registrierung bei {{partner.name}}{{/if}} lautet {{verification.code}}. Er ist {{verification.valid_minutes}} Minuten gültig.",
        "Falls Sie ihn nicht angefordert haben, ignorieren Sie bitte diese E-Mail.",
        "Mit freundlichen Grüßen\n{{entity.name}}",
      ],
    },
    fr: {
      subject: "Votre code de vérification",
      paragraphs: [
        "Bonjour,",
        "votre code de vérification{{#if partner.name}} pour l'inscription auprès de {{partner.name}}{{/if}} est {{verification.code}}. Il est valable {{verification.valid_minutes}} minutes.",
        "Si vous ne l'avez pas demandé, veuillez ignorer cet e-mail.",
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

// ---- console users' messages ----------------------------------------------------------------
// Mails to the console's users rather than to customers (no customer, no event, no tenant's
// own wording): an invitation and a password reset, each with a single-use link.

export const CONSOLE_MESSAGE_KINDS = ["console_invitation", "password_reset"] as const;
export type ConsoleMessageKind = (typeof CONSOLE_MESSAGE_KINDS)[number];

const CONSOLE_SOURCES: Record<ConsoleMessageKind, Record<MessageLanguage, Source>> = {
  console_invitation: {
    en: {
      subject: "You are invited to the Accrue console of {{tenant.name}}",
      paragraphs: [
        "Hello {{user.name}},",
        "you have been invited to the Accrue console of {{tenant.name}}. To accept, open this link and choose your password:",
        "{{link}}",
        "The link works once and expires on {{expires_at}}. If you did not expect this invitation, ignore this e-mail.",
      ],
    },
    de: {
      subject: "Einladung zur Accrue-Konsole von {{tenant.name}}",
      paragraphs: [
        "Guten Tag {{user.name}},",
        "Sie wurden zur Accrue-Konsole von {{tenant.name}} eingeladen. Um die Einladung anzunehmen, öffnen Sie diesen Link und wählen Sie Ihr Passwort:",
        "{{link}}",
        "Der Link funktioniert einmal und läuft am {{expires_at}} ab. Falls Sie diese Einladung nicht erwartet haben, ignorieren Sie diese E-Mail.",
      ],
    },
    fr: {
      subject: "Invitation à la console Accrue de {{tenant.name}}",
      paragraphs: [
        "Bonjour {{user.name}},",
        "vous avez été invité(e) à la console Accrue de {{tenant.name}}. Pour accepter, ouvrez ce lien et choisissez votre mot de passe :",
        "{{link}}",
        "Le lien ne fonctionne qu'une fois et expire le {{expires_at}}. Si vous n'attendiez pas cette invitation, ignorez cet e-mail.",
      ],
    },
  },
  password_reset: {
    en: {
      subject: "Reset your Accrue console password",
      paragraphs: [
        "Hello {{user.name}},",
        "someone asked to reset the password of your Accrue console account. To choose a new password, open this link:",
        "{{link}}",
        "The link works once and expires in {{valid_minutes}} minutes; every session of your account ends when the password is reset. If you did not ask for this, ignore this e-mail: your password stays as it is.",
      ],
    },
    de: {
      subject: "Passwort der Accrue-Konsole zurücksetzen",
      paragraphs: [
        "Guten Tag {{user.name}},",
        "jemand hat angefordert, das Passwort Ihres Kontos der Accrue-Konsole zurückzusetzen. Um ein neues Passwort zu wählen, öffnen Sie diesen Link:",
        "{{link}}",
        "Der Link funktioniert einmal und läuft in {{valid_minutes}} Minuten ab; mit dem neuen Passwort enden alle Sitzungen Ihres Kontos. Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.",
      ],
    },
    fr: {
      subject: "Réinitialisez votre mot de passe de la console Accrue",
      paragraphs: [
        "Bonjour {{user.name}},",
        "quelqu'un a demandé la réinitialisation du mot de passe de votre compte de la console Accrue. Pour choisir un nouveau mot de passe, ouvrez ce lien :",
        "{{link}}",
        "Le lien ne fonctionne qu'une fois et expire dans {{valid_minutes}} minutes ; toutes les sessions de votre compte prennent fin avec le nouveau mot de passe. Si vous n'avez rien demandé, ignorez cet e-mail : votre mot de passe reste inchangé.",
      ],
    },
  },
};

const consoleCompiled = new Map<string, Compiled>();

/** A console user's message in a language, its values (the link among them) filled in. */
export function renderConsoleMessage(
  kind: ConsoleMessageKind,
  language: MessageLanguage,
  data: TemplateData,
): RenderedMessage {
  const key = `${kind}:${language}`;
  let t = consoleCompiled.get(key);
  if (!t) {
    const source = CONSOLE_SOURCES[kind][language];
    t = compileSource(
      { subject: source.subject, text: `${source.paragraphs.join("\n\n")}\n`, html: null },
      language,
    );
    consoleCompiled.set(key, t);
  }
  return {
    subject: renderTemplate(t.subject, data, { html: false }).replace(/\s+/g, " ").trim(),
    text: renderTemplate(t.text, data, { html: false }),
    html: renderTemplate(t.html, data, { html: true }),
  };
}
