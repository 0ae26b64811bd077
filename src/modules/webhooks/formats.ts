/**
 * Payload formats. An endpoint has a format that decides which events it subscribes to (the
 * vocabulary of its event filter) and what body it receives. Accrue's own is "native":
 * filters name native event types and the body is the full event, as GET /v1/events/{id}
 * returns it. A compatibility layer (e.g. Billwerk's thin payloads with its own event names)
 * registers its format here and creates endpoints through the same service.
 */
import type { Selectable } from "kysely";
import { filterMatches, normaliseEventFilter } from "../../domain/events.js";
import type { OutboxEventsTable } from "../../storage/schema.js";
import { toEvent } from "../events/index.js";

/** An outbox event as a webhook delivers it (the message composition's mark is not its business). */
export type EventRecord = Omit<Selectable<OutboxEventsTable>, "messages_composed_at">;

export interface WebhookFormat {
  /** Validates an endpoint's event filter, returning it normalised; throws an AccrueError. */
  normaliseFilter(filter: readonly string[]): string[];
  /** Whether an endpoint with this filter receives the event. */
  matches(filter: readonly string[], event: EventRecord): boolean;
  /** The JSON request body for the event. Must be deterministic: redeliveries resend it. */
  render(event: EventRecord): string;
}

export const nativeFormat: WebhookFormat = {
  normaliseFilter: (filter) => normaliseEventFilter(filter),
  matches: (filter, event) => filterMatches(filter, event.type),
  render: (event) => JSON.stringify(toEvent(event)),
};

const formats = new Map<string, WebhookFormat>([["native", nativeFormat]]);

/** Adds a format (at module load of a compatibility layer). */
export function registerWebhookFormat(name: string, format: WebhookFormat): void {
  if (formats.has(name)) throw new Error(`webhook format ${name} is registered already`);
  formats.set(name, format);
}

export function getWebhookFormat(name: string): WebhookFormat | undefined {
  return formats.get(name);
}
