/**
 * The payment reference of an offline payment voucher: an ISO 11649 creditor reference
 * ("RF", two check digits, up to 21 letters and digits), which banks check when the payer
 * types it. Pure but for the random body.
 */
import { randomInt } from "node:crypto";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** The two check digits of an ISO 11649 reference with body `body` (A–Z, 0–9). */
export function rfCheckDigits(body: string): string {
  const digits = `${body}RF00`
    .toUpperCase()
    .split("")
    .map((c) => (c >= "A" && c <= "Z" ? String(c.charCodeAt(0) - 55) : c))
    .join("");
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return String(98 - rest).padStart(2, "0");
}

/** Whether `reference` (spaces ignored) is a valid ISO 11649 reference. */
export function isRfReference(reference: string): boolean {
  const r = reference.replaceAll(" ", "").toUpperCase();
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(r)) return false;
  return rfCheckDigits(r.slice(4)) === r.slice(2, 4);
}

/** A new reference with a random 12-character body (no 0/O or 1/I to misread). */
export function newRfReference(): string {
  let body = "";
  for (let i = 0; i < 12; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `RF${rfCheckDigits(body)}${body}`;
}
