export { type Event, toEvent } from "./events.js";
export {
  type EventRow,
  findEventRow,
  listEventRows,
  lockUncomposedEvents,
  lockUnfannedEvents,
  markComposed,
  markFannedOut,
  outboxEvents,
} from "./events.repository.js";
export { EventSchema } from "./events.schemas.js";
export { eventsStatement, insertEvent, insertEvents } from "./outbox.js";
