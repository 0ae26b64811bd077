import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dec, errorOf, priceArb, quantityArb, same, tiersArb } from "./arbitraries.testing.js";
import type { Tier } from "./model.js";
import { ratePerUnit } from "./per-unit.js";
import { rateTiered, validateTiered } from "./tiered.js";

const tiered = (tiers: Tier[]) => ({ model: "tiered", tiers }) as const;
const T = (...pairs: [string, string][]): Tier[] => pairs.map(([from, price]) => ({ from, price }));

// The first 100 units at 1, units 100–1,000 at 0.50, every unit beyond 1,000 at 0.25.
const three = tiered(T(["0", "1"], ["100", "0.50"], ["1000", "0.25"]));

describe("tiered (graduated)", () => {
  it.each([
    // quantity, total, parts as [quantity, unit price, total, tier] — derived by hand
    ["0", "0", []],
    ["1", "1", [["1", "1", "1", 0]]],
    ["100", "100", [["100", "1", "100", 0]]], // the boundary belongs to the lower tier
    [
      "100.5",
      "100.25",
      [
        ["100", "1", "100", 0],
        ["0.5", "0.5", "0.25", 1],
      ],
    ], // 100 + 0.5 × 0.5
    [
      "150",
      "125",
      [
        ["100", "1", "100", 0],
        ["50", "0.5", "25", 1],
      ],
    ], // 100 + 50 × 0.5
    [
      "1000",
      "550",
      [
        ["100", "1", "100", 0],
        ["900", "0.5", "450", 1],
      ],
    ], // 100 + 900 × 0.5
    [
      "1001",
      "550.25", // 100 + 450 + 1 × 0.25
      [
        ["100", "1", "100", 0],
        ["900", "0.5", "450", 1],
        ["1", "0.25", "0.25", 2],
      ],
    ],
    [
      "2500.001",
      "925.00025", // 100 + 450 + 1500.001 × 0.25
      [
        ["100", "1", "100", 0],
        ["900", "0.5", "450", 1],
        ["1500.001", "0.25", "375.00025", 2],
      ],
    ],
  ] as [string, string, [string, string, string, number][]][])(
    "q = %s costs %s",
    (quantity, total, parts) => {
      const r = rateTiered(three, quantity);
      expect(r.total).toBe(total);
      expect(r.parts).toEqual(
        parts.map(([q, unitPrice, t, tier]) => ({ quantity: q, unitPrice, total: t, tier })),
      );
    },
  );

  it("prices the brief's example: 100 units at 1, every unit beyond at 0.5", () => {
    const m = tiered(T(["0", "1"], ["100", "0.5"]));
    expect(rateTiered(m, "100").total).toBe("100");
    expect(rateTiered(m, "101").total).toBe("100.5");
    expect(rateTiered(m, "300").total).toBe("200");
  });

  it("prices free first tiers at 0 but still lists them", () => {
    const m = tiered(T(["0", "0"], ["10", "2"]));
    expect(rateTiered(m, "12")).toEqual({
      total: "4",
      parts: [
        { quantity: "10", unitPrice: "0", total: "0", tier: 0 },
        { quantity: "2", unitPrice: "2", total: "4", tier: 1 },
      ],
    });
  });

  it("validates the model and the quantity", () => {
    expect(errorOf(() => rateTiered(three, "-0.5"))).toBe("invalid:negative_quantity");
    expect(errorOf(() => rateTiered(tiered([]), "1"))).toBe("unprocessable:tiers_required");
    expect(errorOf(() => validateTiered(tiered(T(["0", "1"], ["0", "1"]))))).toBe(
      "unprocessable:invalid_tiers",
    );
    expect(errorOf(() => validateTiered(three))).toBe("no error");
  });

  it("equals per_unit when there is one tier", () => {
    fc.assert(
      fc.property(priceArb, quantityArb, (price, q) => {
        const one = rateTiered(tiered(T(["0", price])), q);
        const flat = ratePerUnit({ model: "per_unit", unitPrice: price }, q);
        expect(one.total).toBe(flat.total);
        expect(one.parts.map(({ tier: _, ...p }) => p)).toEqual(flat.parts);
      }),
    );
  });

  it("parts add up: quantities to q, totals to the total, each part = quantity × price", () => {
    fc.assert(
      fc.property(tiersArb, quantityArb, (tiers, q) => {
        const r = rateTiered(tiered(tiers), q);
        const sumQ = r.parts.reduce((a, p) => a.plus(p.quantity), dec("0"));
        const sumT = r.parts.reduce((a, p) => a.plus(p.total), dec("0"));
        expect(same(sumQ.toFixed(), q)).toBe(true);
        expect(sumT.toFixed()).toBe(r.total);
        r.parts.forEach((p, i) => {
          expect(p.tier).toBe(i); // tiers in order, none skipped
          expect(dec(p.quantity).gt(0)).toBe(true);
          expect(p.total).toBe(dec(p.quantity).times(p.unitPrice).toFixed());
          expect(same(p.unitPrice, tiers[i]!.price)).toBe(true);
        });
      }),
    );
  });

  it("every part but the last fills its tier", () => {
    fc.assert(
      fc.property(tiersArb, quantityArb, (tiers, q) => {
        const r = rateTiered(tiered(tiers), q);
        r.parts.slice(0, -1).forEach((p, i) => {
          expect(
            same(
              p.quantity,
              dec(tiers[i + 1]!.from)
                .minus(tiers[i]!.from)
                .toFixed(),
            ),
          ).toBe(true);
        });
      }),
    );
  });

  it("is monotonic in the quantity", () => {
    fc.assert(
      fc.property(tiersArb, quantityArb, quantityArb, (tiers, a, b) => {
        const [lo, hi] = dec(a).lte(b) ? [a, b] : [b, a];
        const m = tiered(tiers);
        expect(dec(rateTiered(m, lo).total).lte(rateTiered(m, hi).total)).toBe(true);
      }),
    );
  });
});
