import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAccrueError } from "../errors.js";
import { allocate, split, type Weight } from "./allocation.js";
import { CURRENCY_CODES } from "./currency.js";
import { type Money, money, sum } from "./money.js";

function invalidCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isAccrueError(e) && e.kind === "invalid" ? e.code : `not an invalid error: ${e}`;
  }
  return undefined;
}

const eur = (amount: bigint) => money(amount, "EUR");
const amounts = (parts: Money[]) => parts.map((p) => p.amount);
const abs = (n: bigint) => (n < 0n ? -n : n);

const currency = fc.constantFrom(...CURRENCY_CODES);
const total = fc
  .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), currency)
  .map(([a, c]) => money(a, c));
/** 1–20 integer weights, at least one positive. */
const weights = fc
  .array(fc.bigInt({ min: 0n, max: 1000n }), { minLength: 1, maxLength: 20 })
  .filter((ws) => ws.some((w) => w > 0n));
/** A permutation of 0..n-1 alongside weights of length n. */
const weightsAndPermutation = weights.chain((ws) =>
  fc
    .shuffledSubarray(
      ws.map((_, i) => i),
      { minLength: ws.length, maxLength: ws.length },
    )
    .map((perm) => ({ ws, perm })),
);

/** remainderᵢ = |total|·wᵢ mod Σw — the fractional part of share i, scaled by Σw. */
const remainders = (t: bigint, ws: bigint[]) => {
  const W = ws.reduce((a, b) => a + b, 0n);
  return ws.map((w) => (abs(t) * w) % W);
};

describe("allocate — examples", () => {
  it("splits 10.00 three ways as 3.34 / 3.33 / 3.33", () => {
    // 1000 / 3 = 333 rem 1; all remainders equal, so the lowest index gets the extra cent
    expect(amounts(split(eur(1000n), 3))).toEqual([334n, 333n, 333n]);
  });

  it("mirrors negative totals", () => {
    expect(amounts(split(eur(-1000n), 3))).toEqual([-334n, -333n, -333n]);
  });

  it("gives the leftover to the largest remainder, not the first part", () => {
    // 10 × 1/7 = 1.43, 10 × 6/7 = 8.57 → floors 1 + 8 = 9; remainders 3/7 < 4/7 → [1, 9]
    expect(amounts(allocate(eur(10n), [1n, 6n]))).toEqual([1n, 9n]);
    // 100 × (33.3, 33.3, 33.4)% → floors 33, 33, 33; remainders .3, .3, .4 → [33, 33, 34]
    expect(amounts(allocate(eur(100n), ["33.3", "33.3", "33.4"]))).toEqual([33n, 33n, 34n]);
  });

  it("breaks ties by lower index", () => {
    // 5 cents over 6 equal parts: every share is 5/6, so the first five get one cent each
    expect(amounts(split(eur(5n), 6))).toEqual([1n, 1n, 1n, 1n, 1n, 0n]);
    // 3 over (1, 2, 1): shares 0.75, 1.5, 0.75 → floors 0, 1, 0; remainders .75, .5, .75
    // → the two .75s (index 0 then 2) get the two leftover units → [1, 1, 1]
    expect(amounts(allocate(eur(3n), [1n, 2n, 1n]))).toEqual([1n, 1n, 1n]);
    // 2 over the same: shares .5, 1, .5 → floors 0, 1, 0; remainders .5, 0, .5 → the one
    // leftover unit goes to index 0, the first of the tied .5s
    expect(amounts(allocate(eur(2n), [1n, 2n, 1n]))).toEqual([1n, 1n, 0n]);
    // 1 over the same: shares .25, .5, .25 → the largest remainder (.5, index 1) wins
    expect(amounts(allocate(eur(1n), [1n, 2n, 1n]))).toEqual([0n, 1n, 0n]);
  });

  it("is exact when the shares are whole", () => {
    expect(amounts(allocate(eur(10000n), [3n, 7n]))).toEqual([3000n, 7000n]);
    expect(amounts(allocate(money(100n, "JPY"), ["0.5", "0.3", "0.2"]))).toEqual([50n, 30n, 20n]);
  });

  it("mixes bigint and decimal weights on one scale", () => {
    // weights 1 and 0.5 → 2 : 1
    expect(amounts(allocate(eur(300n), [1n, "0.5"]))).toEqual([200n, 100n]);
  });

  it("gives zero-weight parts nothing", () => {
    // 7 over (0, 1, 0, 1): 3.5 each for the weighted parts; tie → index 1 first
    expect(amounts(allocate(eur(7n), [0n, 1n, 0n, 1n]))).toEqual([0n, 4n, 0n, 3n]);
  });

  it("allocates zero as zeros and keeps the currency", () => {
    expect(allocate(money(0n, "KWD"), [1n, 2n])).toEqual([money(0n, "KWD"), money(0n, "KWD")]);
    expect(split(money(1001n, "KWD"), 2)).toEqual([money(501n, "KWD"), money(500n, "KWD")]);
  });

  it("rejects bad weights", () => {
    expect(invalidCode(() => allocate(eur(1n), []))).toBe("invalid_weights");
    expect(invalidCode(() => allocate(eur(1n), [0n, "0", "0.00"]))).toBe("invalid_weights");
    expect(invalidCode(() => allocate(eur(1n), [1n, -1n]))).toBe("invalid_weights");
    expect(invalidCode(() => allocate(eur(1n), ["1", "-0.5"]))).toBe("invalid_weights");
    expect(invalidCode(() => allocate(eur(1n), ["1", "1e2"]))).toBe("invalid_decimal");
  });

  it("rejects a bad number of parts", () => {
    for (const n of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(invalidCode(() => split(eur(1n), n))).toBe("invalid_split");
    }
    expect(split(eur(7n), 1)).toEqual([eur(7n)]);
  });
});

describe("allocate — properties", () => {
  it("parts always sum to the total", () => {
    fc.assert(
      fc.property(total, weights, (t, ws) => {
        expect(sum(t.currency, allocate(t, ws))).toEqual(t);
      }),
    );
  });

  it("parts sum to the total with decimal weights too", () => {
    const decimalWeight = fc
      .tuple(fc.nat({ max: 10_000 }), fc.nat({ max: 4 }))
      .map(([u, s]) => (s === 0 ? String(u) : (u / 10 ** s).toFixed(s)));
    const ws = fc
      .array(fc.oneof(decimalWeight, fc.bigInt({ min: 0n, max: 100n })), {
        minLength: 1,
        maxLength: 10,
      })
      .filter((a) => a.some((w) => Number(w) > 0));
    fc.assert(
      fc.property(total, ws, (t, w: Weight[]) => {
        expect(sum(t.currency, allocate(t, w))).toEqual(t);
      }),
    );
  });

  it("every part is within one minor unit of its exact share", () => {
    fc.assert(
      fc.property(total, weights, (t, ws) => {
        const W = ws.reduce((a, b) => a + b, 0n);
        allocate(t, ws).forEach((part, i) => {
          // |part − t·wᵢ/W| < 1  ⇔  |part·W − t·wᵢ| < W
          expect(abs(part.amount * W - t.amount * ws[i]!) < W).toBe(true);
        });
      }),
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(total, weights, (t, ws) => {
        expect(allocate(t, ws)).toEqual(allocate(t, [...ws]));
      }),
    );
  });

  it("is symmetric around zero", () => {
    fc.assert(
      fc.property(total, weights, (t, ws) => {
        const negated = allocate(money(-t.amount, t.currency), ws);
        expect(amounts(negated)).toEqual(amounts(allocate(t, ws)).map((a) => -a));
      }),
    );
  });

  it("permuting the weights permutes the parts, except among tied remainders", () => {
    fc.assert(
      fc.property(total, weightsAndPermutation, (t, { ws, perm }) => {
        const original = amounts(allocate(t, ws));
        const permuted = amounts(
          allocate(
            t,
            perm.map((i) => ws[i]!),
          ),
        );
        const rems = remainders(t.amount, ws);
        const byRemainder = new Map<bigint, { original: bigint; permuted: bigint }>();
        perm.forEach((i, k) => {
          const a = original[i]!;
          const b = permuted[k]!;
          // a part can only change by the one unit that a tie decides
          expect(abs(a - b) <= 1n).toBe(true);
          if (a !== b) expect(rems.filter((r) => r === rems[i]).length).toBeGreaterThan(1);
          const group = byRemainder.get(rems[i]!) ?? { original: 0n, permuted: 0n };
          group.original += a;
          group.permuted += b;
          byRemainder.set(rems[i]!, group);
        });
        // and each group of tied parts receives the same units in total
        for (const g of byRemainder.values()) expect(g.permuted).toBe(g.original);
      }),
    );
  });

  it("with distinct remainders, permuting the weights permutes the parts exactly", () => {
    fc.assert(
      fc.property(total, weightsAndPermutation, (t, { ws, perm }) => {
        const rems = remainders(t.amount, ws);
        fc.pre(new Set(rems).size === rems.length);
        const original = amounts(allocate(t, ws));
        const permuted = amounts(
          allocate(
            t,
            perm.map((i) => ws[i]!),
          ),
        );
        expect(permuted).toEqual(perm.map((i) => original[i]!));
      }),
    );
  });

  it("split parts differ by at most one unit, larger ones first", () => {
    fc.assert(
      fc.property(total, fc.integer({ min: 1, max: 50 }), (t, n) => {
        const parts = amounts(split(t, n)).map(abs);
        expect(parts.every((p) => p === parts[0] || p === parts[0]! - 1n)).toBe(true);
        expect([...parts].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(parts);
      }),
    );
  });
});

describe("allocation over many weights", () => {
  it("takes any number of weights (no argument spreading: 300 000 would overflow the stack)", () => {
    const weights = Array.from({ length: 300_000 }, (_, i) => (i % 3 === 0 ? "1.5" : "1"));
    const parts = allocate(eur(1_000_000n), weights);
    expect(parts).toHaveLength(300_000);
    expect(sum("EUR", parts).amount).toBe(1_000_000n);
  });
});
