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
  contact: "ctc",
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
  paymentSource: "pms",
  paymentSourceSetup: "pss",
  gatewayAccount: "gwa",
  gatewayEvent: "gev",
  promotionalCredit: "pce",
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
  message: "msg",
  webhookAttempt: "wha",
  action: "act",
  distributor: "dst",
  installedItem: "itm",
  entity: "ent",
  transfer: "bet",
  partner: "prt",
  verificationCode: "vcd",
  role: "rol",
  consoleUser: "usr",
  job: "job",
  fulfilmentOrder: "ful",
  fulfilmentOrderLine: "fol",
  quote: "qte",
  hostedPage: "hpg",
  gift: "gft",
  einvoice: "ein",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;
export type IdPrefix = (typeof ID_PREFIXES)[IdKind];

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const BODY = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

export type IdSource = { nowMs: () => number; randomBytes: (n: number) => Uint8Array };

function encode(ms: number, random: Uint8Array): string {
  let out = "";
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32]! + out;
    t = Math.floor(t / 32);
  }
  // 80 random bits → 16 characters of 5 bits, as two halves of 40 bits (exact in a double)
  return out + encode40(random, 0) + encode40(random, 5);
}

function encode40(bytes: Uint8Array, offset: number): string {
  let v = 0;
  for (let i = 0; i < 5; i++) v = v * 256 + bytes[offset + i]!;
  let out = "";
  for (let i = 0; i < 8; i++) {
    out = ALPHABET[v % 32]! + out;
    v = Math.floor(v / 32);
  }
  return out;
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

/**
 * The smallest id of `kind` a generator makes at `ms` (milliseconds since the epoch): every id
 * made at `ms` or later sorts at or after it, every id made before sorts before it.
 */
export function idFloor(kind: IdKind, ms: number): string {
  return `${ID_PREFIXES[kind]}_${encode(Math.max(0, Math.floor(ms)), new Uint8Array(10))}`;
}

/** Milliseconds since the epoch encoded in an id. */
export function idTimestamp(id: string): number {
  const body = id.slice(id.indexOf("_") + 1, id.indexOf("_") + 11);
  let ms = 0;
  for (const c of body) ms = ms * 32 + ALPHABET.indexOf(c);
  return ms;
}
