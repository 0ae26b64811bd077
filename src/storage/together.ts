/**
 * Several writes in one statement, so that they cost one round trip:
 * `WITH s0 AS (<write 0>), s1 AS (<write 1>) <write 2>`. PostgreSQL runs every data-modifying
 * statement of a WITH exactly once, on one snapshot, whether or not its result is read. The
 * writes must therefore not depend on one another (they cannot see each other's rows) and
 * their results are not returned; an error in any of them fails the whole statement.
 *
 * `executeWith` puts a change first that decides in the database whether it happens (usage
 * inserted only when its contract and component hold): the writes that go with it read its
 * answer (what a data-modifying part returned), so they run only when it happened.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "./schema.js";
import { fromShapes, isShaped, realize, type Shaped, shaped } from "./shapes.js";

/** A write of a statement: built, or shaped (src/storage/shapes.ts); null for none. */
export type Write = RawBuilder<unknown> | Shaped<RawBuilder<unknown>> | null;

const present = (w: Write): w is Exclude<Write, null> => w !== null;

/** Runs `writes` (nulls skipped) as one statement; nothing to run, no statement. */
export async function executeTogether(db: Kysely<DB>, writes: readonly Write[]): Promise<void> {
  const all = writes.filter(present);
  if (all.length === 0) return;
  const compose = (built: readonly RawBuilder<unknown>[]) => {
    const ctes = built.slice(0, -1).map((w, i) => sql`${sql.raw(`s${i}`)} AS (${w})`);
    const last = built[built.length - 1]!;
    return ctes.length === 0 ? last : sql`WITH ${sql.join(ctes)} ${last}`;
  };
  await (all.every((w) => isShaped(w))
    ? fromShapes(db, "together", all, compose)
    : compose(all.map(realize))
  ).execute(db);
}

/**
 * A change that decides in the database whether it happens: `parts` are the named queries of
 * the statement's WITH, in order (reads, and data-modifying queries with RETURNING), and
 * `answer` is the SELECT over them that the caller reads. The change happened when `answer`
 * returned a row; when it returned none, its parts must have written nothing. The names
 * `answer` and `s0`, `s1`, … are taken.
 */
export type Change<R> = {
  parts: readonly (readonly [name: string, query: RawBuilder<unknown>])[];
  answer: RawBuilder<R>;
};

/**
 * Runs `change` and the writes that go with it as one statement:
 * `WITH <parts>, answer AS (<answer>), s0 AS (<write 0>), … SELECT * FROM answer`, and returns
 * the answer's rows. `writes` receives the condition "the change happened"
 * (`EXISTS (SELECT 1 FROM answer)`) and each write must hold to it, so that it runs only
 * from a change that happened. One statement: all of it is written, or none.
 */
export async function executeWith<R>(
  db: Kysely<DB>,
  change: Change<R> | Shaped<Change<R>>,
  writes: (happened: RawBuilder<boolean>) => readonly Write[],
): Promise<R[]> {
  const others = writes(HAPPENED).filter(present);
  const compose = ([built, ...rest]: readonly [Change<R>, ...RawBuilder<unknown>[]]) => {
    const ctes = [
      ...built.parts.map(([name, query]) => sql`${sql.id(name)} AS (${query})`),
      sql`answer AS (${built.answer})`,
      ...rest.map((w, i) => sql`${sql.raw(`s${i}`)} AS (${w})`),
    ];
    return sql<R>`WITH ${sql.join(ctes)} SELECT * FROM answer`;
  };
  const statement =
    isShaped<Change<R>>(change) && others.every((w) => isShaped(w))
      ? fromShapes(db, "with a change", [change, ...others] as const, compose)
      : compose([realize(change), ...others.map(realize)]);
  const { rows } = await statement.execute(db);
  return rows;
}

/**
 * A write shaped under `key` (src/storage/shapes.ts) when it runs on its own or with a change
 * (`onlyIf` none or `HAPPENED`, which the key then names); with any other condition, built,
 * since the key could not tell that condition's text apart.
 */
export function shapedWrite(
  key: string,
  values: readonly unknown[],
  onlyIf: RawBuilder<boolean> | null,
  build: (values: readonly unknown[]) => RawBuilder<unknown>,
): Write {
  if (onlyIf !== null && onlyIf !== HAPPENED) return build(values);
  return shaped(onlyIf === null ? key : `${key} if happened`, values, build);
}

/**
 * The condition `executeWith` gives the writes that go with a change: the change happened.
 * One object, so a shaped write (src/storage/shapes.ts) can tell it from any other condition.
 */
export const HAPPENED: RawBuilder<boolean> = sql<boolean>`EXISTS (SELECT 1 FROM answer)`;
