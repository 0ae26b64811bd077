/**
 * The read cache: hot records (a customer, a contract with its timeline) served from memory,
 * coherent with every committed write.
 *
 * Embedded (PGlite), this process is the database's only client (the data directory is
 * locked) and PGlite runs one statement at a time on one connection; a transaction holds that
 * connection from BEGIN to COMMIT. The Kysely plugin below sees every statement before it
 * runs; any statement that may write (anything but a plain SELECT) empties the cache and
 * moves its generation on. So:
 *
 *   - a read that finds an entry gets what the last committed state holds: any write since
 *     the entry was stored emptied the cache, and a transaction still open that will write
 *     has either written already (emptied) or not (its change is not committed yet);
 *   - a read that misses loads from the database and stores the result only if no write
 *     statement ran in between (the generation is unchanged), so a load that raced a write
 *     is used once and never remembered;
 *   - a rolled-back write leaves an empty cache, which only costs a reload.
 *
 * On PostgreSQL other processes write the same tables. Triggers on the cached tables record
 * the id of each transaction that changed them (migration 0071), and a read that finds an
 * entry first waits for a fence (`ReadCacheFence`, read-cache-fence.ts): a statement
 * sent after the read arrived that reads the ids recorded since the last fence, and empties
 * the cache when one is new. Once the fence is answered, every write committed before the
 * read arrived has emptied the cache, and what is still there is current. Reads that arrive
 * together share one fence, which is what makes the cache cheaper than the reads it answers.
 * Without the fence's connection (not yet, or lost), the cache answers nothing and stores
 * nothing.
 *
 * Reads inside a transaction (a mutation's ctx.db) bypass the cache: they must see the
 * transaction's own writes.
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

/** Resolves once every write committed before it was asked for has emptied the cache. */
export type Fence = () => Promise<void>;

export class ReadCache {
  #entries = new Map<string, unknown>();
  #generation = 0;
  #fence: Fence | null;
  #live: boolean;
  hits = 0;
  misses = 0;

  /**
   * Without a fence (embedded) the cache is live at once; with one (PostgreSQL) it is
   * suspended until `resume()`: its fences cannot be answered yet.
   */
  constructor(fence: Fence | null = null) {
    this.#fence = fence;
    this.#live = fence === null;
  }

  /** A write is about to run, or one has committed: forget everything. */
  invalidate(): void {
    this.#generation++;
    if (this.#entries.size > 0) this.#entries = new Map();
  }

  /** Writes can no longer be learnt of (the fence's connection is lost): answer nothing. */
  suspend(): void {
    this.#live = false;
    this.invalidate();
  }

  /** Writes are learnt of again from now on; what was stored before is forgotten. */
  resume(): void {
    this.invalidate();
    this.#live = true;
  }

  get live(): boolean {
    return this.#live;
  }

  /**
   * The value under `key`, or `load()`'s, remembered (frozen) when no write ran meanwhile.
   * `undefined` (not found) is remembered too.
   */
  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.#live && this.#entries.has(key)) {
      if (this.#fence === null) {
        this.hits++;
        return this.#entries.get(key) as T;
      }
      // a fence that fails (the connection lost) proves nothing: load
      const fenced = await this.#fence().then(
        () => true,
        () => false,
      );
      if (fenced && this.#live && this.#entries.has(key)) {
        this.hits++;
        return this.#entries.get(key) as T;
      }
    }
    this.misses++;
    const generation = this.#generation;
    const value = await load();
    if (this.#live && generation === this.#generation) {
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
 * `load()` through the read cache of `db` when it has one (a database's root handle), else
 * straight to the database (inside a transaction, or a database opened without one).
 */
export function cachedRead<T>(db: object, key: string, load: () => Promise<T>): Promise<T> {
  const cache = caches.get(db);
  return cache ? cache.get(key, load) : load();
}

/** The read cache of `db`, if it has one. */
export function readCacheOf(db: object): ReadCache | undefined {
  return caches.get(db);
}
