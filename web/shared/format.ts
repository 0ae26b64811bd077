/** Display helpers. Amounts arrive as decimal strings and are shown as they are, never as floats. */

/**
 * "1234.50" EUR → "1,234.50 EUR": digits grouped, the string's own digits kept exactly (the
 * API writes amounts with their currency's decimals already).
 */
export function formatMoney(amount: string, currency: string): string {
  const negative = amount.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? amount.slice(1) : amount).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "−" : ""}${grouped}${fraction ? `.${fraction}` : ""} ${currency}`;
}

/** An ISO instant or date as a short UTC date, e.g. 2026-03-01. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  return value.slice(0, 10);
}

/** An ISO instant as date and time in UTC, e.g. 2026-03-01 14:05 UTC. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "—";
  return `${value.slice(0, 10)} ${value.slice(11, 16)} UTC`;
}

export function formatPeriod(p: { unit: string; count: number }): string {
  return p.count === 1 ? p.unit : `${p.count} ${p.unit}s`;
}

/** Decimal strings as numbers for drawing only (chart heights), never for arithmetic shown. */
export const forDrawing = (amount: string): number => Number.parseFloat(amount) || 0;

/** Exact sum of decimal strings ("1.5" + "2.25" = "3.75"), for quantities shown in tables. */
export function addDecimals(values: readonly string[]): string {
  let scale = 0;
  for (const v of values) scale = Math.max(scale, (v.split(".")[1] ?? "").length);
  let total = 0n;
  for (const v of values) {
    const negative = v.startsWith("-");
    const [w = "0", f = ""] = (negative ? v.slice(1) : v).split(".");
    const units = BigInt(w + f.padEnd(scale, "0"));
    total += negative ? -units : units;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}
