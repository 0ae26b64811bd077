/**
 * What the provider adapters built on a provider's client share: checking a credential that
 * points the client at a local stand-in of the provider's API, a deadline on every call
 * (a client that sets none would wait for ever on a provider that does not answer), and the
 * description of a charge as a person reads it.
 */
import { AccrueError, unprocessable } from "../errors.js";
import type { PaymentGateway } from "./gateway.js";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** `invalid_gateway_credentials` naming the credential. */
export const badCredential = (name: string, message: string) =>
  unprocessable("invalid_gateway_credentials", message, { field: `credentials.${name}` });

/**
 * Refuses credential names a provider does not take (`names`), so a typo is not kept silently.
 */
export function onlyCredentials(
  credentials: Readonly<Record<string, string>>,
  names: readonly string[],
  provider: string,
): void {
  for (const name of Object.keys(credentials)) {
    if (!names.includes(name)) {
      throw badCredential(name, `a ${provider} account takes ${names.join(", ")}`);
    }
  }
}

/**
 * An `api_base` credential: the origin of a local stand-in of a provider's API (a loopback
 * address, no path), taken only with a test-mode key, so a live key never leaves for another
 * host than the provider's. `protocols`: the schemes the provider's client can speak.
 */
export function checkApiBase(
  value: string | undefined,
  testMode: boolean,
  protocols: readonly string[],
  testKeyName: string,
): URL | null {
  if (value === undefined) return null;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (
    url === null ||
    !protocols.includes(url.protocol) ||
    !LOOPBACK.has(url.hostname) ||
    (url.pathname !== "/" && url.pathname !== "") ||
    url.search !== "" ||
    url.username !== ""
  ) {
    throw badCredential(
      "api_base",
      `api_base is the ${protocols.map((p) => p.replace(":", "")).join(" or ")} origin of a loopback address`,
    );
  }
  if (!testMode) {
    throw badCredential("api_base", `api_base is taken only with a ${testKeyName}`);
  }
  return url;
}

/** How long a call to a provider may take before its outcome counts as unknown. */
export const PROVIDER_TIMEOUT_MS = 30_000;

/** Thrown when a provider's client did not answer in time. */
export class ProviderTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = "ProviderTimeout";
  }
}

/** `promise`, or {@link ProviderTimeout} once `ms` have passed without its answer. */
export async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderTimeout(ms)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** `gateway_unreachable` (503): the provider gave no answer to rely on; nothing was recorded. */
export function unreachableError(provider: string, gateway: string, detail: string): AccrueError {
  return new AccrueError(
    "unavailable",
    "gateway_unreachable",
    `${provider} gave no answer to rely on (${detail}); nothing was recorded, retry`,
    { gateway },
  );
}

/** A positive amount in minor units as the number a provider's JSON takes. */
export function minorUnitsNumber(amount: bigint, provider: string): number {
  if (amount <= 0n || amount > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`not an amount ${provider} takes: ${amount}`);
  }
  return Number(amount);
}

/** The longest description Mollie keeps (its absolute maximum for a payment's description). */
export const MAX_CHARGE_DESCRIPTION = 255;

/** The longest part of a description the seller's name takes: invoice numbers need room. */
const MAX_MERCHANT = 100;

/** `text` cut to at most `max` characters (code points: no half of a character is left). */
export const clip = (text: string, max: number): string => {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
};

const length = (text: string) => [...text].length;

/**
 * What a charge is for, as a person reads it: the seller (the business entity, else the
 * tenant) and the numbers of the invoices it pays — "Acme GmbH, invoice INV-0001",
 * "Acme GmbH, invoices INV-0001, INV-0002", the numbers that do not fit counted
 * ("… and 3 more") — at most `max` characters (Mollie's limit by default). Without invoices
 * (a payment on account, a hold) the seller alone.
 */
export function chargeDescription(
  input: { merchant: string; invoiceNumbers: readonly string[] },
  max = MAX_CHARGE_DESCRIPTION,
): string {
  const merchant = clip(input.merchant.trim().replace(/\s+/g, " "), Math.min(MAX_MERCHANT, max));
  const numbers = input.invoiceNumbers;
  if (numbers.length === 0) return merchant;
  const label = numbers.length === 1 ? "invoice" : "invoices";
  const shown: string[] = [];
  for (const [i, number] of numbers.entries()) {
    const left = numbers.length - i - 1;
    const more = left > 0 ? ` and ${left} more` : "";
    const candidate = `${merchant}, ${label} ${[...shown, number].join(", ")}${more}`;
    if (length(candidate) > max) break;
    shown.push(number);
  }
  if (shown.length === 0) return clip(`${merchant}, ${label} ${numbers.join(", ")}`, max);
  const left = numbers.length - shown.length;
  return `${merchant}, ${label} ${shown.join(", ")}${left > 0 ? ` and ${left} more` : ""}`;
}

/**
 * A provider's client library, loaded on first use rather than when the server starts
 * (Stripe's, GoCardless's and Mollie's clients, with what they load, were about a sixth of
 * the CPU time of a server's start): `load()` loads it, once; `get()` answers it once loaded.
 */
export function lazyLibrary<L>(
  provider: string,
  importer: () => Promise<L>,
): { load(): Promise<L>; get(): L } {
  let loading: Promise<L> | undefined;
  let loaded: L | undefined;
  return {
    load: () => {
      loading ??= importer().then(
        (library) => {
          loaded = library;
          return library;
        },
        (error: unknown) => {
          // a later call tries again
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
    get: () => {
      if (loaded === undefined) {
        throw new Error(`${provider}'s client library is used before it is loaded`);
      }
      return loaded;
    },
  };
}

/**
 * `adapter` with every method but canCopyCardTo (the one answered at once) loading `library`
 * first: an adapter is made without its provider's client library, which its first call loads.
 */
export function loadingFirst(
  library: { load(): Promise<unknown> },
  adapter: PaymentGateway,
): PaymentGateway {
  const wrapped: Record<string, unknown> = { ...adapter };
  for (const [name, method] of Object.entries(adapter)) {
    if (typeof method !== "function" || name === "canCopyCardTo") continue;
    wrapped[name] = async (...args: unknown[]) => {
      await library.load();
      return Reflect.apply(method, adapter, args);
    };
  }
  return wrapped as unknown as PaymentGateway;
}
