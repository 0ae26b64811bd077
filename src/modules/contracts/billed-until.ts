/**
 * The rule that keeps an imported contract's history with the system it came from: a change
 * dated before the contract's `billed_until` (the other system billed that time) is refused,
 * so Accrue never bills or credits a period it did not bill. Billing clips those days too
 * (src/domain/invoicing/charges.ts), whatever writes the history.
 */
import type { Temporal } from "temporal-polyfill";
import { unprocessable } from "../../domain/errors.js";
import type { ContractRow } from "./contracts.repository.js";

/** Refuses `at` before the imported contract's billed-until instant (`before_billed_until`). */
export function assertAfterBilledUntil(
  contract: Pick<ContractRow, "id" | "billed_until">,
  at: Temporal.Instant,
  field: string,
): void {
  const until = contract.billed_until;
  if (until === null || at.epochMilliseconds >= until.getTime()) return;
  throw unprocessable(
    "before_billed_until",
    `contract ${contract.id} was billed by the system it was imported from until ${until.toISOString()}; ${field} ${at} is before that`,
    { field, billed_until: until.toISOString() },
  );
}
