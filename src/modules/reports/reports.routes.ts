import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runRead } from "../../http/execute.js";
import { DashboardSchema, PeriodKindSchema, ReportSummarySchema } from "./reports.schemas.js";
import { dashboard, reportSummary } from "./reports.service.js";

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
            until: Type.Optional(
              Type.String({
                pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$",
                description:
                  "YYYY-MM: the last month shown (UTC), not after the tenant clock's month; the current month when left out",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: DashboardSchema },
      },
    },
    (req) =>
      runRead(req, (ctx) =>
        dashboard(ctx, { months: req.query.months ?? 12, until: req.query.until }),
      ),
  );

  app.get(
    "/reports/summary",
    {
      config: { operation: "reports.summary" },
      schema: {
        querystring: Type.Object(
          {
            period: Type.Optional({ ...PeriodKindSchema, default: "this_month" }),
            from: Type.Optional(
              Type.String({ format: "date", description: "custom: the first day (UTC)" }),
            ),
            to: Type.Optional(
              Type.String({ format: "date", description: "custom: the last day (UTC), included" }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ReportSummarySchema },
      },
    },
    (req) =>
      runRead(req, (ctx) =>
        reportSummary(ctx, {
          period: req.query.period ?? "this_month",
          from: req.query.from,
          to: req.query.to,
        }),
      ),
  );
};
