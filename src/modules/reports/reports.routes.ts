import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runRead } from "../../http/execute.js";
import { dashboard } from "./reports.service.js";

const Amount = Type.String({ description: "A decimal amount in the currency" });

const DashboardMonthSchema = Type.Object({
  month: Type.String({ description: "YYYY-MM (UTC)" }),
  mrr: Type.String({
    description: "Monthly recurring revenue at the month's end (now for this month)",
  }),
  active_contracts: Type.Integer(),
  invoiced: Type.String({ description: "Invoices issued in the month (gross)" }),
  credited: Type.String({ description: "What credit notes issued in the month gave back (gross)" }),
  collected: Type.String({ description: "Payments received less refunds" }),
});

const DashboardSchema = Type.Object(
  {
    as_of: Type.String({ format: "date-time", description: "The tenant clock's time" }),
    active_contracts: Type.Integer(),
    customers: Type.Integer(),
    open_invoices: Type.Integer({ description: "Issued invoices that still owe something" }),
    currencies: Type.Array(
      Type.Object({
        currency: Type.String(),
        mrr: Amount,
        active_contracts: Type.Integer(),
        months: Type.Array(DashboardMonthSchema),
      }),
    ),
  },
  { $id: "Dashboard" },
);

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/reports/dashboard",
    {
      config: { operation: "reports.dashboard" },
      schema: {
        querystring: Type.Object(
          {
            months: Type.Optional(
              Type.Integer({ minimum: 1, maximum: 36, default: 12, description: "Months to show" }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: DashboardSchema },
      },
    },
    (req) => runRead(req, (ctx) => dashboard(ctx, { months: req.query.months ?? 12 })),
  );
};
