import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type { Yielder } from "../../lib/yield.js";
import type {
  DB,
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
  WebhookDeliveryStatus,
  WebhookEndpointsTable,
} from "../../storage/schema.js";
import { type EventRow, outboxEvents } from "../events/index.js";

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
function joinedDeliveries(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom("webhook_deliveries as d")
    .innerJoin(outboxEvents(db).as("e"), "e.id", "d.event_id")
    .where("d.tenant_id", "=", tenantId);
}

function deliveries(db: Kysely<DB>, tenantId: string) {
  return joinedDeliveries(db, tenantId).selectAll("d").select("e.type as event_type");
}

/** Which of the tenant's deliveries a list holds: all of them unless narrowed. */
export type DeliveryListFilter = {
  tenantId: string;
  endpointId?: string | undefined;
  eventId?: string | undefined;
  status?: WebhookDeliveryStatus | undefined;
  /** Created at or after this instant. */
  createdFrom?: Date | undefined;
  /** Created before this instant. */
  createdBefore?: Date | undefined;
};

function filteredDeliveries(db: Kysely<DB>, filter: DeliveryListFilter) {
  let q = joinedDeliveries(db, filter.tenantId);
  if (filter.endpointId) q = q.where("d.endpoint_id", "=", filter.endpointId);
  if (filter.eventId) q = q.where("d.event_id", "=", filter.eventId);
  if (filter.status) q = q.where("d.status", "=", filter.status);
  if (filter.createdFrom) q = q.where("d.created_at", ">=", filter.createdFrom);
  if (filter.createdBefore) q = q.where("d.created_at", "<", filter.createdBefore);
  return q;
}

/** How many of the tenant's deliveries the filter holds (one COUNT query). */
export async function countListedDeliveries(
  db: Kysely<DB>,
  filter: DeliveryListFilter,
): Promise<number> {
  const row = await filteredDeliveries(db, filter)
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findDelivery(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<DeliveryWithType | undefined> {
  return deliveries(db, tenantId).where("d.id", "=", id).executeTakeFirst();
}

/** Newest first (by id), or oldest first with `order` asc; the cursor is the last id answered. */
export async function listDeliveries(
  db: Kysely<DB>,
  filter: Page & DeliveryListFilter & { order?: "asc" | "desc" | undefined },
): Promise<DeliveryWithType[]> {
  const asc = filter.order === "asc";
  let q = filteredDeliveries(db, filter).selectAll("d").select("e.type as event_type");
  if (filter.cursor) q = q.where("d.id", asc ? ">" : "<", filter.cursor);
  return q
    .orderBy("d.id", asc ? "asc" : "desc")
    .limit(filter.limit)
    .execute();
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
  options: {
    nextAttemptAt: Date;
    requeue: boolean;
    /** Paused between chunks (a fan-out of many events to many endpoints). */
    yields?: Yielder;
  },
): Promise<string[]> {
  const ids: string[] = [];
  const CHUNK = 500;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await options.yields?.pause();
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

// ---------------------------------------------------------------------------------------
// The worker: fan-out, claim, record

/**
 * Takes the fan-out's transaction-scoped advisory lock, or answers false when another
 * transaction holds it.
 */
export async function tryLockFanOut(trx: Kysely<DB>): Promise<boolean> {
  const lock = await sql<{ locked: boolean }>`
    SELECT pg_try_advisory_xact_lock(hashtext('accrue.webhook_fan_out')) AS locked`.execute(trx);
  return lock.rows[0]?.locked === true;
}

/**
 * Leases up to `limit` due deliveries until `until` under `token`: pending, due, not leased
 * by a live worker, to an enabled endpoint, and with no earlier pending delivery of the same
 * subject to the same endpoint. Returns the ids leased.
 */
export async function leaseDueDeliveries(
  db: Kysely<DB>,
  options: { now: Date; until: Date; token: string; limit: number },
): Promise<string[]> {
  const { now, until, token, limit } = options;
  const claimed = await sql<{ id: string }>`
    UPDATE webhook_deliveries AS w
    SET locked_until = ${until}, lease_token = ${token}
    FROM (
      SELECT d.id
      FROM webhook_deliveries d
      JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.status = 'pending'
        AND d.next_attempt_at <= ${now}
        AND (d.locked_until IS NULL OR d.locked_until <= ${now})
        AND e.enabled AND e.deleted_at IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM webhook_deliveries p
          WHERE p.endpoint_id = d.endpoint_id
            AND p.subject_id = d.subject_id
            AND p.status = 'pending'
            AND p.seq < d.seq
        )
      ORDER BY d.next_attempt_at, d.seq
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    ) AS due
    WHERE w.id = due.id
    RETURNING w.id`.execute(db);
  return claimed.rows.map((r) => r.id);
}

export type LeasedDeliveryRow = Pick<
  DeliveryRow,
  "id" | "tenant_id" | "endpoint_id" | "attempt_count" | "first_attempt_at"
> &
  Pick<
    EndpointRow,
    "url" | "format" | "secret" | "previous_secret" | "previous_secret_expires_at"
  > &
  Pick<
    EventRow,
    "subject_type" | "subject_id" | "occurred_at" | "tenant_time" | "payload" | "fanned_out_at"
  > & { event_id: string; event_type: string };

/** The deliveries `ids` still leased under `token`, with endpoint and event, in `seq` order. */
export async function findLeasedDeliveries(
  db: Kysely<DB>,
  ids: readonly string[],
  token: string,
): Promise<LeasedDeliveryRow[]> {
  return db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("webhook_endpoints as e", "e.id", "d.endpoint_id")
    .innerJoin(outboxEvents(db).as("o"), "o.id", "d.event_id")
    .select([
      "d.id",
      "d.tenant_id",
      "d.endpoint_id",
      "d.attempt_count",
      "d.first_attempt_at",
      "e.url",
      "e.format",
      "e.secret",
      "e.previous_secret",
      "e.previous_secret_expires_at",
      "o.id as event_id",
      "o.type as event_type",
      "o.subject_type",
      "o.subject_id",
      "o.occurred_at",
      "o.tenant_time",
      "o.payload",
      "o.fanned_out_at",
    ])
    .where("d.id", "in", ids)
    .where("d.lease_token", "=", token)
    .orderBy("d.seq")
    .execute();
}

export async function insertAttempt(
  db: Kysely<DB>,
  row: Insertable<WebhookAttemptsTable>,
): Promise<void> {
  await db.insertInto("webhook_attempts").values(row).execute();
}

/**
 * Writes a delivery's state after an attempt, only while it is pending and still leased
 * under `leaseToken`. Answers whether it did.
 */
export async function settleLeasedDelivery(
  db: Kysely<DB>,
  id: string,
  leaseToken: string,
  values: Updateable<WebhookDeliveriesTable>,
): Promise<boolean> {
  const updated = await db
    .updateTable("webhook_deliveries")
    .set(values)
    .where("id", "=", id)
    .where("lease_token", "=", leaseToken)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return updated.numUpdatedRows !== 0n;
}

/** Ends an endpoint's failure streak, if it has one. */
export async function clearFailingSince(db: Kysely<DB>, endpointId: string): Promise<void> {
  await db
    .updateTable("webhook_endpoints")
    .set({ failing_since: null })
    .where("id", "=", endpointId)
    .where("failing_since", "is not", null)
    .execute();
}

/** Starts an endpoint's failure streak at `at`, unless one is running. */
export async function markFailingSince(
  db: Kysely<DB>,
  endpointId: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable("webhook_endpoints")
    .set({ failing_since: at })
    .where("id", "=", endpointId)
    .where("failing_since", "is", null)
    .execute();
}

/** An endpoint by id, deleted or not, locked. */
export async function lockEndpointById(
  db: Kysely<DB>,
  id: string,
): Promise<EndpointRow | undefined> {
  return db
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/** Disables an endpoint for sustained failure as of `at`. */
export async function disableFailingEndpoint(
  db: Kysely<DB>,
  id: string,
  at: Date,
): Promise<EndpointRow> {
  return db
    .updateTable("webhook_endpoints")
    .set({
      enabled: false,
      disabled_reason: "sustained_failure",
      disabled_at: at,
      updated_at: at,
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** How many of the tenant's deliveries are in `status`. */
export async function countDeliveries(
  db: Kysely<DB>,
  tenantId: string,
  status: WebhookDeliveryStatus,
): Promise<number> {
  const row = await db
    .selectFrom("webhook_deliveries")
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("status", "=", status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
