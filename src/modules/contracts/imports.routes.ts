/**
 * Importing contracts from another billing system: a contract with its history, the contract
 * term it runs in, and the charges the other system had not billed yet.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation } from "../../http/execute.js";
import { IdempotencyHeader, IdParams } from "../schemas.js";
import { CartComponentSchema, ContractSchema, RatedItemSchema } from "./contracts.schemas.js";
import { importContract, importContractTerm, importUnbilledCharges } from "./imports.js";

const Decimal = Type.String({ pattern: "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,8})?$" });
const Timestamp = (description: string) =>
  Type.String({ format: "date-time", maxLength: 64, description });

const TermSchema = Type.Object({
  start: Type.String({ format: "date-time" }),
  end: Type.String({ format: "date-time" }),
  billing_cycles: Type.Union([Type.Integer(), Type.Null()]),
  action_at_term_end: Type.Union([
    Type.Literal("renew"),
    Type.Literal("renew_once"),
    Type.Literal("evergreen"),
    Type.Literal("cancel"),
  ]),
});

const ImportedContractSchema = Type.Object({
  ...ContractSchema.properties,
  billed_until: Type.Union([Type.String({ format: "date-time" }), Type.Null()], {
    description: "The other system billed every day before this; billing bills from it on",
  }),
  contract_term: Type.Union([TermSchema, Type.Null()], {
    description: "The contract term imported onto the contract",
  }),
});

export const contractImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/contracts/import",
    {
      config: { operation: "contracts.import" },
      schema: {
        headers: IdempotencyHeader,
        body: Type.Object(
          {
            customer_id: Type.String({ maxLength: 64 }),
            plan_variant_id: Type.String({ maxLength: 64 }),
            quantity: Type.Optional(Decimal),
            components: Type.Optional(Type.Array(CartComponentSchema, { maxItems: 100 })),
            start_date: Timestamp("When the contract started in the other system: now or earlier"),
            billed_until: Timestamp(
              "Until when the other system billed the contract (its next billing date there): not before start_date",
            ),
            status: Type.Optional(
              Type.Union(
                [Type.Literal("active"), Type.Literal("non_renewing"), Type.Literal("cancelled")],
                {
                  description:
                    "active (default): no end_date; non_renewing: ends at end_date, after now; cancelled: ended at end_date, by now",
                },
              ),
            ),
            end_date: Type.Optional(Timestamp("When the contract ends or ended")),
          },
          { additionalProperties: false },
        ),
        response: { 201: ImportedContractSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await importContract(ctx, req.body),
      })),
  );

  app.post(
    "/contracts/:id/import_contract_term",
    {
      config: { operation: "contracts.import_contract_term" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Object(
          {
            contract_start: Timestamp("When the term started (not before the contract)"),
            contract_end: Timestamp(
              "When the term ends: after now, not before the contract's billed_until",
            ),
            billing_cycles: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: 1000,
                description: "Billing periods in the term",
              }),
            ),
            action_at_term_end: TermSchema.properties.action_at_term_end,
          },
          { additionalProperties: false },
        ),
        response: { 200: ImportedContractSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await importContractTerm(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/contracts/:id/import_unbilled_charges",
    {
      config: { operation: "contracts.import_unbilled_charges" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Object(
          {
            charges: Type.Array(
              Type.Object(
                {
                  entity_type: Type.Union([
                    Type.Literal("plan"),
                    Type.Literal("addon"),
                    Type.Literal("charge"),
                    Type.Literal("adhoc"),
                  ]),
                  entity_id: Type.Optional(
                    Type.String({
                      maxLength: 64,
                      description:
                        "plan: a plan variant billed on the contract; addon: a component of its plan group; charge: the other system's id (not checked)",
                    }),
                  ),
                  description: Type.String({ minLength: 1, maxLength: 500 }),
                  quantity: Type.Optional(Decimal),
                  unit_amount: Decimal,
                  date_from: Timestamp("The service period's start"),
                  date_to: Timestamp("The service period's end (not before date_from)"),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 100 },
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            contract_id: Type.String(),
            rated_items: Type.Array(RatedItemSchema),
          }),
        },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await importUnbilledCharges(ctx, req.params.id, req.body),
      })),
  );
};
