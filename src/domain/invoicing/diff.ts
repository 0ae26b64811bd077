/**
 * The diff between what should have been billed and what was: only the difference is
 * billed. A charge not billed yet is billed in full; a charge whose amount changed since
 * (a backdated change, a corrected quantity, late usage) is billed or credited by the
 * difference; a charge billed earlier that no longer exists is credited in full. Running the
 * diff again after billing its result yields nothing. A charge not yet due by `target` is left
 * alone, whether billed or not: it is settled once it falls due.
 */
import type { Temporal } from "temporal-polyfill";
import { type Money, money, toDecimalString } from "../money/index.js";
import { compareDates, type DateSpan } from "../time/index.js";
import type { ChargeKind, ExpectedItem } from "./charges.js";

/** An item already on a (non-void) invoice or credit note, with the engine's key. */
export type BilledItem = {
  readonly key: string;
  readonly kind: ChargeKind;
  readonly description: string;
  readonly period: DateSpan | null;
  readonly amount: Money;
};

export type NewItem = Omit<ExpectedItem, "due"> & {
  /** "charge": first billing; "correction": the difference to what was billed. */
  readonly reason: "charge" | "correction";
};

export function diffItems(
  expected: readonly ExpectedItem[],
  billed: readonly BilledItem[],
  currency: string,
  target: Temporal.PlainDate,
): NewItem[] {
  const billedByKey = new Map<string, { total: bigint; last: BilledItem }>();
  for (const b of billed) {
    const entry = billedByKey.get(b.key);
    billedByKey.set(b.key, { total: (entry?.total ?? 0n) + b.amount.amount, last: b });
  }
  const out: NewItem[] = [];
  const seen = new Set<string>();
  for (const e of expected) {
    if (seen.has(e.key)) throw new Error(`duplicate charge key ${e.key}`);
    seen.add(e.key);
    if (compareDates(e.due, target) > 0) continue;
    const already = billedByKey.get(e.key);
    const delta = e.amount.amount - (already?.total ?? 0n);
    if (delta === 0n) continue;
    const { due: _due, ...item } = e;
    if (!already) {
      out.push({ ...item, reason: "charge" });
      continue;
    }
    const amount = money(delta, currency);
    out.push({
      ...item,
      description: `${e.description} — correction of ${toDecimalString(money(already.total, currency))} billed`,
      quantity: "1",
      unitPrice: toDecimalString(amount),
      amount,
      reason: "correction",
    });
  }
  for (const [key, { total, last }] of billedByKey) {
    if (seen.has(key) || total === 0n) continue;
    const amount = money(-total, currency);
    out.push({
      key,
      kind: last.kind,
      description: `${last.description} — no longer due`,
      period: last.period,
      quantity: "1",
      unitPrice: toDecimalString(amount),
      amount,
      reason: "correction",
    });
  }
  return out;
}
