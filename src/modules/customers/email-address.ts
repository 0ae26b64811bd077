/**
 * Whether an e-mail address can be sent to: the addresses customers and their contacts are
 * mailed at are checked when saved, so a message is never composed for an address an SMTP
 * server cannot take. The rule (docs/customers.md):
 *
 * - at most 254 characters in all, the local part (before the @) at most 64 bytes (RFC 5321
 *   §4.5.3.1: a path is at most 256 octets with its angle brackets);
 * - exactly one @; no spaces and no control characters anywhere;
 * - the local part a dot-atom (RFC 5322 §3.2.3): letters, digits and ! # $ % & ' * + / = ? ^ _
 *   ` { | } ~ - (and any non-ASCII letter, RFC 6531), dots only between them; quoted local
 *   parts are not accepted;
 * - the domain a host name of labels of 1 to 63 letters, digits or hyphens (or non-ASCII
 *   letters), none starting or ending with a hyphen, with at least one dot (`localhost`
 *   alone excepted) and a top-level label that is not only digits; address literals
 *   (`[192.0.2.1]`) are not accepted.
 */
import { unprocessable } from "../../domain/errors.js";

export const EMAIL_MAX_LENGTH = 254;
export const EMAIL_LOCAL_PART_MAX_BYTES = 64;

export type EmailProblem =
  | "too_long"
  | "whitespace_or_control"
  | "at_sign"
  | "local_part_length"
  | "local_part_invalid"
  | "domain_invalid"
  | "domain_without_dot";

const EXPLAIN: Record<EmailProblem, string> = {
  too_long: `is longer than ${EMAIL_MAX_LENGTH} characters`,
  whitespace_or_control: "contains a space or a control character",
  at_sign: "must contain exactly one @",
  local_part_length: `must have 1 to ${EMAIL_LOCAL_PART_MAX_BYTES} bytes before the @`,
  local_part_invalid:
    "has a character before the @ that is not allowed there, or a dot at its start, at its end or twice in a row",
  domain_invalid: "has a domain that is not a valid host name",
  domain_without_dot: "has a domain without a dot (only localhost may have none)",
};

// any Unicode space, and the control characters (C0, DEL, C1)
const SPACE_OR_CONTROL = /[\s\p{Cc}]/u;
const ATEXT = /^(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|\P{ASCII})+$/u;
const LABEL =
  /^(?:[A-Za-z0-9]|\P{ASCII})(?:(?:[A-Za-z0-9-]|\P{ASCII}){0,61}(?:[A-Za-z0-9]|\P{ASCII}))?$/u;

/** What keeps `address` from being sent to, or null when it can be. */
export function emailProblem(address: string): EmailProblem | null {
  if (address.length > EMAIL_MAX_LENGTH) return "too_long";
  if (SPACE_OR_CONTROL.test(address)) return "whitespace_or_control";
  const at = address.indexOf("@");
  if (at < 0 || address.indexOf("@", at + 1) >= 0) return "at_sign";
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const localBytes = Buffer.byteLength(local, "utf8");
  if (localBytes === 0 || localBytes > EMAIL_LOCAL_PART_MAX_BYTES) return "local_part_length";
  if (!local.split(".").every((atom) => ATEXT.test(atom))) return "local_part_invalid";
  if (domain.length === 0 || domain.length > 253) return "domain_invalid";
  const labels = domain.split(".");
  if (!labels.every((label) => LABEL.test(label))) return "domain_invalid";
  if (labels.length === 1) {
    return domain.toLowerCase() === "localhost" ? null : "domain_without_dot";
  }
  if (/^[0-9]+$/.test(labels.at(-1)!)) return "domain_invalid";
  return null;
}

/** `address` when it can be sent to, else 422 `email_invalid` naming `field` and the rule. */
export function assertEmail(address: string, field: string): string {
  const problem = emailProblem(address);
  if (problem) {
    throw unprocessable("email_invalid", `${field} ${EXPLAIN[problem]}`, {
      field,
      reason: problem,
    });
  }
  return address;
}
