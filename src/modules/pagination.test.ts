import { describe, expect, it } from "vitest";
import { isAccrueError } from "../domain/errors.js";
import {
  decodeKeysetCursor,
  encodeKeysetCursor,
  fetchPage,
  fetchPageBatch,
  idCursorFor,
  keysetCursorFor,
  utcDayStart,
} from "./pagination.js";

type Row = { id: string; n: number };

const rows = (count: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({ id: `r_${i + 1}`, n: i + 1 }));

/** A fetch answering at most `available` rows, remembering the limits it was asked for. */
function source(available: number) {
  const asked: number[] = [];
  const fetch = async (limit: number) => {
    asked.push(limit);
    return rows(available).slice(0, limit);
  };
  return { asked, fetch };
}

const toItem = (r: Row) => ({ id: r.id, label: `#${r.n}` });

describe("fetchPage", () => {
  it("asks the fetch for limit + 1 rows", async () => {
    const { asked, fetch } = source(10);
    await fetchPage(3, fetch, toItem);
    expect(asked).toEqual([4]);
  });

  it("answers every row and no cursor when fewer than limit come back", async () => {
    const { fetch } = source(2);
    expect(await fetchPage(3, fetch, toItem)).toEqual({
      data: [
        { id: "r_1", label: "#1" },
        { id: "r_2", label: "#2" },
      ],
      has_more: false,
      next_cursor: null,
    });
  });

  it("has no more when exactly limit rows come back", async () => {
    const { fetch } = source(3);
    const page = await fetchPage(3, fetch, toItem);
    expect(page.data.map((i) => i.id)).toEqual(["r_1", "r_2", "r_3"]);
    expect(page.has_more).toBe(false);
    expect(page.next_cursor).toBeNull();
  });

  it("answers limit items and the last one's id as cursor when limit + 1 come back", async () => {
    const { fetch } = source(4);
    const page = await fetchPage(3, fetch, toItem);
    expect(page.data.map((i) => i.id)).toEqual(["r_1", "r_2", "r_3"]);
    expect(page.has_more).toBe(true);
    expect(page.next_cursor).toBe("r_3");
  });

  it("answers an empty page", async () => {
    const { fetch } = source(0);
    expect(await fetchPage(5, fetch, toItem)).toEqual({
      data: [],
      has_more: false,
      next_cursor: null,
    });
  });

  it("maps asynchronously, only the rows it answers, keeping their order", async () => {
    const { fetch } = source(4);
    const mapped: string[] = [];
    const page = await fetchPage(3, fetch, async (r) => {
      mapped.push(r.id);
      await new Promise((resolve) => setTimeout(resolve, 4 - r.n));
      return toItem(r);
    });
    expect(mapped).toEqual(["r_1", "r_2", "r_3"]);
    expect(page.data.map((i) => i.id)).toEqual(["r_1", "r_2", "r_3"]);
    expect(page.next_cursor).toBe("r_3");
  });

  it("takes the cursor from the mapped item, whatever the fetch orders by", async () => {
    // newest first: the fetch orders descending, the cursor is the oldest answered id
    const fetch = async (limit: number) => rows(5).reverse().slice(0, limit);
    const page = await fetchPage(2, fetch, toItem);
    expect(page.data.map((i) => i.id)).toEqual(["r_5", "r_4"]);
    expect(page.next_cursor).toBe("r_4");
  });
});

describe("fetchPageBatch", () => {
  it("asks for limit + 1 and maps the page's rows together", async () => {
    const { asked, fetch } = source(4);
    const batches: string[][] = [];
    const page = await fetchPageBatch(3, fetch, async (rs) => {
      batches.push(rs.map((r) => r.id));
      return rs.map(toItem);
    });
    expect(asked).toEqual([4]);
    expect(batches).toEqual([["r_1", "r_2", "r_3"]]);
    expect(page).toMatchObject({ has_more: true, next_cursor: "r_3" });
  });
});

describe("keyset cursors", () => {
  const byTotal = { sort: "total", order: "asc" as const };
  const cursor = encodeKeysetCursor({ ...byTotal, values: ["EUR", "1050"], id: "inv_1" });
  const isId = (c: string) => c.startsWith("inv_");
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return isAccrueError(e) ? `${e.kind} ${e.code}` : String(e);
    }
    return "no error";
  };

  it("answers the next cursor from the last answered row when asked to", async () => {
    const { fetch } = source(5);
    const page = await fetchPage(2, fetch, toItem, (r) => `after ${r.n}`);
    expect(page.next_cursor).toBe("after 2");
    const last = await fetchPage(5, fetch, toItem, (r) => `after ${r.n}`);
    expect(last.next_cursor).toBeNull();
  });

  it("round-trips, opaque (no plain value in it) and URL-safe", () => {
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain("EUR");
    expect(decodeKeysetCursor(cursor)).toEqual({
      ...byTotal,
      values: ["EUR", "1050"],
      id: "inv_1",
    });
    const withNull = encodeKeysetCursor({ sort: "number", order: "desc", values: [null], id: "x" });
    expect(decodeKeysetCursor(withNull)?.values).toEqual([null]);
  });

  it("is no keyset cursor when it is an id or garbage", () => {
    for (const c of ["inv_01ABC", "", "e30", "%%%", Buffer.from("[2,1]").toString("base64url")]) {
      expect(decodeKeysetCursor(c), c).toBeNull();
    }
  });

  it("is read back only for its own sort, direction and number of values", () => {
    expect(keysetCursorFor(cursor, byTotal, 2, isId)?.values).toEqual(["EUR", "1050"]);
    expect(keysetCursorFor(undefined, byTotal, 2, isId)).toBeUndefined();
    const cases: [() => unknown, string][] = [
      [
        () => keysetCursorFor(cursor, { sort: "total", order: "desc" }, 2, isId),
        "invalid cursor_sort_mismatch",
      ],
      [
        () => keysetCursorFor(cursor, { sort: "number", order: "asc" }, 1, isId),
        "invalid cursor_sort_mismatch",
      ],
      [() => keysetCursorFor("inv_01ABC", byTotal, 2, isId), "invalid cursor_sort_mismatch"],
      [() => keysetCursorFor("nonsense", byTotal, 2, isId), "invalid invalid_cursor"],
      [() => keysetCursorFor(cursor, byTotal, 1, isId), "invalid invalid_cursor"],
      [() => idCursorFor(cursor, "asc"), "invalid cursor_sort_mismatch"],
    ];
    for (const [fn, code] of cases) expect(codeOf(fn)).toBe(code);
    expect(idCursorFor("inv_01ABC", "desc")).toBe("inv_01ABC");
  });
});

describe("utcDayStart", () => {
  it("is the day's first instant in UTC, a number of days later, across month and year ends", () => {
    expect(utcDayStart("2026-03-15", 0).toISOString()).toBe("2026-03-15T00:00:00.000Z");
    expect(utcDayStart("2026-02-28", 1).toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(utcDayStart("2028-02-28", 1).toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect(utcDayStart("2026-12-31", 1).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});
