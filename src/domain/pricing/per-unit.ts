/** per_unit: quantity × unit price. */
import type { PerUnitModel, Rating } from "./model.js";
import { priceOf, quantityOf, times, toPlain } from "./scaled.js";

/** Checks the unit price: a non-negative plain decimal. */
export function validatePerUnit(model: PerUnitModel): void {
  priceOf(model.unitPrice, "price_per_unit");
}

/** 12 units at 2.50 = 30 (one part; no parts for a zero quantity). */
export function ratePerUnit(model: PerUnitModel, quantity: string): Rating {
  const price = priceOf(model.unitPrice, "price_per_unit");
  const q = quantityOf(quantity);
  if (q.units === 0n) return { total: "0", parts: [] };
  const total = toPlain(times(q, price));
  return { total, parts: [{ quantity: toPlain(q), unitPrice: toPlain(price), total }] };
}
