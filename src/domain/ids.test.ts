import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertId, createIdGenerator, ID_PREFIXES, idFloor, idTimestamp, isId } from "./ids.js";

const fixed = (ms: number, byte = 0) =>
  createIdGenerator({ nowMs: () => ms, randomBytes: (n) => new Uint8Array(n).fill(byte) });

describe("ids", () => {
  it("encode time and randomness as ULID does (a vector computed independently)", () => {
    const gen = createIdGenerator({
      nowMs: () => 1_767_225_600_123,
      randomBytes: (n) => Uint8Array.from({ length: n }, (_, i) => (i * 53 + 7) & 0xff),
    });
    expect(gen("customer")).toBe("cus_01KDVDNA3V0WY739PV212QNBZ4");
  });

  it("are prefixed, 26 Crockford characters, and carry their timestamp", () => {
    const id = fixed(1_700_000_000_000)("customer");
    expect(id).toMatch(/^cus_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(idTimestamp(id)).toBe(1_700_000_000_000);
    expect(isId("customer", id)).toBe(true);
    expect(isId("contract", id)).toBe(false);
  });

  it("sort in creation order, also within one millisecond", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 50 }),
        (steps) => {
          let ms = 1_700_000_000_000;
          const gen = createIdGenerator({
            nowMs: () => ms,
            randomBytes: (n) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + ms) & 0xff),
          });
          const ids = steps.map((s) => {
            ms += s;
            return gen("invoice");
          });
          expect([...ids].sort()).toEqual(ids);
          expect(new Set(ids).size).toBe(ids.length);
        },
      ),
    );
  });

  it("never go backwards when the wall clock does", () => {
    let ms = 2_000;
    const gen = createIdGenerator({ nowMs: () => ms, randomBytes: (n) => new Uint8Array(n) });
    const a = gen("order");
    ms = 1_000;
    const b = gen("order");
    expect(b > a).toBe(true);
  });

  it("the random part carries over when it overflows", () => {
    const gen = fixed(5, 0xff);
    const a = gen("event");
    const b = gen("event");
    expect(b > a).toBe(true);
  });

  it("have unique prefixes", () => {
    const prefixes = Object.values(ID_PREFIXES);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it("assertId names the field of a malformed id", () => {
    expect(() => assertId("customer", "cus_nope", "customer_id")).toThrow(/customer_id/);
  });
});

describe("idFloor", () => {
  it("sorts after every id made earlier and at or before every id made at its time or later", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: -5_000, max: 5_000 }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        (floorMs, offset, random) => {
          const at = Math.max(0, floorMs + offset);
          const id = createIdGenerator({ nowMs: () => at, randomBytes: () => random })("audit");
          const floor = idFloor("audit", floorMs);
          expect(isId("audit", floor)).toBe(true);
          expect(idTimestamp(floor)).toBe(floorMs);
          expect(id >= floor).toBe(at >= floorMs);
        },
      ),
    );
  });
});
