/** The one entry point: validate a price model and price a quantity with it. */
import { invalid } from "../errors.js";
import type { PriceModel, Rating } from "./model.js";
import { ratePackage, validatePackage } from "./package.js";
import { ratePerUnit, validatePerUnit } from "./per-unit.js";
import { rateTiered, validateTiered } from "./tiered.js";
import { rateVolume, validateVolume } from "./volume.js";

function unknownModel(model: never): never {
  const name = (model as { model?: unknown } | null)?.model;
  throw invalid("unknown_price_model", "unknown price model", {
    field: "price_model",
    value: String(name),
  });
}

/**
 * Throws the typed error a catalog entry with this model would get: `tiers_required`,
 * `invalid_tiers`, `package_size_required` (unprocessable); `negative_price`,
 * `invalid_decimal`, `unknown_price_model` (invalid).
 */
export function validateModel(model: PriceModel): void {
  switch (model?.model) {
    case "per_unit":
      validatePerUnit(model);
      break;
    case "tiered":
      validateTiered(model);
      break;
    case "volume":
      validateVolume(model);
      break;
    case "package":
      validatePackage(model);
      break;
    default:
      unknownModel(model);
  }
}

/** The exact price of `quantity` (a non-negative decimal string) under `model`. */
export function rate(model: PriceModel, quantity: string): Rating {
  switch (model?.model) {
    case "per_unit":
      return ratePerUnit(model, quantity);
    case "tiered":
      return rateTiered(model, quantity);
    case "volume":
      return rateVolume(model, quantity);
    case "package":
      return ratePackage(model, quantity);
    default:
      return unknownModel(model);
  }
}
