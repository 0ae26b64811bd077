/**
 * The idempotency key a call to a payment gateway is sent with (Stripe's Idempotency-Key
 * header): the gateway carries out a call once per key, and answers a repeated one as it
 * answered the first.
 *
 * A request that carries a client Idempotency-Key is retried with the same key after an
 * outcome the client could not read (`503 gateway_unreachable`, a lost connection): its
 * gateway keys are derived from the tenant, that key, the gateway call and the record acted on
 * (the source charged, the payment refunded), so the retry asks the gateway again under the
 * same keys and nothing is charged or refunded twice. The digest keeps the key short whatever
 * the client sent. Without a client key, the request id and the record: unique per request.
 */
import { createHash } from "node:crypto";
import type { Ctx } from "../context.js";

/** What Accrue asks of a gateway under a key. */
export type GatewayCall =
  | "charge"
  | "authorize"
  | "capture"
  | "release"
  | "refund"
  | "confirm"
  | "setup";

export function gatewayIdempotencyKey(
  ctx: Pick<Ctx, "tenantId" | "requestId" | "idempotencyKey">,
  call: GatewayCall,
  subjectId: string,
): string {
  if (!ctx.idempotencyKey) return `${ctx.requestId}_${subjectId}`;
  const digest = createHash("sha256")
    .update(JSON.stringify([ctx.tenantId, ctx.idempotencyKey, call, subjectId]))
    .digest("base64url");
  return `idem_${digest}_${subjectId}`;
}
