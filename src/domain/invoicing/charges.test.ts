/**
 * The invoicing calculation on hand-built histories. Every expected amount is derived in a
 * comment: fee × quantity × days covered / days in the fee period, rounded once.
 */
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import type { Phase, Timeline } from "../contracts/phases.js";
import { toDecimalString } from "../money/index.js";
import { type ExpectedItem, expectedItems, nextBillingDate } from "./charges.js";
import { type BilledItem, diffItems } from "./diff.js";
import type { ComponentTerms, ContractHistory, VariantTerms } from "./history.js";

const at = (s: string) => Temporal.Instant.from(s.length === 10 ? `${s}T09:00:00Z` : s);
const d = (s: string) => Temporal.PlainDate.from(s);
const month = { unit: "month", count: 1 } as const;
const year = { unit: "year", count: 1 } as const;

const variant = (over: Partial<VariantTerms> & { id: string }): VariantTerms => ({
  name: over.id,
  recurringFee: "0",
  setupFee: "0",
  feePeriod: month,
  billingPeriod: month,
  paymentMode: "prepaid",
  alignment: "anniversary",
  quotas: [],
  ...over,
});

const normal = (start: string, v: string, quantity = "1"): Phase => ({
  type: "normal",
  start: at(start),
  planVariantId: v,
  quantity,
});

function history(over: {
  phases: Phase[];
  end?: string;
  variants: VariantTerms[];
  components?: ComponentTerms[];
  timeZone?: string;
  rest?: Partial<ContractHistory>;
}): ContractHistory {
  const phases = [...over.phases];
  if (over.end)
    phases.push({ type: "inactive", start: at(over.end), planVariantId: null, quantity: "0" });
  const timeline: Timeline = {
    start: phases[0]!.start,
    end: over.end ? at(over.end) : null,
    phases,
  };
  return {
    contractId: "con_1",
    currency: "EUR",
    timeZone: over.timeZone ?? "UTC",
    timeline,
    variants: new Map(over.variants.map((v) => [v.id, v])),
    components: new Map((over.components ?? []).map((c) => [c.id, c])),
    componentSubscriptions: [],
    usage: [],
    ratedItems: [],
    discounts: [],
    ...over.rest,
  };
}

type Line = { key: string; amount: string; period: string | null; due?: string };
const view = (
  items: readonly (Omit<ExpectedItem, "due"> & { due?: Temporal.PlainDate })[],
): Line[] =>
  items.map((i) => ({
    key: i.key,
    amount: toDecimalString(i.amount),
    period: i.period ? `${i.period.start}..${i.period.end}` : null,
    ...(i.due ? { due: i.due.toString() } : {}),
  }));

/** Bills what is due by each date in turn; returns each settlement's new lines. */
function settle(h: ContractHistory, dates: string[], billed: BilledItem[] = []) {
  return dates.map((date) => {
    const items = diffItems(expectedItems(h, d(date)), billed, h.currency, d(date));
    billed.push(...items);
    return view(items).map(({ due: _due, ...l }) => l);
  });
}

describe("recurring fees", () => {
  const basic = variant({ id: "basic", recurringFee: "10" });

  it("prepaid monthly: each month is billed when it starts", () => {
    const h = history({ phases: [normal("2026-01-15", "basic")], variants: [basic] });
    expect(settle(h, ["2026-01-15", "2026-01-20", "2026-02-15"])).toEqual([
      [{ key: "fee:basic:1:2026-01-15", amount: "10.00", period: "2026-01-15..2026-02-15" }],
      [],
      [{ key: "fee:basic:1:2026-02-15", amount: "10.00", period: "2026-02-15..2026-03-15" }],
    ]);
  });

  it("postpaid monthly: each month is billed when it ends", () => {
    const h = history({
      phases: [normal("2026-01-15", "pp")],
      variants: [variant({ id: "pp", recurringFee: "10", paymentMode: "postpaid" })],
    });
    expect(settle(h, ["2026-01-15", "2026-02-14", "2026-02-15"])).toEqual([
      [],
      [],
      [{ key: "fee:pp:1:2026-01-15", amount: "10.00", period: "2026-01-15..2026-02-15" }],
    ]);
  });

  it("plan quantity multiplies the fee", () => {
    const h = history({ phases: [normal("2026-01-15", "basic", "3")], variants: [basic] });
    // 10.00 × 3
    expect(settle(h, ["2026-01-15"])[0]![0]!.amount).toBe("30.00");
  });

  it("yearly fee, monthly billing: the whole fee once, nothing the next months", () => {
    const h = history({
      phases: [normal("2026-01-01", "y")],
      variants: [variant({ id: "y", recurringFee: "120", feePeriod: year, billingPeriod: month })],
    });
    expect(settle(h, ["2026-01-01", "2026-02-01", "2026-12-01"])).toEqual([
      [{ key: "fee:y:1:2026-01-01", amount: "120.00", period: "2026-01-01..2027-01-01" }],
      [],
      [],
    ]);
  });

  it("monthly fee, yearly billing: twelve monthly fees at once", () => {
    const h = history({
      phases: [normal("2026-01-01", "m")],
      variants: [variant({ id: "m", recurringFee: "10", feePeriod: month, billingPeriod: year })],
    });
    const [first, later] = settle(h, ["2026-01-01", "2026-06-01"]);
    expect(first).toHaveLength(12);
    expect(first!.map((l) => l.amount)).toEqual(Array(12).fill("10.00"));
    expect(first!.at(-1)!.period).toBe("2026-12-01..2027-01-01");
    expect(later).toEqual([]);
  });

  it("calendar alignment: the first month is prorated by days", () => {
    const h = history({
      phases: [normal("2026-01-15", "cal")],
      variants: [variant({ id: "cal", recurringFee: "31", alignment: "calendar" })],
    });
    // January has 31 days; Jan 15..31 are 17 of them: 31.00 × 17 / 31 = 17.00
    expect(settle(h, ["2026-01-15", "2026-02-01"])).toEqual([
      [{ key: "fee:cal:1:2026-01-01", amount: "17.00", period: "2026-01-15..2026-02-01" }],
      [{ key: "fee:cal:1:2026-02-01", amount: "31.00", period: "2026-02-01..2026-03-01" }],
    ]);
  });

  it("setup fee once, at the start", () => {
    const h = history({
      phases: [normal("2026-01-15", "s")],
      variants: [variant({ id: "s", recurringFee: "10", setupFee: "49.99" })],
    });
    const [first, second] = settle(h, ["2026-01-15", "2026-02-15"]);
    expect(first!.map((l) => [l.key, l.amount])).toEqual([
      ["setup:con_1", "49.99"],
      ["fee:s:1:2026-01-15", "10.00"],
    ]);
    expect(second!.map((l) => l.key)).toEqual(["fee:s:1:2026-02-15"]);
  });

  it("a trial is free; the paid term is anchored at its end", () => {
    const v = variant({ id: "t", recurringFee: "10" });
    const h = history({
      phases: [
        { type: "trial", start: at("2026-01-01"), planVariantId: "t", quantity: "1" },
        normal("2026-01-15", "t"),
      ],
      variants: [v],
    });
    expect(settle(h, ["2026-01-01", "2026-01-15"])).toEqual([
      [],
      [{ key: "fee:t:1:2026-01-15", amount: "10.00", period: "2026-01-15..2026-02-15" }],
    ]);
    expect(nextBillingDate(h, d("2026-01-01"))?.toString()).toBe("2026-01-15");
    expect(nextBillingDate(h, d("2026-01-15"))?.toString()).toBe("2026-02-15");
  });
});

describe("changes in the past are repaired", () => {
  const a = variant({ id: "a", recurringFee: "31" });
  const b = variant({ id: "b", recurringFee: "62" });

  it("upgrade mid-period: credit for the unused days, charge for the rest", () => {
    const before = history({ phases: [normal("2026-03-01", "a")], variants: [a, b] });
    const billed: BilledItem[] = [];
    expect(settle(before, ["2026-03-01"], billed)).toEqual([
      [{ key: "fee:a:1:2026-03-01", amount: "31.00", period: "2026-03-01..2026-04-01" }],
    ]);
    const after = history({
      phases: [normal("2026-03-01", "a"), normal("2026-03-16", "b")],
      variants: [a, b],
    });
    const [lines] = settle(after, ["2026-04-01"], billed);
    expect(lines).toEqual([
      // A kept Mar 1..15, 15 of 31 days: 31 × 15 / 31 = 15.00; 31.00 was billed → −16.00
      { key: "fee:a:1:2026-03-01", amount: "-16.00", period: "2026-03-01..2026-03-16" },
      // B from Mar 16, 16 of 31 days: 62 × 16 / 31 = 32.00
      { key: "fee:b:1:2026-03-01", amount: "32.00", period: "2026-03-16..2026-04-01" },
      { key: "fee:b:1:2026-04-01", amount: "62.00", period: "2026-04-01..2026-05-01" },
    ]);
    // and nothing again
    expect(settle(after, ["2026-04-01", "2026-04-15"], billed)).toEqual([[], []]);
  });

  it.each([
    // B (62.00) billed for the month, then a downgrade to A (31.00) on the 11th: B keeps
    // 10 days (62 × 10 / days, less the 62.00 billed), A gets the other days − 10
    ["2026-02-01", "2026-02-11", "-39.86", "19.93"], // 28 days: 22.142857 → 22.14; 31 × 18 / 28 = 19.928571
    ["2028-02-01", "2028-02-11", "-40.62", "20.31"], // 29 days: 21.379310 → 21.38; 31 × 19 / 29 = 20.310344
    ["2026-04-01", "2026-04-11", "-41.33", "20.67"], // 30 days: 20.666667 → 20.67; 31 × 20 / 30 = 20.666667
    ["2026-05-01", "2026-05-11", "-42.00", "21.00"], // 31 days: 20.00; 31 × 21 / 31 = 21.00
  ])("downgrade in the month from %s", (start, change, credit, charge) => {
    const billed: BilledItem[] = [];
    settle(history({ phases: [normal(start, "b")], variants: [a, b] }), [start], billed);
    const h = history({ phases: [normal(start, "b"), normal(change, "a")], variants: [a, b] });
    const [lines] = settle(h, [change], billed);
    expect(lines!.map((l) => l.amount)).toEqual([credit, charge]);
  });

  it("an end in the past credits the prepaid days after it", () => {
    const billed: BilledItem[] = [];
    settle(history({ phases: [normal("2026-01-01", "a")], variants: [a] }), ["2026-01-01"], billed);
    const ended = history({
      phases: [normal("2026-01-01", "a")],
      end: "2026-01-11",
      variants: [a],
    });
    // Jan 1..10 kept: 31 × 10 / 31 = 10.00 of 31.00 → −21.00
    expect(settle(ended, ["2026-01-20"], billed)).toEqual([
      [{ key: "fee:a:1:2026-01-01", amount: "-21.00", period: "2026-01-01..2026-01-11" }],
    ]);
    expect(nextBillingDate(ended, d("2026-01-20"))).toBeNull();
  });

  it("a charge that disappeared is credited in full", () => {
    const billed: BilledItem[] = [
      {
        key: "fee:gone:1:2026-01-01",
        kind: "recurring_fee",
        description: "Gone",
        period: { start: d("2026-01-01"), end: d("2026-02-01") },
        amount: { amount: 500n, currency: "EUR" },
      },
    ];
    const h = history({ phases: [normal("2026-01-01", "a")], variants: [a] });
    const [lines] = settle(h, ["2026-01-01"], billed);
    expect(lines).toContainEqual({
      key: "fee:gone:1:2026-01-01",
      amount: "-5.00",
      period: "2026-01-01..2026-02-01",
    });
  });
});

describe("components, usage and one-off charges", () => {
  const v = variant({
    id: "v",
    recurringFee: "0",
    quotas: [{ componentId: "calls", quantity: "100" }],
  });
  const seats: ComponentTerms = {
    id: "seats",
    name: "Seats",
    type: "quantity",
    price: { model: "per_unit", unitPrice: "3" },
    feePeriod: month,
    prorate: true,
    billInTrial: false,
  };
  const calls: ComponentTerms = {
    id: "calls",
    name: "API calls",
    type: "metered",
    price: {
      model: "tiered",
      tiers: [
        { from: "0", price: "0.10" },
        { from: "1000", price: "0.05" },
      ],
    },
    feePeriod: month,
    prorate: false,
    billInTrial: false,
  };
  const storage: ComponentTerms = {
    ...calls,
    id: "storage",
    name: "Storage",
    price: {
      model: "volume",
      tiers: [
        { from: "0", price: "1" },
        { from: "10", price: "0.5" },
      ],
    },
  };

  it("a quantity change mid-period is prorated on both sides", () => {
    const h = history({
      phases: [normal("2026-04-01", "v")],
      variants: [v],
      components: [seats],
      rest: {
        componentSubscriptions: [
          {
            id: "s1",
            componentId: "seats",
            quantity: "5",
            start: at("2026-04-01"),
            end: at("2026-04-16"),
          },
          { id: "s2", componentId: "seats", quantity: "10", start: at("2026-04-16"), end: null },
        ],
      },
    });
    // April has 30 days. 5 seats × 3.00 × 15/30 = 7.50; 10 seats × 3.00 × 15/30 = 15.00
    expect(settle(h, ["2026-04-16"])).toEqual([
      [
        { key: "component:s1:2026-04-01", amount: "7.50", period: "2026-04-01..2026-04-16" },
        { key: "component:s2:2026-04-01", amount: "15.00", period: "2026-04-16..2026-05-01" },
      ],
    ]);
  });

  it("metered usage: tiered after a free quota, volume, billed when the period ends", () => {
    const h = history({
      phases: [normal("2026-01-01", "v")],
      variants: [v],
      components: [calls, storage],
      rest: {
        usage: [
          { componentId: "calls", quantity: "700", date: d("2026-01-05") },
          { componentId: "calls", quantity: "600", date: d("2026-01-31") },
          { componentId: "calls", quantity: "999", date: d("2026-02-01") },
          { componentId: "storage", quantity: "12", date: d("2026-01-10") },
        ],
      },
    });
    const [jan1, feb1] = settle(h, ["2026-01-31", "2026-02-01"]);
    expect(jan1).toEqual([]);
    // calls: 1,300 − 100 free = 1,200: 1,000 × 0.10 + 200 × 0.05 = 110.00
    // storage: 12 units reach the tier from 10: 12 × 0.50 = 6.00
    expect(feb1).toEqual([
      { key: "usage:calls:2026-01-01", amount: "110.00", period: "2026-01-01..2026-02-01" },
      { key: "usage:storage:2026-01-01", amount: "6.00", period: "2026-01-01..2026-02-01" },
    ]);
  });

  it("late usage for a billed period is billed as a correction", () => {
    const billed: BilledItem[] = [];
    const usage = [{ componentId: "calls", quantity: "200", date: d("2026-01-05") }];
    const h = (u: typeof usage) =>
      history({
        phases: [normal("2026-01-01", "v")],
        variants: [v],
        components: [calls],
        rest: { usage: u },
      });
    // 200 − 100 free = 100 × 0.10 = 10.00
    expect(settle(h(usage), ["2026-02-01"], billed)[0]!.map((l) => l.amount)).toEqual(["10.00"]);
    // 50 more in January: 150 × 0.10 = 15.00 → +5.00
    const late = [...usage, { componentId: "calls", quantity: "50", date: d("2026-01-20") }];
    expect(settle(h(late), ["2026-02-03"], billed)[0]!.map((l) => l.amount)).toEqual(["5.00"]);
  });

  it("a rated item is billed with the first settlement from the day it was recorded", () => {
    const h = history({
      phases: [normal("2026-01-01", "v")],
      variants: [v],
      rest: {
        ratedItems: [
          {
            id: "rit_1",
            description: "Installation",
            quantity: "2",
            unitPrice: "12.345",
            periodStart: at("2026-01-03"),
            periodEnd: at("2026-01-04"),
            createdAt: at("2026-01-10"),
          },
        ],
      },
    });
    // 2 × 12.345 = 24.69
    expect(settle(h, ["2026-01-09", "2026-01-10"])).toEqual([
      [],
      [{ key: "rated:rit_1", amount: "24.69", period: "2026-01-03..2026-01-04" }],
    ]);
  });

  it("a percentage discount reduces the fee for the days it overlaps", () => {
    const h = history({
      phases: [normal("2026-01-01", "a")],
      variants: [variant({ id: "a", recurringFee: "31" })],
      rest: {
        discounts: [
          {
            id: "dsc_1",
            description: "Launch 50 %",
            appliesTo: "all",
            percent: "50",
            amount: null,
            start: at("2026-01-01"),
            end: at("2026-01-11"),
          },
        ],
      },
    });
    // 50 % of 31.00 for 10 of 31 days = 5.00
    expect(settle(h, ["2026-01-01"])[0]!.map((l) => [l.key, l.amount])).toEqual([
      ["fee:a:1:2026-01-01", "31.00"],
      ["discount:dsc_1:fee:a:1:2026-01-01", "-5.00"],
    ]);
  });
});

describe("imported contracts (billed until a date by another system)", () => {
  const m = variant({ id: "m", recurringFee: "31", setupFee: "5", alignment: "calendar" });
  const component = (id: string, prorate: boolean): ComponentTerms => ({
    id,
    name: id,
    type: "quantity",
    price: { model: "per_unit", unitPrice: "31" },
    feePeriod: month,
    prorate,
    billInTrial: false,
  });
  const metered: ComponentTerms = { ...component("calls", false), type: "metered" };
  const h = history({
    phases: [normal("2026-01-01", "m")],
    variants: [m],
    components: [component("pro", true), component("flat", false), metered],
    rest: {
      billedUntil: at("2026-03-11T00:00:00Z"),
      componentSubscriptions: ["pro", "flat"].map((id) => ({
        id,
        componentId: id,
        quantity: "1",
        start: at("2026-01-01"),
        end: null,
      })),
      usage: [
        { componentId: "calls", quantity: "10", date: d("2026-03-10") },
        { componentId: "calls", quantity: "4", date: d("2026-03-11") },
      ],
    },
  });

  it("bills nothing before the billed-until day: no setup fee, fees from that day, usage from it", () => {
    // calendar months; March has 31 days, 11 March – 1 April is 21 of them:
    // fee 31.00 × 21/31 = 21.00; the prorating component the same; the one that does not
    // prorate began its March before 11 March, so the other system billed it in full;
    // usage of 10 March is the other system's, 4 calls of 11 March × 31.00 = 124.00
    expect(settle(h, ["2026-03-11", "2026-03-11", "2026-04-01"])).toEqual([
      [
        { key: "fee:m:1:2026-03-01", amount: "21.00", period: "2026-03-11..2026-04-01" },
        { key: "component:pro:2026-03-01", amount: "21.00", period: "2026-03-11..2026-04-01" },
      ],
      [],
      [
        { key: "fee:m:1:2026-04-01", amount: "31.00", period: "2026-04-01..2026-05-01" },
        { key: "component:pro:2026-04-01", amount: "31.00", period: "2026-04-01..2026-05-01" },
        { key: "component:flat:2026-04-01", amount: "31.00", period: "2026-04-01..2026-05-01" },
        { key: "usage:calls:2026-03-01", amount: "124.00", period: "2026-03-01..2026-04-01" },
      ],
    ]);
  });
});

describe("time zones", () => {
  it("billing days are the customer's: a start late on Jan 31 UTC is Feb 1 in Kiritimati", () => {
    const h = history({
      phases: [normal("2026-01-31T12:00:00Z", "m")],
      variants: [variant({ id: "m", recurringFee: "28", alignment: "calendar" })],
      timeZone: "Pacific/Kiritimati",
    });
    // UTC+14: the contract starts on Feb 1 local, a whole February (28 days)
    expect(settle(h, ["2026-02-01"])).toEqual([
      [{ key: "fee:m:1:2026-02-01", amount: "28.00", period: "2026-02-01..2026-03-01" }],
    ]);
  });
});

describe("properties", () => {
  const dates = fc
    .integer({ min: 0, max: 800 })
    .map((n) => d("2025-01-01").add({ days: n }).toString());

  it("settling again bills nothing; settling in steps bills what settling once does", () => {
    fc.assert(
      fc.property(
        dates,
        fc.array(dates, { minLength: 1, maxLength: 6 }),
        fc.constantFrom<"prepaid" | "postpaid">("prepaid", "postpaid"),
        fc.constantFrom<"anniversary" | "calendar">("anniversary", "calendar"),
        (start, stops, mode, alignment) => {
          const v = variant({ id: "v", recurringFee: "17.99", paymentMode: mode, alignment });
          const w = variant({ id: "w", recurringFee: "29.50", paymentMode: mode, alignment });
          const sorted = [...stops].sort();
          const change = d(start).add({ days: 40 }).toString();
          const h = history({
            phases: [normal(start, "v"), normal(change, "w")],
            variants: [v, w],
          });
          const last = sorted.at(-1)!;
          const stepwise: BilledItem[] = [];
          settle(h, sorted, stepwise);
          expect(settle(h, [last], stepwise)).toEqual([[]]);
          const once: BilledItem[] = [];
          settle(h, [last], once);
          const total = (items: BilledItem[]) => items.reduce((n, i) => n + i.amount.amount, 0n);
          expect(total(stepwise)).toBe(total(once));
        },
      ),
    );
  });

  /** A random contract history: phase changes among variants of different shapes, components, usage, an end. */
  const histories = fc
    .record({
      start: fc.integer({ min: 0, max: 400 }),
      trialDays: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
      changes: fc.array(
        fc.record({
          after: fc.integer({ min: 1, max: 120 }),
          variant: fc.constantFrom("m", "y", "mp", "q"),
          quantity: fc.constantFrom("1", "2", "3"),
        }),
        { maxLength: 4 },
      ),
      endAfter: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
      seats: fc.array(
        fc.record({
          from: fc.integer({ min: 0, max: 300 }),
          days: fc.option(fc.integer({ min: 1, max: 200 }), { nil: null }),
          quantity: fc.constantFrom("1", "4", "7"),
        }),
        { maxLength: 3 },
      ),
      usage: fc.array(
        fc.record({
          day: fc.integer({ min: 0, max: 500 }),
          quantity: fc.constantFrom("5", "250", "1000"),
        }),
        { maxLength: 6 },
      ),
      alignment: fc.constantFrom<"anniversary" | "calendar">("anniversary", "calendar"),
    })
    .map((r) => {
      const day0 = d("2025-01-01").add({ days: r.start });
      const iso = (x: Temporal.PlainDate) => x.toString();
      const shapes: VariantTerms[] = [
        variant({ id: "m", recurringFee: "19.99", alignment: r.alignment }),
        variant({
          id: "y",
          recurringFee: "199",
          feePeriod: year,
          billingPeriod: month,
          alignment: r.alignment,
          quotas: [{ componentId: "calls", quantity: "100" }],
        }),
        variant({
          id: "mp",
          recurringFee: "7.77",
          paymentMode: "postpaid",
          alignment: r.alignment,
        }),
        variant({
          id: "q",
          recurringFee: "45",
          feePeriod: { unit: "month", count: 3 },
          alignment: r.alignment,
        }),
      ];
      const phases: Phase[] = [];
      let cursor = day0;
      if (r.trialDays !== null) {
        phases.push({ type: "trial", start: at(iso(cursor)), planVariantId: "m", quantity: "1" });
        cursor = cursor.add({ days: r.trialDays });
      }
      phases.push(normal(iso(cursor), "m"));
      for (const c of r.changes) {
        cursor = cursor.add({ days: c.after });
        phases.push(normal(iso(cursor), c.variant, c.quantity));
      }
      const end = r.endAfter === null ? undefined : iso(cursor.add({ days: r.endAfter }));
      return history({
        phases,
        ...(end ? { end } : {}),
        variants: shapes,
        components: [
          {
            id: "seats",
            name: "Seats",
            type: "quantity",
            price: { model: "per_unit", unitPrice: "2.5" },
            feePeriod: month,
            prorate: true,
            billInTrial: false,
          },
          {
            id: "calls",
            name: "Calls",
            type: "metered",
            price: {
              model: "tiered",
              tiers: [
                { from: "0", price: "0.01" },
                { from: "500", price: "0.005" },
              ],
            },
            feePeriod: month,
            prorate: false,
            billInTrial: false,
          },
        ],
        rest: {
          componentSubscriptions: r.seats.map((x, i) => ({
            id: `s${i}`,
            componentId: "seats",
            quantity: x.quantity,
            start: at(iso(day0.add({ days: x.from }))),
            end: x.days === null ? null : at(iso(day0.add({ days: x.from + x.days }))),
          })),
          usage: r.usage.map((u) => ({
            componentId: "calls",
            quantity: u.quantity,
            date: day0.add({ days: u.day }),
          })),
        },
      });
    });

  it("random histories: day by day and once at the end bill the same; no charge is billed twice", () => {
    fc.assert(
      fc.property(
        histories,
        fc.array(fc.integer({ min: 0, max: 900 }), { minLength: 1, maxLength: 8 }),
        (h, offsets) => {
          const first = Temporal.PlainDate.from(
            h.timeline.start.toZonedDateTimeISO("UTC").toPlainDate(),
          );
          const stops = [...new Set(offsets)]
            .sort((x, y) => x - y)
            .map((o) => first.add({ days: o }).toString());
          const last = stops.at(-1)!;
          const stepwise: BilledItem[] = [];
          settle(h, stops, stepwise);
          const once: BilledItem[] = [];
          settle(h, [last], once);
          const byKey = (items: BilledItem[]) => {
            const m = new Map<string, bigint>();
            for (const i of items) m.set(i.key, (m.get(i.key) ?? 0n) + i.amount.amount);
            return m;
          };
          // every charge ends up billed exactly at the amount it should be, whatever the steps
          const expected = new Map(
            expectedItems(h, d(last))
              .filter((i) => Temporal.PlainDate.compare(i.due, d(last)) <= 0)
              .map((i) => [i.key, i.amount.amount]),
          );
          const nonZero = (m: Map<string, bigint>) => new Map([...m].filter(([, v]) => v !== 0n));
          expect(nonZero(byKey(stepwise))).toEqual(nonZero(expected));
          expect(nonZero(byKey(once))).toEqual(nonZero(expected));
          // and settling again adds nothing
          expect(settle(h, [last], stepwise)).toEqual([[]]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
