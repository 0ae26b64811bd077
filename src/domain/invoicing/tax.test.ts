import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAccrueError } from "../errors.js";
import { Dec } from "../money/decimal.js";
import { money, negate, sum } from "../money/index.js";
import {
  type PriceBasis,
  type TaxLine,
  type TaxPolicy,
  type TaxTreatmentInput,
  taxTotals,
  taxTreatment,
  validateTaxPolicy,
} from "./tax.js";

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return isAccrueError(e) ? `${e.kind}:${e.code}` : `not an AccrueError: ${e}`;
  }
  return "no error";
}

const eur = (minor: bigint) => money(minor, "EUR");
const line = (minor: bigint, rate: string): TaxLine => ({ amount: eur(minor), rate });
const abs = (n: bigint) => (n < 0n ? -n : n);

const policy: TaxPolicy = {
  id: "txp_1",
  name: "EU VAT",
  rates: [
    { country: "DE", rate: "19" },
    { country: "FR", rate: "20.0" },
    { country: "LU", rate: "17" },
  ],
  defaultRate: "0",
};

const treat = (over: Partial<TaxTreatmentInput>) =>
  taxTreatment({
    policy,
    sellerCountry: "DE",
    customerCountry: "DE",
    customerVatId: null,
    customerType: "consumer",
    ...over,
  });

describe("taxTreatment", () => {
  it.each([
    // customer country, VAT id, type → rate, reverse charge
    ["DE", null, "consumer", "19", false], // domestic consumer
    ["DE", "DE123456789", "business", "19", false], // domestic business: never reverse charge
    ["FR", null, "consumer", "20", false], // foreign consumer: the customer's country's rate
    ["FR", null, "business", "20", false], // foreign business without a VAT id: taxed
    ["FR", "FR12345678901", "business", "0", true], // foreign business with a VAT id
    ["FR", "FR12345678901", "consumer", "0", true], // the rule looks at the VAT id only
    ["FR", "   ", "business", "20", false], // a blank VAT id is none
    ["FR", "", "business", "20", false],
    ["US", null, "consumer", "19", false], // not in the policy: the seller's country's rate
    [null, null, "consumer", "19", false], // unknown customer country: the seller's
    [null, "ATU12345678", "business", "19", false], // unknown country: no reverse charge
  ] as const)(
    "customer in %s with VAT id %j (%s) → %s, reverse charge %s",
    (country, vatId, type, rate, rc) => {
      expect(treat({ customerCountry: country, customerVatId: vatId, customerType: type })).toEqual(
        { rate, reverseCharge: rc },
      );
    },
  );

  it("falls back to the default rate when neither country is in the policy", () => {
    const p = { ...policy, defaultRate: "7.50" };
    expect(treat({ policy: p, sellerCountry: "CH", customerCountry: "US" })).toEqual({
      rate: "7.5",
      reverseCharge: false,
    });
    expect(treat({ policy: p, sellerCountry: null, customerCountry: null })).toEqual({
      rate: "7.5",
      reverseCharge: false,
    });
  });

  it("needs the seller's country to decide reverse charge", () => {
    expect(
      treat({ sellerCountry: null, customerCountry: "FR", customerVatId: "FR12345678901" }),
    ).toEqual({ rate: "20", reverseCharge: false });
  });

  it("validates countries and the policy", () => {
    expect(errorOf(() => treat({ customerCountry: "de" }))).toBe("invalid:invalid_country");
    expect(errorOf(() => treat({ sellerCountry: "DEU" }))).toBe("invalid:invalid_country");
    const bad = (p: Partial<TaxPolicy>) => errorOf(() => validateTaxPolicy({ ...policy, ...p }));
    expect(bad({})).toBe("no error");
    expect(bad({ defaultRate: "-1" })).toBe("invalid:invalid_tax_rate");
    expect(bad({ defaultRate: "19%" })).toBe("invalid:invalid_decimal");
    expect(bad({ rates: [{ country: "Germany", rate: "19" }] })).toBe("invalid:invalid_country");
    expect(bad({ rates: [{ country: "DE", rate: "-19" }] })).toBe("invalid:invalid_tax_rate");
    expect(
      bad({
        rates: [
          { country: "DE", rate: "19" },
          { country: "DE", rate: "7" },
        ],
      }),
    ).toBe("invalid:duplicate_tax_country");
    expect(errorOf(() => treat({ policy: { ...policy, defaultRate: "x" } }))).toBe(
      "invalid:invalid_decimal",
    );
  });
});

describe("taxTotals — examples", () => {
  it("net basis: groups by rate, highest first, tax once per group", () => {
    // 19 %: 100.00 + 19.99 = 119.99; × 0.19 = 22.7981 → 22.80; gross 142.79
    //  7 %: 50.00; × 0.07 = 3.50; gross 53.50
    //  0 %: 10.00; no tax
    const t = taxTotals(
      [line(10000n, "19"), line(5000n, "7"), line(1000n, "0"), line(1999n, "19.00")],
      "net",
      "EUR",
    );
    expect(t.rows).toEqual([
      { rate: "19", net: eur(11999n), tax: eur(2280n), gross: eur(14279n) },
      { rate: "7", net: eur(5000n), tax: eur(350n), gross: eur(5350n) },
      { rate: "0", net: eur(1000n), tax: eur(0n), gross: eur(1000n) },
    ]);
    expect([t.net, t.tax, t.gross]).toEqual([eur(17999n), eur(2630n), eur(20629n)]);
  });

  it("rounds once per group, not per line", () => {
    // three lines of 0.02 at 19 %: per line 0.0038 → 0.00 each, total 0.00;
    // per group 0.06 × 0.19 = 0.0114 → 0.01
    const t = taxTotals([line(2n, "19"), line(2n, "19"), line(2n, "19")], "net", "EUR");
    expect(t.tax).toEqual(eur(1n));
  });

  it("gross basis: tax = gross × rate / (100 + rate), net = gross − tax", () => {
    // 119.00 at 19 %: 119 × 19 / 119 = 19.00 exactly; net 100.00
    // 10.00 at 19 %: 10 × 19 / 119 = 1.5966… → 1.60; net 8.40
    // together (one group): 129.00 × 19 / 119 = 20.5966… → 20.60; net 108.40
    expect(taxTotals([line(11900n, "19")], "gross", "EUR").rows).toEqual([
      { rate: "19", net: eur(10000n), tax: eur(1900n), gross: eur(11900n) },
    ]);
    expect(taxTotals([line(1000n, "19")], "gross", "EUR").tax).toEqual(eur(160n));
    const both = taxTotals([line(11900n, "19"), line(1000n, "19")], "gross", "EUR");
    expect([both.net, both.tax, both.gross]).toEqual([eur(10840n), eur(2060n), eur(12900n)]);
  });

  it.each([
    // amount, rate, basis, tax — a half goes away from zero, for credits too
    [50n, "1", "net", 1n], // 0.50 × 1 % = 0.005 → 0.01
    [-50n, "1", "net", -1n],
    [1000n, "7.5", "net", 75n], // 10.00 × 7.5 % = 0.75
    [-11999n, "19", "net", -2280n], // -22.7981 → -22.80
    [101n, "1", "gross", 1n], // 1.01 × 1 / 101 = 0.01
    [-1000n, "19", "gross", -160n],
    [1000n, "0", "gross", 0n],
  ] as [bigint, string, PriceBasis, bigint][])(
    "%i at %s %% (%s) → tax %i",
    (minor, rate, basis, tax) => {
      expect(taxTotals([line(minor, rate)], basis, "EUR").tax).toEqual(eur(tax));
    },
  );

  it("works in the currency's minor unit", () => {
    // 999 JPY at 10 % = 99.9 → 100 JPY
    const t = taxTotals([{ amount: money(999n, "JPY"), rate: "10" }], "net", "JPY");
    expect(t.gross).toEqual(money(1099n, "JPY"));
    // 1.000 KWD at 0.5 % = 0.005 KWD = 5 fils
    expect(taxTotals([{ amount: money(1000n, "KWD"), rate: "0.5" }], "net", "KWD").tax).toEqual(
      money(5n, "KWD"),
    );
  });

  it("keeps a group that sums to zero, and gives zeros for no lines", () => {
    expect(taxTotals([line(500n, "19"), line(-500n, "19")], "net", "EUR").rows).toEqual([
      { rate: "19", net: eur(0n), tax: eur(0n), gross: eur(0n) },
    ]);
    expect(taxTotals([], "gross", "USD")).toEqual({
      rows: [],
      net: money(0n, "USD"),
      tax: money(0n, "USD"),
      gross: money(0n, "USD"),
    });
  });

  it("refuses other currencies, negative or malformed rates and an unknown basis", () => {
    expect(errorOf(() => taxTotals([line(1n, "19")], "net", "USD"))).toBe(
      "invalid:currency_mismatch",
    );
    expect(errorOf(() => taxTotals([line(1n, "-19")], "net", "EUR"))).toBe(
      "invalid:invalid_tax_rate",
    );
    expect(errorOf(() => taxTotals([line(1n, "19 %")], "net", "EUR"))).toBe(
      "invalid:invalid_decimal",
    );
    expect(errorOf(() => taxTotals([], "net", "eur"))).toBe("invalid:invalid_currency");
    expect(errorOf(() => taxTotals([], "both" as PriceBasis, "EUR"))).toBe(
      "invalid:invalid_price_basis",
    );
  });
});

const rateArb = fc.oneof(
  fc.constantFrom("0", "5", "7", "7.0", "19", "19.00", "20", "2.5", "0.5"),
  fc.tuple(fc.nat({ max: 30_000 }), fc.nat({ max: 3 })).map(([u, s]) => {
    const d = new Dec(u).div(new Dec(10).pow(s));
    return d.toFixed(s);
  }),
);
const linesArb = fc.array(
  fc.record({
    amount: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map(eur),
    rate: rateArb,
  }),
  { maxLength: 30 },
);
const basisArb = fc.constantFrom<PriceBasis>("net", "gross");

describe("taxTotals — invariants", () => {
  it("gross = net + tax in every row and in the totals; totals are the sums of the rows", () => {
    fc.assert(
      fc.property(linesArb, basisArb, (lines, basis) => {
        const t = taxTotals(lines, basis, "EUR");
        for (const r of [...t.rows, t]) expect(r.gross.amount).toBe(r.net.amount + r.tax.amount);
        expect(t.net).toEqual(
          sum(
            "EUR",
            t.rows.map((r) => r.net),
          ),
        );
        expect(t.tax).toEqual(
          sum(
            "EUR",
            t.rows.map((r) => r.tax),
          ),
        );
        expect(t.gross).toEqual(
          sum(
            "EUR",
            t.rows.map((r) => r.gross),
          ),
        );
      }),
    );
  });

  it("the line amounts sum to the total net (net basis) or the total gross (gross basis)", () => {
    fc.assert(
      fc.property(linesArb, basisArb, (lines, basis) => {
        const t = taxTotals(lines, basis, "EUR");
        expect(basis === "net" ? t.net : t.gross).toEqual(
          sum(
            "EUR",
            lines.map((l) => l.amount),
          ),
        );
      }),
    );
  });

  it("one row per distinct rate, highest first, each with its lines' sum", () => {
    fc.assert(
      fc.property(linesArb, basisArb, (lines, basis) => {
        const t = taxTotals(lines, basis, "EUR");
        const rates = t.rows.map((r) => new Dec(r.rate));
        expect(new Set(lines.map((l) => new Dec(l.rate).toFixed()))).toEqual(
          new Set(rates.map((r) => r.toFixed())),
        );
        rates.slice(1).forEach((r, i) => {
          expect(r.lt(rates[i]!)).toBe(true);
        });
        for (const row of t.rows) {
          const mine = lines.filter((l) => new Dec(l.rate).eq(row.rate)).map((l) => l.amount);
          expect(basis === "net" ? row.net : row.gross).toEqual(sum("EUR", mine));
        }
      }),
    );
  });

  it("each row's tax is its exact tax rounded half away from zero", () => {
    fc.assert(
      fc.property(linesArb, basisArb, (lines, basis) => {
        for (const row of taxTotals(lines, basis, "EUR").rows) {
          const base = basis === "net" ? row.net.amount : row.gross.amount;
          const r = new Dec(row.rate);
          const exactTax = new Dec(base.toString())
            .times(r)
            .div(basis === "net" ? 100 : r.plus(100));
          expect(row.tax.amount.toString()).toBe(
            exactTax.toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(),
          );
        }
      }),
    );
  });

  it("a zero rate gives zero tax", () => {
    fc.assert(
      fc.property(linesArb, basisArb, (lines, basis) => {
        const zeroRated = lines.map((l) => ({ ...l, rate: "0" }));
        const t = taxTotals(zeroRated, basis, "EUR");
        expect(t.tax).toEqual(eur(0n));
        expect(t.net).toEqual(t.gross);
        for (const r of t.rows) expect(r.tax).toEqual(eur(0n));
      }),
    );
  });

  it("is symmetric (a credit note is the negated invoice) and ignores line order", () => {
    const withShuffle = linesArb.chain((lines) =>
      fc.tuple(
        fc.constant(lines),
        fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }),
      ),
    );
    fc.assert(
      fc.property(withShuffle, basisArb, ([lines, shuffled], basis) => {
        const t = taxTotals(lines, basis, "EUR");
        const credit = taxTotals(
          lines.map((l) => ({ ...l, amount: negate(l.amount) })),
          basis,
          "EUR",
        );
        expect(credit.rows).toEqual(
          t.rows.map((r) => ({
            rate: r.rate,
            net: negate(r.net),
            tax: negate(r.tax),
            gross: negate(r.gross),
          })),
        );
        expect(taxTotals(shuffled, basis, "EUR")).toEqual(t);
      }),
    );
  });

  it("tax never exceeds the amount it is levied on, in magnitude, for rates up to 100 %", () => {
    fc.assert(
      fc.property(linesArb, basisArb, (lines, basis) => {
        for (const r of taxTotals(lines, basis, "EUR").rows) {
          if (new Dec(r.rate).gt(100)) continue;
          expect(abs(r.tax.amount) <= abs(basis === "net" ? r.net.amount : r.gross.amount)).toBe(
            true,
          );
        }
      }),
    );
  });
});
