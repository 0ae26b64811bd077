import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { IdempotencyHeader, IdParams, Page, PageQuery } from "../schemas.js";
import {
  ContactCreateInput,
  ContactParams,
  ContactPatch,
  ContactSchema,
} from "./contacts.schemas.js";
import { addContact, deleteContact, listContacts, updateContact } from "./contacts.service.js";

/** A customer's contacts: `/v1/customers/{id}/contacts`. */
export const customerContactRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/customers/:id/contacts",
    {
      config: { operation: "customer_contacts.list" },
      schema: { params: IdParams, querystring: PageQuery, response: { 200: Page(ContactSchema) } },
    },
    (req) =>
      runRead(req, (ctx) =>
        listContacts(ctx, req.params.id, {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
        }),
      ),
  );

  app.post(
    "/customers/:id/contacts",
    {
      config: { operation: "customer_contacts.create" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: ContactCreateInput,
        response: { 201: ContactSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await addContact(ctx, req.params.id, req.body),
      })),
  );

  app.patch(
    "/customers/:id/contacts/:contact_id",
    {
      config: { operation: "customer_contacts.update" },
      schema: {
        headers: IdempotencyHeader,
        params: ContactParams,
        body: ContactPatch,
        response: { 200: ContactSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await updateContact(ctx, req.params.id, req.params.contact_id, req.body),
      })),
  );

  app.delete(
    "/customers/:id/contacts/:contact_id",
    {
      config: { operation: "customer_contacts.delete" },
      schema: { headers: IdempotencyHeader, params: ContactParams },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        await deleteContact(ctx, req.params.id, req.params.contact_id);
        return { status: 204, body: undefined };
      }),
  );
};
