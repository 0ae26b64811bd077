/**
 * What the local stand-ins of payment providers' APIs (stripe-server.ts, gocardless-server.ts,
 * mollie-server.ts) share: a loopback server (plain HTTP, or HTTPS with the loopback
 * certificate for a client that speaks only HTTPS), every request recorded as the client sent
 * it, `sent(route)` to find them, and `hangNext` (requests recorded but never answered). How a
 * provider reads its requests, answers them and fails them (`failNext`, `loseAnswers`) is each
 * stand-in's own.
 */
import { once } from "node:events";
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { LOOPBACK_TLS } from "./loopback-tls.js";

/** A provider's JSON, read freely by tests. */
export type Json = Record<string, any>;
export type Answer = { status: number; body: Json };

/** A request as it arrived: its method, path, query, headers (one value each) and body text. */
export type IncomingCall = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  raw: string;
};

/**
 * What a stand-in answers a request: the status and JSON body, and headers of its own; or,
 * for a page a browser opens, `html` instead of the JSON body.
 */
export type Reply = Answer & { headers?: OutgoingHttpHeaders; html?: string };

export abstract class FakeProviderServer<R extends { method: string; path: string }> {
  readonly requests: R[] = [];
  /** Records the next this many requests and never answers them. */
  hangNext = 0;
  private server: Server | undefined;

  /** `tls`: the client speaks only HTTPS (Mollie's), unless `start` says otherwise. */
  constructor(private readonly tls = false) {}

  /** How the stand-in records a request (what tests read back). */
  protected abstract record(call: IncomingCall): R;
  /** What it answers a recorded request. */
  protected abstract answer(recorded: R, call: IncomingCall): Reply | Promise<Reply>;

  /**
   * Starts listening on a free loopback port: plain HTTP, or HTTPS with the loopback
   * certificate (`tls`, by default the stand-in's own); answers the `api_base` to configure.
   */
  async start(options: { tls?: boolean } = {}): Promise<string> {
    const tls = options.tls ?? this.tls;
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.server = tls ? createTlsServer(LOOPBACK_TLS, handler) : createServer(handler);
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    const port = (this.server.address() as AddressInfo).port;
    return `${tls ? "https" : "http"}://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** The requests to a route (method and path, e.g. "POST /payments"). */
  sent(route: string): R[] {
    return this.requests.filter((r) => `${r.method} ${r.path}` === route);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url ?? "/", "http://localhost");
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      headers[k] = Array.isArray(v) ? v.join(", ") : v;
    }
    const call = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers,
      raw,
    };
    const recorded = this.record(call);
    this.requests.push(recorded);
    if (this.hangNext > 0) {
      this.hangNext -= 1;
      return; // never answered
    }
    const reply = await this.answer(recorded, call);
    if (reply.html !== undefined) {
      res.writeHead(reply.status, { "content-type": "text/html; charset=utf-8", ...reply.headers });
      res.end(reply.html);
      return;
    }
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(JSON.stringify(reply.body));
  }
}
