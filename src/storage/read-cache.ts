/**
 * The embedded database's read cache: hot records (a customer, a contract with its timeline)
 * served from memory, coherent with every committed write.
 *
 * Why it can be coherent: in embedded mode this process is the database's only client (the
 * data directory is locked) and PGlite runs one statement at a time on one connection; a
 * transaction holds that connection from BEGIN to COMMIT. The Kysely plugin below sees every
 * statement before it runs; any statement that may write (anything but a plain SELECT)
 * empties the cache and moves its generation on. So:
 *
 *   - a read that finds an entry gets what the last committed state holds: any write since
 *     the entry was stored emptied the cache, and a transaction still open that will write
 *     has either written already (emptied) or not (its change is not committed yet);
 *   - a read that misses loads from the database and stores the result only if no write
 *     statement ran in between (the generation is unchanged), so a load that raced a write
 *     is used once and never remembered;
 *   - a rolled-back write leaves an empty cache, which only costs a reload.
 *
 * Reads inside a transaction (a mutation's ctx.db) bypass the cache: they must see the
 * transaction's own writes. On PostgreSQL other processes write the same tables, so there is
 * no cache there (see docs/architecture.md).
 */
import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  SelectQueryNode,
  type UnknownRow,
} from "kysely";

/** Entries kept at most; the oldest goes first. */
const MAX_ENTRIES = 50_000;

/** A raw statement that reads only: SELECT/SHOW/EXPLAIN without a data-changing keyword. */
const READ_ONLY_RAW = /^\s*(select|show|explain)\b/i;
// whole words (a column `updated_at` or `deleted_at` is no write); FOR UPDATE counts as one
const WRITING_WORD = /\b(insert|update|delete|merge|truncate)\b|\b(nextval|setval|pg_advisory)/i;

export class ReadCache {
  #entries = new Map<string, unknown>();
  #generation = 0;
  hits = 0;
  misses = 0;

  /** A statement that may write is about to run: forget everything. */
  invalidate(): void {
    this.#generation++;
    if (this.#entries.size > 0) this.#entries = new Map();
  }

  /**
   * The value under `key`, or `load()`'s, remembered (frozen) when no write ran meanwhile.
   * `undefined` (not found) is remembered too.
   */
  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.#entries.has(key)) {
      this.hits++;
      return this.#entries.get(key) as T;
    }
    this.misses++;
    const generation = this.#generation;
    const value = await load();
    if (generation === this.#generation) {
      if (this.#entries.size >= MAX_ENTRIES) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
      this.#entries.set(key, deepFreeze(value));
    }
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Plain objects and arrays frozen all the way down, so a caller cannot change an entry. */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  Object.freeze(value);
  for (const inner of Object.values(value as object)) deepFreeze(inner);
  return value;
}

/** Whether a statement reads only. In doubt, it writes. */
export function readsOnly(node: RootOperationNode, rawSql?: string): boolean {
  if (SelectQueryNode.is(node)) return node.with === undefined;
  if (node.kind === "RawNode" && rawSql !== undefined) {
    return READ_ONLY_RAW.test(rawSql) && !WRITING_WORD.test(rawSql);
  }
  return false;
}

/** Empties `cache` before any statement that may write runs. */
export class ReadCachePlugin implements KyselyPlugin {
  constructor(private readonly cache: ReadCache) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    const raw =
      node.kind === "RawNode" ? (node.sqlFragments as readonly string[]).join(" ") : undefined;
    if (!readsOnly(node, raw)) this.cache.invalidate();
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const caches = new WeakMap<object, ReadCache>();

/** Attaches `cache` to a database handle (the root one, not a transaction's). */
export function attachReadCache(db: object, cache: ReadCache): void {
  caches.set(db, cache);
}

/**
 * `load()` through the read cache of `db` when it has one (the embedded database's root
 * handle), else straight to the database (PostgreSQL, or inside a transaction).
 */
export function cachedRead<T>(db: object, key: string, load: () => Promise<T>): Promise<T> {
  const cache = caches.get(db);
  return cache ? cache.get(key, load) : load();
}

/** The read cache of `db`, if it has one. */
export function readCacheOf(db: object): ReadCache | undefined {
  return caches.get(db);
}
