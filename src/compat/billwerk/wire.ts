/**
 * Billwerk wire conventions: PascalCase JSON, timestamps with seven fractional digits,
 * errors as `{"Message","Code","Details","RequestId"}`, lists paged by `skip`/`take` or the
 * `from` cursor. Adapters only: no business rules live here.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { Dec } from "../../domain/money/index.js";
import { mapError, setErrorHeaders } from "../../http/errors.js";

/** `2025-03-01T09:00:00.0000000Z` from an ISO timestamp. */
export function bwTimestamp(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(iso);
  if (!match) return iso;
  return `${match[1]}.${(match[2] ?? "").padEnd(7, "0").slice(0, 7)}Z`;
}

/**
 * A JSON number as Billwerk sends prices and quantities → Accrue's decimal text, without
 * exponent notation. Numbers carry at most 15–17 significant digits; that is what arrives.
 */
export function decimalFromNumber(n: number): string {
  return new Dec(n).toFixed();
}

/** Paging parameters Billwerk clients send; unknown query parameters are ignored. */
export const BwListQuery = Type.Object({
  skip: Type.Optional(Type.Integer({ minimum: 0 })),
  take: Type.Optional(Type.Integer({ minimum: 1 })),
  from: Type.Optional(Type.String({ maxLength: 64 })),
});

/** Largest page a Billwerk list returns, whatever `take` asks for. */
export const MAX_TAKE = 500;

export function paging(query: { skip?: number; take?: number; from?: string }) {
  return {
    limit: Math.min(query.take ?? MAX_TAKE, MAX_TAKE),
    offset: query.from ? 0 : (query.skip ?? 0),
    cursor: query.from,
  };
}

/**
 * Billwerk answers field errors with 422 (malformed JSON stays 400). The body carries the
 * native machine code too, so clients of either surface can branch on it.
 */
export function billwerkErrorHandler(
  error: FastifyError,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  const { status, body, unexpected } = mapError(error, req.id);
  if (unexpected) req.log.error({ err: error }, "unhandled error");
  const bwStatus = body.error.code === "validation_failed" ? 422 : status;
  setErrorHeaders(reply, bwStatus);
  return reply.status(bwStatus).send({
    Message: body.error.message,
    Code: body.error.code,
    Details: body.error.details,
    RequestId: body.error.request_id,
  });
}

/**
 * A DELETE answers 204 with no body, as Billwerk documents. The published `billwerk` 2.1.0
 * client parses every response as JSON and so fails on 204; it also appends `take` to every
 * call, which no list-less request of a well-behaved client does. Such a request gets 200 and
 * `{}` instead: the same success, in a form that client can read.
 */
export function deletedReply(req: FastifyRequest, reply: FastifyReply) {
  const query = req.query as Record<string, unknown> | undefined;
  if (query && ("take" in query || "skip" in query)) return reply.status(200).send({});
  return reply.status(204).send();
}
