import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dec, errorOf, tiersArb } from "./arbitraries.testing.js";
import type { Tier } from "./model.js";
import { toPlain } from "./scaled.js";
import { parseTiers } from "./tiers.js";

const T = (...pairs: [string, string][]): Tier[] => pairs.map(([from, price]) => ({ from, price }));

describe("tier tables", () => {
  it("gives each tier its range (from, to] and price", () => {
    const parsed = parseTiers(T(["0", "1"], ["100", "0.50"], ["1000.5", "0.25"]), "tiered");
    expect(
      parsed.map((t) => [t.index, toPlain(t.from), t.to && toPlain(t.to), toPlain(t.price)]),
    ).toEqual([
      [0, "0", "100", "1"],
      [1, "100", "1000.5", "0.5"],
      [2, "1000.5", null, "0.25"],
    ]);
  });

  it.each([
    ["no tiers", [], "unprocessable:tiers_required"],
    ["a first tier above 0", T(["1", "1"]), "unprocessable:invalid_tiers"],
    ["a first tier below 0", T(["-1", "1"]), "unprocessable:invalid_tiers"],
    [
      "a repeated boundary",
      T(["0", "1"], ["10", "1"], ["10.0", "1"]),
      "unprocessable:invalid_tiers",
    ],
    [
      "a decreasing boundary",
      T(["0", "1"], ["10", "1"], ["5", "1"]),
      "unprocessable:invalid_tiers",
    ],
    ["a negative later boundary", T(["0", "1"], ["-5", "1"]), "unprocessable:invalid_tiers"],
    ["a negative price", T(["0", "1"], ["10", "-0.01"]), "invalid:negative_price"],
    ["a malformed boundary", T(["0", "1"], ["1e3", "1"]), "invalid:invalid_decimal"],
    ["a malformed price", T(["0", "1,5"]), "invalid:invalid_decimal"],
  ])("refuses %s", (_, tiers, error) => {
    expect(errorOf(() => parseTiers(tiers, "tiered"))).toBe(error);
  });

  it("refuses a tiers value that is not a list", () => {
    const notAList = { from: "0", price: "1" } as unknown as Tier[];
    expect(errorOf(() => parseTiers(notAList, "volume"))).toBe("unprocessable:invalid_tiers");
  });

  it("names the offending field", () => {
    try {
      parseTiers(T(["0", "1"], ["10", "1"], ["10", "1"]), "volume");
      expect.unreachable();
    } catch (e) {
      expect((e as { details?: { field?: string } }).details?.field).toBe("tiers.2.from");
    }
  });

  it("ranges tile [0, ∞) without gaps or overlaps", () => {
    fc.assert(
      fc.property(tiersArb, (tiers) => {
        const parsed = parseTiers(tiers, "tiered");
        expect(parsed[0]!.from.units).toBe(0n);
        expect(parsed.at(-1)!.to).toBeNull();
        parsed.forEach((t, i) => {
          const next = parsed[i + 1];
          if (next) {
            expect(t.to).toEqual(next.from);
            expect(dec(toPlain(t.to!)).gt(toPlain(t.from))).toBe(true);
          }
        });
      }),
    );
  });
});
