import { describe, expect, it } from "vitest";
import type { Principal } from "./authenticate.js";
import { PrincipalCache } from "./principal-cache.js";

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const principal = (tenantId: string, actorId: string, testClockNow: Date | null = null) =>
  ({
    tenantId,
    actor: { type: "api_key", id: actorId },
    roles: ["admin"],
    permissions: new Set(),
    partnerId: null,
    testClockNow,
  }) satisfies Principal;

describe("PrincipalCache", () => {
  it("serves a principal for the TTL, then forgets it", () => {
    const c = clock();
    const cache = new PrincipalCache(1000, 10, c.now);
    const p = principal("ten_1", "key_1");
    cache.set("h1", p);
    c.advance(999);
    expect(cache.get("h1")).toBe(p);
    c.advance(1);
    expect(cache.get("h1")).toBeUndefined();
  });

  it("never outlives the credential", () => {
    const c = clock();
    const cache = new PrincipalCache(1000, 10, c.now);
    cache.set("h1", principal("ten_1", "key_1"), 100);
    c.advance(100);
    expect(cache.get("h1")).toBeUndefined();
  });

  it("never caches a tenant on a test clock", () => {
    const cache = new PrincipalCache(1000, 10, clock().now);
    cache.set("h1", principal("ten_1", "key_1", new Date("2026-01-01T00:00:00Z")));
    expect(cache.get("h1")).toBeUndefined();
  });

  it("a revoked key is forgotten and not cached again for one TTL", () => {
    const c = clock();
    const cache = new PrincipalCache(1000, 10, c.now);
    cache.set("h1", principal("ten_1", "key_1"));
    cache.set("h2", principal("ten_1", "key_2"));
    cache.forgetActor("key_1");
    expect(cache.get("h1")).toBeUndefined();
    expect(cache.get("h2")).toBeDefined();
    // a request that read the key before the revocation committed
    cache.set("h1", principal("ten_1", "key_1"));
    expect(cache.get("h1")).toBeUndefined();
    c.advance(1000);
    cache.set("h1", principal("ten_1", "key_1"));
    expect(cache.get("h1")).toBeDefined();
  });

  it("forgets every key of a tenant", () => {
    const cache = new PrincipalCache(1000, 10, clock().now);
    cache.set("h1", principal("ten_1", "key_1"));
    cache.set("h2", principal("ten_2", "key_2"));
    cache.forgetTenant("ten_1");
    expect(cache.get("h1")).toBeUndefined();
    expect(cache.get("h2")).toBeDefined();
    cache.set("h3", principal("ten_1", "key_3"));
    expect(cache.get("h3")).toBeUndefined();
  });

  it("holds at most maxEntries, dropping the oldest", () => {
    const cache = new PrincipalCache(1000, 2, clock().now);
    cache.set("h1", principal("ten_1", "key_1"));
    cache.set("h2", principal("ten_1", "key_2"));
    cache.set("h3", principal("ten_1", "key_3"));
    expect(cache.get("h1")).toBeUndefined();
    expect(cache.get("h3")).toBeDefined();
  });

  it("a TTL of 0 caches nothing", () => {
    const cache = new PrincipalCache(0, 10, clock().now);
    cache.set("h1", principal("ten_1", "key_1"));
    expect(cache.get("h1")).toBeUndefined();
  });
});
