import { describe, expect, it } from "vitest";
import {
  configureSealingKey,
  SealError,
  seal,
  sealedKeyId,
  sealingKey,
  unseal,
  unsealWithKnownKeys,
} from "./secrets.js";

const KEY = sealingKey("a".repeat(32));
const CONTEXT = "ten_1:gwa_1";
const PLAIN = JSON.stringify({ api_key: "sk_live_0123456789" });

/** Flips one bit of the base64url part `index` (1: key id … 4: tag) of a sealed value. */
function flip(sealed: string, index: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[index]!, "base64url");
  bytes[0] = bytes[0]! ^ 1;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("sealed secrets", () => {
  it("open to what was sealed, and never show it", () => {
    const sealed = seal(KEY, PLAIN, CONTEXT);
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("sk_live");
    expect(unseal(KEY, sealed, CONTEXT)).toBe(PLAIN);
    expect(unseal(KEY, seal(KEY, "", CONTEXT), CONTEXT)).toBe("");
  });

  it("differ each time (a fresh IV), and the key id is stable per secret", () => {
    expect(seal(KEY, PLAIN, CONTEXT)).not.toBe(seal(KEY, PLAIN, CONTEXT));
    expect(sealingKey("a".repeat(32)).id).toBe(KEY.id);
    expect(sealingKey("b".repeat(32)).id).not.toBe(KEY.id);
  });

  it("refuse a changed IV, ciphertext or tag", () => {
    const sealed = seal(KEY, PLAIN, CONTEXT);
    for (const part of [2, 3, 4]) {
      expect(() => unseal(KEY, flip(sealed, part), CONTEXT)).toThrow(SealError);
    }
  });

  it("refuse a value moved onto another record (the context is authenticated)", () => {
    const sealed = seal(KEY, PLAIN, CONTEXT);
    expect(() => unseal(KEY, sealed, "ten_1:gwa_2")).toThrow(/changed or belongs/);
  });

  it("refuse another key, and what is not a sealed value", () => {
    const other = sealingKey("b".repeat(32));
    expect(() => unseal(other, seal(KEY, PLAIN, CONTEXT), CONTEXT)).toThrow(/another key/);
    // the same key id but another key (a forged id) still fails authentication
    expect(() =>
      unseal({ id: KEY.id, key: other.key }, seal(KEY, PLAIN, CONTEXT), CONTEXT),
    ).toThrow(SealError);
    expect(() => unseal(KEY, PLAIN, CONTEXT)).toThrow(/not a sealed value/);
    expect(() => unseal(KEY, "v1.x.y.z", CONTEXT)).toThrow(SealError);
  });
});

describe("rotating the key", () => {
  const OLD = "o".repeat(32);
  const NEW = "n".repeat(32);

  it("opens values sealed under the current key or an earlier one, by the id they carry", () => {
    const underOld = seal(sealingKey(OLD), PLAIN, CONTEXT);
    const underNew = seal(sealingKey(NEW), PLAIN, CONTEXT);
    expect(sealedKeyId(underOld)).toBe(sealingKey(OLD).id);
    expect(sealedKeyId(PLAIN)).toBeNull();
    try {
      configureSealingKey(NEW, [OLD]);
      expect(unsealWithKnownKeys(underOld, CONTEXT)).toBe(PLAIN);
      expect(unsealWithKnownKeys(underNew, CONTEXT)).toBe(PLAIN);
      // an earlier key still authenticates the record the value belongs to
      expect(() => unsealWithKnownKeys(underOld, "ten_1:gwa_2")).toThrow(/changed or belongs/);
      configureSealingKey(NEW);
      expect(() => unsealWithKnownKeys(underOld, CONTEXT)).toThrow(
        new RegExp(`key ${sealingKey(OLD).id}, which is neither`),
      );
      expect(unsealWithKnownKeys(underNew, CONTEXT)).toBe(PLAIN);
      configureSealingKey(undefined);
      expect(() => unsealWithKnownKeys(underNew, CONTEXT)).toThrow(SealError);
    } finally {
      configureSealingKey(undefined);
    }
  });
});
