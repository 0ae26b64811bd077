/**
 * The console's and portal's way to the API. The console uses the typed SDK (the same client
 * integrators use: idempotency keys on POST, retries, typed errors); the portal calls its
 * own small API with the self-service token.
 */
import { type AccrueClient, createClient, isAccrueApiError } from "../../sdk/src/client.js";

const KEY = "accrue.console.key";

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function signIn(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

/**
 * A client with a key or session token; without one for the public sign-in call.
 * `onUnauthenticated` runs when the API no longer accepts the credential (a session that
 * expired or was ended, a revoked key).
 */
export function client(key: string, onUnauthenticated?: () => void): AccrueClient {
  return createClient({
    baseUrl: location.origin,
    ...(key ? { apiKey: key } : {}),
    retries: 1,
    fetch: async (request) => {
      const response = await fetch(request);
      if (response.status === 401 && onUnauthenticated) onUnauthenticated();
      return response;
    },
  });
}

/** Signs out: a console session's token is ended on the server too, not just forgotten. */
export async function endSession(key: string): Promise<void> {
  signOut();
  if (!key.startsWith("at_")) return;
  await client("")
    .POST("/v1/console_sessions/end", { body: { access_token: key } })
    .catch(() => undefined);
}

/** A message for people, with the machine code where the API gave one. */
export function describeError(error: unknown): string {
  if (isAccrueApiError(error)) return `${error.message} (${error.code})`;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function isStatus(error: unknown, status: number): boolean {
  return isAccrueApiError(error) && error.status === status;
}

/** A JSON call to the portal's API with the token of the page's URL. */
export async function portalCall<T>(
  token: string,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers["idempotency-key"] = crypto.randomUUID();
  const response = await fetch(`/portal/api${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = json?.error ?? { code: "unexpected_response", message: response.statusText };
    throw new PortalError(response.status, error.code, error.message);
  }
  return json as T;
}

export class PortalError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
