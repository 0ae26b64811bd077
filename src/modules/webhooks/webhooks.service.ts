/**
 * Webhook endpoints, deliveries and the event log: the use cases behind /v1/webhook_endpoints,
 * /v1/webhook_deliveries and /v1/events. Delivery itself is the worker's (delivery.ts).
 *
 * Times here (disabled_at, when a redelivery is due, when a rotated secret expires) are
 * wall-clock: webhook delivery is operational, not billing, and does not follow a tenant's
 * test clock.
 */
import type { Static } from "typebox";
import { invalid, notFound, unprocessable } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import type { WebhookDeliveryStatus } from "../../storage/schema.js";
import type { Ctx } from "../context.js";
import { type Event, findEventRow, listEventRows, toEvent } from "../events/index.js";
import { fetchPage, idCursorFor, type Page, utcDayStart } from "../pagination.js";
import {
  endpointUrlRefusal,
  isLocalhostName,
  type Resolver,
  systemResolver,
  validateEndpointUrl,
} from "./address.js";
import { getWebhookFormat, type WebhookFormat } from "./formats.js";
import { generateWebhookSecret } from "./signing.js";
import {
  type AttemptRow,
  activeEndpoints,
  cancelPending,
  countEndpoints,
  countListedDeliveries,
  type DeliveryListFilter,
  type DeliveryWithType,
  type EndpointRow,
  findDelivery,
  findEndpoint,
  insertEndpoint,
  listAttempts,
  listDeliveries as listDeliveryRows,
  listEndpoints as listEndpointRows,
  requeueDeliveries,
  resumePending,
  updateEndpoint as updateEndpointRow,
  upsertDeliveries,
} from "./webhooks.repository.js";
import type {
  WebhookAttemptSchema,
  WebhookDeliverySchema,
  WebhookEndpointSchema,
} from "./webhooks.schemas.js";

export const MAX_ENDPOINTS_PER_TENANT = 100;
/** After a rotation the previous secret keeps signing (beside the new one) this long. */
export const PREVIOUS_SECRET_TTL_MS = 24 * 60 * 60 * 1000;
/** Attempts shown with one delivery, newest first. */
export const MAX_ATTEMPTS_SHOWN = 100;

/** An endpoint as answered (never its secret); WebhookEndpointSchema defines it. */
export type WebhookEndpoint = Static<typeof WebhookEndpointSchema>;

/** A delivery as answered; WebhookDeliverySchema defines it. */
export type WebhookDelivery = Static<typeof WebhookDeliverySchema>;

/** One attempt of a delivery as answered; WebhookAttemptSchema defines it. */
export type WebhookAttempt = Static<typeof WebhookAttemptSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  description: row.description,
  event_types: row.event_types,
  format: row.format,
  enabled: row.enabled,
  disabled_reason: row.disabled_reason,
  disabled_at: iso(row.disabled_at),
  failing_since: iso(row.failing_since),
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
});

export const toDelivery = (row: DeliveryWithType): WebhookDelivery => ({
  id: row.id,
  event_id: row.event_id,
  event_type: row.event_type,
  endpoint_id: row.endpoint_id,
  status: row.status,
  attempt_count: row.attempt_count,
  next_attempt_at: row.status === "pending" ? iso(row.next_attempt_at) : null,
  last_attempt_at: iso(row.last_attempt_at),
  last_status_code: row.last_status_code,
  last_error: row.last_error,
  delivered_at: iso(row.delivered_at),
  created_at: row.created_at.toISOString(),
});

const toAttempt = (row: AttemptRow): WebhookAttempt => ({
  id: row.id,
  attempted_at: row.attempted_at.toISOString(),
  duration_ms: row.duration_ms,
  succeeded: row.succeeded,
  status_code: row.status_code,
  response_excerpt: row.response_excerpt,
  error: row.error,
});

function formatOf(name: string): WebhookFormat {
  const format = getWebhookFormat(name);
  if (!format) {
    throw invalid("unknown_webhook_format", `unknown webhook format "${name}"`, {
      field: "format",
      value: name,
    });
  }
  return format;
}

async function loadEndpoint(ctx: Ctx, id: string, forUpdate = false): Promise<EndpointRow> {
  const row = await findEndpoint(ctx.db, ctx.tenantId, id, { forUpdate });
  if (!row) throw notFound("webhook_endpoint_not_found", `no webhook endpoint ${id}`, { id });
  return row;
}

// ---------------------------------------------------------------------------------------
// Endpoints

export type CreateEndpointInput = {
  url: CheckedEndpointUrl;
  /** Event filter in the format's vocabulary; default every event ("*" for native). */
  event_types?: string[] | undefined;
  description?: string | undefined;
  enabled?: boolean | undefined;
  /** Payload format; default "native". Compatibility layers pass their own. */
  format?: string | undefined;
};

/**
 * Where this installation sends webhooks (ACCRUE_WEBHOOK_ALLOW_PRIVATE), and how endpoint
 * host names resolve when an endpoint is made or changed (absent: the system's resolver).
 */
export type DestinationPolicy = {
  allowPrivate: boolean;
  resolve?: Resolver | undefined;
  /** How long a host name may take to resolve (ms); default ENDPOINT_RESOLVE_TIMEOUT_MS. */
  resolveTimeoutMs?: number | undefined;
};

/** An endpoint URL that `checkEndpointUrl` accepted; the only kind an endpoint is saved with. */
export type CheckedEndpointUrl = string & { readonly checked: unique symbol };

/**
 * An endpoint URL in canonical form, held to the rule delivery applies (address.ts) unless
 * private destinations are allowed: refused (422 `webhook_url_not_allowed`) when its host is
 * a `localhost` name or an address delivery would refuse, or resolves to one; refused (422
 * `webhook_host_unresolvable`) when its host name does not resolve.
 */
/**
 * `checkEndpointUrl` run ahead of the operation's transaction — resolving a host name can take
 * seconds, and no database connection is held meanwhile. The answer, called inside the
 * transaction, gives the checked URL or throws the refusal there, so a refusal is stored under
 * the request's Idempotency-Key like any other.
 */
export async function checkEndpointUrlAhead(
  raw: string,
  policy: DestinationPolicy,
): Promise<() => CheckedEndpointUrl> {
  try {
    const url = await checkEndpointUrl(raw, policy);
    return () => url;
  } catch (error) {
    return () => {
      throw error;
    };
  }
}

export async function checkEndpointUrl(
  raw: string,
  policy: DestinationPolicy,
): Promise<CheckedEndpointUrl> {
  const url = validateEndpointUrl(raw);
  const refusal = await endpointUrlRefusal(url, {
    allowPrivate: policy.allowPrivate,
    resolve: policy.resolve ?? systemResolver,
    timeoutMs: policy.resolveTimeoutMs,
  });
  if (refusal?.kind === "dns_failed") {
    throw unprocessable(
      "webhook_host_unresolvable",
      `url's host ${refusal.host} does not resolve (${refusal.reason}); webhooks go to hosts that resolve to public addresses`,
      { field: "url", host: refusal.host, reason: refusal.reason },
    );
  }
  if (refusal) {
    const where =
      refusal.address === refusal.host
        ? `a ${refusal.reason} ${isLocalhostName(refusal.host) ? "name" : "address"} (${refusal.host})`
        : `${refusal.host}, which resolves to a ${refusal.reason} address (${refusal.address})`;
    throw unprocessable(
      "webhook_url_not_allowed",
      `url points to ${where}, which webhooks are never sent to`,
      { field: "url", host: refusal.host, address: refusal.address, reason: refusal.reason },
    );
  }
  return url as CheckedEndpointUrl;
}

/** Creates an endpoint; the returned `secret` is the only time it is shown. */
export async function createEndpoint(
  ctx: Ctx,
  input: CreateEndpointInput,
): Promise<WebhookEndpoint & { secret: string }> {
  const formatName = input.format ?? "native";
  const format = formatOf(formatName);
  const url = input.url;
  const eventTypes = format.normaliseFilter(input.event_types ?? ["*"]);
  if ((await countEndpoints(ctx.db, ctx.tenantId)) >= MAX_ENDPOINTS_PER_TENANT) {
    throw unprocessable(
      "too_many_webhook_endpoints",
      `a tenant has at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints`,
      { limit: MAX_ENDPOINTS_PER_TENANT },
    );
  }
  const secret = generateWebhookSecret();
  const enabled = input.enabled ?? true;
  const row = await insertEndpoint(ctx.db, {
    id: newId("webhookEndpoint"),
    tenant_id: ctx.tenantId,
    url,
    description: input.description ?? "",
    format: formatName,
    event_types: eventTypes,
    enabled,
    disabled_reason: enabled ? null : "manual",
    disabled_at: enabled ? null : new Date(),
    secret,
  });
  const endpoint = toEndpoint(row);
  ctx.audit({ targetType: "webhook_endpoint", targetId: endpoint.id, after: endpoint });
  await ctx.emit({
    type: "webhook_endpoint.created",
    subjectType: "webhook_endpoint",
    subjectId: endpoint.id,
    payload: endpoint,
  });
  return { ...endpoint, secret };
}

export async function getEndpoint(ctx: Ctx, id: string): Promise<WebhookEndpoint> {
  return toEndpoint(await loadEndpoint(ctx, id));
}

export async function listEndpoints(
  ctx: Ctx,
  input: { limit: number; cursor?: string | undefined },
): Promise<Page<WebhookEndpoint>> {
  return fetchPage(
    input.limit,
    (limit) => listEndpointRows(ctx.db, ctx.tenantId, { ...input, limit }),
    toEndpoint,
  );
}

export type UpdateEndpointInput = {
  url?: CheckedEndpointUrl | undefined;
  event_types?: string[] | undefined;
  description?: string | undefined;
  enabled?: boolean | undefined;
};

/**
 * Changes an endpoint. Disabling pauses it: its pending deliveries wait and events that occur
 * meanwhile are not queued for it. Enabling it again makes the waiting deliveries due at once
 * and forgets its failure streak.
 */
export async function updateEndpoint(
  ctx: Ctx,
  id: string,
  input: UpdateEndpointInput,
): Promise<WebhookEndpoint> {
  const url = input.url;
  const row = await loadEndpoint(ctx, id, true);
  const format = formatOf(row.format);
  const now = new Date();
  const values: Parameters<typeof updateEndpointRow>[3] = {};
  if (url !== undefined) values.url = url;
  if (input.event_types !== undefined)
    values.event_types = format.normaliseFilter(input.event_types);
  if (input.description !== undefined) values.description = input.description;
  const enabling = input.enabled === true && !row.enabled;
  const disabling = input.enabled === false && row.enabled;
  if (enabling) {
    Object.assign(values, {
      enabled: true,
      disabled_reason: null,
      disabled_at: null,
      failing_since: null,
    });
  }
  if (disabling) {
    Object.assign(values, { enabled: false, disabled_reason: "manual", disabled_at: now });
  }
  const before = toEndpoint(row);
  const after = toEndpoint(await updateEndpointRow(ctx.db, ctx.tenantId, id, values));
  if (enabling) await resumePending(ctx.db, id, now);
  ctx.audit({ targetType: "webhook_endpoint", targetId: id, before, after });
  await ctx.emit({
    type: "webhook_endpoint.updated",
    subjectType: "webhook_endpoint",
    subjectId: id,
    payload: after,
  });
  if (disabling) {
    await ctx.emit({
      type: "webhook_endpoint.disabled",
      subjectType: "webhook_endpoint",
      subjectId: id,
      payload: after,
    });
  }
  return after;
}

/** Deletes an endpoint: it receives nothing more, and its pending deliveries are cancelled. */
export async function deleteEndpoint(ctx: Ctx, id: string): Promise<WebhookEndpoint> {
  const row = await loadEndpoint(ctx, id, true);
  const before = toEndpoint(row);
  const after = toEndpoint(
    await updateEndpointRow(ctx.db, ctx.tenantId, id, { enabled: false, deleted_at: new Date() }),
  );
  await cancelPending(ctx.db, id);
  ctx.audit({ targetType: "webhook_endpoint", targetId: id, before, after: null });
  await ctx.emit({
    type: "webhook_endpoint.deleted",
    subjectType: "webhook_endpoint",
    subjectId: id,
    payload: after,
  });
  return after;
}

/**
 * A new signing secret, shown once. The previous one keeps signing beside it (a second
 * signature in `webhook-signature`) for PREVIOUS_SECRET_TTL_MS, so receivers can switch over
 * without losing a message.
 */
export async function rotateSecret(
  ctx: Ctx,
  id: string,
): Promise<WebhookEndpoint & { secret: string; previous_secret_expires_at: string }> {
  const row = await loadEndpoint(ctx, id, true);
  const secret = generateWebhookSecret();
  const expires = new Date(Date.now() + PREVIOUS_SECRET_TTL_MS);
  const endpoint = toEndpoint(
    await updateEndpointRow(ctx.db, ctx.tenantId, id, {
      secret,
      previous_secret: row.secret,
      previous_secret_expires_at: expires,
    }),
  );
  const after = { ...endpoint, previous_secret_expires_at: expires.toISOString() };
  ctx.audit({ targetType: "webhook_endpoint", targetId: id, before: toEndpoint(row), after });
  await ctx.emit({
    type: "webhook_endpoint.secret_rotated",
    subjectType: "webhook_endpoint",
    subjectId: id,
    payload: after,
  });
  return { ...after, secret };
}

// ---------------------------------------------------------------------------------------
// Deliveries

export async function listDeliveries(
  ctx: Ctx,
  input: {
    limit: number;
    cursor?: string | undefined;
    /** desc (default): newest first; asc: oldest first. */
    order?: "asc" | "desc" | undefined;
    endpoint_id?: string | undefined;
    event_id?: string | undefined;
    status?: WebhookDeliveryStatus | undefined;
    /** Created on this UTC day (YYYY-MM-DD) or later. */
    created_from?: string | undefined;
    /** Created on this UTC day or earlier. */
    created_to?: string | undefined;
    include_total?: boolean | undefined;
  },
): Promise<Page<WebhookDelivery> & { total_count?: number }> {
  const filter: DeliveryListFilter = {
    tenantId: ctx.tenantId,
    endpointId: input.endpoint_id,
    eventId: input.event_id,
    status: input.status,
    createdFrom: input.created_from ? utcDayStart(input.created_from, 0) : undefined,
    createdBefore: input.created_to ? utcDayStart(input.created_to, 1) : undefined,
  };
  const order = input.order ?? "desc";
  const cursor = idCursorFor(input.cursor, order);
  const page = await fetchPage(
    input.limit,
    (limit) => listDeliveryRows(ctx.db, { ...filter, limit, cursor, order }),
    toDelivery,
  );
  if (!input.include_total) return page;
  return { ...page, total_count: await countListedDeliveries(ctx.db, filter) };
}

async function loadDelivery(ctx: Ctx, id: string): Promise<DeliveryWithType> {
  const row = await findDelivery(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("webhook_delivery_not_found", `no webhook delivery ${id}`, { id });
  return row;
}

/** A delivery with its attempts, newest first. */
export async function getDelivery(
  ctx: Ctx,
  id: string,
): Promise<WebhookDelivery & { attempts: WebhookAttempt[] }> {
  const row = await loadDelivery(ctx, id);
  const attempts = await listAttempts(ctx.db, ctx.tenantId, id, MAX_ATTEMPTS_SHOWN);
  return { ...toDelivery(row), attempts: attempts.map(toAttempt) };
}

/** Sends a delivery again now, with a fresh retry schedule, whatever its state. */
export async function redeliverDelivery(ctx: Ctx, id: string): Promise<WebhookDelivery> {
  const row = await loadDelivery(ctx, id);
  const endpoint = await findEndpoint(ctx.db, ctx.tenantId, row.endpoint_id);
  if (!endpoint) {
    throw unprocessable("webhook_endpoint_deleted", "the delivery's endpoint was deleted", {
      endpoint_id: row.endpoint_id,
    });
  }
  if (!endpoint.enabled) {
    throw unprocessable(
      "webhook_endpoint_disabled",
      "the delivery's endpoint is disabled; enable it first",
      { endpoint_id: row.endpoint_id },
    );
  }
  await requeueDeliveries(ctx.db, ctx.tenantId, [id], new Date());
  const after = toDelivery(await loadDelivery(ctx, id));
  ctx.audit({ targetType: "webhook_delivery", targetId: id, before: toDelivery(row), after });
  return after;
}

// ---------------------------------------------------------------------------------------
// Events

export async function listEvents(
  ctx: Ctx,
  input: {
    limit: number;
    cursor?: string | undefined;
    type?: string | undefined;
    subject_id?: string | undefined;
  },
): Promise<Page<Event>> {
  return fetchPage(
    input.limit,
    (limit) =>
      listEventRows(ctx.db, {
        tenantId: ctx.tenantId,
        limit,
        cursor: input.cursor,
        type: input.type,
        subjectId: input.subject_id,
      }),
    toEvent,
  );
}

export async function getEvent(ctx: Ctx, id: string): Promise<Event> {
  const row = await findEventRow(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("event_not_found", `no event ${id}`, { id });
  return toEvent(row);
}

/**
 * Sends an event again, now, to every enabled endpoint whose filter takes it — also to
 * endpoints created or enabled after it occurred. Each gets a fresh retry schedule.
 */
export async function redeliverEvent(ctx: Ctx, id: string): Promise<Page<WebhookDelivery>> {
  const event = await findEventRow(ctx.db, ctx.tenantId, id);
  if (!event) throw notFound("event_not_found", `no event ${id}`, { id });
  const targets = (await activeEndpoints(ctx.db, [ctx.tenantId])).filter((e) =>
    getWebhookFormat(e.format)?.matches(e.event_types, event),
  );
  if (targets.length === 0) {
    throw unprocessable(
      "no_matching_webhook_endpoints",
      `no enabled webhook endpoint subscribes to ${event.type}`,
      { event_id: id, type: event.type },
    );
  }
  await upsertDeliveries(
    ctx.db,
    targets.map((e) => ({
      id: newId("webhookDelivery"),
      tenant_id: ctx.tenantId,
      event_id: id,
      endpoint_id: e.id,
      subject_id: event.subject_id,
    })),
    { nextAttemptAt: new Date(), requeue: true },
  );
  const rows = await listDeliveryRows(ctx.db, {
    tenantId: ctx.tenantId,
    eventId: id,
    limit: MAX_ENDPOINTS_PER_TENANT,
  });
  const targetIds = new Set(targets.map((t) => t.id));
  const data = rows.filter((r) => targetIds.has(r.endpoint_id)).map(toDelivery);
  for (const d of data) ctx.audit({ targetType: "webhook_delivery", targetId: d.id, after: d });
  return { data, has_more: false, next_cursor: null };
}
