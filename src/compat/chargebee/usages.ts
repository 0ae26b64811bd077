/**
 * Chargebee's usages over Accrue's usage records of a contract's metered component.
 *
 * Ids: the `id` a usage is created with is kept as the record's de-duplication `key` (a
 * repeated id is not stored twice, Chargebee's `dedupe_option=skip`) and names the usage on
 * retrieve and delete; without one, the usage is named by Accrue's id. The item price is the
 * metered component's id.
 */
import type { FastifyInstance } from "fastify";
import { type CbCall, cbRoute } from "./routes.js";
import { loadContract } from "./subscriptions.js";
import {
  compact,
  listOf,
  missing,
  notFound,
  notSupported,
  sortedByCreation,
  unix,
  wrongValue,
} from "./wire.js";

type NativeUsage = {
  id: string;
  contract_id: string;
  component_id: string;
  quantity: string;
  due_date: string;
  memo: string | null;
  key: string | null;
  billed: boolean;
  invoice_id: string | null;
  created_at: string;
};

function usageObject(u: NativeUsage): Record<string, unknown> {
  return compact({
    id: u.key ?? u.id,
    usage_date: unix(u.due_date),
    subscription_id: u.contract_id,
    item_price_id: u.component_id,
    invoice_id: u.invoice_id,
    quantity: u.quantity,
    source: "api",
    note: u.memo,
    object: "usage",
    created_at: unix(u.created_at),
    updated_at: unix(u.created_at),
  });
}

/** The usage record a Chargebee usage id names on the contract: by its key or Accrue's id. */
async function findUsage(call: CbCall, contract: string, id: string): Promise<NativeUsage> {
  let cursor: string | undefined;
  for (let page = 0; page < 100; page += 1) {
    const found = await call.get(`/v1/contracts/${contract}/usage`, { limit: 100, cursor });
    const match = (found.data as NativeUsage[]).find((u) => u.key === id || u.id === id);
    if (match) return match;
    cursor = found.next_cursor ?? undefined;
    if (!cursor) break;
  }
  throw notFound(`usage ${id}`, "id");
}

export async function chargebeeUsageRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(app, "POST", "/subscriptions/:id/usages", "usage.create", async (call) => {
    const contract = await loadContract(call, call.id);
    const p = call.params;
    const id = p.str("id", 100);
    const component = p.required("item_price_id", 64);
    const quantity = p.required("quantity", 40);
    if (!/^[0-9]+(\.[0-9]+)?$/.test(quantity)) {
      throw wrongValue("quantity", "must be a non-negative decimal number");
    }
    const at = p.timestamp("usage_date");
    if (!at) throw missing("usage_date");
    const dedupe = p.oneOf("dedupe_option", ["skip", "update_existing"]);
    if (dedupe === "update_existing") {
      throw notSupported("dedupe_option", "a usage id already recorded is not recorded again");
    }
    const note = p.str("note", 500);
    p.rejectUnread();
    const created: NativeUsage = await call.change("POST", `/v1/contracts/${contract.id}/usage`, {
      component_id: component,
      quantity,
      due_date: at,
      ...(note ? { memo: note } : {}),
      ...(id ? { key: id } : {}),
    });
    return { usage: usageObject(created) };
  });

  cbRoute(app, "GET", "/subscriptions/:id/usages", "usage.retrieve", async (call) => {
    const contract = await loadContract(call, call.id);
    const id = call.params.required("id", 100);
    call.params.rejectUnread();
    return { usage: usageObject(await findUsage(call, contract.id, id)) };
  });

  cbRoute(app, "POST", "/subscriptions/:id/delete_usage", "usage.delete", async (call) => {
    const contract = await loadContract(call, call.id);
    const id = call.params.required("id", 100);
    call.params.rejectUnread();
    const usage = await findUsage(call, contract.id, id);
    await call.change("DELETE", `/v1/contracts/${contract.id}/usage/${usage.id}`);
    return { usage: usageObject(usage) };
  });

  cbRoute(app, "GET", "/usages", "usage.list", async (call) => {
    const p = call.params;
    const { limit, offset } = p.page();
    const subscription = p.filterIs("subscription_id", 64);
    const item = p.filterIs("item_price_id", 64);
    sortedByCreation(p);
    p.rejectUnread();
    if (!subscription) throw missing("subscription_id[is]");
    const contract = await loadContract(call, subscription);
    const page = await call.get(`/v1/contracts/${contract.id}/usage`, { limit, cursor: offset });
    const usages = (page.data as NativeUsage[]).filter((u) => !item || u.component_id === item);
    return listOf(
      usages.map((u) => ({ usage: usageObject(u) })),
      page.next_cursor,
    );
  });
}
