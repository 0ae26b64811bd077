/**
 * The HTTP application: Fastify with TypeBox schemas, one error mapper, authentication and
 * authorization driven by the operation catalog, and the OpenAPI document built from the
 * route schemas.
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from "fastify";
import type { Kysely } from "kysely";
import { BILLWERK_PREFIX, billwerkApi } from "../compat/billwerk/plugin.js";
import { billwerkErrorHandler } from "../compat/billwerk/wire.js";
import {
  CHARGEBEE_PREFIX,
  chargebeeApi,
  chargebeeErrorHandler,
} from "../compat/chargebee/plugin.js";
import { CRM_PREFIX, crmApi, crmErrorHandler } from "../compat/crmcom/plugin.js";
import { HUAWEI_PREFIX, huaweiApi, huaweiErrorHandler } from "../compat/huawei/plugin.js";
import type { Config, TrustProxy } from "../config.js";
import { forbidden, rateLimited } from "../domain/errors.js";
import { getOperation, isAllowed, type OperationId } from "../domain/operations.js";
import { defaultSender } from "../jobs/messages.js";
import { newId } from "../lib/ids.js";
import type { Verdict } from "../lib/rate-limit.js";
import { apiKeyRoutes } from "../modules/access/api-keys.routes.js";
import { consoleUserRoutes } from "../modules/access/console-users.routes.js";
import {
  authenticate,
  authenticateSecret,
  configurePrincipalCache,
  configureSealingKey,
  localRateLimiter,
  localSignInLimiter,
  type Principal,
  type RequestLimiter,
  sharedRateLimiter,
  sharedSignInLimiter,
} from "../modules/access/index.js";
import { oauthRoutes } from "../modules/access/oauth.routes.js";
import { roleRoutes } from "../modules/access/roles.routes.js";
import { actionRoutes } from "../modules/actions/actions.routes.js";
import { auditRoutes } from "../modules/audit/audit.routes.js";
import { insertAuditRecords } from "../modules/audit/index.js";
import { catalogRoutes } from "../modules/catalog/catalog.routes.js";
import { discountRoutes } from "../modules/catalog/discounts.routes.js";
import { clockRoutes } from "../modules/clock/clock.routes.js";
import { advanceBillingRoutes } from "../modules/contracts/advance-billing.routes.js";
import { contractItemRoutes } from "../modules/contracts/contract-items.routes.js";
import { contractRoutes } from "../modules/contracts/contracts.routes.js";
import { contractImportRoutes } from "../modules/contracts/imports.routes.js";
import { authenticatePortal } from "../modules/contracts/index.js";
import { contractLifecycleRoutes } from "../modules/contracts/lifecycle.routes.js";
import { creditRoutes } from "../modules/credits/credits.routes.js";
import { customerContactRoutes } from "../modules/customers/contacts.routes.js";
import { customerRoutes } from "../modules/customers/customers.routes.js";
import { customerHierarchyRoutes } from "../modules/customers/hierarchy.routes.js";
import { ENTITY_SCHEMAS, entityRoutes } from "../modules/entities/entities.routes.js";
import { fulfilmentRoutes } from "../modules/fulfilment/fulfilment.routes.js";
import { giftRoutes } from "../modules/gifts/gifts.routes.js";
import { hostedPageRoutes } from "../modules/hosted-pages/hosted-pages.routes.js";
import { authenticateHostedPage } from "../modules/hosted-pages/index.js";
import { EINVOICE_SCHEMAS, einvoiceRoutes } from "../modules/invoicing/einvoice.routes.js";
import { estimateRoutes } from "../modules/invoicing/estimates.routes.js";
import { INVOICING_SCHEMAS, invoicingRoutes } from "../modules/invoicing/invoicing.routes.js";
import { regenerateInvoiceRoutes } from "../modules/invoicing/regenerate.routes.js";
import { invoiceSendRoutes } from "../modules/messages/invoice-send.routes.js";
import { messageRoutes, messageTemplateRoutes } from "../modules/messages/messages.routes.js";
import { partnerRoutes } from "../modules/partners/partners.routes.js";
import { gatewayAccountRoutes } from "../modules/payments/gateway-accounts.routes.js";
import { gatewayEventRoutes } from "../modules/payments/gateway-events.routes.js";
import { paymentSourceRoutes } from "../modules/payments/payment-sources.routes.js";
import { paymentRoutes } from "../modules/payments/payments.routes.js";
import { portalGiftPageRoutes } from "../modules/portal/gift-pages.routes.js";
import { portalHostedPageRoutes } from "../modules/portal/hosted-pages.routes.js";
import { portalApiRoutes } from "../modules/portal/portal.routes.js";
import { quoteRoutes } from "../modules/quotes/quotes.routes.js";
import { reportRoutes } from "../modules/reports/reports.routes.js";
import { ErrorSchema } from "../modules/schemas.js";
import { systemRoutes } from "../modules/system/system.routes.js";
import { taxRoutes } from "../modules/taxes/taxes.routes.js";
import { tenantRoutes } from "../modules/tenants/tenants.routes.js";
import { usageRoutes } from "../modules/usage/usage.routes.js";
import {
  type DestinationPolicy,
  type Resolver,
  systemResolver,
} from "../modules/webhooks/index.js";
import { webhookRoutes } from "../modules/webhooks/webhooks.routes.js";
import type { Backend } from "../storage/db.js";
import type { DB } from "../storage/schema.js";
import { checkEncoding, errorHandler, mapError, rawClientError } from "./errors.js";
import { checkInput } from "./input.js";
import { lazyCompilers } from "./lazy-compilers.js";
import { redactUrl } from "./redact.js";
import { validatorCompiler } from "./validation.js";
import { webRoutes } from "./web.js";

declare module "fastify" {
  interface FastifyInstance {
    db: Kysely<DB>;
    backend: Backend;
    /** Base URL for links handed out (portal, documents). */
    publicUrl: string;
    /** The sender address of messages whose business entity has none (ACCRUE_SMTP_FROM). */
    messageSender: string;
    /**
     * Where webhook endpoints may point (ACCRUE_WEBHOOK_ALLOW_PRIVATE), checked as they are
     * made, and how their host names resolve then.
     */
    webhookDestinations: DestinationPolicy;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Id of the catalog operation this route performs (src/domain/operations.ts). */
    operation?: OperationId;
    /**
     * The caller's credential travels in the body or query (CRM.COM's `token`): the route
     * admits the caller itself once they are parsed, and the credential is no part of the
     * request's idempotency fingerprint.
     */
    credentialsInBody?: boolean;
  }
}

export type AppOptions = {
  db: Kysely<DB>;
  backend: Backend;
  config: Pick<Config, "bodyLimit" | "logLevel" | "publicUrl"> &
    Partial<
      Pick<
        Config,
        | "authCacheMs"
        | "rateLimit"
        | "gatewayEventRateLimit"
        | "webhookAllowPrivate"
        | "secretKey"
        | "previousSecretKeys"
        | "trustProxy"
      >
    > &
    Partial<Pick<Config, "smtpFrom">>;
  /** A pino logger to use; absent: a new one at config.logLevel. */
  logger?: FastifyBaseLogger;
  /** How webhook endpoint host names resolve when endpoints are made; absent: the system's. */
  webhookResolver?: Resolver;
};

export type App = FastifyInstance;

/** Billwerk clients may send the token as `?access_token=` instead of a header. */
function authenticateBillwerk(db: Kysely<DB>, req: FastifyRequest) {
  const token = (req.query as Record<string, unknown> | undefined)?.access_token;
  if (!req.headers.authorization && typeof token === "string" && token.length > 0) {
    return authenticateSecret(db, token);
  }
  return authenticate(db, req.headers.authorization);
}

/** The customer portal's own API (see modules/portal). */
const PORTAL_API = "/portal/api";
/** A hosted page's part of it, opened by the page's own token (see modules/hosted-pages). */
const PORTAL_HOSTED_PAGE = `${PORTAL_API}/hosted_page`;

/** Huawei clients send their token as `X-Auth-Token`; `Authorization: Bearer` works too. */
function authenticateHuawei(db: Kysely<DB>, req: FastifyRequest) {
  const token = req.headers["x-auth-token"];
  if (!req.headers.authorization && typeof token === "string" && token.length > 0) {
    return authenticateSecret(db, token);
  }
  return authenticate(db, req.headers.authorization);
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The error handlers of the compatibility surfaces, by the prefix of their paths (matched
 * without regard to case, as routes are): a request refused before it is routed (a path
 * that is not well-formed, a path parameter too long) is answered in the error envelope of
 * the surface it was sent to.
 */
const SURFACE_ERRORS = [
  [`${CHARGEBEE_PREFIX}/`, chargebeeErrorHandler],
  [`${BILLWERK_PREFIX}/`, billwerkErrorHandler],
  [`${CRM_PREFIX}/`, crmErrorHandler],
  [`${HUAWEI_PREFIX}/`, huaweiErrorHandler],
] as const;

/**
 * ACCRUE_TRUST_PROXY as Fastify takes it. A hop count trusts the nearest N peers, whoever
 * they are (Fastify's own number form trusts none).
 */
function trustProxyOption(
  trust: TrustProxy | undefined,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return trust ?? false;
}

export async function buildApp(options: AppOptions): Promise<App> {
  configurePrincipalCache(options.config.authCacheMs ?? 1000);
  configureSealingKey(options.config.secretKey, options.config.previousSecretKeys);
  const compilers = lazyCompilers(validatorCompiler);
  const app = Fastify({
    schemaController: { compilersFactory: { buildSerializer: compilers.buildSerializer } },
    ...(options.logger
      ? { loggerInstance: options.logger }
      : { logger: { level: options.config.logLevel } }),
    bodyLimit: options.config.bodyLimit,
    // the client address (req.ip: rate limits, sign-in limits) read through trusted proxies
    trustProxy: trustProxyOption(options.config.trustProxy),
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : newId("request");
    },
    // one line per request is written by the onResponse hook below
    logController: new LogController({ disableRequestLogging: true }),
    // errors Fastify raises before routing (bad URL encoding…) get the same envelope
    frameworkErrors: (error, req, reply) => {
      const url = req.url.toLowerCase();
      const surface = SURFACE_ERRORS.find(([prefix]) => url.startsWith(prefix));
      if (surface) return surface[1](error, req as FastifyRequest, reply as FastifyReply);
      const { status, body } = mapError(error, req.id);
      void (reply as FastifyReply).status(status).send(body);
    },
    clientErrorHandler: rawClientError,
    // Billwerk clients write /Customers/ and /customers alike; signed document links carry
    // their token in the path
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 1024 },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // JSON only: other media types are 415 rather than parsed as text
  app.removeContentTypeParser("text/plain");

  compilers.register(app);
  app.setValidatorCompiler(compilers.validatorCompiler);
  app.decorate("db", options.db);
  app.decorate("backend", options.backend);
  app.decorate("publicUrl", options.config.publicUrl);
  app.decorate(
    "messageSender",
    defaultSender({ smtpFrom: options.config.smtpFrom, publicUrl: options.config.publicUrl }),
  );
  app.decorate("webhookDestinations", {
    allowPrivate: options.config.webhookAllowPrivate ?? false,
    resolve: options.webhookResolver ?? systemResolver,
  } satisfies DestinationPolicy);
  app.decorateRequest("principal", null);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    const { body } = mapError(new Error("not found"), req.id);
    body.error.code = "route_not_found";
    body.error.message = `no route ${req.method} ${req.url.split("?")[0]}`;
    return reply.status(404).send(body);
  });
  app.addHook("onRequest", async (req, reply) => {
    reply.header("x-request-id", req.id);
    checkEncoding(req.headers);
  });
  app.addHook("preValidation", async (req) => {
    checkInput("path", req.params);
    checkInput("query", req.query);
    checkInput("body", req.body);
  });
  // one log line per request, carrying the request id
  app.addHook("onResponse", async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        url: redactUrl(req.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        tenant: req.principal?.tenantId,
      },
      "request",
    );
  });

  // Every API route names its catalog operation; the catalog fills in its documentation.
  app.addHook("onRoute", (route) => {
    const id = route.config?.operation;
    const api =
      route.url.startsWith("/v1") ||
      route.url.startsWith(BILLWERK_PREFIX) ||
      route.url.startsWith(CRM_PREFIX) ||
      route.url.startsWith(PORTAL_API) ||
      route.url.startsWith(`${HUAWEI_PREFIX}/`);
    if (!id) {
      if (api) throw new Error(`route ${route.url} declares no operation`);
      return;
    }
    const op = getOperation(id);
    if (!op) throw new Error(`route ${route.url} names unknown operation ${id}`);
    route.schema ??= {};
    const schema = route.schema as Record<string, unknown>;
    // an optional body may be left out entirely: it then reads as an empty object
    const body = schema.body as { "~optional"?: boolean } | undefined;
    if (body?.["~optional"]) {
      const defaultBody = async (req: FastifyRequest) => {
        if (req.body === undefined || req.body === null) req.body = {};
      };
      const existing = route.preValidation;
      route.preValidation = existing
        ? [defaultBody, ...(Array.isArray(existing) ? existing : [existing])]
        : defaultBody;
    }
    // GET and its implicit HEAD route share one schema object: enrich it once
    if (schema.operationId === op.id) return;
    // compatibility surfaces reuse native operations; the reference documents the native API
    // (the portal's API serves the portal page alone)
    if (
      route.url.startsWith(BILLWERK_PREFIX) ||
      route.url.startsWith(CRM_PREFIX) ||
      route.url.startsWith(PORTAL_API) ||
      route.url.startsWith(`${HUAWEI_PREFIX}/`)
    ) {
      schema.hide = true;
      return;
    }
    schema.operationId = op.id;
    schema.summary = op.summary;
    schema.tags = [op.tag];
    if (op.permissions.length > 0) {
      schema.security = [{ apiKey: [] }];
      schema.description = [
        schema.description,
        `Permissions (any one of): ${op.permissions.map((p) => `\`${p}\``).join(", ")}.`,
        op.mutation ? "Accepts `Idempotency-Key`; audited." : undefined,
      ]
        .filter(Boolean)
        .join("\n\n");
      schema.response ??= {};
      const response = schema.response as Record<string, unknown>;
      response["4XX"] ??= { $ref: "Error#" };
    }
  });

  // Rate limits, authentication and authorization, before the body is even validated.
  // per process on embedded PGlite; shared by every process on PostgreSQL
  const rate = options.config.rateLimit ?? 1000;
  const limiter =
    options.backend === "postgres"
      ? sharedRateLimiter(options.db, rate, {
          onError: (err) => app.log.warn({ err }, "rate limit counters unavailable"),
        })
      : localRateLimiter(rate);
  // console sign-in failures, per client address and e-mail address: the same split
  const signInLimiter =
    options.backend === "postgres"
      ? sharedSignInLimiter(options.db, {
          onError: (err) => app.log.warn({ err }, "sign-in counters unavailable"),
        })
      : localSignInLimiter();
  // gateway events (webhooks): per gateway account and client address, at their own rate
  const eventRate = options.config.gatewayEventRateLimit ?? 50;
  const eventLimiter =
    options.backend === "postgres"
      ? sharedRateLimiter(options.db, eventRate, {
          onError: (err) => app.log.warn({ err }, "rate limit counters unavailable"),
        })
      : localRateLimiter(eventRate);
  const limitWith = async (
    by: RequestLimiter,
    code: "rate_limited" | "gateway_events_rate_limited",
    reply: FastifyReply,
    caller: string,
  ) => {
    if (!by.enabled) return;
    applyVerdict(await by.take(caller), code, reply);
  };
  /** Answers a request with its rate limit: the headers, and 429 when it is refused. */
  const applyVerdict = (
    verdict: Verdict,
    code: "rate_limited" | "gateway_events_rate_limited",
    reply: FastifyReply,
  ) => {
    reply.header("x-ratelimit-limit", verdict.limit);
    reply.header("x-ratelimit-remaining", verdict.remaining);
    if (!verdict.allowed) {
      reply.header("retry-after", verdict.retryAfter);
      throw rateLimited(
        code,
        `too many requests: at most ${verdict.limit} a second; retry after ${verdict.retryAfter} s`,
        { limit: verdict.limit, retry_after_seconds: verdict.retryAfter },
      );
    }
  };
  const limit = (reply: FastifyReply, caller: string) =>
    limitWith(limiter, "rate_limited", reply, caller);
  /**
   * Admits a request to its operation: the caller's credentials (resolved by `credentials`),
   * its rate limit, and the operation's permissions. Routes whose credentials travel in the
   * body (CRM.COM's `token`) call this after parsing; all others before.
   */
  const admit = async (
    req: FastifyRequest,
    reply: FastifyReply,
    credentials: () => Promise<Principal>,
  ): Promise<void> => {
    const id = req.routeOptions.config.operation;
    const op = id ? getOperation(id) : undefined;
    const address = `address:${req.ip}`;
    if (!op || op.permissions.length === 0) {
      // credential exchanges are limited per client address
      if (op?.credentialExchange) await limit(reply, address);
      // a gateway's webhooks per gateway account and client address
      if (op?.gatewayWebhook) {
        const account = (req.params as { account_id?: unknown } | undefined)?.account_id;
        await limitWith(
          eventLimiter,
          "gateway_events_rate_limited",
          reply,
          `gateway_events:${typeof account === "string" ? account : ""} ${address}`,
        );
      }
      return;
    }
    let principal: Principal;
    try {
      principal = await credentials();
    } catch (error) {
      // guessing credentials costs the guesser's address its budget
      await limit(reply, address);
      throw error;
    }
    const caller = `${principal.actor.type}:${principal.actor.id}`;
    if (limiter.enabled) {
      // the caller's budget is taken in the statement that checks its address's: an address
      // that spent its budget on wrong credentials is refused, even with a good key
      const verdict = await limiter.takeIfAddressHas(caller, address);
      if (verdict === null) {
        await limit(reply, address);
        await limit(reply, caller);
      } else {
        applyVerdict(verdict, "rate_limited", reply);
      }
    }
    req.principal = principal;
    // a partner-bound credential runs partner operations only
    if (principal.partnerId && !op.partnerScope) {
      throw forbidden(
        "partner_credential_scope",
        `${op.id} is not a partner operation: a credential bound to a partner cannot call it`,
        { operation: op.id },
      );
    }
    if (!isAllowed(op, principal.permissions)) {
      await insertAuditRecords(app.db, [
        {
          tenantId: principal.tenantId,
          tenantTime: principal.testClockNow ?? new Date(),
          actorType: principal.actor.type,
          actorId: principal.actor.id,
          operation: op.id,
          outcome: "denied",
          requestId: req.id,
        },
      ]);
      throw forbidden(
        "permission_denied",
        `${op.id} needs one of these permissions: ${op.permissions.join(", ")}`,
        { operation: op.id, required_any_of: op.permissions },
      );
    }
  };
  app.addHook("onRequest", async (req, reply) => {
    // a token in the body (CRM.COM's): the route admits after parsing (see crmApi)
    if (req.routeOptions.config.credentialsInBody) return;
    await admit(req, reply, () =>
      req.url.startsWith(BILLWERK_PREFIX)
        ? authenticateBillwerk(app.db, req)
        : req.routeOptions.url?.startsWith(PORTAL_API)
          ? req.routeOptions.url.startsWith(PORTAL_HOSTED_PAGE)
            ? authenticateHostedPage(app.db, req.headers.authorization)
            : authenticatePortal(app.db, req.headers.authorization)
          : req.url.startsWith(`${HUAWEI_PREFIX}/`)
            ? authenticateHuawei(app.db, req)
            : authenticate(app.db, req.headers.authorization),
    );
  });

  // every shared schema on the root: see INVOICING_SCHEMAS for why never in a plugin
  app.addSchema(ErrorSchema);
  for (const schema of INVOICING_SCHEMAS) app.addSchema(schema);
  for (const schema of EINVOICE_SCHEMAS) app.addSchema(schema);
  for (const schema of ENTITY_SCHEMAS) app.addSchema(schema);

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Accrue API",
        version: "0.1.0",
        description:
          'Subscription billing. Errors are `{"error":{"code","message","details","request_id"}}`; money is in decimal strings; lists are cursor-paginated.',
      },
      servers: [{ url: options.config.publicUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: "http", scheme: "bearer", description: "An Accrue API key (ak_…)" },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs", staticCSP: true });

  await app.register(systemRoutes);
  await app.register(billwerkApi, { prefix: BILLWERK_PREFIX });
  await app.register(chargebeeApi, { prefix: CHARGEBEE_PREFIX });
  await app.register(oauthRoutes);
  await app.register(tenantRoutes, { prefix: "/v1" });
  await app.register(apiKeyRoutes, { prefix: "/v1" });
  await app.register(roleRoutes, { prefix: "/v1" });
  await app.register(consoleUserRoutes, { prefix: "/v1", signInLimiter });
  await app.register(customerRoutes, { prefix: "/v1" });
  await app.register(customerContactRoutes, { prefix: "/v1" });
  await app.register(customerHierarchyRoutes, { prefix: "/v1" });
  await app.register(catalogRoutes, { prefix: "/v1" });
  await app.register(discountRoutes, { prefix: "/v1" });
  await app.register(contractRoutes, { prefix: "/v1" });
  await app.register(contractItemRoutes, { prefix: "/v1" });
  await app.register(contractLifecycleRoutes, { prefix: "/v1" });
  await app.register(contractImportRoutes, { prefix: "/v1" });
  await app.register(advanceBillingRoutes, { prefix: "/v1" });
  await app.register(regenerateInvoiceRoutes, { prefix: "/v1" });
  await app.register(einvoiceRoutes, { prefix: "/v1" });
  await app.register(estimateRoutes, { prefix: "/v1" });
  await app.register(quoteRoutes, { prefix: "/v1" });
  await app.register(hostedPageRoutes, { prefix: "/v1" });
  await app.register(giftRoutes, { prefix: "/v1" });
  await app.register(usageRoutes, { prefix: "/v1" });
  await app.register(auditRoutes, { prefix: "/v1" });
  await app.register(clockRoutes, { prefix: "/v1" });
  await app.register(webhookRoutes, { prefix: "/v1" });
  await app.register(messageRoutes, { prefix: "/v1" });
  await app.register(messageTemplateRoutes, { prefix: "/v1" });
  await app.register(invoiceSendRoutes, { prefix: "/v1" });
  await app.register(invoicingRoutes, { prefix: "/v1" });
  await app.register(taxRoutes, { prefix: "/v1" });
  await app.register(entityRoutes, { prefix: "/v1" });
  await app.register(actionRoutes, { prefix: "/v1" });
  await app.register(paymentRoutes, { prefix: "/v1" });
  await app.register(paymentSourceRoutes, { prefix: "/v1" });
  await app.register(gatewayAccountRoutes, { prefix: "/v1" });
  await app.register(gatewayEventRoutes, { prefix: "/v1" });
  await app.register(creditRoutes, { prefix: "/v1" });
  await app.register(partnerRoutes, { prefix: "/v1" });
  await app.register(fulfilmentRoutes, { prefix: "/v1" });
  await app.register(huaweiApi, { prefix: HUAWEI_PREFIX });
  await app.register(reportRoutes, { prefix: "/v1" });
  await app.register(portalApiRoutes, { prefix: PORTAL_API });
  await app.register(portalHostedPageRoutes, { prefix: PORTAL_HOSTED_PAGE });
  await app.register(portalGiftPageRoutes, { prefix: PORTAL_HOSTED_PAGE });
  await app.register(webRoutes);
  await app.register(crmApi, { prefix: CRM_PREFIX, admit });

  return app;
}
