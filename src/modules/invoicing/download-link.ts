/**
 * Signed, expiring links to an invoice or credit note PDF (src/lib/signed-link.ts): a token
 * naming the tenant and the document, for the download audience. Whoever holds the link may
 * download that one document until it expires; nothing is stored server-side. The time check
 * uses the `now` the caller passes in (the tenant's clock).
 */
import { unauthenticated } from "../../domain/errors.js";
import { newLinkKey, signLinkToken, verifyLinkToken } from "../../lib/signed-link.js";

const LINK = {
  audience: "accrue:document-download",
  what: "download link",
  expired: () => unauthenticated("download_link_expired", "the download link has expired"),
  invalid: () => unauthenticated("invalid_download_link", "the download link is invalid"),
};

export type DownloadLinkClaims = { tenantId: string; documentId: string };

/** A new signing key: 32 random bytes. */
export const newSigningKey = newLinkKey;

export function signDownloadToken(
  key: Uint8Array,
  claims: DownloadLinkClaims & { expiresAt: Date },
): Promise<string> {
  return signLinkToken(key, LINK, {
    tenantId: claims.tenantId,
    subject: claims.documentId,
    expiresAt: claims.expiresAt,
  });
}

export async function verifyDownloadToken(
  key: Uint8Array,
  token: string,
  now: Date,
): Promise<DownloadLinkClaims> {
  const { tenantId, subject } = await verifyLinkToken(key, LINK, token, now);
  return { tenantId, documentId: subject };
}
