import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { date, expectInvalid, periodArb, trickyDateArb } from "./arbitraries.testing.js";
import { addPeriods, type Period } from "./duration.js";
import { compareDates } from "./span.js";
import {
  contractTermEnd,
  contractTermEndAt,
  type EndDateRequest,
  nextPossibleEndDate,
  trialEnd,
} from "./terms.js";

const days = (count: number): Period => ({ unit: "day", count });
const months = (count: number): Period => ({ unit: "month", count });
const years = (count: number): Period => ({ unit: "year", count });

const ends = (start: string, contract: Period, later: Period | undefined, n: number) =>
  Array.from({ length: n }, (_, k) =>
    contractTermEndAt(date(start), contract, later, k).toString(),
  );

describe("trialEnd", () => {
  it("adds the trial period once", () => {
    expect(trialEnd(date("2024-05-15"), days(14)).toString()).toBe("2024-05-29");
    expect(trialEnd(date("2024-01-31"), months(1)).toString()).toBe("2024-02-29");
  });
});

describe("contract terms", () => {
  it("renew from the start without month-end drift", () => {
    expect(ends("2024-01-31", months(1), undefined, 4)).toEqual([
      "2024-02-29",
      "2024-03-31",
      "2024-04-30",
      "2024-05-31",
    ]);
    expect(ends("2024-02-29", years(1), undefined, 4)).toEqual([
      "2025-02-28",
      "2026-02-28",
      "2027-02-28",
      "2028-02-29",
    ]);
    expect(ends("2024-01-31", years(1), months(1), 3)).toEqual([
      "2025-01-31",
      "2025-02-28",
      "2025-03-31",
    ]);
  });

  it("anchor mixed day/month renewals on the first term end", () => {
    expect(ends("2024-01-17", days(14), months(1), 3)).toEqual([
      "2024-01-31",
      "2024-02-29",
      "2024-03-31",
    ]);
    expect(ends("2024-01-01", months(1), { unit: "week", count: 2 }, 3)).toEqual([
      "2024-02-01",
      "2024-02-15",
      "2024-02-29",
    ]);
  });

  it("contractTermEnd returns the end of the term holding now", () => {
    const start = date("2024-01-31");
    const at = (now: string) => contractTermEnd(start, years(1), months(1), date(now)).toString();
    expect(at("2023-12-01")).toBe("2025-01-31"); // before the start: the initial term
    expect(at("2024-01-31")).toBe("2025-01-31");
    expect(at("2025-01-30")).toBe("2025-01-31");
    expect(at("2025-01-31")).toBe("2025-02-28"); // the end day already belongs to the renewal
    expect(at("2025-03-15")).toBe("2025-03-31");
    expect(
      contractTermEnd(date("2024-02-29"), years(1), undefined, date("2027-06-01")).toString(),
    ).toBe("2028-02-29");
  });

  it("rejects bad periods and indexes", () => {
    expectInvalid(
      () => contractTermEndAt(date("2024-01-01"), months(0), undefined, 0),
      "invalid_period",
    );
    expectInvalid(
      () => contractTermEndAt(date("2024-01-01"), months(1), days(-1), 0),
      "invalid_period",
    );
    expectInvalid(
      () => contractTermEndAt(date("2024-01-01"), months(1), undefined, -1),
      "invalid_term_index",
    );
  });
});

describe("nextPossibleEndDate", () => {
  const yearly = { start: date("2024-01-01"), contractPeriod: months(12), noticePeriod: months(3) };
  const end = (r: EndDateRequest) => {
    const { endDate, lastNoticeDate } = nextPossibleEndDate(r);
    return { endDate: endDate.toString(), lastNoticeDate: lastNoticeDate.toString() };
  };

  it("ends at the first term end the notice still fits before", () => {
    // Sep 15 + 3 months = Dec 15 ≤ Jan 1 2025.
    expect(end({ ...yearly, requestDate: date("2024-09-15") })).toEqual({
      endDate: "2025-01-01",
      lastNoticeDate: "2024-10-01",
    });
    // Oct 1 + 3 months = Jan 1: just in time.
    expect(end({ ...yearly, requestDate: date("2024-10-01") }).endDate).toBe("2025-01-01");
    // Oct 2 + 3 months = Jan 2 > Jan 1: the contract renews for another year.
    expect(end({ ...yearly, requestDate: date("2024-10-02") })).toEqual({
      endDate: "2026-01-01",
      lastNoticeDate: "2025-10-01",
    });
  });

  it("uses the later notice period for renewal terms", () => {
    // 24-month minimum term with 3 months' notice, then monthly renewals with 1 month's.
    const r = {
      start: date("2024-01-01"),
      contractPeriod: months(24),
      laterContractPeriod: months(1),
      noticePeriod: months(3),
      laterNoticePeriod: months(1),
    };
    expect(end({ ...r, requestDate: date("2025-09-30") })).toEqual({
      endDate: "2026-01-01",
      lastNoticeDate: "2025-10-01",
    });
    // Too late for the first term; Nov 15 + 1 month = Dec 15 ≤ Feb 1.
    expect(end({ ...r, requestDate: date("2025-11-15") })).toEqual({
      endDate: "2026-02-01",
      lastNoticeDate: "2026-01-01",
    });
  });

  it("lets clamped month ends give notice up to the last qualifying day", () => {
    // Term ends Feb 28 2025; Jan 31 + 1 month = Feb 28, so Jan 31 still reaches it.
    expect(
      end({
        start: date("2025-01-28"),
        contractPeriod: months(1),
        noticePeriod: months(1),
        requestDate: date("2025-01-28"),
      }),
    ).toEqual({ endDate: "2025-02-28", lastNoticeDate: "2025-01-31" });
  });

  it("without notice ends at the next term end, the same day on a term end", () => {
    const r = { start: date("2024-01-31"), contractPeriod: months(1) };
    expect(end({ ...r, requestDate: date("2024-03-15") })).toEqual({
      endDate: "2024-03-31",
      lastNoticeDate: "2024-03-31",
    });
    expect(end({ ...r, requestDate: date("2024-03-31") }).endDate).toBe("2024-03-31");
  });

  it("without a contract period ends after the notice, or at once", () => {
    expect(
      end({ start: date("2024-01-01"), noticePeriod: months(1), requestDate: date("2024-03-10") }),
    ).toEqual({
      endDate: "2024-04-10",
      lastNoticeDate: "2024-03-10",
    });
    expect(end({ start: date("2024-01-01"), requestDate: date("2024-03-10") })).toEqual({
      endDate: "2024-03-10",
      lastNoticeDate: "2024-03-10",
    });
    expectInvalid(
      () =>
        nextPossibleEndDate({
          start: date("2024-01-01"),
          laterContractPeriod: months(1),
          requestDate: date("2024-03-10"),
        }),
      "invalid_contract_terms",
    );
  });
});

describe("properties", () => {
  const termPeriodArb = periodArb().filter((p) => p.unit !== "day" || p.count >= 7);
  const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

  it("term ends increase and contractTermEnd picks the term holding now", () => {
    fc.assert(
      fc.property(
        trickyDateArb(1950, 2150),
        termPeriodArb,
        optional(termPeriodArb),
        fc.integer({ min: -100, max: 3000 }),
        (start, contract, later, offset) => {
          const now = start.add({ days: offset });
          const e = contractTermEnd(start, contract, later, now);
          expect(compareDates(e, now)).toBeGreaterThan(0);
          let k = 0;
          while (!contractTermEndAt(start, contract, later, k).equals(e)) {
            const previous = contractTermEndAt(start, contract, later, k);
            expect(compareDates(previous, now)).toBeLessThanOrEqual(0);
            expect(
              compareDates(contractTermEndAt(start, contract, later, k + 1), previous),
            ).toBeGreaterThan(0);
            k++;
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("the end date is the earliest reachable term end, and lastNoticeDate is tight", () => {
    fc.assert(
      fc.property(
        trickyDateArb(1950, 2150),
        optional(termPeriodArb),
        optional(termPeriodArb),
        optional(periodArb(["day", "week", "month"])),
        optional(periodArb(["day", "week", "month"])),
        fc.integer({ min: -100, max: 2000 }),
        (start, contractPeriod, later, noticePeriod, laterNoticePeriod, offset) => {
          const base = {
            start,
            contractPeriod,
            laterContractPeriod: contractPeriod ? later : undefined,
            noticePeriod,
            laterNoticePeriod,
          };
          const requestDate = start.add({ days: offset });
          const { endDate, lastNoticeDate } = nextPossibleEndDate({ ...base, requestDate });
          const noticeFor = (k: number) =>
            k === 0 ? noticePeriod : (laterNoticePeriod ?? noticePeriod);
          const reach = (d: typeof requestDate, notice: Period | undefined) =>
            notice ? addPeriods(d, notice, 1) : d;

          let notice = noticePeriod;
          if (contractPeriod) {
            // endDate is a term end; every earlier term end was out of reach.
            let k = 0;
            for (; ; k++) {
              const e = contractTermEndAt(start, contractPeriod, base.laterContractPeriod, k);
              if (e.equals(endDate)) break;
              expect(compareDates(e, endDate)).toBeLessThan(0);
              expect(compareDates(reach(requestDate, noticeFor(k)), e)).toBeGreaterThan(0);
            }
            notice = noticeFor(k);
          }
          expect(compareDates(reach(requestDate, notice), endDate)).toBeLessThanOrEqual(0);
          expect(compareDates(requestDate, lastNoticeDate)).toBeLessThanOrEqual(0);
          expect(compareDates(reach(lastNoticeDate, notice), endDate)).toBeLessThanOrEqual(0);
          if (contractPeriod) {
            const afterLast = lastNoticeDate.add({ days: 1 });
            expect(compareDates(reach(afterLast, notice), endDate)).toBeGreaterThan(0);
            expect(nextPossibleEndDate({ ...base, requestDate: lastNoticeDate }).endDate).toEqual(
              endDate,
            );
            expect(
              compareDates(
                nextPossibleEndDate({ ...base, requestDate: afterLast }).endDate,
                endDate,
              ),
            ).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
