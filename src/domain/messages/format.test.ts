import { describe, expect, it } from "vitest";
import { messageIdHeader, nextMessageAttemptAt, RETRY_DELAYS_MS } from "./delivery.js";
import { formatAmount, formatDate, formatInstantDate, messageLocale } from "./format.js";

// Intl separates French thousands and currency with narrow/no-break spaces
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("message formatting", () => {
  it("chooses the language from the locale, then the language, else English", () => {
    expect(messageLocale({ locale: "de-DE", language: null })).toEqual({
      language: "de",
      locale: "de-DE",
    });
    expect(messageLocale({ locale: null, language: "fr" })).toEqual({
      language: "fr",
      locale: "fr",
    });
    expect(messageLocale({ locale: "es-ES", language: "de" })).toEqual({
      language: "de",
      locale: "de",
    });
    expect(messageLocale({ locale: "it-IT", language: null })).toEqual({
      language: "en",
      locale: "en",
    });
  });

  it("formats amounts per locale from decimal strings, exactly", () => {
    expect(formatAmount("1234.50", "EUR", "en")).toBe("€1,234.50");
    expect(plain(formatAmount("1234.50", "EUR", "de-DE"))).toBe("1.234,50 €");
    expect(plain(formatAmount("1234.50", "EUR", "fr"))).toBe("1 234,50 €");
    // beyond a double's precision: printed as given
    expect(formatAmount("90071992547409.93", "USD", "en")).toBe("$90,071,992,547,409.93");
    expect(formatAmount("5", "JPY", "en")).toBe("¥5");
  });

  it("formats dates per locale without moving them across midnight", () => {
    expect(formatDate("2026-03-01", "en")).toBe("March 1, 2026");
    expect(formatDate("2026-03-01", "de-DE")).toBe("1. März 2026");
    expect(formatDate("2026-03-01", "fr")).toBe("1 mars 2026");
    // 23:30 UTC on Jan 31 is Feb 1 in Berlin
    expect(formatInstantDate("2026-01-31T23:30:00Z", "de", "Europe/Berlin")).toBe(
      "1. Februar 2026",
    );
  });

  it("retries on a growing schedule, then gives up; the Message-ID follows the message id", () => {
    const at = new Date("2026-01-01T00:00:00Z");
    expect(nextMessageAttemptAt(at, 1, 0)?.getTime()).toBe(at.getTime() + RETRY_DELAYS_MS[0]!);
    expect(nextMessageAttemptAt(at, 2, 0)?.getTime()).toBe(at.getTime() + 5 * 60_000);
    expect(nextMessageAttemptAt(at, RETRY_DELAYS_MS.length + 1, 0)).toBeNull();
    expect(messageIdHeader("msg_01ABC", '"Shop" <billing@shop.example>')).toBe(
      "<msg_01ABC@shop.example>",
    );
  });
});

describe("message formatting: date and time, lists", () => {
  it("writes an instant's date and time in the time zone, and lists for the locale", async () => {
    const { formatInstantDateTime, formatList } = await import("./format.js");
    expect(plain(formatInstantDateTime("2026-03-01T08:30:00Z", "de-DE", "Europe/Berlin"))).toBe(
      "1. März 2026 um 09:30",
    );
    expect(plain(formatInstantDateTime("2026-03-01T08:30:00Z", "en", "Nowhere/Else"))).toBe(
      "March 1, 2026 at 8:30 AM",
    );
    expect(formatList(["A-1", "A-2", "A-3"], "de")).toBe("A-1, A-2 und A-3");
    expect(formatList(["A-1", "A-2"], "fr")).toBe("A-1 et A-2");
  });
});
