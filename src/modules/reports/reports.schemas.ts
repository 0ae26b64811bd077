import { Type } from "typebox";

const Amount = Type.String({ description: "A decimal amount in the currency" });

/** One calendar month (UTC) of one currency. */
export const DashboardMonthSchema = Type.Object({
  month: Type.String({ description: "YYYY-MM (UTC)" }),
  mrr: Type.String({
    description: "Monthly recurring revenue at the month's end (now for this month)",
  }),
  active_contracts: Type.Integer(),
  invoiced: Type.String({ description: "Invoices issued in the month (gross)" }),
  credited: Type.String({ description: "What credit notes issued in the month gave back (gross)" }),
  collected: Type.String({ description: "Payments received less refunds" }),
});

/** One currency's figures: now, and month by month. */
export const DashboardCurrencySchema = Type.Object({
  currency: Type.String(),
  mrr: Amount,
  active_contracts: Type.Integer(),
  months: Type.Array(DashboardMonthSchema),
});

/** The dashboard report: figures as of the tenant clock, per currency. */
export const DashboardSchema = Type.Object(
  {
    as_of: Type.String({ format: "date-time", description: "The tenant clock's time" }),
    active_contracts: Type.Integer(),
    customers: Type.Integer(),
    open_invoices: Type.Integer({ description: "Issued invoices that still owe something" }),
    currencies: Type.Array(DashboardCurrencySchema),
  },
  { $id: "Dashboard" },
);
