import { describe, expect, it } from "vitest";
import { addressRefusal, checkDestination, validateEndpointUrl } from "./address.js";

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
