/**
 * The PostgreSQL side of the read cache (see read-cache.ts): one connection of its own that
 * answers fences, through which the cache learns of every write committed before the fence.
 *
 * The triggers of migration 0071 record, in `read_cache_changes`, the transaction id of each
 * transaction that changed a cached table. A fence reads, in one statement, the oldest
 * transaction still running (its snapshot's xmin: the horizon) and the ids recorded at or
 * past the horizon of the fence before. Every transaction that committed after the fence
 * before took its snapshot was then still running or not yet started, so its id is at or past
 * that horizon: a fence sees every change committed since the last one (and some it saw
 * already, which it knows by their ids). A change it has not seen empties the cache. Since a
 * fence runs after the reads it answers arrived, a write committed before a read arrived has
 * emptied the cache before the read is answered from it.
 *
 * One fence is in flight at a time; the reads that arrive meanwhile wait for the next one,
 * sent when it is answered, so a fence always starts after the reads it answers arrived.
 *
 * The recorded ids are deleted once every process has had time to see them: an id below the
 * horizon a fence saw `RETENTION_MS` ago belongs to a transaction that ended before then. A
 * process that has not fenced for half that time may have missed ids deleted meanwhile, so it
 * forgets its cache first. The connection lost, the cache is suspended (answers nothing,
 * stores nothing) until a new connection answers again, tried after 0.1 s, doubling to 5 s.
 */
import pg from "pg";
import { attachReadCache, ReadCache } from "./read-cache.js";

export const READ_CACHE_APPLICATION = "accrue read cache";

/** Ids recorded are kept this long after the transactions that recorded them ended. */
export const RETENTION_MS = 10 * 60_000;
/** At most this often, a fence deletes the ids every process has had time to see. */
const CLEAN_EVERY_MS = 60_000;
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;

/** The horizon now, and the ids of the changes recorded at or past the last horizon. */
const FENCE = `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon,
  ARRAY(SELECT xid::text FROM read_cache_changes WHERE xid >= $1::xid8) AS changes`;
const CLEAN = "DELETE FROM read_cache_changes WHERE xid < $1::xid8";

type Waiting = { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void };

function waiting(): Waiting {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const fences = new WeakMap<object, ReadCacheFence>();

/** The fence whose cache `db` reads through, if it has one (PostgreSQL). */
export function fenceOf(db: object): ReadCacheFence | undefined {
  return fences.get(db);
}

export class ReadCacheFence {
  readonly cache: ReadCache;
  #client: pg.Client | null = null;
  #closed = false;
  #retryMs = RETRY_FIRST_MS;
  #timer: NodeJS.Timeout | null = null;
  #inFlight = false;
  #next: Waiting | null = null;
  /** The horizon of the last fence, and the changes at or past it it saw. */
  #horizon = 0n;
  #seen = new Set<string>();
  #lastFenceAt = 0;
  /** Horizons seen, oldest first, at most one per CLEAN_EVERY_MS: what may be deleted when. */
  #horizons: { at: number; horizon: bigint }[] = [];
  #lastCleanAt = 0;
  /** Fences sent (for tests and benchmarks: how many reads shared each). */
  fences = 0;
  /** Deletions of recorded ids run (for tests). */
  cleanings = 0;

  constructor(
    private readonly url: string,
    /** Milliseconds of a monotonic clock (tests move it). */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.cache = new ReadCache(() => this.fence());
  }

  /** Serves `db`'s reads (see attachReadCache). */
  attach(db: object): void {
    attachReadCache(db, this.cache);
    fences.set(db, this);
  }

  /** Connects in the background; the cache answers once it is connected. */
  start(): void {
    void this.#connect();
  }

  async #connect(): Promise<void> {
    this.#timer = null;
    if (this.#closed) return;
    const client = new pg.Client({
      connectionString: this.url,
      connectionTimeoutMillis: 5_000,
      // what an operator sees in pg_stat_activity
      application_name: READ_CACHE_APPLICATION,
    });
    client.on("error", () => this.#lost(client));
    client.on("end", () => this.#lost(client));
    let horizon: bigint;
    let seen: string[];
    try {
      await client.connect();
      // before the migration that records changes has run, nothing would be seen
      const found = await client.query<{ table: string | null }>(
        "SELECT to_regclass('read_cache_changes')::text AS table",
      );
      if (!found.rows[0]?.table) throw new Error("read_cache_changes is not there yet");
      // the changes recorded so far are in whatever is loaded from now on: seen already
      const { rows } = await client.query<{ horizon: string; changes: string[] }>(FENCE, ["0"]);
      horizon = BigInt(rows[0]!.horizon);
      seen = rows[0]!.changes.filter((id) => BigInt(id) >= horizon);
    } catch {
      this.#lost(client);
      return;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    this.#client = client;
    this.#retryMs = RETRY_FIRST_MS;
    // changes are seen from this horizon on; what was stored before is forgotten
    this.#horizon = horizon;
    this.#seen = new Set(seen);
    this.#lastFenceAt = this.now();
    this.cache.resume();
  }

  #lost(client: pg.Client): void {
    if (this.#client === client) this.#client = null;
    else if (this.#client !== null) return;
    this.cache.suspend();
    client.removeAllListeners("end");
    client.on("error", () => {});
    client.end().catch(() => {});
    this.#next?.reject(new Error("read cache connection lost"));
    this.#next = null;
    if (this.#closed || this.#timer !== null) return;
    this.#timer = setTimeout(() => void this.#connect(), this.#retryMs);
    this.#timer.unref();
    this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
  }

  /** The horizon of the last fence (the oldest transaction then running). */
  get horizon(): bigint {
    return this.#horizon;
  }

  /** Resolves after a fence sent after this call is answered (see the file's comment). */
  fence(): Promise<void> {
    if (this.#client === null) return Promise.reject(new Error("not connected"));
    const next = this.#next ?? waiting();
    if (this.#next === null) {
      this.#next = next;
      if (!this.#inFlight) void this.#send();
    }
    return next.promise;
  }

  async #send(): Promise<void> {
    const batch = this.#next;
    const client = this.#client;
    this.#next = null;
    if (batch === null) return;
    if (client === null) {
      batch.reject(new Error("not connected"));
      return;
    }
    this.#inFlight = true;
    this.fences++;
    try {
      const { rows } = await client.query<{ horizon: string; changes: string[] }>({
        name: "read_cache_fence",
        text: FENCE,
        values: [this.#horizon.toString()],
      });
      if (this.#client === client) {
        this.#saw(BigInt(rows[0]!.horizon), rows[0]!.changes);
        batch.resolve();
        await this.#clean(client);
      } else {
        batch.reject(new Error("read cache connection lost"));
      }
    } catch (error) {
      batch.reject(error);
    } finally {
      this.#inFlight = false;
    }
    if (this.#next !== null) void this.#send();
  }

  /** What a fence answered: forget the cache if a change is new, or if ids may be gone. */
  #saw(horizon: bigint, changes: readonly string[]): void {
    const at = this.now();
    let changed = at - this.#lastFenceAt > RETENTION_MS / 2;
    const seen = new Set<string>();
    for (const id of changes) {
      if (!this.#seen.has(id)) changed = true;
      if (BigInt(id) >= horizon) seen.add(id);
    }
    if (changed) this.cache.invalidate();
    this.#seen = seen;
    this.#horizon = horizon;
    this.#lastFenceAt = at;
    const last = this.#horizons.at(-1);
    if (last === undefined || at - last.at >= CLEAN_EVERY_MS) this.#horizons.push({ at, horizon });
  }

  /** Deletes the ids below a horizon seen RETENTION_MS ago, at most every CLEAN_EVERY_MS. */
  async #clean(client: pg.Client): Promise<void> {
    const at = this.now();
    if (at - this.#lastCleanAt < CLEAN_EVERY_MS) return;
    let below: bigint | undefined;
    while (this.#horizons.length > 0 && at - this.#horizons[0]!.at >= RETENTION_MS) {
      below = this.#horizons.shift()!.horizon;
    }
    if (below === undefined) return;
    this.#lastCleanAt = at;
    await client.query({ name: "read_cache_clean", text: CLEAN, values: [below.toString()] });
    this.cleanings++;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = null;
    this.cache.suspend();
    this.#next?.reject(new Error("closed"));
    this.#next = null;
    if (client !== null) {
      client.removeAllListeners("end");
      await client.end().catch(() => {});
    }
  }
}
