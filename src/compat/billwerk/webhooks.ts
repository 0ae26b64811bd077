/**
 * Billwerk `webhooks`: HookDTO `{Url, Events}` over the webhook module, delivering Billwerk's
 * thin payloads (`{"Event":"CustomerCreated","EntityId":…,"CustomerId":…}`) under Billwerk's
 * event names. Receivers fetch the entity by its id, as Billwerk intends.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { invalid } from "../../domain/errors.js";
import { runMutation, runRead } from "../../http/execute.js";
import {
  checkEndpointUrlAhead,
  createEndpoint,
  deleteEndpoint,
  type EventRecord,
  listEndpoints,
  registerWebhookFormat,
  type WebhookEndpoint,
} from "../../modules/webhooks/index.js";
import { bwTimestamp, deletedReply } from "./wire.js";

type Payload = Record<string, unknown>;

const payloadOf = (event: EventRecord): Payload =>
  event.payload !== null && typeof event.payload === "object" ? (event.payload as Payload) : {};

/** A payment or refund is a payment transaction; a write-off or withheld tax is not. */
const isTransaction = (p: Payload) => p.kind === "payment" || p.kind === "refund";

/**
 * Native event type → Billwerk event name and the id field its thin payload carries (the
 * event's subject, or the payload field `idFrom` names).
 */
export const BILLWERK_EVENTS: Readonly<
  Record<
    string,
    { name: string; idField: string; idFrom?: string; when?: (payload: Payload) => boolean }
  >
> = {
  "customer.created": { name: "CustomerCreated", idField: "CustomerId" },
  "customer.updated": { name: "CustomerChanged", idField: "CustomerId" },
  "customer.deleted": { name: "CustomerDeleted", idField: "CustomerId" },
  "customer.locked": { name: "CustomerLocked", idField: "CustomerId" },
  "customer.unlocked": { name: "CustomerUnlocked", idField: "CustomerId" },
  "plan.created": { name: "PlanCreated", idField: "PlanId" },
  "plan_variant.created": { name: "PlanVariantCreated", idField: "PlanVariantId" },
  "component.created": { name: "ComponentCreated", idField: "ComponentId" },
  "plan.updated": { name: "PlanChanged", idField: "PlanId" },
  "plan_variant.updated": { name: "PlanVariantChanged", idField: "PlanVariantId" },
  "component.updated": { name: "ComponentChanged", idField: "ComponentId" },
  "order.succeeded": { name: "OrderSucceeded", idField: "OrderId" },
  "contract.created": { name: "ContractCreated", idField: "ContractId" },
  "contract.changed": { name: "ContractChanged", idField: "ContractId" },
  // a scheduled phase began: the trial ended, a future change took effect, the end came
  "contract.phase_started": { name: "ContractChanged", idField: "ContractId" },
  "contract.trial_end_approaching": { name: "TrialEndApproaching", idField: "ContractId" },
  // Billwerk's ContractCancelled fires when the end is set, not when it is reached
  "contract.ended": { name: "ContractCancelled", idField: "ContractId" },
  "component_subscription.created": { name: "ContractChanged", idField: "ContractId" },
  "component_subscription.ended": { name: "ContractChanged", idField: "ContractId" },
  // Billwerk announces documents once issued; a credit note corrects an invoice
  "invoice.finalized": { name: "InvoiceCreated", idField: "InvoiceId" },
  "credit_note.finalized": { name: "InvoiceCorrected", idField: "InvoiceId" },
  "component_subscription.superseded": { name: "ContractChanged", idField: "ContractId" },
  // a payment or refund recorded or charged, or a charge the gateway refused
  "payment.succeeded": {
    name: "PaymentSucceeded",
    idField: "PaymentTransactionId",
    idFrom: "id",
    when: isTransaction,
  },
  "payment.failed": {
    name: "PaymentFailed",
    idField: "PaymentTransactionId",
    idFrom: "id",
    when: isTransaction,
  },
  // an unpaid invoice reached a dunning step (a dunning notice), or its dunning was stopped
  "invoice.dunning_level_reached": { name: "DunningCreated", idField: "InvoiceId" },
  "invoice.dunning_stopped": { name: "PaymentEscalationReset", idField: "InvoiceId" },
  // a customer's payment source added, or made the one charged
  "payment_source.added": {
    name: "PaymentDataChanged",
    idField: "CustomerId",
    idFrom: "customer_id",
  },
  "payment_source.role_changed": {
    name: "PaymentDataChanged",
    idField: "CustomerId",
    idFrom: "customer_id",
  },
};

/** Ids a payload names that Billwerk's thin payloads carry too. */
const RELATED_IDS = {
  customer_id: "CustomerId",
  contract_id: "ContractId",
  invoice_id: "InvoiceId",
} as const;

/**
 * Every event name Billwerk documents (SEEDS §1.6). A hook may subscribe to any of them;
 * the ones BILLWERK_EVENTS maps are the ones Accrue emits today.
 */
export const BILLWERK_EVENT_NAMES: readonly string[] = [
  "AccountCreated",
  "OrderSucceeded",
  "ContractCreated",
  "ContractChanged",
  "ContractDataChanged",
  "ContractDeleted",
  "ContractCancelled",
  "CustomerCreated",
  "CustomerChanged",
  "CustomerDeleted",
  "CustomerLocked",
  "CustomerUnlocked",
  "DunningCreated",
  "InvoiceCreated",
  "InvoiceCorrected",
  "RecurringBillingApproaching",
  "TrialEndApproaching",
  "PaymentBearerExpiring",
  "PaymentBearerExpired",
  "DebitAuthCancelled",
  "PaymentDataChanged",
  "PaymentEscalated",
  "PaymentEscalationReset",
  "PaymentSucceeded",
  "PaymentFailed",
  "PaymentProcessStatusChanged",
  "PaymentRegistered",
  "PlanCreated",
  "PlanChanged",
  "PlanDeleted",
  "PlanVariantCreated",
  "PlanVariantChanged",
  "PlanVariantDeleted",
  "ComponentCreated",
  "ComponentChanged",
  "ComponentDeleted",
  "ReportSucceeded",
  "ReportFailed",
  "AccountingExportFileCreated",
  "AcctExportSucceeded",
  "AcctExportFailed",
  "InsufficientBalanceForNextBilling",
  "AutomaticDowngradeInsufficientBalance",
];

/** Billwerk's webhook format: its event names and thin payloads. */
export const billwerkWebhookFormat: Parameters<typeof registerWebhookFormat>[1] = {
  normaliseFilter(filter) {
    if (filter.length === 1 && filter[0] === "*") return ["*"];
    const unknown = filter.filter((name) => !BILLWERK_EVENT_NAMES.includes(name));
    if (unknown.length > 0) {
      throw invalid("unknown_event_type", `unknown Billwerk event ${unknown[0]}`, {
        field: "Events",
        unknown,
      });
    }
    return [...new Set(filter)].sort();
  },
  matches(filter, event: EventRecord) {
    const mapped = BILLWERK_EVENTS[event.type];
    return (
      mapped !== undefined &&
      (filter.includes("*") || filter.includes(mapped.name)) &&
      (mapped.when === undefined || mapped.when(payloadOf(event)))
    );
  },
  render(event: EventRecord) {
    const mapped = BILLWERK_EVENTS[event.type]!;
    const payload = payloadOf(event);
    const related: Record<string, string> = {};
    for (const [native, bw] of Object.entries(RELATED_IDS)) {
      if (typeof payload[native] === "string") related[bw] = payload[native];
    }
    const id = mapped.idFrom === undefined ? event.subject_id : payload[mapped.idFrom];
    return JSON.stringify({
      Event: mapped.name,
      EntityId: event.tenant_id,
      ...related,
      [mapped.idField]: id ?? null,
      EventId: event.id,
      Timestamp: bwTimestamp(event.occurred_at),
    });
  },
};

registerWebhookFormat("billwerk", billwerkWebhookFormat);

const toHook = (e: WebhookEndpoint) => ({
  Id: e.id,
  Url: e.url,
  Events: e.event_types,
  Enabled: e.enabled,
  CreatedAt: bwTimestamp(e.created_at),
});

const HookBody = Type.Object({
  Url: Type.String({ minLength: 1, maxLength: 2048 }),
  Events: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })),
});

export const billwerkWebhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get("/webhooks", { config: { operation: "webhook_endpoints.list" } }, (req) =>
    runRead(req, async (ctx) => {
      const page = await listEndpoints(ctx, { limit: 100 });
      return page.data.filter((e) => e.format === "billwerk").map(toHook);
    }),
  );

  app.post(
    "/webhooks",
    { config: { operation: "webhook_endpoints.create" }, schema: { body: HookBody } },
    async (req, reply) => {
      const checked = await checkEndpointUrlAhead(req.body.Url, req.server.webhookDestinations);
      return runMutation<ReturnType<typeof toHook> & { Secret: string | null }>(
        req,
        reply,
        async (ctx) => {
          const created = await createEndpoint(ctx, {
            url: checked(),
            event_types: req.body.Events && req.body.Events.length > 0 ? req.body.Events : ["*"],
            format: "billwerk",
          });
          const hook = toHook(created);
          // Standard Webhooks signing secret, shown once (Billwerk's HookDTO has no field for it)
          return {
            status: 201,
            body: { ...hook, Secret: created.secret },
            replayBody: { ...hook, Secret: null },
          };
        },
      );
    },
  );

  app.delete(
    "/webhooks/:id",
    {
      config: { operation: "webhook_endpoints.delete" },
      schema: { params: Type.Object({ id: Type.String({ maxLength: 64 }) }) },
    },
    async (req, reply) => {
      await runMutation(req, reply, async (ctx) => {
        await deleteEndpoint(ctx, req.params.id);
        return { status: 204, body: undefined };
      });
      return deletedReply(req, reply);
    },
  );
};
