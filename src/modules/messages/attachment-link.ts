/**
 * A message whose PDF is larger than the attachment limit (ACCRUE_MAIL_ATTACHMENT_MAX_BYTES)
 * carries a signed, expiring link to it instead: an HS256 JWT naming the tenant and the
 * message, signed with the tenant's key for this purpose (invoicing's signing keys, as
 * document download links are), valid for MESSAGE_LINK_DAYS from when the message was
 * composed. Every attempt to send the message signs the same claims, so a copy sent again
 * after a crash carries the same link. Nothing is stored server-side.
 *
 * Verification pins the algorithm (HS256 only), the audience (a document download link is no
 * message link, nor the other way round) and the claims; the time check uses the `now` the
 * caller passes in (real time: mail runs on real time). Only an authentic token is reported
 * as expired: the signature is checked before the claims.
 */
import { errors, jwtVerify, SignJWT } from "jose";
import { forbidden, gone } from "../../domain/errors.js";
import type { MessageRow } from "./messages.repository.js";

const ALGORITHM = "HS256";
const AUDIENCE = "accrue:message-attachment";
const MIN_KEY_BYTES = 32;

/** The purpose the tenant's signing key for message links is stored under. */
export const MESSAGE_LINK_KEY = "message_attachment";
/** How long a message's link works, counted from when the message was composed. */
export const MESSAGE_LINK_DAYS = 30;
/** The path of the public route that answers a link, before the token. */
export const MESSAGE_LINK_PATH = "/v1/message_attachments/";

export type MessageLinkClaims = { tenantId: string; messageId: string };

function assertKey(key: Uint8Array): void {
  if (key.byteLength < MIN_KEY_BYTES) {
    throw new TypeError(`a message link key has at least ${MIN_KEY_BYTES} bytes`);
  }
}

/** When the link of a message composed at `createdAt` stops working. */
export const messageLinkExpiry = (createdAt: Date): Date =>
  new Date(createdAt.getTime() + MESSAGE_LINK_DAYS * 86_400_000);

export async function signMessageLink(
  key: Uint8Array,
  claims: MessageLinkClaims & { expiresAt: Date },
): Promise<string> {
  assertKey(key);
  const expiresAtMs = claims.expiresAt.getTime();
  if (!Number.isFinite(expiresAtMs)) throw new TypeError("expiresAt is not a valid date");
  if (claims.tenantId === "" || claims.messageId === "") {
    throw new TypeError("a message link names a tenant and a message");
  }
  return new SignJWT({ tid: claims.tenantId })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(claims.messageId)
    .setAudience(AUDIENCE)
    .setExpirationTime(Math.floor(expiresAtMs / 1000))
    .sign(key);
}

export const invalidMessageLink = () =>
  forbidden("message_link_invalid", "the download link is not valid");

/** The claims of an authentic, unexpired link; 403 `message_link_invalid`, 410 `message_link_expired`. */
export async function verifyMessageLink(
  key: Uint8Array,
  token: string,
  now: Date,
): Promise<MessageLinkClaims> {
  assertKey(key);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      audience: AUDIENCE,
      requiredClaims: ["exp", "sub", "tid"],
      currentDate: now,
    }));
  } catch (e) {
    if (e instanceof errors.JWTExpired) {
      throw gone("message_link_expired", "the download link has expired");
    }
    if (e instanceof errors.JOSEError) throw invalidMessageLink();
    throw e;
  }
  const { tid, sub } = payload;
  if (typeof tid !== "string" || tid === "" || typeof sub !== "string" || sub === "") {
    throw invalidMessageLink();
  }
  return { tenantId: tid, messageId: sub };
}

const LINK_TEXT: Record<string, (file: string, until: string) => string> = {
  en: (file, until) => `Your document ${file} is too large to attach. Download it until ${until}:`,
  de: (file, until) =>
    `Ihr Dokument ${file} ist zu groß für einen Anhang. Sie können es bis ${until} hier herunterladen:`,
  fr: (file, until) =>
    `Votre document ${file} est trop volumineux pour être joint. Téléchargez-le jusqu'au ${until} :`,
};

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/**
 * The message with a paragraph that links to its document instead of attaching it, in the
 * message's language, appended to the text and (before `</body>`, if any) to the HTML.
 */
export function withDownloadLink(
  message: MessageRow,
  link: { url: string; filename: string; expiresAt: Date },
): MessageRow {
  const language = message.language in LINK_TEXT ? message.language : "en";
  const until = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(
    link.expiresAt,
  );
  const sentence = LINK_TEXT[language]!(link.filename, until);
  const text = `${message.body_text.replace(/\s+$/, "")}\n\n${sentence}\n${link.url}\n`;
  const paragraph = `<p>${escapeHtml(sentence)}<br><a href="${escapeHtml(link.url)}">${escapeHtml(link.url)}</a></p>\n`;
  const html = message.body_html;
  const end = html.toLowerCase().lastIndexOf("</body>");
  return {
    ...message,
    body_text: text,
    body_html:
      end >= 0 ? `${html.slice(0, end)}${paragraph}${html.slice(end)}` : `${html}\n${paragraph}`,
  };
}
