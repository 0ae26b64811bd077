/**
 * Contract lifecycle operations: deleting a contract that never billed, moving the current
 * term's end (and its estimate), regenerating the current period's invoice, and the
 * contract's scheduled changes (read, remove).
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { deleteContract } from "../../workflows/contract-deletion.js";
import { changeTermEnd, currentTerm, termEndPreview } from "../../workflows/term-end.js";
import { PreviewSchema } from "../invoicing/index.js";
import { IdempotencyHeader, IdParams } from "../schemas.js";
import { ContractSchema } from "./contracts.schemas.js";
import { removeScheduledChanges, scheduledChanges } from "./scheduled-changes.js";

const TermEnd = Type.String({
  format: "date-time",
  maxLength: 64,
  description:
    "The new end of the current term: today or later, after the current billing period's start",
});

const TermFields = {
  term_start: Type.String({
    format: "date-time",
    description: "The start of the current term (billing period)",
  }),
  previous_term_end: Type.String({
    format: "date-time",
    description: "When the current term ended before the change (the next renewal, or the end)",
  }),
  term_end: Type.String({ format: "date-time", description: "When it ends now" }),
};

const ScheduledChangeSchema = Type.Object(
  {
    order_id: Type.String({ description: "The change order that scheduled it" }),
    change_date: Type.String({ format: "date-time", description: "When it takes effect" }),
    plan_variant_id: Type.Union([Type.String(), Type.Null()], {
      description: "The plan variant from the change date on; null: the plan stays",
    }),
    quantity: Type.Union([Type.String(), Type.Null()], {
      description: "The plan quantity from the change date on; null: it stays",
    }),
    components: Type.Array(Type.Object({ component_id: Type.String(), quantity: Type.String() }), {
      description: "Component quantities from the change date on (0 ends one)",
    }),
    coupon_code: Type.Union([Type.String(), Type.Null()]),
  },
  { title: "ScheduledChange" },
);

const DeletionSchema = Type.Object({
  contract: ContractSchema,
  removed: Type.Record(Type.String(), Type.Integer(), {
    description:
      "How many records of each kind went with the contract (phases, component and discount subscriptions, rated items, usage records, subscription actions, …)",
  }),
});

export const contractLifecycleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.delete(
    "/contracts/:id",
    {
      config: { operation: "contracts.delete" },
      schema: { params: IdParams, response: { 200: DeletionSchema } },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await deleteContract(ctx, req.params.id),
      })),
  );

  app.post(
    "/contracts/:id/change_term_end",
    {
      config: { operation: "contracts.change_term_end" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Object({ term_end: TermEnd }, { additionalProperties: false }),
        response: { 200: Type.Object({ ...ContractSchema.properties, ...TermFields }) },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await changeTermEnd(ctx, req.params.id, req.body),
      })),
  );

  app.get(
    "/contracts/:id/change_term_end_preview",
    {
      config: { operation: "contracts.change_term_end_preview" },
      schema: {
        params: IdParams,
        querystring: Type.Object({ term_end: TermEnd }, { additionalProperties: false }),
        response: { 200: Type.Object({ ...TermFields, invoice: PreviewSchema }) },
      },
    },
    (req) => runRead(req, (ctx) => termEndPreview(ctx, req.params.id, req.query)),
  );

  app.get(
    "/contracts/:id/current_term",
    {
      config: { operation: "contracts.current_term" },
      schema: {
        params: IdParams,
        response: {
          200: Type.Object({
            contract_id: Type.String(),
            term_start: TermFields.term_start,
            term_end: Type.String({
              format: "date-time",
              description:
                "When the current term ends: the next renewal (a moved term end included)",
            }),
            billing_period: Type.Object({
              unit: Type.Union([
                Type.Literal("day"),
                Type.Literal("week"),
                Type.Literal("month"),
                Type.Literal("year"),
              ]),
              count: Type.Integer(),
            }),
          }),
        },
      },
    },
    (req) => runRead(req, (ctx) => currentTerm(ctx, req.params.id)),
  );
  app.get(
    "/contracts/:id/scheduled_changes",
    {
      config: { operation: "contracts.scheduled_changes" },
      schema: {
        params: IdParams,
        response: {
          200: Type.Object({
            contract_id: Type.String(),
            data: Type.Array(ScheduledChangeSchema),
          }),
        },
      },
    },
    (req) => runRead(req, (ctx) => scheduledChanges(ctx, req.params.id)),
  );

  app.post(
    "/contracts/:id/remove_scheduled_changes",
    {
      config: { operation: "contracts.remove_scheduled_changes" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: {
          200: Type.Object({
            ...ContractSchema.properties,
            removed: Type.Array(ScheduledChangeSchema, {
              description: "The scheduled changes removed",
            }),
          }),
        },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await removeScheduledChanges(ctx, req.params.id),
      })),
  );
};
