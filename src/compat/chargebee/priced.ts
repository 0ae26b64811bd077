/**
 * The lines, discounts and taxes of a priced document that is not an invoice (an estimate, a
 * quote) in Chargebee's shape: money in minor units, service periods in Unix seconds.
 */
import { compact, minor, unixDate } from "./wire.js";

/** A line as the native previews and quotes answer it. */
export type PricedLine = {
  kind: string;
  description: string;
  period_start: string | null;
  period_end: string | null;
  quantity: string;
  unit_price: string;
  amount: string;
  tax_rate: string;
};

export type Priced<L extends PricedLine = PricedLine> = {
  currency: string;
  lines: L[];
  tax_rows: Array<{ rate: string; net: string; tax: string; gross: string }>;
};

/** Chargebee's entity type of each native line kind. */
const ENTITY: Record<string, string> = {
  recurring_fee: "plan_item_price",
  component_fee: "addon_item_price",
  usage: "addon_item_price",
  setup_fee: "charge_item_price",
  rated_item: "adhoc",
};

/** A decimal quantity as Chargebee's integer one, when it is whole. */
const whole = (q: string) => (/^[0-9]+(\.0+)?$/.test(q) ? Number.parseInt(q, 10) : undefined);

export function pricedLines<L extends PricedLine>(
  doc: Priced<L>,
  context: {
    subscriptionId: string | null | undefined;
    customerId?: string | undefined;
    /** The day a line without a service period is dated (YYYY-MM-DD). */
    day: string;
    /** The item price a line names, by the line (a plan's recurring fee names its variant). */
    entityId: (line: L) => string | undefined;
  },
) {
  const money = (amount: string) => minor(amount, doc.currency);
  const lines = doc.lines.filter((l) => l.kind !== "discount");
  const discounts = doc.lines.filter((l) => l.kind === "discount");
  return {
    sub_total: lines.reduce((sum, l) => sum + money(l.amount), 0),
    line_items: lines.map((l, i) => {
      const quantity = whole(l.quantity);
      return compact({
        id: `li_${i + 1}`,
        subscription_id: context.subscriptionId,
        date_from: unixDate(l.period_start ?? context.day),
        date_to: unixDate(l.period_end ?? context.day),
        unit_amount: money(l.unit_price),
        quantity,
        quantity_in_decimal: quantity === undefined ? l.quantity : undefined,
        amount: money(l.amount),
        is_taxed: Number(l.tax_rate) > 0,
        tax_rate: Number(l.tax_rate),
        description: l.description,
        entity_type: ENTITY[l.kind] ?? "adhoc",
        entity_id: context.entityId(l),
        customer_id: context.customerId,
        object: "line_item",
      });
    }),
    discounts: discounts.map((l) => ({
      amount: -money(l.amount),
      description: l.description,
      entity_type: "document_level_coupon",
      object: "discount",
    })),
    taxes: doc.tax_rows
      .filter((r) => money(r.tax) !== 0)
      .map((r) => ({ name: `${r.rate} %`, amount: money(r.tax), object: "tax" })),
  };
}
