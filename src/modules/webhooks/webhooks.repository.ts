import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type {
  DB,
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
  WebhookDeliveryStatus,
  WebhookEndpointsTable,
} from "../../storage/schema.js";

export type EndpointRow = Selectable<WebhookEndpointsTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;
export type AttemptRow = Selectable<WebhookAttemptsTable>;
export type DeliveryWithType = DeliveryRow & { event_type: string };

type Page = { limit: number; cursor?: string | undefined };

// ---------------------------------------------------------------------------------------
// Endpoints

/** The one place endpoints are scoped to a tenant; deleted endpoints are gone for the API. */
function endpoints(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom("webhook_endpoints")
    .where("tenant_id", "=", tenantId)
    .where("deleted_at", "is", null);
}

export async function insertEndpoint(
  db: Kysely<DB>,
  row: Insertable<WebhookEndpointsTable>,
): Promise<EndpointRow> {
  return db.insertInto("webhook_endpoints").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findEndpoint(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<EndpointRow | undefined> {
  let q = endpoints(db, tenantId).selectAll().where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listEndpoints(
  db: Kysely<DB>,
  tenantId: string,
  page: Page,
): Promise<EndpointRow[]> {
  let q = endpoints(db, tenantId).selectAll();
  if (page.cursor) q = q.where("id", ">", page.cursor);
  return q.orderBy("id").limit(page.limit).execute();
}

export async function countEndpoints(db: Kysely<DB>, tenantId: string): Promise<number> {
  const row = await endpoints(db, tenantId)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateEndpoint(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  values: Updateable<WebhookEndpointsTable>,
): Promise<EndpointRow> {
  return db
    .updateTable("webhook_endpoints")
    .set({ ...values, updated_at: sql<Date>`now()` })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Enabled, not deleted endpoints of the given tenants: who an event may go to. */
export async function activeEndpoints(
  db: Kysely<DB>,
  tenantIds: readonly string[],
): Promise<EndpointRow[]> {
  if (tenantIds.length === 0) return [];
  return db
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("tenant_id", "in", tenantIds)
    .where("enabled", "=", true)
    .where("deleted_at", "is", null)
    .orderBy("id")
    .execute();
}

// ---------------------------------------------------------------------------------------
// Deliveries and attempts (reads for the API)

/** The one place deliveries are scoped to a tenant, each with its event's type. */
function deliveries(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("outbox_events as e", "e.id", "d.event_id")
    .selectAll("d")
    .select("e.type as event_type")
    .where("d.tenant_id", "=", tenantId);
}

export async function findDelivery(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<DeliveryWithType | undefined> {
  return deliveries(db, tenantId).where("d.id", "=", id).executeTakeFirst();
}

/** Newest first. */
export async function listDeliveries(
  db: Kysely<DB>,
  filter: Page & {
    tenantId: string;
    endpointId?: string | undefined;
    eventId?: string | undefined;
    status?: WebhookDeliveryStatus | undefined;
  },
): Promise<DeliveryWithType[]> {
  let q = deliveries(db, filter.tenantId);
  if (filter.cursor) q = q.where("d.id", "<", filter.cursor);
  if (filter.endpointId) q = q.where("d.endpoint_id", "=", filter.endpointId);
  if (filter.eventId) q = q.where("d.event_id", "=", filter.eventId);
  if (filter.status) q = q.where("d.status", "=", filter.status);
  return q.orderBy("d.id", "desc").limit(filter.limit).execute();
}

/** Newest first. */
export async function listAttempts(
  db: Kysely<DB>,
  tenantId: string,
  deliveryId: string,
  limit: number,
): Promise<AttemptRow[]> {
  return db
    .selectFrom("webhook_attempts")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("delivery_id", "=", deliveryId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

// ---------------------------------------------------------------------------------------
// Deliveries (writes)

/**
 * Creates deliveries, in the given order (which fixes their `seq`). An existing delivery of
 * the same (event, endpoint) is left alone, or with `requeue` made pending again with a
 * fresh schedule. Returns the ids of the rows inserted or requeued.
 */
export async function upsertDeliveries(
  db: Kysely<DB>,
  rows: ReadonlyArray<{
    id: string;
    tenant_id: string;
    event_id: string;
    endpoint_id: string;
    subject_id: string | null;
  }>,
  options: { nextAttemptAt: Date; requeue: boolean },
): Promise<string[]> {
  const ids: string[] = [];
  const CHUNK = 500;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const q = db
      .insertInto("webhook_deliveries")
      .values(
        rows.slice(i, i + CHUNK).map((r) => ({
          ...r,
          status: "pending" as const,
          next_attempt_at: options.nextAttemptAt,
        })),
      )
      .onConflict((oc) =>
        options.requeue
          ? oc
              .columns(["event_id", "endpoint_id"])
              .doUpdateSet(requeueValues(options.nextAttemptAt))
          : oc.columns(["event_id", "endpoint_id"]).doNothing(),
      )
      .returning("id");
    for (const r of await q.execute()) ids.push(r.id);
  }
  return ids;
}

/**
 * A fresh schedule. The lease is dropped too: an attempt in flight still records its outcome
 * as an attempt, but no longer decides the delivery's state.
 */
const requeueValues = (at: Date) => ({
  status: "pending" as const,
  attempt_count: 0,
  next_attempt_at: at,
  first_attempt_at: null,
  locked_until: null,
  lease_token: null,
});

/** Makes deliveries pending again, to be attempted at `at`, with a fresh schedule. */
export async function requeueDeliveries(
  db: Kysely<DB>,
  tenantId: string,
  ids: readonly string[],
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("webhook_deliveries")
    .set(requeueValues(at))
    .where("tenant_id", "=", tenantId)
    .where("id", "in", ids)
    .execute();
}

/** Pending deliveries of an endpoint become cancelled (the endpoint was deleted). */
export async function cancelPending(db: Kysely<DB>, endpointId: string): Promise<void> {
  await db
    .updateTable("webhook_deliveries")
    .set({ status: "cancelled", next_attempt_at: null, last_error: "endpoint deleted" })
    .where("endpoint_id", "=", endpointId)
    .where("status", "=", "pending")
    .execute();
}

/** Pending deliveries of a re-enabled endpoint are due at once. */
export async function resumePending(db: Kysely<DB>, endpointId: string, at: Date): Promise<void> {
  await db
    .updateTable("webhook_deliveries")
    .set({ next_attempt_at: at })
    .where("endpoint_id", "=", endpointId)
    .where("status", "=", "pending")
    .where("next_attempt_at", ">", at)
    .execute();
}
