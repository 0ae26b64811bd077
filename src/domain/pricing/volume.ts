/**
 * volume: every unit at the price of the tier the whole quantity falls in. With tiers
 * 0 → 1.00 and 100 → 0.50, 100 units cost 100 × 1.00 = 100 and 101 units 101 × 0.50 = 50.50.
 */
import type { Rating, VolumeModel } from "./model.js";
import { cmp, quantityOf, times, toPlain } from "./scaled.js";
import { type ParsedTier, parseTiers } from "./tiers.js";

export function validateVolume(model: VolumeModel): void {
  parseTiers(model.tiers, "volume");
}

/** One part at the price of the quantity's tier; no parts for a zero quantity. */
export function rateVolume(model: VolumeModel, quantity: string): Rating {
  const tiers = parseTiers(model.tiers, "volume");
  const q = quantityOf(quantity);
  if (q.units === 0n) return { total: "0", parts: [] };
  // The last tier whose lower bound the quantity exceeds: q lies in (from, to].
  let tier: ParsedTier = tiers[0]!;
  for (const t of tiers) if (cmp(q, t.from) > 0) tier = t;
  const total = toPlain(times(q, tier.price));
  return {
    total,
    parts: [{ quantity: toPlain(q), unitPrice: toPlain(tier.price), total, tier: tier.index }],
  };
}
