/** Summaries of repeated measurements: each case runs several times, reported min/median/max. */

export const fmt = (n: number) => Math.round(n).toLocaleString("en");

export type Spread = { min: number; median: number; max: number; runs: number[] };

export function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { min: s[0] ?? 0, median, max: s[s.length - 1] ?? 0, runs: xs };
}

/** "median (min–max)" with a formatter for the numbers. */
export function show(s: Spread, f: (n: number) => string = fmt): string {
  return s.runs.length > 1 ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : f(s.median);
}
