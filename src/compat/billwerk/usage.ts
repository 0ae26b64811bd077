/** Billwerk metered usage: `/Contracts/{id}/Usage` over the usage module. */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import {
  deleteUsage,
  getUsage,
  listUsage,
  postUsage,
  type UsageRecord,
} from "../../modules/usage/index.js";
import {
  BwDateTime,
  BwListQuery,
  bwOptionalInstant,
  bwTimestamp,
  decimalFromNumber,
  deletedReply,
  paging,
} from "./wire.js";

export const toBwUsage = (u: UsageRecord) => ({
  Id: u.id,
  ContractId: u.contract_id,
  ComponentId: u.component_id,
  Quantity: Number(u.quantity),
  DueDate: bwTimestamp(u.due_date),
  Memo: u.memo,
  Key: u.key ?? "",
  TransferredAt: bwTimestamp(u.created_at),
  BilledOn: null,
  BilledInvoiceId: u.invoice_id,
});

const MeteredUsageDTO = Type.Object({
  ComponentId: Type.String({ maxLength: 64 }),
  Quantity: Type.Number({ minimum: 0, maximum: 1e15 }),
  DueDate: Type.Optional(BwDateTime),
  Memo: Type.Optional(Type.String({ maxLength: 500 })),
  Key: Type.Optional(Type.String({ maxLength: 200 })),
});

const Params = Type.Object({ id: Type.String({ maxLength: 64 }) });
const UsageParams = Type.Object({
  id: Type.String({ maxLength: 64 }),
  usageId: Type.String({ maxLength: 64 }),
});

/** The published 2.1.0 client appends `take` to every call: its GET here means "delete". */
const fromLegacyClient = (req: FastifyRequest) => {
  const query = req.query as Record<string, unknown> | undefined;
  return query !== undefined && ("take" in query || "skip" in query);
};

export const billwerkUsageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/Contracts/:id/Usage",
    { config: { operation: "usage.list" }, schema: { params: Params, querystring: BwListQuery } },
    (req) =>
      runRead(req, async (ctx) =>
        (await listUsage(ctx, req.params.id, paging(req.query))).data.map(toBwUsage),
      ),
  );

  app.post(
    "/Contracts/:id/Usage",
    { config: { operation: "usage.create" }, schema: { params: Params, body: MeteredUsageDTO } },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        const { record, duplicate } = await postUsage(ctx, req.params.id, {
          component_id: req.body.ComponentId,
          quantity: decimalFromNumber(req.body.Quantity),
          due_date: bwOptionalInstant(req.body.DueDate, "DueDate"),
          memo: req.body.Memo,
          key: req.body.Key || undefined,
        });
        return { status: duplicate ? 200 : 201, body: toBwUsage(record) };
      }),
  );

  app.delete(
    "/Contracts/:id/Usage/:usageId",
    { config: { operation: "usage.delete" }, schema: { params: UsageParams } },
    async (req, reply) => {
      await runMutation(req, reply, async (ctx) => {
        await deleteUsage(ctx, req.params.id, req.params.usageId);
        return { status: 204, body: undefined };
      });
      return deletedReply(req, reply);
    },
  );

  /**
   * `deleteContractUsage` of the billwerk 2.1.0 client sends GET instead of DELETE. Such a
   * request (recognised by the `take` parameter that client appends) deletes, answering the
   * deleted record; any other GET reads the record. Both need `usage:write`.
   */
  app.get(
    "/Contracts/:id/Usage/:usageId",
    { config: { operation: "usage.delete" }, schema: { params: UsageParams } },
    (req, reply) => {
      if (!fromLegacyClient(req)) {
        return runRead(req, async (ctx) =>
          toBwUsage(await getUsage(ctx, req.params.id, req.params.usageId)),
        );
      }
      return runMutation(req, reply, async (ctx) => {
        const record = await getUsage(ctx, req.params.id, req.params.usageId);
        await deleteUsage(ctx, req.params.id, req.params.usageId);
        return { status: 200, body: toBwUsage(record) };
      });
    },
  );
};
