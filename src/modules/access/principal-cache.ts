/**
 * A short-lived, per-process memory of authenticated credentials, so that a read costs one
 * database round trip instead of two.
 *
 * What it may serve stale, and for how long (at most the TTL, `ACCRUE_AUTH_CACHE_MS`):
 *   - a key revoked, a session token released, a role's codes changed, or a tenant put on a
 *     test clock, by ANOTHER process. In this process each takes effect at once: the affected
 *     entries are dropped and not cached again for one TTL (which also covers a request that
 *     read the old row while the changing transaction was still open).
 * Never cached: tenants on a test clock (their principal carries the clock reading, which
 * moves), so a test clock's reading is always read fresh.
 */
import type { Principal } from "./authenticate.js";

type Entry = { principal: Principal; expiresAt: number };

export class PrincipalCache {
  #entries = new Map<string, Entry>();
  /** Actor or tenant id → until when nothing of it is cached. */
  #blocked = new Map<string, number>();

  constructor(
    readonly ttlMs: number,
    readonly maxEntries = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(secretHash: string): Principal | undefined {
    const entry = this.#entries.get(secretHash);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.#entries.delete(secretHash);
      return undefined;
    }
    return entry.principal;
  }

  /** Remembers a principal until `expiresAt` (ms on this cache's clock) or the TTL, if sooner. */
  set(secretHash: string, principal: Principal, validForMs = Number.POSITIVE_INFINITY): void {
    if (this.ttlMs <= 0 || principal.testClockNow !== null) return;
    const now = this.now();
    if (
      this.#isBlocked(principal.actor.id, now) ||
      this.#isBlocked(principal.tenantId, now) ||
      this.#isBlocked(secretHash, now)
    ) {
      return;
    }
    if (this.#entries.size >= this.maxEntries) {
      // drop the oldest entry (a Map iterates in insertion order)
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(secretHash, {
      principal,
      expiresAt: now + Math.min(this.ttlMs, validForMs),
    });
  }

  /** Forgets an actor's (a revoked key's) entries and caches none of them for one TTL. */
  forgetActor(actorId: string): void {
    this.#forget(actorId, (p) => p.actor.id === actorId);
  }

  /** Forgets one credential (a released session token) and does not cache it for one TTL. */
  forgetSecret(secretHash: string): void {
    this.#forget(secretHash, () => false);
    this.#entries.delete(secretHash);
  }

  /** Forgets every entry of a tenant and caches none of them for one TTL. */
  forgetTenant(tenantId: string): void {
    this.#forget(tenantId, (p) => p.tenantId === tenantId);
  }

  #forget(id: string, matches: (p: Principal) => boolean): void {
    if (this.ttlMs <= 0) return;
    const now = this.now();
    this.#blocked.set(id, now + this.ttlMs);
    for (const [hash, entry] of this.#entries) {
      if (matches(entry.principal)) this.#entries.delete(hash);
    }
    for (const [blocked, until] of this.#blocked) {
      if (until <= now) this.#blocked.delete(blocked);
    }
  }

  #isBlocked(id: string, now: number): boolean {
    const until = this.#blocked.get(id);
    if (until === undefined) return false;
    if (until > now) return true;
    this.#blocked.delete(id);
    return false;
  }
}

/** This process's cache; `configurePrincipalCache` sets its TTL at start-up. */
export let principals = new PrincipalCache(1000);

export function configurePrincipalCache(ttlMs: number): void {
  if (ttlMs !== principals.ttlMs) principals = new PrincipalCache(ttlMs);
}
