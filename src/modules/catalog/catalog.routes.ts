import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { type TSchema, Type } from "typebox";
import type { OperationId } from "../../domain/operations.js";
import { runMutation, runRead } from "../../http/execute.js";
import type { Ctx } from "../context.js";
import { IdempotencyHeader, IdParams, Page } from "../schemas.js";
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

/** A resource whose create, list and get are catalog operations (`plans`: `plans.create`, …). */
type ResourceName = {
  [Id in OperationId]: Id extends `${infer R}.create`
    ? [`${R}.list`, `${R}.get`] extends [OperationId, OperationId]
      ? R
      : never
    : never;
}[OperationId];

/** A resource that also has a catalog operation `<name>.update`. */
type UpdatableName = {
  [R in ResourceName]: `${R}.update` extends OperationId ? R : never;
}[ResourceName];

type ResourceBase = {
  path: string;
  op: ResourceName;
  input: TSchema;
  output: TSchema;
  create: (ctx: Ctx, input: never) => Promise<unknown>;
  get: (ctx: Ctx, id: string) => Promise<unknown>;
  list: (ctx: Ctx, req: catalog.PageRequest) => Promise<catalog.Page<unknown>>;
  /** What `parent_id` filters by, when it is not the catalog's plan group or plan. */
  parent?: string;
};

/** A catalog-like resource: created, listed (by parent), read, and updated where it can be. */
export type CatalogResource =
  | (ResourceBase & { patch?: undefined; update?: undefined })
  | (ResourceBase & {
      op: UpdatableName;
      patch: TSchema;
      update: (ctx: Ctx, id: string, patch: never) => Promise<unknown>;
    });

const RESOURCES: CatalogResource[] = [
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
  for (const r of RESOURCES) registerCatalogResource(app, r);
};

/** POST, GET (list), GET /:id and, with `update`, PATCH /:id for one resource. */
export function registerCatalogResource(
  app: Parameters<FastifyPluginAsyncTypebox>[0],
  r: CatalogResource,
): void {
  const listQuery = r.parent
    ? Type.Object(
        {
          ...CatalogListQuery.properties,
          parent_id: Type.Optional(Type.String({ maxLength: 64, description: r.parent })),
        },
        { additionalProperties: false },
      )
    : CatalogListQuery;
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
      schema: { querystring: listQuery, response: { 200: Page(r.output) } },
    },
    (req) => {
      const query = req.query as { limit?: number; cursor?: string; parent_id?: string };
      return runRead(req, (ctx) =>
        r.list(ctx, {
          limit: query.limit ?? 20,
          cursor: query.cursor,
          parentId: query.parent_id,
        }),
      );
    },
  );
  if (r.update) {
    const { patch, update } = r;
    app.patch(
      `${r.path}/:id`,
      {
        config: { operation: `${r.op}.update` },
        schema: {
          headers: IdempotencyHeader,
          params: IdParams,
          body: patch,
          response: { 200: r.output },
        },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status: 200,
          body: await update(ctx, req.params.id, req.body as never),
        })),
    );
  }
  app.get(
    `${r.path}/:id`,
    {
      config: { operation: `${r.op}.get` },
      schema: { params: IdParams, response: { 200: r.output } },
    },
    (req) => runRead(req, (ctx) => r.get(ctx, req.params.id)),
  );
}
