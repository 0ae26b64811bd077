/**
 * How a Chargebee route is declared: its path, the Chargebee operation it serves (for the
 * documentation and the conformance table) and a handler that reads Chargebee's parameters,
 * calls the native API and answers Chargebee's shape.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Params } from "./form.js";
import { callNative, type NativeAnswer, type NativeCall, type NativeJson } from "./native.js";
import { CbError, Reader } from "./wire.js";

/** The header that selects a business entity on Chargebee's multi-entity sites. */
export const ENTITY_HEADER = "chargebee-business-entity-id";

export class CbCall {
  readonly params: Reader;

  constructor(
    readonly req: FastifyRequest,
    readonly reply: FastifyReply,
  ) {
    const source = (req.method === "GET" ? req.query : req.body) as Params | undefined;
    this.params = new Reader(source ?? {});
  }

  /** The `{id}` of the path. */
  get id(): string {
    return (this.req.params as { id: string }).id;
  }

  /** The business entity the caller selected with `chargebee-business-entity-id`, if any. */
  get entity(): string | undefined {
    const value = this.req.headers[ENTITY_HEADER];
    return typeof value === "string" && value !== "" ? value : undefined;
  }

  /** One native request, with the caller's credentials; a refusal throws a CbError. */
  native(call: NativeCall): Promise<NativeAnswer> {
    return callNative(this.req, this.reply, call);
  }

  /** A native read: its body. */
  async get(url: string, query?: NativeCall["query"]): Promise<NativeJson> {
    return (await this.native({ method: "GET", url, ...(query ? { query } : {}) })).body;
  }

  /** The native request that makes the change, with the caller's idempotency key. */
  async change(method: NativeCall["method"], url: string, body?: unknown): Promise<NativeJson> {
    return (await this.native({ method, url, body, idempotent: true })).body;
  }
}

export type CbHandler = (call: CbCall) => Promise<Record<string, unknown>>;

/** The Chargebee operations served, `resource.method` as Chargebee's Node client names them. */
export const SERVED: Array<{ method: string; path: string; operation: string }> = [];

export function cbRoute(
  app: FastifyInstance,
  method: "GET" | "POST",
  path: string,
  operation: string,
  handler: CbHandler,
): void {
  SERVED.push({ method, path, operation });
  app.route({
    method,
    url: path,
    schema: { hide: true },
    config: { chargebee: operation },
    handler: async (req, reply) => {
      const call = new CbCall(req, reply);
      const answer = await handler(call);
      return reply.status(200).send(answer);
    },
  });
}

export { CbError };
