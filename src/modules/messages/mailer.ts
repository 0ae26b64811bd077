/**
 * Sending one message through SMTP with nodemailer. The transport is made from
 * ACCRUE_SMTP_URL (smtp://user:password@host:587, smtps://… for implicit TLS); nodemailer
 * upgrades a plain connection with STARTTLS when the server offers it.
 */
import nodemailer from "nodemailer";
import { messageIdHeader } from "../../domain/messages/delivery.js";
import type { MessageRow } from "./messages.repository.js";

export type Attachment = { filename: string; content: Buffer; contentType: string };

/** Sends a message; throws when the server refuses it or cannot be reached. */
export type Mailer = {
  send(message: MessageRow, attachments: readonly Attachment[]): Promise<void>;
  close(): void;
};

/** A mailer over the SMTP server of `url`; `timeoutMs` bounds each stage of the dialogue. */
export function smtpMailer(url: string, options: { timeoutMs?: number } = {}): Mailer {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(message, attachments) {
      await transport.sendMail({
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
    close: () => transport.close(),
  };
}

/** What a failed attempt says, on one line without credentials. */
export function describeSendError(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const text = (e.message ?? String(error)).replace(/\s+/g, " ").slice(0, 500);
  const code = e.responseCode ? `smtp ${e.responseCode}` : (e.code ?? "error");
  return `${code}: ${text}`;
}
