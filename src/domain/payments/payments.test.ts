import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyPayment,
  type DunningStep,
  luhnValid,
  reverseForRefund,
  stepsReached,
  testGatewayCharge,
} from "./payments.js";

describe("test gateway", () => {
  it("charges valid cards, refuses the listed ones with their reason, and rejects invalid numbers", () => {
    expect(testGatewayCharge("4242 4242 4242 4242")).toEqual({ ok: true, last4: "4242" });
    expect(testGatewayCharge("4000000000000002")).toMatchObject({
      ok: false,
      code: "card_declined",
    });
    expect(testGatewayCharge("4000-0000-0000-9995")).toMatchObject({
      ok: false,
      code: "insufficient_funds",
      last4: "9995",
    });
    expect(() => testGatewayCharge("4242424242424241")).toThrow(/not a valid card number/);
    expect(() => testGatewayCharge("42")).toThrow(/not a valid card number/);
  });

  it("Luhn: one changed digit is always caught", () => {
    expect(luhnValid("79927398713")).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const digits = "79927398713".split("").map(Number);
        digits[pos] = (digits[pos]! + delta) % 10;
        return !luhnValid(digits.join(""));
      }),
    );
  });
});

describe("applying payments and refunds", () => {
  it("pays invoices in order, each up to its due; the rest is credit", () => {
    expect(
      applyPayment(2500n, [
        { invoiceId: "a", due: 1000n },
        { invoiceId: "b", due: 0n },
        { invoiceId: "c", due: 1000n },
        { invoiceId: "d", due: 1000n },
      ]),
    ).toEqual({
      allocations: [
        { invoiceId: "a", amount: 1000n },
        { invoiceId: "c", amount: 1000n },
        { invoiceId: "d", amount: 500n },
      ],
      unapplied: 0n,
    });
    expect(applyPayment(300n, [{ invoiceId: "a", due: 100n }])).toEqual({
      allocations: [{ invoiceId: "a", amount: 100n }],
      unapplied: 200n,
    });
  });

  it("money is conserved: applied + unapplied = paid; no invoice gets more than its due", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 8n }), { maxLength: 8 }),
        (amount, dues) => {
          const list = dues.map((due, i) => ({ invoiceId: `i${i}`, due }));
          const { allocations, unapplied } = applyPayment(amount, list);
          const applied = allocations.reduce((s, a) => s + a.amount, 0n);
          return (
            applied + unapplied === amount &&
            unapplied >= 0n &&
            allocations.every(
              (a) =>
                a.amount > 0n && a.amount <= list.find((d) => d.invoiceId === a.invoiceId)!.due,
            )
          );
        },
      ),
    );
  });

  it("a refund takes the credit first, then reopens the latest invoices paid", () => {
    const applied = [
      { invoiceId: "a", amount: 1000n },
      { invoiceId: "b", amount: 500n },
    ];
    expect(reverseForRefund(200n, 300n, applied)).toEqual([]);
    expect(reverseForRefund(900n, 300n, applied)).toEqual([
      { invoiceId: "b", amount: -500n },
      { invoiceId: "a", amount: -100n },
    ]);
    expect(() => reverseForRefund(2000n, 300n, applied)).toThrow(RangeError);
  });
});

describe("dunning steps", () => {
  const steps: DunningStep[] = [
    { level: 1, name: "reminder", after_days: 0 },
    { level: 2, name: "warning", after_days: 7, after_failed_payments: 2 },
    { level: 3, name: "final", after_days: 14, grace_days: 7 },
  ];
  it("reached by days overdue or by failed payments, each once", () => {
    expect(stepsReached(steps, 0, 0, new Set()).map((s) => s.level)).toEqual([1]);
    expect(stepsReached(steps, 3, 2, new Set([1])).map((s) => s.level)).toEqual([2]);
    expect(stepsReached(steps, 20, 0, new Set([1, 2])).map((s) => s.level)).toEqual([3]);
    expect(stepsReached(steps, 20, 0, new Set([1, 2, 3]))).toEqual([]);
    expect(stepsReached(steps, -1, 0, new Set())).toEqual([]);
  });
});
