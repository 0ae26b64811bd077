/**
 * Chargebee's advance invoice schedule parameters, read once for the calls that take them
 * (charge future renewals, edit advance invoice schedule).
 */
import { missing, notSupported, type Reader } from "./wire.js";

export type FixedIntervals = {
  occurrences: number | undefined;
  /** `fixed_interval_schedule[terms_to_charge]`, where the call takes it. */
  terms: number | undefined;
  endOn: "after_number_of_intervals" | "subscription_end" | undefined;
};

/** `fixed_interval_schedule[…]`: undefined when the call names none. */
export function fixedIntervals(p: Reader, withTerms: boolean): FixedIntervals | undefined {
  const fixed = p.object("fixed_interval_schedule");
  if (!fixed) return undefined;
  const occurrences = fixed.int("number_of_occurrences", 1, 1000);
  const terms = withTerms ? fixed.int("terms_to_charge", 1, 120) : undefined;
  // advance invoices are made on the renewal date itself
  fixed.int("days_before_renewal", 0, 0);
  const endOn = fixed.oneOf("end_schedule_on", [
    "after_number_of_intervals",
    "specific_date",
    "subscription_end",
  ]);
  if (endOn === "specific_date") {
    throw notSupported(
      "fixed_interval_schedule[end_schedule_on]",
      "specific_date is not supported",
    );
  }
  fixed.rejectUnread();
  return { occurrences, terms, endOn };
}

/** `specific_dates_schedule[date][i]` and `[terms_to_charge][i]` → the native dates. */
export function specificDates(p: Reader): Array<{ date: string; terms_to_charge: number }> {
  return p.rows("specific_dates_schedule", 100).map((row, i) => {
    const date = row.timestamp("date");
    if (!date) throw missing(`specific_dates_schedule[date][${i}]`);
    const n = row.int("terms_to_charge", 1, 120);
    row.rejectUnread();
    return { date, terms_to_charge: n ?? 1 };
  });
}
