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

const Percent = (description: string) =>
  Type.Union([Type.String({ description: `${description}, two decimals` }), Type.Null()], {
    description: `${description} in percent with two decimals (half away from zero); null without a base`,
  });

/** One period's figures in one currency. */
export const PeriodFiguresSchema = Type.Object({
  mrr: Type.String({
    description: "Monthly recurring revenue at the period's end (now for a running period)",
  }),
  arr: Type.String({ description: "Annual recurring revenue: 12 × MRR, exactly" }),
  invoiced: Type.String({ description: "Invoices issued in the period (gross)" }),
  credited: Type.String({
    description: "What credit notes issued in the period gave back (gross)",
  }),
  net_revenue: Type.String({ description: "Invoiced less credited" }),
  contracts_at_start: Type.Integer({ description: "Contracts in force just before the period" }),
  new_contracts: Type.Integer({ description: "Contracts that started in the period" }),
  churned_contracts: Type.Integer({ description: "Contracts that ended in the period" }),
  churn_rate: Percent("Churned contracts of the contracts at the start"),
  failed_payments: Type.Integer({ description: "Payments that failed in the period" }),
  failed_amount: Type.String({ description: "The amount of the failed payments" }),
});

/** One currency's figures for the period and the previous one, and the changes between. */
export const SummaryCurrencySchema = Type.Object({
  currency: Type.String(),
  current: PeriodFiguresSchema,
  previous: PeriodFiguresSchema,
  change: Type.Object(
    {
      mrr_growth: Percent("Growth of MRR against the previous period"),
      net_revenue: Percent("Change of net revenue against the previous period"),
      new_contracts: Percent("Change of new contracts against the previous period"),
      churned_contracts: Percent("Change of churned contracts against the previous period"),
      failed_amount: Percent("Change of the failed amount against the previous period"),
    },
    { description: "Changes against the previous period" },
  ),
});

const Range = Type.Object({
  start: Type.String({ format: "date", description: "The first day (UTC)" }),
  end: Type.String({ format: "date", description: "The last day (UTC), included" }),
  measured_at: Type.String({
    format: "date-time",
    description: "When figures at the period's end (MRR) are read: its end, or now if later",
  }),
});

export const PERIOD_DESCRIPTION =
  "last_30_days: the 30 days up to today; this_month, this_quarter, this_year: so far, against the same days one unit earlier; last_month, last_quarter, last_year: whole; custom: from..to. Days are UTC, on the tenant's clock.";

/**
 * A report period's kind: PERIOD_KINDS of src/domain/reports/periods.ts (the service takes
 * this type and answers its own, so the compiler holds the two lists equal).
 */
export const PeriodKindSchema = Type.Union(
  [
    Type.Literal("last_30_days"),
    Type.Literal("this_month"),
    Type.Literal("last_month"),
    Type.Literal("this_quarter"),
    Type.Literal("last_quarter"),
    Type.Literal("this_year"),
    Type.Literal("last_year"),
    Type.Literal("custom"),
  ],
  { description: PERIOD_DESCRIPTION },
);

/** The period summary: figures of a period and of the one before, per currency. */
export const ReportSummarySchema = Type.Object(
  {
    as_of: Type.String({ format: "date-time", description: "The tenant clock's time" }),
    period: PeriodKindSchema,
    current: Range,
    previous: Range,
    currencies: Type.Array(SummaryCurrencySchema),
  },
  { $id: "ReportSummary" },
);
