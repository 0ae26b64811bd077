/**
 * package (bucket): the package price for every started package of `packageSize` units. With
 * 10.00 per 100 units, 0 units cost 0, 1 to 100 units 10, 101 units 20.
 */
import { unprocessable } from "../errors.js";
import { exact } from "../money/decimal.js";
import type { PackageModel, Rating } from "./model.js";
import { ceilDiv, priceOf, quantityOf, type Scaled, times, toPlain } from "./scaled.js";

function packageSizeOf(model: PackageModel): Scaled {
  const size = model.packageSize === undefined ? null : exact(model.packageSize, "package_size");
  if (size === null || size.units <= 0n) {
    throw unprocessable("package_size_required", "package pricing needs a package_size above 0", {
      field: "package_size",
    });
  }
  return size;
}

export function validatePackage(model: PackageModel): void {
  packageSizeOf(model);
  priceOf(model.packagePrice, "price_per_unit");
}

/** One part: ⌈quantity / size⌉ packages at the package price; no parts for a zero quantity. */
export function ratePackage(model: PackageModel, quantity: string): Rating {
  const size = packageSizeOf(model);
  const price = priceOf(model.packagePrice, "price_per_unit");
  const q = quantityOf(quantity);
  if (q.units === 0n) return { total: "0", parts: [] };
  const packages: Scaled = { units: ceilDiv(q, size), scale: 0 };
  const total = toPlain(times(packages, price));
  return { total, parts: [{ quantity: toPlain(packages), unitPrice: toPlain(price), total }] };
}
