/**
 * The PostgreSQL side of the read cache (see read-cache.ts): one connection of its own that
 * listens on `accrue_read_cache`, empties the cache on every notification (the triggers of
 * migration 0071 send one when a transaction that changed a cached table commits), and
 * answers fences.
 *
 * A fence is a `SELECT 1` on that connection. PostgreSQL delivers the notifications of every
 * transaction that committed before it read the statement ahead of the statement's answer,
 * and the client handles messages in the order they arrive, so when the fence is answered
 * the cache has been emptied for each of them. One fence is in flight at a time; the reads
 * that arrive meanwhile wait for the next one, sent when it is answered, so a fence always
 * starts after the reads it answers arrived.
 *
 * The connection lost, the cache is suspended (answers nothing, stores nothing) until a new
 * one listens again, tried after 0.1 s, doubling to 5 s.
 */
import pg from "pg";
import { attachReadCache, ReadCache } from "./read-cache.js";

export const READ_CACHE_CHANNEL = "accrue_read_cache";
export const READ_CACHE_APPLICATION = "accrue read cache";

/** Until the migration that installs the triggers has run, nothing would be heard of. */
const TRIGGERS_INSTALLED = "SELECT to_regproc('read_cache_changed') IS NOT NULL AS installed";

const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;

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

const listeners = new WeakMap<object, ReadCacheListener>();

/** The listener whose cache `db` reads through, if it has one (PostgreSQL). */
export function listenerOf(db: object): ReadCacheListener | undefined {
  return listeners.get(db);
}

export class ReadCacheListener {
  readonly cache: ReadCache;
  #client: pg.Client | null = null;
  #closed = false;
  #retryMs = RETRY_FIRST_MS;
  #timer: NodeJS.Timeout | null = null;
  #inFlight = false;
  #next: Waiting | null = null;
  /** Fences sent (for tests and benchmarks: how many reads shared each). */
  fences = 0;

  constructor(private readonly url: string) {
    this.cache = new ReadCache(() => this.fence());
  }

  /** Serves `db`'s reads (see attachReadCache). */
  attach(db: object): void {
    attachReadCache(db, this.cache);
    listeners.set(db, this);
  }

  /** Starts listening in the background; the cache answers once it listens. */
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
    client.on("notification", () => this.cache.invalidate());
    client.on("error", () => this.#lost(client));
    client.on("end", () => this.#lost(client));
    try {
      await client.connect();
      const found = await client.query<{ installed: boolean }>(TRIGGERS_INSTALLED);
      if (!found.rows[0]?.installed) throw new Error("read cache triggers not installed yet");
      await client.query(`LISTEN ${READ_CACHE_CHANNEL}`);
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
    // notifications are heard from here on; what was stored before is forgotten
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

  /** Resolves after a fence sent after this call is answered (see the file's comment). */
  fence(): Promise<void> {
    if (this.#client === null) return Promise.reject(new Error("not listening"));
    const next = this.#next ?? waiting();
    if (this.#next === null) {
      this.#next = next;
      if (!this.#inFlight) this.#send();
    }
    return next.promise;
  }

  #send(): void {
    const batch = this.#next;
    const client = this.#client;
    this.#next = null;
    if (batch === null) return;
    if (client === null) {
      batch.reject(new Error("not listening"));
      return;
    }
    this.#inFlight = true;
    this.fences++;
    client.query("SELECT 1").then(
      () => {
        this.#inFlight = false;
        batch.resolve();
        this.#send();
      },
      (error: unknown) => {
        this.#inFlight = false;
        batch.reject(error);
        this.#send();
      },
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = null;
    this.cache.suspend();
    if (client !== null) {
      client.removeAllListeners("end");
      await client.end().catch(() => {});
    }
  }
}
