/** Free quota: the part of a quantity that is billed once the included units are used up. */
import { max, minus, quantityOf, toPlain, ZERO } from "./scaled.js";

/**
 * max(0, quantity − freeQuota), exactly; the quantity itself when there is no quota (null).
 * Both are non-negative decimals (`negative_quantity`).
 */
export function billableQuantity(quantity: string, freeQuota: string | null): string {
  const q = quantityOf(quantity);
  if (freeQuota === null) return toPlain(q);
  return toPlain(max(ZERO, minus(q, quantityOf(freeQuota, "free_quota"))));
}
