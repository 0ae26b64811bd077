/**
 * Monthly recurring revenue: what the contracts' recurring fees come to per month. A fee per
 * fee period is brought to one month (a year is 12 months, a week 7/(365/12) of a month, a
 * day 1/(365/12)), summed exactly and rounded once to the currency's minor unit.
 */
import { Dec, roundToMinor } from "../money/index.js";

export type FeeUnit = "day" | "week" | "month" | "year";

/** Recurring fees of one kind: fee × quantity summed over contracts, per fee period. */
export type FeeSum = { unit: FeeUnit; count: number; amount: string };

/** Months in one `unit`: exact for months and years, per a 365-day year for days and weeks. */
function monthsPer(unit: FeeUnit): Dec {
  switch (unit) {
    case "month":
      return new Dec(1);
    case "year":
      return new Dec(12);
    case "week":
      return new Dec(7 * 12).div(365);
    case "day":
      return new Dec(12).div(365);
  }
}

/** The monthly amount of fees summed per fee period, in minor units of `currency`. */
export function monthlyRecurring(currency: string, sums: readonly FeeSum[]): bigint {
  let total = new Dec(0);
  for (const s of sums) {
    if (s.count <= 0) throw new Error(`fee period count must be positive, got ${s.count}`);
    total = total.add(new Dec(s.amount).div(monthsPer(s.unit).mul(s.count)));
  }
  return roundToMinor(total, currency);
}
