import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { cellAt, cellsOverlapping, type Grid, wholeDays } from "./grid.js";

const d = (s: string) => Temporal.PlainDate.from(s);
const monthly = (restarts: string[]): Grid => ({
  anchor: d("2025-04-01"),
  period: { unit: "month", count: 1 },
  alignment: "anniversary",
  restarts: restarts.map(d),
});
const span = (c: { start: Temporal.PlainDate; end: Temporal.PlainDate }) => `${c.start}..${c.end}`;

describe("grids restarting at a moved term end", () => {
  it("cut short: the period holding the restart ends there, priced by its whole length", () => {
    const grid = monthly(["2025-04-21"]);
    const cut = cellAt(grid, d("2025-04-10"));
    expect(span(cut)).toBe("2025-04-01..2025-04-21");
    // 20 days of a 30-day period
    expect(wholeDays(cut)).toBe(30);
    expect(span(cellAt(grid, d("2025-04-21")))).toBe("2025-04-21..2025-05-21");
    expect(cellsOverlapping(grid, d("2025-03-15"), d("2025-06-01")).map(span)).toEqual([
      "2025-03-01..2025-04-01",
      "2025-04-01..2025-04-21",
      "2025-04-21..2025-05-21",
      "2025-05-21..2025-06-21",
    ]);
  });

  it("stretched: a partial period up to the restart, then periods from it", () => {
    const grid = monthly(["2025-05-11"]);
    const partial = cellAt(grid, d("2025-05-01"));
    expect(span(partial)).toBe("2025-05-01..2025-05-11");
    expect(wholeDays(partial)).toBe(31);
    expect(span(cellAt(grid, d("2025-04-30")))).toBe("2025-04-01..2025-05-01");
    expect(wholeDays(cellAt(grid, d("2025-04-30")))).toBe(30);
  });

  it("several restarts, and a restart on a period boundary changes nothing", () => {
    const grid = monthly(["2025-05-01", "2025-05-11"]);
    expect(cellsOverlapping(grid, d("2025-04-01"), d("2025-06-15")).map(span)).toEqual([
      "2025-04-01..2025-05-01",
      "2025-05-01..2025-05-11",
      "2025-05-11..2025-06-11",
      "2025-06-11..2025-07-11",
    ]);
    expect(span(cellAt(monthly([]), d("2025-05-03")))).toBe("2025-05-01..2025-06-01");
  });

  it("random restarts: the cells tile the days without gap or overlap, none longer than its whole", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 5 }),
        fc.constantFrom(1, 3, 12),
        (offsets, months) => {
          const anchor = d("2025-01-31");
          const restarts = [...new Set(offsets)].sort((x, y) => x - y);
          const grid: Grid = {
            anchor,
            period: { unit: "month", count: months },
            alignment: "anniversary",
            restarts: restarts.map((o) => anchor.add({ days: o })),
          };
          const cells = cellsOverlapping(grid, anchor, anchor.add({ days: 800 }));
          expect(cells[0]!.start.toString()).toBe(anchor.toString());
          for (const [i, c] of cells.entries()) {
            const days = c.start.until(c.end).days;
            expect(days).toBeGreaterThan(0);
            expect(days).toBeLessThanOrEqual(wholeDays(c));
            if (i > 0) expect(cells[i - 1]!.end.toString()).toBe(c.start.toString());
            // every day of a cell is held by that cell
            expect(span(cellAt(grid, c.end.subtract({ days: 1 })))).toBe(span(c));
          }
          // every restart starts a cell
          const starts = new Set(cells.map((c) => c.start.toString()));
          for (const r of grid.restarts!) expect(starts.has(r.toString())).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
