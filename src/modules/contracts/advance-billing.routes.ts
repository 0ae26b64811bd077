/**
 * Invoicing a contract ahead: charging its next renewals now or on a schedule, the schedule
 * (read, edit, remove), and a one-time charge billed with the next renewal.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import {
  addChargeAtTermEnd,
  chargeFutureRenewals,
  getAdvanceSchedule,
  MAX_TERMS,
  replaceAdvanceSchedule,
} from "../../workflows/advance-invoices.js";
import { IdempotencyHeader, IdParams } from "../schemas.js";
import { RatedItemSchema } from "./contracts.schemas.js";

const Timestamp = Type.String({ format: "date-time", maxLength: 64 });
const Amount = Type.String({
  pattern: "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,8})?$",
  description: "A decimal amount in the contract's currency",
});
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

// the range is checked by the operation (422 invalid_terms_to_charge), not by the schema
const Terms = Type.Integer({
  description: `Billing periods (terms) to invoice, 1 to ${MAX_TERMS} (default 1)`,
});

const ScheduleFields = {
  terms_to_charge: Type.Optional(Terms),
  fixed_intervals_schedule: Type.Optional(
    Type.Object(
      {
        number_of_occurrences: Type.Optional(
          Type.Integer({
            minimum: 1,
            maximum: 1000,
            description: "Advance invoices to make; absent: as long as the contract renews",
          }),
        ),
      },
      { additionalProperties: false },
    ),
  ),
  specific_dates_schedule: Type.Optional(
    Type.Array(
      Type.Object(
        {
          date: Timestamp,
          terms_to_charge: Terms,
        },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
  ),
};

const ScheduleType = Type.Union([Type.Literal("fixed_intervals"), Type.Literal("specific_dates")]);

const ScheduleView = {
  contract_id: Type.String(),
  next_renewal_at: Type.String({
    format: "date-time",
    description: "The end of the current billing period",
  }),
  charged_through: Nullable(
    Type.String({
      format: "date-time",
      description: "The end of the periods invoiced in advance by now; null: none",
    }),
  ),
  schedule_type: Nullable(ScheduleType),
  fixed_intervals_schedule: Nullable(
    Type.Object({
      terms_to_charge: Type.Integer(),
      starts_at: Type.String({ format: "date-time", description: "Its first advance invoice" }),
      number_of_occurrences: Nullable(Type.Integer()),
    }),
  ),
  specific_dates_schedule: Nullable(
    Type.Array(
      Type.Object({ date: Type.String({ format: "date-time" }), terms_to_charge: Type.Integer() }),
    ),
  ),
};

const AdvanceScheduleSchema = Type.Object(ScheduleView);

export const advanceBillingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/contracts/:id/charge_future_renewals",
    {
      config: { operation: "contracts.charge_future_renewals" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Object(
          {
            schedule_type: Type.Optional(
              Type.Union(
                [
                  Type.Literal("immediate"),
                  Type.Literal("fixed_intervals"),
                  Type.Literal("specific_dates"),
                ],
                {
                  description: "immediate (default): invoice the next terms_to_charge renewals now",
                },
              ),
            ),
            ...ScheduleFields,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            ...ScheduleView,
            invoice: Nullable(Type.Ref("Invoice")),
          }),
        },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await chargeFutureRenewals(ctx, req.params.id, req.body),
      })),
  );

  app.get(
    "/contracts/:id/advance_invoice_schedule",
    {
      config: { operation: "contracts.advance_invoice_schedule" },
      schema: { params: IdParams, response: { 200: AdvanceScheduleSchema } },
    },
    (req) => runRead(req, (ctx) => getAdvanceSchedule(ctx, req.params.id)),
  );

  app.post(
    "/contracts/:id/edit_advance_invoice_schedule",
    {
      config: { operation: "contracts.edit_advance_invoice_schedule" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Object(
          { schedule_type: ScheduleType, ...ScheduleFields },
          { additionalProperties: false },
        ),
        response: { 200: AdvanceScheduleSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await replaceAdvanceSchedule(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/contracts/:id/remove_advance_invoice_schedule",
    {
      config: { operation: "contracts.remove_advance_invoice_schedule" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: { 200: AdvanceScheduleSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await replaceAdvanceSchedule(ctx, req.params.id, null),
      })),
  );

  app.post(
    "/contracts/:id/add_charge_at_term_end",
    {
      config: { operation: "contracts.add_charge_at_term_end" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Object(
          {
            amount: Amount,
            description: Type.String({ minLength: 1, maxLength: 500 }),
            date_from: Type.Optional(Timestamp),
            date_to: Type.Optional(Timestamp),
          },
          { additionalProperties: false },
        ),
        response: { 201: RatedItemSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await addChargeAtTermEnd(ctx, req.params.id, req.body),
      })),
  );
};
