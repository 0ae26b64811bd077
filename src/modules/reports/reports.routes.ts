import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runRead } from "../../http/execute.js";
import { DashboardSchema } from "./reports.schemas.js";
import { dashboard } from "./reports.service.js";

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
