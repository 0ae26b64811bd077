/**
 * The way back into the portal from the pages a customer's browser returns to from their bank
 * or the payment provider (/portal/payment_return/<token>, /portal/payment_method_return/<token>).
 *
 * Those pages are reached through the provider, so their signed links name the payment or the
 * setup only, never the portal link (the provider would otherwise hold a credential to the
 * customer's portal). Instead, when the portal sends the customer away (confirming a payment,
 * adding a payment method on the provider's page), the answer sets a cookie holding the
 * portal link's token the browser used, scoped to the return page's path alone (HttpOnly,
 * SameSite=Lax so that it comes along on the provider's redirect back, Secure under an https
 * public URL). The return page offers the link back while it is still live; expired or
 * revoked, or in another browser, it says how to get a new one.
 */
import { PAYMENT_METHOD_RETURN_PATH, PAYMENT_RETURN_PATH } from "../workflows/portal-payments.js";

/** The cookie's name. */
export const PORTAL_RETURN_COOKIE = "accrue_portal";

/** How long the cookie is kept: as long as the return links work (24 hours). */
const MAX_AGE_SECONDS = 24 * 3600;

const TOKEN = /^sst_[A-Za-z0-9_-]{20,100}$/;

/** The return page a portal call sends the customer towards. */
export type ReturnPage = "payment" | "payment_method";

/**
 * The Set-Cookie header value that remembers the portal link of a request authorized with
 * `Bearer sst_…` for the return page; undefined for any other authorization.
 */
export function portalReturnCookie(
  authorization: string | undefined,
  page: ReturnPage,
  publicUrl: string,
): string | undefined {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (token === undefined || !TOKEN.test(token)) return undefined;
  const path = page === "payment" ? PAYMENT_RETURN_PATH : PAYMENT_METHOD_RETURN_PATH;
  const secure = publicUrl.startsWith("https:") ? "; Secure" : "";
  return `${PORTAL_RETURN_COOKIE}=${token}; Path=${path}; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
}

/** The portal link's token a return page's request carries in its cookie, if any. */
export function portalTokenOf(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    const token = value.join("=");
    if (name === PORTAL_RETURN_COOKIE && TOKEN.test(token)) return token;
  }
  return undefined;
}
