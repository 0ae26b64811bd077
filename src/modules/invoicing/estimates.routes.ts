/** Estimates: a customer's upcoming invoices, an invoice of charges (nothing is written). */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runEstimate, runRead } from "../../http/execute.js";
import { advanceInvoiceEstimate } from "../../workflows/advance-invoices.js";
import {
  newCustomerSignupEstimate,
  pauseEstimate,
  signupEstimate,
  upcomingInvoices,
} from "../../workflows/estimates.js";
import { CustomerCreateInput } from "../customers/index.js";
import { SubscriptionQuoteBody } from "../quotes/index.js";
import { IdParams } from "../schemas.js";
import { ChargeInvoiceBody, createChargeInvoice, PreviewSchema } from "./index.js";

/** A signup order's fields: a subscription quote's, without its validity. */
const SignupBody = Type.Omit(SubscriptionQuoteBody, ["valid_until"], {
  additionalProperties: false,
});
const NewCustomerSignupBody = Type.Object(
  {
    customer: CustomerCreateInput,
    subscription: Type.Omit(SubscriptionQuoteBody, ["valid_until", "customer_id"], {
      additionalProperties: false,
    }),
  },
  { additionalProperties: false },
);

const UpcomingSchema = Type.Object({
  customer_id: Type.String(),
  invoices: Type.Array(
    Type.Object({
      next_billing_at: Type.String({ format: "date-time" }),
      invoice: PreviewSchema,
    }),
  ),
  totals: Type.Array(
    Type.Object({
      currency: Type.String(),
      total_net: Type.String(),
      total_tax: Type.String(),
      total_gross: Type.String(),
    }),
  ),
});

export const estimateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/customers/:id/upcoming_invoices",
    {
      config: { operation: "estimates.upcoming_invoices" },
      schema: { params: IdParams, response: { 200: UpcomingSchema } },
    },
    (req) => runRead(req, (ctx) => upcomingInvoices(ctx, req.params.id)),
  );

  app.post(
    "/estimates/subscription",
    {
      config: { operation: "estimates.create_subscription" },
      schema: { body: SignupBody, response: { 200: PreviewSchema } },
    },
    (req) => runEstimate(req, (ctx) => signupEstimate(ctx, req.body)),
  );

  app.post(
    "/estimates/subscription_for_new_customer",
    {
      config: { operation: "estimates.create_subscription_for_new_customer" },
      schema: { body: NewCustomerSignupBody, response: { 200: PreviewSchema } },
    },
    (req) => runEstimate(req, (ctx) => newCustomerSignupEstimate(ctx, req.body)),
  );

  app.post(
    "/estimates/pause",
    {
      config: { operation: "estimates.pause_subscription" },
      schema: {
        body: Type.Object(
          {
            contract_id: Type.String({ maxLength: 64 }),
            pause_date: Type.Optional(
              Type.String({
                format: "date-time",
                maxLength: 64,
                description:
                  "The pause starts then (a rest action scheduled for it, in the future); default now",
              }),
            ),
            resume_date: Type.Optional(
              Type.String({
                format: "date-time",
                maxLength: 64,
                description:
                  "The pause ends then (an end of the rest scheduled for it, after pause_date)",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: PreviewSchema },
      },
    },
    (req) =>
      runEstimate(req, (ctx) => {
        const { contract_id, ...dates } = req.body;
        return pauseEstimate(ctx, "rest", contract_id, dates);
      }),
  );
  app.post(
    "/estimates/resume",
    {
      config: { operation: "estimates.resume_subscription" },
      schema: {
        body: Type.Object(
          { contract_id: Type.String({ maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: { 200: PreviewSchema },
      },
    },
    (req) => runEstimate(req, (ctx) => pauseEstimate(ctx, "end_resting", req.body.contract_id)),
  );

  app.post(
    "/estimates/advance_invoice",
    {
      config: { operation: "estimates.advance_invoice" },
      schema: {
        body: Type.Object(
          {
            contract_id: Type.String({ maxLength: 64 }),
            terms_to_charge: Type.Optional(
              Type.Integer({
                description: "Renewals (billing periods) to invoice ahead (default 1)",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: PreviewSchema },
      },
    },
    (req) => runEstimate(req, (ctx) => advanceInvoiceEstimate(ctx, req.body)),
  );

  // the invoice POST /v1/invoices would create, priced by creating it and rolling it back;
  // as a draft, so that no invoice number is taken
  app.post(
    "/invoices/estimate",
    {
      config: { operation: "estimates.create_invoice_for_items" },
      schema: { body: ChargeInvoiceBody, response: { 200: Type.Ref("Invoice") } },
    },
    (req) => runEstimate(req, (ctx) => createChargeInvoice(ctx, { ...req.body, draft: true })),
  );
};
