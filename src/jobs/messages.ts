import type { Config } from "../config.js";
import { type Mailer, smtpMailer } from "../modules/messages/index.js";
import { composeMessages, type MessageOptions, sendDueMessages } from "../workflows/messages.js";
import type { Job } from "./runner.js";

const COMPOSE_BATCH = 500;

export type MessageJobOptions = Partial<Omit<MessageOptions, "mailer">> & {
  /** The mailer; absent: one over `smtpUrl`, or none without it. */
  mailer?: Mailer | null;
  smtpUrl?: string | undefined;
};

/** Messages' default sender: ACCRUE_SMTP_FROM, else noreply at the public URL's host. */
export function defaultSender(config: Pick<Config, "smtpFrom" | "publicUrl">): string {
  return config.smtpFrom ?? `noreply@${new URL(config.publicUrl).hostname}`;
}

/**
 * Both message jobs, in the order a tick runs them: events composed into messages, then due
 * messages sent (src/workflows/messages.ts).
 */
export function messageJobs(options: MessageJobOptions = {}): Job[] {
  const mailer =
    options.mailer !== undefined
      ? options.mailer
      : options.smtpUrl
        ? smtpMailer(options.smtpUrl)
        : null;
  const settings: MessageOptions = {
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
    mailer,
    defaultSender: options.defaultSender ?? "noreply@localhost",
    leaseMs: options.leaseMs ?? 120_000,
    batchSize: options.batchSize ?? 20,
    log: options.log,
  };
  return [
    {
      name: "message-composition",
      everyMs: 0,
      batchSize: COMPOSE_BATCH,
      run: ({ db }) =>
        composeMessages(db, {
          now: settings.now,
          limit: COMPOSE_BATCH,
          smtpConfigured: mailer !== null,
          defaultSender: settings.defaultSender,
        }),
    },
    {
      name: "message-delivery",
      everyMs: 0,
      batchSize: settings.batchSize,
      run: ({ db, log }) => sendDueMessages(db, { ...settings, log: settings.log ?? log }),
    },
  ];
}
