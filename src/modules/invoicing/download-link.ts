/**
 * Signed, expiring links to an invoice or credit note PDF: an HS256 JWT naming the tenant and
 * the document, valid until `expiresAt`. Whoever holds the link may download that one document
 * until it expires; nothing is stored server-side.
 *
 * Verification pins the algorithm (HS256 only, so `alg: none` and algorithm confusion fail),
 * the audience (a token signed with the same key for another purpose is no download link) and
 * the claims every link must carry. The time check uses the `now` the caller passes in (the
 * tenant's clock), never the system time. Only an authentic token can be reported as expired:
 * the signature is checked before the claims.
 */
import { randomBytes } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { unauthenticated } from "../../domain/errors.js";

const ALGORITHM = "HS256";
const AUDIENCE = "accrue:document-download";
/** RFC 7518 §3.2: an HS256 key has at least as many bits as the hash output. */
const MIN_KEY_BYTES = 32;

export type DownloadLinkClaims = { tenantId: string; documentId: string };

/** A new signing key: 32 random bytes. */
export function newSigningKey(): Uint8Array {
  return new Uint8Array(randomBytes(MIN_KEY_BYTES));
}

function assertKey(key: Uint8Array): void {
  if (key.byteLength < MIN_KEY_BYTES) {
    throw new TypeError(`a download link key has at least ${MIN_KEY_BYTES} bytes`);
  }
}

export async function signDownloadToken(
  key: Uint8Array,
  claims: DownloadLinkClaims & { expiresAt: Date },
): Promise<string> {
  assertKey(key);
  const expiresAtMs = claims.expiresAt.getTime();
  if (!Number.isFinite(expiresAtMs)) throw new TypeError("expiresAt is not a valid date");
  if (claims.tenantId === "" || claims.documentId === "") {
    throw new TypeError("a download link names a tenant and a document");
  }
  return new SignJWT({ tid: claims.tenantId })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(claims.documentId)
    .setAudience(AUDIENCE)
    .setExpirationTime(Math.floor(expiresAtMs / 1000))
    .sign(key);
}

const invalidLink = () => unauthenticated("invalid_download_link", "the download link is invalid");

export async function verifyDownloadToken(
  key: Uint8Array,
  token: string,
  now: Date,
): Promise<DownloadLinkClaims> {
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
      throw unauthenticated("download_link_expired", "the download link has expired");
    }
    if (e instanceof errors.JOSEError) throw invalidLink();
    throw e;
  }
  const { tid, sub } = payload;
  if (typeof tid !== "string" || tid === "" || typeof sub !== "string" || sub === "") {
    throw invalidLink();
  }
  return { tenantId: tid, documentId: sub };
}
