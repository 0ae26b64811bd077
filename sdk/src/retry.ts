/**
 * The transport under the typed client: every POST gets an `Idempotency-Key` (unless the
 * caller gave one), and answers that may succeed on a second try are retried with backoff.
 *
 * - `429` is always retried: a rate-limited request did nothing. `Retry-After` is honoured.
 * - `5xx` and network failures are retried when repeating the request is safe: GET, HEAD,
 *   OPTIONS, PUT and DELETE, and any request with an `Idempotency-Key` (so every POST). Accrue
 *   stores nothing for a request that failed, and answers a repeated key with the first
 *   answer, so a POST that did go through is never applied twice.
 * - Anything else (2xx, 3xx, other 4xx) is answered at once.
 */
import { parseRetryAfter } from "./errors.js";

export type Fetch = (request: Request) => Promise<Response>;

export type RetryOptions = {
  /** Retries after the first attempt (0: none). */
  retries: number;
  /** The first backoff; each further one doubles, up to `maxDelayMs`. */
  minDelayMs: number;
  /** The longest wait. A `Retry-After` longer than this is not waited for: the answer is returned. */
  maxDelayMs: number;
  /** Source of jitter in [0, 1). */
  random: () => number;
};

const REPEATABLE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** The backoff before retry number `attempt + 1`: exponential, half of it random. */
export function backoffDelay(attempt: number, options: RetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * options.random());
}

/** How long to wait before retrying after `response`, or null when it is not to be retried. */
function retryWait(
  response: Response,
  attempt: number,
  repeatable: boolean,
  options: RetryOptions,
): number | null {
  const retryable = response.status === 429 || (response.status >= 500 && repeatable);
  if (!retryable) return null;
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
  if (retryAfter === null) return backoffDelay(attempt, options);
  const ms = retryAfter * 1000;
  return ms > options.maxDelayMs ? null : Math.max(ms, 1);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export function retryingFetch(base: Fetch, options: RetryOptions): Fetch {
  return async (input) => {
    let request = input;
    if (request.method === "POST" && !request.headers.has("idempotency-key")) {
      const headers = new Headers(request.headers);
      headers.set("idempotency-key", newIdempotencyKey());
      request = new Request(request, { headers });
    }
    const repeatable =
      REPEATABLE_METHODS.has(request.method) || request.headers.has("idempotency-key");
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= options.retries;
      let response: Response;
      try {
        // every attempt sends a copy, so the body can be sent again
        response = await base(request.clone());
      } catch (error) {
        if (last || !repeatable || request.signal.aborted) throw error;
        await sleep(backoffDelay(attempt, options), request.signal);
        continue;
      }
      const wait = last ? null : retryWait(response, attempt, repeatable, options);
      if (wait === null) return response;
      await response.body?.cancel();
      await sleep(wait, request.signal);
    }
  };
}
