import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dec, errorOf, priceArb, quantityArb, same, tiersArb } from "./arbitraries.testing.js";
import type { Tier } from "./model.js";
import { ratePerUnit } from "./per-unit.js";
import { rateVolume, validateVolume } from "./volume.js";

const volume = (tiers: Tier[]) => ({ model: "volume", tiers }) as const;
const T = (...pairs: [string, string][]): Tier[] => pairs.map(([from, price]) => ({ from, price }));

// Up to 100 units at 1 each, up to 1,000 at 0.50 each, beyond that at 0.25 each.
const three = volume(T(["0", "1"], ["100", "0.50"], ["1000", "0.25"]));

describe("volume", () => {
  it.each([
    // quantity, unit price, tier, total — derived by hand
    ["1", "1", 0, "1"],
    ["99.5", "1", 0, "99.5"],
    ["100", "1", 0, "100"], // the boundary belongs to the lower tier
    ["100.5", "0.5", 1, "50.25"], // every unit at 0.50
    ["101", "0.5", 1, "50.5"],
    ["1000", "0.5", 1, "500"],
    ["1000.00000001", "0.25", 2, "250.0000000025"],
    ["4000", "0.25", 2, "1000"],
  ] as [string, string, number, string][])(
    "q = %s: every unit at %s (tier %i), %s",
    (q, price, tier, total) => {
      expect(rateVolume(three, q)).toEqual({
        total,
        parts: [{ quantity: q, unitPrice: price, total, tier }],
      });
    },
  );

  it("prices the brief's example: q = 100 at 1, q = 100.5 at 0.5", () => {
    const m = volume(T(["0", "1"], ["100", "0.5"]));
    expect(rateVolume(m, "100").total).toBe("100");
    expect(rateVolume(m, "100.5").total).toBe("50.25");
  });

  it("has no parts for a zero quantity", () => {
    expect(rateVolume(three, "0")).toEqual({ total: "0", parts: [] });
  });

  it("validates the model and the quantity", () => {
    expect(errorOf(() => rateVolume(three, "-1"))).toBe("invalid:negative_quantity");
    expect(errorOf(() => rateVolume(volume([]), "1"))).toBe("unprocessable:tiers_required");
    expect(errorOf(() => validateVolume(volume(T(["5", "1"]))))).toBe(
      "unprocessable:invalid_tiers",
    );
    expect(errorOf(() => validateVolume(volume(T(["0", "-2"]))))).toBe("invalid:negative_price");
    expect(errorOf(() => validateVolume(three))).toBe("no error");
  });

  it("is never negative, and prices every unit at the tier the quantity falls in", () => {
    fc.assert(
      fc.property(tiersArb, quantityArb, (tiers, q) => {
        const r = rateVolume(volume(tiers), q);
        expect(dec(r.total).gte(0)).toBe(true);
        if (dec(q).isZero()) {
          expect(r.parts).toEqual([]);
          return;
        }
        expect(r.parts).toHaveLength(1);
        const [part] = r.parts;
        const i = part!.tier!;
        expect(dec(q).gt(tiers[i]!.from) || i === 0).toBe(true);
        if (tiers[i + 1]) expect(dec(q).lte(tiers[i + 1]!.from)).toBe(true);
        expect(same(part!.unitPrice, tiers[i]!.price)).toBe(true);
        expect(r.total).toBe(dec(q).times(tiers[i]!.price).toFixed());
      }),
    );
  });

  it("equals per_unit when there is one tier", () => {
    fc.assert(
      fc.property(priceArb, quantityArb, (price, q) => {
        expect(rateVolume(volume(T(["0", price])), q).total).toBe(
          ratePerUnit({ model: "per_unit", unitPrice: price }, q).total,
        );
      }),
    );
  });
});
