/**
 * The worker's side of webhooks (state machine and timeline in README.md):
 *   1. fanOut: each outbox event, once, becomes one delivery per matching enabled endpoint;
 *   2. claimDue: due deliveries are leased (FOR UPDATE SKIP LOCKED, then committed);
 *   3. attempt: the HTTP POST, outside any transaction;
 *   4. record: the attempt and the delivery's new state, in one transaction — only while the
 *      lease is still this worker's.
 * A worker that dies between 2 and 4 loses nothing: its lease runs out and the delivery is
 * claimed again.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { MAX_ATTEMPTS, nextAttemptAt } from "../../domain/webhooks.js";
import { newId } from "../../lib/ids.js";
import { yielder } from "../../lib/yield.js";
import type { DB, WebhookDeliveryStatus } from "../../storage/schema.js";
import type { Ctx } from "../context.js";
import { lockUnfannedEvents, markFannedOut } from "../events/index.js";
import { checkDestination, type Resolver, systemResolver } from "./address.js";
import { type EventRecord, getWebhookFormat } from "./formats.js";
import { signatureHeaders } from "./signing.js";
import {
  activeEndpoints,
  clearFailingSince,
  disableFailingEndpoint,
  type EndpointRow,
  findLeasedDeliveries,
  insertAttempt,
  leaseDueDeliveries,
  lockEndpointById,
  markFailingSince,
  settleLeasedDelivery,
  tryLockFanOut,
  upsertDeliveries,
} from "./webhooks.repository.js";
import { toEndpoint } from "./webhooks.service.js";

export const USER_AGENT = "Accrue-Webhooks/0.1";
/** Bytes of a response body kept with an attempt. */
export const MAX_EXCERPT_BYTES = 1024;

export type DeliveryOptions = {
  /** Scheduling time: due dates, leases and retry times. Wall clock; injected in tests. */
  now: () => Date;
  /** Seconds for `webhook-timestamp`: real time, which receivers compare with their own. */
  signingTime: () => number;
  /** Uniform in [0, 1): the retry jitter. */
  random: () => number;
  /** Deliver to private, loopback and link-local addresses too. */
  allowPrivate: boolean;
  resolve: Resolver;
  /** One request's time limit, headers and body excerpt included. */
  timeoutMs: number;
  /** How long a claimed delivery stays leased; longer than a request can take. */
  leaseMs: number;
  /** Deliveries claimed per batch. */
  batchSize: number;
  /** Requests in flight at once per worker. */
  concurrency: number;
  log?: Logger | undefined;
};

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  now: () => new Date(),
  signingTime: () => Math.floor(Date.now() / 1000),
  random: Math.random,
  allowPrivate: false,
  resolve: systemResolver,
  timeoutMs: 10_000,
  leaseMs: 60_000,
  batchSize: 50,
  concurrency: 16,
};

// ---------------------------------------------------------------------------------------
// 1. Fan-out

/**
 * Turns up to `limit` outbox events, oldest first, into deliveries and marks them fanned
 * out, in the caller's transaction `trx`. One fan-out runs at a time (a transaction-scoped
 * advisory lock; another worker finds it taken and does nothing), so deliveries are numbered
 * (`seq`) in event order, which per-subject ordering relies on. A crash rolls the batch back
 * whole.
 */
export async function fanOutBatch(
  trx: Kysely<DB>,
  options: { now: () => Date; limit: number },
): Promise<number> {
  if (!(await tryLockFanOut(trx))) return 0;
  const events = await lockUnfannedEvents(trx, options.limit);
  if (events.length === 0) return 0;
  const endpointsOf = new Map<string, EndpointRow[]>();
  for (const endpoint of await activeEndpoints(trx, [...new Set(events.map((e) => e.tenant_id))])) {
    const of = endpointsOf.get(endpoint.tenant_id);
    if (of) of.push(endpoint);
    else endpointsOf.set(endpoint.tenant_id, [endpoint]);
  }
  // events times endpoints deliveries, written in chunks: the event loop runs in between
  // (an embedded database writes on the loop's thread; src/lib/yield.ts)
  const yields = yielder();
  const rows = [];
  for (const event of events) {
    await yields.pause();
    for (const endpoint of endpointsOf.get(event.tenant_id) ?? []) {
      if (!getWebhookFormat(endpoint.format)?.matches(endpoint.event_types, event)) continue;
      rows.push({
        id: newId("webhookDelivery"),
        tenant_id: event.tenant_id,
        event_id: event.id,
        endpoint_id: endpoint.id,
        subject_id: event.subject_id,
      });
    }
  }
  const now = options.now();
  await upsertDeliveries(trx, rows, { nextAttemptAt: now, requeue: false, yields });
  await markFannedOut(
    trx,
    events.map((e) => e.id),
    now,
  );
  return events.length;
}

// ---------------------------------------------------------------------------------------
// 2. Claim

export type Claimed = {
  id: string;
  leaseToken: string;
  tenantId: string;
  endpointId: string;
  attemptCount: number;
  firstAttemptAt: Date | null;
  url: string;
  format: string;
  secrets: string[];
  event: EventRecord;
};

/**
 * Leases up to `limit` due deliveries: pending, due, not leased by a live worker, to an
 * enabled endpoint, and with no earlier pending delivery of the same subject to the same
 * endpoint (per-subject order). The lease is committed before any request is made.
 */
export async function claimDue(
  db: Kysely<DB>,
  options: Pick<DeliveryOptions, "now" | "leaseMs"> & { limit: number },
): Promise<Claimed[]> {
  const now = options.now();
  const token = randomUUID();
  const until = new Date(now.getTime() + options.leaseMs);
  const ids = await leaseDueDeliveries(db, { now, until, token, limit: options.limit });
  if (ids.length === 0) return [];
  const rows = await findLeasedDeliveries(db, ids, token);
  return rows.map((r) => ({
    id: r.id,
    leaseToken: token,
    tenantId: r.tenant_id,
    endpointId: r.endpoint_id,
    attemptCount: r.attempt_count,
    firstAttemptAt: r.first_attempt_at,
    url: r.url,
    format: r.format,
    secrets:
      r.previous_secret && r.previous_secret_expires_at && r.previous_secret_expires_at > now
        ? [r.secret, r.previous_secret]
        : [r.secret],
    event: {
      id: r.event_id,
      tenant_id: r.tenant_id,
      type: r.event_type,
      subject_type: r.subject_type,
      subject_id: r.subject_id,
      occurred_at: r.occurred_at,
      tenant_time: r.tenant_time,
      payload: r.payload,
      fanned_out_at: r.fanned_out_at,
    },
  }));
}

// ---------------------------------------------------------------------------------------
// 3. Attempt (no transaction open)

export type AttemptOutcome = {
  attemptedAt: Date;
  durationMs: number;
  succeeded: boolean;
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
};

/** Reads at most `max` bytes of a response body, then lets the rest go. Never throws. */
async function readExcerpt(res: Response, max: number): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // a body that breaks off or times out: keep what arrived
  } finally {
    reader.cancel().catch(() => {});
  }
  const bytes = Buffer.concat(chunks).subarray(0, max);
  // a multi-byte character cut at the end decodes to U+FFFD; NUL cannot be stored in text
  return new TextDecoder("utf-8").decode(bytes).replaceAll("\u0000", "\uFFFD");
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const e = error as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (e.name === "TimeoutError" || e.name === "AbortError") {
    return `timeout: no complete response within ${timeoutMs} ms`;
  }
  const cause = e.cause?.code ?? e.cause?.message ?? e.message ?? "unknown error";
  return `connection_failed: ${cause}`;
}

/** Makes one delivery attempt: checks the destination, signs, POSTs, reads the answer. */
export async function attempt(
  claimed: Claimed,
  options: Pick<DeliveryOptions, "now" | "signingTime" | "allowPrivate" | "resolve" | "timeoutMs">,
): Promise<AttemptOutcome> {
  const attemptedAt = options.now();
  const started = performance.now();
  const done = (o: Omit<AttemptOutcome, "attemptedAt" | "durationMs">): AttemptOutcome => ({
    attemptedAt,
    durationMs: Math.round(performance.now() - started),
    ...o,
  });
  const failed = (error: string) =>
    done({ succeeded: false, statusCode: null, responseExcerpt: null, error });

  const format = getWebhookFormat(claimed.format);
  if (!format) return failed(`unknown_format: no webhook format "${claimed.format}"`);
  let url: URL;
  try {
    url = new URL(claimed.url);
  } catch {
    return failed("invalid_url: the endpoint URL does not parse");
  }
  const destination = await checkDestination(url, options);
  if (!destination.ok) return failed(destination.error);

  const body = format.render(claimed.event);
  const headers = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    ...signatureHeaders(claimed.secrets, claimed.event.id, options.signingTime(), body),
  };
  try {
    const res = await fetch(url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const responseExcerpt = await readExcerpt(res, MAX_EXCERPT_BYTES);
    const succeeded = res.status >= 200 && res.status < 300;
    return done({
      succeeded,
      statusCode: res.status,
      responseExcerpt,
      error: succeeded
        ? null
        : res.status >= 300 && res.status < 400
          ? `http_status: ${res.status} (redirects are not followed)`
          : `http_status: ${res.status}`,
    });
  } catch (error) {
    return failed(describeFetchError(error, options.timeoutMs));
  }
}

// ---------------------------------------------------------------------------------------
// 4. Record

/**
 * Writes the attempt and, if the lease is still this worker's, the delivery's new state:
 * succeeded; pending with the next retry time; or failed when the schedule is spent. The
 * endpoint's failure streak follows; a delivery that fails its whole schedule while every
 * attempt to its endpoint failed disables the endpoint, with a `webhook_endpoint.disabled`
 * event. Returns the delivery's new status, or null when the lease was lost.
 */
export async function record(
  trx: Kysely<DB>,
  claimed: Claimed,
  outcome: AttemptOutcome,
  options: Pick<DeliveryOptions, "random">,
  /** The context of the endpoint's tenant in this transaction, for disabling it. */
  system: () => Promise<Ctx>,
): Promise<WebhookDeliveryStatus | null> {
  await insertAttempt(trx, {
    id: newId("webhookAttempt"),
    tenant_id: claimed.tenantId,
    delivery_id: claimed.id,
    attempted_at: outcome.attemptedAt,
    duration_ms: outcome.durationMs,
    succeeded: outcome.succeeded,
    status_code: outcome.statusCode,
    response_excerpt: outcome.responseExcerpt,
    error: outcome.error,
  });

  const count = claimed.attemptCount + 1;
  const firstAttemptAt = claimed.firstAttemptAt ?? outcome.attemptedAt;
  const retryAt = outcome.succeeded
    ? null
    : nextAttemptAt(outcome.attemptedAt, count, options.random());
  const status: WebhookDeliveryStatus = outcome.succeeded
    ? "succeeded"
    : retryAt
      ? "pending"
      : "failed";
  const settled = await settleLeasedDelivery(trx, claimed.id, claimed.leaseToken, {
    status,
    attempt_count: count,
    next_attempt_at: retryAt,
    locked_until: null,
    lease_token: null,
    first_attempt_at: firstAttemptAt,
    last_attempt_at: outcome.attemptedAt,
    last_status_code: outcome.statusCode,
    last_error: outcome.error,
    ...(outcome.succeeded ? { delivered_at: outcome.attemptedAt } : {}),
  });
  if (!settled) return null;

  if (outcome.succeeded) {
    await clearFailingSince(trx, claimed.endpointId);
    return status;
  }
  await markFailingSince(trx, claimed.endpointId, outcome.attemptedAt);
  if (status === "failed")
    await disableIfSustained(await system(), claimed, firstAttemptAt, outcome);
  return status;
}

/**
 * Sustained failure: a delivery spent its whole schedule (MAX_ATTEMPTS over about two days)
 * and no attempt to the endpoint succeeded since that delivery's first attempt.
 */
async function disableIfSustained(
  ctx: Ctx,
  claimed: Claimed,
  firstAttemptAt: Date,
  outcome: AttemptOutcome,
): Promise<void> {
  const before = await lockEndpointById(ctx.db, claimed.endpointId);
  if (
    !before?.enabled ||
    before.deleted_at ||
    !before.failing_since ||
    before.failing_since > firstAttemptAt
  ) {
    return;
  }
  const row = await disableFailingEndpoint(ctx.db, claimed.endpointId, outcome.attemptedAt);
  const after = toEndpoint(row);
  await ctx.emit({
    type: "webhook_endpoint.disabled",
    subjectType: "webhook_endpoint",
    subjectId: row.id,
    payload: {
      ...after,
      failed_delivery_id: claimed.id,
      failed_attempts: MAX_ATTEMPTS,
    },
  });
  ctx.audit({
    targetType: "webhook_endpoint",
    targetId: row.id,
    before: toEndpoint(before),
    after,
  });
}
