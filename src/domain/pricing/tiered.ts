/**
 * tiered (graduated): each tier's units at that tier's price. With tiers 0 → 1.00 and
 * 100 → 0.50, 150 units cost 100 × 1.00 + 50 × 0.50 = 125.
 */
import type { Rating, RatingPart, TieredModel } from "./model.js";
import { cmp, min, minus, plus, quantityOf, times, toPlain, ZERO } from "./scaled.js";
import { parseTiers } from "./tiers.js";

export function validateTiered(model: TieredModel): void {
  parseTiers(model.tiers, "tiered");
}

/** One part per tier the quantity reaches into, in tier order. */
export function rateTiered(model: TieredModel, quantity: string): Rating {
  const tiers = parseTiers(model.tiers, "tiered");
  const q = quantityOf(quantity);
  const parts: RatingPart[] = [];
  let total = ZERO;
  for (const tier of tiers) {
    if (cmp(q, tier.from) <= 0) break;
    const units = minus(tier.to === null ? q : min(q, tier.to), tier.from);
    const amount = times(units, tier.price);
    total = plus(total, amount);
    parts.push({
      quantity: toPlain(units),
      unitPrice: toPlain(tier.price),
      total: toPlain(amount),
      tier: tier.index,
    });
  }
  return { total: toPlain(total), parts };
}
