/**
 * A message whose PDF is larger than the attachment limit (ACCRUE_MAIL_ATTACHMENT_MAX_BYTES)
 * carries a signed, expiring link to it instead: an HS256 JWT naming the tenant and the
 * message, signed with the tenant's key for this purpose (invoicing's signing keys, as
 * document download links are), valid for MESSAGE_LINK_DAYS from when the message was
 * composed. Every attempt to send the message signs the same claims, so a copy sent again
 * after a crash carries the same link. Nothing is stored server-side.
 *
 * The token is src/lib/signed-link.ts's, for its own audience (a document download link is no
 * message link, nor the other way round); the time check uses the `now` the caller passes in
 * (real time: mail runs on real time).
 */
import { forbidden, gone } from "../../domain/errors.js";
import { signLinkToken, verifyLinkToken } from "../../lib/signed-link.js";
import type { MessageRow } from "./messages.repository.js";

/** The purpose the tenant's signing key for message links is stored under. */
export const MESSAGE_LINK_KEY = "message_attachment";
/** How long a message's link works, counted from when the message was composed. */
export const MESSAGE_LINK_DAYS = 30;
/** The path of the public route that answers a link, before the token. */
export const MESSAGE_LINK_PATH = "/v1/message_attachments/";

export type MessageLinkClaims = { tenantId: string; messageId: string };

const LINK = {
  audience: "accrue:message-attachment",
  what: "message link",
  expired: () => gone("message_link_expired", "the download link has expired"),
  invalid: () => invalidMessageLink(),
};

/** When the link of a message composed at `createdAt` stops working. */
export const messageLinkExpiry = (createdAt: Date): Date =>
  new Date(createdAt.getTime() + MESSAGE_LINK_DAYS * 86_400_000);

export function signMessageLink(
  key: Uint8Array,
  claims: MessageLinkClaims & { expiresAt: Date },
): Promise<string> {
  return signLinkToken(key, LINK, {
    tenantId: claims.tenantId,
    subject: claims.messageId,
    expiresAt: claims.expiresAt,
  });
}

export const invalidMessageLink = () =>
  forbidden("message_link_invalid", "the download link is not valid");

/** The claims of an authentic, unexpired link; 403 `message_link_invalid`, 410 `message_link_expired`. */
export async function verifyMessageLink(
  key: Uint8Array,
  token: string,
  now: Date,
): Promise<MessageLinkClaims> {
  const { tenantId, subject } = await verifyLinkToken(key, LINK, token, now);
  return { tenantId, messageId: subject };
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
