import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { CountedPage, IdempotencyHeader, IdParams, SortedPageQuery, utcDays } from "../schemas.js";
import { collectionRetryDays, InvoiceCollectionSchema } from "./collection.schemas.js";
import { getInvoiceCollection } from "./collection.service.js";
import {
  applyCreditsToInvoice,
  removeCreditNoteFromInvoice,
} from "./credit-allocations.service.js";
import { invoiceAccount } from "./invoice-account.service.js";
import {
  applyPaymentsToInvoice,
  recordCreditNoteRefund,
  recordInvoicePayment,
  recordInvoiceRefund,
  removePaymentFromInvoice,
} from "./invoice-payments.service.js";
import {
  Amount,
  ApplyCreditsBody,
  ApplyPaymentsBody,
  CreditNoteRefundsSchema,
  GatewayCreditNoteRefundBody,
  GatewayRefundBody,
  InvoiceAccountSchema,
  InvoiceCreditsSchema,
  InvoicePaymentsSchema,
  Nullable,
  PaymentMethod,
  PaymentSchema,
  RecordCreditNoteRefundBody,
  RecordPaymentBody,
  RecordRefundBody,
  RecordTaxWithheldBody,
  RemoveCreditNoteBody,
  RemovePaymentBody,
  RemoveTaxWithheldBody,
  RemoveTaxWithheldRefundBody,
  TaxWithheldRefundBody,
} from "./payments.schemas.js";
import {
  createPayment,
  customerBalance,
  deleteOfflinePayment,
  getDunningPolicy,
  getPayment,
  listPayments,
  refundPayment,
  setDunningPolicy,
  writeOffInvoice,
} from "./payments.service.js";
import {
  recordTaxWithheld,
  recordTaxWithheldRefund,
  removeTaxWithheld,
  removeTaxWithheldRefund,
} from "./tax-withheld.service.js";

const DunningStepInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    after_days: Type.Integer({
      minimum: 0,
      maximum: 3650,
      description: "Reached this many days after the invoice's issue date",
    }),
    after_failed_payments: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        description: "…or after this many failed payments of the customer since the issue date",
      }),
    ),
    grace_days: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 3650,
        description: "Reaching the step gives the invoice's contract this many days of grace",
      }),
    ),
  },
  { additionalProperties: false },
);
/**
 * How many hours a payment the customer's bank asks the customer to authenticate waits before
 * it expires: cancelled at the gateway and recorded failed (`authentication_expired`).
 */
const authenticationExpiryHours = (more = "") =>
  Type.Integer({
    minimum: 1,
    maximum: 720,
    description: `Hours a payment waits for the customer's authentication (3-D Secure) before it is cancelled and failed, on the tenant's clock (default 24)${more}`,
  });

const DunningPolicySchema = Type.Object({
  steps: Type.Array(
    Type.Object({
      level: Type.Integer(),
      name: Type.String(),
      after_days: Type.Integer(),
      after_failed_payments: Type.Optional(Type.Integer()),
      grace_days: Type.Optional(Type.Integer()),
    }),
  ),
  collection_retry_days: collectionRetryDays(),
  authentication_expiry_hours: authenticationExpiryHours(),
});

export const paymentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/payments",
    {
      config: { operation: "payments.create" },
      schema: {
        headers: IdempotencyHeader,
        body: Type.Object(
          {
            customer_id: Type.String({ maxLength: 64 }),
            amount: Amount,
            currency: Type.String({ minLength: 3, maxLength: 3 }),
            method: Type.Union([Type.Literal("offline"), Type.Literal("card")], {
              description:
                "offline: money received outside Accrue; card: charged through the built-in test gateway",
            }),
            card_number: Type.Optional(
              Type.String({
                maxLength: 23,
                description:
                  "Test gateway: 4000000000000002 is declined, 4000000000009995 has insufficient funds, other valid numbers succeed",
              }),
            ),
            reference: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            received_at: Type.Optional(Type.String({ format: "date-time", maxLength: 64 })),
            invoice_ids: Type.Optional(
              Type.Array(Type.String({ maxLength: 64 }), {
                minItems: 1,
                maxItems: 100,
                uniqueItems: true,
                description:
                  "Pay these invoices in this order; default: every open one, oldest first",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: PaymentSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createPayment(ctx, req.body),
      })),
  );

  app.get(
    "/payments",
    {
      config: { operation: "payments.list" },
      schema: {
        querystring: Type.Object(
          {
            ...SortedPageQuery,
            customer_id: Type.Optional(Type.String({ maxLength: 64 })),
            status: Type.Optional({
              ...PaymentSchema.properties.status,
              description: "Only the payments in this status",
            }),
            ...utcDays("received", "Received"),
            sort: Type.Optional(
              Type.Union(
                [Type.Literal("created"), Type.Literal("amount"), Type.Literal("received")],
                {
                  description:
                    "What the list is ordered by, the id breaking ties: created (default; by id, ids sort by creation), amount (the currency code, then the amount in it, exactly) or received (received_at, the time the payment was received). Combines with every filter",
                },
              ),
            ),
            include_total: Type.Optional(
              Type.Boolean({
                description:
                  "Also answer total_count: how many payments match the filters, counted by one more query (its cost grows with the payments matched)",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: CountedPage(PaymentSchema, "how many payments match the filters"),
        },
      },
    },
    (req) =>
      runRead(req, (ctx) => listPayments(ctx, { ...req.query, limit: req.query.limit ?? 20 })),
  );

  app.get(
    "/payments/:id",
    {
      config: { operation: "payments.get" },
      schema: { params: IdParams, response: { 200: PaymentSchema } },
    },
    (req) => runRead(req, (ctx) => getPayment(ctx, req.params.id)),
  );

  app.delete(
    "/payments/:id",
    { config: { operation: "payments.delete" }, schema: { params: IdParams } },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        await deleteOfflinePayment(ctx, req.params.id);
        return { status: 204, body: undefined };
      }),
  );

  app.post(
    "/payments/:id/refund",
    {
      config: { operation: "payments.refund" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(
          Type.Object(
            {
              amount: Type.Optional({ ...Amount, description: "Default: all that is refundable" }),
              reference: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
              payment_method: Type.Optional({
                ...PaymentMethod,
                description: "How the money was given back (kept on the refund)",
              }),
              refunded_at: Type.Optional(
                Type.String({
                  format: "date-time",
                  maxLength: 64,
                  description:
                    "When the money was given back: not before the payment, not later than now (422 invalid_refund_date). Default: now",
                }),
              ),
            },
            { additionalProperties: false },
          ),
        ),
        response: { 201: PaymentSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await refundPayment(ctx, req.params.id, req.body ?? {}),
      })),
  );

  app.post(
    "/invoices/:id/write_off",
    {
      config: { operation: "invoices.write_off" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(
          Type.Object(
            { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
            { additionalProperties: false },
          ),
        ),
        response: { 201: PaymentSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await writeOffInvoice(ctx, req.params.id, req.body ?? {}),
      })),
  );

  app.post(
    "/invoices/:id/record_payment",
    {
      config: { operation: "invoices.record_payment" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(RecordPaymentBody),
        response: { 201: PaymentSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await recordInvoicePayment(ctx, req.params.id, req.body ?? {}),
      })),
  );

  app.post(
    "/invoices/:id/apply_payments",
    {
      config: { operation: "invoices.apply_payments" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: ApplyPaymentsBody,
        response: { 200: InvoicePaymentsSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await applyPaymentsToInvoice(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/invoices/:id/remove_payment",
    {
      config: { operation: "invoices.remove_payment" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: RemovePaymentBody,
        response: { 200: InvoicePaymentsSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await removePaymentFromInvoice(ctx, req.params.id, req.body),
      })),
  );

  // a refund made outside Accrue and recorded (record_refund), or given back through the
  // gateway that took the money (refund): the same rules, only gateway payments for the latter
  for (const [action, viaGateway] of [
    ["record_refund", false],
    ["refund", true],
  ] as const) {
    app.post(
      `/invoices/:id/${action}`,
      {
        config: { operation: viaGateway ? "invoices.refund" : "invoices.record_refund" },
        schema: {
          headers: IdempotencyHeader,
          params: IdParams,
          body: Type.Optional(viaGateway ? GatewayRefundBody : RecordRefundBody),
          response: { 201: InvoicePaymentsSchema },
        },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status: 201,
          body: await recordInvoiceRefund(ctx, req.params.id, req.body ?? {}, viaGateway),
        })),
    );

    app.post(
      `/credit_notes/:id/${action}`,
      {
        config: { operation: viaGateway ? "credit_notes.refund" : "credit_notes.record_refund" },
        schema: {
          ...(viaGateway
            ? {}
            : {
                description:
                  "Records a refund, made outside Accrue, of an issued credit note's amount to the customer. Only the part the invoice it corrects did not use (it was paid already) can be refunded, less earlier refunds (422 refund_exceeds_credit_note); the refunds return money of the payments on that invoice, the most recent first.",
              }),
          headers: IdempotencyHeader,
          params: IdParams,
          body: Type.Optional(
            viaGateway ? GatewayCreditNoteRefundBody : RecordCreditNoteRefundBody,
          ),
          response: { 201: CreditNoteRefundsSchema },
        },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status: 201,
          body: await recordCreditNoteRefund(ctx, req.params.id, req.body ?? {}, viaGateway),
        })),
    );
  }

  app.get(
    "/invoices/:id/collection",
    {
      config: { operation: "invoices.collection" },
      schema: { params: IdParams, response: { 200: InvoiceCollectionSchema } },
    },
    (req) => runRead(req, (ctx) => getInvoiceCollection(ctx, req.params.id)),
  );

  app.get(
    "/invoices/:id/payments",
    {
      config: { operation: "invoices.payments" },
      schema: {
        description:
          "An invoice's account: its total, what credit notes, promotional credits, payments, write-offs, withheld tax and other credit notes' credit took off it, what it still owes, and every payment, refund, write-off and withheld tax applied to it. A credit note is refused (422 document_not_invoice).",
        params: IdParams,
        response: { 200: InvoiceAccountSchema },
      },
    },
    (req) => runRead(req, (ctx) => invoiceAccount(ctx, req.params.id)),
  );

  app.get(
    "/customers/:id/balance",
    {
      config: { operation: "customers.balance" },
      schema: {
        params: IdParams,
        response: {
          200: Type.Object({
            customer_id: Type.String(),
            balances: Type.Array(
              Type.Object({
                currency: Type.String(),
                invoiced: Type.String(),
                credited: Type.String(),
                credits_applied: Type.String({
                  description: "Promotional credits applied to invoices when they were issued",
                }),
                paid: Type.String(),
                refunded: Type.String(),
                written_off: Type.String(),
                tax_withheld: Type.String({
                  description:
                    "Tax the customer withheld and paid to its tax authority, net of refunds",
                }),
                balance: Type.String({
                  description: "Positive: the customer owes this; negative: the customer's credit",
                }),
              }),
            ),
            open_invoices: Type.Array(
              Type.Object({
                invoice_id: Type.String(),
                number: Nullable(Type.String()),
                currency: Type.String(),
                issue_date: Type.String({ format: "date" }),
                total: Type.String(),
                due: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    (req) => runRead(req, (ctx) => customerBalance(ctx, req.params.id)),
  );

  app.get(
    "/dunning_policy",
    {
      config: { operation: "dunning_policy.get" },
      schema: { response: { 200: DunningPolicySchema } },
    },
    (req) => runRead(req, (ctx) => getDunningPolicy(ctx)),
  );

  app.put(
    "/dunning_policy",
    {
      config: { operation: "dunning_policy.set" },
      schema: {
        headers: IdempotencyHeader,
        body: Type.Object(
          {
            steps: Type.Array(DunningStepInput, { maxItems: 10 }),
            collection_retry_days: Type.Optional(collectionRetryDays("; absent: unchanged")),
            authentication_expiry_hours: Type.Optional(
              authenticationExpiryHours("; absent: unchanged"),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: DunningPolicySchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await setDunningPolicy(ctx, req.body),
      })),
  );

  app.post(
    "/invoices/:id/apply_credits",
    {
      config: { operation: "invoices.apply_credits" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(ApplyCreditsBody),
        response: { 200: InvoiceCreditsSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await applyCreditsToInvoice(ctx, req.params.id, req.body ?? {}),
      })),
  );

  app.post(
    "/invoices/:id/remove_credit_note",
    {
      config: { operation: "invoices.remove_credit_note" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: RemoveCreditNoteBody,
        response: { 200: InvoiceCreditsSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await removeCreditNoteFromInvoice(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/invoices/:id/record_tax_withheld",
    {
      config: { operation: "invoices.record_tax_withheld" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: RecordTaxWithheldBody,
        response: { 201: PaymentSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await recordTaxWithheld(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/invoices/:id/remove_tax_withheld",
    {
      config: { operation: "invoices.remove_tax_withheld" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: RemoveTaxWithheldBody,
        response: { 200: PaymentSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await removeTaxWithheld(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/credit_notes/:id/record_tax_withheld_refund",
    {
      config: { operation: "credit_notes.record_tax_withheld_refund" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: TaxWithheldRefundBody,
        response: { 201: Type.Object({ refunds: Type.Array(PaymentSchema) }) },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: { refunds: await recordTaxWithheldRefund(ctx, req.params.id, req.body) },
      })),
  );

  app.post(
    "/credit_notes/:id/remove_tax_withheld_refund",
    {
      config: { operation: "credit_notes.remove_tax_withheld_refund" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: RemoveTaxWithheldRefundBody,
        response: { 200: PaymentSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await removeTaxWithheldRefund(ctx, req.params.id, req.body),
      })),
  );
};
