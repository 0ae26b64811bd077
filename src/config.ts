/**
 * Configuration from environment variables, validated once at start-up. An invalid value is
 * a ConfigError: the CLI prints it on one line and exits with code 2.
 */
import { isIP } from "node:net";
import path from "node:path";

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export type Config = {
  host: string;
  port: number;
  /** PostgreSQL connection string; absent → embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: LogLevel;
  /** Run the worker loop inside `accrue serve`. */
  worker: boolean;
  /** Seconds between worker polls. */
  workerIntervalMs: number;
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
  /** How long this process may reuse an authenticated credential (ms; 0: never). */
  authCacheMs: number;
  /**
   * On PostgreSQL, serve hot reads (a customer, a contract) from memory, kept coherent with
   * every process's writes through a connection of its own (src/storage/read-cache.ts).
   * Embedded, the cache is always on.
   */
  readCache: boolean;
  /** Sustained requests per second per caller (bursts of twice that); 0: no limit. */
  rateLimit: number;
  /**
   * Sustained gateway events (webhooks) per second per gateway account and client address
   * (bursts of twice that); 0: no limit.
   */
  gatewayEventRateLimit: number;
  /** Public base URL used in links the API hands out; defaults to http://HOST:PORT. */
  publicUrl: string;
  /** Deliver webhooks to private, loopback and link-local addresses too. */
  webhookAllowPrivate: boolean;
  /**
   * Which connecting peers are proxies whose `X-Forwarded-For` names the client: none
   * (false), any (true), the last N hops (a number), or these addresses and networks.
   */
  trustProxy: TrustProxy;
  /**
   * The secret gateway account credentials are encrypted with at rest (at least 32
   * characters); absent: accounts that carry credentials cannot be created.
   */
  secretKey: string | undefined;
  /**
   * Earlier secret keys (ACCRUE_SECRET_KEY_PREVIOUS): credentials sealed under them still
   * open, until `accrue rotate-secret-key` has sealed them again under `secretKey`.
   */
  previousSecretKeys: readonly string[];
  /** SMTP server customer messages are sent through; absent: they are recorded as skipped. */
  smtpUrl: string | undefined;
  /** Sender address of messages whose business entity has no e-mail address. */
  smtpFrom: string | undefined;
  /** Bounds each stage of an SMTP dialogue: connecting, the greeting, a silent socket (ms). */
  smtpTimeoutMs: number;
  /** A PDF larger than this (bytes) is sent as a signed download link instead of attached. */
  mailAttachmentMaxBytes: number;
  /** How long a worker holds a message it sends; one that dies leaves it for this long (ms). */
  mailLeaseMs: number;
};

/** ACCRUE_TRUST_PROXY, parsed: see `Config.trustProxy`. */
export type TrustProxy = boolean | number | string[];

export const CONFIG_VARIABLES: ReadonlyArray<{ name: string; default: string; doc: string }> = [
  { name: "HOST", default: "127.0.0.1", doc: "Interface the HTTP server listens on." },
  { name: "PORT", default: "8080", doc: "TCP port of the HTTP server (0 picks a free one)." },
  {
    name: "DATABASE_URL",
    default: "(unset)",
    doc: "PostgreSQL connection string (postgres://…). Unset: embedded PGlite.",
  },
  {
    name: "ACCRUE_DATA_DIR",
    default: "./.accrue/data",
    doc: "Data directory of the embedded database (ignored with DATABASE_URL).",
  },
  { name: "LOG_LEVEL", default: "info", doc: "fatal, error, warn, info, debug, trace or silent." },
  {
    name: "ACCRUE_WORKER",
    default: "true",
    doc: "Run the worker loop inside `accrue serve` (true/false).",
  },
  {
    name: "ACCRUE_WORKER_INTERVAL_MS",
    default: "1000",
    doc: "Milliseconds between worker polls.",
  },
  { name: "ACCRUE_BODY_LIMIT", default: "1048576", doc: "Largest request body in bytes." },
  {
    name: "ACCRUE_READ_CACHE",
    default: "true",
    doc: "On PostgreSQL, serve hot reads from memory, coherent with every process's writes (true/false).",
  },
  {
    name: "ACCRUE_RATE_LIMIT",
    default: "1000",
    doc: "Requests a second each caller may sustain, in bursts of twice that (0: off).",
  },
  {
    name: "ACCRUE_GATEWAY_EVENT_RATE_LIMIT",
    default: "50",
    doc: "Gateway events (webhooks) a second each gateway account may receive from one client address, in bursts of twice that (0: off).",
  },
  {
    name: "ACCRUE_AUTH_CACHE_MS",
    default: "1000",
    doc: "Milliseconds a process may reuse a credential it has checked (0: never).",
  },
  {
    name: "ACCRUE_PUBLIC_URL",
    default: "http://HOST:PORT",
    doc: "Base URL used in links Accrue hands out (documents, portal).",
  },
  {
    name: "ACCRUE_WEBHOOK_ALLOW_PRIVATE",
    default: "false",
    doc: "Deliver webhooks to private, loopback and link-local addresses too (true/false).",
  },
  {
    name: "ACCRUE_TRUST_PROXY",
    default: "false",
    doc: "Proxies whose X-Forwarded-For names the client address: false, true, a hop count, or addresses and CIDR networks (comma-separated).",
  },
  {
    name: "ACCRUE_SECRET_KEY",
    default: "(unset)",
    doc: "Secret (32+ characters) that encrypts payment gateway credentials at rest.",
  },
  {
    name: "ACCRUE_SECRET_KEY_PREVIOUS",
    default: "(unset)",
    doc: "Earlier ACCRUE_SECRET_KEY values, comma-separated, while `accrue rotate-secret-key` moves credentials to the current one.",
  },
  {
    name: "ACCRUE_SMTP_URL",
    default: "(unset)",
    doc: "SMTP server customer e-mails are sent through (smtp://user:password@host:587, smtps://…). Unset: messages are recorded as not sent.",
  },
  {
    name: "ACCRUE_SMTP_FROM",
    default: "noreply@PUBLIC-URL-HOST",
    doc: "Sender address of e-mails whose business entity has no e-mail address.",
  },
  {
    name: "ACCRUE_SMTP_TIMEOUT_MS",
    default: "10000",
    doc: "Milliseconds each stage of sending an e-mail may take: connecting, the server's greeting, and any silence after it.",
  },
  {
    name: "ACCRUE_MAIL_ATTACHMENT_MAX_BYTES",
    default: "5242880",
    doc: "Largest PDF attached to an e-mail (bytes); a larger one is sent as a signed download link that works for 30 days.",
  },
  {
    name: "ACCRUE_MAIL_LEASE_MS",
    default: "120000",
    doc: "Milliseconds a worker holds an e-mail it is sending; if it dies, another sends it again after this (more than the SMTP timeout).",
  },
];

/** The shortest ACCRUE_SECRET_KEY accepted. */
export const SECRET_KEY_MIN_LENGTH = 32;

const LEVELS: readonly LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean) {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (["true", "1", "yes"].includes(raw)) return true;
  if (["false", "0", "no"].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

/** Names of address ranges a trusted proxy list may use (those of proxy-addr). */
const PROXY_RANGES = ["loopback", "linklocal", "uniquelocal"];

/** One entry of a trusted proxy list is an address, an address/prefix, or a range name. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** ACCRUE_TRUST_PROXY: false, true, a hop count, or a comma-separated list of proxies. */
function trustProxy(env: NodeJS.ProcessEnv): TrustProxy {
  const name = "ACCRUE_TRUST_PROXY";
  const raw = (env[name] ?? "").trim();
  if (["", "false", "no", "0"].includes(raw)) return false;
  if (["true", "yes"].includes(raw)) return true;
  if (/^\d+$/.test(raw)) {
    if (Number(raw) > 100) {
      throw new ConfigError(`${name} as a hop count must be from 1 to 100 (got "${raw}")`);
    }
    return Number(raw);
  }
  const entries = raw.split(",").map((e) => e.trim());
  const wrong = entries.find((e) => !isProxyEntry(e));
  if (wrong !== undefined) {
    throw new ConfigError(
      `${name} must be true, false, a hop count, or comma-separated IP addresses and CIDR networks (${PROXY_RANGES.join(", ")} allowed) (got "${wrong}")`,
    );
  }
  return entries;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.HOST || "127.0.0.1";
  const port = int(env, "PORT", 8080, 0, 65535);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(databaseUrl);
    } catch {
      throw new ConfigError("DATABASE_URL is not a valid URL");
    }
    if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
      throw new ConfigError(
        `DATABASE_URL must start with postgres:// or postgresql:// (got "${url.protocol}")`,
      );
    }
  }
  const dataDir = path.resolve(env.ACCRUE_DATA_DIR || "./.accrue/data");
  const logLevel = (env.LOG_LEVEL || "info") as LogLevel;
  if (!LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LEVELS.join(", ")} (got "${logLevel}")`);
  }
  const hostInUrl = host.includes(":") ? `[${host}]` : host;
  const publicUrl = (env.ACCRUE_PUBLIC_URL || `http://${hostInUrl}:${port}`).replace(/\/+$/, "");
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(`ACCRUE_PUBLIC_URL is not a valid URL (got "${publicUrl}")`);
  }
  const secretKey = env.ACCRUE_SECRET_KEY || undefined;
  if (secretKey !== undefined && secretKey.length < SECRET_KEY_MIN_LENGTH) {
    throw new ConfigError(
      `ACCRUE_SECRET_KEY must be at least ${SECRET_KEY_MIN_LENGTH} characters (got ${secretKey.length})`,
    );
  }
  const previousSecretKeys = (env.ACCRUE_SECRET_KEY_PREVIOUS ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k !== "");
  if (previousSecretKeys.length > 0 && secretKey === undefined) {
    throw new ConfigError(
      "ACCRUE_SECRET_KEY_PREVIOUS is set but ACCRUE_SECRET_KEY is not: set the new key too",
    );
  }
  for (const [i, k] of previousSecretKeys.entries()) {
    if (k.length < SECRET_KEY_MIN_LENGTH) {
      throw new ConfigError(
        `ACCRUE_SECRET_KEY_PREVIOUS: key ${i + 1} must be at least ${SECRET_KEY_MIN_LENGTH} characters (got ${k.length})`,
      );
    }
  }
  const smtpUrl = env.ACCRUE_SMTP_URL || undefined;
  if (smtpUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(smtpUrl);
    } catch {
      throw new ConfigError("ACCRUE_SMTP_URL is not a valid URL");
    }
    if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
      throw new ConfigError(
        `ACCRUE_SMTP_URL must start with smtp:// or smtps:// (got "${url.protocol}")`,
      );
    }
  }
  const smtpFrom = env.ACCRUE_SMTP_FROM || undefined;
  if (smtpFrom !== undefined && !/^[^\s@<>]+@[^\s@<>]+$/.test(smtpFrom)) {
    throw new ConfigError(`ACCRUE_SMTP_FROM must be an e-mail address (got "${smtpFrom}")`);
  }
  const smtpTimeoutMs = int(env, "ACCRUE_SMTP_TIMEOUT_MS", 10_000, 100, 600_000);
  const mailLeaseMs = int(env, "ACCRUE_MAIL_LEASE_MS", 120_000, 1000, 86_400_000);
  if (mailLeaseMs <= smtpTimeoutMs) {
    throw new ConfigError(
      `ACCRUE_MAIL_LEASE_MS (${mailLeaseMs}) must be more than ACCRUE_SMTP_TIMEOUT_MS (${smtpTimeoutMs})`,
    );
  }
  return {
    host,
    port,
    databaseUrl,
    dataDir,
    logLevel,
    worker: bool(env, "ACCRUE_WORKER", true),
    workerIntervalMs: int(env, "ACCRUE_WORKER_INTERVAL_MS", 1000, 10, 3_600_000),
    bodyLimit: int(env, "ACCRUE_BODY_LIMIT", 1_048_576, 1024, 1_073_741_824),
    authCacheMs: int(env, "ACCRUE_AUTH_CACHE_MS", 1000, 0, 60_000),
    readCache: bool(env, "ACCRUE_READ_CACHE", true),
    rateLimit: int(env, "ACCRUE_RATE_LIMIT", 1000, 0, 1_000_000),
    gatewayEventRateLimit: int(env, "ACCRUE_GATEWAY_EVENT_RATE_LIMIT", 50, 0, 1_000_000),
    publicUrl,
    webhookAllowPrivate: bool(env, "ACCRUE_WEBHOOK_ALLOW_PRIVATE", false),
    trustProxy: trustProxy(env),
    secretKey,
    previousSecretKeys,
    smtpUrl,
    smtpFrom,
    smtpTimeoutMs,
    mailAttachmentMaxBytes: int(
      env,
      "ACCRUE_MAIL_ATTACHMENT_MAX_BYTES",
      5_242_880,
      1024,
      1_073_741_824,
    ),
    mailLeaseMs,
  };
}
