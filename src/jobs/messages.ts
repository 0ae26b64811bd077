import type { Config } from "../config.js";
import { type Mailer, SMTP_TIMEOUT_MS, smtpMailer } from "../modules/messages/index.js";
import { composeMessages, type MessageOptions, sendDueMessages } from "../workflows/messages.js";
import type { Job } from "./runner.js";

const COMPOSE_BATCH = 500;

/** The largest PDF attached by default (ACCRUE_MAIL_ATTACHMENT_MAX_BYTES): 5 MiB. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
/** How long a message is leased to the worker sending it by default (ACCRUE_MAIL_LEASE_MS). */
export const MESSAGE_LEASE_MS = 120_000;
/** The longest turn of mail delivery in one tick of the worker loop by default. */
export const MESSAGE_TURN_MS = 10_000;
/** After the SMTP server could not be reached, delivery rests this long (the first retry). */
export const UNREACHABLE_PAUSE_MS = 60_000;

export type MessageJobOptions = Partial<Omit<MessageOptions, "mailer" | "deadline">> & {
  /** The mailer; absent: one over `smtpUrl`, or none without it. */
  mailer?: Mailer | null;
  smtpUrl?: string | undefined;
  /** Bounds each stage of the SMTP dialogue of the mailer made from `smtpUrl`. */
  smtpTimeoutMs?: number | undefined;
  /** The longest turn of delivery in one tick (ms). */
  turnMs?: number | undefined;
  /** Events composed per transaction (default COMPOSE_BATCH). */
  composeBatchSize?: number | undefined;
};

/** Messages' default sender: ACCRUE_SMTP_FROM, else noreply at the public URL's host. */
export function defaultSender(config: Pick<Config, "smtpFrom" | "publicUrl">): string {
  return config.smtpFrom ?? `noreply@${new URL(config.publicUrl).hostname}`;
}

/**
 * Both message jobs, in the order a tick runs them: events composed into messages, then due
 * messages sent (src/workflows/messages.ts). Delivery takes a bounded turn (`turnMs`, and no
 * message starts after it; each SMTP stage times out), and after finding the SMTP server
 * unreachable it rests until the first retry is due, so a hanging server costs the jobs
 * after it at most one timeout a minute.
 */
export function messageJobs(options: MessageJobOptions = {}): Job[] {
  const mailer =
    options.mailer !== undefined
      ? options.mailer
      : options.smtpUrl
        ? smtpMailer(options.smtpUrl, { timeoutMs: options.smtpTimeoutMs ?? SMTP_TIMEOUT_MS })
        : null;
  const settings: MessageOptions = {
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
    mailer,
    defaultSender: options.defaultSender ?? "noreply@localhost",
    leaseMs: options.leaseMs ?? MESSAGE_LEASE_MS,
    batchSize: options.batchSize ?? 20,
    attachmentMaxBytes: options.attachmentMaxBytes ?? ATTACHMENT_MAX_BYTES,
    publicUrl: options.publicUrl ?? "http://localhost",
    log: options.log,
  };
  const turnMs = options.turnMs ?? MESSAGE_TURN_MS;
  const composeBatch = options.composeBatchSize ?? COMPOSE_BATCH;
  let restUntil = 0;
  return [
    {
      name: "message-composition",
      everyMs: 0,
      batchSize: composeBatch,
      run: ({ db }) =>
        composeMessages(db, {
          now: settings.now,
          limit: composeBatch,
          smtpConfigured: mailer !== null,
          defaultSender: settings.defaultSender,
        }),
    },
    {
      name: "message-delivery",
      everyMs: 0,
      batchSize: settings.batchSize,
      turnMs,
      run: async ({ db, log, deadline }) => {
        if (settings.now().getTime() < restUntil) return 0;
        const { attempted, unreachable } = await sendDueMessages(db, {
          ...settings,
          deadline: deadline ?? Date.now() + turnMs,
          log: settings.log ?? log,
        });
        if (unreachable) restUntil = settings.now().getTime() + UNREACHABLE_PAUSE_MS;
        return attempted;
      },
    },
  ];
}
