import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new high-entropy secret: `<prefix>_` + 32 random bytes in base64url. */
export function generateSecret(prefix: "ak" | "cs" | "at" | "sst" | "hpt"): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

/**
 * SHA-256 of a secret, hex. Secrets are 256-bit random strings, so a fast hash is enough:
 * there is nothing to brute-force, and lookup by hash stays one index probe.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What listings show of a key: enough to recognise it, too little to use it. */
export const displayPrefix = (secret: string) => secret.slice(0, 10);
