import { describe, expect, it } from "vitest";
import { DECOY_HASH, hashPassword, verifyPassword } from "./passwords.js";

describe("passwords", () => {
  it("verifies the password it hashed and nothing else", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts: the same password hashes differently twice", async () => {
    expect(await hashPassword("same password here")).not.toBe(
      await hashPassword("same password here"),
    );
  });

  it("treats composed and decomposed Unicode alike", async () => {
    const stored = await hashPassword("Gr\u00fc\u00dfe aus K\u00f6ln");
    expect(await verifyPassword("Gru\u0308\u00dfe aus Ko\u0308ln", stored)).toBe(true);
  });

  it("matches nothing against the decoy or a malformed hash", async () => {
    expect(await verifyPassword("", DECOY_HASH)).toBe(false);
    expect(await verifyPassword("x", "plain")).toBe(false);
    expect(await verifyPassword("x", "scrypt$1$2$3")).toBe(false);
  });
});
