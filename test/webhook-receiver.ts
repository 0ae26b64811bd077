/**
 * A real webhook receiver on 127.0.0.1 (node:http) for tests: it records every request and
 * answers as the test says, and verifies signatures as a receiver would, with the
 * `standardwebhooks` library.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Kysely } from "kysely";
import { pino } from "pino";
import { Webhook } from "standardwebhooks";
import { startWorker, type Worker } from "../src/jobs/runner.js";
import { webhookJobs } from "../src/jobs/webhook-delivery.js";
import type { DeliveryOptions } from "../src/modules/webhooks/delivery.js";
import type { DB } from "../src/storage/schema.js";

export type Received = {
  id: string;
  timestamp: string;
  signature: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: any;
};

export type Answer = { status: number; body?: string; headers?: Record<string, string> };

export class Receiver {
  readonly received: Received[] = [];
  /** How to answer the n-th request (0-based); default 204. May wait before answering. */
  answer: (req: Received, n: number) => Answer | Promise<Answer> = () => ({ status: 204 });

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    readonly port: number,
  ) {}

  static async start(): Promise<Receiver> {
    let self: Receiver | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const body = Buffer.concat(chunks).toString("utf8");
        let json: unknown = null;
        try {
          json = JSON.parse(body);
        } catch {
          // keep null
        }
        const received: Received = {
          id: String(req.headers["webhook-id"] ?? ""),
          timestamp: String(req.headers["webhook-timestamp"] ?? ""),
          signature: String(req.headers["webhook-signature"] ?? ""),
          headers: req.headers,
          body,
          json,
        };
        const receiver = self!;
        const n = receiver.received.length;
        receiver.received.push(received);
        try {
          const answer = await receiver.answer(received, n);
          res.writeHead(answer.status, answer.headers ?? {});
          res.end(answer.body ?? "");
        } catch {
          res.destroy();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    self = new Receiver(server, `http://127.0.0.1:${port}/hook`, port);
    return self;
  }

  /** Verifies a received request with the standardwebhooks library; returns its payload. */
  static verify(secret: string, r: Received): unknown {
    return new Webhook(secret).verify(r.body, {
      "webhook-id": r.id,
      "webhook-timestamp": r.timestamp,
      "webhook-signature": r.signature,
    });
  }

  /** Requests that carried this event id. */
  forEvent(id: string): Received[] {
    return this.received.filter((r) => r.id === id);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A scheduling clock the test moves by hand, starting at the real time. */
export class TestTime {
  private ms = Date.now();
  now = () => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
  set(date: Date): void {
    this.ms = Math.max(this.ms, date.getTime());
  }
}

/** Job failures are logged by the runner, not thrown: print them. */
export const testLog = pino({ level: "error" });

/** A worker running only the webhook jobs, ticked by hand, on injected time. */
export function webhookWorker(
  db: Kysely<DB>,
  options: Partial<DeliveryOptions> & { time?: TestTime } = {},
): Worker & { time: TestTime } {
  const time = options.time ?? new TestTime();
  const worker = startWorker({
    db,
    log: testLog,
    jobs: webhookJobs({
      allowPrivate: true,
      timeoutMs: 2_000,
      random: () => 0.5,
      ...options,
      now: time.now,
    }),
    intervalMs: 10,
    autoStart: false,
  });
  return Object.assign(worker, { time });
}
