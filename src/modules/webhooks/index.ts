export { type Resolver, systemResolver } from "./address.js";
export {
  attempt,
  claimDue,
  DEFAULT_DELIVERY_OPTIONS,
  type DeliveryOptions,
  fanOutBatch,
  record,
} from "./delivery.js";
export { type EventRecord, registerWebhookFormat } from "./formats.js";
export { countDeliveries } from "./webhooks.repository.js";
export {
  checkEndpointUrlAhead,
  createEndpoint,
  type DestinationPolicy,
  deleteEndpoint,
  listEndpoints,
  type WebhookEndpoint,
} from "./webhooks.service.js";
