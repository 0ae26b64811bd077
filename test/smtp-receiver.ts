/**
 * A real SMTP server on loopback (smtp-server, the server half of nodemailer's project) that
 * keeps every message it is given, parsed with mailparser, for tests to read what arrived.
 */
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Received = {
  /** The SMTP envelope: MAIL FROM and RCPT TO. */
  from: string;
  to: string[];
  raw: Buffer;
  mail: ParsedMail;
};

export class SmtpReceiver {
  readonly received: Received[] = [];
  /** When set, every message is refused with this SMTP reply text (a 451). */
  refuse: string | null = null;
  /**
   * Recipients refused at RCPT TO, with the reply code: a 550 (no such user) bounces their
   * messages, a 450 (mailbox busy) has them tried again.
   */
  readonly refusedRecipients = new Map<string, 450 | 550>();
  /**
   * When set, called once a message's data has arrived and been kept, before the server
   * answers it: the answer waits until the promise it returns settles (a crash of the
   * sender while it waits leaves a message the receiver has and the sender never heard of).
   */
  hold: ((received: Received) => Promise<void>) | null = null;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** What a receiver that de-duplicates by Message-ID keeps. */
  get distinct(): Received[] {
    const seen = new Set<string>();
    return this.received.filter((r) => {
      const id = r.mail.messageId ?? "";
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  static async start(port = 0): Promise<SmtpReceiver> {
    let self: SmtpReceiver | undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onRcptTo(address, _session, callback) {
        const code = self?.refusedRecipients.get(address.address);
        if (code) {
          const text = code === 550 ? "5.1.1 user unknown" : "4.2.1 mailbox busy, try later";
          callback(Object.assign(new Error(text), { responseCode: code }));
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", async () => {
          if (self?.refuse) {
            const error = Object.assign(new Error(self.refuse), { responseCode: 451 });
            callback(error);
            return;
          }
          const raw = Buffer.concat(chunks);
          const received: Received = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            mail: await simpleParser(raw),
          };
          self?.received.push(received);
          if (self?.hold) await self.hold(received).catch(() => {});
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    self = new SmtpReceiver(server, address.port);
    return self;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
