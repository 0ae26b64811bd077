/**
 * Signed, expiring link tokens: an HS256 JWT naming a tenant and one subject (a document, a
 * message), for one audience (what the link is for), valid until `expiresAt`. Nothing is
 * stored server-side.
 *
 * Verification pins the algorithm (HS256 only, so `alg: none` and algorithm confusion fail),
 * the audience (a token signed with the same key for another purpose is refused) and the
 * claims every link must carry. The time check uses the `now` the caller passes in, never the
 * system time. Only an authentic token can be reported as expired: the signature is checked
 * before the claims. Callers choose the errors a refused link answers.
 */
import { randomBytes } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";

const ALGORITHM = "HS256";
/** RFC 7518 §3.2: an HS256 key has at least as many bits as the hash output. */
export const MIN_LINK_KEY_BYTES = 32;

export type LinkClaims = { tenantId: string; subject: string };

/** A new signing key: 32 random bytes. */
export function newLinkKey(): Uint8Array {
  return new Uint8Array(randomBytes(MIN_LINK_KEY_BYTES));
}

function assertKey(key: Uint8Array, what: string): void {
  if (key.byteLength < MIN_LINK_KEY_BYTES) {
    throw new TypeError(`a ${what} key has at least ${MIN_LINK_KEY_BYTES} bytes`);
  }
}

/** A link token for `audience`; `what` names the link in programming errors. */
export async function signLinkToken(
  key: Uint8Array,
  link: { audience: string; what: string },
  claims: LinkClaims & { expiresAt: Date },
): Promise<string> {
  assertKey(key, link.what);
  const expiresAtMs = claims.expiresAt.getTime();
  if (!Number.isFinite(expiresAtMs)) throw new TypeError("expiresAt is not a valid date");
  if (claims.tenantId === "" || claims.subject === "") {
    throw new TypeError(`a ${link.what} names a tenant and a subject`);
  }
  return new SignJWT({ tid: claims.tenantId })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(claims.subject)
    .setAudience(link.audience)
    .setExpirationTime(Math.floor(expiresAtMs / 1000))
    .sign(key);
}

/**
 * The claims of an authentic, unexpired token for `audience`; else the error `expired()`
 * (authentic, but past its time) or `invalid()` (anything else) makes.
 */
export async function verifyLinkToken(
  key: Uint8Array,
  link: { audience: string; what: string; expired: () => Error; invalid: () => Error },
  token: string,
  now: Date,
): Promise<LinkClaims> {
  assertKey(key, link.what);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      audience: link.audience,
      requiredClaims: ["exp", "sub", "tid"],
      currentDate: now,
    }));
  } catch (e) {
    if (e instanceof errors.JWTExpired) throw link.expired();
    if (e instanceof errors.JOSEError) throw link.invalid();
    throw e;
  }
  const { tid, sub } = payload;
  if (typeof tid !== "string" || tid === "" || typeof sub !== "string" || sub === "") {
    throw link.invalid();
  }
  return { tenantId: tid, subject: sub };
}
