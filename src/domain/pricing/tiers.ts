/**
 * Tier tables shared by the tiered (graduated) and volume models. Tier i covers the quantities
 * above `from_i` up to and including `from_{i+1}`; the last tier has no upper bound.
 */
import { unprocessable } from "../errors.js";
import { exact } from "../money/decimal.js";
import type { Tier } from "./model.js";
import { cmp, priceOf, type Scaled } from "./scaled.js";

export type ParsedTier = {
  readonly index: number;
  readonly from: Scaled;
  /** Exclusive of `from`, inclusive of `to`; null for the last tier. */
  readonly to: Scaled | null;
  readonly price: Scaled;
};

/**
 * Checks a tier table — at least one tier (`tiers_required`), the first from "0" and strictly
 * increasing boundaries (`invalid_tiers`), non-negative decimal prices (`negative_price`,
 * `invalid_decimal`) — and returns it with each tier's range.
 */
export function parseTiers(tiers: readonly Tier[], model: string): ParsedTier[] {
  if (!Array.isArray(tiers)) {
    throw unprocessable("invalid_tiers", `price model ${model} needs a list of tiers`, {
      field: "tiers",
    });
  }
  if (tiers.length === 0) {
    throw unprocessable("tiers_required", `price model ${model} needs tiers`, { field: "tiers" });
  }
  const froms = tiers.map((tier, i) => {
    const from = exact(tier.from, `tiers.${i}.from`);
    if (i === 0 && from.units !== 0n) {
      throw unprocessable("invalid_tiers", "the first tier starts at 0", { field: "tiers.0.from" });
    }
    return from;
  });
  froms.forEach((from, i) => {
    if (i > 0 && cmp(from, froms[i - 1]!) <= 0) {
      throw unprocessable("invalid_tiers", "tier boundaries must strictly increase", {
        field: `tiers.${i}.from`,
      });
    }
  });
  return tiers.map((tier, i) => ({
    index: i,
    from: froms[i]!,
    to: froms[i + 1] ?? null,
    price: priceOf(tier.price, `tiers.${i}.price`),
  }));
}
