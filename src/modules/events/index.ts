export { type Event, findEventRow, listEventRows, toEvent } from "./events.js";
export { insertEvent, insertEvents } from "./outbox.js";
