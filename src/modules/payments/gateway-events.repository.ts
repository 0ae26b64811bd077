import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { DB, GatewayAccountsTable, GatewayEventsTable } from "../../storage/schema.js";

export type GatewayEventRow = Selectable<GatewayEventsTable>;

/** A gateway account by its id alone: an event's URL names it, and so its tenant. */
export function findAccountOfEvents(
  db: Kysely<DB>,
  id: string,
): Promise<Selectable<GatewayAccountsTable> | undefined> {
  return db.selectFrom("gateway_accounts").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Records an event; a verified one only if the account has no event of its id yet. */
export function insertGatewayEvent(
  db: Kysely<DB>,
  row: Insertable<GatewayEventsTable>,
): Promise<GatewayEventRow | undefined> {
  return db
    .insertInto("gateway_events")
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(["gateway_account_id", "provider_event_id"])
        .where("provider_event_id", "is not", null)
        .doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
}

/** The event of the account with the provider's id. */
export function findGatewayEvent(
  db: Kysely<DB>,
  tenantId: string,
  accountId: string,
  providerEventId: string,
): Promise<GatewayEventRow | undefined> {
  return db
    .selectFrom("gateway_events")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("gateway_account_id", "=", accountId)
    .where("provider_event_id", "=", providerEventId)
    .executeTakeFirst();
}

export function updateGatewayEvent(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  values: Updateable<GatewayEventsTable>,
): Promise<GatewayEventRow> {
  return db
    .updateTable("gateway_events")
    .set(values)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An account's events, newest first, before the cursor. */
export function listGatewayEventRows(
  db: Kysely<DB>,
  tenantId: string,
  accountId: string,
  page: { limit: number; before?: string | undefined; status?: GatewayEventRow["status"] },
): Promise<GatewayEventRow[]> {
  let q = db
    .selectFrom("gateway_events")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("gateway_account_id", "=", accountId);
  if (page.status) q = q.where("status", "=", page.status);
  if (page.before) q = q.where("id", "<", page.before);
  return q.orderBy("id", "desc").limit(page.limit).execute();
}

/**
 * The payment a gateway charge reference names, among the payments of sources held by the
 * gateway accounts of one kind in one business entity (a source moved between two accounts
 * of one provider account stays reachable); the latest when a reference was kept twice.
 */
export async function paymentOfCharge(
  db: Kysely<DB>,
  tenantId: string,
  account: { business_entity_id: string; gateway: GatewayAccountsTable["gateway"] },
  chargeReference: string,
): Promise<{ id: string; customer_id: string } | undefined> {
  return db
    .selectFrom("payments as p")
    .innerJoin("payment_sources as s", "s.id", "p.payment_source_id")
    .innerJoin("gateway_accounts as a", "a.id", "s.gateway_account_id")
    .select(["p.id", "p.customer_id"])
    .where("p.tenant_id", "=", tenantId)
    .where("p.gateway_reference", "=", chargeReference)
    .where("p.kind", "=", "payment")
    .where("a.business_entity_id", "=", account.business_entity_id)
    .where("a.gateway", "=", account.gateway)
    .orderBy("p.id", "desc")
    .executeTakeFirst();
}

/**
 * The refunds of a payment, with how they were made, the gateway's references and whether
 * they hold (`succeeded`; a failed refund or a reversed chargeback gave nothing back).
 */
export function refundsWithReferences(db: Kysely<DB>, tenantId: string, paymentId: string) {
  return db
    .selectFrom("payments")
    .select(["id", "amount", "status", "payment_method", "gateway_reference"])
    .where("tenant_id", "=", tenantId)
    .where("refunds_payment_id", "=", paymentId)
    .where("kind", "=", "refund")
    .execute();
}
