/**
 * Price models: how a quantity of a component becomes a decimal total. Prices and quantities
 * are plain decimal strings ("29.90", "0.5"); a rating is exact and never rounded — the money
 * kernel rounds it once, when it becomes a line amount (`proratedAmount`).
 */

/**
 * One tier: `price` per unit for the quantities above `from` up to and including the next
 * tier's `from` (the last tier is open-ended). The first tier's `from` is "0"; boundaries
 * strictly increase.
 */
export type Tier = { readonly from: string; readonly price: string };

export type PriceModel =
  | { readonly model: "per_unit"; readonly unitPrice: string }
  | { readonly model: "tiered"; readonly tiers: readonly Tier[] }
  | { readonly model: "volume"; readonly tiers: readonly Tier[] }
  | { readonly model: "package"; readonly packagePrice: string; readonly packageSize: string };

export type PerUnitModel = Extract<PriceModel, { model: "per_unit" }>;
export type TieredModel = Extract<PriceModel, { model: "tiered" }>;
export type VolumeModel = Extract<PriceModel, { model: "volume" }>;
export type PackageModel = Extract<PriceModel, { model: "package" }>;

/**
 * One priced piece of a rating: `total` = `quantity` × `unitPrice`, exactly. `tier` is the
 * index of the tier the piece was priced at (tiered and volume models). For the package model
 * the quantity is the number of started packages and the unit price the package price.
 */
export type RatingPart = {
  readonly quantity: string;
  readonly unitPrice: string;
  readonly total: string;
  readonly tier?: number;
};

/**
 * The exact result of pricing a quantity: `total` is the sum of the parts' totals. All decimal
 * strings are canonical (no trailing fraction zeros, no "-0"). A zero quantity has no parts.
 */
export type Rating = { readonly total: string; readonly parts: readonly RatingPart[] };
