import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";

/** A new high-entropy secret: `<prefix>_` + 32 random bytes in base64url. */
export function generateSecret(prefix: "ak" | "cs" | "at" | "sst" | "hpt" | "cut"): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

/**
 * SHA-256 of a secret, hex. Secrets are 256-bit random strings, so a fast hash is enough:
 * there is nothing to brute-force, and lookup by hash stays one index probe.
 */
export function hashSecret(secret: string): string {
  // the one-shot form: a request hashes its credential, and a Hash object cost more than it
  return hash("sha256", secret, "hex");
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What listings show of a key: enough to recognise it, too little to use it. */
export const displayPrefix = (secret: string) => secret.slice(0, 10);

// ---- secrets kept at rest ---------------------------------------------------------------------

/**
 * An AES-256-GCM key derived from the operator's ACCRUE_SECRET_KEY (HKDF-SHA-256), and a short
 * id of it that sealed values carry, so a value sealed under another key is recognised as such
 * rather than failing as if tampered with. The id is a hash of the derived key: it reveals
 * nothing of it.
 */
export type SealingKey = { readonly id: string; readonly key: Buffer };

const SEALED_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function sealingKey(secret: string): SealingKey {
  const key = Buffer.from(
    hkdfSync("sha256", secret, "accrue", "accrue sealed secrets v1", 32) as ArrayBuffer,
  );
  return { id: createHash("sha256").update(key).digest("hex").slice(0, 8), key };
}

/** Why a sealed value could not be opened. */
export class SealError extends Error {
  override readonly name = "SealError";
  constructor(
    message: string,
    /** Set when the value was sealed under a key this process does not hold: its id. */
    readonly unknownKeyId: string | null = null,
  ) {
    super(message);
  }
}

/**
 * Encrypts `plaintext` with AES-256-GCM under a fresh random 96-bit IV, bound to `context`
 * (additional authenticated data: the record the value belongs to, so a sealed value copied
 * onto another record does not open). `v1.<key id>.<iv>.<ciphertext>.<tag>`, base64url parts.
 */
export function seal(key: SealingKey, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, body, cipher.getAuthTag()].map((b) => b.toString("base64url"));
  return [SEALED_VERSION, key.id, ...parts].join(".");
}

/** Decrypts what {@link seal} made under the same key and context; any change is refused. */
export function unseal(key: SealingKey, sealed: string, context: string): string {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== SEALED_VERSION) {
    throw new SealError("not a sealed value");
  }
  const [, keyId, ivText, bodyText, tagText] = parts as [string, string, string, string, string];
  if (keyId !== key.id) throw new SealError(`sealed under another key (${keyId})`);
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealError("malformed");
  const decipher = createDecipheriv("aes-256-gcm", key.key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(Buffer.from(bodyText, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new SealError("the sealed value was changed or belongs to another record");
  }
}

/** This process's sealing key; `configureSealingKey` sets it at start-up from the config. */
let processKey: SealingKey | undefined;
/** Earlier keys (ACCRUE_SECRET_KEY_PREVIOUS): values sealed under them still open. */
let previousKeys: readonly SealingKey[] = [];

export function configureSealingKey(
  secret: string | undefined,
  previous: readonly string[] = [],
): void {
  processKey = secret === undefined ? undefined : sealingKey(secret);
  previousKeys = previous.map(sealingKey);
}

/** The key secrets are sealed with, or undefined when the operator configured none. */
export const currentSealingKey = (): SealingKey | undefined => processKey;

/** The id of the key a sealed value was sealed under (null: not a sealed value). */
export function sealedKeyId(sealed: string): string | null {
  const parts = sealed.split(".");
  return parts.length === 5 && parts[0] === SEALED_VERSION ? (parts[1] ?? null) : null;
}

/**
 * Opens a sealed value with whichever of this process's keys (the current one, then the
 * earlier ones) it was sealed under; a SealError naming the key id when it holds none.
 */
export function unsealWithKnownKeys(sealed: string, context: string): string {
  const id = sealedKeyId(sealed);
  const key = [processKey, ...previousKeys].find((k) => k !== undefined && k.id === id);
  if (!key) {
    if (id === null) throw new SealError("not a sealed value");
    throw new SealError(
      `sealed under key ${id}, which is neither ACCRUE_SECRET_KEY nor one of ACCRUE_SECRET_KEY_PREVIOUS`,
      id,
    );
  }
  return unseal(key, sealed, context);
}
