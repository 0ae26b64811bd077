import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from "kysely";
import { describe, expect, it } from "vitest";
import { fromShapes, realize, shaped } from "./shapes.js";

// compiles only: no statement is run
const db = new Kysely<{ t: { id: string; n: number; at: Date } }>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

let builds = 0;
const byId = (id: string, ids: string[]) =>
  shaped("by id", [id, ids], ([one, many]) => {
    builds += 1;
    return sql`${db
      .selectFrom("t")
      .selectAll()
      .where("id", "=", one as string)
      .where(sql<boolean>`id = any(${many}::text[])`)
      .where("n", "is", null)}`;
  });
const stamp = (at: Date) => shaped("stamp", [at], ([when]) => sql`SELECT ${when}::timestamptz`);
const together = (pieces: readonly ReturnType<typeof sql>[]) =>
  sql`WITH ${sql.join(pieces.slice(0, -1).map((p, i) => sql`${sql.raw(`s${i}`)} AS (${p})`))} ${pieces[pieces.length - 1]!}`;

describe("statement shapes", () => {
  it("builds a shape once and fills each run's values in, in the places the builder put them", () => {
    builds = 0;
    const first = fromShapes(
      db,
      "test",
      [byId("a", ["a", "b"]), stamp(new Date(0))],
      together,
    ).compile(db);
    const at = new Date(86_400_000);
    const second = fromShapes(db, "test", [byId("c", ["c"]), stamp(at)], together).compile(db);
    expect(builds).toBe(1);
    expect(second.sql).toBe(first.sql);
    expect(second.parameters).toEqual(["c", ["c"], at]);
    // the same as building the statement from the values
    const built = together([realize(byId("c", ["c"])), realize(stamp(at))]).compile(db);
    expect(second.sql).toBe(built.sql);
    expect(second.parameters).toEqual(built.parameters);
  });

  it("tells shapes apart by their keys", () => {
    const one = fromShapes(db, "test", [stamp(new Date(0)), byId("a", [])], together).compile(db);
    const other = fromShapes(db, "test", [byId("a", []), stamp(new Date(0))], together).compile(db);
    expect(one.sql).not.toBe(other.sql);
    expect(one.parameters).toEqual([new Date(0), "a", []]);
  });

  it("refuses a shape holding a value that is none of its pieces' values", () => {
    // a builder that compares with a value it captured instead of taking it as a slot
    const capturing = (captured: string | number) =>
      shaped(
        `capturing ${typeof captured}`,
        ["x"],
        ([id]) =>
          sql`${db
            .selectFrom("t")
            .selectAll()
            .where("id", "=", id as string)
            .where(typeof captured === "string" ? "id" : "n", "<>", captured)}`,
      );
    for (const [captured, kind] of [
      ["tenant_1", "string"],
      [20, "number"],
    ] as const) {
      expect(() => fromShapes(db, "test", [capturing(captured)], ([q]) => q!)).toThrow(
        `parameter $2 (${kind}) is not one of the pieces' values`,
      );
    }
  });

  it("tells the same pieces composed otherwise apart by the composition's name", () => {
    const a = fromShapes(db, "first", [stamp(new Date(0))], ([q]) => q!).compile(db);
    const b = fromShapes(
      db,
      "second",
      [stamp(new Date(0))],
      ([q]) => sql`SELECT * FROM (${q!}) x`,
    ).compile(db);
    expect(a.sql).toBe("SELECT $1::timestamptz");
    expect(b.sql).toBe("SELECT * FROM (SELECT $1::timestamptz) x");
  });
});
