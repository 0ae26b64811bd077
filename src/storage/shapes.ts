/**
 * Statement shapes: a statement whose SQL text depends only on its shape (which parts it has,
 * not the values it carries) is built and compiled by Kysely once per shape; afterwards each
 * run only fills the values in.
 *
 * Building a statement with Kysely's builders and compiling it costs a request's path more
 * than anything else it does itself (measured on a single usage event: 143 µs of CPU to build
 * and compile its statement, a fifth of the server's CPU under load). A `Shaped` piece
 * carries its values and the function that builds it; `executeWith` and `executeTogether`
 * (src/storage/together.ts) compile a statement of shaped pieces the first time its shapes
 * come together and run it again from that text, and build an unshaped piece as usual.
 *
 * Rules for a shaped piece, held here where they can be checked:
 * - `build` builds the same statement whatever it is given: every value that varies is one
 *   of `values`, reached through the slot `build` receives in its place (a slot is sent as a
 *   parameter, so `build` must not look into it: no `.length`, no spreading, no method).
 * - `key` names everything else the text depends on (a choice made from the values, such as
 *   the transfer states a contract may be in).
 * When a shape is compiled, each of its parameters must be one of the slots: any other value
 * came from somewhere else and would be sent again with every later run, so the compile fails
 * instead (a constant the builder writes goes into the text, `sql.lit`). What the builder puts
 * into the text itself (`sql.lit`, `sql.raw`, `sql.id`) is held only by the key.
 *
 * Shapes are kept per process for every database handle: Accrue speaks one SQL dialect, and
 * no plugin of its handles rewrites a statement.
 *
 * A statement run from its shape still goes through Kysely (raw SQL over the compiled text):
 * plugins see it as any raw statement (the embedded read cache's, see read-cache.ts).
 */
import {
  createQueryId,
  createRawBuilder,
  type Kysely,
  type RawBuilder,
  RawNode,
  ValueNode,
} from "kysely";

/** A value of a shaped piece standing in while the shape is compiled. */
class Slot {
  constructor(
    readonly piece: number,
    readonly index: number,
  ) {}
}

/** A part of a statement, built from `values` by `build` (see the rules above). */
export type Shaped<T> = {
  readonly shaped: true;
  /** Equal keys, equal text for any values. */
  readonly key: string;
  readonly values: readonly unknown[];
  readonly build: (values: readonly unknown[]) => T;
};

export function shaped<T>(
  key: string,
  values: readonly unknown[],
  build: (values: readonly unknown[]) => T,
): Shaped<T> {
  return { shaped: true, key, values, build };
}

export const isShaped = <T>(piece: unknown): piece is Shaped<T> =>
  typeof piece === "object" && piece !== null && (piece as { shaped?: unknown }).shaped === true;

/** The piece built from its own values (a statement run once, not from its shape). */
export const realize = <T>(piece: T | Shaped<T>): T =>
  isShaped<T>(piece) ? piece.build(piece.values) : piece;

/** A compiled shape: the text between its parameters, and where each parameter comes from. */
type Compiled = {
  fragments: readonly string[];
  sources: readonly Slot[];
};

/** Shapes compiled so far, by composition and pieces' keys. Bounded: a shape is a code path. */
const compiled = new Map<string, Compiled>();
const MAX_SHAPES = 1_000;

const PLACEHOLDER = /\$(\d+)/g;

function compile<D>(db: Kysely<D>, statement: RawBuilder<unknown>, key: string): Compiled {
  const { sql: text, parameters } = statement.compile(db);
  const fragments: string[] = [];
  let from = 0;
  let expected = 1;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (Number(match[1]) !== expected) {
      throw new Error(`shape ${key}: $${match[1]} where $${expected} was expected in its text`);
    }
    fragments.push(text.slice(from, match.index));
    from = match.index + match[0].length;
    expected += 1;
  }
  fragments.push(text.slice(from));
  if (expected - 1 !== parameters.length) {
    throw new Error(`shape ${key}: ${parameters.length} parameters, ${expected - 1} placeholders`);
  }
  const sources = parameters.map((p, i) => {
    if (p instanceof Slot) return p;
    throw new Error(
      `shape ${key}: parameter $${i + 1} (${p === null ? "null" : typeof p}) is not one of the pieces' values`,
    );
  });
  return { fragments, sources };
}

/**
 * The statement `compose` makes of `pieces`, its text compiled once for its name and their
 * keys and filled with their values. `compose` receives each piece built (from slots when compiling).
 */
export function fromShapes<D, P extends readonly Shaped<unknown>[], R>(
  db: Kysely<D>,
  /** Names `compose`: the same pieces composed otherwise make another shape. */
  composition: string,
  pieces: P,
  compose: (built: { [K in keyof P]: P[K] extends Shaped<infer T> ? T : never }) => RawBuilder<R>,
): RawBuilder<R> {
  const key = [composition, ...pieces.map((p) => p.key)].join("\n");
  let shape = compiled.get(key);
  if (shape === undefined) {
    const built = pieces.map((p, piece) =>
      p.build(p.values.map((_, index) => new Slot(piece, index))),
    ) as { [K in keyof P]: P[K] extends Shaped<infer T> ? T : never };
    shape = compile(db, compose(built) as RawBuilder<unknown>, key);
    if (compiled.size < MAX_SHAPES) compiled.set(key, shape);
  }
  const values = shape.sources.map((s) => ValueNode.create(pieces[s.piece]!.values[s.index]));
  // what sql`…` makes of a template and its values, with the compiled text as the template
  return createRawBuilder<R>({
    queryId: createQueryId(),
    rawNode: RawNode.create(shape.fragments, values),
  });
}
