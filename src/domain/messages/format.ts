/**
 * Dates and amounts as a customer reads them, formatted with Intl for its locale. Amounts
 * arrive as decimal strings and are handed to Intl as strings, so no float ever holds money.
 */

/** Languages messages are written in; anything else falls back to English. */
export const MESSAGE_LANGUAGES = ["en", "de", "fr"] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

/**
 * The language and Intl locale of a customer: its `locale` (e.g. "de-DE") first, then its
 * `language`; English when neither names a language messages are written in.
 */
export function messageLocale(customer: { locale: string | null; language: string | null }): {
  language: MessageLanguage;
  locale: string;
} {
  for (const tag of [customer.locale, customer.language]) {
    if (!tag) continue;
    const language = tag.split("-")[0]!.toLowerCase();
    if ((MESSAGE_LANGUAGES as readonly string[]).includes(language)) {
      let locale = tag;
      try {
        locale = Intl.getCanonicalLocales(tag)[0] ?? language;
      } catch {
        locale = language;
      }
      return { language: language as MessageLanguage, locale };
    }
  }
  return { language: "en", locale: "en" };
}

/** "1234.50" in EUR: "€1,234.50" (en), "1.234,50 €" (de), "1 234,50 €" (fr). */
export function formatAmount(decimal: string, currency: string, locale: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(decimal)) return `${decimal} ${currency}`;
  const format = new Intl.NumberFormat(locale, { style: "currency", currency });
  // a decimal string is formatted exactly (Intl.NumberFormat v3)
  return format.format(decimal as unknown as number);
}

/** A calendar date (YYYY-MM-DD) written out: "1 March 2026", "1. März 2026", "1 mars 2026". */
export function formatDate(date: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(at);
}

/** An instant as a date in a time zone (the customer's), written out like formatDate. */
export function formatInstantDate(instant: string, locale: string, timeZone: string): string {
  const at = Date.parse(instant);
  if (Number.isNaN(at)) return instant;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(at);
  }
}

/** An instant as a date and time in a time zone: "March 1, 2026 at 9:30 AM", "1. März 2026 um 09:30". */
export function formatInstantDateTime(instant: string, locale: string, timeZone: string): string {
  const at = Date.parse(instant);
  if (Number.isNaN(at)) return instant;
  const format = (zone: string) =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: zone,
    }).format(at);
  try {
    return format(timeZone);
  } catch {
    return format("UTC");
  }
}

/** Items joined for the locale: "A, B and C", "A, B und C", "A, B et C". */
export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
}
