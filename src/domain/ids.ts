/**
 * Prefixed, time-sortable identifiers: `cus_01J9Z3…`. The body is 26 Crockford base32
 * characters: 48 bits of milliseconds then 80 random bits, like a ULID. Within one
 * millisecond the random part is incremented, so ids made by one process sort in creation
 * order. Time and randomness are passed in, so this module performs no I/O itself.
 */
import { invalid } from "./errors.js";

/** The one prefix table. Add a prefix here before using it. */
export const ID_PREFIXES = {
  tenant: "ten",
  apiKey: "key",
  oauthClient: "cli",
  audit: "aud",
  event: "evt",
  request: "req",
  customer: "cus",
  contract: "con",
  componentSubscription: "csu",
  ratedItem: "rit",
  order: "ord",
  invoice: "inv",
  creditNote: "crn",
  invoiceLine: "inl",
  taxPolicy: "txp",
  billingRun: "brn",
  payment: "pay",
  usage: "use",
  plan: "pln",
  planVariant: "plv",
  planGroup: "plg",
  component: "cmp",
  discount: "dsc",
  coupon: "cpn",
  discountSubscription: "dsu",
  webhookEndpoint: "whe",
  webhookDelivery: "whd",
  webhookAttempt: "wha",
  action: "act",
  entity: "ent",
  partner: "prt",
  role: "rol",
  job: "job",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;
export type IdPrefix = (typeof ID_PREFIXES)[IdKind];

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const BODY = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

export type IdSource = { nowMs: () => number; randomBytes: (n: number) => Uint8Array };

function encode(ms: number, random: Uint8Array): string {
  let out = "";
  let t = ms;
  const time: string[] = [];
  for (let i = 0; i < 10; i++) {
    time.unshift(ALPHABET[t % 32]!);
    t = Math.floor(t / 32);
  }
  out += time.join("");
  // 80 random bits → 16 characters of 5 bits
  let bits = 0n;
  for (const b of random) bits = (bits << 8n) | BigInt(b);
  const rnd: string[] = [];
  for (let i = 0; i < 16; i++) {
    rnd.unshift(ALPHABET[Number(bits & 31n)]!);
    bits >>= 5n;
  }
  return out + rnd.join("");
}

/** Makes a generator of ids; monotonic within one generator. */
export function createIdGenerator(source: IdSource) {
  let lastMs = -1;
  let lastRandom: Uint8Array = new Uint8Array(10);
  return function newId(kind: IdKind): string {
    let ms = source.nowMs();
    if (ms <= lastMs) {
      ms = lastMs;
      // increment the 80-bit random part so ids stay strictly increasing
      const next = Uint8Array.from(lastRandom);
      let carry = true;
      for (let i = next.length - 1; i >= 0 && carry; i--) {
        next[i] = (next[i]! + 1) & 0xff;
        carry = next[i] === 0;
      }
      // all 80 bits wrapped: borrow the next millisecond so the order still holds
      if (carry) lastMs = ms = lastMs + 1;
      lastRandom = next;
    } else {
      lastMs = ms;
      lastRandom = source.randomBytes(10);
    }
    return `${ID_PREFIXES[kind]}_${encode(ms, lastRandom)}`;
  };
}

/** True when `id` is well formed for `kind`. */
export function isId(kind: IdKind, id: string): boolean {
  const prefix = `${ID_PREFIXES[kind]}_`;
  return id.startsWith(prefix) && BODY.test(id.slice(prefix.length));
}

export function assertId(kind: IdKind, id: string, field = "id"): string {
  if (!isId(kind, id)) {
    throw invalid("invalid_id", `${field} is not a valid ${kind} id`, { field, value: id });
  }
  return id;
}

/** Milliseconds since the epoch encoded in an id. */
export function idTimestamp(id: string): number {
  const body = id.slice(id.indexOf("_") + 1, id.indexOf("_") + 11);
  let ms = 0;
  for (const c of body) ms = ms * 32 + ALPHABET.indexOf(c);
  return ms;
}
