/**
 * Removing a contract that never billed: its rows in the contracts module's tables (phases,
 * component subscriptions, granted discounts, rated items, portal tokens, open orders), then
 * the contract itself. The caller has checked that nothing else refers to it.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../storage/schema.js";

/** What was removed with the contract, counted per kind. */
export type RemovedContractRecords = {
  phases: number;
  component_subscriptions: number;
  discount_subscriptions: number;
  rated_items: number;
  portal_links: number;
  open_orders: number;
};

const count = (r: { numDeletedRows: bigint }[]) =>
  r.reduce((n, x) => n + Number(x.numDeletedRows), 0);

/** Deletes the contract's rows and then the contract; the counts of what went with it. */
export async function deleteContractRows(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
): Promise<RemovedContractRecords> {
  const phases = await db
    .deleteFrom("contract_phases")
    .where("contract_id", "=", contractId)
    .execute();
  const components = await db
    .deleteFrom("component_subscriptions")
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .execute();
  const discounts = await db
    .deleteFrom("discount_subscriptions")
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .execute();
  const rated = await db
    .deleteFrom("rated_items")
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .execute();
  const tokens = await db
    .deleteFrom("self_service_tokens")
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .execute();
  // orders that can no longer succeed; closed ones stay as the history of the customer's
  // orders (a declined signup's contract_id names no contract either)
  const orders = await db
    .deleteFrom("orders")
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .where("status", "in", ["in_progress", "approval_pending"])
    .execute();
  await db
    .deleteFrom("contracts")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", contractId)
    .execute();
  return {
    phases: count(phases),
    component_subscriptions: count(components),
    discount_subscriptions: count(discounts),
    rated_items: count(rated),
    portal_links: count(tokens),
    open_orders: count(orders),
  };
}

/** Whether another contract names this one as its active contract (a transfer's copy). */
export async function hasTransferCopy(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("contracts")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("active_id", "=", contractId)
    .executeTakeFirst();
  return row !== undefined;
}
