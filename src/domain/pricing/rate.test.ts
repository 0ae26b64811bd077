import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dec, errorOf, priceArb, quantityArb, tiersArb } from "./arbitraries.testing.js";
import type { PriceModel } from "./model.js";
import { ratePackage } from "./package.js";
import { ratePerUnit } from "./per-unit.js";
import { rate, validateModel } from "./rate.js";
import { rateTiered } from "./tiered.js";
import { rateVolume } from "./volume.js";

const tiers = [
  { from: "0", price: "1" },
  { from: "100", price: "0.5" },
];

const modelArb: fc.Arbitrary<PriceModel> = fc.oneof(
  priceArb.map((unitPrice) => ({ model: "per_unit", unitPrice }) as const),
  tiersArb.map((t) => ({ model: "tiered", tiers: t }) as const),
  tiersArb.map((t) => ({ model: "volume", tiers: t }) as const),
  fc
    .tuple(priceArb, fc.integer({ min: 1, max: 1000 }))
    .map(
      ([packagePrice, size]) =>
        ({ model: "package", packagePrice, packageSize: `${size}` }) as const,
    ),
);

describe("rate — one entry point for every model", () => {
  it("dispatches on the model", () => {
    expect(rate({ model: "per_unit", unitPrice: "2" }, "150").total).toBe("300");
    expect(rate({ model: "tiered", tiers }, "150").total).toBe("125"); // 100 × 1 + 50 × 0.5
    expect(rate({ model: "volume", tiers }, "150").total).toBe("75"); // 150 × 0.5
    expect(rate({ model: "package", packagePrice: "10", packageSize: "100" }, "150").total).toBe(
      "20", // 2 started packages
    );
  });

  it("agrees with the model's own function", () => {
    fc.assert(
      fc.property(modelArb, quantityArb, (model, q) => {
        const own =
          model.model === "per_unit"
            ? ratePerUnit(model, q)
            : model.model === "tiered"
              ? rateTiered(model, q)
              : model.model === "volume"
                ? rateVolume(model, q)
                : ratePackage(model, q);
        expect(rate(model, q)).toEqual(own);
      }),
    );
  });

  it("every model: total ≥ 0, parts sum to the total, each part = quantity × price, 0 → 0", () => {
    fc.assert(
      fc.property(modelArb, quantityArb, (model, q) => {
        const r = rate(model, q);
        expect(dec(r.total).gte(0)).toBe(true);
        expect(r.parts.reduce((a, p) => a.plus(p.total), dec("0")).toFixed()).toBe(r.total);
        for (const p of r.parts) {
          expect(p.total).toBe(dec(p.quantity).times(p.unitPrice).toFixed());
        }
        if (dec(q).isZero()) expect(r).toEqual({ total: "0", parts: [] });
      }),
    );
  });

  it("refuses a negative quantity for every model", () => {
    fc.assert(
      fc.property(modelArb, (model) => {
        expect(errorOf(() => rate(model, "-0.00000001"))).toBe("invalid:negative_quantity");
      }),
    );
  });

  it("validateModel accepts every valid model and raises the catalog's errors", () => {
    fc.assert(
      fc.property(modelArb, (model) => {
        expect(errorOf(() => validateModel(model))).toBe("no error");
      }),
    );
    expect(errorOf(() => validateModel({ model: "tiered", tiers: [] }))).toBe(
      "unprocessable:tiers_required",
    );
    expect(
      errorOf(() => validateModel({ model: "volume", tiers: [{ from: "1", price: "1" }] })),
    ).toBe("unprocessable:invalid_tiers");
    expect(
      errorOf(() => validateModel({ model: "package", packagePrice: "1", packageSize: "0" })),
    ).toBe("unprocessable:package_size_required");
    expect(errorOf(() => validateModel({ model: "per_unit", unitPrice: "-1" }))).toBe(
      "invalid:negative_price",
    );
  });

  it("refuses an unknown model", () => {
    const flat = { model: "flat", amount: "10" } as unknown as PriceModel;
    expect(errorOf(() => validateModel(flat))).toBe("invalid:unknown_price_model");
    expect(errorOf(() => rate(flat, "1"))).toBe("invalid:unknown_price_model");
    expect(errorOf(() => rate(null as unknown as PriceModel, "1"))).toBe(
      "invalid:unknown_price_model",
    );
  });
});
