import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { TSchema } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { IdempotencyHeader, IdParams, Page } from "../../http/schemas.js";
import type { Ctx } from "../context.js";
import {
  CatalogListQuery,
  ComponentInput,
  ComponentPatch,
  ComponentSchema,
  PlanGroupInput,
  PlanGroupPatch,
  PlanGroupSchema,
  PlanInput,
  PlanPatch,
  PlanSchema,
  PlanVariantInput,
  PlanVariantPatch,
  PlanVariantSchema,
} from "./catalog.schemas.js";
import * as catalog from "./catalog.service.js";

type Resource = {
  path: string;
  op: "plan_groups" | "plans" | "plan_variants" | "components";
  input: TSchema;
  patch: TSchema;
  output: TSchema;
  create: (ctx: Ctx, input: never) => Promise<unknown>;
  update: (ctx: Ctx, id: string, patch: never) => Promise<unknown>;
  get: (ctx: Ctx, id: string) => Promise<unknown>;
  list: (ctx: Ctx, req: catalog.PageRequest) => Promise<catalog.Page<unknown>>;
};

const RESOURCES: Resource[] = [
  {
    path: "/plan_groups",
    op: "plan_groups",
    input: PlanGroupInput,
    patch: PlanGroupPatch,
    update: catalog.updatePlanGroup,
    output: PlanGroupSchema,
    create: catalog.createPlanGroup,
    get: catalog.getPlanGroup,
    list: catalog.listPlanGroups,
  },
  {
    path: "/plans",
    op: "plans",
    input: PlanInput,
    patch: PlanPatch,
    update: catalog.updatePlan,
    output: PlanSchema,
    create: catalog.createPlan,
    get: catalog.getPlan,
    list: catalog.listPlans,
  },
  {
    path: "/plan_variants",
    op: "plan_variants",
    input: PlanVariantInput,
    patch: PlanVariantPatch,
    update: catalog.updatePlanVariant,
    output: PlanVariantSchema,
    create: catalog.createPlanVariant,
    get: catalog.getPlanVariant,
    list: catalog.listPlanVariants,
  },
  {
    path: "/components",
    op: "components",
    input: ComponentInput,
    patch: ComponentPatch,
    update: catalog.updateComponent,
    output: ComponentSchema,
    create: catalog.createComponent,
    get: catalog.getComponent,
    list: catalog.listComponents,
  },
];

export const catalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const r of RESOURCES) {
    app.post(
      r.path,
      {
        config: { operation: `${r.op}.create` },
        schema: { headers: IdempotencyHeader, body: r.input, response: { 201: r.output } },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status: 201,
          body: await r.create(ctx, req.body as never),
        })),
    );
    app.get(
      r.path,
      {
        config: { operation: `${r.op}.list` },
        schema: { querystring: CatalogListQuery, response: { 200: Page(r.output) } },
      },
      (req) =>
        runRead(req, (ctx) =>
          r.list(ctx, {
            limit: req.query.limit ?? 20,
            cursor: req.query.cursor,
            parentId: req.query.parent_id,
          }),
        ),
    );
    app.patch(
      `${r.path}/:id`,
      {
        config: { operation: `${r.op}.update` },
        schema: {
          headers: IdempotencyHeader,
          params: IdParams,
          body: r.patch,
          response: { 200: r.output },
        },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status: 200,
          body: await r.update(ctx, req.params.id, req.body as never),
        })),
    );
    app.get(
      `${r.path}/:id`,
      {
        config: { operation: `${r.op}.get` },
        schema: { params: IdParams, response: { 200: r.output } },
      },
      (req) => runRead(req, (ctx) => r.get(ctx, req.params.id)),
    );
  }
};
