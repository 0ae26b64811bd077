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
          self?.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            mail: await simpleParser(raw),
          });
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
