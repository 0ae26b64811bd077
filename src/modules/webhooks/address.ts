/**
 * Where webhooks may go. An endpoint URL is http or https with a host and no credentials;
 * at delivery time its host is resolved and EVERY resolved address must be public, unless
 * the operator allows private destinations (ACCRUE_WEBHOOK_ALLOW_PRIVATE=true). A private,
 * loopback, link-local, multicast or reserved address is refused before any connection, as
 * is a `localhost` name. An endpoint is held to the same rule when it is created or changed,
 * its host name resolved then too (a name that does not resolve is refused).
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { invalid } from "../../domain/errors.js";

export const MAX_URL_LENGTH = 2048;

/** Validates an endpoint URL and returns it in canonical form (WHATWG URL serialisation). */
export function validateEndpointUrl(raw: string, field = "url"): string {
  const refuse = (message: string) =>
    invalid("invalid_webhook_url", `${field} ${message}`, { field, value: raw });
  if (raw.length > MAX_URL_LENGTH) throw refuse(`is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse("is not an absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw refuse("must start with https:// or http://");
  }
  if (url.username !== "" || url.password !== "") {
    throw refuse("must not contain credentials (user:password@)");
  }
  if (url.hostname === "") throw refuse("has no host");
  if (url.hash !== "") throw refuse("must not contain a fragment (#…)");
  return url.toString();
}

/** Address ranges a webhook is never sent to unless private destinations are allowed. */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata services live here)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  BLOCKED.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const) {
  BLOCKED.addSubnet(net, prefix, "ipv6");
}

/** Parses an IPv6 address into 8 groups; null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  if (isIP(address) !== 6) return null;
  let text = address.toLowerCase();
  // a trailing dotted quad (::ffff:1.2.3.4) becomes two groups
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill("0");
  return [...h, ...fill, ...t].map((g) => Number.parseInt(g, 16));
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIpv4(groups: number[]): string | null {
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated)
  if (zeros(0, 5) && (groups[5] === 0xffff || groups[5] === 0)) {
    return v4(groups[6]!, groups[7]!);
  }
  // 64:ff9b::/96 (NAT64)
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4(groups[6]!, groups[7]!);
  // 2002::/16 (6to4) carries the IPv4 address in groups 1 and 2
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!);
  return null;
}

/**
 * Why an address may not receive webhooks ("loopback", "private", …), or null when it is a
 * public unicast address. Anything that is not an IP address is refused too.
 */
export function addressRefusal(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return BLOCKED.check(bare, "ipv4") ? describeV4(bare) : null;
  if (family === 6) {
    const groups = ipv6Groups(bare)!;
    if (groups.slice(0, 7).every((g) => g === 0)) return describeV6(groups); // :: and ::1
    const inner = embeddedIpv4(groups);
    if (inner !== null) return addressRefusal(inner);
    return BLOCKED.check(bare, "ipv6") ? describeV6(groups) : null;
  }
  return "not an IP address";
}

function describeV6(groups: number[]): string {
  if (groups.slice(0, 7).every((g) => g === 0)) return groups[7] === 1 ? "loopback" : "reserved";
  if ((groups[0]! & 0xfe00) === 0xfc00) return "private";
  if ((groups[0]! & 0xffc0) === 0xfe80) return "link-local";
  return "reserved";
}

function describeV4(address: string): string {
  const [a, b] = address.split(".").map(Number) as [number, number];
  if (a === 127) return "loopback";
  if (a === 169 && b === 254) return "link-local";
  if (a === 10 || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168)) return "private";
  if (a === 100 && b >= 64 && b < 128) return "private";
  return "reserved";
}

/** A URL's host without the brackets of an IPv6 literal. */
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/**
 * Whether a host name is `localhost` or under `.localhost` (RFC 6761: loopback by
 * definition, whatever a resolver answers), with or without the root's trailing dot.
 */
export function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.+$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}

/** How long a host name may take to resolve when an endpoint is made or changed. */
export const ENDPOINT_RESOLVE_TIMEOUT_MS = 2_000;

/** Why a destination is refused: an address that is not public, or a name that does not resolve. */
export type DestinationRefusal =
  | { kind: "address_not_allowed"; host: string; address: string; reason: string }
  | { kind: "dns_failed"; host: string; reason: string };

export type Resolver = (hostname: string) => Promise<string[]>;

/** Every address the system resolver gives for a host name. */
export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** `resolve`, given up (an error with code "ETIMEOUT") after `timeoutMs`. */
function resolveWithin(resolve: Resolver, host: string, timeoutMs: number): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(Object.assign(new Error(`${host} did not resolve in time`), { code: "ETIMEOUT" })),
      timeoutMs,
    );
  });
  return Promise.race([resolve(host), timedOut]).finally(() => clearTimeout(timer));
}

/**
 * The one rule of where webhooks go, for a URL's host: a `localhost` name is loopback; an IP
 * address must be public; any other name is resolved and EVERY address it resolves to must
 * be public, and a name that does not resolve is refused. The addresses checked come back
 * with the verdict.
 */
async function judgeHost(
  host: string,
  options: { resolve: Resolver; timeoutMs?: number | undefined },
): Promise<{ refusal: DestinationRefusal | null; addresses: string[] }> {
  if (isLocalhostName(host)) {
    return {
      refusal: { kind: "address_not_allowed", host, address: host, reason: "loopback" },
      addresses: [],
    };
  }
  let addresses: string[];
  if (isIP(host) !== 0) {
    addresses = [host];
  } else {
    try {
      addresses =
        options.timeoutMs === undefined
          ? await options.resolve(host)
          : await resolveWithin(options.resolve, host, options.timeoutMs);
    } catch (error) {
      const code = (error as { code?: string }).code ?? "unknown error";
      return { refusal: { kind: "dns_failed", host, reason: code }, addresses: [] };
    }
    if (addresses.length === 0) {
      return { refusal: { kind: "dns_failed", host, reason: "no address" }, addresses };
    }
  }
  for (const address of addresses) {
    const reason = addressRefusal(address);
    if (reason)
      return { refusal: { kind: "address_not_allowed", host, address, reason }, addresses };
  }
  return { refusal: null, addresses };
}

/**
 * Why an endpoint URL may not receive webhooks — the rule `checkDestination` applies at
 * delivery, applied when the endpoint is created or changed: its host resolved within
 * `timeoutMs` (default ENDPOINT_RESOLVE_TIMEOUT_MS) — or null when it may. Always null when
 * private destinations are allowed (nothing is resolved then, as at delivery).
 */
export async function endpointUrlRefusal(
  url: string,
  options: { allowPrivate: boolean; resolve: Resolver; timeoutMs?: number | undefined },
): Promise<DestinationRefusal | null> {
  if (options.allowPrivate) return null;
  const { refusal } = await judgeHost(hostOf(new URL(url)), {
    resolve: options.resolve,
    timeoutMs: options.timeoutMs ?? ENDPOINT_RESOLVE_TIMEOUT_MS,
  });
  return refusal;
}

export type DestinationCheck =
  | { ok: true; addresses: string[] }
  | { ok: false; error: string; addresses: string[] };

/**
 * Resolves the URL's host and checks every address. With `allowPrivate` nothing is refused
 * (and nothing resolved: fetch resolves by itself).
 */
export async function checkDestination(
  url: URL,
  options: { allowPrivate: boolean; resolve: Resolver },
): Promise<DestinationCheck> {
  if (options.allowPrivate) return { ok: true, addresses: [] };
  const { refusal, addresses } = await judgeHost(hostOf(url), options);
  if (refusal === null) return { ok: true, addresses };
  if (refusal.kind === "dns_failed") {
    return {
      ok: false,
      error:
        refusal.reason === "no address"
          ? `dns_failed: ${refusal.host} has no address`
          : `dns_failed: cannot resolve ${refusal.host} (${refusal.reason})`,
      addresses,
    };
  }
  const what = isLocalhostName(refusal.host)
    ? `${refusal.host} is a ${refusal.reason} name`
    : `${refusal.host} resolves to ${refusal.address} (${refusal.reason})`;
  return {
    ok: false,
    error: `address_not_allowed: ${what}; set ACCRUE_WEBHOOK_ALLOW_PRIVATE=true to allow private destinations`,
    addresses,
  };
}
