/**
 * The consolidated view of an account hierarchy: where a customer sits (customers) and, per
 * currency, what it and each of its direct children owe (payments). A workflow because
 * payments depends on customers, not the other way round.
 */
import type { Static } from "typebox";
import type { Ctx } from "../modules/context.js";
import { getCustomer, type HierarchyViewSchema, hierarchyOf } from "../modules/customers/index.js";
import { customerBalance } from "../modules/payments/index.js";

export type HierarchyView = Static<typeof HierarchyViewSchema>;

const balancesOf = async (ctx: Ctx, customerId: string) =>
  (await customerBalance(ctx, customerId)).balances.map((b) => ({
    currency: b.currency,
    balance: b.balance,
  }));

/** The customer's place in its hierarchy, with its own and its children's balances. */
export async function hierarchyView(ctx: Ctx, customerId: string): Promise<HierarchyView> {
  await getCustomer(ctx, customerId);
  const place = await hierarchyOf(ctx, customerId);
  const children: HierarchyView["children"] = [];
  for (const child of place.children) {
    children.push({ ...child, balances: await balancesOf(ctx, child.customer_id) });
  }
  return {
    customer_id: customerId,
    link: place.link,
    ancestors: place.ancestors,
    balances: await balancesOf(ctx, customerId),
    children,
  };
}
