/**
 * CRM.COM-compatible subscription actions under `/crmapi/rest/v2`: CRM.COM's method paths,
 * parameter names, identifier objects and `{data, status}` envelope, over the same operations,
 * permissions, transactions and audit as the native `/v1/subscription_actions` API.
 *
 * Log in with `POST authentication/token` (username: an OAuth client id, password: its
 * secret) or `POST authentication/web_api_key/token` (HTTP Basic with an API key as the user
 * name); either answers a session token valid for two hours, sent back as `token` in the body
 * (POST) or query (GET). `authentication/token/release` ends it. See docs/compat/crmcom.md.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { type TObject, Type } from "typebox";
import { ACTIONS, type ActionName } from "../../domain/actions/actions.js";
import {
  type ErrorCode,
  type ErrorDetails,
  invalid,
  isAccrueError,
  notFound,
  unauthenticated,
} from "../../domain/errors.js";
import { mapError, setErrorHeaders } from "../../http/errors.js";
import { runMutation, runRead } from "../../http/execute.js";
import {
  authenticateSecret,
  findActiveKeyByHash,
  hashSecret,
  issueKeySession,
  issueToken,
  type Principal,
  releaseToken,
} from "../../modules/access/index.js";
import {
  type ActionInput,
  cancelAction,
  findActionIdByNumber,
  findDistributorIdBy,
  findInstalledSerialBy,
  listActions,
  type SubscriptionAction,
  submitAction,
  udfFields,
} from "../../modules/actions/index.js";
import { findComponentIdBy } from "../../modules/catalog/index.js";
import type { Ctx } from "../../modules/context.js";
import { findCustomerIdsBy } from "../../modules/customers/index.js";
import { storeOf } from "../../workflows/unit-of-work.js";

export const CRM_PREFIX = "/crmapi/rest/v2";

/** CRM.COM R12+: a session token expires two hours after it is issued. */
const SESSION_SECONDS = 2 * 60 * 60;

type Admit = (
  req: FastifyRequest,
  reply: FastifyReply,
  credentials: () => Promise<Principal>,
) => Promise<void>;

// ---- wire shapes ------------------------------------------------------------------------------

const Str = Type.String({ minLength: 1, maxLength: 200 });
const identifier = (...fields: string[]) =>
  Type.Object(Object.fromEntries(fields.map((f) => [f, Type.Optional(Str)])), {
    additionalProperties: false,
  });
const CrmDate = Type.String({
  maxLength: 64,
  description: "YYYY-MM-DD (midnight UTC) or an ISO 8601 timestamp",
});
const distribution = Type.Array(
  Type.Object(
    { provisioning_distributor_identifier: identifier("id", "name", "alternative_code") },
    { additionalProperties: false },
  ),
  { maxItems: 50 },
);
const udf = udfFields(CrmDate);
/** A service added to or removed from distributors. */
const ServiceSet = Type.Optional(
  Type.Array(
    Type.Object(
      {
        service_identifier: identifier("id", "code", "alternative_code"),
        services_distribution_set: Type.Optional(distribution),
      },
      { additionalProperties: false },
    ),
    { maxItems: 50 },
  ),
);
const common = {
  token: Type.Optional(Type.String({ maxLength: 200 })),
  subscription_identifier: Type.Optional(identifier("id", "number")),
  accounts_receivable_identifier: Type.Optional(identifier("id", "number", "name")),
  action_type_identifier: Type.Optional(identifier("id", "name", "alternative_code")),
  sub_action_type_identifier: Type.Optional(identifier("id", "name", "alternative_code")),
  classification_identifier: Type.Optional(identifier("id", "name", "code")),
  transaction_reference_number: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  performed_by_user_identifier: Type.Optional(identifier("id", "username", "name")),
  performed_by_unit_identifier: Type.Optional(identifier("id", "name", "alternative_code")),
  performed_by_business_unit_identifier: Type.Optional(
    identifier("id", "name", "alternative_code"),
  ),
  performed_on: Type.Optional(CrmDate),
  billing_effective_date: Type.Optional(CrmDate),
  billable_period_start_date: Type.Optional(CrmDate),
  scheduled_date: Type.Optional(CrmDate),
  payment_gateway_card_identifier: Type.Optional(identifier("id", "number")),
  fields_set: Type.Optional(Type.String({ maxLength: 1000 })),
  ...udf,
};
const BODIES: Record<ActionName, TObject> = {
  activate: Type.Object(common, { additionalProperties: false }),
  deactivate: Type.Object(common, { additionalProperties: false }),
  rest: Type.Object(common, { additionalProperties: false }),
  end_resting: Type.Object(common, { additionalProperties: false }),
  terminate: Type.Object(common, { additionalProperties: false }),
  extend_grace_period: Type.Object(
    {
      ...common,
      end_grace_period_on: Type.Optional(CrmDate),
      end_grace_period_after_specific_days: Type.Optional(
        Type.Integer({ minimum: 1, maximum: 3650 }),
      ),
    },
    { additionalProperties: false },
  ),
  amend_services: Type.Object(
    {
      ...common,
      services_to_add_set: ServiceSet,
      services_to_remove_set: ServiceSet,
      installed_items_to_add_set: Type.Optional(
        Type.Array(
          Type.Object(
            {
              installed_item_identifier: Type.Optional(
                identifier("id", "serial_number", "alternative_code"),
              ),
              product_identifier: Type.Optional(identifier("id", "code", "alternative_code")),
              serial_number: Type.Optional(Str),
              installed_items_distribution_set: Type.Optional(distribution),
            },
            { additionalProperties: false },
          ),
          { maxItems: 50 },
        ),
      ),
      installed_items_to_remove_set: Type.Optional(
        Type.Array(
          Type.Object(
            { installed_item_identifier: identifier("id", "serial_number", "alternative_code") },
            { additionalProperties: false },
          ),
          { maxItems: 50 },
        ),
      ),
    },
    { additionalProperties: false },
  ),
};

type Identifier = Record<string, string | undefined>;
type CrmBody = Record<string, unknown> & {
  token?: string;
  fields_set?: string;
  subscription_identifier?: Identifier;
  accounts_receivable_identifier?: Identifier;
};

// ---- translation ------------------------------------------------------------------------------

/** A CRM.COM date: a day (midnight UTC) or a timestamp. */
function crmDate(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
}

/** The one field an identifier object gives; several or none is an error. */
function given(id: Identifier | undefined, name: string): [string, string] | undefined {
  if (!id) return undefined;
  const entries = Object.entries(id).filter(([, v]) => v !== undefined) as [string, string][];
  if (entries.length !== 1) {
    throw invalid("invalid_identifier", `${name} gives exactly one of its fields`, {
      field: name,
    });
  }
  return entries[0];
}

const label = (id: Identifier | undefined, name: string) => given(id, name)?.[1];

async function customerId(ctx: Ctx, id: Identifier | undefined): Promise<string | undefined> {
  const field = given(id, "accounts_receivable_identifier");
  if (!field) return undefined;
  const [key, value] = field;
  if (key === "id") return value;
  const column = key === "number" ? "debitor_account" : "company_name";
  const ids = await findCustomerIdsBy(ctx.db, ctx.tenantId, column, value, 2);
  if (ids.length !== 1) {
    throw notFound(
      "accounts_receivable_not_found",
      ids.length === 0
        ? `no accounts receivable with ${key} ${value}`
        : `several accounts receivable have ${key} ${value}`,
      { field: "accounts_receivable_identifier" },
    );
  }
  return ids[0]!;
}

async function componentId(ctx: Ctx, id: Identifier, field: string): Promise<string> {
  const [key, value] = given(id, field)!;
  if (key === "id") return value;
  const found = await findComponentIdBy(
    ctx.db,
    ctx.tenantId,
    key === "code" ? "external_id" : "name",
    value,
  );
  if (!found) throw notFound("service_not_found", `no service with ${key} ${value}`, { field });
  return found;
}

async function distributorIds(
  ctx: Ctx,
  set: { provisioning_distributor_identifier: Identifier }[] | undefined,
  field: string,
): Promise<string[] | undefined> {
  if (!set) return undefined;
  const ids: string[] = [];
  for (const [i, d] of set.entries()) {
    const [key, value] = given(d.provisioning_distributor_identifier, `${field}.${i}`)!;
    if (key === "id") {
      ids.push(value);
      continue;
    }
    const found = await findDistributorIdBy(
      ctx.db,
      ctx.tenantId,
      key === "name" ? "name" : "alternative_code",
      value,
    );
    if (!found) {
      throw notFound("provisioning_distributor_not_found", `no distributor with ${key} ${value}`, {
        field: `${field}.${i}`,
      });
    }
    ids.push(found);
  }
  return ids;
}

async function installedSerial(ctx: Ctx, id: Identifier, field: string): Promise<string> {
  const [key, value] = given(id, field)!;
  if (key === "serial_number") return value;
  const serial = await findInstalledSerialBy(
    ctx.db,
    ctx.tenantId,
    key === "id" ? "id" : "alternative_code",
    value,
  );
  if (!serial) throw notFound("installed_item_not_found", `no installed item with ${key} ${value}`);
  return serial;
}

/** CRM.COM's parameters as Accrue's action input. */
async function toInput(ctx: Ctx, action: ActionName, body: CrmBody): Promise<ActionInput> {
  if (body.subscription_identifier && body.accounts_receivable_identifier) {
    throw invalid(
      "ambiguous_identifier",
      "give subscription_identifier or accounts_receivable_identifier, not both",
      { fields: ["subscription_identifier", "accounts_receivable_identifier"] },
    );
  }
  const input: Record<string, unknown> = {
    contract_id: label(body.subscription_identifier, "subscription_identifier"),
    customer_id: await customerId(ctx, body.accounts_receivable_identifier),
    transaction_reference_number: body.transaction_reference_number,
    classification: label(
      body.classification_identifier as Identifier,
      "classification_identifier",
    ),
    performed_by_user: label(
      body.performed_by_user_identifier as Identifier,
      "performed_by_user_identifier",
    ),
    performed_by_unit: label(
      body.performed_by_unit_identifier as Identifier,
      "performed_by_unit_identifier",
    ),
    performed_by_business_unit: label(
      body.performed_by_business_unit_identifier as Identifier,
      "performed_by_business_unit_identifier",
    ),
    performed_on: crmDate(body.performed_on),
    billing_effective_date: crmDate(body.billing_effective_date),
    billable_period_start_date: crmDate(body.billable_period_start_date),
    scheduled_date: crmDate(body.scheduled_date),
  };
  for (const [k, v] of Object.entries(body)) {
    if (k.startsWith("udf_")) input[k] = k.startsWith("udf_date_") ? crmDate(v) : v;
  }
  if (action === "extend_grace_period") {
    input.end_grace_period_on = crmDate(body.end_grace_period_on);
    input.end_grace_period_after_specific_days = body.end_grace_period_after_specific_days;
  }
  if (action === "amend_services") {
    type Service = {
      service_identifier: Identifier;
      services_distribution_set?: { provisioning_distributor_identifier: Identifier }[];
    };
    const services = async (list: Service[] | undefined, field: string) =>
      list === undefined
        ? undefined
        : Promise.all(
            list.map(async (s, i) => ({
              component_id: await componentId(ctx, s.service_identifier, `${field}.${i}`),
              distributor_ids: await distributorIds(
                ctx,
                s.services_distribution_set,
                `${field}.${i}.services_distribution_set`,
              ),
            })),
          );
    input.services_to_add = await services(
      body.services_to_add_set as Service[] | undefined,
      "services_to_add_set",
    );
    input.services_to_remove = await services(
      body.services_to_remove_set as Service[] | undefined,
      "services_to_remove_set",
    );
    type ItemAdd = {
      installed_item_identifier?: Identifier;
      product_identifier?: Identifier;
      serial_number?: string;
      installed_items_distribution_set?: { provisioning_distributor_identifier: Identifier }[];
    };
    const adds = body.installed_items_to_add_set as ItemAdd[] | undefined;
    if (adds) {
      input.installed_items_to_add = await Promise.all(
        adds.map(async (item, i) => {
          const field = `installed_items_to_add_set.${i}`;
          const serial = item.serial_number ?? item.installed_item_identifier?.serial_number;
          if (item.product_identifier && item.serial_number === undefined) {
            throw invalid("missing_parameter", "serial_number is required with a product", {
              field: `${field}.serial_number`,
            });
          }
          if (serial === undefined) {
            throw invalid("missing_parameter", "name the installed item by its serial number", {
              field,
            });
          }
          return {
            serial_number: serial,
            product: label(item.product_identifier, `${field}.product_identifier`),
            alternative_code: item.installed_item_identifier?.alternative_code,
            distributor_ids: await distributorIds(
              ctx,
              item.installed_items_distribution_set,
              `${field}.installed_items_distribution_set`,
            ),
          };
        }),
      );
    }
    const removes = body.installed_items_to_remove_set as
      | { installed_item_identifier: Identifier }[]
      | undefined;
    if (removes) {
      input.installed_items_to_remove = await Promise.all(
        removes.map(async (item, i) => ({
          serial_number: await installedSerial(
            ctx,
            item.installed_item_identifier,
            `installed_items_to_remove_set.${i}`,
          ),
        })),
      );
    }
  }
  for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
  return input as ActionInput;
}

const upper = (s: string | null) => (s === null ? null : s.toUpperCase());

/** An action as CRM.COM shows it. */
function toCrm(a: SubscriptionAction): Record<string, unknown> {
  const udfs = Object.fromEntries(Object.entries(a).filter(([k]) => k.startsWith("udf_")));
  return {
    id: a.id,
    number: a.number,
    transaction_reference_number: a.transaction_reference_number,
    life_cycle_state: upper(a.state),
    behavior_code: upper(a.behaviour_code),
    classification: a.classification,
    scheduled_date: a.scheduled_date,
    submitted_on: a.submitted_on,
    executed_on: a.executed_on,
    performed_on: a.performed_on,
    billing_effective_date: a.billing_effective_date,
    billable_period_start_date: a.billable_period_start_date,
    submitted_by: a.submitted_by,
    performed_by: {
      user: a.performed_by_user,
      unit: a.performed_by_unit,
      business_unit: a.performed_by_business_unit,
    },
    rejection: a.rejection,
    effects: a.effects,
    subscription: {
      id: a.contract_id,
      number: a.contract_id,
      life_cycle_state: upper(a.subscription_state),
    },
    ...udfs,
  };
}

/** `fields_set`: only the named top-level fields (all when absent). */
function project(data: Record<string, unknown>, fieldsSet: string | undefined) {
  if (!fieldsSet) return data;
  const wanted = new Set(
    fieldsSet
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean),
  );
  return Object.fromEntries(Object.entries(data).filter(([k]) => wanted.has(k)));
}

const ok = (data: unknown) => ({ data, status: { code: "OK", message: "" } });

/** Accrue's codes that CRM.COM clients know by another name. */
const CRM_CODES: Partial<Record<ErrorCode, string>> = {
  customer_owns_multiple_subscriptions: "AR_OWNS_MULTIPLE_SUBSCRIPTIONS",
};

export function crmErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const { status, body } = mapError(error, req.id);
  setErrorHeaders(reply, status);
  return reply.status(status).send({
    data: null,
    status: {
      code: CRM_CODES[body.error.code] ?? body.error.code.toUpperCase(),
      message: body.error.message,
      description: body.error.details as ErrorDetails,
      request_id: body.error.request_id,
    },
  });
}

// ---- routes -----------------------------------------------------------------------------------

export const crmApi: FastifyPluginAsyncTypebox<{ admit: Admit }> = async (app, options) => {
  app.setErrorHandler(crmErrorHandler);
  // an unknown endpoint under the prefix: 404 in this surface's error shape
  app.setNotFoundHandler(async (req) => {
    throw notFound("route_not_found", `no route ${req.method} ${req.url.split("?")[0]}`);
  });
  // the session token travels in the body or the query: admit once both are parsed, and
  // leave it out of what makes two requests the same
  app.addHook("onRoute", (route) => {
    route.config = { ...route.config, credentialsInBody: true };
  });
  app.addHook("preHandler", async (req, reply) => {
    const fromBody = (req.body as { token?: unknown } | undefined)?.token;
    const fromQuery = (req.query as { token?: unknown } | undefined)?.token;
    const header = req.headers.authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    const token = [fromBody, fromQuery, header].find((t) => typeof t === "string" && t !== "");
    await options.admit(req, reply, async () => {
      if (typeof token !== "string") {
        throw unauthenticated("invalid_token", "send the session token as token");
      }
      try {
        return await authenticateSecret(app.db, token);
      } catch (error) {
        // CRM.COM clients log in again on INVALID_TOKEN, whatever made the token unusable
        if (isAccrueError(error) && error.kind === "unauthenticated") {
          throw unauthenticated(
            "invalid_token",
            "the session token is unknown, expired or released",
          );
        }
        throw error;
      }
    });
  });

  app.post(
    "/authentication/token",
    {
      config: { operation: "crm.authenticate" },
      schema: {
        body: Type.Object(
          {
            username: Type.String({ maxLength: 200 }),
            password: Type.String({ maxLength: 500 }),
            organisation: Type.Optional(Type.String({ maxLength: 200 })),
            unit: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      try {
        const issued = await issueToken(
          storeOf(app.db),
          {
            grantType: "client_credentials",
            clientId: req.body.username,
            clientSecret: req.body.password,
            requestId: req.id,
          },
          SESSION_SECONDS,
        );
        return ok({
          token: issued.access_token,
          expiration_date: new Date(issued.expires * 1000).toISOString(),
        });
      } catch {
        throw unauthenticated("invalid_credentials", "unknown user name or wrong password");
      }
    },
  );

  app.post(
    "/authentication/web_api_key/token",
    {
      config: { operation: "crm.web_api_key_token" },
      schema: {
        body: Type.Optional(
          Type.Object(
            { unit: Type.Optional(Type.String({ maxLength: 200 })) },
            {
              additionalProperties: false,
            },
          ),
        ),
      },
    },
    async (req) => {
      const basic = req.headers.authorization?.match(/^Basic\s+(\S+)\s*$/i)?.[1];
      const key = basic ? Buffer.from(basic, "base64").toString("utf8").split(":")[0] : undefined;
      const row = key ? await findActiveKeyByHash(app.db, hashSecret(key)) : undefined;
      if (!row) {
        throw unauthenticated(
          "invalid_credentials",
          "send an API key as the user name of HTTP Basic authentication",
        );
      }
      const session = await issueKeySession(
        storeOf(app.db),
        { id: row.id, tenantId: row.tenant_id, tenantTime: row.test_clock_now },
        SESSION_SECONDS,
        req.id,
      );
      return ok({ token: session.token, expiration_date: session.expiresAt.toISOString() });
    },
  );

  app.post(
    "/authentication/token/release",
    {
      config: { operation: "crm.token_release" },
      schema: {
        body: Type.Object(
          { token: Type.String({ maxLength: 200 }) },
          {
            additionalProperties: false,
          },
        ),
      },
    },
    async (req) => {
      if (!(await releaseToken(storeOf(app.db), req.body.token, req.id))) {
        throw unauthenticated("invalid_token", "the token is unknown or already released");
      }
      return ok({});
    },
  );

  for (const action of ACTIONS) {
    app.post(
      `/subscriptions/${action}`,
      {
        config: { operation: `subscription_actions.${action}` },
        schema: { body: BODIES[action] },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => {
          const body = req.body as CrmBody;
          const done = await submitAction(ctx, action, await toInput(ctx, action, body));
          return { status: 200, body: ok(project(toCrm(done), body.fields_set)) };
        }),
    );
  }

  app.get(
    "/subscriptions/actions/list",
    {
      config: { operation: "subscription_actions.list" },
      schema: {
        querystring: Type.Object(
          {
            token: Type.Optional(Type.String({ maxLength: 200 })),
            subscription_identifier: Type.String({
              maxLength: 200,
              description: "id=<contract id> or number=<contract id>",
            }),
            behavior_code: Type.Optional(Type.String({ maxLength: 64 })),
            life_cycle_state: Type.Optional(Type.String({ maxLength: 64 })),
            fields_set: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    (req) =>
      runRead(req, async (ctx) => {
        const m = /^(id|number)=(.+)$/.exec(req.query.subscription_identifier);
        if (!m) {
          throw invalid("invalid_identifier", "subscription_identifier is id=… or number=…", {
            field: "subscription_identifier",
          });
        }
        const state = req.query.life_cycle_state?.toLowerCase();
        if (state && !["executed", "scheduled", "cancelled", "rejected"].includes(state)) {
          throw invalid(
            "invalid_parameter",
            `unknown life_cycle_state ${req.query.life_cycle_state}`,
            {
              field: "life_cycle_state",
            },
          );
        }
        const page = await listActions(ctx, {
          limit: 100,
          contract_id: m[2],
          state: state as SubscriptionAction["state"] | undefined,
          behaviour_code: req.query.behavior_code?.toLowerCase(),
        });
        return ok(page.data.map((a) => project(toCrm(a), req.query.fields_set)));
      }),
  );

  app.post(
    "/subscriptions/actions/cancel",
    {
      config: { operation: "subscription_actions.cancel" },
      schema: {
        body: Type.Object(
          {
            token: Type.Optional(Type.String({ maxLength: 200 })),
            subscription_action_identifier: identifier("id", "number"),
            fields_set: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        const [key, value] = given(
          req.body.subscription_action_identifier,
          "subscription_action_identifier",
        )!;
        let id = value;
        if (key === "number") {
          if (!/^[0-9]{1,15}$/.test(value)) {
            throw notFound("subscription_action_not_found", `no action number ${value}`);
          }
          const found = await findActionIdByNumber(ctx.db, ctx.tenantId, value);
          if (!found) throw notFound("subscription_action_not_found", `no action number ${value}`);
          id = found;
        }
        const done = await cancelAction(ctx, id);
        return { status: 200, body: ok(project(toCrm(done), req.body.fields_set)) };
      }),
  );
};
