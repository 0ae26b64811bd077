import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("configuration", () => {
  it("has defaults for everything", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      host: "127.0.0.1",
      port: 8080,
      databaseUrl: undefined,
      worker: true,
    });
    expect(c.dataDir).toMatch(/\.accrue\/data$/);
    expect(c.publicUrl).toBe("http://127.0.0.1:8080");
  });

  it("reads every variable", () => {
    const c = loadConfig({
      HOST: "0.0.0.0",
      PORT: "9000",
      DATABASE_URL: "postgresql://u@db:5432/accrue",
      ACCRUE_WORKER: "false",
      ACCRUE_PUBLIC_URL: "https://billing.example.com/",
      LOG_LEVEL: "debug",
    });
    expect(c).toMatchObject({
      host: "0.0.0.0",
      port: 9000,
      databaseUrl: "postgresql://u@db:5432/accrue",
      worker: false,
      publicUrl: "https://billing.example.com",
      logLevel: "debug",
    });
  });

  it.each([
    [{ PORT: "-1" }],
    [{ PORT: "8080x" }],
    [{ DATABASE_URL: "not a url" }],
    [{ ACCRUE_BODY_LIMIT: "10" }],
    [{ ACCRUE_PUBLIC_URL: "::" }],
  ])("refuses %o", (env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
  });
});

describe("messages", () => {
  it.each([
    [{ PORT: "abc" }, /PORT must be an integer/],
    [{ PORT: "70000" }, /PORT must be an integer/],
    [{ DATABASE_URL: "mysql://localhost/x" }, /DATABASE_URL must start with postgres/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL must be one of/],
    [{ ACCRUE_WORKER: "maybe" }, /ACCRUE_WORKER must be true or false/],
  ])("%o names the variable and what it takes", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe("IPv6 hosts", () => {
  it("are bracketed in the public URL", () => {
    expect(loadConfig({ HOST: "::" }).publicUrl).toBe("http://[::]:8080");
  });
});

describe("ACCRUE_WEBHOOK_ALLOW_PRIVATE", () => {
  it("is off by default, on with true, and refuses anything else", () => {
    expect(loadConfig({}).webhookAllowPrivate).toBe(false);
    expect(loadConfig({ ACCRUE_WEBHOOK_ALLOW_PRIVATE: "true" }).webhookAllowPrivate).toBe(true);
    expect(loadConfig({ ACCRUE_WEBHOOK_ALLOW_PRIVATE: "false" }).webhookAllowPrivate).toBe(false);
    expect(() => loadConfig({ ACCRUE_WEBHOOK_ALLOW_PRIVATE: "loopback" })).toThrow(
      /ACCRUE_WEBHOOK_ALLOW_PRIVATE must be true or false/,
    );
  });
});

describe("ACCRUE_SMTP_URL and ACCRUE_SMTP_FROM", () => {
  it("are unset by default, read when set, and refuse what is not SMTP or an address", () => {
    expect(loadConfig({})).toMatchObject({ smtpUrl: undefined, smtpFrom: undefined });
    expect(
      loadConfig({
        ACCRUE_SMTP_URL: "smtps://user:pw@mail.example:465",
        ACCRUE_SMTP_FROM: "billing@example.com",
      }),
    ).toMatchObject({
      smtpUrl: "smtps://user:pw@mail.example:465",
      smtpFrom: "billing@example.com",
    });
    expect(() => loadConfig({ ACCRUE_SMTP_URL: "http://mail.example" })).toThrow(
      /ACCRUE_SMTP_URL must start with smtp:\/\/ or smtps:\/\//,
    );
    expect(() => loadConfig({ ACCRUE_SMTP_URL: "not a url" })).toThrow(/not a valid URL/);
    expect(() => loadConfig({ ACCRUE_SMTP_FROM: "Billing <b@x>" })).toThrow(
      /ACCRUE_SMTP_FROM must be an e-mail address/,
    );
  });
});

describe("mail delivery: ACCRUE_SMTP_TIMEOUT_MS, ACCRUE_MAIL_ATTACHMENT_MAX_BYTES, ACCRUE_MAIL_LEASE_MS", () => {
  it("default to 10 s, 5 MiB and 2 min, are read when set, and refuse a lease not above the timeout", () => {
    expect(loadConfig({})).toMatchObject({
      smtpTimeoutMs: 10_000,
      mailAttachmentMaxBytes: 5_242_880,
      mailLeaseMs: 120_000,
    });
    expect(
      loadConfig({
        ACCRUE_SMTP_TIMEOUT_MS: "2500",
        ACCRUE_MAIL_ATTACHMENT_MAX_BYTES: "1048576",
        ACCRUE_MAIL_LEASE_MS: "60000",
      }),
    ).toMatchObject({
      smtpTimeoutMs: 2500,
      mailAttachmentMaxBytes: 1_048_576,
      mailLeaseMs: 60_000,
    });
    expect(() => loadConfig({ ACCRUE_SMTP_TIMEOUT_MS: "0" })).toThrow(
      /ACCRUE_SMTP_TIMEOUT_MS must be an integer from 100 to 600000/,
    );
    expect(() => loadConfig({ ACCRUE_MAIL_ATTACHMENT_MAX_BYTES: "5MB" })).toThrow(
      /ACCRUE_MAIL_ATTACHMENT_MAX_BYTES must be an integer/,
    );
    expect(() => loadConfig({ ACCRUE_MAIL_LEASE_MS: "5000" })).toThrow(
      "ACCRUE_MAIL_LEASE_MS (5000) must be more than ACCRUE_SMTP_TIMEOUT_MS (10000)",
    );
  });
});

describe("ACCRUE_TRUST_PROXY", () => {
  const trust = (value: string | undefined) => loadConfig({ ACCRUE_TRUST_PROXY: value }).trustProxy;

  it("is off by default: X-Forwarded-For is not read", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(trust("")).toBe(false);
    expect(trust("false")).toBe(false);
    expect(trust("0")).toBe(false);
  });

  it("takes true, a hop count, or addresses and CIDR networks", () => {
    expect(trust("true")).toBe(true);
    expect(trust("2")).toBe(2);
    expect(trust("10.0.0.5")).toEqual(["10.0.0.5"]);
    expect(trust(" 10.0.0.0/8, 192.168.1.7 ,fd00::/8,::1, loopback")).toEqual([
      "10.0.0.0/8",
      "192.168.1.7",
      "fd00::/8",
      "::1",
      "loopback",
    ]);
  });

  it.each([
    "10.0.0.0/33",
    "fd00::/129",
    "10.0.0.0/8/1",
    "lb.internal",
    "10.0.0.1,",
    "10.0.0.256",
    "101",
    "maybe",
  ])("refuses %s, naming the variable", (value) => {
    expect(() => trust(value)).toThrow(/^ACCRUE_TRUST_PROXY /);
  });
});
