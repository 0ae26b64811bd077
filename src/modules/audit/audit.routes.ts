import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runRead } from "../../http/execute.js";
import { fetchPage, idCursorFor, utcDayStart } from "../pagination.js";
import { CountedPage, NewestFirstPageQuery, utcDays } from "../schemas.js";
import { countAuditRecords, listAuditRecords } from "./audit.repository.js";

const AuditEventSchema = Type.Object(
  {
    id: Type.String(),
    occurred_at: Type.String({ format: "date-time", description: "Wall-clock time" }),
    tenant_time: Type.String({ format: "date-time", description: "The tenant clock's time" }),
    actor: Type.Object({ type: Type.String(), id: Type.String() }),
    operation: Type.String(),
    outcome: Type.Union([Type.Literal("succeeded"), Type.Literal("denied")]),
    target: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
    before: Type.Unknown(),
    after: Type.Unknown(),
    request_id: Type.String(),
    idempotency_key: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: "AuditEvent" },
);

const AuditQuery = Type.Object(
  {
    ...NewestFirstPageQuery,
    target_id: Type.Optional(Type.String({ maxLength: 64 })),
    operation: Type.Optional(Type.String({ maxLength: 100 })),
    ...utcDays("occurred", "Occurred"),
    include_total: Type.Optional(
      Type.Boolean({
        description:
          "Also answer total_count: how many records match the filters, counted by one more query (its cost grows with the records matched)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/audit_events",
    {
      config: { operation: "audit_events.list" },
      schema: {
        querystring: AuditQuery,
        response: {
          200: CountedPage(AuditEventSchema, "how many records match the filters"),
        },
      },
    },
    (req) =>
      runRead(req, async (ctx) => {
        const filter = {
          tenantId: ctx.tenantId,
          targetId: req.query.target_id,
          operation: req.query.operation,
          occurredFrom: req.query.occurred_from
            ? utcDayStart(req.query.occurred_from, 0)
            : undefined,
          occurredBefore: req.query.occurred_to ? utcDayStart(req.query.occurred_to, 1) : undefined,
        };
        const order = req.query.order ?? "desc";
        const cursor = idCursorFor(req.query.cursor, order);
        const page = await fetchPage(
          req.query.limit ?? 20,
          (limit) => listAuditRecords(ctx.db, { ...filter, limit, cursor, order }),
          (r) => ({
            id: r.id,
            occurred_at: r.occurred_at.toISOString(),
            tenant_time: r.tenant_time.toISOString(),
            actor: { type: r.actor_type, id: r.actor_id },
            operation: r.operation,
            outcome: r.outcome,
            target: r.target_type && r.target_id ? { type: r.target_type, id: r.target_id } : null,
            before: r.before ?? null,
            after: r.after ?? null,
            request_id: r.request_id,
            idempotency_key: r.idempotency_key,
          }),
        );
        if (!req.query.include_total) return page;
        return { ...page, total_count: await countAuditRecords(ctx.db, filter) };
      }),
  );
};
