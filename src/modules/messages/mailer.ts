/**
 * Sending one message through SMTP with nodemailer. The transport is made from
 * ACCRUE_SMTP_URL (smtp://user:password@host:587, smtps://… for implicit TLS); nodemailer
 * upgrades a plain connection with STARTTLS when the server offers it. nodemailer is loaded
 * on a mailer's first message, not with the server.
 */
import type { Transporter } from "nodemailer";
import { messageIdHeader } from "../../domain/messages/delivery.js";
import type { MessageRow } from "./messages.repository.js";

export type Attachment = { filename: string; content: Buffer; contentType: string };

/** Sends a message; throws when the server refuses it or cannot be reached. */
export type Mailer = {
  send(message: MessageRow, attachments: readonly Attachment[]): Promise<void>;
  close(): void;
};

/** How long each stage of the SMTP dialogue may take by default (ACCRUE_SMTP_TIMEOUT_MS). */
export const SMTP_TIMEOUT_MS = 10_000;

/**
 * A mailer over the SMTP server of `url`; `timeoutMs` bounds each stage of the dialogue: the
 * connection (DNS and TCP), the server's greeting, and any silence of the socket after it, so
 * a server that accepts the connection and never answers costs one timeout, not a worker.
 */
export function smtpMailer(url: string, options: { timeoutMs?: number } = {}): Mailer {
  const timeout = options.timeoutMs ?? SMTP_TIMEOUT_MS;
  let transport: Promise<Transporter> | undefined;
  const transporter = () =>
    (transport ??= import("nodemailer").then(({ default: mailer }) =>
      mailer.createTransport({
        url,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
        dnsTimeout: timeout,
      } as Parameters<typeof mailer.createTransport>[0]),
    ));
  return {
    async send(message, attachments) {
      await (await transporter()).sendMail({
        from: message.sender,
        to: message.recipient,
        subject: message.subject,
        text: message.body_text,
        html: message.body_html,
        messageId: messageIdHeader(message.id, message.sender),
        headers: {
          "Content-Language": message.language,
          "X-Accrue-Message-Id": message.id,
          "Auto-Submitted": "auto-generated",
        },
        attachments: attachments.map((a) => ({ ...a })),
      });
    },
    close: () => {
      void transport?.then(
        (opened) => opened.close(),
        () => {},
      );
    },
  };
}

/** What a failed attempt says, on one line without credentials. */
export function describeSendError(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const text = (e.message ?? String(error)).replace(/\s+/g, " ").slice(0, 500);
  const code = e.responseCode ? `smtp ${e.responseCode}` : (e.code ?? "error");
  return `${code}: ${text}`;
}

type SmtpError = { code?: string; command?: string; responseCode?: number; response?: string };

/**
 * Whether the recipient's mail system refused the recipient for good: a 5xx reply to RCPT TO
 * (550 user unknown, 553 mailbox name not allowed, …), which nodemailer reports as EENVELOPE
 * with the rejected recipients. Such a message bounces and is not tried again; a 4xx reply
 * (mailbox busy, greylisting) is temporary and retried.
 */
export function isRecipientRefusal(error: unknown): boolean {
  const e = (error ?? {}) as SmtpError;
  return (
    e.code === "EENVELOPE" &&
    e.command === "RCPT TO" &&
    typeof e.responseCode === "number" &&
    e.responseCode >= 500 &&
    e.responseCode < 600
  );
}

/**
 * Whether the SMTP server could not be talked to at all (refused or dropped connection, DNS,
 * TLS, or a stage of the dialogue timed out): the other messages of the turn would fare the
 * same, so the turn ends there.
 */
export function isServerUnreachable(error: unknown): boolean {
  const e = (error ?? {}) as SmtpError;
  if (e.responseCode) return false;
  return ["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EPROXY", "ECONNREFUSED"].includes(
    e.code ?? "",
  );
}
