/**
 * The tax calculator: which rate applies to a customer (or reverse charge), and the tax
 * breakdown of a document — tax computed ONCE per rate group on the group's exact sum, never
 * per line, so the breakdown is what an auditor recomputes from the printed net or gross.
 *
 * Rates are percentages as decimal strings ("19", "7.5"). Rounding is the money kernel's one
 * rule, half away from zero, so a credit note's breakdown is exactly the negated invoice's.
 */
import { invalid } from "../errors.js";
import { divRound, exact, pow10, type Scaled } from "../money/decimal.js";
import { add, type Money, money, subtract, zero } from "../money/index.js";
import { cmp, toPlain } from "../pricing/scaled.js";

export type TaxRate = {
  /** ISO 3166-1 alpha-2, upper case: "DE". */
  readonly country: string;
  /** Percent, a non-negative decimal string: "19". */
  readonly rate: string;
};

export type TaxPolicy = {
  readonly id: string;
  readonly name: string;
  readonly rates: readonly TaxRate[];
  /** Percent for a country the policy does not list. */
  readonly defaultRate: string;
};

export type TaxTreatmentInput = {
  readonly policy: TaxPolicy;
  /** Where the seller is established; null when not recorded. */
  readonly sellerCountry: string | null;
  readonly customerCountry: string | null;
  readonly customerVatId: string | null;
  readonly customerType: "consumer" | "business";
};

export type TaxTreatment = {
  /** Percent, canonical decimal string ("19", "7.5", "0"). */
  readonly rate: string;
  readonly reverseCharge: boolean;
};

export type TaxLine = { readonly amount: Money; readonly rate: string };

export type TaxRow = {
  /** Percent, canonical decimal string. */
  readonly rate: string;
  readonly net: Money;
  readonly tax: Money;
  readonly gross: Money;
};

export type TaxTotals = {
  /** One row per distinct rate, highest rate first. */
  readonly rows: readonly TaxRow[];
  readonly net: Money;
  readonly tax: Money;
  readonly gross: Money;
};

/** Whether line amounts are before tax ("net") or include it ("gross"). */
export type PriceBasis = "net" | "gross";

const COUNTRY = /^[A-Z]{2}$/;

function assertCountry(value: unknown, field: string): asserts value is string {
  if (typeof value !== "string" || !COUNTRY.test(value)) {
    throw invalid("invalid_country", `${field} must be an ISO 3166-1 alpha-2 code such as "DE"`, {
      field,
      value: typeof value === "string" ? value.slice(0, 16) : typeof value,
    });
  }
}

/** A percentage: a plain decimal string, not negative (`invalid_tax_rate`). */
function rateOf(input: string, field: string): Scaled {
  const r = exact(input, field);
  if (r.units < 0n) {
    throw invalid("invalid_tax_rate", `${field} must not be negative`, { field, value: input });
  }
  return r;
}

/**
 * Checks a policy: countries are ISO 3166-1 alpha-2 codes (`invalid_country`), listed at most
 * once (`duplicate_tax_country`); rates are non-negative decimals (`invalid_tax_rate`,
 * `invalid_decimal`).
 */
export function validateTaxPolicy(policy: TaxPolicy): void {
  rateOf(policy.defaultRate, "default_rate");
  const seen = new Set<string>();
  policy.rates.forEach((r, i) => {
    assertCountry(r.country, `rates.${i}.country`);
    rateOf(r.rate, `rates.${i}.rate`);
    if (seen.has(r.country)) {
      throw invalid("duplicate_tax_country", `${r.country} is listed twice`, {
        field: `rates.${i}.country`,
        value: r.country,
      });
    }
    seen.add(r.country);
  });
}

/**
 * The rate for one customer. Reverse charge (rate "0") when the customer has a VAT id and is
 * established in another country than the seller (both countries known). Otherwise the
 * policy's rate for the customer's country, else for the seller's country, else its default.
 * A VAT id of only blanks counts as none. `customerType` does not change the outcome.
 */
export function taxTreatment(input: TaxTreatmentInput): TaxTreatment {
  const { policy, sellerCountry, customerCountry, customerVatId } = input;
  validateTaxPolicy(policy);
  if (sellerCountry !== null) assertCountry(sellerCountry, "seller_country");
  if (customerCountry !== null) assertCountry(customerCountry, "customer_country");

  const hasVatId = customerVatId !== null && customerVatId.trim() !== "";
  if (
    hasVatId &&
    sellerCountry !== null &&
    customerCountry !== null &&
    customerCountry !== sellerCountry
  ) {
    return { rate: "0", reverseCharge: true };
  }
  const rateFor = (country: string | null) =>
    country === null ? undefined : policy.rates.find((r) => r.country === country)?.rate;
  const rate = rateFor(customerCountry) ?? rateFor(sellerCountry) ?? policy.defaultRate;
  return { rate: toPlain(exact(rate)), reverseCharge: false };
}

/**
 * The tax on one rate group's exact sum, rounded once:
 * net basis   tax = round(net × rate / 100),           gross = net + tax;
 * gross basis tax = round(gross × rate / (100 + rate)), net = gross − tax.
 */
function taxOn(amount: bigint, rate: Scaled, basis: PriceBasis): bigint {
  const hundred = 100n * pow10(rate.scale); // 100 % on the rate's scale
  return divRound(amount * rate.units, basis === "net" ? hundred : hundred + rate.units);
}

/**
 * The document's tax breakdown: lines grouped by rate ("19" and "19.00" are one group), each
 * group's amounts summed exactly, tax computed once per group. In every row and in the totals
 * gross = net + tax; the totals are the sums of the rows; the line amounts sum to the total net
 * (net basis) or the total gross (gross basis). Lines in another currency are
 * `currency_mismatch`; a negative rate is `invalid_tax_rate`.
 */
export function taxTotals(
  lines: readonly TaxLine[],
  basis: PriceBasis,
  currency: string,
): TaxTotals {
  if (basis !== "net" && basis !== "gross") {
    throw invalid("invalid_price_basis", 'price basis must be "net" or "gross"', {
      field: "basis",
      value: String(basis),
    });
  }
  const nothing = zero(currency);
  const groups = new Map<string, { rate: Scaled; sum: Money }>();
  lines.forEach((line, i) => {
    const rate = rateOf(line.rate, `lines.${i}.rate`);
    const key = toPlain(rate);
    const group = groups.get(key) ?? { rate, sum: nothing };
    groups.set(key, { rate, sum: add(group.sum, line.amount) });
  });

  const rows: TaxRow[] = [...groups.entries()]
    .sort(([, a], [, b]) => cmp(b.rate, a.rate))
    .map(([key, { rate, sum }]) => {
      const tax = money(taxOn(sum.amount, rate, basis), currency);
      return basis === "net"
        ? { rate: key, net: sum, tax, gross: add(sum, tax) }
        : { rate: key, net: subtract(sum, tax), tax, gross: sum };
    });

  const total = (pick: (r: TaxRow) => Money) => rows.reduce((acc, r) => add(acc, pick(r)), nothing);
  return { rows, net: total((r) => r.net), tax: total((r) => r.tax), gross: total((r) => r.gross) };
}
