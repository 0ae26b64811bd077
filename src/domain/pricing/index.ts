export type {
  PackageModel,
  PerUnitModel,
  PriceModel,
  Rating,
  RatingPart,
  Tier,
  TieredModel,
  VolumeModel,
} from "./model.js";
export { ratePackage } from "./package.js";
export { ratePerUnit } from "./per-unit.js";
export { billableQuantity } from "./quota.js";
export { rate, validateModel } from "./rate.js";
export { rateTiered } from "./tiered.js";
export { rateVolume } from "./volume.js";
