import { describe, expect, it } from "vitest";
import {
  addressRefusal,
  checkDestination,
  endpointUrlRefusal,
  isLocalhostName,
  systemResolver,
  validateEndpointUrl,
} from "./address.js";

describe("endpoint URLs", () => {
  it("accept http and https with a host, in canonical form", () => {
    expect(validateEndpointUrl("https://Hooks.Example.com/a?b=1")).toBe(
      "https://hooks.example.com/a?b=1",
    );
    expect(validateEndpointUrl("http://127.0.0.1:8080")).toBe("http://127.0.0.1:8080/");
  });

  it.each([
    "ftp://example.com/",
    "file:///etc/passwd",
    "https://user@example.com/",
    "https://user:secret@example.com/",
    "https://example.com/#x",
    "example.com/hook",
    "https://",
    `https://example.com/${"a".repeat(2100)}`,
  ])("refuse %s", (url) => {
    expect(() => validateEndpointUrl(url)).toThrow(
      expect.objectContaining({ code: "invalid_webhook_url" }),
    );
  });
});

describe("destination addresses", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["169.254.169.254", "link-local"],
    ["0.0.0.0", "reserved"],
    ["224.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["::1", "loopback"],
    ["::", "reserved"],
    ["fd12:3456::1", "private"],
    ["fe80::1%eth0", "link-local"],
    ["ff02::1", "reserved"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:a00:1", "private"],
    ["64:ff9b::a9fe:a9fe", "link-local"],
    ["2002:c0a8:101::1", "private"],
    ["not-an-ip", "not an IP address"],
  ])("%s is refused (%s)", (address, why) => {
    expect(addressRefusal(address)).toBe(why);
  });

  it.each(["1.1.1.1", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "%s is public",
    (address) => {
      expect(addressRefusal(address)).toBeNull();
    },
  );

  it("checks every resolved address, not the host name", async () => {
    const resolve = async () => ["93.184.215.14", "10.0.0.7"];
    const check = await checkDestination(new URL("https://hooks.example.com/x"), {
      allowPrivate: false,
      resolve,
    });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.error).toMatch(/resolves to 10\.0\.0\.7 \(private\)/);
    const fine = await checkDestination(new URL("https://hooks.example.com/x"), {
      allowPrivate: false,
      resolve: async () => ["93.184.215.14"],
    });
    expect(fine).toEqual({ ok: true, addresses: ["93.184.215.14"] });
    const failing = await checkDestination(new URL("https://nowhere.invalid/"), {
      allowPrivate: false,
      resolve: async () => {
        throw Object.assign(new Error("nope"), { code: "ENOTFOUND" });
      },
    });
    expect(!failing.ok && failing.error).toBe(
      "dns_failed: cannot resolve nowhere.invalid (ENOTFOUND)",
    );
    const allowed = await checkDestination(new URL("http://10.0.0.1/"), {
      allowPrivate: true,
      resolve,
    });
    expect(allowed.ok).toBe(true);
  });
});

describe("localhost names", () => {
  it.each(["localhost", "LOCALHOST", "localhost.", "api.localhost", "a.b.localhost.."])(
    "%s is one",
    (host) => {
      expect(isLocalhostName(host)).toBe(true);
    },
  );
  it.each(["localhost.example.com", "mylocalhost", "localhostx", "example.com"])(
    "%s is not",
    (host) => {
      expect(isLocalhostName(host)).toBe(false);
    },
  );

  it("are refused at delivery without resolving them", async () => {
    const asked: string[] = [];
    const check = await checkDestination(new URL("http://api.localhost:8080/x"), {
      allowPrivate: false,
      resolve: async (host) => {
        asked.push(host);
        return ["93.184.215.14"];
      },
    });
    expect(check).toEqual({
      ok: false,
      error:
        "address_not_allowed: api.localhost is a loopback name; set ACCRUE_WEBHOOK_ALLOW_PRIVATE=true to allow private destinations",
      addresses: [],
    });
    expect(asked).toEqual([]);
  });

  it("the system resolver answers localhost with loopback addresses", async () => {
    const addresses = await systemResolver("localhost");
    expect(addresses.length).toBeGreaterThan(0);
    for (const a of addresses) expect(addressRefusal(a)).toBe("loopback");
  });
});

describe("endpoint URLs at creation", () => {
  const resolve = async (host: string) => {
    if (host === "hooks.example.com") return ["93.184.215.14", "2606:4700:4700::1111"];
    if (host === "mixed.example.com") return ["93.184.215.14", "fd00::7"];
    throw Object.assign(new Error("nope"), { code: "ENOTFOUND" });
  };
  const refusal = (url: string, options: { allowPrivate?: boolean; timeoutMs?: number } = {}) =>
    endpointUrlRefusal(url, { allowPrivate: false, resolve, ...options });

  it("accept a public address, and a name whose every address is public", async () => {
    expect(await refusal("https://93.184.215.14/x")).toBeNull();
    expect(await refusal("https://hooks.example.com/x")).toBeNull();
  });

  it("refuse what delivery refuses, naming the host, the address and why", async () => {
    expect(await refusal("http://[::1]:8080/")).toEqual({
      kind: "address_not_allowed",
      host: "::1",
      address: "::1",
      reason: "loopback",
    });
    expect(await refusal("https://mixed.example.com/x")).toEqual({
      kind: "address_not_allowed",
      host: "mixed.example.com",
      address: "fd00::7",
      reason: "private",
    });
    expect(await refusal("https://localhost/x")).toEqual({
      kind: "address_not_allowed",
      host: "localhost",
      address: "localhost",
      reason: "loopback",
    });
    expect(await refusal("https://nowhere.example.com/x")).toEqual({
      kind: "dns_failed",
      host: "nowhere.example.com",
      reason: "ENOTFOUND",
    });
  });

  it("give up on a name that does not resolve in time", async () => {
    const started = performance.now();
    const slow = await endpointUrlRefusal("https://slow.example.com/x", {
      allowPrivate: false,
      resolve: () => new Promise((done) => setTimeout(() => done(["93.184.215.14"]), 2_000)),
      timeoutMs: 50,
    });
    expect(slow).toEqual({ kind: "dns_failed", host: "slow.example.com", reason: "ETIMEOUT" });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("refuse nothing and resolve nothing when private destinations are allowed", async () => {
    const asked: string[] = [];
    const allowed = await endpointUrlRefusal("https://nowhere.example.com/x", {
      allowPrivate: true,
      resolve: async (host) => {
        asked.push(host);
        return [];
      },
    });
    expect(allowed).toBeNull();
    expect(asked).toEqual([]);
    expect(await refusal("http://127.0.0.1/", { allowPrivate: true })).toBeNull();
  });
});
